'use strict';
// anode-napi's ReadableStream as napi-rs 3 has it: web streams made from a Rust Stream (each
// pull awaits its next item on the tokio runtime; bytes as a 'bytes' stream of Buffers, other
// items converted; an Err item errors the stream), and a JS stream read from Rust as a Stream.
const { addon, log, logSettled: show } = require('../../common');
const style = addon('napi_rs_style');

async function drain(stream) {
  const chunks = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return chunks;
  } catch (error) {
    return { chunks, error: [error.constructor.name, error.code, error.message] };
  }
}

(async () => {
  const bytes = style.byteStream(5);
  log(bytes instanceof ReadableStream, bytes.locked);
  const chunks = await drain(bytes);
  log(chunks.length, chunks.every((chunk) => chunk instanceof Uint8Array), Buffer.concat(chunks).toString());

  const byob = style.byteStream(3).getReader({ mode: 'byob' });
  const first = await byob.read(new Uint8Array(4));
  log('byob', first.done, Buffer.from(first.value).toString());
  await byob.cancel();

  const failing = await drain(style.byteStream(2, true));
  log('failing', failing.chunks.map((chunk) => Buffer.from(chunk).toString()), failing.error);

  const empty = await drain(style.byteStream(0));
  log('empty', empty);

  log('objects', await drain(style.objectStream(3)));

  const ofClass = style.byteStreamOfClass(ReadableStream, 3);
  log('of class', ofClass instanceof ReadableStream, (await drain(ofClass)).map((chunk) => [...chunk]));
  class Tagged extends ReadableStream {}
  log('of a subclass', style.byteStreamOfClass(Tagged, 1) instanceof Tagged);
  try { style.byteStreamOfClass(undefined, 1); } catch (error) { log(error.constructor.name, error.code, error.message); }

  const cancelled = style.byteStream(1000).getReader();
  log('cancel after one', Buffer.from((await cancelled.read()).value).toString());
  await cancelled.cancel('enough');
  log('cancelled', await cancelled.read());

  await show('sum', style.sumStream(ReadableStream.from([1, 2, 3, 4])));
  await show('sum of an empty stream', style.sumStream(ReadableStream.from([])));
  await show('sum with a string', style.sumStream(ReadableStream.from([1, 'two'])));
  const erroring = new ReadableStream({
    start(controller) { controller.enqueue(5); },
    pull(controller) { const error = new RangeError('source broke'); error.code = 'ERR_BROKE'; controller.error(error); },
  });
  await show('sum of an erroring stream', style.sumStream(erroring));
  const slow = new ReadableStream({
    n: 0,
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (this.n === 3) controller.close(); else controller.enqueue(++this.n * 10);
    },
  });
  await show('sum of a slow stream', style.sumStream(slow));
  await show('count', style.countStreamChunks(ReadableStream.from(['a', 'b', 'c'])));
  await show('count until a bad chunk', style.countStreamChunks(ReadableStream.from(['a', 1, 'c'])));
  const throwing = new ReadableStream({});
  throwing.getReader = () => ({ read() { throw new Error('synchronous read throw'); }, releaseLock() {} });
  await show('count with a throwing read', style.countStreamChunks(throwing));
  log('locked by read', style.lockedByRead(ReadableStream.from(['x'])));
  try { style.sumStream({}); } catch (error) { log(error.constructor.name, error.code, error.message); }
  const locked = ReadableStream.from([1]);
  locked.getReader();
  try { style.sumStream(locked); } catch (error) { log(error.constructor.name, error.code, error.message); }
})();
