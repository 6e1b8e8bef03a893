'use strict';
// Web Storage (--experimental-webstorage): Storage, localStorage (kept in the SQLite database
// --localstorage-file names, opened when first used) and sessionStorage (in memory). A
// storage's properties are its items (runtime/webstorage.rs); its methods are natives that
// take it first.

const { codedError, nativeError } = require('internal/errors');
const { emitExperimentalWarning } = require('internal/warning');

const natives = binding.webstorage();
const kConstructorKey = Symbol('kConstructorKey');
const kInMemoryPath = ':memory:';

emitExperimentalWarning('Web Storage');

// node's Storage is a native constructor only its own code may call.
function Storage() {
  if (arguments[0] !== kConstructorKey || new.target === undefined) {
    throw nativeError(Error, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }
  const storage = natives.create(arguments[1]);
  Object.setPrototypeOf(storage, new.target.prototype);
  return storage;
}
Object.defineProperty(Storage, 'length', { value: 0 });

// Methods as node's: no declared parameters; `this` is checked before the arguments.
function checkArgs(storage, method, given, count) {
  natives.check(storage);
  if (given < count) {
    throw nativeError(TypeError, 'ERR_MISSING_ARGS',
      `Failed to execute '${method}' on 'Storage': ${count} argument${count === 1 ? '' : 's'} required`);
  }
}

// --experimental-storage-inspection: the sessions hear of each change a method makes.
const inspected = internals.getOptionValue('--experimental-storage-inspection');
function reportChange(storage, name, params) {
  if (storage !== localStorage && storage !== sessionStorage) return;
  require('internal/inspector/dom_storage').reportChange(storage === localStorage, name, params);
}

const methods = {
  clear() {
    natives.clear(this);
    if (inspected) reportChange(this, 'domStorageItemsCleared', {});
  },
  getItem() {
    checkArgs(this, 'getItem', arguments.length, 1);
    return natives.getItem(this, arguments[0]);
  },
  key() {
    checkArgs(this, 'key', arguments.length, 1);
    return natives.key(this, arguments[0]);
  },
  removeItem() {
    checkArgs(this, 'removeItem', arguments.length, 1);
    if (!inspected) return natives.removeItem(this, arguments[0]);
    const key = `${arguments[0]}`;
    natives.removeItem(this, key);
    reportChange(this, 'domStorageItemRemoved', { key });
  },
  setItem() {
    checkArgs(this, 'setItem', arguments.length, 2);
    if (!inspected) return natives.setItem(this, arguments[0], arguments[1]);
    const key = `${arguments[0]}`;
    const newValue = `${arguments[1]}`;
    const oldValue = natives.getItem(this, key);
    natives.setItem(this, key, newValue);
    if (oldValue === null) {
      reportChange(this, 'domStorageItemAdded', { key, newValue });
    } else {
      reportChange(this, 'domStorageItemUpdated', { key, oldValue, newValue });
    }
  },
};
// The prototype's properties in node's order: length, the methods, constructor.
delete Storage.prototype.constructor;
Object.defineProperty(Storage.prototype, 'length', {
  get: function() { return natives.length(this); }, enumerable: true, configurable: false,
});
Object.assign(Storage.prototype, methods);
Object.defineProperty(Storage.prototype, 'constructor', { value: Storage, writable: true, configurable: true });

let localStorage;
let sessionStorage;

// A storage's items as [key, value] pairs (what the inspector's DOMStorage domain shows).
function items(storage) {
  const pairs = [];
  const count = natives.length(storage);
  for (let index = 0; index < count; index++) {
    const key = natives.key(storage, index);
    pairs.push([key, natives.getItem(storage, key)]);
  }
  return pairs;
}

module.exports = { Storage, items };
Object.defineProperties(module.exports, {
  localStorage: {
    enumerable: true,
    configurable: true,
    get() {
      if (localStorage === undefined) {
        const location = internals.getOptionValue('--localstorage-file') ?? '';
        if (location === '') {
          throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
            `The argument '--localstorage-file' is an invalid localStorage location. Received ''`);
        }
        localStorage = new Storage(kConstructorKey, location);
      }
      return localStorage;
    },
  },
  sessionStorage: {
    enumerable: true,
    configurable: true,
    get() {
      sessionStorage ??= new Storage(kConstructorKey, kInMemoryPath);
      return sessionStorage;
    },
  },
});
