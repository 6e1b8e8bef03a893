// require() of ES modules as node 24 does it (no warning): the namespace, __esModule added
// only beside a default export, the 'module.exports' export as require()'s value, and
// ERR_REQUIRE_ASYNC_MODULE for a graph with a top-level await anywhere in it.
const path = require('path');
const fixtures = path.join(__dirname, '../../fixtures/esm/require-esm');
const relative = (text) => text.split(fixtures).join('<fixtures>').split(__filename).join('<this file>');

function attempt(label, load) {
  try {
    const value = load();
    console.log(label, typeof value, Object.keys(value), value[Symbol.toStringTag]);
    return value;
  } catch (err) {
    console.log(label, 'throws', err.name, err.code, relative(err.message));
  }
}

const greet = attempt('module-exports.mjs', () => require(path.join(fixtures, 'module-exports.mjs')));
console.log(greet('you'), greet.extra);
const named = attempt('named-only.mjs', () => require(path.join(fixtures, 'named-only.mjs')));
console.log('__esModule' in named, Object.isFrozen(named), Object.getPrototypeOf(named));
const own = attempt('with-esmodule.mjs', () => require(path.join(fixtures, 'with-esmodule.mjs')));
console.log(own.__esModule, own.default);
attempt('throws.mjs', () => require(path.join(fixtures, 'throws.mjs')));
attempt('throws.mjs again', () => require(path.join(fixtures, 'throws.mjs')));
attempt('nested-tla.mjs', () => require(path.join(fixtures, 'nested-tla.mjs')));
const viaCjs = attempt('uses-require.cjs', () => require(path.join(fixtures, 'uses-require.cjs')));
console.log('same namespace', viaCjs === named);
console.log('cache entry', require.cache[path.join(fixtures, 'named-only.mjs')]?.loaded);
process.on('exit', () => console.log('no warnings were printed'));
