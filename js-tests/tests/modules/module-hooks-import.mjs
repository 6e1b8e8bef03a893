// module.registerHooks() for the ES module loader: import, import(), import.meta.resolve,
// require(esm), imported CommonJS with a hook's source, and the contexts import gives hooks.
import { registerHooks, createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/modules/hooks');
const seen = [];
const relative = (url) => (url?.startsWith('file:') ? path.relative(fixtures, fileURLToPath(url)) : url);
const virtual = {
  'virtual:entry': { format: 'module', source: 'import shared from "virtual:shared"; export default `entry with ${shared}`;' },
  'virtual:shared': { format: 'commonjs', source: 'module.exports = require("virtual:leaf") + " and shared";' },
  'virtual:leaf': { format: 'commonjs', source: 'module.exports = "leaf";' },
  'virtual:data': { format: 'json', source: '{ "data": true }' },
};
const hooks = registerHooks({
  resolve(specifier, context, next) {
    // (node resolves a require() in imported CommonJS twice: only import's requests are logged.)
    if (context.conditions.includes('import')) {
      seen.push(['resolve', specifier, relative(context.parentURL), context.importAttributes]);
    }
    if (specifier in virtual) return { url: specifier, format: virtual[specifier].format, shortCircuit: true };
    const result = next(specifier, context);
    seen.push(['resolved', relative(result.url), result.format]);
    return result;
  },
  load(url, context, next) {
    seen.push(['load', relative(url), context.format, context.importAttributes]);
    if (url in virtual) return { ...virtual[url], shortCircuit: true };
    const result = next(url, context);
    seen.push(['loaded', relative(url), result.format, result.source === null ? null : typeof result.source]);
    return result;
  },
});

console.log((await import('virtual:entry')).default);
console.log((await import('virtual:data', { with: { type: 'json' } })).default);
console.log(await import(pathToFileURL(path.join(fixtures, 'esm.mjs')).href));
console.log((await import(pathToFileURL(path.join(fixtures, 'on-disk.js')).href)).default);
console.log(typeof (await import('node:os')).cpus);
console.log(relative(import.meta.resolve('./../../fixtures/modules/hooks/esm.mjs')));
const require = createRequire(import.meta.url);
console.log(require('../../fixtures/modules/hooks/esm.mjs').name);
for (const entry of seen) console.log(JSON.stringify(entry));
hooks.deregister();

// A load hook changing the URL its next step loads.
const redirect = registerHooks({
  resolve: (specifier, context, next) => (specifier === 'alias' ? { url: 'alias://target', shortCircuit: true } : next(specifier, context)),
  load: (url, context, next) => (url === 'alias://target' ? next(pathToFileURL(path.join(fixtures, 'esm.mjs')).href, context) : next(url, context)),
});
const aliased = await import('alias');
console.log(aliased.name, aliased.default);
redirect.deregister();

// A resolve hook's format and import attributes: one file imported as JSON and as a module
// are two modules (node keys them by URL and type).
const dataURL = pathToFileURL(path.join(fixtures, 'data.json')).href;
const retyped = registerHooks({
  resolve(specifier, context, next) {
    if (specifier !== 'as-json' && specifier !== 'as-module') return next(specifier, context);
    const asJson = specifier === 'as-json';
    return { url: dataURL, format: asJson ? 'json' : 'module', importAttributes: asJson ? { type: 'json' } : {}, shortCircuit: true };
  },
  load(url, context, next) {
    if (url === dataURL && context.format === 'module') return { format: 'module', source: 'export default "module view";', shortCircuit: true };
    return next(url, context);
  },
});
const asJson = await import('as-json');
const asModule = await import('as-module');
console.log(asJson.default, asModule.default, asJson === asModule, asJson === await import('as-json'));
retyped.deregister();

// Errors from hooks reach import() as rejections.
const failing = registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'no-short-circuit') return { url: 'virtual:x' };
    if (specifier === 'bad-url') return { url: null, shortCircuit: true };
    if (specifier === 'weird-format') return { url: 'virtual:weird', shortCircuit: true };
    return next(specifier, context);
  },
  load(url, context, next) {
    if (url === 'virtual:weird') return { format: 'weird', source: '', shortCircuit: true };
    return next(url, context);
  },
});
for (const id of ['no-short-circuit', 'bad-url', 'missing-package', 'weird-format']) {
  await import(id).catch((err) => console.log(id, err.name, err.code, err.message.split('\n')[0]));
}
failing.deregister();
