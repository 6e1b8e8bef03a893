'use strict';
// Buffer's whole surface as Node 24 has it: own property names and function lengths of Buffer
// and Buffer.prototype, the per-encoding slice/write methods, variable-width integers, swaps,
// searches, and node's errors for bad receivers, indexes and values.
const surface = (object) => Object.getOwnPropertyNames(object).sort().map((name) => {
  const descriptor = Object.getOwnPropertyDescriptor(object, name);
  return typeof descriptor.value === 'function' ? `${name}/${descriptor.value.length}` : descriptor.get ? `${name} (getter)` : name;
}).join(' ');
console.log(surface(Buffer));
console.log(surface(Buffer.prototype));

const b = Buffer.from('hello world');
const t = (f) => { try { return f(); } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
console.log(t(() => Buffer.prototype.toString.call([], true)));
console.log(t(() => Buffer.prototype.toString.call(new Uint8Array(3), 'hex')));
console.log(t(() => b.latin1Slice(0, 100)), '|', t(() => b.latin1Slice(5, 2)), '|', t(() => b.latin1Slice()), '|', t(() => b.latin1Slice(-1)));
console.log(t(() => b.hexSlice(1, 3)), t(() => b.utf8Slice('1', 3)), t(() => b.ucs2Slice(0, 5)));
console.log(t(() => b.utf8Write('xy', 1)), b.toString(), t(() => b.utf8Write('abc', 20)), t(() => b.utf8Write(5)), t(() => b.hexWrite('zz')), t(() => b.hexWrite('abc')));
console.log(t(() => b.utf8Write('abc', 1, 100)), t(() => b.asciiWrite('abc', -1)));
console.log(b.inspect === b[Symbol.for('nodejs.util.inspect.custom')], b.offset === b.byteOffset, b.parent === b.buffer, Object.getOwnPropertyDescriptor(Buffer.prototype, 'offset'));
console.log(Buffer.prototype.offset, Buffer.prototype.parent);
console.log(t(() => b.readIntBE(0, 6)), t(() => b.readIntLE(1, 3)), t(() => b.readUIntBE(0, 7)), t(() => b.readUIntLE(0)), t(() => b.readIntBE(8, 4)));
const w = Buffer.alloc(8);
console.log(t(() => w.writeIntBE(-5, 0, 3)), w, t(() => w.writeUIntLE(0x123456, 2, 3)), w, t(() => w.writeIntLE(2 ** 40, 0, 5)), t(() => w.writeUIntBE(-1, 0, 2)), t(() => w.writeIntBE(1, 0, 0)));
console.log(t(() => Buffer.from([1,2,3]).swap16()), Buffer.from([1,2,3,4]).swap16(), Buffer.from([1,2,3,4]).swap32(), Buffer.from([1,2,3,4,5,6,7,8]).swap64());
console.log(b.lastIndexOf('o'), b.lastIndexOf('o', 5), b.lastIndexOf(111, -5), b.lastIndexOf(Buffer.from('l')), b.lastIndexOf('zz'), b.lastIndexOf(''), b.lastIndexOf('', 3), t(() => b.lastIndexOf({})));
console.log(Buffer.prototype.toString.length, Buffer.prototype.lastIndexOf.length, b.utf8Write.length, b.utf8Slice.length, b.readIntBE.length, b.writeIntBE.length, b.swap16.length, b.inspect.length);
console.log(Buffer.of(1, 2, 300), Buffer.of.length, Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 1), Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 1, 1), Buffer.copyBytesFrom(new Float32Array(2), 5));
console.log(t(() => Buffer.copyBytesFrom([1])), t(() => Buffer.copyBytesFrom(new Uint8Array(2), -1)), t(() => Buffer.copyBytesFrom(new Uint8Array(2), 1.5)), t(() => Buffer.copyBytesFrom(new Uint8Array(2), '1')));
const w4 = Buffer.alloc(4);
console.log(t(() => w4.writeInt8(200)), t(() => w4.writeUInt16LE(-1)), t(() => w4.writeInt32BE(2 ** 31)), t(() => w4.writeBigInt64LE(1)), t(() => w4.writeUInt32LE(1, 1)), t(() => w4.readUInt8(1.5)), t(() => w4.readInt32LE('0')), t(() => Buffer.alloc(2).readInt32LE(0)));
console.log(Buffer.alloc(2).write('€'), Buffer.alloc(3).write('€x'), Buffer.alloc(3).write('abcd', 'ucs2'), Buffer.from('hello').toString('hex', 1, 3), Buffer.from('hello').toString(undefined, -5, 100), Buffer.from('ab').toString('utf8', '1'));
console.log(t(() => Buffer.from('x').toString('bogus')), t(() => Buffer.from('x').toString('bogus', 5)));
console.log(Buffer.from('aXbXc').indexOf('X', -2), Buffer.from('aXbXc').lastIndexOf('X', -3), Buffer.from('abc').indexOf(''), Buffer.from('abc').indexOf('', 10), Buffer.from('abc').lastIndexOf('c', 'latin1'), Buffer.from('abc').indexOf(98.7), Buffer.from('abc').indexOf(354));

// Small buffers come from a shared pool, 8-byte aligned; alloc() and allocUnsafeSlow() ones do not.
const [p1, p2] = [Buffer.from('abc'), Buffer.allocUnsafe(5)];
console.log(p1.buffer === p2.buffer, p1.buffer.byteLength === Buffer.poolSize, (p2.byteOffset - p1.byteOffset) % 8,
  Buffer.alloc(5).byteOffset, Buffer.allocUnsafeSlow(5).buffer.byteLength);
