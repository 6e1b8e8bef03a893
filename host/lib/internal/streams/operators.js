'use strict';
// Readable's iterator helpers (map, filter, flatMap, drop, take, compose return streams; forEach,
// toArray, some, find, every, reduce return promises), as node 24 has them on Readable.prototype.

const {
  AbortError, invalidArgType, invalidArgValue, outOfRange, validateFunction, validateInteger, validateObject,
} = require('internal/errors');

// A mapped value that produces no output (filter's rejects, forEach's results).
const kSkip = Symbol('kSkip');
const kEnd = Symbol('kEnd');

function validateAbortSignal(signal, name) {
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
    throw invalidArgType(name, 'an instance of AbortSignal', signal);
  }
}

function validateOptions(options) {
  if (options != null) validateObject(options, 'options');
  if (options?.signal != null) validateAbortSignal(options.signal, 'options.signal');
}

function map(fn, options) {
  validateFunction(fn, 'fn');
  validateOptions(options);
  const concurrency = options?.concurrency != null ? Math.floor(options.concurrency) : 1;
  const highWaterMark = options?.highWaterMark != null ? Math.floor(options.highWaterMark) : concurrency - 1;
  validateInteger(concurrency, 'options.concurrency', 1);
  validateInteger(highWaterMark, 'options.highWaterMark', 0);
  return mapValues(this, fn, concurrency, highWaterMark + concurrency, options?.signal);
}

// Calls fn on up to `concurrency` values at once and keeps at most `queueLimit` results (pending
// or settled) ahead of the consumer; results come out in source order.
async function* mapValues(source, fn, concurrency, queueLimit, outerSignal) {
  const signal = AbortSignal.any(outerSignal ? [outerSignal] : []);
  const context = { signal };
  const queue = [];
  let running = 0;
  let stopped = false;
  let wakeProducer = null;
  let wakeConsumer = null;

  const resumeProducer = () => {
    if (wakeProducer && !stopped && running < concurrency && queue.length < queueLimit) {
      const wake = wakeProducer;
      wakeProducer = null;
      wake();
    }
  };
  const resumeConsumer = () => {
    if (wakeConsumer) {
      const wake = wakeConsumer;
      wakeConsumer = null;
      wake();
    }
  };
  const onSettled = () => {
    running--;
    resumeProducer();
  };
  const onRejected = () => {
    stopped = true;
    onSettled();
  };
  const enqueue = (promise) => {
    running++;
    promise.then(onSettled, onRejected);
    queue.push(promise);
    resumeConsumer();
  };

  async function produce() {
    try {
      for await (const value of source) {
        if (stopped) return;
        if (signal.aborted) throw new AbortError();
        let result;
        try {
          result = Promise.resolve(fn(value, context));
        } catch (err) {
          result = Promise.reject(err);
        }
        enqueue(result);
        if (!stopped && (running >= concurrency || queue.length >= queueLimit)) {
          await new Promise((resolve) => { wakeProducer = resolve; });
        }
      }
      queue.push(kEnd);
    } catch (err) {
      enqueue(Promise.reject(err));
    } finally {
      stopped = true;
      resumeConsumer();
    }
  }

  produce();
  try {
    for (;;) {
      while (queue.length > 0) {
        const value = await queue[0];
        if (value === kEnd) return;
        if (signal.aborted) throw new AbortError();
        if (value !== kSkip) yield value;
        queue.shift();
        resumeProducer();
      }
      await new Promise((resolve) => { wakeConsumer = resolve; });
    }
  } finally {
    stopped = true;
    if (wakeProducer) {
      const wake = wakeProducer;
      wakeProducer = null;
      wake();
    }
  }
}

function filter(fn, options) {
  validateFunction(fn, 'fn');
  const keep = async (value, context) => ((await fn(value, context)) ? value : kSkip);
  return map.call(this, keep, options);
}

function flatMap(fn, options) {
  const results = map.call(this, fn, options);
  return (async function* flatMap() {
    for await (const result of results) yield* result;
  })();
}

// Node's ToIntegerOrInfinity for drop/take: NaN counts as 0, negatives are out of range.
function countOf(number) {
  number = Number(number);
  if (Number.isNaN(number)) return 0;
  if (number < 0) throw outOfRange('number', '>= 0', number);
  return number;
}

function drop(number, options = undefined) {
  validateOptions(options);
  let remaining = countOf(number);
  const source = this;
  return (async function* drop() {
    if (options?.signal?.aborted) throw new AbortError();
    for await (const value of source) {
      if (options?.signal?.aborted) throw new AbortError();
      if (remaining-- <= 0) yield value;
    }
  })();
}

function take(number, options = undefined) {
  validateOptions(options);
  let remaining = countOf(number);
  const source = this;
  return (async function* take() {
    if (options?.signal?.aborted) throw new AbortError();
    for await (const value of source) {
      if (options?.signal?.aborted) throw new AbortError();
      if (remaining-- > 0) yield value;
      if (remaining <= 0) return;
    }
  })();
}

function compose(stream, options) {
  validateOptions(options);
  const { isNodeStream, isWritable } = require('internal/streams/utils');
  if (isNodeStream(stream) && !isWritable(stream)) throw invalidArgValue('stream', stream, 'must be writable');
  const composed = require('internal/streams/compose')(this, stream);
  if (options?.signal) require('stream').addAbortSignal(options.signal, composed);
  return composed;
}

async function some(fn, options = undefined) {
  for await (const unused of filter.call(this, fn, options)) return true; // eslint-disable-line no-unused-vars
  return false;
}

async function every(fn, options = undefined) {
  validateFunction(fn, 'fn');
  return !(await some.call(this, async (...args) => !(await fn(...args)), options));
}

async function find(fn, options) {
  for await (const value of filter.call(this, fn, options)) return value;
  return undefined;
}

async function forEach(fn, options) {
  validateFunction(fn, 'fn');
  const visit = async (value, context) => {
    await fn(value, context);
    return kSkip;
  };
  for await (const unused of map.call(this, visit, options)); // eslint-disable-line no-unused-vars
}

async function toArray(options) {
  validateOptions(options);
  const values = [];
  for await (const value of this) {
    if (options?.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
    values.push(value);
  }
  return values;
}

// ERR_MISSING_ARGS whose message explains that only an empty stream needs the initial value.
class ReduceAwareErrMissingArgs extends TypeError {
  constructor() {
    super('Reduce of an empty stream requires an initial value');
    this.code = 'ERR_MISSING_ARGS';
    this.name = 'TypeError [ERR_MISSING_ARGS]';
    this.stack; // eslint-disable-line no-unused-expressions -- formats the stack with that name
    delete this.name;
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

async function reduce(reducer, initialValue, options) {
  validateFunction(reducer, 'reducer');
  validateOptions(options);
  let hasInitialValue = arguments.length > 1;
  const outerSignal = options?.signal;
  if (outerSignal?.aborted) {
    const err = new AbortError(undefined, { cause: outerSignal.reason });
    this.once('error', () => {}); // the rejection below reports it
    await require('stream').promises.finished(this.destroy(err));
    throw err;
  }
  const controller = new AbortController();
  const { signal } = controller;
  const onAbort = () => controller.abort();
  outerSignal?.addEventListener('abort', onAbort, { once: true });
  let sawValue = false;
  try {
    for await (const value of this) {
      sawValue = true;
      if (outerSignal?.aborted) throw new AbortError();
      if (!hasInitialValue) {
        initialValue = value;
        hasInitialValue = true;
      } else {
        initialValue = await reducer(initialValue, value, { signal });
      }
    }
    if (!sawValue && !hasInitialValue) throw new ReduceAwareErrMissingArgs();
  } finally {
    outerSignal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
  return initialValue;
}

module.exports = {
  streamReturningOperators: { drop, filter, flatMap, map, take, compose },
  promiseReturningOperators: { every, forEach, reduce, toArray, some, find },
};
