'use strict';
// Shared pieces of the WHATWG streams: node's errors for them, queue-with-sizes, promise
// helpers and the WebIDL conversions the constructors use.

const { codedError, invalidArgType } = require('internal/errors');

const kState = Symbol('kState');
const kType = Symbol('kType');

function invalidState(message) {
  return codedError(TypeError, 'ERR_INVALID_STATE', `Invalid state: ${message}`);
}

function invalidThis(type) {
  return codedError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
}

function invalidArgValue(name, value, reason = 'is invalid') {
  return require('internal/errors').invalidArgValue(name, value, reason);
}

function isBrand(value, type) {
  return value !== null && typeof value === 'object' && value[kType] === type;
}

// A promise with its settle functions, and whether it settled (for the spec's "is pending").
function deferred() {
  const d = { promise: undefined, resolve: undefined, reject: undefined, settled: false };
  d.promise = new Promise((resolve, reject) => {
    d.resolve = (v) => {
      d.settled = true;
      resolve(v);
    };
    d.reject = (e) => {
      d.settled = true;
      reject(e);
    };
  });
  return d;
}

function resolvedDeferred(value) {
  const d = deferred();
  d.resolve(value);
  return d;
}

function rejectedDeferred(reason) {
  const d = deferred();
  d.promise.catch(() => {});
  d.reject(reason);
  return d;
}

function markHandled(promise) {
  promise.then(undefined, () => {});
}

function reacting(promise, onFulfilled, onRejected) {
  return promise.then(onFulfilled, onRejected);
}

// Calls `fn` and gives its result as a promise; a throw becomes a rejection.
function promiseCall(fn, thisArg, ...args) {
  try {
    return Promise.resolve(Reflect.apply(fn, thisArg, args));
  } catch (err) {
    return Promise.reject(err);
  }
}

// ---- queue with sizes ----
function dequeueValue(container) {
  const pair = container.queue.shift();
  container.queueTotalSize = Math.max(0, container.queueTotalSize - pair.size);
  return pair.value;
}

function enqueueValueWithSize(container, value, size) {
  size = +size;
  if (typeof size !== 'number' || Number.isNaN(size) || size < 0 || size === Infinity) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `The argument 'size' is invalid. Received ${size}`);
  }
  container.queue.push({ value, size });
  container.queueTotalSize += size;
}

function peekQueueValue(container) {
  return container.queue[0].value;
}

function resetQueue(container) {
  container.queue = [];
  container.queueTotalSize = 0;
}

// ---- strategies ----
function extractHighWaterMark(strategy, defaultHWM) {
  const hwm = strategy?.highWaterMark;
  if (hwm === undefined) return defaultHWM;
  const value = +hwm;
  if (Number.isNaN(value) || value < 0) {
    const err = invalidArgValue('strategy.highWaterMark', hwm);
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', err.message);
  }
  return value;
}

function extractSizeAlgorithm(strategy) {
  const size = strategy?.size;
  if (size === undefined) return () => 1;
  if (typeof size !== 'function') throw invalidArgType('strategy.size', 'of type function', size);
  return (chunk) => size(chunk);
}

// WebIDL dictionary member that must be a function when present.
function optionalFunction(dict, name, context) {
  const value = dict?.[name];
  if (value === undefined) return undefined;
  // Node binds the member to its dictionary, so a non-function fails in Function.prototype.bind.
  if (typeof value !== 'function') throw new TypeError('Bind must be called on a function');
  return value;
}

function validateDictionary(value, name) {
  if (value !== undefined && value !== null && typeof value !== 'object' && typeof value !== 'function') {
    throw invalidArgType(name, 'of type object', value);
  }
}

function isDetached(buffer) {
  return buffer.detached === true;
}

function transferArrayBuffer(buffer) {
  return buffer.transfer();
}

function canTransferArrayBuffer(buffer) {
  return !isDetached(buffer) && !(typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer);
}

function cloneAsUint8Array(view) {
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

function copyDataBlockBytes(dest, destOffset, src, srcOffset, n) {
  new Uint8Array(dest, destOffset, n).set(new Uint8Array(src, srcOffset, n));
}

// A promise settled when a web stream closes (fulfilled) or errors (rejected with its error).
function whenStreamSettles(stream) {
  const state = stream[kState];
  if (state.state === 'closed') return Promise.resolve();
  if (state.state === 'errored') return Promise.reject(state.storedError);
  if (state.isClosed === undefined) {
    state.isClosed = deferred();
    markHandled(state.isClosed.promise);
  }
  return state.isClosed.promise;
}

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

// `Name { a: 1, ... }` as node shows stream objects.
function customInspect(self, name, fields, depth, options, inspect) {
  if (depth < 0) return self;
  const opts = { ...options, depth: options.depth === null ? null : options.depth - 1 };
  return `${name} ${inspect(fields, opts)}`;
}

module.exports = {
  kState, kType, invalidState, invalidThis, invalidArgValue, invalidArgType, codedError, isBrand,
  deferred, resolvedDeferred, rejectedDeferred, markHandled, reacting, promiseCall,
  dequeueValue, enqueueValueWithSize, peekQueueValue, resetQueue,
  extractHighWaterMark, extractSizeAlgorithm, optionalFunction, validateDictionary,
  isDetached, transferArrayBuffer, canTransferArrayBuffer, cloneAsUint8Array, copyDataBlockBytes,
  inspectCustom, customInspect, whenStreamSettles,
};
