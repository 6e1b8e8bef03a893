// napi_get_typedarray_info on typed arrays of every type, over offsets, subclasses (Buffer
// among them), resizable and detached buffers and another context, mixed with values that
// are not typed arrays (napi_invalid_arg).
const vm = require('vm');
const { addon, log } = require('../../common');
const basics = addon('napi_basics');

const types = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
const values = [];
const labels = [];
const add = (label, value) => { labels.push(label); values.push(value); };
for (const Type of types) {
  add(`${Type.name}(5)`, new Type(5));
  add(`${Type.name} at 8`, new Type(new ArrayBuffer(64), 8, 3));
  add(`${Type.name} empty`, new Type(0));
  class Sub extends Type {}
  add(`${Type.name} subclass`, new Sub(4));
  const resizable = new ArrayBuffer(16, { maxByteLength: 64 });
  add(`${Type.name} length-tracking`, new Type(resizable));
  add(`${Type.name} fixed on resizable`, new Type(resizable, 8, 1));
  const detached = new Type(4);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  add(`${Type.name} detached`, detached);
  const detachedAt = new Type(new ArrayBuffer(64), 8, 3);
  detachedAt.buffer.transfer();
  add(`${Type.name} at 8, detached`, detachedAt);
  add(`${Type.name} other context`, vm.runInNewContext(`new ${Type.name}(6)`));
}
add('Buffer', Buffer.alloc(5, 'hello'));
add('Buffer slice', Buffer.alloc(11, 'hello world').subarray(6));
for (const [label, value] of [['DataView', new DataView(new ArrayBuffer(8))], ['ArrayBuffer', new ArrayBuffer(8)],
  ['array', [1, 2]], ['object', { length: 2 }], ['number', 3], ['string', 'abc'], ['undefined', undefined],
  ['null', null], ['typed-array-like', Object.create(Float64Array.prototype)]]) {
  add(label, value);
}
// Twice, interleaved with non-views, so that each type is seen after every other.
const results = basics.typedArrayInfos([...values, ...values.slice().reverse()]);
for (const [i, label] of labels.entries()) {
  const again = results[results.length - 1 - i];
  log(label, JSON.stringify(results[i]), JSON.stringify(again) === JSON.stringify(results[i]));
}
