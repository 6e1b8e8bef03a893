// Module syntax detection (node 22.7+): a .js or extensionless file of a package.json without
// "type" that fails as CommonJS because of ES module syntax runs as an ES module, through
// require() and import(); "type": "commonjs" turns detection off.
const path = require('path');
const fixtures = path.join(__dirname, '../../fixtures/esm/detect');
const relative = (text) => text.split(fixtures).join('<detect>');

function attempt(label, load) {
  try {
    const value = load();
    console.log(label, typeof value === 'object' && value !== null ? Object.keys(value) : value);
    return value;
  } catch (err) {
    console.log(label, 'throws', err.name, err.code, relative(err.message));
  }
}

console.log('process.features.require_module', process.features.require_module);
const imports = attempt('require imports.js', () => require(path.join(fixtures, 'typeless/imports.js')));
console.log(imports.separator, imports.default, imports.__esModule, imports[Symbol.toStringTag]);
attempt('require redeclares.js', () => require(path.join(fixtures, 'typeless/redeclares.js')));
const plain = attempt('require plain.js', () => require(path.join(fixtures, 'typeless/plain.js')));
console.log(plain.kind);
attempt('require await-identifier.js', () => require(path.join(fixtures, 'typeless/await-identifier.js')));
attempt('require module-exports.js', () => require(path.join(fixtures, 'typeless/module-exports.js')));
attempt('require extensionless', () => require(path.join(fixtures, 'typeless/extensionless')));
attempt('require tla.js', () => require(path.join(fixtures, 'typeless/tla.js')));
attempt('require tla.js again', () => require(path.join(fixtures, 'typeless/tla.js')));
attempt('require commonjs/imports.js', () => require(path.join(fixtures, 'commonjs/imports.js')));
attempt('require tla.mjs', () => require(path.join(fixtures, '../tla.mjs')));

(async () => {
  for (const file of ['typeless/imports.js', 'typeless/plain.js', 'typeless/module-exports.js', 'typeless/tla.js',
    'typeless/redeclares.js', 'commonjs/imports.js', 'commonjs/tla.js']) {
    try {
      const namespace = await import(path.join(fixtures, file));
      console.log('import', file, Object.keys(namespace));
    } catch (err) {
      console.log('import', file, 'rejects', err.name, err.code, relative(err.message));
    }
  }
  const again = await import(path.join(fixtures, 'typeless/imports.js'));
  console.log('require() and import() share the module', again.default === imports.default);
})();
