// skip: node Node 24 crashes in napi_wrap on an external (V8 cannot keep the wrap on it)
// anode answers napi_invalid_arg (1) to napi_wrap, napi_unwrap and napi_remove_wrap on an
// external instead of crashing, and goes on.
const assert = require('assert');
const { addon } = require('../../common');
assert.deepStrictEqual(addon('napi_node24').wrapExternal(), [1, 1, 1]);
console.log('refused');
