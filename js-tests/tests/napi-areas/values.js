// Strings in every encoding, property keys, external strings, symbols, coercion.
const { addon, withoutStacks, log, engineError } = require('../../common');
const areas = addon('napi_areas');
log(areas.strings('héllo'));
log(areas.strings('€uro 😀'));
for (const value of [0, '42', '', 'text', null, undefined, [], [5], {}, true, 10n, { valueOf() { return 7; } }]) {
  const coerced = areas.coercions(value);
  // A BigInt's number conversion throws the engine's TypeError.
  if (typeof value === 'bigint') coerced.numberThrew = engineError(coerced.numberThrew);
  log(withoutStacks(coerced));
}
log(withoutStacks(areas.coercions({ valueOf() { throw new Error('valueOf threw'); }, toString() { throw new TypeError('toString threw'); } })));
// A symbol's conversions throw the engine's TypeErrors.
const symbolCoerced = areas.coercions(Symbol('s'));
for (const [key, value] of Object.entries(symbolCoerced)) if (value instanceof TypeError) symbolCoerced[key] = engineError(value);
log(withoutStacks(symbolCoerced));
log(areas.symbols());
