// Flags: --experimental-storage-inspection
// Node's DOMStorage domain: inspector.DOMStorage's checks, its events for every session
// (enabled or not), registerStorage's items for getDOMStorageItems, the commands node refuses.
'use strict';
const inspector = require('inspector');

const attempt = (f) => {
  try {
    f();
    return 'ok';
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
};
const storageId = { securityOrigin: '', isLocalStorage: true, storageKey: 'k' };
console.log('no session', attempt(() => inspector.DOMStorage.domStorageItemAdded({})));

const session = new inspector.Session();
session.connect();
session.on('inspectorNotification', (message) => console.log('event', JSON.stringify(message)));
// (Node lists a storage's items in its hash map's order: they are shown sorted.)
const post = (method, params) => new Promise((resolve) => {
  session.post(method, params, (error, result) => {
    result?.entries?.sort(([a], [b]) => (a < b ? -1 : 1));
    resolve(error ? `${error.code} ${error.message}` : JSON.stringify(result));
  });
});

(async () => {
  inspector.DOMStorage.domStorageItemRemoved({ storageId, key: 'before enable' });
  console.log(await post('DOMStorage.getDOMStorageItems', { storageId }));
  console.log(await post('DOMStorage.enable'));
  for (const [name, params] of [
    ['domStorageItemAdded', { storageId: { securityOrigin: '', storageKey: 'k' }, key: 'a', newValue: 'b' }],
    ['domStorageItemAdded', { storageId, key: 1, newValue: 'b' }],
    ['domStorageItemUpdated', { storageId, key: 'a', oldValue: 'b', newValue: 'c', extra: 1 }],
    ['domStorageItemUpdated', { storageId, key: 'a' }],
    ['domStorageItemsCleared', { storageId: { securityOrigin: 1 } }],
    ['domStorageItemsCleared', { storageId: { securityOrigin: '' } }],
    ['domStorageItemRemoved', { storageId: { ...storageId, isLocalStorage: 1 }, key: 'a' }],
    ['registerStorage', { isLocalStorage: 'yes', storageMap: {} }],
    ['registerStorage', { isLocalStorage: true, storageMap: null }],
    ['registerStorage', { isLocalStorage: true, storageMap: { a: 1 } }],
    ['registerStorage', { isLocalStorage: false, storageMap: { b: null } }],
    ['registerStorage', { isLocalStorage: true, storageMap: { d: Symbol('s') } }],
    ['registerStorage', { isLocalStorage: true, storageMap: new Proxy({}, { ownKeys() { throw new Error('boom'); } }) }],
  ]) {
    console.log(name, attempt(() => inspector.DOMStorage[name](params)));
  }
  console.log(attempt(() => inspector.DOMStorage.registerStorage('x')));
  console.log(await post('DOMStorage.getDOMStorageItems', { storageId }));
  console.log(await post('DOMStorage.getDOMStorageItems', { storageId: { ...storageId, isLocalStorage: false } }));
  console.log(await post('DOMStorage.getDOMStorageItems', {}));
  console.log(await post('DOMStorage.setDOMStorageItem', { storageId, key: 'x', value: 'y' }));
  console.log(await post('DOMStorage.clear', {}));
  console.log(await post('DOMStorage.removeDOMStorageItem', { storageId, key: 'x' }));
  console.log(await post('DOMStorage.nothing'));
  console.log(await post('DOMStorage.disable'));
  inspector.DOMStorage.domStorageItemRemoved({ storageId, key: 'after disable' });
  session.disconnect();
})();
