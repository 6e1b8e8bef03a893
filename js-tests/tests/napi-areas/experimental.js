// skip: node Node 20 has no node_api_create_object_with_properties, set_prototype or SharedArrayBuffer functions
// Flags: --expose-gc
// Node's newest NAPI_EXPERIMENTAL functions and float16 typed arrays, checked by assertion.
const assert = require('assert');
const { addon } = require('../../common');
const experimental = addon('napi_experimental');

const plain = experimental.objectWithProperties(undefined, ['a', 'b', Symbol.for('c')], [1, 'two', 3]);
assert.deepStrictEqual(Object.keys(plain), ['a', 'b']);
assert.deepStrictEqual([plain.a, plain.b], [1, 'two']);
assert.strictEqual(plain[Symbol.for('c')], 3);
assert.strictEqual(Object.getPrototypeOf(plain), Object.prototype);
const bare = experimental.objectWithProperties(null, ['x'], [42]);
assert.strictEqual(Object.getPrototypeOf(bare), null);
assert.strictEqual(bare.x, 42);
const proto = { greet() { return 'hi'; } };
assert.strictEqual(experimental.objectWithProperties(proto, [], []).greet(), 'hi');
assert.strictEqual(experimental.objectWithProperties(5, [], []), 1, 'a number prototype is napi_invalid_arg');
assert.strictEqual(experimental.objectWithProperties(undefined, [1], [1]), 4, 'a number key is napi_name_expected');

const target = {};
assert.strictEqual(experimental.setPrototype(target, proto), 0);
assert.strictEqual(target.greet(), 'hi');
const frozen = Object.preventExtensions({});
assert.strictEqual(experimental.setPrototype(frozen, proto), 9, 'a non-extensible object is napi_generic_failure, nothing thrown');
assert.strictEqual(Object.getPrototypeOf(frozen), Object.prototype);

const shared = experimental.createShared();
assert.ok(shared instanceof SharedArrayBuffer);
assert.ok(experimental.isShared(shared));
assert.ok(!experimental.isShared(new ArrayBuffer(1)));
assert.deepStrictEqual([...new Uint8Array(shared)], [7, 7, 7, 7, 7, 7, 7, 7]);
const views = experimental.views(shared);
assert.ok(views.float16 instanceof Float16Array);
assert.strictEqual(views.float16Type, 11);
assert.strictEqual(views.dataView.byteOffset, 2);
assert.strictEqual(views.byteLength, 8);
assert.strictEqual(views.firstByte, 7);

const bytes = new Uint8Array([10, 11, 12, 13, 14, 15]);
const [madeStatus, made] = experimental.bufferFromArrayBuffer(bytes.buffer, 2, 3);
assert.strictEqual(madeStatus, 0);
assert.ok(Buffer.isBuffer(made));
assert.strictEqual(made.buffer, bytes.buffer, 'the buffer shares the array buffer');
assert.deepStrictEqual([made.byteOffset, made.length, ...made], [2, 3, 12, 13, 14]);
made[0] = 99;
assert.strictEqual(bytes[2], 99);
assert.strictEqual(experimental.bufferFromArrayBuffer(bytes.buffer, 6, 0)[1].length, 0);
const [rangeStatus, rangeError] = experimental.bufferFromArrayBuffer(bytes.buffer, 4, 3);
assert.strictEqual(rangeStatus, 10, 'out of range is napi_pending_exception');
assert.ok(rangeError instanceof RangeError);
assert.strictEqual(rangeError.message, 'The byte offset + length is out of range');
assert.deepStrictEqual(experimental.bufferFromArrayBuffer(bytes, 0, 1), [19], 'a typed array is napi_arraybuffer_expected');
assert.deepStrictEqual(experimental.bufferFromArrayBuffer(shared, 0, 1), [19], 'so is a SharedArrayBuffer');

(function () {
  const external = experimental.createExternalShared();
  assert.deepStrictEqual([...new Uint8Array(external)], [1, 2, 3, 4]);
})();
(async () => {
  for (let i = 0; i < 20 && experimental.sharedFinalized() === 0; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.strictEqual(experimental.sharedFinalized(), 1);
  console.log('experimental functions ok');
})();
