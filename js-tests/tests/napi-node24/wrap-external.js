// napi: 10
// skip: node Node 24 crashes in napi_wrap on an external and in napi_adjust_external_memory below zero
// anode answers napi_invalid_arg (1) to napi_wrap, napi_unwrap and napi_remove_wrap on an
// external instead of crashing, and goes on.
const assert = require('assert');
const { addon, log } = require('../../common');
assert.deepStrictEqual(addon('napi_node24').wrapExternal(), [1, 1, 1]);
log('refused');

// napi_adjust_external_memory: a change of 32 GiB or more either way is napi_invalid_arg, and
// a decrease below zero stops the total at zero (V8 aborts on both, and node 24 with it).
const node24 = addon('napi_node24');
assert.strictEqual(node24.adjustMemory(-(2 ** 36))[0], 1);
assert.strictEqual(node24.adjustMemory(2 ** 36)[0], 1);
const [status, moved] = node24.adjustMemory(-(2 ** 30));
assert.deepStrictEqual([status, moved <= 0 && moved > -(2 ** 30)], [0, true]);
log('adjusted');
