// zlib: node's errors — bad options (ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE, brotli/zstd
// parameter errors), corrupt and truncated input (Z_DATA_ERROR, Z_BUF_ERROR with errno and
// code, brotli's and zstd's codes), dictionaries, maxOutputLength, trailing garbage.
const zlib = require('zlib');
const show = (label, f) => {
  try {
    const r = f();
    console.log(label, 'ok', Buffer.isBuffer(r) ? r.toString() : typeof r);
  } catch (e) {
    console.log(label, e.name, e.code, e.errno, JSON.stringify(e.message), Object.keys(e).join(','));
  }
};
const { constants: C } = zlib;

show('level', () => zlib.createGzip({ level: 99 }));
show('level type', () => zlib.createGzip({ level: 'x' }));
show('level inf', () => zlib.createGzip({ level: Infinity }));
show('level NaN', () => zlib.createGzip({ level: NaN }));
show('windowBits gzip 8', () => zlib.createGzip({ windowBits: 8 }));
show('windowBits 16', () => zlib.createDeflate({ windowBits: 16 }));
show('memLevel', () => zlib.createDeflate({ memLevel: 10 }));
show('strategy', () => zlib.createDeflate({ strategy: 5 }));
show('chunkSize', () => zlib.createGzip({ chunkSize: 10 }));
show('flush', () => zlib.createGzip({ flush: 6 }));
show('finishFlush', () => zlib.createBrotliCompress({ finishFlush: 4 }));
show('maxOutputLength', () => zlib.createGzip({ maxOutputLength: 1.5 }).constructor.name);
show('dictionary', () => zlib.createDeflate({ dictionary: 'abc' }));
show('brotli dictionary', () => zlib.createBrotliDecompress({ dictionary: 5 }));
show('brotli param key', () => zlib.createBrotliCompress({ params: { 77: 1 } }));
show('brotli param name', () => zlib.createBrotliCompress({ params: { foo: 1 } }));
show('brotli param value', () => zlib.createBrotliCompress({ params: { 1: 'x' } }));
show('brotli lgwin', () => zlib.createBrotliCompress({ params: { [C.BROTLI_PARAM_LGWIN]: 99 } }));
show('zstd param key', () => zlib.createZstdCompress({ params: { 77: 1 } }));
show('zstd windowLog', () => zlib.createZstdCompress({ params: { [C.ZSTD_c_windowLog]: 99 } }));
show('zstd d param', () => zlib.createZstdDecompress({ params: { [C.ZSTD_d_windowLogMax]: 99 } }));
show('input type', () => zlib.gzipSync(5));
show('input null', () => zlib.deflateSync(null));
show('callback', () => zlib.gzip('x'));
show('crc32 data', () => zlib.crc32(5));
show('crc32 value', () => zlib.crc32('x', -1));
show('crc32 value type', () => zlib.crc32('x', 'y'));
show('flush kind', () => zlib.createGzip().flush(7));
show('flush kind type', () => zlib.createGzip().flush('x'));
show('params level', () => zlib.createDeflate().params(10, 0));

show('bad header', () => zlib.inflateSync(Buffer.from('not compressed')));
show('bad gzip', () => zlib.gunzipSync(Buffer.from('not compressed')));
show('bad raw', () => zlib.inflateRawSync(Buffer.from([0xff, 0xff, 0xff])));
show('truncated', () => zlib.gunzipSync(zlib.gzipSync('hello').subarray(0, 10)));
show('truncated inflate', () => zlib.inflateSync(zlib.deflateSync('hello world').subarray(0, 5)));
show('truncated partial flush', () => zlib.inflateSync(zlib.deflateSync('hello world').subarray(0, 5), { finishFlush: C.Z_SYNC_FLUSH }));
show('gzip then junk', () => zlib.gunzipSync(Buffer.concat([zlib.gzipSync('ab'), Buffer.from('junk')])));
show('deflate then junk', () => zlib.inflateSync(Buffer.concat([zlib.deflateSync('ab'), Buffer.from('junk')])));
show('reject junk', () => zlib.inflateSync(Buffer.concat([zlib.deflateSync('ab'), Buffer.from('junk')]), { rejectGarbageAfterEnd: true }));
show('bad member', () => zlib.gunzipSync(Buffer.concat([zlib.gzipSync('ab'), Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8])])));
show('missing dictionary', () => zlib.inflateSync(zlib.deflateSync('hello', { dictionary: Buffer.from('abc') })));
show('bad dictionary', () => zlib.inflateSync(zlib.deflateSync('hello', { dictionary: Buffer.from('abc') }), { dictionary: Buffer.from('abd') }));
show('max output', () => zlib.inflateSync(zlib.deflateSync(Buffer.alloc(100000)), { maxOutputLength: 1000 }));
show('brotli corrupt', () => zlib.brotliDecompressSync(Buffer.from('garbage data here')));
show('brotli truncated', () => zlib.brotliDecompressSync(zlib.brotliCompressSync('hello world hello').subarray(0, 5)));
show('zstd corrupt', () => zlib.zstdDecompressSync(Buffer.from('garbage data here')));
show('zstd checksum', () => {
  const packed = zlib.zstdCompressSync('hello world', { params: { [C.ZSTD_c_checksumFlag]: 1 } });
  packed[packed.length - 1] ^= 0xff;
  return zlib.zstdDecompressSync(packed);
});

// One after another: the three run on the thread pool, and their order is not what is tested.
zlib.gunzip(Buffer.from('nope'), (err, out) => {
  console.log('async', err.name, err.code, err.errno, err.message, out);
  zlib.inflate(zlib.deflateSync(Buffer.alloc(100000)), { maxOutputLength: 10 }, (maxErr) => {
    console.log('async max', maxErr.name, maxErr.code, maxErr.message);
    const stream = zlib.createInflate();
    stream.on('error', (streamErr) => console.log('stream error', streamErr.code, streamErr.errno, streamErr.message, stream.destroyed, stream._closed));
    stream.on('close', () => console.log('stream close'));
    stream.end(Buffer.from('garbage!'));
  });
});
