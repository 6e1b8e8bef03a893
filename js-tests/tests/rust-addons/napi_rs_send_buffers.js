'use strict';
// anode-napi's Buffer and typed arrays received from JS are Send, as napi-rs 3's are: each keeps
// its JS value alive (a reference), so it can go into a Task on the thread pool, an async fn
// on the tokio runtime (and be returned from there as the same object), or an Arc in an
// AsyncBlock; one dropped on another thread is released at the addon's next call.
const { addon, log, logSettled: show } = require('../../common');
const style = addon('napi_rs_style');

(async () => {
  await show('sum in a task', style.sumBytesInTask(Buffer.from([1, 2, 3, 250])));
  const bytes = Buffer.from('quiet please');
  const shouted = await style.shoutBuffer(bytes);
  log(shouted === bytes, bytes.toString());
  await show('sum of floats', style.sumFloats(new Float64Array([0.5, 1.5, 2])));
  await show('length in an async block', style.bufferLengthInAsyncBlock(Buffer.alloc(17)));
  try { style.sumBytesInTask('text'); } catch (error) { log(error.constructor.name, error.code, error.message); }
  try { await style.shoutBuffer(5); } catch (error) { log(error.constructor.name, error.code, error.message); }
  // Many Buffers dropped on other threads, then collected once released.
  const results = await Promise.all(Array.from({ length: 200 }, (_, index) => style.bufferLengthInAsyncBlock(Buffer.alloc(index))));
  log('lengths', results.reduce((sum, length) => sum + length, 0));
  log(style.answer());
})();
