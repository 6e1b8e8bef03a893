'use strict';
// Web Locks (navigator.locks): requests for named locks, exclusive or shared, granted by the
// process-wide manager (runtime/locks.rs) that the main thread and workers share. A lock is
// held while its callback's promise is pending.

const { codedError, illegalConstructor, invalidArgType } = require('internal/errors');
const { DOMException } = require('internal/per_context/domexception');

const locks = binding.locks();

const kName = Symbol('kName');
const kMode = Symbol('kMode');
const kCreate = Symbol('kCreate');

class Lock {
  constructor(key, name, mode) {
    if (key !== kCreate) throw illegalConstructor();
    this[kName] = name;
    this[kMode] = mode;
  }
  get name() {
    return this[kName];
  }
  get mode() {
    return this[kMode];
  }
}

// The requests of this thread waiting for a grant, and the locks it holds, by id.
const waiting = new Map();
const holding = new Map();

internals.locksEvent = function locksEvent(id, event) {
  if (event === 'granted') {
    const request = waiting.get(id);
    waiting.delete(id);
    request?.grant();
  } else if (event === 'stolen') {
    holding.get(id)?.steal();
  }
};

function notSupported(message) {
  return new DOMException(message, 'NotSupportedError');
}

function clientId(threadId) {
  return `node-${process.pid}-${threadId}`;
}

// Runs the callback with the lock; the request settles with its result, or rejects when the
// lock is stolen first. The lock is freed when the callback's promise settles.
function hold(id, lock, callback) {
  return new Promise((resolve, reject) => {
    holding.set(id, {
      steal() {
        holding.delete(id);
        reject(new DOMException('The operation was aborted', 'AbortError'));
      },
    });
    Promise.resolve()
      .then(() => callback(lock))
      .then(resolve, reject)
      .finally(() => {
        holding.delete(id);
        locks.release(id);
      });
  });
}

class LockManager {
  constructor(key = undefined) {
    // Node 24's words (its constructor check misuses the error's name).
    if (key !== kCreate) throw new TypeError('ERR_ILLEGAL_CONSTRUCTOR is not a constructor');
  }

  async request(name, options, callback = undefined) {
    if (callback === undefined) {
      callback = options;
      options = {};
    }
    if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
    name = `${name}`;
    if (options !== undefined && options !== null && typeof options !== 'object') {
      throw invalidArgType('options', 'of type object', options);
    }
    const mode = options?.mode === undefined ? 'exclusive' : `${options.mode}`;
    if (mode !== 'exclusive' && mode !== 'shared') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `mode '${mode}' is not a valid enum value of type LockMode.`);
    }
    const ifAvailable = Boolean(options?.ifAvailable);
    const steal = Boolean(options?.steal);
    const signal = options?.signal;
    if (signal !== undefined && (signal === null || typeof signal !== 'object')) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'signal is not an object.');
    }
    if (name.startsWith('-')) throw notSupported('Lock name may not start with hyphen');
    if (steal && ifAvailable) throw notSupported('ifAvailable and steal are mutually exclusive');
    if (steal && mode === 'shared') throw notSupported('mode: "shared" and steal are mutually exclusive');
    if (signal?.aborted) throw signal.reason;
    if (signal !== undefined && (steal || ifAvailable)) {
      throw notSupported('signal cannot be used with steal or ifAvailable');
    }
    publish('start', { name, mode });
    try {
      const result = await acquire(name, mode, ifAvailable, steal, signal, callback);
      publish('end', { name, mode, ifAvailable, steal, error: undefined });
      return result;
    } catch (error) {
      publish('end', { name, mode, ifAvailable, steal, error });
      throw error;
    }
  }

  async query() {
    const [held, pending] = locks.query();
    const describe = ([name, exclusive, threadId]) => ({
      name, mode: exclusive ? 'exclusive' : 'shared', clientId: clientId(threadId),
    });
    return { held: held.map(describe), pending: pending.map(describe) };
  }
}

// The diagnostics channels of requests: locks.request.start, grant, miss (ifAvailable found
// it held) and end (with the request's error, if it failed).
function publish(event, message) {
  const channel = require('diagnostics_channel').channel(`locks.request.${event}`);
  if (channel.hasSubscribers) channel.publish(message);
}

// Waits for the lock (or finds it unavailable) and runs the callback with it.
async function acquire(name, mode, ifAvailable, steal, signal, callback) {
  const { AsyncResource } = require('async_hooks');
  const run = AsyncResource.bind(callback);
  const [id, status, stolen] = locks.request(name, mode === 'exclusive', ifAvailable, steal);
  for (const stolenId of stolen) holding.get(stolenId)?.steal();
  if (status === 'unavailable') {
    publish('miss', { name, mode });
    return run(null);
  }
  const lock = new Lock(kCreate, name, mode);
  if (status === 'granted') {
    publish('grant', { name, mode });
    return hold(id, lock, run);
  }
  const granted = new Promise((resolve, reject) => {
    waiting.set(id, { grant: resolve });
    signal?.addEventListener('abort', () => {
      if (!waiting.has(id)) return;
      waiting.delete(id);
      locks.release(id);
      reject(signal.reason);
    }, { once: true });
  });
  await granted;
  publish('grant', { name, mode });
  return hold(id, lock, run);
}

for (const [Class, names] of [[Lock, ['name', 'mode']], [LockManager, ['request', 'query']]]) {
  for (const name of names) Object.defineProperty(Class.prototype, name, { enumerable: true });
  Object.defineProperty(Class.prototype, Symbol.toStringTag, { value: Class.name, configurable: true });
}

let lockManager;
function getLockManager() {
  lockManager ??= new LockManager(kCreate);
  return lockManager;
}

module.exports = { Lock, LockManager, getLockManager };
