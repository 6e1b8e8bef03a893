// The hello addon: strings, numbers, objects, functions and thrown errors through Node-API.
const { addon } = require('../../common');
const hello = addon('hello');
console.log(Object.keys(hello), typeof hello.hello, hello.hello.name, hello.add.length);
console.log(hello.hello(), hello.add(2, 3.5), hello.add(-1, 1e300), hello.greet('anode'), hello.greet('ünïcödé'));
console.log(hello.greet('a-name-that-is-longer-than-the-sixty-four-byte-buffer-the-addon-uses'));
console.log(hello.point(3, 4), hello.point(2 ** 31, -1));
for (const args of [['a', 1], [1], []]) {
  try {
    hello.add(...args);
  } catch (err) {
    console.log(err.name, err.message, err.code);
  }
}
for (const kind of [0, 1, 2]) {
  try {
    hello.fail(kind);
  } catch (err) {
    console.log(err instanceof Error, Object.getPrototypeOf(err).constructor.name, err.message, err.code);
  }
}
try {
  hello.greet(42);
} catch (err) {
  console.log('greet(42):', err.message);
}
console.log(require(require('../../common').addonPath('hello')) === hello);
const m = { exports: {} };
process.dlopen(m, require('../../common').addonPath('hello'));
console.log(typeof m.exports.hello, m.exports.hello());
