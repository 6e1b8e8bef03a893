'use strict';
// domain: a group of callbacks whose errors go to one 'error' handler. A domain is entered
// around the callbacks of async resources made while it was active (an async hook pairs
// them), around napi_make_callback calls without an async context whose receiver has a
// `domain` (the runtime's trampoline), and around the listeners of emitters made or added
// while it was active. An exception nobody caught goes to the active domain, through the
// process's uncaught exception capture callback, while a domain on the stack listens.

const taskQueue = binding.taskQueue();
const EventEmitter = require('events');
const { createHook } = require('internal/async_hooks').publicApi;
const { codedError } = require('internal/errors');

if (process.hasUncaughtExceptionCaptureCallback()) {
  throw codedError(Error, 'ERR_DOMAIN_CALLBACK_NOT_AVAILABLE',
    'A callback was registered through process.setUncaughtExceptionCaptureCallback(), which is mutually exclusive with using the `domain` module');
}

const requiredAt = new Error('require(`domain`) at this point').stack;
const setCaptureCallback = process.setUncaughtExceptionCaptureCallback;
process.setUncaughtExceptionCaptureCallback = function setUncaughtExceptionCaptureCallback() {
  const err = codedError(Error, 'ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE',
    'The `domain` module is in use, which is mutually exclusive with calling process.setUncaughtExceptionCaptureCallback()');
  err.stack += `\n${'-'.repeat(40)}\n${requiredAt}`;
  throw err;
};

let active = process.domain;
Object.defineProperty(process, 'domain', {
  get: () => active,
  set: (value) => { active = value; },
  enumerable: true,
  configurable: true,
});

// The entered domains, innermost last; `exports.active` mirrors process.domain.
let stack = [];

function setActive(domain) {
  exports.active = process.domain = domain;
}

// The capture callback is set while some entered domain listens for 'error'.
function updateExceptionCapture() {
  setCaptureCallback(null);
  if (stack.some((domain) => domain.listenerCount('error') > 0)) {
    setCaptureCallback((er) => process.domain._errorHandler(er));
  }
}

// No domain stays entered once an uncaught exception was handled: the first
// 'uncaughtException' listener, while there are others, clears the stack.
function clearStack() {
  stack.length = 0;
  setActive(null);
  updateExceptionCapture();
}
process.on('newListener', (name, listener) => {
  if (name === 'uncaughtException' && listener !== clearStack) {
    process.removeListener(name, clearStack);
    process.prependListener(name, clearStack);
  }
});
process.on('removeListener', (name, listener) => {
  if (name === 'uncaughtException' && listener !== clearStack) {
    const listeners = process.listeners(name);
    if (listeners.length === 1 && listeners[0] === clearStack) process.removeListener(name, clearStack);
  }
});

// Async resources made inside a domain run their callbacks in it. The resource's `domain`
// property keeps the domain alive; the pairing only refers to it.
const pairing = new Map();
const asyncHook = createHook({
  init(asyncId, type, triggerAsyncId, resource) {
    const domain = process.domain;
    if (domain === null || domain === undefined) return;
    pairing.set(asyncId, new WeakRef(domain));
    // A promise of another context (vm) gets no `domain` property: it would reach out of the sandbox.
    if (type === 'PROMISE' && !(resource instanceof Promise)) return;
    Object.defineProperty(resource, 'domain', { value: domain, writable: true, enumerable: false, configurable: true });
  },
  before(asyncId) {
    pairing.get(asyncId)?.deref()?.enter();
  },
  after(asyncId) {
    pairing.get(asyncId)?.deref()?.exit();
  },
  destroy(asyncId) {
    pairing.delete(asyncId);
  },
});

// napi_make_callback without an async context calls this with the receiver as `this`.
let warnedMakeCallback = false;
function domainTrampoline(callback, ...args) {
  const domain = this.domain;
  if (exports.active && domain && !warnedMakeCallback) {
    warnedMakeCallback = true;
    process.emitWarning('Using a domain property in MakeCallback is deprecated. Use the async_context variant of ' +
      `MakeCallback or the AsyncResource class instead. (Triggered by calling ${callback?.name || '<anonymous>'} ` +
      `on ${this?.constructor?.name}.)`, 'DeprecationWarning', 'DEP0097');
  }
  return domain ? runInside(domain, callback, this, args) : Reflect.apply(callback, this, args);
}

// Promise reactions run in the domain that was active when their promise was made.
const promiseDomains = new WeakMap();
const PROMISE_INIT = 0, PROMISE_BEFORE = 2;
function promiseHook(type, promise) {
  if (type === PROMISE_INIT) {
    const domain = process.domain;
    if (domain === null || domain === undefined) return;
    promiseDomains.set(promise, domain);
    // A promise of another context (vm) gets no `domain` property: it would reach out of the sandbox.
    if (promise instanceof Promise) {
      Object.defineProperty(promise, 'domain', { value: domain, writable: true, enumerable: false, configurable: true });
    }
  } else if (type === PROMISE_BEFORE) {
    promiseDomains.get(promise)?.enter();
  } else {
    promiseDomains.get(promise)?.exit();
  }
}

// The hooks and the trampoline start with the first domain made.
let hooked = false;
function hook() {
  if (hooked) return;
  hooked = true;
  asyncHook.enable();
  taskQueue.setPromiseHook(promiseHook);
  taskQueue.useDomainTrampoline(domainTrampoline);
  internals.domainTrampoline = domainTrampoline;
}

// Calls `fn` inside `domain`; an exception leaves the domain entered for the error handler.
function runInside(domain, fn, thisArg, args) {
  domain.enter();
  const result = Reflect.apply(fn, thisArg, args);
  domain.exit();
  return result;
}

class Domain extends EventEmitter {
  constructor() {
    super();
    this.members = [];
    hook();
    this.on('removeListener', updateExceptionCapture);
    this.on('newListener', updateExceptionCapture);
  }

  // Called for an uncaught exception thrown while this domain was active.
  _errorHandler(er) {
    let caught = false;
    if ((typeof er === 'object' && er !== null) || typeof er === 'function') {
      Object.defineProperty(er, 'domain', { value: this, writable: true, enumerable: false, configurable: true });
      er.domainThrown = true;
    }
    // The handler does not run inside its own domain.
    while (exports.active === this) this.exit();
    if (stack.length === 0) {
      // Without listeners the error goes on to 'uncaughtException'.
      if (this.listenerCount('error') > 0) {
        setCaptureCallback(null);
        try {
          caught = this.emit('error', er);
        } finally {
          updateExceptionCapture();
        }
      }
    } else {
      try {
        caught = this.emit('error', er);
      } catch (er2) {
        // The handler threw: an outer domain may catch that, else it is uncaught.
        updateExceptionCapture();
        if (stack.length === 0) throw er2;
        setActive(stack.at(-1));
        caught = process.domain._errorHandler(er2);
      }
    }
    // An uncaught exception ends the callback: no domain stays entered.
    clearStack();
    return caught;
  }

  enter() {
    setActive(this);
    stack.push(this);
    updateExceptionCapture();
  }

  exit() {
    const index = stack.lastIndexOf(this);
    if (index === -1) return;
    stack.splice(index);
    setActive(stack.at(-1));
    updateExceptionCapture();
  }

  add(ee) {
    if (ee.domain === this) return;
    if (ee.domain) ee.domain.remove(ee);
    // A domain added to one of its own ancestors would route errors in a circle.
    if (this.domain && ee instanceof Domain) {
      for (let parent = this.domain; parent; parent = parent.domain) {
        if (ee === parent) return;
      }
    }
    Object.defineProperty(ee, 'domain', { value: this, writable: true, enumerable: false, configurable: true });
    this.members.push(ee);
  }

  remove(ee) {
    ee.domain = null;
    const index = this.members.indexOf(ee);
    if (index !== -1) this.members.splice(index, 1);
  }

  run(fn, ...args) {
    return runInside(this, fn, this, args);
  }

  intercept(cb) {
    const domain = this;
    return function runIntercepted(er, ...args) {
      if (er instanceof Error) {
        Object.assign(er, { domainBound: cb, domainThrown: false, domain });
        domain.emit('error', er);
        return undefined;
      }
      return runInside(domain, cb, this, args);
    };
  }

  bind(cb) {
    const domain = this;
    function runBound(...args) {
      return runInside(domain, cb, this, args);
    }
    Object.defineProperty(runBound, 'domain', { value: this, writable: true, enumerable: false, configurable: true });
    return runBound;
  }
}
Domain.prototype.members = undefined;

// Emitters made while a domain is active belong to it; their listeners run in it, and an
// 'error' nobody listens for goes to the domain.
EventEmitter.usingDomains = true;
const emitterInit = EventEmitter.init;
EventEmitter.init = function init(opts) {
  Object.defineProperty(this, 'domain', { value: null, writable: true, enumerable: false, configurable: true });
  if (exports.active && !(this instanceof Domain)) this.domain = exports.active;
  return Reflect.apply(emitterInit, this, [opts]);
};

const plainEmit = EventEmitter.prototype.emit;
EventEmitter.prototype.emit = function emit(...args) {
  const domain = this.domain;
  const type = args[0];
  if ((type === 'error' && this.listenerCount(type) > 0) || domain === null || domain === undefined || this === process) {
    return Reflect.apply(plainEmit, this, args);
  }
  if (type === 'error') {
    const er = args.length > 1 && args[1] ? args[1] : codedError(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error.');
    if (typeof er === 'object') {
      er.domainEmitter = this;
      Object.defineProperty(er, 'domain', { value: domain, writable: true, enumerable: false, configurable: true });
      er.domainThrown = false;
    }
    // The handler runs outside the active domain (and its repeats on the stack).
    const savedStack = stack.slice();
    const savedActive = process.domain;
    let top = stack.length;
    while (top > 0 && stack[top - 1] === process.domain) top--;
    stack.length = top;
    setActive(top > 0 ? stack[top - 1] : null);
    updateExceptionCapture();
    domain.emit('error', er);
    stack = savedStack;
    exports._stack = stack;
    setActive(savedActive);
    updateExceptionCapture();
    return false;
  }
  return runInside(domain, plainEmit, this, args);
};

exports._stack = stack;
exports.Domain = Domain;
exports.createDomain = exports.create = () => new Domain();
exports.active = null;
