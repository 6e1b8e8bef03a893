'use strict';
// timers/promises: the timer functions as promises and async iterators, with AbortSignal.

const { setTimeout: startTimeout, clearTimeout, setImmediate: startImmediate, clearImmediate, setInterval: startInterval, clearInterval } = require('internal/timers').publicApi;
const { invalidArgType } = require('internal/errors');

function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  err.cause = signal.reason;
  return err;
}

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

class Scheduler {
  wait(delay, options) {
    return setTimeout(delay, undefined, options);
  }

  yield() {
    return setImmediate();
  }
}

module.exports = { setTimeout, setImmediate, setInterval, scheduler: new Scheduler() };
