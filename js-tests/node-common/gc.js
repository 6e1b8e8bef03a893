'use strict';
// gcUntil and onGC, as the Node-API tests use them (needs --expose-gc).

async function gcUntil(name, condition, maxCount = 10, gcOptions) {
  for (let count = 0; count < maxCount; ++count) {
    await new Promise((resolve) => setImmediate(resolve));
    if (gcOptions) await global.gc(gcOptions);
    else await global.gc();
    if (condition()) return;
  }
  throw new Error(`Test ${name} failed`);
}

// Calls gcListener.ongc once `obj` has been collected.
const registry = new FinalizationRegistry((listener) => listener.ongc());
function onGC(obj, gcListener) {
  registry.register(obj, gcListener);
}

module.exports = { gcUntil, onGC };
