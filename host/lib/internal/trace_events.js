'use strict';
// What lib/ records in the trace (node's internalBinding('trace_events') and its JS
// emitters): the async_hooks events (node's trace_events_async_hooks), switched on and off
// with their category, and each thread's metadata once tracing is on.

const traceBinding = binding.traceEvents();
const { isMainThread, threadId } = binding.config;

const kAsyncHooksCategory = 'node,node.async_hooks';
const kNestableBegin = 'b'.charCodeAt(0);
const kNestableEnd = 'e'.charCodeAt(0);

let asyncHook;
function asyncHooksTracer() {
  const { createHook, executionAsyncId } = require('async_hooks');
  // Each live resource's type, for its callbacks' and destruction's events.
  const types = new Map();
  return createHook({
    init(asyncId, type, triggerAsyncId) {
      types.set(asyncId, type);
      traceBinding.trace(kNestableBegin, kAsyncHooksCategory, type, asyncId,
                         { triggerAsyncId, executionAsyncId: executionAsyncId() });
    },
    before(asyncId) {
      const type = types.get(asyncId);
      if (type !== undefined) traceBinding.trace(kNestableBegin, kAsyncHooksCategory, `${type}_CALLBACK`, asyncId);
    },
    after(asyncId) {
      const type = types.get(asyncId);
      if (type !== undefined) traceBinding.trace(kNestableEnd, kAsyncHooksCategory, `${type}_CALLBACK`, asyncId);
    },
    destroy(asyncId) {
      const type = types.get(asyncId);
      if (type === undefined) return;
      traceBinding.trace(kNestableEnd, kAsyncHooksCategory, type, asyncId);
      types.delete(asyncId);
    },
  });
}

// Called whenever the enabled categories may have changed (node's category state handler).
function categoriesChanged() {
  if (traceBinding.getEnabledCategories() === undefined) {
    if (asyncHook !== undefined) {
      asyncHook.disable();
      asyncHook = undefined;
    }
    return;
  }
  if (isMainThread) {
    traceBinding.setProcessMetadata({
      versions: process.versions, arch: process.arch, platform: process.platform, release: process.release,
    });
  }
  const tracingAsyncHooks = traceBinding.isTraceCategoryEnabled(kAsyncHooksCategory);
  if (tracingAsyncHooks && asyncHook === undefined) {
    asyncHook = asyncHooksTracer();
    asyncHook.enable();
  } else if (!tracingAsyncHooks && asyncHook !== undefined) {
    asyncHook.disable();
    asyncHook = undefined;
  }
}

// A thread's start with tracing on: its metadata (a worker's name), then its emitters.
function threadStarted() {
  if (!isMainThread) {
    // The worker's name comes with its start-up data, read once its entry runs.
    queueMicrotask(() => traceBinding.setThreadName(`[worker ${threadId}] ${require('worker_threads').threadName}`));
  }
  categoriesChanged();
}

module.exports = { traceBinding, categoriesChanged, threadStarted };
