'use strict';
// anode-napi's #[napi(async_iterator)] classes driven by an AsyncGenerator impl, and AsyncBlock
// (a future on the addon's tokio runtime returned as a promise), as napi-rs 3 has them: each
// request's future runs on the tokio runtime, requests run in order, and a done iterator
// resolves { value: undefined, done: true }.
const { addon, log, logSettled: show } = require('../../common');
const style = addon('napi_rs_style');

(async () => {
  const values = [];
  for await (const value of new style.Countdown(4, 1)) values.push(value);
  log('for await', values);

  const countdown = new style.Countdown(20, 1);
  const iterator = countdown[Symbol.asyncIterator]();
  log(typeof iterator.next, typeof iterator.return, typeof iterator.throw, iterator[Symbol.asyncIterator]() === iterator);
  log(Object.keys(iterator), countdown[Symbol.asyncIterator]() !== iterator);
  await show('next', iterator.next());
  await show('next(10)', iterator.next(10));
  await show('next("x")', iterator.next('x'));
  await show('next after a bad argument', iterator.next());
  await show('throw(3)', iterator.throw(3));
  await show('next after throw(3)', iterator.next());
  await show('next at 13', iterator.next(13));
  await show('next when done', iterator.next());
  await show('return when done', iterator.return('x'));
  await show('throw when done', iterator.throw('late'));

  // Requests made at once run in order; the ones after return() find the iterator done.
  const ordered = new style.Countdown(20, 5)[Symbol.asyncIterator]();
  const order = [];
  const settled = [ordered.next(), ordered.next(), ordered.return('ab'), ordered.next()].map((promise, index) =>
    promise.then((result) => { order.push(index); return result; }));
  log('in order', await Promise.all(settled), order);

  const thrown = new style.Countdown(20, 1)[Symbol.asyncIterator]();
  await show('throw of a non-number', thrown.throw({ not: 'a number' }));
  await show('next after the rejected throw', thrown.next());

  const letters = new style.Letters('abc')[Symbol.asyncIterator]();
  await show('letters', letters.next());
  const marker = Symbol('marker');
  for (const value of ['boom', 42, null, undefined, marker, { tag: 1 }]) {
    const fresh = new style.Letters('xy')[Symbol.asyncIterator]();
    await fresh.next();
    const outcome = await fresh.throw(value).then(() => 'resolved', (reason) => reason === value);
    log('default throw rejects with the same value', String(typeof value), outcome);
  }
  await show('default return', new style.Letters('q')[Symbol.asyncIterator]().return());
  const all = [];
  for await (const letter of new style.Letters('hello')) all.push(letter);
  log(all.join(''));
  try {
    style.Countdown.prototype[Symbol.asyncIterator].call({});
  } catch (error) {
    log(error.constructor.name, error.code, error.message);
  }

  // Concurrent iterators interleave on the runtime.
  const interleaved = [];
  await Promise.all(['a', 'b'].map(async (label) => {
    for await (const _ of new style.Countdown(4, 10)) interleaved.push(label);
  }));
  log('interleaved', interleaved.indexOf('b') < interleaved.lastIndexOf('a'));

  await show('async block', style.addInAsyncBlock(2, 3));
  await show('async block rejecting', style.addInAsyncBlock(4294967295, 1));
  const disposed = [];
  const withDispose = style.asyncBlockWithDispose('four', (what) => disposed.push(what));
  log('dispose not yet run', disposed);
  await show('async block with dispose', withDispose);
  log('dispose ran', disposed);
  await show('async block with map', style.asyncBlockWithMap('MiXeD'));
  await show('async block with a failing map', style.asyncBlockWithMap(''));
})();
