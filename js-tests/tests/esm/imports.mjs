// Static imports: ES modules (live bindings, re-exports, namespaces), CommonJS named exports
// as node's lexer finds them, builtins, JSON with its import attribute, packages.
import Thing, { answer, counter, increment, path as pathNamespace } from '../../fixtures/esm/values.mjs';
import * as values from '../../fixtures/esm/values.mjs';
import * as reexported from '../../fixtures/esm/reexport.mjs';
import exportsDefault, * as exportsNamespace from '../../fixtures/esm/exports.cjs';
import * as literal from '../../fixtures/esm/literal.cjs';
import * as reexports from '../../fixtures/esm/reexports.cjs';
import * as regexps from '../../fixtures/esm/regexp.cjs';
import data from '../../fixtures/esm/data.json' with { type: 'json' };
import fs, { readFileSync } from 'node:fs';
import EventEmitter, { once } from 'events';
import { join } from 'path';
import { flavor } from '../../fixtures/esm/node_modules/dual/esm.mjs';
import { createRequire } from 'node:module';

console.log(answer, counter, new Thing().name, pathNamespace.sep, typeof pathNamespace.join);
increment();
console.log('live binding', counter, values.counter);
console.log(Object.keys(values), values[Symbol.toStringTag]);
console.log(Object.keys(reexported), reexported.renamed, reexported.default === Thing);
console.log(Object.keys(exportsNamespace));
console.log(exportsNamespace.getter, exportsNamespace.notDetected, exportsDefault.notDetected, exportsNamespace.later);
console.log(Object.keys(literal), literal.b(), literal.default.stop);
console.log(Object.keys(reexports));
console.log(Object.keys(regexps));
console.log(data, Object.keys(await import('../../fixtures/esm/data.json', { with: { type: 'json' } })));
console.log(readFileSync === fs.readFileSync, typeof once, typeof EventEmitter, join('a', 'b'));
console.log(flavor);
const require = createRequire(import.meta.url);
console.log(require('../../fixtures/esm/node_modules/dual/cjs.cjs').flavor, typeof require.resolve);
console.log(typeof this, typeof module, typeof exports, typeof __filename);
setImmediate(async () => {
  const again = await import('../../fixtures/esm/exports.cjs');
  console.log('later value after the CommonJS module ran', again.later, again.default.later);
});
