// The same addon file loaded into two module objects: each gets its own exports from its
// own init, for addons that export napi_register_module_v1 and for those whose static
// constructor called napi_module_register (it runs once, on the first load).
const { addonPath, log } = require('../../common');

for (const name of ['hello', 'legacy_register']) {
  const first = { exports: {} };
  const second = { exports: {} };
  process.dlopen(first, addonPath(name));
  process.dlopen(second, addonPath(name));
  log(name, Object.keys(first.exports), Object.keys(second.exports));
  log('  distinct exports:', first.exports !== second.exports);
  const fn = Object.keys(first.exports)[0];
  log('  distinct functions:', first.exports[fn] !== second.exports[fn], first.exports[fn]() === second.exports[fn]());
}
const viaRequire = require(addonPath('hello'));
log('require after dlopen:', Object.keys(viaRequire), viaRequire === require(addonPath('hello')));
