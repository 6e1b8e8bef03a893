// At exit, as node tears an env down: cleanup hooks newest first, each external buffer's
// finalizer among them as the hook node registers when the buffer is made, then the env's
// references with finalizers newest first (one a finalizer makes meanwhile runs next), then
// the instance data.
const { addon } = require('../../common');
const node24 = addon('napi_node24');
node24.teardownOrder();
process.on('exit', () => console.log('exit event'));
