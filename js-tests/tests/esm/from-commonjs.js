// CommonJS using ES modules: import() with the "import" condition, and require() of ES modules.
const path = require('path');
const fixtures = path.join(__dirname, '../../fixtures/esm');
const requireFixture = require('module').createRequire(path.join(fixtures, 'x.js'));
// A module file arrives in a later turn than a builtin, as node reads files asynchronously.
// The rest waits until both have settled, so no other file import races the order.
const ordered = Promise.all([
  import('node:os').then(() => console.log('builtin import settled')),
  import(path.join(fixtures, 'order.mjs')).then(() => console.log('file import settled')),
  Promise.resolve().then(() => console.log('microtask after both import() calls')),
]);
console.log(requireFixture('dual').flavor);
import('dual').catch((err) => console.log('bare import from here fails:', err.code));
const values = require(path.join(fixtures, 'values.mjs'));
console.log(Object.keys(values), values.answer);
ordered.then(async () => {
  const dual = await import(path.join(fixtures, 'node_modules/dual/esm.mjs'));
  console.log(dual.flavor);
  const fromPackage = await import(requireFixture.resolve('dual').replace('cjs.cjs', 'esm.mjs'));
  console.log(fromPackage === dual);
  const namespace = await import(path.join(fixtures, 'values.mjs'));
  console.log('import() and require() share the module', namespace.default === values.default);
  const cjs = await import(__filename);
  console.log('this file through import():', Object.keys(cjs));
});
module.exports = { fromCommonJS: true };
