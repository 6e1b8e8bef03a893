'use strict';
// v8.serialize/deserialize and the Serializer classes: node's host-object format for Buffers
// and typed arrays, custom host objects, clone errors and the raw read/write methods. The
// header's wire-format version is V8's own (it differs between V8 releases), so the bytes
// after it are compared.
const v8 = require('v8');

const body = (buffer) => buffer.subarray(2).toString('hex');
const values = [
  { a: 1, b: 'text', c: [1, , 3] }, 'string', 42, -0.5, 10n, true, null, undefined,
  new Uint8Array([1, 2, 3]), Buffer.from('buffer'), new Int16Array([-1, 2]), new Float64Array([1.5]),
  new BigUint64Array([7n]), new DataView(new ArrayBuffer(4)), new Uint8Array(new ArrayBuffer(8), 3, 2),
  new Map([[1, 'one']]), new Set(['x']), new Date(0), /re/gi, Object.assign(new RangeError('oops'), { stack: 'RangeError: oops' }),
];
for (const value of values) {
  const bytes = v8.serialize(value);
  const back = v8.deserialize(bytes);
  console.log(body(bytes), Object.prototype.toString.call(back), Buffer.isBuffer(back));
}
const circular = { name: 'loop' };
circular.self = circular;
const copy = v8.deserialize(v8.serialize(circular));
console.log(copy.self === copy, copy.name);

for (const bad of [Symbol('s'), () => {}, new SharedArrayBuffer(1)]) {
  try {
    v8.serialize(bad);
  } catch (err) {
    console.log(err.constructor.name, err.message);
  }
}

// A serializer's own host objects and raw values.
class HostObject {}
const host = new HostObject();
const serializer = new v8.Serializer();
serializer._setTreatArrayBufferViewsAsHostObjects(true);
serializer._writeHostObject = function (view) {
  this.writeUint32(view.length);
  this.writeUint64(1, 2);
  this.writeDouble(-0.25);
  this.writeRawBytes(view);
};
serializer.writeHeader();
serializer.writeValue({ view: new Uint8Array([9, 8, 7]), host });
serializer.writeUint32(77);
const released = serializer.releaseBuffer();
console.log(body(released));
const deserializer = new v8.Deserializer(released);
deserializer._readHostObject = function () {
  const length = this.readUint32();
  const parts = [length, this.readUint64(), this.readDouble(), [...this.readRawBytes(length)]];
  console.log('host object', JSON.stringify(parts));
  return host;
};
console.log(deserializer.readHeader(), deserializer.getWireFormatVersion() > 12);
const read = deserializer.readValue();
console.log(read.view === host, Object.keys(read.host), deserializer.readUint32());

const errorSerializer = new v8.DefaultSerializer();
errorSerializer._getDataCloneError = (message) => new RangeError(`custom: ${message}`);
try {
  errorSerializer.writeValue(new Proxy({}, {}));
} catch (err) {
  console.log(err.constructor.name, err.message);
}
for (const attempt of [
  () => v8.Serializer(),
  () => new v8.Serializer().writeRawBytes('no'),
  () => new v8.Deserializer('no'),
  () => new v8.Deserializer(new v8.Serializer().releaseBuffer()).readDouble(),
  () => v8.deserialize(Buffer.from([0xff, 0x0d, 0x49])),
]) {
  try {
    attempt();
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
