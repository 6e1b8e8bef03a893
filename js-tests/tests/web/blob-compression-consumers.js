// Blob and File (slicing, types, endings, stream()), blob: URLs, stream/consumers, and
// CompressionStream output bytes identical to node's zlib.
'use strict';
const { Blob: BufferBlob, File: BufferFile, resolveObjectURL } = require('buffer');
const consumers = require('stream/consumers');
const { Readable } = require('stream');

(async () => {
  console.log(BufferBlob === Blob, BufferFile === File);
  const blob = new Blob(['héllo ', new Uint8Array([0x77, 0x6f]), new Blob(['rld'])], { type: 'Text/Plain' });
  console.log(blob, blob.size, blob.type);
  console.log(await blob.text(), await blob.slice(1, 5).text(), await blob.slice(-3).text(), blob.slice(2, 1).size);
  console.log(blob.slice(0, 3, 'X/Y').type, new Uint8Array(await blob.slice(0, 3).arrayBuffer()), await blob.slice(3, 6).bytes());
  console.log(new Blob(['a\r\nb\nc'], { endings: 'native' }).size, new Blob(['a\r\nb'], { type: 'bad\u00ff' }).type);
  const file = new File(['abc'], 'name.txt', { type: 'text/plain', lastModified: 42 });
  console.log(file, file instanceof Blob, file.name, file.lastModified);
  const chunks = [];
  for await (const chunk of new Blob([new Uint8Array(300000)]).stream()) chunks.push(chunk.byteLength);
  console.log('stream chunks total', chunks.reduce((x, y) => x + y, 0));
  try { new Blob(5); } catch (e) { console.log(e.name, e.code, e.message); }
  try { new Blob([], { endings: 'x' }); } catch (e) { console.log(e.name, e.code, e.message); }
  try { new File([]); } catch (e) { console.log(e.name, e.code, e.message); }
  await Blob.prototype.text.call({}).catch((e) => console.log(e.name, e.code, e.message));

  const url = URL.createObjectURL(blob);
  const resolved = resolveObjectURL(url);
  console.log(url.startsWith('blob:nodedata:'), resolved === blob, resolved, await resolved.text());
  URL.revokeObjectURL(url);
  console.log(resolveObjectURL(url));

  console.log(await consumers.text(Readable.from(['a', 'b'])), await consumers.json(ReadableStream.from(['{"x"', ':1}'])));
  console.log(await consumers.buffer(ReadableStream.from([new Uint8Array([1, 2]), new Uint8Array([3])])));
  console.log(await consumers.bytes(Readable.from([Buffer.from('hi')])), (await consumers.blob(Readable.from(['xyz']))).size);

  const input = Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(50));
  const zlib = require('zlib');
  for (const [format, compress] of [['gzip', zlib.gzipSync], ['deflate', zlib.deflateSync], ['deflate-raw', zlib.deflateRawSync]]) {
    const compressed = Buffer.concat(await Array.fromAsync(ReadableStream.from([input]).pipeThrough(new CompressionStream(format))));
    // The same bytes as zlib's own for this format.
    console.log(format, compressed.equals(compress(input)));
    const small = await Array.fromAsync(ReadableStream.from(['hello']).pipeThrough(new CompressionStream(format)));
    console.log(format, small.map((chunk) => Buffer.from(chunk).toString('hex')));
    const back = await consumers.text(ReadableStream.from([compressed]).pipeThrough(new DecompressionStream(format)));
    console.log(format, 'round trip', back === input.toString());
  }
  const text = await consumers.text(ReadableStream.from(['añb', '€'])
    .pipeThrough(new TextEncoderStream())
    .pipeThrough(new TransformStream({ transform(chunk, c) { for (const byte of chunk) c.enqueue(new Uint8Array([byte])); } }))
    .pipeThrough(new TextDecoderStream()));
  console.log(text);
  const corrupt = new DecompressionStream('gzip');
  const w = corrupt.writable.getWriter();
  w.write(new Uint8Array([1, 2, 3, 4])).catch(() => {});
  w.close().catch((e) => console.log('corrupt close', e.name, e.code));
  await corrupt.readable.getReader().read().catch((e) => console.log('corrupt read', e.name, e.code));
  try { new CompressionStream('zip'); } catch (e) { console.log(e.name, e.code, e.message); }
})();
