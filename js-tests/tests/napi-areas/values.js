// Strings in every encoding, property keys, external strings, symbols, coercion.
const { addon, withoutStacks, log } = require('../../common');
const areas = addon('napi_areas');
log(areas.strings('héllo'));
log(areas.strings('€uro 😀'));
for (const value of [0, '42', '', 'text', null, undefined, [], [5], {}, true, 10n, { valueOf() { return 7; } }]) {
  log(withoutStacks(areas.coercions(value)));
}
log(withoutStacks(areas.coercions({ valueOf() { throw new Error('valueOf threw'); }, toString() { throw new TypeError('toString threw'); } })));
log(withoutStacks(areas.coercions(Symbol('s'))));
log(areas.symbols());
