'use strict';
// buffer.isAscii and buffer.isUtf8: views, ArrayBuffers, detached ones and bad input.
const { isAscii, isUtf8, Buffer } = require('buffer');

const encoder = new TextEncoder();
console.log(isAscii(encoder.encode('hello')), isAscii(encoder.encode('ğ')), isAscii(Buffer.alloc(0)));
console.log(isUtf8(encoder.encode('ğ')), isUtf8(Buffer.from([0xff])), isUtf8(new Uint16Array([0x41, 0x42])));
console.log(isAscii(Buffer.from([1, 2, 0x80]).subarray(0, 2)));
const arrayBuffer = new ArrayBuffer(1);
const view = new Uint8Array(arrayBuffer);
view[0] = 0xff;
console.log(isAscii(arrayBuffer), isUtf8(view));
structuredClone(arrayBuffer, { transfer: [arrayBuffer] });
console.log(isAscii(view), isUtf8(view));
for (const check of [isAscii, isUtf8]) {
  try {
    check(arrayBuffer);
  } catch (err) {
    console.log(check.name, 'detached', err.name, err.code, err.message);
  }
}
for (const bad of [undefined, 'text', 1, {}, [], null, new DataView(new ArrayBuffer(2))]) {
  for (const check of [isAscii, isUtf8]) {
    try {
      check(bad);
    } catch (err) {
      console.log(check.name, err.name, err.code, err.message);
    }
  }
}
