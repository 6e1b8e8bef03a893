// Loads the hello addon (built by `npm run build-addons` / js-tests) and uses it.
const path = require('path');
const hello = require(path.join(__dirname, '../addons/hello/build/Release/hello.node'));

console.log('hello() =', hello.hello());
console.log('add(2, 3.5) =', hello.add(2, 3.5));
console.log(hello.greet('anode'));
console.log('point(3, 4) =', hello.point(3, 4));
try {
  hello.add('a', 1);
} catch (err) {
  console.log(`${err.name}: ${err.message}`);
}
for (const kind of [0, 1, 2]) {
  try {
    hello.fail(kind);
  } catch (err) {
    console.log(err instanceof Error, err.constructor.name, err.message, err.code);
  }
}
console.log('Node-API version', process.versions.napi);
