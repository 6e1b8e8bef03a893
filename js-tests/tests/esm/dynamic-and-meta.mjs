// import() (also from CommonJS), import.meta, top-level await, packages by name with the
// "import" condition, "type": "module" packages, require() of ES modules.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/esm');
const require = createRequire(path.join(fixtures, 'index.js'));
const { meta, keys } = await import('../../fixtures/esm/meta.mjs');
console.log(keys, path.relative(fixtures, meta.filename), path.relative(fixtures, meta.dirname));
console.log(meta.url.startsWith('file:///'), meta.url.endsWith('/fixtures/esm/meta.mjs'));
console.log(path.relative(fixtures, fileURLToPath(meta.resolve('./dir/index.js'))), meta.resolve('node:fs'), meta.resolve('fs'));
console.log(import.meta.filename === fileURLToPath(import.meta.url));

const first = await import('../../fixtures/esm/values.mjs');
const second = await import(new URL('../../fixtures/esm/values.mjs', import.meta.url).href);
console.log('same instance', first === second);
const fragment = await import('../../fixtures/esm/values.mjs#another');
console.log('a fragment is another instance', first === fragment);

const { value } = await import('../../fixtures/esm/tla.mjs');
console.log(value);

const esmOnly = await import(path.join(fixtures, 'node_modules/esm-only/main.js'));
console.log(esmOnly.default, esmOnly.sub);
const byName = createRequire(path.join(fixtures, 'x.js'));
console.log(Object.keys(byName('dual')), byName('dual').flavor);

const typed = await import('../../fixtures/esm/typed/lib/index.js');
console.log(typed.fromTyped, typed.cjsInside);

const required = require('./values.mjs');
console.log('require(esm)', Object.keys(required), required.answer, required.__esModule, required.default === first.default);
console.log(require('./typed/lib/index.js').fromTyped);
try {
  require('./tla.mjs');
} catch (err) {
  console.log(err.code);
}
const fromCommonJS = require('./dir/index.js');
console.log(fromCommonJS);
