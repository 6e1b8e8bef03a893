'use strict';
// An AsyncResource nobody destroyed gets its destroy hook once collected; one destroyed by hand
// or created with requireManualDestroy does not get a second one.
// Flags: --expose-gc
const { AsyncResource, createHook } = require('async_hooks');

const names = new Map();
createHook({
  destroy(asyncId) {
    if (names.has(asyncId)) console.log('destroy', names.get(asyncId));
  },
}).enable();

(function create() {
  names.set(new AsyncResource('collected').asyncId(), 'collected');
  const manual = new AsyncResource('by hand');
  names.set(manual.asyncId(), 'by hand');
  manual.emitDestroy();
  names.set(new AsyncResource('manual only', { requireManualDestroy: true }).asyncId(), 'manual only');
})();

setImmediate(() => {
  globalThis.gc();
  setImmediate(() => console.log('done'));
});
