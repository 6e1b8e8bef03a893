// util.inspect as Node 24 prints: symbol keys (hidden ones bracketed), ArrayBuffer and
// DataView fields, typed arrays' hidden fields, Map/Set iterators and entries, WeakMap/WeakSet
// with showHidden, async generator functions, proxies (showProxy, revoked), constructor names
// (prototype objects, null-prototype chains), arguments objects, and the sorted, getters,
// numericSeparator, colors and maxArrayLength options.
const util = require('util');
const log = (...values) => console.log(values.map((v) => util.inspect(v)).join(' | '));
const hidden = (value) => console.log(util.inspect(value, { showHidden: true }));

const sym = Symbol('sym');
log({ [sym]: 1, a: 2 }, { [Symbol()]: 0 }, { [Symbol.iterator]: 1 }, { [Symbol('a b')]: 'x' });
hidden(Object.defineProperty({ v: 1 }, Symbol('hid'), { value: 2, enumerable: false }));
hidden(Object.defineProperty({}, 'h', { value: 1, enumerable: false }));
log(new ArrayBuffer(3), new SharedArrayBuffer(2), Object.assign(new ArrayBuffer(1), { extra: true }));
log(new ArrayBuffer(120));
log(new DataView(new ArrayBuffer(4), 1, 2));
hidden(new Uint8Array([1, 2]));
hidden(new Float64Array(0));
const map = new Map([[1, 'one'], ['two', { n: 2 }]]);
const set = new Set(['a', { b: 1 }]);
log(map.entries(), map.keys(), map.values(), map[Symbol.iterator]());
log(set.values(), set.entries());
const partly = map.keys();
partly.next();
log(partly, new Map().keys(), Object.assign(new Set([1]).values(), { extra: 1 }));
log(new WeakMap(), new WeakSet());
hidden(new WeakSet());
const keep = {};
hidden(new WeakMap([[keep, 1]]));
hidden(new WeakSet([keep]));
log(async function* agen() {}, async () => {}, function* gen() {}, class A {}, class B extends Map {});
log(new Proxy({ target: true }, { get: () => 'trap' }), new Proxy([1, 2], {}), new Proxy(function fn() {}, {}));
console.log(util.inspect(new Proxy({ a: 1 }, { has: () => true }), { showProxy: true }));
const { proxy, revoke } = Proxy.revocable({}, {});
revoke();
log(proxy);
class Foo {}
class Bar extends Foo {}
log(Foo.prototype, Bar.prototype, Object.create(Foo.prototype), Object.create(null), Object.create(Object.create(null)));
log(Object.setPrototypeOf(new Map(), null), Object.setPrototypeOf([1], null));
log((function () { return arguments; })(1, 'two'));
console.log(util.inspect({ c: 1, a: { z: 1, y: 2 }, b: [3, 1] }, { sorted: true }));
console.log(util.inspect(new Map([['b', 1], ['a', 2]]), { sorted: true }), util.inspect(new Set([3, 1, 2]), { sorted: true }));
console.log(util.inspect({ a: 1, b: 2, c: 3 }, { sorted: (x, y) => (x < y ? 1 : -1) }));
const accessors = {
  get plain() { return 1; },
  get obj() { return { nested: true }; },
  get nil() { return null; },
  get both() { return 'b'; },
  set both(v) {},
  set only(v) {},
  get thrower() { throw new RangeError('nope'); },
};
for (const getters of [false, true, 'get', 'set']) {
  console.log(util.inspect(accessors, { getters, breakLength: Infinity }).replace(/\n.*/gs, '...'));
}
console.log(util.inspect([1234567, -9876543210, 0.123456, 1234.5, 10n ** 20n, -1e21, NaN, 1000, 999], { numericSeparator: true }));
console.log(util.inspect({ n: 1, s: 'str', b: true, u: undefined, z: null, sym: Symbol('s'), big: 1n, d: new Date(0), r: /x/, f() {} },
  { colors: true }));
console.log(util.inspect(Array.from({ length: 30 }, (_, i) => i), { maxArrayLength: 5 }));
console.log(util.inspect(new Map(Array.from({ length: 5 }, (_, i) => [i, i])).keys(), { maxArrayLength: 2 }));
console.log(util.inspect('x'.repeat(30), { maxStringLength: 5 }));
console.log(util.inspect.colors.red, util.inspect.colors.grey, Object.keys(util.inspect.styles).join());
