// node:test is reached only with the node: scheme; its exports and node:test/reporters'.
'use strict';
const Module = require('module');
console.log(Module.isBuiltin('node:test'), Module.isBuiltin('test'), Module.builtinModules.filter((name) => name.includes('test')));
try {
  require('test');
} catch (err) {
  console.log(err.code);
}
const test = require('node:test');
console.log(typeof test, test === test.test, ['it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach', 'mock', 'run'].map((name) => typeof test[name]));
const reporters = require('node:test/reporters');
console.log(['spec', 'tap', 'dot'].map((name) => typeof reporters[name]));
