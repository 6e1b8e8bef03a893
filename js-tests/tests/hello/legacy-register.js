// A module registered by napi_module_register from a static constructor loads, and the
// object its init returns replaces module.exports.
const { addon } = require('../../common');
const legacy = addon('legacy_register');
console.log(legacy.describe(), Object.keys(legacy), legacy.originalExports);
