'use strict';
// buffer.transcode between ascii, latin1, utf8 and utf16le: substitutions, malformed input,
// lone surrogates, odd UTF-16 lengths, and the errors for what it cannot convert.
const { transcode } = require('buffer');

const cases = [
  [[0x80, 0x41], 'ascii', 'utf8'], [[0x80, 0x41], 'ascii', 'ucs2'], [[0x80, 0x41], 'ascii', 'latin1'],
  [[0x80, 0x41], 'ascii', 'ascii'], [[0xff, 0x41], 'utf8', 'ucs2'], [[0xff, 0x41], 'utf8', 'latin1'],
  [[0xe2, 0x82], 'utf8', 'ucs2'], [[0xe9], 'latin1', 'ascii'], [[0xe9], 'latin1', 'utf8'], [[0xe9, 0x41], 'latin1', 'latin1'],
  [[0xe9], 'latin1', 'ucs2'], [[0xf0, 0x9f, 0x98, 0x80], 'utf8', 'latin1'], [[0xf0, 0x9f, 0x98, 0x80], 'utf8', 'utf8'],
  [[0xf0, 0x9f, 0x98, 0x80], 'utf8', 'ucs2'], [[0x3d, 0xd8, 0x41, 0], 'ucs2', 'utf8'], [[0x3d, 0xd8, 0x41, 0], 'ucs2', 'latin1'],
  [[0x3d, 0xd8, 0x41, 0], 'ucs2', 'ucs2'], [[0x41, 0, 0x42], 'ucs2', 'utf8'], [[0x41, 0, 0x42], 'ucs2', 'ucs2'],
  [[0x41, 0, 0x42], 'ucs2', 'latin1'], [[0x3d, 0xd8, 0x00, 0xde], 'ucs2', 'utf8'], [[0x3d, 0xd8, 0x00, 0xde], 'ucs2', 'ascii'],
  [[0x41, 0xe9], 'binary', 'UTF-8'], [[0x41], 'utf8', 'base64'], [[0x41], 'hex', 'utf8'], [[0xed, 0xa0, 0x80, 0x41], 'utf8', 'latin1'],
  [[0xf4, 0x90, 0x80, 0x80], 'utf8', 'latin1'], [[0xc0, 0x80], 'utf8', 'utf8'], [[0xef, 0xbb, 0xbf, 0x41], 'utf8', 'ucs2'],
  [[0xff, 0xfe, 0x41, 0], 'ucs2', 'utf8'], [[0xe2, 0x82, 0xac], undefined, 'latin1'],
];
for (const [bytes, from, to] of cases) {
  try {
    const out = transcode(Uint8Array.from(bytes), from, to);
    console.log(from, to, out.constructor.name, [...out].map((b) => b.toString(16)).join(' '));
  } catch (err) {
    console.log(from, to, err.name, err.code, err.errno, err.message, Object.keys(err));
  }
}
try {
  transcode('text', 'utf8', 'latin1');
} catch (err) {
  console.log(err.code, err.message);
}
console.log(transcode(Buffer.alloc(0), 'nope', 'nope').length, transcode.length);
console.log(Object.keys(require('buffer')).join(' '));
