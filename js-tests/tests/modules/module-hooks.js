// module.registerHooks(): synchronous resolve and load hooks for require(), the chain's order,
// shortCircuit, context merging, formats, custom conditions, deregister() and node's errors.
const path = require('path');
const { registerHooks, createRequire } = require('module');
const fixtures = path.join(__dirname, '../../fixtures/modules/hooks');
const { pathToFileURL } = require('url');
const show = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, err.name, err.code, err.message.split('\n')[0]);
  }
};

// The last registered hook runs first; each passes on to the next.
const order = [];
const first = registerHooks({
  resolve(specifier, context, next) {
    order.push(`first ${specifier}`);
    return next(specifier, context);
  },
});
const second = registerHooks({
  resolve(specifier, context, next) {
    order.push(`second ${specifier} ${context.parentURL === pathToFileURL(__filename).href} ${context.conditions}`);
    return next(specifier, context);
  },
});
console.log(require('./../../fixtures/modules/hooks/on-disk.js'), order);
console.log(Object.keys(first), Object.isFrozen(first), first.constructor.name);
first.deregister();
second.deregister();
second.deregister();

// Virtual modules: a resolve hook names them, a load hook gives their source.
const virtual = {
  'virtual:cjs': { format: 'commonjs', source: 'module.exports = { kind: "cjs", other: require("virtual:json") };' },
  'virtual:json': { format: 'json', source: '{ "kind": "json" }' },
  'virtual:esm': { format: 'module', source: 'export const kind = "esm"; export default 1;' },
  'virtual:bytes': { format: 'commonjs', source: new TextEncoder().encode('module.exports = "from bytes";') },
  'virtual:buffer': { format: 'commonjs', source: new TextEncoder().encode('module.exports = "from an ArrayBuffer";').buffer },
  'virtual:detect': { source: 'export const detected = true;' },
};
const loads = [];
const virtualHooks = registerHooks({
  resolve(specifier, context, next) {
    if (specifier in virtual) return { url: specifier, shortCircuit: true };
    return next(specifier, context);
  },
  load(url, context, next) {
    if (url in virtual) {
      loads.push(`${url} ${context.format}`);
      return { ...virtual[url], shortCircuit: true };
    }
    return next(url, context);
  },
});
for (const id of Object.keys(virtual)) show(id, () => require(id));
console.log(loads);
show('cached', () => require('virtual:cjs') === require('virtual:cjs'));
virtualHooks.deregister();
show('after deregister', () => require('virtual:cjs'));

// Context given to the next step is merged into the one every step sees.
const merged = [];
const inner = registerHooks({
  load(url, context, next) {
    merged.push(context.extra, context.format);
    return next(url);
  },
});
const outer = registerHooks({
  load(url, context, next) {
    return next(url, { extra: 'merged' });
  },
});
console.log(require('./../../fixtures/modules/hooks/data.json'), merged);
inner.deregister();
outer.deregister();

// A load hook rewriting what the default step read.
const rewrite = registerHooks({
  load(url, context, next) {
    const result = next(url, context);
    if (!url.endsWith('/on-disk.js')) return result;
    return { ...result, source: `${result.source}\nmodule.exports.rewritten = true;` };
  },
});
delete require.cache[path.join(fixtures, 'on-disk.js')];
console.log(require(path.join(fixtures, 'on-disk.js')));
rewrite.deregister();

// Builtins: redirected to a file, their load hooks see no source, or overridden.
const builtins = registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'redirected-builtin') return { url: 'node:path', shortCircuit: true };
    if (specifier === 'os') return { url: pathToFileURL(path.join(fixtures, 'on-disk.js')).href, shortCircuit: true };
    return next(specifier, context);
  },
  load(url, context, next) {
    if (url === 'node:util') {
      const result = next(url, context);
      console.log('builtin load', url, context.format, result.source);
      return result;
    }
    if (url === 'node:querystring') return { format: 'commonjs', source: 'module.exports = "overridden";', shortCircuit: true };
    return next(url, context);
  },
});
console.log(require('redirected-builtin') === path, require('os'), typeof require('node:util').inspect);
console.log(require('querystring'), require.resolve('redirected-builtin'), require.resolve('os') === path.join(fixtures, 'on-disk.js'));
const passThrough = registerHooks({ resolve: (specifier, context, next) => next(specifier, context) });
console.log(require.resolve('node:fs'), require.resolve('fs'), require.resolve('node:test'));
show('unknown builtin', () => require('node:nope'));
show('unknown builtin resolved', () => require.resolve('node:nope'));
passThrough.deregister();
builtins.deregister();

// Custom conditions for package "exports".
// (Each request is a first one: node caches what a request resolved to whatever the conditions.)
const local = createRequire(path.join(fixtures, 'index.js'));
const conditions = registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'conditional') return next(specifier, { ...context, conditions: ['custom', ...context.conditions] });
    if (specifier === 'conditional/strict') return next(specifier, { ...context, conditions: [] });
    if (specifier === 'bad-conditions') return next('conditional', { ...context, conditions: 'custom' });
    return next(specifier, context);
  },
});
show('custom condition', () => local('conditional'));
show('no conditions', () => local('conditional/strict'));
show('bad conditions', () => local('bad-conditions'));
conditions.deregister();

// A hook returning without calling the next one must short-circuit.
let hook = registerHooks({ resolve: (specifier, context, next) => (specifier === 'forgot' ? { url: 'node:fs' } : next(specifier, context)) });
show('forgot shortCircuit', () => require('forgot'));
hook.deregister();
hook = registerHooks({ load: (url, context, next) => ({ format: 'commonjs', source: '' }) });
show('forgot shortCircuit in load', () => require(path.join(fixtures, 'data.json')));
hook.deregister();

// Bad results.
hook = registerHooks({
  resolve(specifier, context, next) {
    const results = {
      'no-url': {}, 'number-url': { url: 1 }, 'array-url': { url: [] }, 'bad-format': { url: 'virtual:x', format: 2 },
      'bad-attributes': { url: 'virtual:x', importAttributes: 'json' }, 'bad-source': { url: 'virtual:bad-source' },
      'bad-load-format': { url: 'virtual:bad-load-format' }, 'unknown-format': { url: pathToFileURL(path.join(fixtures, 'on-disk.js')).href, format: 'unknown' },
    };
    if (specifier in results) return { ...results[specifier], shortCircuit: true };
    if (specifier === 'undefined-result') return undefined;
    return next(specifier, context);
  },
  load(url, context, next) {
    if (url === 'virtual:bad-source') return { source: 12, shortCircuit: true };
    if (url === 'virtual:bad-load-format') return { source: '', format: {}, shortCircuit: true };
    return next(url, context);
  },
});
for (const id of ['no-url', 'number-url', 'array-url', 'bad-format', 'bad-attributes', 'bad-source', 'bad-load-format', 'unknown-format', 'undefined-result']) {
  show(id, () => require(id));
}
hook.deregister();

// registerHooks() checks what it is given.
show('resolve not a function', () => registerHooks({ resolve: 'no' }));
show('load not a function', () => registerHooks({ load: 1 }));
show('no hooks', () => registerHooks());
show('empty', () => Object.keys(registerHooks({})));
