// napi: 10
// A module built for Node-API 10 loads, and may reference values of any type.
const assert = require('assert');
const { addon, log } = require('../../common');
const v10 = addon('napi_v10');
for (const value of [5, 'text', true, null, undefined, 10n, {}, Symbol('s')]) {
  assert.strictEqual(v10.referenceTo(value), value);
}
assert.ok(v10.version() >= 9);
log('Node-API 10 module ok');
