// process.setUncaughtExceptionCaptureCallback: it takes uncaught exceptions before any
// 'uncaughtException' listener (whatever it returns), refuses a second callback, is cleared
// with null, and excludes the domain module both ways.
const show = (fn) => {
  try {
    console.log(fn());
  } catch (err) {
    console.log(err.name, err.code, err.message.split('\n')[0]);
  }
};
show(() => process.hasUncaughtExceptionCaptureCallback());
show(() => process.setUncaughtExceptionCaptureCallback(5));
show(() => process.setUncaughtExceptionCaptureCallback('x'));
process.on('uncaughtException', (err) => console.log('listener', err.message));
process.on('uncaughtExceptionMonitor', (err, origin) => console.log('monitor', err.message, origin));
show(() => process.setUncaughtExceptionCaptureCallback((err) => {
  console.log('captured', err.message);
  return false;
}));
show(() => process.hasUncaughtExceptionCaptureCallback());
show(() => process.setUncaughtExceptionCaptureCallback(() => {}));
show(() => require('domain'));
setTimeout(() => {
  throw new Error('from a timer');
}, 1);
setTimeout(() => {
  Promise.reject(new Error('a rejection'));
}, 5);
setTimeout(() => {
  process.setUncaughtExceptionCaptureCallback(null);
  show(() => process.hasUncaughtExceptionCaptureCallback());
  const domain = require('domain');
  show(() => process.setUncaughtExceptionCaptureCallback(() => {}));
  show(() => typeof domain.create);
  throw new Error('after clearing');
}, 10);
process.on('exit', (code) => console.log('exit', code));
