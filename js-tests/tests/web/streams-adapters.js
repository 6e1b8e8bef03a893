// Readable/Writable/Duplex .toWeb and .fromWeb, and stream.finished/isReadable/isErrored/
// isDisturbed on web streams.
'use strict';
const { Readable, Writable, Duplex, PassThrough, finished, isReadable, isErrored, isDisturbed } = require('stream');

(async () => {
  const web = Readable.toWeb(Readable.from(['a', 'b', 'c']));
  console.log(await Array.fromAsync(web));
  const bytes = Readable.toWeb(Readable.from([Buffer.from('xy')], { objectMode: false }));
  for await (const chunk of bytes) console.log(chunk.constructor.name, chunk);

  const node = Readable.fromWeb(ReadableStream.from(['one', 'two']), { objectMode: true });
  const got = [];
  for await (const chunk of node) got.push(chunk);
  console.log(got);

  const sunk = [];
  const writable = Writable.toWeb(new Writable({
    write(chunk, encoding, callback) {
      sunk.push(chunk.toString());
      callback();
    },
  }));
  const writer = writable.getWriter();
  await writer.write(new TextEncoder().encode('hello'));
  await writer.close();
  console.log(sunk);

  const received = [];
  const nodeWritable = Writable.fromWeb(new WritableStream({ write(chunk) { received.push(Buffer.from(chunk).toString()); } }));
  nodeWritable.write('abc');
  nodeWritable.end('def');
  await new Promise((resolve) => nodeWritable.on('finish', resolve));
  console.log(received);

  const { readable, writable: pairWritable } = Duplex.toWeb(new PassThrough());
  const pw = pairWritable.getWriter();
  pw.write(new Uint8Array([1, 2]));
  pw.close();
  console.log(await Array.fromAsync(readable));

  const duplex = Duplex.fromWeb(new TransformStream({ transform(chunk, c) { c.enqueue(String(chunk).toUpperCase()); } }), { objectMode: true });
  duplex.end('shout');
  for await (const chunk of duplex) console.log(chunk);

  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.close(); } });
  console.log(isReadable(rs), isDisturbed(rs), isErrored(rs));
  finished(rs, (err) => console.log('finished', err));
  await rs.getReader().read();
  console.log(isReadable(rs), isDisturbed(rs));
  const bad = new ReadableStream({ start(c) { c.error(new Error('bad')); } });
  finished(bad, (err) => console.log('finished with', err.message, isErrored(bad)));
  try { Readable.fromWeb({}); } catch (e) { console.log(e.name, e.code, e.message); }
})();
