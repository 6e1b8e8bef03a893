'use strict';
// timers/promises: the timer functions as promises and async iterators, with AbortSignal.

const { setTimeout: startTimeout, clearTimeout, setImmediate: startImmediate, clearImmediate, setInterval: startInterval, clearInterval } = require('timers');
const { AbortError, illegalConstructor, invalidArgType, invalidThis } = require('internal/errors');

const abortError = (signal) => new AbortError(undefined, { cause: signal.reason });

function checkOptions(options) {
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
  const { signal, ref = true } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
  if (typeof ref !== 'boolean') throw invalidArgType('options.ref', 'of type boolean', ref);
  return { signal, ref };
}

function later(start, clear, delay, value, options = {}) {
  let checked;
  try {
    checked = checkOptions(options);
  } catch (err) {
    return Promise.reject(err);
  }
  const { signal, ref } = checked;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clear(handle);
      reject(abortError(signal));
    };
    const handle = start(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    }, delay);
    if (!ref) handle.unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const setTimeout = (delay, value, options) => later((fn, ms) => startTimeout(fn, ms), clearTimeout, delay, value, options);
const setImmediate = (value, options) => later((fn) => startImmediate(fn), clearImmediate, 0, value, options);

async function* setInterval(delay, value, options = {}) {
  const { signal, ref } = checkOptions(options);
  if (signal?.aborted) throw abortError(signal);
  let pending = 0;
  let wake = null;
  const handle = startInterval(() => {
    pending++;
    wake?.();
  }, delay);
  if (!ref) handle.unref();
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      if (pending === 0) await new Promise((resolve) => { wake = resolve; });
      wake = null;
      if (signal?.aborted) throw abortError(signal);
      while (pending > 0) {
        pending--;
        yield value;
      }
    }
  } finally {
    clearInterval(handle);
    signal?.removeEventListener('abort', onAbort);
  }
}

const kScheduler = Symbol('kScheduler');

// The one scheduler there is; `new Scheduler()` is refused, as in node.
class Scheduler {
  constructor() {
    throw illegalConstructor();
  }

  yield() {
    if (!this?.[kScheduler]) throw invalidThis('Scheduler');
    return setImmediate();
  }

  wait(delay, options) {
    if (!this?.[kScheduler]) throw invalidThis('Scheduler');
    return setTimeout(delay, undefined, options);
  }
}

const scheduler = Reflect.construct(function Scheduler() { this[kScheduler] = true; }, [], Scheduler);

module.exports = { setTimeout, setImmediate, setInterval, scheduler };
