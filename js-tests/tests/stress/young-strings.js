// Flags: --expose-gc --gc-interval=400 --stress-compaction
// Strings made by the addon while V8 collects and compacts often: every length from 0 to
// 600 characters in one and two bytes, a share of them kept across collections; each
// reads back as made, and the kept ones still do at the end.
const { addon, log } = require('../../common');
const basics = addon('napi_basics');

const LATIN1 = 0, UTF16 = 2;
const kept = [];
let wrong = 0;
for (let length = 0; length <= 600; length++) {
  const latin1 = String.fromCharCode(...Array.from({ length }, (_, i) => 0x61 + ((i * 7 + length) % 26) + (i % 5 === 0 ? 0x80 : 0)));
  const utf16 = Array.from({ length }, (_, i) => (i % 3 === 0 ? '€' : 'z')).join('');
  for (const [encoding, expected] of [[LATIN1, latin1], [UTF16, utf16]]) {
    const bytes = Buffer.from(expected, encoding === LATIN1 ? 'latin1' : 'utf16le');
    const [status, ...strings] = basics.makeStrings(encoding, bytes, false, 20);
    if (status !== 0 || strings.length !== 20 || strings.some((s) => s !== expected)) wrong++;
    if (length % 4 === 0) kept.push([strings[length % 20], expected]);
  }
  if (length % 100 === 0) globalThis.gc();
}
globalThis.gc();
log('lengths with a wrong string:', wrong);
log('kept strings:', kept.length, 'all intact:', kept.every(([string, expected]) => string === expected));
