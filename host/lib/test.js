'use strict';
// node:test: declaring tests and suites, hooks, mocking and run().

const { Test, Suite } = require('internal/test_runner/test');
const { runTest, hookAdder } = require('internal/test_runner/harness');
const { MockTracker } = require('internal/test_runner/mock');

function withVariants(Factory, name) {
  const declare = {
    [name](nameOrFn, options, fn) {
      return runTest(Factory, nameOrFn, options, fn);
    },
  }[name];
  declare.skip = (nameOrFn, options, fn) => runTest(Factory, nameOrFn, options, fn, { skip: true });
  declare.todo = (nameOrFn, options, fn) => runTest(Factory, nameOrFn, options, fn, { todo: true });
  declare.only = (nameOrFn, options, fn) => runTest(Factory, nameOrFn, options, fn, { only: true });
  return declare;
}

const test = withVariants(Test, 'test');
const it = withVariants(Test, 'it');
const describe = withVariants(Suite, 'describe');
const suite = withVariants(Suite, 'suite');

let mockTracker;
test.test = test;
test.it = it;
test.describe = describe;
test.suite = suite;
test.skip = test.skip;
test.before = hookAdder('before');
test.after = hookAdder('after');
test.beforeEach = hookAdder('beforeEach');
test.afterEach = hookAdder('afterEach');
test.run = (...args) => require('internal/test_runner/runner').run(...args);
Object.defineProperty(test, 'mock', {
  get() {
    mockTracker ??= new MockTracker();
    return mockTracker;
  },
  enumerable: true,
  configurable: true,
});

module.exports = test;
