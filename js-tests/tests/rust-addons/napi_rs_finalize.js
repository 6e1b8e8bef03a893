'use strict';
// anode-napi's #[napi(custom_finalize)] classes (ObjectFinalize runs when an instance is
// collected), Env::adjust_external_memory, and #[napi(async_runtime)] functions.
// Flags: --expose-gc
const { addon, log } = require('../../common');
const style = addon('napi_rs_style');

log(style.externalMemoryRoundTrip(4096));
(function make() { for (let i = 0; i < 5; i++) new style.Pixels(1024); })();
log('before gc', style.pixelsFinalized());
style.spawnInRuntime(14, (value) => {
  log('spawned task sent', value);
  setTimeout(() => {
    globalThis.gc();
    setTimeout(() => {
      globalThis.gc();
      setTimeout(() => log('after gc', style.pixelsFinalized()), 10);
    }, 1);
  }, 1);
});
