// The same addon file loaded into two module objects: each gets its own exports from its
// own init, for addons that export napi_register_module_v1 and for those whose static
// constructor called napi_module_register (it runs once, on the first load).
const { addonPath } = require('../../common');

for (const name of ['hello', 'legacy_register']) {
  const first = { exports: {} };
  const second = { exports: {} };
  process.dlopen(first, addonPath(name));
  process.dlopen(second, addonPath(name));
  console.log(name, Object.keys(first.exports), Object.keys(second.exports));
  console.log('  distinct exports:', first.exports !== second.exports);
  const fn = Object.keys(first.exports)[0];
  console.log('  distinct functions:', first.exports[fn] !== second.exports[fn], first.exports[fn]() === second.exports[fn]());
}
const viaRequire = require(addonPath('hello'));
console.log('require after dlopen:', Object.keys(viaRequire), viaRequire === require(addonPath('hello')));
