// util's other Node 22/24 functions: util.types complete and exact, getSystemErrorName /
// Message / Map, stripVTControlCharacters, aborted, deprecate (codes, once per code or per
// function, names), inherits and their errors.
const util = require('util');

const show = (label, fn) => {
  try {
    const value = fn();
    console.log(label, typeof value === 'string' ? JSON.stringify(value) : util.inspect(value, { breakLength: 160 }));
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
};

// util.types: every check against a value of each kind.
const values = {
  args: (function () { return arguments; })(1),
  arrayBuffer: new ArrayBuffer(1), shared: new SharedArrayBuffer(1), dataView: new DataView(new ArrayBuffer(1)),
  u8: new Uint8Array(1), u8c: new Uint8ClampedArray(1), i16: new Int16Array(1), f32: new Float32Array(1),
  f64: new Float64Array(1), big64: new BigInt64Array(1), ubig64: new BigUint64Array(1), buffer: Buffer.alloc(1),
  asyncFn: async () => {}, genFn: function* () {}, asyncGenFn: async function* () {}, gen: (function* () {})(),
  map: new Map(), set: new Set(), mapIter: new Map().keys(), setIter: new Set().entries(), weakMap: new WeakMap(),
  weakSet: new WeakSet(), promise: Promise.resolve(), thenable: { then() {} }, date: new Date(), regexp: /x/,
  error: new TypeError('e'), fakeError: Object.create(Error.prototype), proxy: new Proxy({}, {}),
  num: new Number(1), str: new String('s'), bool: new Boolean(false), sym: Object(Symbol('s')), bigint: Object(1n),
  primitive: 1, object: {}, array: [], tagged: { [Symbol.toStringTag]: 'Uint8Array' },
};
console.log(Object.keys(util.types).sort().join(' '));
for (const check of Object.keys(util.types).sort()) {
  if (check === 'isKeyObject' || check === 'isCryptoKey' || check === 'isExternal') continue;
  const hits = Object.entries(values).filter(([, value]) => util.types[check](value)).map(([name]) => name);
  console.log(check, hits.join(' '));
}
console.log(require('util/types') === util.types);

// System errors from libuv.
show('names', () => [-1, -2, -13, -98, -4095, -3008].map(util.getSystemErrorName));
show('messages', () => [-1, -2, -13, -98, -4095, -3008].map(util.getSystemErrorMessage));
show('unknown', () => [util.getSystemErrorName(-99999), util.getSystemErrorMessage(-99999)]);
const map = util.getSystemErrorMap();
show('map', () => [map instanceof Map, map.size, map.get(-2), [...map.keys()].slice(0, 5), map === util.getSystemErrorMap()]);
show('map all', () => [...map].map(([errno, [name]]) => `${errno}:${name}`).join(' '));
for (const fn of ['getSystemErrorName', 'getSystemErrorMessage']) {
  for (const bad of [2, 0, -1.5, 'x', undefined, 2 ** 60, -(2 ** 60), 1n]) show(`${fn}(${String(bad)})`, () => util[fn](bad));
}

// stripVTControlCharacters: CSI, OSC ended by BEL / ESC \ / ST.
show('strip', () => util.stripVTControlCharacters('\u001b[31mred\u001b[39m \u001b]8;;https://x.test\u0007link\u001b]8;;\u0007 ' +
  '\u001b]0;title\u001b\\ \u009b1mC1\u009b0m \u001b[2K\u001b[1G end'));
show('strip type', () => util.stripVTControlCharacters(5));

// aborted: resolves on abort while the resource lives; node's argument errors reject.
(async () => {
  const controller = new AbortController();
  const resource = {};
  const waiting = util.aborted(controller.signal, resource);
  let settled = false;
  waiting.then(() => { settled = true; });
  await null;
  console.log('before abort', settled);
  controller.abort();
  await waiting;
  console.log('after abort', settled);
  console.log('already aborted', await util.aborted(AbortSignal.abort(), resource));
  for (const [signal, res] of [[{}, {}], [controller.signal, 1], [controller.signal, null], [controller.signal, 'x']]) {
    await util.aborted(signal, res).then(() => console.log('resolved'), (err) => console.log(err.name, err.code, err.message));
  }
  console.log(util.aborted(new AbortController().signal, () => {}) instanceof Promise);
})();

// deprecate: one warning per code, one per function without one; constructors still work.
const first = util.deprecate(function first(a, b) { return a + b; }, 'first is deprecated', 'DEP_A');
const again = util.deprecate(() => 'again', 'again is deprecated', 'DEP_A');
const uncoded = util.deprecate(() => 'uncoded', 'uncoded is deprecated');
const uncoded2 = util.deprecate(() => 'uncoded2', 'uncoded is deprecated');
class Base { constructor(x) { this.x = x; } }
const Wrapped = util.deprecate(Base, 'Base is deprecated', 'DEP_B');
console.log(first(1, 2), first(3, 4), again(), uncoded(), uncoded(), uncoded2(), new Wrapped(7).x, new Wrapped(8) instanceof Base);
console.log(first.name, first.length, Object.getPrototypeOf(first) === Object.getPrototypeOf(function first() {}));
show('deprecate code', () => util.deprecate(() => {}, 'm', 5));
process.on('warning', (warning) => console.log('warning event', warning.name, warning.code, warning.message));

// inherits.
function Animal() {}
Animal.prototype.speak = function () { return 'sound'; };
function Dog() {}
util.inherits(Dog, Animal);
console.log(new Dog().speak(), Dog.super_ === Animal, Object.getOwnPropertyDescriptor(Dog, 'super_'));
show('inherits ctor', () => util.inherits(null, Animal));
show('inherits super', () => util.inherits(Dog, undefined));
show('inherits proto', () => util.inherits(Dog, Object.assign(() => {}, {})));

// callbackify: name and length, `this`, falsy rejections, a missing callback.
const asyncAdd = async function asyncAdd(a, b) { return a + b + (this?.bonus ?? 0); };
const add = util.callbackify(asyncAdd);
console.log(add.name, add.length);
add.call({ bonus: 10 }, 1, 2, (err, value) => console.log('callbackify', err, value));
util.callbackify(async () => { throw 0; })((err) => console.log('falsy', err.name, err.code, err.message, err.reason));
util.callbackify(() => Promise.reject(new Error('real')))((err) => console.log('rejected', err.message));
show('callbackify type', () => util.callbackify(5));
show('callbackify last', () => add(1, 2));

// The system-error helpers node's modules use, and signal exit codes.
for (const args of [[-2, 'open'], [-13, 'open', '/x'], [-99999, 'read']]) {
  const err = util._errnoException(...args);
  console.log(err.message, Object.keys(err), err.errno, err.code);
}
for (const args of [[-111, 'connect', '127.0.0.1', 8080], [-111, 'connect', '::1', 0], [-98, 'listen', '0.0.0.0', 80, 'x:1'], [-2, 'connect', null, 0]]) {
  const err = util._exceptionWithHostPort(...args);
  console.log(err.message, Object.keys(err), err.address, err.port);
}
show('signal codes', () => ['SIGINT', 'SIGKILL', 'SIGTERM', 'SIGHUP'].map(util.convertProcessSignalToExitCode));
show('signal bad', () => util.convertProcessSignalToExitCode('SIGNOPE'));
show('signal number', () => util.convertProcessSignalToExitCode(9));

// format's numeric separators.
show('format separators', () => util.formatWithOptions({ numericSeparator: true }, '%d %i %f %s %s', 1234567, 7654321.9, 1234.5678, 10n ** 22n, 99999));
show('format plain', () => util.format('%d %i %s', 10n ** 22n, 1234567, 1234567));
