// The CommonJS loader's internals that packages and tests use: Module.globalPaths and
// _initPaths (NODE_PATH, $HOME/.node_modules), _resolveLookupPaths, _findPath, _stat,
// require.resolve's `paths` option, custom require.extensions in resolution, a patched
// Module.wrapper, files created after a failed require, and `dir/..` requests.
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const show = (fn) => {
  try {
    console.log(fn());
  } catch (err) {
    console.log(err.code, err.message.split('\n')[0].replace(dir, '<dir>'));
  }
};
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'anode-cjs-')));
const rel = (value) => (typeof value === 'string' ? path.relative(dir, value) : value);
fs.mkdirSync(path.join(dir, 'global/lib'), { recursive: true });
fs.writeFileSync(path.join(dir, 'global/lib/from-global.js'), "module.exports = 'global';");
fs.mkdirSync(path.join(dir, 'app/node_modules/dep'), { recursive: true });
fs.writeFileSync(path.join(dir, 'app/node_modules/dep/index.js'), "module.exports = 'dep';");
fs.mkdirSync(path.join(dir, 'app/inner'));
fs.writeFileSync(path.join(dir, 'app/inner/package.json'), '{ "main": "main.js" }');
fs.writeFileSync(path.join(dir, 'app/inner/main.js'), "module.exports = 'inner main';");

process.env.NODE_PATH = `${path.join(dir, 'global/lib')}${path.delimiter}`;
Module._initPaths();
console.log(Module.globalPaths.map(rel).slice(0, 1), Module.globalPaths.includes(''), Array.isArray(Module.globalPaths));
console.log(require('from-global'));
show(() => require('not-anywhere-at-all'));

console.log(Module._resolveLookupPaths('./x'), Module._resolveLookupPaths('./x', null), Module._resolveLookupPaths('fs'));
const parent = new Module(path.join(dir, 'app/index.js'));
parent.filename = parent.id;
parent.paths = Module._nodeModulePaths(path.join(dir, 'app'));
console.log(Module._resolveLookupPaths('./x', parent).map(rel), Module._resolveLookupPaths('dep', parent).map(rel).slice(0, 2));
console.log(rel(Module._findPath('dep', parent.paths)), Module._findPath('missing', parent.paths), Module._findPath('x', []));
console.log(Module._stat(dir), Module._stat(path.join(dir, 'app/inner/main.js')), Module._stat(path.join(dir, 'nope')) < 0);

console.log(rel(require.resolve('dep', { paths: [path.join(dir, 'app')] })));
console.log(rel(require.resolve('dep', { paths: [path.join(dir, 'app/node_modules')] })));
console.log(rel(require.resolve('./inner', { paths: [path.join(dir, 'app')] })));
show(() => require.resolve('dep', { paths: [dir] }));
console.log(require(path.join(dir, 'app/inner/fake/..')), require(`${path.join(dir, 'app/inner')}/.`));
console.log(require.resolve.paths('./y')?.map((p) => path.basename(p)), require.resolve.paths('http'));

// A file required before it exists, then created.
const later = path.join(dir, 'later.json');
show(() => require(later));
fs.writeFileSync(later, '[1, 2]');
console.log(require(later));

// require.extensions: a registered extension is found without being named.
fs.writeFileSync(path.join(dir, 'thing.foo.bar'), "module.exports = 'custom';");
require.extensions['.foo.bar'] = (module, filename) => {
  module.exports = `loaded ${path.basename(filename)}`;
};
console.log(require(path.join(dir, 'thing')), require(path.join(dir, 'thing.foo.bar')));
delete require.extensions['.foo.bar'];
show(() => require(path.join(dir, 'thing2')));

// Module.wrapper patched: modules compile from the patched text.
fs.writeFileSync(path.join(dir, 'wrapped.js'), 'module.exports = typeof injected;');
const original = Module.wrapper[0];
console.log(Module.wrapper.length, Module.wrap('x').startsWith(original));
Module.wrapper[0] += 'const injected = 1;';
console.log(require(path.join(dir, 'wrapped.js')));
Module.wrapper[0] = original;

show(() => require.resolve('node:unknown'));
show(() => require('node:unknown'));
show(() => require.resolve('./x', { paths: 'foo' }));
fs.mkdirSync(path.join(dir, 'app/node_modules/broken'));
fs.writeFileSync(path.join(dir, 'app/node_modules/broken/package.json'), '{ "main": ');
show(() => require(path.join(dir, 'app/node_modules/broken')));
show(() => require.resolve('broken', { paths: [path.join(dir, 'app')] }));

// execFileSync without a stdio option: the child's stderr is in the error (and printed).
const { execFileSync } = require('child_process');
try {
  execFileSync(process.execPath, ['-e', "process.stderr.write('to stderr'); process.exit(3)"]);
} catch (err) {
  console.log(err.status, JSON.stringify(err.message.split('\n')[1]), String(err.stderr));
}

console.log(Module.isBuiltin('fs'), Module.isBuiltin('node:test'), Module.isBuiltin('test'), Module.isBuiltin(undefined), Module.isBuiltin(''));
fs.rmSync(dir, { recursive: true });
