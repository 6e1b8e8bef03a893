'use strict';
// A FinalizationRegistry's callback runs once its target is collected: V8 posts the cleanup as
// a platform task, which the loop runs, even on its last turn; a diagnostics channel nobody
// holds goes with it.
// Flags: --expose-gc
const dc = require('diagnostics_channel');

const registry = new FinalizationRegistry((held) => console.log('finalized', held));
(function register() {
  registry.register({}, 'first');
})();

const channelRef = new WeakRef(dc.channel('unheld-channel'));
setImmediate(() => {
  globalThis.gc();
  setTimeout(() => {
    console.log('channel collected', channelRef.deref() === undefined);
    (function registerAgain() {
      registry.register({}, 'last turn');
    })();
    setImmediate(() => globalThis.gc());
  }, 10);
});
process.on('exit', () => console.log('exit'));
