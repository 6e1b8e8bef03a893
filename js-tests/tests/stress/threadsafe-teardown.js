// Teardown while a thread still calls an unref'd threadsafe function: the env closes it,
// the thread gets napi_closing, the finalizer runs, and the process exits cleanly.
const { addon, log } = require('../../common');
addon('stress').teardownInFlight();
setTimeout(() => log('main done'), 20);
