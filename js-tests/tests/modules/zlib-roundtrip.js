// zlib: every codec round-trips in every form — *Sync, callback, util.promisify, streams
// (create* and new Class), class calls without `new` — with byte-identical outputs where
// node 24's and anode's codecs agree (small inputs, stored/huffman/RLE deflate, zstd, brotli
// at qualities 0, 1 and 11).
const zlib = require('zlib');
const util = require('util');
const { pipeline, Readable } = require('stream');
const crypto = require('crypto');

const text = Buffer.from('hello hello hello zlib world, '.repeat(40));
const pairs = [
  ['deflate', 'inflate', 'Deflate', 'Inflate'],
  ['gzip', 'gunzip', 'Gzip', 'Gunzip'],
  ['deflateRaw', 'inflateRaw', 'DeflateRaw', 'InflateRaw'],
  ['gzip', 'unzip', 'Gzip', 'Unzip'],
  ['deflate', 'unzip', 'Deflate', 'Unzip'],
  ['brotliCompress', 'brotliDecompress', 'BrotliCompress', 'BrotliDecompress'],
  ['zstdCompress', 'zstdDecompress', 'ZstdCompress', 'ZstdDecompress'],
];
const md5 = (b) => crypto.createHash('md5').update(b).digest('hex');

for (const [c, d] of pairs) {
  const packed = zlib[`${c}Sync`](text);
  console.log(c, 'sync', packed.length, md5(packed), zlib[`${d}Sync`](packed).equals(text));
  console.log(c, 'string in', zlib[`${d}Sync`](zlib[`${c}Sync`]('a string')).toString());
  console.log(c, 'arraybuffer in', zlib[`${d}Sync`](zlib[`${c}Sync`](new Uint8Array([1, 2, 3]).buffer)));
  console.log(c, 'empty', zlib[`${d}Sync`](zlib[`${c}Sync`](Buffer.alloc(0))).length);
}

// Small inputs and the strategies whose output is zlib's own: the same bytes on both.
for (const level of [-1, 0, 1, 5, 9]) {
  for (const strategy of [0, 1, 2, 3, 4]) {
    console.log('deflate', level, strategy, zlib.deflateSync('abcabcabc hello hello', { level, strategy }).toString('hex'));
  }
}
for (const strategy of [zlib.constants.Z_HUFFMAN_ONLY, zlib.constants.Z_RLE]) {
  for (const memLevel of [1, 9]) console.log('big', strategy, memLevel, md5(zlib.gzipSync(text, { strategy, memLevel, level: 9 })));
}
console.log('stored', md5(zlib.deflateRawSync(Buffer.alloc(70000, 'x'), { level: 0 })));
console.log('windowBits 8 raw', zlib.deflateRawSync('xyz', { windowBits: 8 }).toString('hex'));
console.log('gzip header', zlib.gzipSync('a').toString('hex'));
for (const q of [0, 1, 11]) console.log('brotli', q, md5(zlib.brotliCompressSync(text, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: q } })));
console.log('brotli text mode', md5(zlib.brotliCompressSync(text, { params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: text.length } })));
for (const l of [1, 3, 9, 19]) console.log('zstd', l, md5(zlib.zstdCompressSync(text, { params: { [zlib.constants.ZSTD_c_compressionLevel]: l } })));
console.log('zstd checksum', md5(zlib.zstdCompressSync(text, { params: { [zlib.constants.ZSTD_c_checksumFlag]: 1 } })));
console.log('crc32', zlib.crc32('hello'), zlib.crc32(Buffer.from('world'), zlib.crc32('hello')), zlib.crc32(new Uint16Array([1, 2])), zlib.crc32(''));

// Dictionaries.
const dictionary = Buffer.from('hello zlib world');
const withDict = zlib.deflateSync(text, { dictionary });
console.log('dictionary', md5(withDict), zlib.inflateSync(withDict, { dictionary }).equals(text));
const rawDict = zlib.deflateRawSync(text, { dictionary });
console.log('raw dictionary', zlib.inflateRawSync(rawDict, { dictionary }).equals(text));
const brDict = zlib.brotliCompressSync(text, { dictionary });
console.log('brotli dictionary', zlib.brotliDecompressSync(brDict, { dictionary }).equals(text));

// Concatenated gzip members, padding zeros after them.
console.log('members', zlib.gunzipSync(Buffer.concat([zlib.gzipSync('ab'), zlib.gzipSync('cd'), Buffer.alloc(4)])).toString());
console.log('unzip members', zlib.unzipSync(Buffer.concat([zlib.gzipSync('ab'), zlib.gzipSync('cd')])).toString());

// info: true
const info = zlib.gzipSync('x', { info: true });
console.log('info', Object.keys(info), info.engine.constructor.name, info.engine.bytesWritten);

(async () => {
  for (const [c, d, C, D] of pairs) {
    const viaCallback = await new Promise((resolve, reject) => zlib[c](text, (err, packed) => (err ? reject(err) : zlib[d](packed, (err2, out) => (err2 ? reject(err2) : resolve(out))))));
    const packed = await util.promisify(zlib[c])(text, {});
    const viaPromise = await util.promisify(zlib[d])(packed);
    const viaStream = await new Promise((resolve, reject) => {
      const chunks = [];
      const source = Readable.from([text.subarray(0, 100), text.subarray(100, 700), text.subarray(700)]);
      const sink = new zlib[D]();
      sink.on('data', (chunk) => chunks.push(chunk));
      pipeline(source, zlib[`create${C}`]({ chunkSize: 64 }), sink, (err) => (err ? reject(err) : resolve(Buffer.concat(chunks))));
    });
    console.log(c, 'callback', viaCallback.equals(text), 'promisify', viaPromise.equals(text), 'stream', viaStream.equals(text));
    const info2 = await util.promisify(zlib[c])('abc', { info: true });
    console.log(c, 'info', info2.buffer.length > 0, info2.engine instanceof zlib[C]);
  }
  const withoutNew = zlib.Gzip();
  console.log('without new', withoutNew instanceof zlib.Gzip, withoutNew instanceof require('stream').Transform);
})();
