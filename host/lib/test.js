'use strict';
// node:test: declaring tests and suites, hooks, mocking and run().

const { Test, Suite, currentTest, registerAssertion } = require('internal/test_runner/test');
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

// it is test and describe is suite (the same functions, as in node).
const test = withVariants(Test, 'test');
const it = test;
const suite = withVariants(Suite, 'suite');
const describe = suite;

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
// The context of the test or suite whose code is running, if any.
test.getTestContext = function getTestContext() {
  const current = currentTest.getStore();
  return current?.parent ? current.context : undefined;
};
test.assert = { register: registerAssertion };
test.run = (...args) => require('internal/test_runner/runner').run(...args);
let snapshot;
Object.defineProperty(test, 'snapshot', {
  get() {
    if (snapshot === undefined) {
      const { setDefaultSnapshotSerializers, setResolveSnapshotPath } = require('internal/test_runner/snapshot');
      snapshot = { setDefaultSnapshotSerializers, setResolveSnapshotPath };
    }
    return snapshot;
  },
  enumerable: true,
  configurable: true,
});
Object.defineProperty(test, 'mock', {
  get() {
    mockTracker ??= new MockTracker();
    return mockTracker;
  },
  enumerable: true,
  configurable: true,
});

module.exports = test;
