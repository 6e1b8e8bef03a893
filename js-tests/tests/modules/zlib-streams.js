// zlib streams: flush() with Z_SYNC_FLUSH / Z_FULL_FLUSH and brotli/zstd flush kinds (each
// flush makes the data so far decodable), params() mid-stream, reset(), close() and its
// events, chunkSize, bytesWritten, the stream properties node's tests look at, and that
// the loop stays alive while compression runs off the JS thread.
const zlib = require('zlib');
const { constants: C } = zlib;

function collect(stream) {
  const chunks = [];
  stream.on('data', (chunk) => chunks.push(chunk));
  return chunks;
}

const steps = [];
function step(fn) { steps.push(fn); }
function next() { const fn = steps.shift(); if (fn) fn(); }

step(() => {
  const deflate = zlib.createDeflate();
  const chunks = collect(deflate);
  deflate.write('first part, ');
  deflate.flush(C.Z_SYNC_FLUSH, () => {
    const sofar = Buffer.concat(chunks);
    console.log('sync flush tail', sofar.subarray(-4).toString('hex'));
    console.log('decodable', zlib.inflateSync(sofar, { finishFlush: C.Z_SYNC_FLUSH }).toString());
    deflate.write('second part');
    deflate.flush(() => {
      console.log('full flush decodable', zlib.inflateSync(Buffer.concat(chunks), { finishFlush: C.Z_SYNC_FLUSH }).toString());
      deflate.end();
    });
  });
  deflate.on('end', () => {
    console.log('end', zlib.inflateSync(Buffer.concat(chunks)).toString(), deflate.bytesWritten);
    next();
  });
});

step(() => {
  const br = zlib.createBrotliCompress();
  const chunks = collect(br);
  br.write('brotli flushed text');
  br.flush(C.BROTLI_OPERATION_FLUSH, () => {
    const decoder = zlib.createBrotliDecompress();
    const out = collect(decoder);
    decoder.write(Buffer.concat(chunks), () => {
      console.log('brotli flush decodable', Buffer.concat(out).toString());
      br.end();
      decoder.destroy();
    });
  });
  br.on('end', () => next());
});

step(() => {
  const zs = zlib.createZstdCompress();
  const chunks = collect(zs);
  zs.write('zstd flushed text');
  zs.flush(C.ZSTD_e_flush, () => {
    console.log('zstd flush decodable', zlib.zstdDecompressSync(Buffer.concat(chunks)).toString());
    zs.end();
  });
  zs.on('end', () => next());
});

step(() => {
  const deflate = zlib.createDeflate({ level: 9 });
  const chunks = collect(deflate);
  deflate.write(Buffer.alloc(5000, 'a'));
  deflate.params(0, C.Z_DEFAULT_STRATEGY, (err) => {
    console.log('params', err, deflate._level, deflate._strategy);
    deflate.end(Buffer.alloc(5000, 'b'));
  });
  deflate.on('end', () => {
    const out = zlib.inflateSync(Buffer.concat(chunks));
    console.log('after params', out.length, out[0], out[9999]);
    next();
  });
});

step(() => {
  const gzip = zlib.createGzip();
  const chunks = collect(gzip);
  gzip.write('discarded');
  gzip.flush(() => {
    chunks.length = 0;
    gzip.reset();
    gzip.end('after reset');
  });
  gzip.on('end', () => {
    const out = Buffer.concat(chunks);
    console.log('reset', zlib.gunzipSync(out).toString());
    next();
  });
});

step(() => {
  const gzip = zlib.createGzip({ chunkSize: 64 });
  const sizes = [];
  gzip.on('data', (chunk) => sizes.push(chunk.length));
  gzip.on('end', () => {
    console.log('chunkSize', sizes.every((n) => n <= 64), sizes.length > 3);
    next();
  });
  gzip.end(require('crypto').createHash('sha512').update('x').digest('hex').repeat(4));
});

step(() => {
  const gzip = zlib.createGzip();
  const events = [];
  for (const name of ['close', 'finish', 'end', 'error']) gzip.on(name, () => events.push(name));
  gzip.close(() => {
    console.log('close callback', events.join(','), gzip._closed, gzip.destroyed);
    setImmediate(next);
  });
  console.log('closed now', gzip._closed);
});

step(() => {
  const gzip = zlib.createGzip();
  console.log('props', gzip._chunkSize, gzip._defaultFlushFlag, gzip._finishFlushFlag, gzip._defaultFullFlushFlag, gzip.bytesWritten, gzip._closed);
  const br = zlib.createBrotliCompress();
  console.log('brotli props', br._defaultFlushFlag, br._finishFlushFlag, br._defaultFullFlushFlag);
  const zs = zlib.createZstdDecompress();
  console.log('zstd props', zs._defaultFlushFlag, zs._finishFlushFlag, zs._defaultFullFlushFlag);
  console.log('classes', Object.getPrototypeOf(zlib.Gzip.prototype) === Object.getPrototypeOf(zlib.Deflate.prototype),
    zlib.BrotliCompress.prototype instanceof require('stream').Transform, zlib.ZstdCompress.name, zlib.createGzip.name);
  console.log('codes', zlib.codes.Z_DATA_ERROR, zlib.codes[-3], Object.isFrozen(zlib.codes));
  console.log('legacy constants', zlib.Z_SYNC_FLUSH, zlib.Z_BEST_COMPRESSION, zlib.ZSTD_e_end, zlib.BROTLI_OPERATION_FLUSH, Object.keys(zlib).includes('Z_SYNC_FLUSH'));
  console.log('constants', Object.keys(C).length, C.Z_MAX_CHUNK, C.ZLIB_VERNUM);
  next();
});

step(() => {
  // Large input through the off-thread path: the loop waits for it.
  const big = Buffer.alloc(3 * 1024 * 1024);
  for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251;
  zlib.gzip(big, (err, packed) => {
    zlib.gunzip(packed, (err2, out) => {
      console.log('big', err, err2, out.equals(big));
      next();
    });
  });
});

next();
