// tee() of default and byte streams, BYOB readers (min, views of other types), async
// iteration, ReadableStream.from and the stream/web exports.
'use strict';
const web = require('stream/web');

(async () => {
  console.log(Object.keys(web));
  const [a, b] = ReadableStream.from(['x', 'y', 'z']).tee();
  console.log(await Array.fromAsync(a), await Array.fromAsync(b));

  // Cancelling both branches cancels the source with both reasons.
  let reason;
  const [c1, c2] = new ReadableStream({ cancel(r) { reason = r; } }).tee();
  await Promise.all([c1.cancel('one'), c2.cancel('two')]);
  console.log('tee cancel', reason);

  let next = 0;
  const bytes = () => new ReadableStream({
    type: 'bytes',
    pull(controller) {
      const request = controller.byobRequest;
      if (next >= 10) {
        controller.close();
        request?.respond(0);
        return;
      }
      if (request) {
        const view = request.view;
        const n = Math.min(3, view.byteLength);
        for (let i = 0; i < n; i++) view[i] = next++;
        request.respond(n);
      } else {
        controller.enqueue(new Uint8Array([next++, next++]));
      }
    },
  });
  const reader = bytes().getReader({ mode: 'byob' });
  console.log(await reader.read(new Uint8Array(8)));
  console.log(await reader.read(new Uint8Array(8), { min: 5 }));
  console.log(await reader.read(new Uint16Array(1)));
  let result;
  do {
    result = await reader.read(new Uint8Array(4));
    console.log(result);
  } while (!result.done);
  await reader.read(new Uint8Array(4), { min: 5 }).catch((e) => console.log(e.name, e.code, e.message));
  await reader.read(new Uint8Array(0)).catch((e) => console.log(e.name, e.code, e.message));

  next = 0;
  const [left, right] = bytes().tee();
  const leftChunks = [];
  for await (const chunk of left) leftChunks.push(...chunk);
  const rightReader = right.getReader({ mode: 'byob' });
  const rightChunks = [];
  for (;;) {
    const { value, done } = await rightReader.read(new Uint8Array(16));
    if (done) break;
    rightChunks.push(...value);
  }
  console.log('byte tee', leftChunks, rightChunks);

  // Enqueued chunks are transferred: the caller's buffer is detached.
  const enqueued = new Uint8Array([1, 2, 3]);
  const transferring = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(enqueued); c.close(); } });
  console.log('detached after enqueue', enqueued.byteLength, await Array.fromAsync(transferring));

  // Breaking out of for-await cancels the stream unless preventCancel.
  let cancelled = 0;
  const counting = () => new ReadableStream({ pull(c) { c.enqueue(1); }, cancel() { cancelled++; } });
  for await (const _ of counting()) break;
  const kept = counting();
  for await (const _ of kept.values({ preventCancel: true })) break;
  console.log('cancelled', cancelled, 'kept locked', kept.locked);
  try { ReadableStream.from({}); } catch (e) { console.log(e.name, e.code, e.message); }
})();
