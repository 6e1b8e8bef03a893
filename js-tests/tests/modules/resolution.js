// Files, extensions, directories, JSON, package "main", "exports" conditions, node_modules up the tree.
const path = require('path');
const fixtures = path.join(__dirname, '../../fixtures/modules');
const req = (id) => require(path.join(fixtures, id));
console.log(req('data.json'));
console.log(req('dir'));
console.log(req('dir/index'));
console.log(req('shebang'));
console.log(req('sub/deep/x.js'));
const local = require('module').createRequire(path.join(fixtures, 'index.js'));
console.log(local('pkg-main'));
console.log(local('pkg-exports'));
console.log(local('pkg-exports/feature'));
console.log(local('pkg-exports/package.json').name);
console.log(local('pkg-node-cond'));
console.log(path.relative(fixtures, local.resolve('pkg-main')));
console.log(path.relative(fixtures, local.resolve('./dir')));
console.log(path.relative(fixtures, require.resolve('pkg-main', { paths: [fixtures] })));
console.log(local.resolve('events'), local.resolve('node:path'));
console.log(require.resolve.paths('events'));

// createRequire from a directory (a trailing separator), a file: URL string or a URL object, and refused inputs.
const { pathToFileURL } = require('url');
for (const from of [fixtures + '/', `${pathToFileURL(fixtures)}/`, new URL(`${pathToFileURL(fixtures)}/`)]) {
  const fromDir = require('module').createRequire(from);
  console.log(fromDir('pkg-main'), path.relative(fixtures, fromDir.resolve('pkg-main')));
}
for (const bad of ['relative/file.js', 'http://example.com/x.js', new URL('http://example.com/x.js'), 42, undefined]) {
  try {
    require('module').createRequire(bad);
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
