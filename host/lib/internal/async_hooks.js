'use strict';
// async_hooks: async ids and the execution stack, hooks, AsyncResource and AsyncLocalStorage.
// The id counter, the running ids and the hook counts live in binding.fields (node's
// async_hook_fields) so native code reads them without calling in here. AsyncLocalStorage
// rides on async context frames: V8 carries its continuation-preserved data across promise
// reactions, and the runtime's own callbacks (ticks, timers, immediates, fs requests,
// Node-API async resources) restore the frame that was current when they were scheduled.

const processMethods = binding.processMethods();
const asyncWrap = binding.asyncWrap();
const { fields } = binding;
const INIT = 4, BEFORE = 5, AFTER = 6, DESTROY = 7;
const ASYNC_ID_COUNTER = 8, EXECUTION_ASYNC_ID = 9, TRIGGER_ASYNC_ID = 10, CONTEXT_FRAMES_USED = 11;
const { codedError, validateFunction, validateObject, validateString } = require('internal/errors');

fields[ASYNC_ID_COUNTER] = 1;
fields[EXECUTION_ASYNC_ID] = 1;
fields[TRIGGER_ASYNC_ID] = 0;

// ---- ids and the execution stack ----
const topLevelResource = {};
const savedIds = [];
const savedTriggerIds = [];
const resources = [];

const newAsyncId = () => ++fields[ASYNC_ID_COUNTER];
const executionAsyncId = () => fields[EXECUTION_ASYNC_ID];
const triggerAsyncId = () => fields[TRIGGER_ASYNC_ID];
const executionAsyncResource = () => (resources.length > 0 ? resources[resources.length - 1] : topLevelResource);

function pushAsyncContext(asyncId, triggerId, resource) {
  savedIds.push(fields[EXECUTION_ASYNC_ID]);
  savedTriggerIds.push(fields[TRIGGER_ASYNC_ID]);
  resources.push(resource);
  fields[EXECUTION_ASYNC_ID] = asyncId;
  fields[TRIGGER_ASYNC_ID] = triggerId;
}

function popAsyncContext() {
  if (resources.length === 0) return;
  fields[EXECUTION_ASYNC_ID] = savedIds.pop();
  fields[TRIGGER_ASYNC_ID] = savedTriggerIds.pop();
  resources.pop();
}

// ---- hooks ----
const kCallbacks = Symbol('callbacks');
const hookKinds = [['init', INIT], ['before', BEFORE], ['after', AFTER], ['destroy', DESTROY], ['promiseResolve', -1]];
// Replaced, never mutated, so enabling or disabling inside a hook does not disturb a walk.
let activeHooks = [];

// A hook that throws ends the process, as in node.
function fatalHookError(err) {
  let text = err?.stack;
  if (typeof text !== 'string') {
    // A thrown non-error gets a stack of its own, as node's fatalError makes one.
    const holder = { message: typeof err === 'symbol' ? String(err) : err };
    Error.captureStackTrace(holder, fatalHookError);
    text = holder.stack;
  }
  processMethods.print(2, `${text}\n`);
  process.exit(1);
}

function callHooks(kind, count, ...args) {
  if ((count >= 0 ? fields[count] : promiseResolveHooks) === 0) return;
  // The hooks as they were when the event began: one enabled or disabled by a callback
  // counts from the next event on, as node's copy-on-write hook list does.
  const hooks = activeHooks;
  for (let i = 0; i < hooks.length; i++) {
    const hook = hooks[i];
    const callback = hook[kCallbacks][kind];
    if (callback === undefined) continue;
    try {
      callback.apply(hook, args);
    } catch (err) {
      fatalHookError(err);
    }
  }
}

class AsyncHook {
  constructor({ init, before, after, destroy, promiseResolve } = {}) {
    const callbacks = { init, before, after, destroy, promiseResolve };
    for (const [kind] of hookKinds) {
      if (callbacks[kind] !== undefined && typeof callbacks[kind] !== 'function') {
        throw codedError(TypeError, 'ERR_ASYNC_CALLBACK', `hook.${kind} must be a function`);
      }
    }
    this[kCallbacks] = callbacks;
  }

  enable() {
    if (activeHooks.includes(this)) return this;
    activeHooks = [...activeHooks, this];
    this.#count(1);
    updatePromiseTracking();
    return this;
  }

  disable() {
    if (!activeHooks.includes(this)) return this;
    activeHooks = activeHooks.filter((hook) => hook !== this);
    this.#count(-1);
    updatePromiseTracking();
    return this;
  }

  #count(delta) {
    for (const [kind, index] of hookKinds) {
      if (index >= 0 && this[kCallbacks][kind] !== undefined) fields[index] += delta;
    }
  }
}

function emitInit(asyncId, type, triggerId, resource) {
  callHooks('init', INIT, asyncId, type, triggerId, resource);
}

function emitBefore(asyncId, triggerId, resource) {
  pushAsyncContext(asyncId, triggerId, resource);
  callHooks('before', BEFORE, asyncId);
}

function emitAfter(asyncId) {
  callHooks('after', AFTER, asyncId);
  popAsyncContext();
}

// Destroy hooks run from the loop, before the next immediates, as node's do.
function emitDestroy(asyncId) {
  if (fields[DESTROY] > 0) asyncWrap.queueDestroyAsyncId(asyncId);
}

// An index loop: user code may have taken arrays' iterator away.
internals.emitDestroyed = function (ids) {
  for (let i = 0; i < ids.length; i++) callHooks('destroy', DESTROY, ids[i]);
};

// ---- promises as PROMISE resources ----
// While hooks are enabled, V8's promise hooks give each promise an async id (and the id of
// the promise or context that triggered it), and its reactions before/after callbacks.
const kPromiseAsyncId = Symbol('asyncId');
const kPromiseTriggerId = Symbol('triggerAsyncId');
let promiseResolveHooks = 0;

function trackPromise(promise, parent) {
  if (promise[kPromiseAsyncId] !== undefined) return;
  // The parent's id first, so that a parent given an id now gets the lower one.
  const triggerId = parent ? trackedId(parent) : fields[EXECUTION_ASYNC_ID];
  promise[kPromiseAsyncId] = newAsyncId();
  promise[kPromiseTriggerId] = triggerId;
}

function trackedId(promise) {
  trackPromise(promise);
  return promise[kPromiseAsyncId];
}

function promiseInit(promise, parent) {
  trackPromise(promise, parent);
  const asyncId = promise[kPromiseAsyncId];
  if (fields[INIT] > 0) emitInit(asyncId, 'PROMISE', promise[kPromiseTriggerId], promise);
  if (fields[DESTROY] > 0) asyncWrap.registerDestroyHook(promise, asyncId);
}

function promiseBefore(promise) {
  trackPromise(promise);
  emitBefore(promise[kPromiseAsyncId], promise[kPromiseTriggerId], promise);
}

function promiseAfter(promise) {
  trackPromise(promise);
  const asyncId = promise[kPromiseAsyncId];
  callHooks('after', AFTER, asyncId);
  // Not so when the hooks were enabled inside the reaction.
  if (asyncId === fields[EXECUTION_ASYNC_ID]) popAsyncContext();
}

function promiseSettled(promise) {
  callHooks('promiseResolve', -1, trackedId(promise));
}

let stopPromiseTracking = null;
function updatePromiseTracking() {
  promiseResolveHooks = activeHooks.filter((hook) => hook[kCallbacks].promiseResolve !== undefined).length;
  stopPromiseTracking?.();
  stopPromiseTracking = null;
  if (activeHooks.length === 0) return;
  const { addInternalHooks } = require('internal/promise_hooks');
  stopPromiseTracking = addInternalHooks({
    init: fields[INIT] > 0 || fields[DESTROY] > 0 ? promiseInit : undefined,
    before: promiseBefore,
    after: promiseAfter,
    settled: promiseResolveHooks > 0 ? promiseSettled : undefined,
  });
}

// ---- async context frames ----
let framesUsed = false;

const currentFrame = () => (framesUsed ? asyncWrap.getContextFrame() : undefined);

function useFrames() {
  if (!framesUsed) {
    framesUsed = true;
    fields[CONTEXT_FRAMES_USED] = 1;
  }
}

function runInFrame(frame, fn, thisArg, args) {
  const outer = asyncWrap.getContextFrame();
  asyncWrap.setContextFrame(frame);
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    asyncWrap.setContextFrame(outer);
  }
}

// `fn` made to run in the current frame (for callbacks the runtime calls later).
function bindToFrame(fn) {
  if (!framesUsed) return fn;
  const frame = asyncWrap.getContextFrame();
  return function (...args) {
    return runInFrame(frame, fn, this, args);
  };
}

// An async resource's callback scope: its frame, the execution stack, before hooks. Returns
// the frame to restore on leaving (native resources enter and leave through these too).
function enterAsyncScope(asyncId, triggerId, resource, frame) {
  const outerFrame = currentFrame();
  if (framesUsed) asyncWrap.setContextFrame(frame);
  emitBefore(asyncId, triggerId, resource);
  return outerFrame;
}

// Leaves it: after hooks when the callback completed. An exception skips them, as node's
// MakeCallback does: the scope is remembered and put back for the 'uncaughtException'
// listeners (which see the callback's async id and frame), and its after hooks run once a
// listener handled the exception.
function exitAsyncScope(asyncId, outerFrame, completed) {
  if (completed) {
    emitAfter(asyncId);
    // A scope that completes after one threw means the exception was caught.
    if (thrownScopes.length !== 0) thrownScopes.length = 0;
  } else {
    thrownScopes.push([fields[EXECUTION_ASYNC_ID], fields[TRIGGER_ASYNC_ID], resources.at(-1)]);
    popAsyncContext();
  }
  if (framesUsed) {
    if (!completed) throwFrame ??= asyncWrap.getContextFrame();
    else throwFrame = undefined;
    asyncWrap.setContextFrame(outerFrame);
  }
}

let throwFrame;
// The scopes an uncaught exception left, innermost first.
const thrownScopes = [];
// The frame of the callback whose exception is now uncaught, taken once.
function takeThrowFrame() {
  const frame = throwFrame;
  throwFrame = undefined;
  return frame;
}

// Runs `handle()` (the uncaught exception's listeners) inside the scopes the exception left;
// when it handled the exception, their after hooks run, innermost first.
function inThrownScopes(handle) {
  const scopes = thrownScopes.splice(0);
  // Indexed, not spread or for-of: a program may have deleted the array iterator (the REPL's
  // uncaught errors come through here).
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    pushAsyncContext(scope[0], scope[1], scope[2]);
  }
  let handled = false;
  try {
    handled = handle();
    return handled;
  } finally {
    for (let i = 0; i < scopes.length; i++) {
      if (handled) emitAfter(scopes[i][0]);
      else popAsyncContext();
    }
  }
}

// Runs `fn` as the callback of an async resource (native semantics: see exitAsyncScope).
function runInAsyncScope(asyncId, triggerId, resource, frame, fn, thisArg, args) {
  const outerFrame = enterAsyncScope(asyncId, triggerId, resource, frame);
  let completed = false;
  try {
    const result = Reflect.apply(fn, thisArg, args);
    completed = true;
    return result;
  } finally {
    exitAsyncScope(asyncId, outerFrame, completed);
  }
}

internals.emitInit = emitInit;
internals.enterAsyncScope = enterAsyncScope;
internals.exitAsyncScope = exitAsyncScope;

// The runtime's own async resources (ticks, timers, immediates) carry their async id, the
// id that triggered them and the frame current when they were made.
const kAsyncId = Symbol('asyncId');
const kTriggerId = Symbol('triggerId');
const kFrame = Symbol('frame');

function initAsyncResource(target, type) {
  target[kAsyncId] = newAsyncId();
  target[kTriggerId] = fields[EXECUTION_ASYNC_ID];
  if (framesUsed) Object.defineProperty(target, kFrame, { value: currentFrame(), writable: true });
  if (fields[INIT] > 0) emitInit(target[kAsyncId], type, target[kTriggerId], target);
}

// Runs `fn` as the callback of a resource initAsyncResource set up.
function runAsResource(target, fn, thisArg, args) {
  return runInAsyncScope(target[kAsyncId], target[kTriggerId], target, target[kFrame], fn, thisArg, args);
}

// runAsResource in two halves, for a caller that calls the callback itself (so no frame of
// ours sits between the callback and its caller in stack traces, as in node's tick loop).
const enterResourceScope = (target) => enterAsyncScope(target[kAsyncId], target[kTriggerId], target, target[kFrame]);
const exitResourceScope = (target, outerFrame, completed) => exitAsyncScope(target[kAsyncId], outerFrame, completed);

const destroyResource = (target) => emitDestroy(target[kAsyncId]);

// ---- AsyncResource ----
function validateAsyncId(id, name) {
  if (!Number.isSafeInteger(id) || id < -1) {
    throw codedError(RangeError, 'ERR_INVALID_ASYNC_ID', `Invalid ${name} value: ${id}`);
  }
}

// A resource not destroyed by hand is destroyed when collected (while destroy hooks exist at
// its creation), unless it asked for manual destruction.
const kDestroyed = Symbol('destroyed');

class AsyncResource {
  constructor(type, options = {}) {
    validateString(type, 'type');
    let triggerId = options;
    if (typeof options !== 'number') {
      triggerId = options.triggerAsyncId === undefined ? fields[EXECUTION_ASYNC_ID] : options.triggerAsyncId;
    }
    validateAsyncId(triggerId, 'triggerAsyncId');
    this[kAsyncId] = newAsyncId();
    this[kTriggerId] = triggerId;
    Object.defineProperty(this, kFrame, { value: currentFrame(), writable: true });
    if (fields[INIT] > 0) {
      if (type.length === 0) throw codedError(TypeError, 'ERR_ASYNC_TYPE', `Invalid name for async "type": ${type}`);
      emitInit(this[kAsyncId], type, triggerId, this);
    }
    const requireManualDestroy = typeof options === 'number' ? false : Boolean(options.requireManualDestroy);
    if (!requireManualDestroy && fields[DESTROY] > 0) {
      this[kDestroyed] = { destroyed: false };
      asyncWrap.registerDestroyHook(this, this[kAsyncId], this[kDestroyed]);
    }
  }

  // As node's: the after hooks run and the outer frame is back even when `fn` throws.
  runInAsyncScope(fn, thisArg, ...args) {
    const asyncId = this[kAsyncId];
    const outerFrame = enterAsyncScope(asyncId, this[kTriggerId], this, this[kFrame]);
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      if (framesUsed) asyncWrap.setContextFrame(outerFrame);
      if (resources.length > 0) emitAfter(asyncId);
    }
  }

  emitDestroy() {
    if (this[kDestroyed] !== undefined) this[kDestroyed].destroyed = true;
    emitDestroy(this[kAsyncId]);
    return this;
  }

  asyncId() {
    return this[kAsyncId];
  }

  triggerAsyncId() {
    return this[kTriggerId];
  }

  bind(fn, thisArg) {
    validateFunction(fn, 'fn');
    const resource = this;
    const bound = thisArg === undefined
      ? function (...args) { return resource.runInAsyncScope(fn, this, ...args); }
      : (...args) => resource.runInAsyncScope(fn, thisArg, ...args);
    Object.defineProperties(bound, {
      length: { value: fn.length, configurable: true },
      asyncResource: { value: this, configurable: true, enumerable: true, writable: true },
    });
    return bound;
  }

  static bind(fn, type, thisArg) {
    return new AsyncResource(type || fn.name || 'bound-anonymous-fn').bind(fn, thisArg);
  }
}

// ---- AsyncLocalStorage ----
// A frame is an immutable Map from storage to store; entering makes a new one.
function enterFrame(storage, store) {
  useFrames();
  const frame = new Map(asyncWrap.getContextFrame());
  frame.set(storage, store);
  return frame;
}

// As node's AsyncContextFrame storage: run() and exit() change only this storage's entry
// and put back its prior value (a nested enterWith of another storage outlives them);
// disable() removes the entry from the current frame.
class AsyncLocalStorage {
  #defaultValue;
  #name;

  constructor(options = {}) {
    validateObject(options, 'options');
    this.#defaultValue = options.defaultValue;
    if (options.name !== undefined) this.#name = `${options.name}`;
  }

  get name() {
    return this.#name ?? '';
  }

  static bind(fn) {
    return AsyncResource.bind(fn);
  }

  static snapshot() {
    return AsyncResource.bind((callback, ...args) => callback(...args));
  }

  disable() {
    if (framesUsed) asyncWrap.getContextFrame()?.delete(this);
  }

  getStore() {
    const frame = framesUsed ? asyncWrap.getContextFrame() : undefined;
    if (!frame?.has(this)) return this.#defaultValue;
    return frame.get(this);
  }

  enterWith(store) {
    asyncWrap.setContextFrame(enterFrame(this, store));
  }

  run(store, callback, ...args) {
    const prior = this.getStore();
    if (Object.is(prior, store)) return Reflect.apply(callback, null, args);
    this.enterWith(store);
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      this.enterWith(prior);
    }
  }

  exit(callback, ...args) {
    return this.run(undefined, callback, ...args);
  }
}

module.exports = {
  bindToFrame, initAsyncResource, newAsyncId, runAsResource, enterResourceScope, exitResourceScope, destroyResource, takeThrowFrame, inThrownScopes, runInFrame,
  publicApi: {
    AsyncLocalStorage,
    createHook: (callbacks) => new AsyncHook(callbacks),
    executionAsyncId, triggerAsyncId, executionAsyncResource, AsyncResource,
  },
};

// --no-async-context-frame: AsyncLocalStorage keeps its stores on async resources instead.
if (!internals.getOptionValue('--async-context-frame')) {
  module.exports.publicApi.AsyncLocalStorage = require('internal/async_local_storage/async_hooks');
}
