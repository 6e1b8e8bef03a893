'use strict';
// anode-napi's AbortSignal arguments as napi-rs 3 has them: AsyncTask::with_signal cancels the
// task's async work when the signal aborts before it has started (the promise rejects with
// AbortError), `on_abort` callbacks run on abort, and the signal's `onabort` is the addon's.
const { addon, log, logSettled: show } = require('../../common');
const style = addon('napi_rs_style');

(async () => {
  await show('no signal', style.sleepTask(1));
  const controller = new AbortController();
  await show('not aborted', style.sleepTask(1, controller.signal));
  log('onabort set', typeof controller.signal.onabort);

  // The thread pool's four threads are busy with the first tasks: the last one is still queued
  // when its signal aborts.
  const busy = [1, 2, 3, 4].map(() => style.sleepTask(200));
  const queued = new AbortController();
  const cancelled = style.sleepTask(5, queued.signal);
  const shared = [style.sleepTask(5, queued.signal), style.sleepTask(6, queued.signal)];
  queued.abort();
  await show('aborted while queued', cancelled);
  for (const promise of shared) await show('sharing the signal', promise);
  log('aborts seen', style.abortsSeen());
  await Promise.all(busy);

  const late = new AbortController();
  await show('finished, then aborted', style.sleepTask(1, late.signal).then((value) => { late.abort(); return value; }));
  log('aborts seen', style.abortsSeen());

  for (const value of [{}, 1, new style.Countdown(1, 0), null]) {
    try { style.sleepTask(1, value); log('accepted', value); } catch (error) { log(error.constructor.name, error.code, error.message); }
  }
  const stolen = new AbortController();
  await style.sleepTask(1, stolen.signal);
  try { stolen.signal.onabort.call(new style.Countdown(1, 0)); } catch (error) { log('foreign receiver', error.code, error.message); }
  try { stolen.signal.onabort.call({}); } catch (error) { log('plain receiver', error.code, error.message); }
  const fake = Object.create(AbortSignal.prototype);
  try { style.sleepTask(1, fake); log('accepted a fake'); } catch (error) { log('fake', error.code, error.message); }
})();
