// napi_set_named_property and napi_get_named_property with names in an addon's read-only
// memory (string literals: more than a small cache holds, some long) and in writable static
// memory rewritten between calls.
const { addon } = require('../../common');
const basics = addon('napi_basics');
const named = {};
console.log(basics.constantNames(named));
const keys = Object.keys(named);
console.log(keys.length, keys.slice(0, 3), keys.slice(-4));
console.log(named.k00, named.k199, named['a-constant-name-longer-than-twenty-four-bytes-9'], named['static-first'], named['static-second']);
