// napi_get_element on arrays of every elements kind and on what only looks like one:
// packed and holey Smi, object and double elements, holes filled from the prototype chain,
// indices past the end and past the backing store, frozen, sealed and non-extensible
// arrays, dictionary (sparse) arrays, index getters, subclasses, arrays of another vm
// context, proxies, arguments objects, typed arrays, strings and primitives.
const vm = require('vm');
const { addon, log } = require('../../common');
const basics = addon('napi_basics');

const show = (value) => {
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? `[array ${value.length}]` : `{${Object.keys(value).join(',')}}`;
  if (typeof value === 'function') return `function ${value.name}`;
  if (typeof value === 'bigint') return `${value}n`;
  return Object.is(value, -0) ? '-0' : typeof value === 'string' ? JSON.stringify(value) : String(value);
};
const indices = [0, 1, 2, 3, 5, 16, 17, 100, 4294967294, 4294967295];
const read = (name, target) => {
  const results = basics.readElements(target, indices);
  log(name.padEnd(22), results.map(([status, value]) => (status === 0 ? show(value) : `status ${status} ${value}`)).join(' | '));
};

class MyArray extends Array {}
const holey = [1, , 3];
holey[5] = 'five';
const grown = [];
for (let i = 0; i < 18; i++) grown.push(i * 2);
const shrunk = [1, 2, 3, 4, 5, 6];
shrunk.length = 2;
const frozen = Object.freeze([{ a: 1 }, 'b', 3]);
const sealed = Object.seal([1, , 'x']);
const closed = Object.preventExtensions(['p', 'q']);
const sparse = [];
sparse[4294967294] = 'last';
sparse[1] = 'one';
const getter = [0, 1, 2];
Object.defineProperty(getter, 1, { get() { log('  getter ran'); return 'from getter'; } });
const throwing = [0];
Object.defineProperty(throwing, 2, { get() { throw new Error('element getter threw'); } });
const cases = {
  'packed smi': [10, 20, 30, 40],
  'packed object': [{ a: 1 }, 'two', null, undefined, Symbol.iterator],
  'packed double': [0.5, -0, 2.25, 1e300],
  'holey smi': [1, , 3],
  'holey mixed': holey,
  'grown': grown,
  'shrunk': shrunk,
  'frozen': frozen,
  'sealed': sealed,
  'non-extensible': closed,
  'sparse': sparse,
  'index getter': getter,
  'throwing getter': throwing,
  'subclass': MyArray.from([7, 8, 9]),
  'other context': vm.runInNewContext('[1, "two", {}]'),
  'proxy': new Proxy([1, 2, 3], { get(target, key) { return key === '1' ? 'proxied' : target[key]; } }),
  'arguments': (function () { return arguments; })('a', 'b', 'c'),
  'typed array': new Int16Array([5, -6, 7]),
  'plain object': { 0: 'zero', 1: 'one', length: 2 },
  'string object': new String('abc'),
  'string': 'abc',
  'number': 42,
};
for (const [name, target] of Object.entries(cases)) read(name, target);

// Holes read through the prototype chain, and a prototype element appearing later.
Array.prototype[1] = 'from Array.prototype';
Object.prototype[3] = 'from Object.prototype';
read('holey smi + protos', [1, , 3]);
read('sealed + protos', sealed);
delete Array.prototype[1];
delete Object.prototype[3];
read('holey smi again', [1, , 3]);
