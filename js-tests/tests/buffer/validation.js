'use strict';
// Buffer's argument checks and messages, its number readers and writers at the edges, and
// inspect with INSPECT_MAX_BYTES.
const buffer = require('buffer');
const util = require('util');

function attempt(label, fn) {
  try {
    console.log(label, util.inspect(fn()));
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
}

const buf = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
attempt('from true', () => Buffer.from(true));
attempt('from object', () => Buffer.from({}));
attempt('from length', () => Buffer.from({ length: 3, 0: 9 }));
attempt('from arraybuffer offset', () => Buffer.from(new ArrayBuffer(4), 5));
attempt('from arraybuffer length', () => Buffer.from(new ArrayBuffer(4), 1, 9));
attempt('alloc NaN', () => Buffer.alloc(NaN));
attempt('alloc string', () => Buffer.alloc('5'));
attempt('alloc fill hex', () => Buffer.alloc(4, 'ab', 'hex'));
attempt('alloc fill bad hex', () => Buffer.alloc(4, 'zz', 'hex'));
attempt('byteLength base64', () => Buffer.byteLength('aGVsbG8=', 'base64'));
attempt('byteLength unknown', () => Buffer.byteLength('héllo', 'nope'));
attempt('compare', () => Buffer.compare(buf, 'x'));
attempt('compare offsets', () => buf.compare(Buffer.from([3, 4]), 0, 2, 2, 4));
attempt('compare range', () => buf.compare(buf, 0, 20));
attempt('compare type', () => buf.compare(buf, '0'));
attempt('copy negative', () => buf.copy(Buffer.alloc(4), -1));
attempt('copy source start', () => buf.copy(Buffer.alloc(4), 0, 20));
attempt('copy into Uint16Array', () => {
  const target = new Uint16Array(2);
  return [buf.copy(target), Array.from(new Uint8Array(target.buffer))];
});
attempt('concat length', () => Buffer.concat([buf], '8'));
attempt('concat item', () => Buffer.concat([buf, 'x']));
attempt('fill offset', () => Buffer.alloc(4).fill(1, -1));
attempt('fill end', () => Buffer.alloc(4).fill(1, 0, 5));
attempt('fill encoding', () => Buffer.alloc(4).fill('a', 0, 4, 'nope'));
attempt('fill bytes', () => Buffer.alloc(5).fill(Buffer.from([1, 2])));
attempt('indexOf utf16', () => Buffer.from('abc', 'utf16le').indexOf('b', 0, 'utf16le'));
attempt('indexOf odd utf16', () => Buffer.from([0, 0x62, 0, 0x63]).indexOf(Buffer.from('b', 'utf16le'), 0, 'utf16le'));
attempt('lastIndexOf', () => Buffer.from('abcabc').lastIndexOf('bc', -2));
attempt('indexOf bad', () => buf.indexOf({}));
attempt('toString encoding', () => buf.toString(null, 1, 2));
attempt('slice negative', () => buf.slice(-3, -1));
attempt('readUInt8 past end', () => buf.readUInt8(8));
attempt('readUInt16LE fraction', () => buf.readUInt16LE(1.5));
attempt('readInt32BE string', () => buf.readInt32BE('1'));
attempt('readUIntLE byteLength', () => buf.readUIntLE(0, Infinity));
attempt('readIntBE no offset', () => buf.readIntBE(undefined, 2));
attempt('readDouble small', () => Buffer.alloc(4).readDoubleLE(0));
attempt('writeUInt8 range', () => buf.writeUInt8(256, 0));
attempt('writeInt32LE range', () => buf.writeInt32LE(2 ** 31, 0));
attempt('writeUIntBE 6 range', () => buf.writeUIntBE(2 ** 48, 0, 6));
attempt('writeIntLE 5', () => [buf.writeIntLE(-2, 1, 5), Array.from(buf)]);
attempt('writeBigInt64LE number', () => buf.writeBigInt64LE(1, 0));
attempt('writeBigUInt64BE range', () => buf.writeBigUInt64BE(-1n, 0));
attempt('writeFloatLE offset', () => buf.writeFloatLE(1, 5));
attempt('kMaxLength', () => [buffer.kMaxLength, buffer.constants.MAX_LENGTH]);

const shown = Buffer.from('hello world');
shown.extra = 1;
console.log(util.inspect(shown));
buffer.INSPECT_MAX_BYTES = 3;
console.log(util.inspect(Buffer.from('hello')), util.inspect(Buffer.from('he')));
attempt('INSPECT_MAX_BYTES -1', () => { buffer.INSPECT_MAX_BYTES = -1; });
attempt('INSPECT_MAX_BYTES string', () => { buffer.INSPECT_MAX_BYTES = '1'; });

const resizable = new ArrayBuffer(4, { maxByteLength: 8 });
const tracking = Buffer.from(resizable, 1);
resizable.resize(8);
console.log(tracking.length);
