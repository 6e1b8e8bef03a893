'use strict';
// Async stack traces: while a session asks for them (Debugger.setAsyncCallStackDepth above
// 0), the program's async tasks are reported to V8's inspector as they are scheduled, run
// and dropped, as node's inspector async hook reports them (V8 follows promises itself).

const natives = binding.inspector();
let hook;

function start() {
  hook ??= require('async_hooks').createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      if (type === 'PROMISE') return;
      const recurring = type === 'Timeout' && Boolean(resource._repeat);
      natives.asyncTaskScheduled(type, asyncId, recurring);
    },
    before(asyncId) {
      natives.asyncTaskStarted(asyncId);
    },
    after(asyncId) {
      natives.asyncTaskFinished(asyncId);
    },
    destroy(asyncId) {
      natives.asyncTaskCanceled(asyncId);
    },
  });
  hook.enable();
}

function stop() {
  hook?.disable();
}

function register() {
  natives.setAsyncTaskTracking(start, stop);
}

module.exports = { register };
