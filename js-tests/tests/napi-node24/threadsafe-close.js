// napi: 10
// A threadsafe function that closes with calls still queued: released, they run with an env;
// aborted, they go to call_js_cb without an env, before the finalizer (Node 24's order).
const { addon, log } = require('../../common');
const node24 = addon('napi_node24');

// Resolves with the log once the finalizer ran.
const finalized = () => new Promise((resolve) => {
  const poll = (left) => {
    const log = node24.tsfnLog();
    if (log.endsWith('finalize') || left === 0) resolve(log);
    else setTimeout(poll, 5, left - 1);
  };
  poll(200);
});

(async () => {
  node24.tsfnClose(false);
  log('released:', await finalized());
  node24.tsfnClose(true);
  log('aborted:', await finalized());
})();
