// module.findPackageJSON's results and errors, an import specifier ending in '/' (always a
// directory import, whatever is there), and deepStrictEqual's values equal only to themselves
// (a promise, WeakMap or WeakSet actual; a proxy of one compares as an object).
const { findPackageJSON } = require('module');
const assert = require('assert');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

function report(label, fn) {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
}

report('no arguments', () => findPackageJSON());
report('null base', () => findPackageJSON('', null));
report('number base', () => findPackageJSON('', 1));
report('relative base', () => findPackageJSON('x', 'rel/path'));
report('missing package', () => findPackageJSON('not-installed-anywhere', __filename));
report('relative from data:', () => findPackageJSON('./x.js'));
report('symbol', () => findPackageJSON(Symbol('s')));
report('node: scheme', () => findPackageJSON('node:fs', __filename));
report('builtin name', () => findPackageJSON('fs', __filename));
report('parent folder', () => path.relative(__dirname, findPackageJSON('..', __filename) ?? 'none'));
report('this file', () => path.relative(__dirname, findPackageJSON(pathToFileURL(__filename)) ?? 'none'));

const p = Promise.resolve();
const proxy = new Proxy(p, {});
const weak = new WeakMap();
console.log('promise', util.isDeepStrictEqual(p, Promise.resolve()), util.isDeepStrictEqual(proxy, p),
  util.isDeepStrictEqual(p, proxy), util.isDeepStrictEqual(new Proxy(weak, {}), weak), util.isDeepStrictEqual(weak, new WeakMap()));
report('loose promise', () => assert.deepEqual(p, Promise.resolve()));
report('partial proxy', () => assert.partialDeepStrictEqual(proxy, p));

(async () => {
  for (const specifier of [`${pathToFileURL(__dirname).href}/`, '/definitely/not/here/', `${pathToFileURL(__filename).href}/`]) {
    await import(specifier).catch((err) => console.log('import', err.code, err.message.split(' is not supported')[0]));
  }
})();
