'use strict';
// EventEmitter, as node's events module behaves for the common API.

const kCapture = Symbol('kCapture');
const errorMonitor = Symbol('events.errorMonitor');
let defaultMaxListeners = 10;

const { validateAbortSignal, validateFunction, validateObject, invalidArgType, outOfRange } = require('internal/errors');
const checkListener = (listener) => validateFunction(listener, 'listener');

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

EventEmitter.init = function init(opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = { __proto__: null };
    this._eventsCount = 0;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts?.captureRejections !== undefined) {
    require('internal/errors').validateBoolean(opts.captureRejections, 'options.captureRejections');
    this[kCapture] = Boolean(opts.captureRejections);
  }
};

// Node's validateNumber(n, name, 0): a number, not NaN, not negative.
function validateListenerLimit(n, name) {
  if (typeof n !== 'number') throw invalidArgType(name, 'of type number', n);
  if (n < 0 || Number.isNaN(n)) throw outOfRange(name, '>= 0', n);
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  validateListenerLimit(n, 'setMaxListeners');
  this._maxListeners = n;
  return this;
};

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return this._maxListeners === undefined ? defaultMaxListeners : this._maxListeners;
};

EventEmitter.prototype.emit = function emit(type, ...args) {
  const events = this._events;
  if (type === 'error' && events !== undefined && events[errorMonitor] !== undefined) {
    this.emit(errorMonitor, ...args);
  }
  const handler = events === undefined ? undefined : events[type];
  if (handler === undefined) {
    if (type === 'error') {
      const er = args[0];
      if (er instanceof Error) throw er;
      // A value whose inspection throws is shown as its string.
      let shown;
      try {
        shown = require('internal/inspect').inspect(er);
      } catch {
        shown = er;
      }
      const err = require('internal/errors').codedError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${shown})`);
      err.context = er;
      throw err;
    }
    return false;
  }
  if (typeof handler === 'function') {
    callListener(this, handler, args, type);
  } else {
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; i++) callListener(this, listeners[i], args, type);
  }
  return true;
};

function callListener(emitter, listener, args, type) {
  const result = listener.apply(emitter, args);
  if (!emitter[kCapture] || result === undefined || result === null) return;
  // A `then` getter that throws is the emitter's error, as a rejection would be.
  try {
    const then = result.then;
    if (typeof then === 'function') {
      then.call(result, undefined, (err) => process.nextTick(emitRejection, emitter, err, type, args));
    }
  } catch (err) {
    emitter.emit('error', err);
  }
}

// A captured rejection goes to the emitter's own handler (Symbol.for('nodejs.rejection')) if
// it has one, else to 'error', without capturing a rejection of the 'error' listener again.
function emitRejection(emitter, err, type, args) {
  const handler = emitter[EventEmitter.captureRejectionSymbol];
  if (typeof handler === 'function') {
    handler.call(emitter, err, type, ...args);
    return;
  }
  const capture = emitter[kCapture];
  try {
    emitter[kCapture] = false;
    emitter.emit('error', err);
  } finally {
    emitter[kCapture] = capture;
  }
}

function addListener(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  if (events === undefined) {
    events = target._events = { __proto__: null };
    target._eventsCount = 0;
  } else if (events.newListener !== undefined) {
    target.emit('newListener', type, listener.listener ?? listener);
    events = target._events;
  }
  const existing = events[type];
  if (existing === undefined) {
    events[type] = listener;
    target._eventsCount++;
  } else if (typeof existing === 'function') {
    events[type] = prepend ? [listener, existing] : [existing, listener];
  } else if (prepend) {
    existing.unshift(listener);
  } else {
    existing.push(listener);
  }
  const max = target._maxListeners === undefined ? defaultMaxListeners : target._maxListeners;
  const count = typeof events[type] === 'function' ? 1 : events[type].length;
  if (max > 0 && count > max && !events[type].warned) {
    if (typeof events[type] !== 'function') events[type].warned = true;
    const name = require('internal/inspect').inspect(target, { depth: -1 });
    const w = new Error(`Possible EventEmitter memory leak detected. ${count} ${String(type)} listeners added to ${name}. ` +
      `MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`);
    w.name = 'MaxListenersExceededWarning';
    w.emitter = target;
    w.type = type;
    w.count = count;
    process.emitWarning(w);
  }
  return target;
}

EventEmitter.prototype.addListener = function (type, listener) {
  return addListener(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.prependListener = function (type, listener) {
  return addListener(this, type, listener, true);
};

function onceWrapper(target, type, listener) {
  const state = { fired: false, target, type, listener };
  const wrapped = function (...args) {
    if (!state.fired) {
      state.target.removeListener(state.type, wrapped);
      state.fired = true;
      return state.listener.apply(state.target, args);
    }
  };
  wrapped.listener = listener;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  return this.on(type, onceWrapper(this, type, listener));
};
EventEmitter.prototype.prependOnceListener = function (type, listener) {
  checkListener(listener);
  return this.prependListener(type, onceWrapper(this, type, listener));
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;
  if (list === listener || list.listener === listener) {
    if (--this._eventsCount === 0) this._events = { __proto__: null };
    else delete events[type];
    if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
  } else if (typeof list !== 'function') {
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        const removed = list[i];
        list.splice(i, 1);
        if (list.length === 1) events[type] = list[0];
        if (events.removeListener !== undefined) this.emit('removeListener', type, removed.listener || listener);
        break;
      }
    }
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = { __proto__: null };
      else delete events[type];
    }
    return this;
  }
  // 'removeListener' listeners hear of each removal ('removeListener' itself last).
  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key !== 'removeListener') this.removeAllListeners(key);
    }
    this.removeAllListeners('removeListener');
    this._events = { __proto__: null };
    this._eventsCount = 0;
    return this;
  }
  const listeners = events[type];
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

EventEmitter.prototype.listeners = function listeners(type) {
  const list = this._events?.[type];
  if (list === undefined) return [];
  if (typeof list === 'function') return [list.listener || list];
  return list.map((l) => l.listener || l);
};
EventEmitter.prototype.rawListeners = function rawListeners(type) {
  const list = this._events?.[type];
  if (list === undefined) return [];
  return typeof list === 'function' ? [list] : list.slice();
};
// With `listener`, how many times that listener (or a once-wrapper of it) is registered.
EventEmitter.prototype.listenerCount = function listenerCount(type, listener) {
  const list = this._events?.[type];
  if (list === undefined) return 0;
  const all = typeof list === 'function' ? [list] : list;
  if (listener === undefined || listener === null) return all.length;
  return all.filter((l) => l === listener || l.listener === listener).length;
};
EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

// Where an EventTarget keeps its listener limit, and whether it has warned of passing it.
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
const kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned');

function eventTargetInternals() {
  return require('internal/event_target');
}

function notEmitterOrTarget(name, value) {
  return invalidArgType(name, 'an instance of EventEmitter or EventTarget', value);
}

EventEmitter.listenerCount = function listenerCount(emitterOrTarget, type) {
  if (typeof emitterOrTarget.listenerCount === 'function') return emitterOrTarget.listenerCount(type);
  const { isEventTarget, kEvents } = eventTargetInternals();
  if (!isEventTarget(emitterOrTarget)) throw notEmitterOrTarget('emitter', emitterOrTarget);
  return emitterOrTarget[kEvents].get(String(type))?.size ?? 0;
};

// The listeners of an emitter's or an EventTarget's event, as functions (or listener objects).
function getEventListeners(emitterOrTarget, type) {
  if (typeof emitterOrTarget?.listeners === 'function') return emitterOrTarget.listeners(type);
  const { isEventTarget, kEvents } = eventTargetInternals();
  if (!isEventTarget(emitterOrTarget)) throw notEmitterOrTarget('emitter', emitterOrTarget);
  const listeners = [];
  for (let entry = emitterOrTarget[kEvents].get(type)?.first; entry !== undefined; entry = entry.next) {
    listeners.push(entry.value);
  }
  return listeners;
}

function getMaxListeners(emitterOrTarget) {
  if (typeof emitterOrTarget?.getMaxListeners === 'function') {
    return emitterOrTarget._maxListeners === undefined ? defaultMaxListeners : emitterOrTarget._maxListeners;
  }
  if (eventTargetInternals().isEventTarget(emitterOrTarget)) return emitterOrTarget[kMaxEventTargetListeners];
  throw notEmitterOrTarget('emitter', emitterOrTarget);
}

// With no targets, the default for emitters and EventTargets made from now on.
function setMaxListeners(n = defaultMaxListeners, ...eventTargets) {
  validateListenerLimit(n, 'setMaxListeners');
  if (eventTargets.length === 0) {
    defaultMaxListeners = n;
    return;
  }
  const { isEventTarget } = eventTargetInternals();
  for (const target of eventTargets) {
    if (isEventTarget(target)) {
      target[kMaxEventTargetListeners] = n;
      target[kMaxEventTargetListenersWarned] = false;
    } else if (typeof target?.setMaxListeners === 'function') {
      target.setMaxListeners(n);
    } else {
      throw notEmitterOrTarget('eventTargets', target);
    }
  }
}

// Calls `listener` once `signal` aborts (on a microtask if it already has), even when an
// earlier listener stopped the abort event's propagation; disposing the result stops that.
function addAbortListener(signal, listener) {
  if (signal === undefined) throw invalidArgType('signal', 'an instance of AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateFunction(listener, 'listener');
  let remove;
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    const { kResistStopPropagation } = eventTargetInternals();
    signal.addEventListener('abort', listener, { __proto__: null, once: true, [kResistStopPropagation]: true });
    remove = () => signal.removeEventListener('abort', listener);
  }
  return {
    __proto__: null,
    [Symbol.dispose]() {
      remove?.();
    },
  };
}

// Listening the way the object supports: an emitter's on/once, else an EventTarget's.
function listenAgnostic(emitter, name, listener, options) {
  if (typeof emitter.on === 'function') {
    if (options?.once) emitter.once(name, listener);
    else emitter.on(name, listener);
  } else if (typeof emitter.addEventListener === 'function') {
    emitter.addEventListener(name, listener, options);
  } else {
    throw invalidArgType('emitter', 'an instance of EventEmitter', emitter);
  }
}

function unlistenAgnostic(emitter, name, listener) {
  if (typeof emitter.removeListener === 'function') emitter.removeListener(name, listener);
  else if (typeof emitter.removeEventListener === 'function') emitter.removeEventListener(name, listener);
  else throw invalidArgType('emitter', 'an instance of EventEmitter', emitter);
}

async function once(emitter, name, options = {}) {
  validateObject(options, 'options');
  const signal = options.signal;
  validateAbortSignal(signal, 'options.signal');
  const { AbortError } = require('internal/errors');
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  const { kResistStopPropagation } = eventTargetInternals();
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      emitter.removeListener(name, resolver);
      if (signal != null) unlistenAgnostic(signal, 'abort', onAbort);
      reject(err);
    };
    const resolver = (...args) => {
      if (typeof emitter.removeListener === 'function') emitter.removeListener('error', onError);
      if (signal != null) unlistenAgnostic(signal, 'abort', onAbort);
      resolve(args);
    };
    function onAbort() {
      unlistenAgnostic(emitter, name, resolver);
      unlistenAgnostic(emitter, 'error', onError);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    }
    listenAgnostic(emitter, name, resolver, { __proto__: null, once: true, [kResistStopPropagation]: true });
    if (name !== 'error' && typeof emitter.once === 'function') emitter.once('error', onError);
    if (signal != null) {
      listenAgnostic(signal, 'abort', onAbort, { __proto__: null, once: true, [kResistStopPropagation]: true });
    }
  });
}

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get: () => defaultMaxListeners,
  set: (n) => {
    validateListenerLimit(n, 'defaultMaxListeners');
    defaultMaxListeners = n;
  },
});
const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

// events.on: an async iterator of the `event` emissions' argument lists. Emissions nobody has
// asked for yet wait in a queue; past `highWaterMark` of them a pausable emitter is paused
// until the queue drains to `lowWaterMark`. An 'error' (or the signal aborting) ends the
// iteration with that error, a `close` event ends it cleanly.
function on(emitter, event, options = {}) {
  validateObject(options, 'options');
  const signal = options.signal;
  validateAbortSignal(signal, 'options.signal');
  const { AbortError, validateInteger } = require('internal/errors');
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  const highWaterMark = options.highWaterMark ?? Number.MAX_SAFE_INTEGER;
  validateInteger(highWaterMark, 'options.highWaterMark', 1);
  const lowWaterMark = options.lowWaterMark ?? 1;
  validateInteger(lowWaterMark, 'options.lowWaterMark', 1);

  const queued = [];
  const waiting = [];
  let paused = false;
  let error = null;
  let finished = false;

  const resultOf = (value, done) => ({ value, done });
  const onEvent = (...args) => {
    if (waiting.length > 0) {
      waiting.shift().resolve(resultOf(args, false));
      return;
    }
    queued.push(args);
    if (queued.length > highWaterMark && !paused) {
      paused = true;
      if (typeof emitter.pause === 'function') emitter.pause();
    }
  };
  const closeHandler = () => {
    removeAll();
    finished = true;
    while (waiting.length > 0) waiting.shift().resolve(resultOf(undefined, true));
  };
  const onError = (err) => {
    if (waiting.length > 0) waiting.shift().reject(err);
    else error = err;
    closeHandler();
  };
  const onAbort = () => onError(new AbortError(undefined, { cause: signal?.reason }));

  const listeners = [];
  const listen = (target, name, listener, flags) => {
    listenAgnostic(target, name, listener, flags);
    listeners.push([target, name, listener]);
  };
  function removeAll() {
    for (const [target, name, listener] of listeners.splice(0)) unlistenAgnostic(target, name, listener);
  }

  const iterator = Object.setPrototypeOf({
    next() {
      if (queued.length > 0) {
        const value = queued.shift();
        if (paused && queued.length < lowWaterMark) {
          paused = false;
          if (typeof emitter.resume === 'function') emitter.resume();
        }
        return Promise.resolve(resultOf(value, false));
      }
      if (error !== null) {
        const failed = Promise.reject(error);
        error = null;
        return failed;
      }
      if (finished) {
        closeHandler();
        return Promise.resolve(resultOf(undefined, true));
      }
      const { promise, resolve, reject } = Promise.withResolvers();
      waiting.push({ resolve, reject });
      return promise;
    },
    return() {
      closeHandler();
      return Promise.resolve(resultOf(undefined, true));
    },
    throw(err) {
      if (!err || !(err instanceof Error)) {
        throw invalidArgType('EventEmitter.AsyncIterator', 'an instance of Error', err);
      }
      onError(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  }, AsyncIteratorPrototype);

  listen(emitter, event, onEvent);
  if (event !== 'error' && typeof emitter.on === 'function') listen(emitter, 'error', onError);
  for (const name of options.close ?? []) listen(emitter, name, closeHandler);
  if (signal) {
    const { kResistStopPropagation } = eventTargetInternals();
    listen(signal, 'abort', onAbort, { __proto__: null, once: true, [kResistStopPropagation]: true });
  }
  return iterator;
}

// EventEmitterAsyncResource: an emitter whose listeners run in its own async resource's scope.
let EventEmitterAsyncResource;
function lazyEventEmitterAsyncResource() {
  if (EventEmitterAsyncResource !== undefined) return EventEmitterAsyncResource;
  const { AsyncResource } = require('async_hooks');
  const { invalidThis, validateString } = require('internal/errors');
  // The resource async hooks see, pointing back at its emitter.
  class EventEmitterReferencingAsyncResource extends AsyncResource {
    #eventEmitter;
    constructor(emitter, type, options) {
      super(type, options);
      this.#eventEmitter = emitter;
    }

    get eventEmitter() {
      if (this.#eventEmitter === undefined) throw invalidThis('EventEmitterReferencingAsyncResource');
      return this.#eventEmitter;
    }
  }
  EventEmitterAsyncResource = class EventEmitterAsyncResource extends EventEmitter {
    #asyncResource;
    constructor(options = undefined) {
      let name;
      if (typeof options === 'string') {
        name = options;
        options = undefined;
      } else {
        if (new.target === EventEmitterAsyncResource) validateString(options?.name, 'options.name');
        name = options?.name || new.target.name;
      }
      super(options);
      this.#asyncResource = new EventEmitterReferencingAsyncResource(this, name, options);
    }

    emit(event, ...args) {
      const resource = this.#asyncResource;
      return resource.runInAsyncScope(super.emit, this, event, ...args);
    }

    emitDestroy() {
      this.#asyncResource.emitDestroy();
    }

    get asyncId() {
      return this.#asyncResource.asyncId();
    }

    get triggerAsyncId() {
      return this.#asyncResource.triggerAsyncId();
    }

    get asyncResource() {
      return this.#asyncResource;
    }
  };
  return EventEmitterAsyncResource;
}

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.errorMonitor = errorMonitor;
EventEmitter.captureRejectionSymbol = Symbol.for('nodejs.rejection');
EventEmitter.prototype[kCapture] = false;
Object.defineProperty(EventEmitter, 'captureRejections', {
  get() { return EventEmitter.prototype[kCapture]; },
  set(value) {
    require('internal/errors').validateBoolean(value, 'EventEmitter.captureRejections');
    EventEmitter.prototype[kCapture] = value;
  },
  enumerable: true,
});
EventEmitter.once = once;
EventEmitter.on = on;
EventEmitter.addAbortListener = addAbortListener;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.getMaxListeners = getMaxListeners;
EventEmitter.setMaxListeners = setMaxListeners;
Object.defineProperty(EventEmitter, 'kMaxEventTargetListeners', { value: kMaxEventTargetListeners });
Object.defineProperty(EventEmitter, 'kMaxEventTargetListenersWarned', { value: kMaxEventTargetListenersWarned });
EventEmitter.usingDomains = false;
Object.defineProperty(EventEmitter, 'EventEmitterAsyncResource', {
  enumerable: true,
  get: lazyEventEmitterAsyncResource,
  set: undefined,
  configurable: true,
});
module.exports = EventEmitter;
