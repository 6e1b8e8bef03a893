'use strict';
// anode-napi's views of JS memory as napi-rs 3 names them: BufferSlice, Uint8ClampedSlice,
// Int32ArraySlice and the other typed-array slices (from_data, copy_from, from_external,
// read and written in place), and the owned Uint8ClampedArray.
const { addon, log } = require('../../common');
const style = addon('napi_rs_style');

const fromData = style.bufferSliceFromData('moved');
log(Buffer.isBuffer(fromData), fromData.toString(), style.bufferSliceCopied().toString());
const external = style.bufferSliceExternal();
log(Buffer.isBuffer(external), external.toString());

const bytes = Buffer.from([1, 2, 200]);
const clamped = new Uint8ClampedArray([3, 4]);
log(style.doubleInPlace(bytes, clamped), [...bytes], [...clamped]);

const [madeClamped, int32, owned] = style.typedSlices();
log(madeClamped, int32, owned);
log(style.sumFloat64(new Float64Array([1.5, 2.5, 3])));

for (const bad of [
  () => style.doubleInPlace(new Uint8Array(1), clamped),
  () => style.doubleInPlace(bytes, new Uint8Array(2)),
  () => style.sumFloat64(new Float32Array(1)),
  () => style.sumFloat64([1, 2]),
]) {
  try { log('returned', bad()); } catch (error) { log(error.constructor.name, error.code, error.message); }
}

// ArrayBuffer<'env>: made from data, a copy or external memory; received and changed in place.
const received = new Uint8Array([1, 2, 130]).buffer;
const made = style.arrayBuffers(received);
log(made.map((buffer) => buffer instanceof ArrayBuffer), made.map((buffer) => Buffer.from(buffer).toString('latin1')));
log(made[4] === received, [...new Uint8Array(received)]);
try { style.arrayBuffers(new Uint8Array(2)); } catch (error) { log(error.constructor.name, error.code, error.message); }
// The untyped TypedArray: any kind, with its place in its ArrayBuffer.
const backing = new ArrayBuffer(64);
log(style.describeTypedArray(new Uint8Array([1, 2, 3])), style.describeTypedArray(new Float64Array(backing, 8, 4)));
log(style.describeTypedArray(new BigInt64Array(2)), style.describeTypedArray(Buffer.alloc(3)), style.describeTypedArray(new Uint8ClampedArray(1)));
for (const value of [new DataView(backing), [1, 2], backing]) {
  try { style.describeTypedArray(value); } catch (error) { log(error.constructor.name, error.code, error.message); }
}
