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

// NODE_DEBUG's sections (comma separated, `*` a wildcard, no case), as the process started.
let debugPattern;
function debugEnabled(section) {
  if (debugPattern === undefined) {
    const sections = internals.nodeDebug ?? '';
    debugPattern = sections === ''
      ? null
      : new RegExp(`^${sections.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replaceAll('*', '.*').replaceAll(',', '$|^')}$`, 'i');
  }
  return debugPattern !== null && debugPattern.test(section);
}

// A logger that prints `SECTION pid: message` to stderr when NODE_DEBUG names the section.
function debuglog(section, onFirstUse) {
  let enabled;
  const isEnabled = () => (enabled ??= debugEnabled(section));
  let used = false;
  const logger = function debug(...args) {
    if (!used) {
      used = true;
      onFirstUse?.(logger);
    }
    if (isEnabled()) process.stderr.write(`${section.toUpperCase()} ${process.pid}: ${format(...args)}\n`);
  };
  Object.defineProperty(logger, 'enabled', { get: isEnabled, enumerable: true, configurable: true });
  return logger;
}

const ansiPattern = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d\/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d\/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;
function stripVTControlCharacters(text) {
  if (typeof text !== 'string') throw require('internal/errors').invalidArgType('str', 'of type string', text);
  return text.replace(ansiPattern, '');
}

function getSystemErrorName(errno) {
  if (typeof errno !== 'number') throw require('internal/errors').invalidArgType('err', 'of type number', errno);
  if (errno >= 0 || !Number.isSafeInteger(errno)) {
    const err = new RangeError(`The value of "err" is out of range. It must be a negative integer. Received ${errno}`);
    err.code = 'ERR_OUT_OF_RANGE';
    throw err;
  }
  const { errno: names } = require('os').constants;
  return Object.keys(names).find((name) => names[name] === -errno) ?? `Unknown system error ${errno}`;
}

// getCallSites([frameCount][, options]): the caller's frames. anode reads no source maps, so
// frames are as V8 reports them (what node gives for code without a source map).
function getCallSites(frameCount = 10, options) {
  const { codedError, invalidArgType } = require('internal/errors');
  const checkOptions = (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw invalidArgType('options', 'of type object', value);
    }
    if (value.sourceMap !== undefined && typeof value.sourceMap !== 'boolean') {
      throw invalidArgType('options.sourceMap', 'of type boolean', value.sourceMap);
    }
  };
  if (options === undefined) {
    if (typeof frameCount === 'object') {
      checkOptions(frameCount);
      frameCount = 10;
    }
  } else {
    checkOptions(options);
  }
  if (typeof frameCount !== 'number') throw invalidArgType('frameCount', 'of type number', frameCount);
  if (!Number.isInteger(frameCount)) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE',
      `The value of "frameCount" is out of range. It must be an integer. Received ${frameCount}`);
  }
  if (frameCount < 1 || frameCount > 200) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE',
      `The value of "frameCount" is out of range. It must be >= 1 && <= 200. Received ${frameCount}`);
  }
  return binding.getCallSites(frameCount);
}

module.exports = {
  getCallSites,
  format, formatWithOptions, inspect, promisify, callbackify, inherits, deprecate, types,
  debuglog, debug: debuglog, stripVTControlCharacters, getSystemErrorName,
  toUSVString: (string) => `${string}`.toWellFormed(),
  _extend: (target, source) => {
    if (source === null || typeof source !== 'object') return target;
    for (const key of Object.keys(source)) target[key] = source[key];
    return target;
  },
  isBoolean: (value) => typeof value === 'boolean',
  isBuffer: (value) => require('buffer').Buffer.isBuffer(value),
  isNull: (value) => value === null,
  isNullOrUndefined: (value) => value === null || value === undefined,
  isNumber: (value) => typeof value === 'number',
  isString: (value) => typeof value === 'string',
  isSymbol: (value) => typeof value === 'symbol',
  isUndefined: (value) => value === undefined,
  isRegExp: types.isRegExp,
  isObject: (value) => value !== null && typeof value === 'object',
  isDate: types.isDate,
  isError: (value) => types.isNativeError(value) || value instanceof Error,
  isFunction: (value) => typeof value === 'function',
  isPrimitive: (value) => value === null || (typeof value !== 'object' && typeof value !== 'function'),
  isDeepStrictEqual: (a, b) => require('assert').isDeepStrictEqual(a, b),
  isArray: Array.isArray,
  TextEncoder, TextDecoder,
};
