'use strict';
// V8's promise lifecycle hooks (one slot per kind in a context) shared out as lists: v8's
// public promiseHooks and async_hooks' PROMISE resources each add their own.

const processMethods = binding.processMethods();
const { invalidArgType } = require('internal/errors');

const natives = binding.v8();
const promiseHookLists = { init: [], before: [], after: [], settled: [] };

// Runs each hook of `list`; what they throw becomes uncaught exceptions after all ran.
function runHooks(list, ...args) {
  const errors = [];
  for (const hook of list.slice()) {
    try {
      hook(...args);
    } catch (err) {
      errors.push(err);
    }
  }
  for (const err of errors) processMethods.triggerUncaughtException(err, false);
}

function installPromiseHooks() {
  const dispatcher = (list) => {
    if (list.length === 0) return undefined;
    // One hook is called directly (async_hooks' alone is the common case).
    if (list.length === 1 && list[0].internal) return list[0];
    return (...args) => runHooks(list, ...args);
  };
  const { init, before, after, settled } = promiseHookLists;
  natives.setPromiseHooks(dispatcher(init), dispatcher(before), dispatcher(after), dispatcher(settled));
}

// Adds `hook` to a kind's list; returns the function that removes it.
function addHook(kind, hook) {
  const list = promiseHookLists[kind];
  list.push(hook);
  installPromiseHooks();
  return function stop() {
    const index = list.indexOf(hook);
    if (index === -1) return;
    list.splice(index, 1);
    installPromiseHooks();
  };
}

function promiseHookAdder(kind) {
  return (hook) => {
    if (typeof hook !== 'function' || require('util').types.isAsyncFunction(hook)) {
      throw invalidArgType(`${kind}Hook`, 'of type function', hook);
    }
    return addHook(kind, hook);
  };
}

const promiseHooks = {
  onInit: promiseHookAdder('init'),
  onBefore: promiseHookAdder('before'),
  onAfter: promiseHookAdder('after'),
  onSettled: promiseHookAdder('settled'),
  createHook({ init, before, after, settled } = {}) {
    const stops = [];
    if (init) stops.push(promiseHooks.onInit(init));
    if (before) stops.push(promiseHooks.onBefore(before));
    if (after) stops.push(promiseHooks.onAfter(after));
    if (settled) stops.push(promiseHooks.onSettled(settled));
    return () => {
      for (const stop of stops) stop();
    };
  },
};

// Hooks of the runtime's own (async_hooks'), which handle their own errors: `hooks` maps
// kinds to functions; returns the function that removes them all.
function addInternalHooks(hooks) {
  const stops = Object.entries(hooks)
    .filter(([, hook]) => hook !== undefined)
    .map(([kind, hook]) => addHook(kind, Object.assign(hook, { internal: true })));
  return () => {
    for (const stop of stops) stop();
  };
}

module.exports = { promiseHooks, addInternalHooks };
