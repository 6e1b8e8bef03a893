// structuredClone's argument checks as Node 24 has them (WebIDL: a missing value, options that
// are not a dictionary, a transfer that is not a sequence), and util.inspect unaffected by a
// program replacing Object's functions.
const show = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
};
show('none', () => structuredClone());
for (const options of ['', 1, true, Symbol('s')]) show(`options ${String(options)}`, () => structuredClone(1, options));
for (const transfer of [1, '', null, {}, true]) show(`transfer ${String(transfer)}`, () => structuredClone(1, { transfer }));
show('null options', () => structuredClone({ a: [1] }, null));
show('empty options', () => structuredClone(new Map([[1, { b: 2 }]]), {}));
const buffer = new ArrayBuffer(4);
show('transfer set', () => [structuredClone(buffer, { transfer: new Set([buffer]) }).byteLength, buffer.byteLength]);
show('undefined transfer', () => structuredClone(new Date(0), { transfer: undefined }));

const util = require('util');
Object.keys = () => { throw new Error('replaced'); };
Object.getOwnPropertyNames = () => { throw new Error('replaced'); };
console.log(util.inspect({ a: 1, b: [new Map([[1, 2]])], c: new (class K {})() }), util.format('%s %o', 'x', [1]));
