// process.exitCode and process.exit validate codes as node does; exit goes through
// process.reallyExit, which a program may replace; a non-function _fatalException ends with 6.
const assert = require('assert');
const { spawnSync } = require('child_process');

for (const code of ['', 'two', {}, [], true, 2n, 2.1, Infinity, NaN]) {
  try {
    process.exitCode = code;
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
process.exitCode = '3';
console.log(process.exitCode, typeof process.exitCode);
process.exitCode = undefined;
assert.throws(() => { 'use strict'; delete process.exitCode; }, TypeError);
console.log(Object.getOwnPropertyDescriptor(process, 'exitCode').configurable);

const run = (source) => spawnSync(process.execPath, ['-e', source], { encoding: 'utf8' });
console.log(run('process.exitCode = 5; process.exit(undefined)').status);
console.log(run('process.exit("4")').status);
console.log(run('process.reallyExit = (c) => console.log("reallyExit", c); process.exit(7); console.log("after")').stdout);
console.log(run('process._fatalException = undefined; throw new Error("x")').status);
console.log(run('process._fatalException = (e) => { console.log("mine", e.message); return true }; throw new Error("y")').stdout);
console.log(run('process.abort()').signal);
console.log(process.constructor.prototype === Object.getPrototypeOf(process), process instanceof process.constructor);
