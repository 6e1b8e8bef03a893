// Instance data and cleanup hooks at teardown (hooks last added first, then the env's
// finalizers and instance data), and napi_make_callback draining ticks and microtasks.
const { addon, log } = require('../../common');
const areas = addon('napi_areas');
log(areas.lifecycle(), areas.lifecycle(), areas.lifecycle());
setTimeout(() => {
  const order = [];
  areas.makeCallback(() => {
    process.nextTick(() => order.push('tick'));
    Promise.resolve().then(() => order.push('microtask'));
    order.push('callback');
  });
  order.push('after make_callback');
  setImmediate(() => log(order.join(', ')));
}, 1);
process.on('exit', () => log('exit event'));
