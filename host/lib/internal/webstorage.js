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

const methods = {
  clear() {
    natives.clear(this);
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
    natives.removeItem(this, arguments[0]);
  },
  setItem() {
    checkArgs(this, 'setItem', arguments.length, 2);
    natives.setItem(this, arguments[0], arguments[1]);
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

module.exports = { Storage };
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
