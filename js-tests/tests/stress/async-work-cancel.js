// Cancelling queued async work: every work completes exactly once, with napi_ok if it had
// started and napi_cancelled otherwise.
const { addon, log } = require('../../common');
const stress = addon('stress');
log('cancel accepted for some:', stress.cancelWork(32, (result) => log(result)));
