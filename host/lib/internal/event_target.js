'use strict';
// The DOM's Event, CustomEvent and EventTarget as node has them (no tree: every event is
// dispatched at its target only), and NodeEventTarget, an EventTarget with an emitter's API.

const processMethods = binding.processMethods();
const { codedError, invalidArgType, invalidThis, missingArgs, validateObject, validateString } = require('internal/errors');
const EventEmitter = require('events');
const { kMaxEventTargetListeners, kMaxEventTargetListenersWarned } = EventEmitter;

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
// A static on EventTarget (and its subclasses), well-known so that other realms' targets pass.
const kIsEventTarget = Symbol.for('nodejs.event_target');
const kIsNodeEventTarget = Symbol('kIsNodeEventTarget');
const kEvents = Symbol('kEvents');
const kHandlers = Symbol('kHandlers');
const kNewListener = Symbol('kNewListener');
const kRemoveListener = Symbol('kRemoveListener');
// Listener options only node's own code passes: the listener lives only as long as the option's
// value does (held weakly), it runs even after stopImmediatePropagation(), it gets an emitter's
// value rather than an Event.
const kWeakHandler = Symbol('kWeak');
const kResistStopPropagation = Symbol('kResistStopPropagation');
const kIsNodeStyleListener = Symbol('kIsNodeStyleListener');
// An Event option making the event trusted (those the runtime itself dispatches).
const kTrustEvent = Symbol('kTrustEvent');
// Dispatch of a value to both kinds of listener: Events are made only for those that need one.
const kHybridDispatch = Symbol.for('nodejs.internal.kHybridDispatch');
const kCreateEvent = Symbol('kCreateEvent');

function lazyInspect(value, options) {
  return require('internal/inspect').inspect(value, options);
}

function innerInspectOptions(options) {
  return { ...options, depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth };
}

const trustedEvents = new WeakSet();
// One getter shared by every event, on the prototype.
const isTrustedGetter = Object.getOwnPropertyDescriptor({
  get isTrusted() {
    return trustedEvents.has(this);
  },
}, 'isTrusted').get;

// What EventTarget sets on an event while dispatching it.
let beginDispatch;
let endDispatch;
let isDispatching;
let setInPassiveListener;
let isImmediatelyStopped;
let isEvent;

class Event {
  #type;
  #bubbles = false;
  #cancelable = false;
  #composed = false;
  #defaultPrevented = false;
  #propagationStopped = false;
  #immediatelyStopped = false;
  #timeStamp = processMethods.now();
  #target = null;
  #dispatching = false;
  // A passive listener's preventDefault() is ignored.
  #inPassiveListener = false;

  static {
    isEvent = (value) => value !== null && typeof value === 'object' && #type in value;
    beginDispatch = (event, target) => {
      event.#target = target;
      event.#dispatching = true;
    };
    endDispatch = (event) => {
      event.#dispatching = false;
    };
    isDispatching = (event) => event.#dispatching;
    setInPassiveListener = (event, value) => {
      event.#inPassiveListener = value;
    };
    isImmediatelyStopped = (event) => event.#immediatelyStopped;
  }

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw missingArgs('type');
    if (options !== null && options !== undefined) validateObject(options, 'options');
    this.#bubbles = Boolean(options?.bubbles);
    this.#cancelable = Boolean(options?.cancelable);
    this.#composed = Boolean(options?.composed);
    this.#type = `${type}`;
    if (options?.[kTrustEvent]) trustedEvents.add(this);
  }

  static #check(event) {
    if (!isEvent(event)) throw invalidThis('Event');
  }

  initEvent(type, bubbles = false, cancelable = false) {
    if (arguments.length === 0) throw missingArgs('type');
    if (this.#dispatching) return;
    this.#type = `${type}`;
    this.#bubbles = Boolean(bubbles);
    this.#cancelable = Boolean(cancelable);
  }

  [inspectCustom](depth, options) {
    Event.#check(this);
    const name = this.constructor.name;
    if (depth < 0) return name;
    const shown = {
      type: this.#type,
      defaultPrevented: this.#defaultPrevented,
      cancelable: this.#cancelable,
      timeStamp: this.#timeStamp,
    };
    return `${name} ${lazyInspect(shown, innerInspectOptions(options))}`;
  }

  stopImmediatePropagation() {
    Event.#check(this);
    this.#propagationStopped = true;
    this.#immediatelyStopped = true;
  }

  preventDefault() {
    Event.#check(this);
    if (!this.#inPassiveListener) this.#defaultPrevented = true;
  }

  get target() {
    Event.#check(this);
    return this.#target;
  }

  get currentTarget() {
    Event.#check(this);
    return this.#dispatching ? this.#target : null;
  }

  get srcElement() {
    Event.#check(this);
    return this.#target;
  }

  get type() {
    Event.#check(this);
    return this.#type;
  }

  get cancelable() {
    Event.#check(this);
    return this.#cancelable;
  }

  get defaultPrevented() {
    Event.#check(this);
    return this.#cancelable && this.#defaultPrevented;
  }

  get timeStamp() {
    Event.#check(this);
    return this.#timeStamp;
  }

  composedPath() {
    Event.#check(this);
    return this.#dispatching ? [this.#target] : [];
  }

  get returnValue() {
    Event.#check(this);
    return !this.#cancelable || !this.#defaultPrevented;
  }

  get bubbles() {
    Event.#check(this);
    return this.#bubbles;
  }

  get composed() {
    Event.#check(this);
    return this.#composed;
  }

  get eventPhase() {
    Event.#check(this);
    return this.#dispatching ? Event.AT_TARGET : Event.NONE;
  }

  get cancelBubble() {
    Event.#check(this);
    return this.#propagationStopped;
  }

  set cancelBubble(value) {
    Event.#check(this);
    if (value) this.#propagationStopped = true;
  }

  stopPropagation() {
    Event.#check(this);
    this.#propagationStopped = true;
  }
}

for (const name of ['initEvent', 'stopImmediatePropagation', 'preventDefault', 'target', 'currentTarget', 'srcElement',
  'type', 'cancelable', 'defaultPrevented', 'timeStamp', 'composedPath', 'returnValue', 'bubbles', 'composed',
  'eventPhase', 'cancelBubble', 'stopPropagation']) {
  Object.defineProperty(Event.prototype, name, { enumerable: true });
}
// Node leaves isTrusted on the prototype (the DOM has it unforgeable on each event).
Object.defineProperty(Event.prototype, 'isTrusted', { get: isTrustedGetter, enumerable: true, configurable: false });
Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });
for (const [value, name] of ['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'].entries()) {
  Object.defineProperty(Event, name, { value, enumerable: true, writable: false, configurable: false });
}

class CustomEvent extends Event {
  #detail;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw missingArgs('type');
    super(type, options);
    this.#detail = options?.detail ?? null;
  }

  get detail() {
    if (!isEvent(this) || !(#detail in this)) throw invalidThis('CustomEvent');
    return this.#detail;
  }
}
Object.defineProperty(CustomEvent.prototype, 'detail', { enumerable: true });
Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: 'CustomEvent', configurable: true });

// Weak listeners: the registry drops a listener from its target once the listener is collected;
// the map keeps the listener alive for as long as the object it was tied to is.
let weakListenerRegistry;
let weakListenerRetainers;
function weakListeners() {
  weakListenerRegistry ??= new FinalizationRegistry(({ target, type, entry }) => {
    target.deref()?.[kEvents].get(type)?.removeEntry(target.deref(), type, entry);
  });
  weakListenerRetainers ??= new WeakMap();
  return { registry: weakListenerRegistry, retainers: weakListenerRetainers };
}

// One registered listener: a (listener, capture) pair, unique in its type's list.
class ListenerEntry {
  constructor(target, type, listener, flags, retainer) {
    this.next = undefined;
    this.previous = undefined;
    this.once = flags.once;
    this.capture = flags.capture;
    this.passive = flags.passive;
    this.nodeStyle = flags.nodeStyle;
    this.resistStopPropagation = flags.resistStopPropagation;
    this.removed = false;
    this.weak = retainer !== undefined && retainer !== null && retainer !== false;
    if (this.weak) {
      this.listener = new WeakRef(listener);
      const { registry, retainers } = weakListeners();
      registry.register(listener, { target: new WeakRef(target), type, entry: this }, this);
      retainers.set(retainer, listener);
    } else {
      this.listener = listener;
    }
  }

  get value() {
    return this.weak ? this.listener.deref() : this.listener;
  }

  matches(listener, capture) {
    return this.value === listener && this.capture === capture;
  }

  call(target, arg) {
    const listener = this.value;
    if (listener === undefined) return undefined;
    if (typeof listener === 'function') return listener.call(target, arg);
    // An object listener's handleEvent is looked up at each dispatch.
    const handleEvent = listener.handleEvent;
    if (typeof handleEvent === 'function') return handleEvent.call(listener, arg);
    return undefined;
  }
}

// A type's listeners, in the order they were added. Dispatch walks the links, so listeners
// added during a dispatch after the one running are called by it too, as in node.
class ListenerList {
  constructor() {
    this.first = undefined;
    this.last = undefined;
    this.size = 0;
    this.resistStopPropagation = false;
  }

  find(listener, capture) {
    for (let entry = this.first; entry !== undefined; entry = entry.next) {
      if (entry.matches(listener, capture)) return entry;
    }
    return undefined;
  }

  append(entry) {
    entry.previous = this.last;
    if (this.last === undefined) this.first = entry;
    else this.last.next = entry;
    this.last = entry;
    this.size++;
    if (entry.resistStopPropagation) this.resistStopPropagation = true;
  }

  unlink(entry) {
    if (entry.previous === undefined) this.first = entry.next;
    else entry.previous.next = entry.next;
    if (entry.next === undefined) this.last = entry.previous;
    else entry.next.previous = entry.previous;
    entry.removed = true;
    this.size--;
    if (entry.weak) weakListeners().registry.unregister(entry);
  }

  // Drops an entry whose listener was collected.
  removeEntry(target, type, entry) {
    if (entry.removed) return;
    this.unlink(entry);
    if (this.size === 0) target[kEvents].delete(type);
    target[kRemoveListener](this.size, type, undefined, entry.capture);
  }
}

function isEventTarget(value) {
  return Boolean(value?.constructor?.[kIsEventTarget]);
}

function isNodeEventTarget(value) {
  return Boolean(value?.constructor?.[kIsNodeEventTarget]);
}

// A listener is a function or an object (whose handleEvent is looked up when dispatching);
// null and undefined are ignored.
function isUsableListener(listener) {
  if (typeof listener === 'function' || typeof listener?.handleEvent === 'function') return true;
  if (listener === null || listener === undefined) return false;
  if (typeof listener === 'object') return true;
  throw invalidArgType('listener', 'an instance of EventListener', listener);
}

const noOptions = Object.freeze({ __proto__: null });

function listenerOptions(options) {
  if (typeof options === 'boolean') return { ...noOptions, capture: options };
  if (options === null || options === undefined) return noOptions;
  if (typeof options !== 'object' && typeof options !== 'function') throw invalidArgType('options', 'of type object', options);
  return {
    once: Boolean(options.once),
    capture: Boolean(options.capture),
    passive: Boolean(options.passive),
    signal: options.signal,
    weak: options[kWeakHandler],
    resistStopPropagation: Boolean(options[kResistStopPropagation]),
    nodeStyle: Boolean(options[kIsNodeStyleListener]),
  };
}

// The DOMString conversion of an event type.
function eventType(type) {
  if (typeof type === 'symbol') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Value is a Symbol and cannot be converted to a string.');
  }
  return `${type}`;
}

function validateSignalOption(signal) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
  }
}

// A listener's exception is the process's, after the dispatch; so is a listener's rejection.
function reportListenerError(err) {
  process.nextTick(() => {
    throw err;
  });
}

function watchListenerResult(result) {
  const then = result.then;
  if (typeof then === 'function') then.call(result, undefined, reportListenerError);
}

function initEventTarget(target) {
  target[kEvents] = new Map();
  target[kMaxEventTargetListeners] = EventEmitter.defaultMaxListeners;
  target[kMaxEventTargetListenersWarned] = false;
  target[kHandlers] = new Map();
}

class EventTarget {
  static [kIsEventTarget] = true;

  constructor() {
    initEventTarget(this);
  }

  // Hooks for subclasses: a listener was added or removed, `size` now listening for `type`.
  [kNewListener](size, type) {
    const max = this[kMaxEventTargetListeners];
    if (max > 0 && size > max && !this[kMaxEventTargetListenersWarned]) {
      this[kMaxEventTargetListenersWarned] = true;
      const warning = new Error(`Possible EventTarget memory leak detected. ${size} ${type} listeners added to ` +
        `${lazyInspect(this, { depth: -1 })}. MaxListeners is ${max}. Use events.setMaxListeners() to increase limit`);
      warning.name = 'MaxListenersExceededWarning';
      warning.target = this;
      warning.type = type;
      warning.count = size;
      process.emitWarning(warning);
    }
  }

  [kRemoveListener]() {}

  addEventListener(type, listener, options = noOptions) {
    if (!isEventTarget(this)) throw invalidThis('EventTarget');
    if (arguments.length < 2) throw missingArgs('type', 'listener');
    // The options are read before the listener is looked at, as the DOM orders it.
    const flags = listenerOptions(options);
    if (flags !== noOptions) {
      validateSignalOption(flags.signal);
      if (flags.signal) {
        if (flags.signal.aborted) return;
        flags.signal.addEventListener('abort', () => {
          this.removeEventListener(type, listener, options);
        }, { __proto__: null, once: true, [kWeakHandler]: this, [kResistStopPropagation]: true });
      }
    }
    if (!isUsableListener(listener)) {
      const warning = new Error(`addEventListener called with ${listener} which has no effect.`);
      warning.name = 'AddEventListenerArgumentTypeWarning';
      warning.target = this;
      warning.type = type;
      process.emitWarning(warning);
      return;
    }
    type = eventType(type);
    let list = this[kEvents].get(type);
    const capture = Boolean(flags.capture);
    if (list === undefined) {
      list = new ListenerList();
      this[kEvents].set(type, list);
    } else if (list.find(listener, capture) !== undefined) {
      return;
    }
    list.append(new ListenerEntry(this, type, listener, {
      once: Boolean(flags.once),
      capture,
      passive: Boolean(flags.passive),
      nodeStyle: Boolean(flags.nodeStyle),
      resistStopPropagation: Boolean(flags.resistStopPropagation),
    }, flags.weak));
    this[kNewListener](list.size, type, listener, Boolean(flags.once), capture, Boolean(flags.passive), flags.weak);
  }

  removeEventListener(type, listener, options = noOptions) {
    if (!isEventTarget(this)) throw invalidThis('EventTarget');
    if (arguments.length < 2) throw missingArgs('type', 'listener');
    if (!isUsableListener(listener)) return;
    type = eventType(type);
    // Node reads only an options object's capture here: a bare `true` removes the
    // non-capture listener.
    const capture = options?.capture === true;
    const list = this[kEvents].get(type);
    const entry = list?.find(listener, capture);
    if (entry === undefined) return;
    list.unlink(entry);
    if (list.size === 0) this[kEvents].delete(type);
    this[kRemoveListener](list.size, type, listener, capture);
  }

  dispatchEvent(event) {
    if (!isEventTarget(this)) throw invalidThis('EventTarget');
    if (arguments.length < 1) throw missingArgs('event');
    if (!(event instanceof Event)) throw invalidArgType('event', 'an instance of Event', event);
    if (isDispatching(event)) {
      throw codedError(Error, 'ERR_EVENT_RECURSION', `The event "${event.type}" is already being dispatched`);
    }
    this[kHybridDispatch](event, event.type, event);
    return event.defaultPrevented !== true;
  }

  // Calls `type`'s listeners: DOM-style ones with `event` (made from `value` when first
  // needed), node-style ones with `value`.
  [kHybridDispatch](value, type, event) {
    const eventFor = () => {
      if (event === undefined) {
        event = this[kCreateEvent](value, type);
        beginDispatch(event, this);
      }
      return event;
    };
    if (event !== undefined) beginDispatch(event, this);
    const list = this[kEvents].get(type);
    let entry = list?.first;
    while (entry !== undefined) {
      const stopped = event !== undefined && isImmediatelyStopped(event);
      if (stopped && !list.resistStopPropagation && !entry.passive) break;
      const next = entry.next;
      if (entry.removed || (stopped && !entry.resistStopPropagation)) {
        entry = next;
        continue;
      }
      if (entry.once) {
        // The emptied list stays in the map, as node's does.
        list.unlink(entry);
        this[kRemoveListener](list.size, type, entry.value, entry.capture);
      }
      try {
        let result;
        if (entry.nodeStyle) {
          result = entry.call(this, value);
        } else {
          const arg = eventFor();
          if (entry.passive) setInPassiveListener(arg, true);
          try {
            result = entry.call(this, arg);
          } finally {
            if (entry.passive) setInPassiveListener(arg, false);
          }
          endDispatch(arg);
        }
        if (result !== undefined && result !== null) watchListenerResult(result);
      } catch (err) {
        reportListenerError(err);
      }
      entry = next;
    }
    if (event !== undefined) endDispatch(event);
  }

  [kCreateEvent](value, type) {
    return new CustomEvent(type, { detail: value });
  }

  [inspectCustom](depth, options) {
    const name = this.constructor.name;
    if (depth < 0) return name;
    return `${name} ${lazyInspect({}, innerInspectOptions(options))}`;
  }
}

for (const name of ['addEventListener', 'removeEventListener', 'dispatchEvent']) {
  Object.defineProperty(EventTarget.prototype, name, { enumerable: true });
}
Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });

class NodeEventTarget extends EventTarget {
  static [kIsNodeEventTarget] = true;
  static defaultMaxListeners = 10;

  static #check(target) {
    if (!isNodeEventTarget(target)) throw invalidThis('NodeEventTarget');
  }

  setMaxListeners(n) {
    NodeEventTarget.#check(this);
    EventEmitter.setMaxListeners(n, this);
  }

  getMaxListeners() {
    NodeEventTarget.#check(this);
    return this[kMaxEventTargetListeners];
  }

  eventNames() {
    NodeEventTarget.#check(this);
    return [...this[kEvents].keys()];
  }

  listenerCount(type) {
    NodeEventTarget.#check(this);
    return this[kEvents].get(String(type))?.size ?? 0;
  }

  off(type, listener, options) {
    NodeEventTarget.#check(this);
    this.removeEventListener(type, listener, options);
    return this;
  }

  removeListener(type, listener, options) {
    NodeEventTarget.#check(this);
    this.removeEventListener(type, listener, options);
    return this;
  }

  on(type, listener) {
    NodeEventTarget.#check(this);
    this.addEventListener(type, listener, { [kIsNodeStyleListener]: true });
    return this;
  }

  addListener(type, listener) {
    NodeEventTarget.#check(this);
    this.addEventListener(type, listener, { [kIsNodeStyleListener]: true });
    return this;
  }

  emit(type, arg) {
    NodeEventTarget.#check(this);
    validateString(type, 'type');
    const hadListeners = this.listenerCount(type) > 0;
    this[kHybridDispatch](arg, type);
    return hadListeners;
  }

  once(type, listener) {
    NodeEventTarget.#check(this);
    this.addEventListener(type, listener, { once: true, [kIsNodeStyleListener]: true });
    return this;
  }

  removeAllListeners(type) {
    NodeEventTarget.#check(this);
    if (type === undefined) this[kEvents].clear();
    else this[kEvents].delete(String(type));
    return this;
  }
}

for (const name of ['setMaxListeners', 'getMaxListeners', 'eventNames', 'listenerCount', 'off', 'removeListener', 'on',
  'addListener', 'emit', 'once', 'removeAllListeners']) {
  Object.defineProperty(NodeEventTarget.prototype, name, { enumerable: true });
}

// An `on<name>` attribute: one listener slot, keeping the place in the order where it was
// first set.
function defineEventHandler(prototype, name, type = name) {
  const property = `on${name}`;
  const checkTarget = (target) => {
    if (target === null || typeof target !== 'object' || target[kHandlers] === undefined) throw invalidThis('EventTarget');
  };
  const accessors = {
    get [property]() {
      checkTarget(this);
      return this[kHandlers].get(type)?.handler ?? null;
    },
    set [property](value) {
      checkTarget(this);
      let slot = this[kHandlers].get(type);
      if (slot === undefined) {
        slot = function eventHandler(...args) {
          if (typeof slot.handler !== 'function') return undefined;
          return Reflect.apply(slot.handler, this, args);
        };
        slot.handler = value;
        this.addEventListener(type, slot);
        this[kHandlers].set(type, slot);
        return;
      }
      const list = this[kEvents].get(type);
      if (typeof slot.handler === 'function' && list !== undefined) {
        list.size--;
        this[kRemoveListener](list.size, type, slot.handler, false);
      }
      slot.handler = value;
      if (typeof value === 'function' && list !== undefined) {
        list.size++;
        this[kNewListener](list.size, type, value, false, false, false, false);
      }
    },
  };
  const descriptor = Object.getOwnPropertyDescriptor(accessors, property);
  Object.defineProperty(prototype, property, { get: descriptor.get, set: descriptor.set, enumerable: true, configurable: true });
}

module.exports = {
  Event,
  CustomEvent,
  EventTarget,
  NodeEventTarget,
  defineEventHandler,
  initEventTarget,
  isEventTarget,
  kCreateEvent,
  kEvents,
  kHybridDispatch,
  kIsNodeStyleListener,
  kNewListener,
  kRemoveListener,
  kResistStopPropagation,
  kTrustEvent,
  kWeakHandler,
};
