'use strict';
// anode-napi's PromiseRaw (then/catch/finally from Rust, made settled, made from futures with
// Env::spawn_future and spawn_future_with_callback) and FunctionRef, as napi-rs 3 names them.
const { addon, log, logSettled: show } = require('../../common');
const style = addon('napi_rs_style');

(async () => {
  await show('then', style.callThenOnPromise(Promise.resolve(7), 'seven'));
  await show('then of a non-number', style.callThenOnPromise(Promise.resolve('x'), 'bad'));
  await show('catch', style.callCatchOnPromise(Promise.reject('nope')));
  await show('catch passes a value through', style.callCatchOnPromise(Promise.resolve(3)));
  const order = [];
  await show('finally resolved', style.callFinallyOnPromise(Promise.resolve(5), () => order.push('finally 1')));
  await show('finally rejected', style.callFinallyOnPromise(Promise.reject(new RangeError('late')), () => order.push('finally 2')));
  await show('finally throwing', style.callFinallyOnPromise(Promise.resolve(6), () => { throw new TypeError('in finally'); }));
  log(order);
  await show('resolved', style.createResolvedPromise(11));
  await show('rejected', style.createRejectedPromise('made rejected'));
  await show('spawned', style.spawnDoubled(21));
  await show('spawned with callback', style.spawnWithCallback(41));
  await show('spawned with failing callback', style.spawnWithCallback(100));
  await show('call later', style.callLater((label) => order.push(`later ${label}`), 'L'));
  log(order);
  await show('return_if_invalid async', style.negateIfValid(Promise.resolve(true)));
  await show('return_if_invalid async, invalid', style.negateIfValid(true));
  await show('custom tokio runtime', style.runtimeThreadName());
  await show('task resolved', style.halve(8, true));
  await show('task rejected, recovered', style.halve(7, false));
  await show('task rejected', style.halve(7, true));
  log('tasks finished', style.tasksFinished());
  await show('scoped task', style.repeatByte(97, 3).then((buffer) => [Buffer.isBuffer(buffer), buffer.toString()]));
  for (const bad of [() => style.callThenOnPromise(7, 'x'), () => style.callFinallyOnPromise(Promise.resolve(1), 'f')]) {
    try { bad(); } catch (error) { log(error.constructor.name, error.code, error.message); }
  }
})();
