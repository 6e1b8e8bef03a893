'use strict';
// napi-rs 3's ThreadsafeFunction in anode-napi: its generics (callee-handled or not, FnArgs
// spread or a tuple as one array, a custom error status), the builder from a Function
// (callee_handled, max_queue_size, build_callback), call_with_return_value, call_async,
// weak functions and abort; tokio::select! and block_on.
const { addon, log } = require('../../common');
const style = addon('napi_rs_style');

(async () => {
  const counted = await new Promise((resolve) => {
    const seen = [];
    style.tsfnCountThenFail(3, (error, value) => {
      if (error) resolve([seen, error.constructor.name, error.code, error.message]);
      else seen.push(value);
    });
  });
  log('count then fail', counted);

  const spread = await new Promise((resolve) => {
    const calls = [];
    const record = (label) => (...args) => {
      calls.push([label, args]);
      if (calls.length === 2) resolve(calls);
    };
    style.tsfnSpread(record('spread'), record('whole'));
  });
  log('spread and whole', spread);

  const replies = await new Promise((resolve) => {
    style.tsfnBuilt((error, value, label) => {
      if (value === 3) throw new RangeError(`no ${label}`);
      return `${error}:${value}:${label}`;
    }, [1, 2, 3, 4], resolve);
  });
  log('built, return values', replies);

  log('call_async', await style.tsfnAwaitResult((error, value) => Promise.resolve(value * 2)));
  await style.tsfnAwaitResult(() => { throw new TypeError('thrown in the callback'); })
    .then((value) => log('resolved', value), (error) => log('call_async rejected', error.code, error.message));
  await style.tsfnAwaitResult(() => 'not a promise')
    .then((value) => log('resolved', value), (error) => log('call_async rejected', error.code, error.message));

  log('weak and abort', style.tsfnWeakAndAbort(() => {}));

  // tokio::select! (the tokio_macros feature): a settled promise, one that never settles.
  log(await style.settleWithin(Promise.resolve(4), 600000), await style.settleWithin(new Promise(() => {}), 1));
  // block_on on a plain thread, awaiting a threadsafe call and the promise it returned.
  log(await new Promise((resolve) => style.blockOnCall((error, value) => Promise.resolve(value * 10), resolve)));

  for (const bad of [() => style.tsfnCountThenFail(1, 'not a function'), () => style.tsfnSpread(() => {}, null)]) {
    try {
      bad();
    } catch (error) {
      log(error.constructor.name, error.code, error.message);
    }
  }
})();

