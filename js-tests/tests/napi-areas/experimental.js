// Flags: --expose-gc
// Node's newest NAPI_EXPERIMENTAL functions and float16 typed arrays (against Node 24).
const { addon, log } = require('../../common');
const experimental = addon('napi_experimental');
const show = (label, ...values) => log(label, ...values);

const plain = experimental.objectWithProperties(undefined, ['a', 'b', Symbol.for('c')], [1, 'two', 3]);
show('NULL prototype', Object.keys(plain), plain.a, plain.b, plain[Symbol.for('c')], Object.getPrototypeOf(plain));
const bare = experimental.objectWithProperties(null, ['x'], [42]);
show('JS null prototype', Object.getPrototypeOf(bare), bare.x);
const proto = { greet() { return 'hi'; } };
show('object prototype', experimental.objectWithProperties(proto, [], []).greet());
// A number as the prototype is left out: Node 24.19 aborts in V8 (anode returns napi_invalid_arg).
show('number key', experimental.objectWithProperties(undefined, [1], [1]));

const target = {};
show('set prototype', experimental.setPrototype(target, proto), target.greet());
const frozen = Object.preventExtensions({});
show('non-extensible', experimental.setPrototype(frozen, proto), Object.getPrototypeOf(frozen) === Object.prototype);

const shared = experimental.createShared();
show('shared', shared instanceof SharedArrayBuffer, experimental.isShared(shared), experimental.isShared(new ArrayBuffer(1)),
  [...new Uint8Array(shared)]);
const views = experimental.views(shared);
show('views', views.float16 instanceof Float16Array, views.float16Type, views.dataView.byteOffset, views.byteLength,
  views.firstByte);

const bytes = new Uint8Array([10, 11, 12, 13, 14, 15]);
const [madeStatus, made] = experimental.bufferFromArrayBuffer(bytes.buffer, 2, 3);
show('buffer from array buffer', madeStatus, Buffer.isBuffer(made), made.buffer === bytes.buffer, made.byteOffset, made.length, [...made]);
made[0] = 99;
show('shares memory', bytes[2]);
show('empty at the end', experimental.bufferFromArrayBuffer(bytes.buffer, 6, 0)[1].length);
// As Node 24.19's node_api.cc has it (the reference): anything but an ArrayBuffer (a view, a
// SharedArrayBuffer, a number) is a bare napi_invalid_arg, not recorded as the last error
// (which the call cleared), and a range past the end is napi_throw_range_error's status,
// napi_ok, with the RangeError pending. [status, result or exception, last error code]
const [rangeStatus, rangeError] = experimental.bufferFromArrayBuffer(bytes.buffer, 4, 3);
show('past the end', rangeStatus, rangeError instanceof RangeError, rangeError?.code, rangeError?.message);
show('typed array', experimental.bufferFromArrayBuffer(bytes, 0, 1));
show('shared array buffer', experimental.bufferFromArrayBuffer(shared, 0, 1));
show('number', experimental.bufferFromArrayBuffer(7, 0, 1));

(function () {
  const external = experimental.createExternalShared();
  show('external shared', [...new Uint8Array(external)]);
})();
(async () => {
  for (let i = 0; i < 20 && experimental.sharedFinalized() === 0; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  show('external shared finalized', experimental.sharedFinalized());
})();
