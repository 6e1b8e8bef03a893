// napi: 10
// At exit, as node tears an env down: JS can no longer run (a napi call that would run it is
// napi_cannot_run_js for a version 10 module); the finalizers of live external buffers run
// first, newest first, then the cleanup hooks newest first, the env's among them: its
// references with finalizers and its instance data newest first, then the others.
const { addon, log } = require('../../common');
const node24 = addon('napi_node24');
node24.teardownOrder();
process.on('exit', () => log('exit event'));
