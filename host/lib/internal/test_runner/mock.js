'use strict';
// node:test's mocks: mock functions and methods with call tracking, and fake timers.

const { codedError, invalidArgType, invalidArgValue, validateFunction, validateInteger } = require('internal/errors');

// mock.property(): a property's reads and writes recorded, its value replaceable (for every
// read, or once at a given access).
class MockPropertyContext {
  #object;
  #name;
  #descriptor;
  #value;
  #accesses = [];
  #onceValues = new Map();

  constructor(object, name, value) {
    this.#object = object;
    this.#name = name;
    this.#descriptor = Object.getOwnPropertyDescriptor(object, name);
    this.#value = value;
    const context = this;
    const writable = this.#descriptor === undefined || this.#descriptor.writable !== false || this.#descriptor.set !== undefined;
    Object.defineProperty(object, name, {
      configurable: true,
      enumerable: this.#descriptor?.enumerable ?? true,
      get() {
        const index = context.#accesses.length;
        let current = context.#value;
        if (context.#onceValues.has(index)) {
          current = context.#onceValues.get(index);
          context.#onceValues.delete(index);
        }
        context.#accesses.push({ type: 'get', value: current, stack: new Error() });
        return current;
      },
      set(newValue) {
        if (!writable) throw invalidArgValue('propertyName', name, 'cannot be set');
        context.#value = newValue;
        context.#accesses.push({ type: 'set', value: newValue, stack: new Error() });
      },
    });
  }

  get accesses() {
    return this.#accesses.slice();
  }

  accessCount() {
    return this.#accesses.length;
  }

  // Setting the value is an access (a set), as assigning the property would be.
  mockImplementation(value) {
    this.#value = value;
    this.#accesses.push({ type: 'set', value, stack: new Error() });
  }

  mockImplementationOnce(value, onAccess) {
    const index = onAccess ?? this.#accesses.length;
    validateInteger(index, 'onAccess', this.#accesses.length);
    this.#onceValues.set(index, value);
  }

  resetAccesses() {
    this.#accesses = [];
  }

  restore() {
    if (this.#descriptor === undefined) delete this.#object[this.#name];
    else Object.defineProperty(this.#object, this.#name, this.#descriptor);
  }
}

class MockFunctionContext {
  #calls = [];
  #implementation;
  #original;
  #restore;
  #times;
  #onceImplementations = new Map();

  constructor(implementation, original, restore, times) {
    this.#implementation = implementation;
    this.#original = original;
    this.#restore = restore;
    this.#times = times;
  }

  get calls() {
    return this.#calls.slice();
  }

  callCount() {
    return this.#calls.length;
  }

  mockImplementation(implementation) {
    validateFunction(implementation, 'implementation');
    this.#implementation = implementation;
  }

  mockImplementationOnce(implementation, onCall) {
    validateFunction(implementation, 'implementation');
    const call = onCall ?? this.#calls.length;
    validateInteger(call, 'onCall', this.#calls.length);
    this.#onceImplementations.set(call, implementation);
  }

  resetCalls() {
    this.#calls = [];
  }

  // A method's mock puts the method back; a bare function's mock calls the original again.
  restore() {
    if (this.#restore !== undefined) this.#restore();
    else this.#implementation = this.#original;
  }

  // The implementation for the next call (a once-implementation, the mock's own until its
  // `times` run out, then the original).
  nextImplementation() {
    const index = this.#calls.length;
    const once = this.#onceImplementations.get(index);
    if (once !== undefined) {
      this.#onceImplementations.delete(index);
      return once;
    }
    if (this.#times !== undefined && index >= this.#times) return this.#original;
    return this.#implementation;
  }

  record(call) {
    this.#calls.push(call);
  }
}

function makeMock(original, implementation, times, restore) {
  const context = new MockFunctionContext(implementation, original, restore, times);
  const target = original ?? function () {};
  const mock = new Proxy(target, {
    get(fn, property, receiver) {
      if (property === 'mock') return context;
      return Reflect.get(fn, property, receiver);
    },
    apply(fn, thisArg, args) {
      const impl = context.nextImplementation();
      const call = { arguments: args, error: undefined, result: undefined, stack: new Error(), target: undefined, this: thisArg };
      try {
        call.result = Reflect.apply(impl, thisArg, args);
      } catch (err) {
        call.error = err;
        throw err;
      } finally {
        context.record(call);
      }
      return call.result;
    },
    construct(fn, args, newTarget) {
      const impl = context.nextImplementation();
      // `new mock()` constructs with (and reports) the mocked function as new.target.
      const target = newTarget === mock ? fn : newTarget;
      const call = { arguments: args, error: undefined, result: undefined, stack: new Error(), target, this: undefined };
      try {
        call.result = Reflect.construct(impl, args, target);
        call.this = call.result;
      } catch (err) {
        call.error = err;
        throw err;
      } finally {
        context.record(call);
      }
      return call.result;
    },
  });
  return mock;
}

function validateTimes(options) {
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
  if (options.times !== undefined) validateInteger(options.times, 'options.times', 1);
  return options.times;
}

class MockTracker {
  #mocks = [];
  #timers;

  get timers() {
    this.#timers ??= new MockTimers();
    return this.#timers;
  }

  fn(original = function () {}, implementation = original, options = {}) {
    if (original !== null && typeof original === 'object') {
      options = original;
      original = function () {};
      implementation = original;
    } else if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = original;
    }
    validateFunction(original, 'original');
    validateFunction(implementation, 'implementation');
    const times = validateTimes(options);
    const mock = makeMock(original, implementation, times, undefined);
    this.#mocks.push({ mock, restore: () => mock.mock.restore() });
    return mock;
  }

  method(object, methodName, implementation, options = {}) {
    if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
      throw invalidArgType('object', 'of type object', object);
    }
    if (typeof methodName !== 'string' && typeof methodName !== 'symbol') {
      throw invalidArgType('methodName', 'one of type string or symbol', methodName);
    }
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = undefined;
    }
    const times = validateTimes(options);
    const getter = Boolean(options.getter);
    const setter = Boolean(options.setter);
    if (getter && setter) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.setter' cannot be used with 'options.getter'. Received true");
    }
    let owner = object;
    let descriptor;
    while (owner !== null) {
      descriptor = Object.getOwnPropertyDescriptor(owner, methodName);
      if (descriptor !== undefined) break;
      owner = Object.getPrototypeOf(owner);
    }
    const kind = getter ? 'get' : setter ? 'set' : 'value';
    const original = descriptor?.[kind];
    if (typeof original !== 'function') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'methodName' must be a method. Received ${require('internal/inspect').inspect(original)}`);
    }
    implementation ??= original;
    validateFunction(implementation, 'implementation');
    // Restoring defines the method found (an inherited one too) on the object itself.
    const restore = () => Object.defineProperty(object, methodName, descriptor);
    const mock = makeMock(original, implementation, times, restore);
    const replacement = { ...descriptor, configurable: true };
    replacement[kind] = mock;
    Object.defineProperty(object, methodName, replacement);
    this.#mocks.push({ mock, restore });
    return mock;
  }

  property(object, propertyName, value) {
    if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
      throw invalidArgType('object', 'of type object', object);
    }
    if (typeof propertyName !== 'string' && typeof propertyName !== 'symbol') {
      throw invalidArgType('propertyName', 'one of type string or symbol', propertyName);
    }
    if (!(propertyName in object)) throw invalidArgValue('propertyName', propertyName, 'is not a property of the object');
    const context = new MockPropertyContext(object, propertyName, arguments.length > 2 ? value : object[propertyName]);
    const mock = new Proxy(object, {
      get(target, key, receiver) {
        if (key === 'mock') return context;
        return Reflect.get(target, key, receiver);
      },
    });
    this.#mocks.push({ mock, restore: () => context.restore() });
    return mock;
  }

  getter(object, methodName, implementation, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = undefined;
    }
    if (options.getter === false) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.getter' cannot be false. Received false");
    }
    return this.method(object, methodName, implementation, { ...options, getter: true });
  }

  setter(object, methodName, implementation, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = undefined;
    }
    if (options.setter === false) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.setter' cannot be false. Received false");
    }
    return this.method(object, methodName, implementation, { ...options, setter: true });
  }

  reset() {
    this.restoreAll();
    this.#timers?.reset();
    this.#mocks = [];
  }

  restoreAll() {
    for (const { restore } of this.#mocks) restore?.();
  }

  module(specifier, options = {}) {
    const { callerURL, mockModule } = require('internal/test_runner/mock_module');
    const context = mockModule(specifier, options, callerURL(MockTracker.prototype.module));
    this.#mocks.push({ mock: context, restore: () => context.restore() });
    return context;
  }
}

// mock.module() exists with --experimental-test-module-mocks.
if (!internals.getOptionValue('--experimental-test-module-mocks')) delete MockTracker.prototype.module;

const supportedApis = ['setInterval', 'setTimeout', 'setImmediate', 'Date', 'scheduler.wait', 'AbortSignal.timeout'];

// Node's message for a negative clock value (its ERR_INVALID_ARG_VALUE with the arguments swapped).
function negativeTime(value) {
  return codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'time' ${value}. Received 'positive integer'`);
}

// Fake timers: the timer functions (global, node:timers and node:timers/promises) and Date
// replaced by ones that only advance on tick()/runAll()/setTime().
class MockTimers {
  #enabled = false;
  #now = 0;
  #nextId = 1;
  #queue = [];
  #restores = [];

  #schedule(callback, delay, args, interval) {
    delay = Number(delay);
    if (!(delay >= 1 && delay <= 2 ** 31 - 1)) delay = 1;
    const timer = { id: this.#nextId++, callback, args, runAt: this.#now + delay, interval: interval ? delay : undefined };
    const handle = {
      id: timer.id,
      hasRef: () => true,
      ref() { return handle; },
      unref() { return handle; },
      refresh: () => { timer.runAt = this.#now + delay; return handle; },
      [Symbol.toPrimitive]: () => timer.id,
      [Symbol.dispose]: () => this.#clear(handle),
    };
    timer.handle = handle;
    this.#queue.push(timer);
    return handle;
  }

  #clear(handle) {
    if (handle === undefined || handle === null) return;
    const id = typeof handle === 'object' ? handle.id : Number(handle);
    this.#queue = this.#queue.filter((timer) => timer.id !== id);
  }

  #due(limit) {
    let next;
    for (const timer of this.#queue) {
      if (timer.runAt > limit) continue;
      if (next === undefined || timer.runAt < next.runAt || (timer.runAt === next.runAt && timer.id < next.id)) next = timer;
    }
    return next;
  }

  #assertEnabled(name) {
    if (!this.#enabled) {
      throw codedError(Error, 'ERR_INVALID_STATE', `Invalid state: You should enable MockTimers first by calling the .enable function`);
    }
  }

  enable(options = {}) {
    if (this.#enabled) throw codedError(Error, 'ERR_INVALID_STATE', 'Invalid state: MockTimers is already enabled!');
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
    const apis = options.apis ?? supportedApis;
    if (!Array.isArray(apis)) throw invalidArgType('options.apis', 'an instance of Array', apis);
    for (const api of apis) {
      if (!supportedApis.includes(api)) {
        throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.apis' option ${api} is not supported. Received ${require('internal/inspect').inspect(api)}`);
      }
    }
    if (apis.includes('Date') && globalThis.Date?.isMock) {
      throw codedError(Error, 'ERR_INVALID_STATE', 'Invalid state: Date is already being mocked!');
    }
    let now = options.now ?? 0;
    if (now instanceof Date) now = now.getTime();
    else {
      if (typeof now !== 'number') throw invalidArgType('initialTime', 'of type number', now);
      if (Number.isNaN(now)) {
        throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'now' epoch must be a positive integer received NaN. Received NaN`);
      }
      if (now < 0) throw negativeTime(now);
    }
    this.#now = now;
    this.#enabled = true;
    const timers = require('timers');
    const timersPromises = require('timers/promises');
    const replace = (target, name, value) => {
      const descriptor = Object.getOwnPropertyDescriptor(target, name);
      Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: descriptor?.enumerable ?? false });
      this.#restores.push(() => {
        if (descriptor === undefined) delete target[name];
        else Object.defineProperty(target, name, descriptor);
      });
    };
    const clear = (handle) => this.#clear(handle);
    if (apis.includes('setTimeout')) {
      const set = (callback, delay, ...args) => this.#schedule(callback, delay, args, false);
      for (const target of [globalThis, timers]) {
        replace(target, 'setTimeout', set);
        replace(target, 'clearTimeout', clear);
      }
      replace(timersPromises, 'setTimeout', (delay, value, opts = {}) => this.#promiseTimer(delay, value, opts));
    }
    if (apis.includes('setInterval')) {
      const set = (callback, delay, ...args) => this.#schedule(callback, delay, args, true);
      for (const target of [globalThis, timers]) {
        replace(target, 'setInterval', set);
        replace(target, 'clearInterval', clear);
      }
      replace(timersPromises, 'setInterval', (delay, value) => this.#intervalIterator(delay, value));
    }
    if (apis.includes('setImmediate')) {
      const set = (callback, ...args) => {
        const handle = this.#schedule(callback, 1, args, false);
        const timer = this.#queue.find((entry) => entry.id === handle.id);
        timer.runAt = this.#now;
        return handle;
      };
      for (const target of [globalThis, timers]) {
        replace(target, 'setImmediate', set);
        replace(target, 'clearImmediate', clear);
      }
      replace(timersPromises, 'setImmediate', (value, opts = {}) => this.#promiseTimer(0, value, opts));
    }
    if (apis.includes('scheduler.wait')) {
      replace(timersPromises.scheduler, 'wait', (delay, opts = {}) => this.#promiseTimer(delay, undefined, opts));
    }
    if (apis.includes('Date')) replace(globalThis, 'Date', this.#mockDate());
    if (apis.includes('AbortSignal.timeout')) {
      replace(AbortSignal, 'timeout', (delay) => {
        validateInteger(delay, 'delay', 0);
        const controller = new AbortController();
        this.#schedule(() => controller.abort(new DOMException('This operation was aborted', 'AbortError')), delay, [], false);
        return controller.signal;
      });
    }
  }

  #promiseTimer(delay, value, options) {
    return new Promise((resolve, reject) => {
      const signal = options?.signal;
      if (signal !== undefined && !(signal instanceof AbortSignal)) {
        reject(invalidArgType('options.signal', 'an instance of AbortSignal', signal));
        return;
      }
      const abortError = () => {
        const err = new Error('The operation was aborted');
        err.name = 'AbortError';
        err.code = 'ABORT_ERR';
        err.cause = signal.reason;
        return err;
      };
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const handle = this.#schedule(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      }, delay, [], false);
      const onAbort = () => {
        this.#clear(handle);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async* #intervalIterator(delay, value) {
    const ticks = [];
    let wake;
    const handle = this.#schedule(() => {
      ticks.push(value);
      wake?.();
    }, delay, [], true);
    try {
      while (true) {
        if (ticks.length === 0) await new Promise((resolve) => { wake = resolve; });
        wake = undefined;
        yield ticks.shift();
      }
    } finally {
      this.#clear(handle);
    }
  }

  #mockDate() {
    const timers = this;
    const RealDate = this.#realDate();
    function MockDate(...args) {
      if (!new.target) return new RealDate(timers.#now).toString();
      if (args.length === 0) return Reflect.construct(RealDate, [timers.#now], new.target);
      return Reflect.construct(RealDate, args, new.target);
    }
    Object.setPrototypeOf(MockDate, RealDate);
    MockDate.prototype = RealDate.prototype;
    MockDate.now = () => timers.#now;
    MockDate.parse = RealDate.parse;
    MockDate.UTC = RealDate.UTC;
    // It shows itself as the real Date's source does.
    MockDate.toString = () => Function.prototype.toString.call(RealDate);
    Object.defineProperty(MockDate, 'name', { value: 'Date' });
    Object.defineProperty(MockDate, 'length', { value: RealDate.length });
    MockDate.isMock = true;
    return MockDate;
  }

  #realDate() {
    let RealDate = globalThis.Date;
    while (RealDate.isMock) RealDate = Object.getPrototypeOf(RealDate);
    return RealDate;
  }

  tick(milliseconds = 1) {
    this.#assertEnabled('tick');
    if (milliseconds < 0) throw negativeTime(milliseconds);
    // As node: the clock moves first, then the due timers run (Date.now() reads the new time).
    this.#now += milliseconds;
    let timer;
    while ((timer = this.#due(this.#now)) !== undefined) this.#fire(timer);
  }

  #fire(timer) {
    if (timer.interval !== undefined) timer.runAt += timer.interval;
    else this.#queue = this.#queue.filter((entry) => entry !== timer);
    Reflect.apply(timer.callback, timer.handle, timer.args);
  }

  runAll() {
    this.#assertEnabled('runAll');
    const latest = this.#queue.reduce((max, timer) => Math.max(max, timer.runAt), this.#now);
    this.tick(latest - this.#now);
  }

  setTime(milliseconds) {
    this.#assertEnabled('setTime');
    if (typeof milliseconds !== 'number') throw invalidArgType('time', 'of type number', milliseconds);
    this.#now = milliseconds;
  }

  reset() {
    if (!this.#enabled) return;
    for (const restore of this.#restores.reverse()) restore();
    this.#restores = [];
    this.#queue = [];
    this.#now = 0;
    this.#enabled = false;
  }

  [Symbol.dispose]() {
    this.reset();
  }
}

module.exports = { MockTracker, MockTimers, MockFunctionContext, MockPropertyContext };
