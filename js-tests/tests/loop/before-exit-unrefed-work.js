'use strict';
// What does not keep the loop alive after 'beforeExit': a garbage collection (V8 posts the
// platform tasks it leaves through node's unref'd handle) and queued destroy hooks (node runs
// them from an unref'd immediate, on the next turn if there is one). Each listener call below
// either gives the loop work or not; 'beforeExit' must come exactly once per turn that ends.
// Flags: --expose-gc
const { writeSync } = require('fs');
const asyncHooks = require('async_hooks');
require('path'); // a required module leaves V8 compile tasks behind a collection

asyncHooks.createHook({
  destroy() {
    writeSync(1, 'destroy\n');
  },
}).enable();

let calls = 0;
process.on('beforeExit', () => {
  calls++;
  writeSync(1, `beforeExit ${calls}\n`);
  // Two turns with a timer, then one with only a collection: the loop ends after it.
  if (calls <= 2) setTimeout(() => writeSync(1, `timer ${calls}\n`), 1);
  globalThis.gc();
});
process.on('exit', () => writeSync(1, `exit after ${calls}\n`));
