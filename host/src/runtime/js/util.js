'use strict';
// util: formatting, inspection and the small helpers packages use.

const { inspect, format, formatWithOptions } = require('internal/inspect');
const kind = binding.kind;
const customPromisify = Symbol.for('nodejs.util.promisify.custom');

function promisify(original) {
  if (typeof original !== 'function') {
    const err = new TypeError('The "original" argument must be of type function');
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  if (original[customPromisify]) return original[customPromisify];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => {
        if (err) return reject(err);
        resolve(values.length > 1 ? values : values[0]);
      });
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = customPromisify;

function callbackify(original) {
  return function (...args) {
    const callback = args.pop();
    original.apply(this, args).then(
      (value) => process.nextTick(callback, null, value),
      (reason) => {
        if (!reason) {
          const err = new Error('Promise was rejected with a falsy value');
          err.code = 'ERR_FALSY_VALUE_REJECTION';
          err.reason = reason;
          reason = err;
        }
        process.nextTick(callback, reason);
      },
    );
  };
}

function inherits(ctor, superCtor) {
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const warned = new Set();
function deprecate(fn, message, code) {
  return function (...args) {
    if (!warned.has(code ?? message)) {
      warned.add(code ?? message);
      process.emitWarning(message, 'DeprecationWarning', code);
    }
    return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
  };
}

const types = {
  isPromise: (v) => kind(v) === 'promise',
  isMap: (v) => kind(v) === 'map',
  isSet: (v) => kind(v) === 'set',
  isWeakMap: (v) => kind(v) === 'weakmap',
  isWeakSet: (v) => kind(v) === 'weakset',
  isDate: (v) => kind(v) === 'date',
  isRegExp: (v) => kind(v) === 'regexp',
  isNativeError: (v) => kind(v) === 'error',
  isArrayBuffer: (v) => kind(v) === 'arraybuffer',
  isSharedArrayBuffer: (v) => kind(v) === 'sharedarraybuffer',
  isAnyArrayBuffer: (v) => kind(v) === 'arraybuffer' || kind(v) === 'sharedarraybuffer',
  isTypedArray: (v) => kind(v) === 'typedarray',
  isUint8Array: (v) => kind(v) === 'typedarray' && v[Symbol.toStringTag] === 'Uint8Array',
  isDataView: (v) => kind(v) === 'dataview',
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isBoxedPrimitive: (v) => kind(v) === 'boxed',
  isExternal: (v) => kind(v) === 'external',
  isProxy: (v) => kind(v) === 'proxy',
  isGeneratorObject: (v) => kind(v) === 'generator',
  isAsyncFunction: (v) => kind(v) === 'asyncfunction',
  isGeneratorFunction: (v) => kind(v) === 'generatorfunction',
  isMapIterator: (v) => kind(v) === 'mapiterator',
  isSetIterator: (v) => kind(v) === 'setiterator',
  isModuleNamespaceObject: (v) => kind(v) === 'module',
};

module.exports = {
  format, formatWithOptions, inspect, promisify, callbackify, inherits, deprecate, types,
  isDeepStrictEqual: (a, b) => require('assert').isDeepStrictEqual(a, b),
  isArray: Array.isArray,
  TextEncoder, TextDecoder,
};
