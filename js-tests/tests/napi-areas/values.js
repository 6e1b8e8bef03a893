// Strings in every encoding, property keys, external strings, symbols, coercion.
const { addon, withoutStacks } = require('../../common');
const areas = addon('napi_areas');
console.log(areas.strings('héllo'));
console.log(areas.strings('€uro 😀'));
for (const value of [0, '42', '', 'text', null, undefined, [], [5], {}, true, 10n, { valueOf() { return 7; } }]) {
  console.log(withoutStacks(areas.coercions(value)));
}
console.log(withoutStacks(areas.coercions({ valueOf() { throw new Error('valueOf threw'); }, toString() { throw new TypeError('toString threw'); } })));
console.log(withoutStacks(areas.coercions(Symbol('s'))));
console.log(areas.symbols());
