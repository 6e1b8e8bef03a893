'use strict';
// The bench's gzip round trip: 10 MB of generated log-like text through zlib's gzip stream
// and back through gunzip, the result checked against the input.
const { pipeline } = require('stream/promises');
const { Readable, Writable } = require('stream');
const zlib = require('zlib');

const size = 10 << 20;
const lines = [];
let length = 0;
for (let i = 0; length < size; i++) {
  const line = `${i} GET /items/${(i * 7919) % 10007}?page=${i % 97} status=${200 + (i % 5)} took=${(i * 31) % 1000}ms\n`;
  lines.push(line);
  length += line.length;
}
const input = Buffer.from(lines.join('')).subarray(0, size);

function collect(chunks) {
  return new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
}

async function main() {
  const compressed = [];
  // 64 KB reads, as a file stream would give them.
  const pieces = [];
  for (let offset = 0; offset < input.length; offset += 65536) pieces.push(input.subarray(offset, offset + 65536));
  await pipeline(Readable.from(pieces), zlib.createGzip(), collect(compressed));
  const output = [];
  await pipeline(Readable.from(compressed), zlib.createGunzip(), collect(output));
  const result = Buffer.concat(output);
  if (!result.equals(input)) throw new Error('gzip round trip changed the data');
  console.log(`${input.length} bytes -> ${Buffer.concat(compressed).length} gzipped -> ${result.length}`);
}
main();
