'use strict';
// inspector.DOMStorage: the events of node's DOMStorage domain a program reports itself
// (host/src/runtime/inspector_dom_storage.rs). Under --experimental-storage-inspection only,
// and while a session is connected, params are checked as node checks them and the events
// reach every session; registerStorage gives the sessions a storage's items instead. The
// program's own localStorage and sessionStorage report their changes here (reportChange), and
// are what DOMStorage.getDOMStorageItems answers for a storage nothing was registered for.

const { validateObject } = require('internal/errors');

const natives = binding.inspector();
const inspectionEnabled = internals.getOptionValue('--experimental-storage-inspection');

const missing = (what, where = 'event') => new TypeError(`Missing ${what} in ${where}`);

function string(object, key) {
  if (typeof object[key] !== 'string') throw missing(key);
  return object[key];
}

function storageId(params) {
  const id = params.storageId;
  if (id === null || typeof id !== 'object') throw missing('storageId');
  if (typeof id.securityOrigin !== 'string') throw missing('securityOrigin', 'storageId');
  if (typeof id.storageKey !== 'string') throw missing('storageKey', 'storageId');
  return { securityOrigin: id.securityOrigin, storageKey: id.storageKey, isLocalStorage: id.isLocalStorage === true };
}

const events = {
  domStorageItemAdded: (params) => ({ storageId: storageId(params), key: string(params, 'key'), newValue: string(params, 'newValue') }),
  domStorageItemRemoved: (params) => ({ storageId: storageId(params), key: string(params, 'key') }),
  domStorageItemUpdated: (params) => ({
    storageId: storageId(params),
    key: string(params, 'key'),
    oldValue: string(params, 'oldValue'),
    newValue: string(params, 'newValue'),
  }),
  domStorageItemsCleared: (params) => ({ storageId: storageId(params) }),
};

// Not an event of the protocol: a storage's items, for DOMStorage.getDOMStorageItems.
function registerStorage(params) {
  if (typeof params.isLocalStorage !== 'boolean') throw missing('isLocalStorage');
  const map = params.storageMap;
  if (map === null || typeof map !== 'object') throw missing('storageMap');
  let keys;
  try {
    keys = Object.keys(map);
  } catch {
    throw new TypeError('Failed to get property names from storageMap');
  }
  const items = [];
  // A value that does not convert to a string is registered as '' and its error thrown, as
  // node's conversion leaves it.
  let conversionError;
  for (const key of keys) {
    let value;
    try {
      value = map[key];
    } catch {
      throw new TypeError('Failed to get value from storageMap');
    }
    try {
      items.push([key, `${value}`]);
    } catch (error) {
      items.push([key, '']);
      conversionError = { error };
      break;
    }
  }
  natives.emitDomStorageEvent('registerStorage', JSON.stringify([params.isLocalStorage, items]));
  if (conversionError !== undefined) throw conversionError.error;
}

const DOMStorage = {};
for (const name of [...Object.keys(events), 'registerStorage']) {
  DOMStorage[name] = function(params = {}) {
    validateObject(params, 'params');
    if (!inspectionEnabled || !natives.hasSessions()) return;
    if (name === 'registerStorage') {
      registerStorage(params);
    } else {
      natives.emitDomStorageEvent(name, JSON.stringify(events[name](params)));
    }
  };
  Object.defineProperty(DOMStorage[name], 'name', { value: name });
}

// Where localStorage lives, as node resolves --localstorage-file: absolute, with the links of
// the part that exists resolved (std::filesystem::weakly_canonical).
let storageLocation;
function getStorageLocation() {
  if (storageLocation !== undefined) return storageLocation;
  const path = require('path');
  const { realpathSync } = require('fs');
  let existing = path.resolve(internals.getOptionValue('--localstorage-file') ?? '');
  const rest = [];
  for (;;) {
    try {
      existing = realpathSync(existing);
      break;
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) break;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
  storageLocation = path.join(existing, ...rest);
  return storageLocation;
}

// A change the program made to its localStorage or sessionStorage, for every session (the
// storage key of node's events is the location as it is, not percent-encoded).
function reportChange(isLocalStorage, name, params) {
  if (!natives.hasSessions()) return;
  const storageId = { securityOrigin: '', storageKey: `file://${getStorageLocation()}`, isLocalStorage };
  natives.emitDomStorageEvent(name, JSON.stringify({ storageId, ...params }));
}

// The items of the program's storage, for sessions that had none registered: none without
// --experimental-webstorage (or when localStorage has no location).
function storedItems(isLocalStorage) {
  if (!internals.getOptionValue('--experimental-webstorage')) return '[]';
  let storage;
  try {
    storage = require('internal/webstorage')[isLocalStorage ? 'localStorage' : 'sessionStorage'];
  } catch {
    return '[]';
  }
  return JSON.stringify(require('internal/webstorage').items(storage));
}

// Under --experimental-storage-inspection: gives the inspector the Storage domain's key
// (Storage.getStorageKey) and the program's storages.
function register() {
  const { pathToFileURL } = require('url');
  natives.setDomStorageSource(pathToFileURL(getStorageLocation()).href, storedItems);
}

module.exports = { DOMStorage, register, reportChange };
