// A ReadableStream piped through a TransformStream into a slow WritableStream: the source
// is pulled only as the sink's backpressure allows; chunk order, counts and sizes as in node.
'use strict';

(async () => {
  const log = [];
  let produced = 0;
  const source = new ReadableStream({
    pull(controller) {
      if (produced === 6) {
        controller.close();
        return;
      }
      log.push(`pull ${produced} desired=${controller.desiredSize}`);
      controller.enqueue(`chunk-${produced++}`);
    },
  }, new CountQueuingStrategy({ highWaterMark: 2 }));
  const upper = new TransformStream({
    transform(chunk, controller) {
      controller.enqueue(chunk.toUpperCase());
    },
    flush(controller) {
      controller.enqueue('END');
    },
  });
  const written = [];
  const sink = new WritableStream({
    write(chunk) {
      written.push(chunk);
      return new Promise((resolve) => setTimeout(resolve, 2));
    },
  }, { highWaterMark: 1 });
  await source.pipeThrough(upper).pipeTo(sink);
  console.log(written);
  console.log('pulled', log.length, 'max queued', Math.max(...log.map((l) => 2 - Number(l.split('=')[1]))));

  // Writer backpressure: ready waits while the queue is full.
  const events = [];
  const ws = new WritableStream({
    write(chunk) {
      events.push(`write ${chunk}`);
      return new Promise((resolve) => setTimeout(resolve, 1));
    },
    close() {
      events.push('close');
    },
  }, new CountQueuingStrategy({ highWaterMark: 2 }));
  const writer = ws.getWriter();
  for (const n of [1, 2, 3]) {
    events.push(`desired ${writer.desiredSize}`);
    writer.write(n);
  }
  events.push(`desired ${writer.desiredSize}`);
  await writer.ready;
  events.push('ready');
  await writer.close();
  console.log(events);

  // Errors propagate forward and backward; an AbortSignal stops a pipe.
  const failing = new ReadableStream({ start(c) { c.enqueue(1); c.error(new Error('source broke')); } });
  await failing.pipeTo(new WritableStream()).catch((e) => console.log('forward:', e.message));
  const cancelled = [];
  const rs = new ReadableStream({ pull(c) { c.enqueue(1); }, cancel(reason) { cancelled.push(reason.message); } });
  await rs.pipeTo(new WritableStream({ write() { throw new Error('sink broke'); } }))
    .catch((e) => console.log('backward:', e.message, cancelled));
  const ac = new AbortController();
  const endless = new ReadableStream({ pull(c) { c.enqueue(0); return new Promise((r) => setTimeout(r, 1)); } });
  setTimeout(() => ac.abort(new Error('stop')), 10);
  await endless.pipeTo(new WritableStream(), { signal: ac.signal }).catch((e) => console.log('signal:', e.message));
  const kept = new ReadableStream({ start(c) { c.enqueue('a'); c.close(); } });
  const dest = new WritableStream();
  await kept.pipeTo(dest, { preventClose: true });
  console.log('preventClose keeps it open:', dest.locked, await dest.getWriter().write('more'));

  // Locked streams and bad arguments: node's errors.
  const locked = new ReadableStream();
  locked.getReader();
  try { locked.getReader(); } catch (e) { console.log(e.name, e.code, e.message); }
  await locked.cancel().catch((e) => console.log(e.name, e.code, e.message));
  await new ReadableStream().pipeTo({}).catch((e) => console.log(e.name, e.code, e.message));
  try { new ReadableStream({}, { highWaterMark: -1 }); } catch (e) { console.log(e.name, e.code, e.message); }
  try { new ReadableStream({ type: 'nope' }); } catch (e) { console.log(e.name, e.code, e.message); }
  console.log(source, sink, upper);
})();
