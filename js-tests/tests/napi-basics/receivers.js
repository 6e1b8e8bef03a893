// Property calls on objects of many shapes and on primitives, interleaved: ToObject returns
// an object as it is and wraps a primitive (a property set on the wrapper is lost);
// undefined and null are napi_object_expected.
const { addon, log } = require('../../common');
const basics = addon('napi_basics');

class Point { constructor() { this.x = 0; } }
const shapes = () => [{}, { a: 1 }, [7, 8], new Point(), function f() {}, new Map(), Object.create(null), new Proxy({}, {}), new String('boxed')];
const primitives = ['str', '', 42, 1.5, -0, true, false, Symbol('s'), 10n, undefined, null];
const values = [];
for (let round = 0; round < 3; round++) {
  for (const [i, object] of shapes().entries()) values.push(object, primitives[(i + round) % primitives.length]);
}
values.push(...primitives, ...shapes());
const results = basics.receiverProperties(values);
for (const [i, result] of results.entries()) {
  const value = values[i];
  const label = typeof value === 'symbol' ? 'symbol' : typeof value === 'bigint' ? `${value}n` : Object.is(value, -0) ? '-0' : typeof value === 'object' && value !== null ? `object ${Object.getPrototypeOf(value)?.constructor?.name}` : typeof value === 'function' ? 'function' : JSON.stringify(value);
  log(label, JSON.stringify(result, (k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
}
log(values.filter((v) => (typeof v === "object" && v !== null) || typeof v === "function").every((v) => "x" in v));
