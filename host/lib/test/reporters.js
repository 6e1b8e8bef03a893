'use strict';
// node:test/reporters: the built-in reporters, for run() pipelines and custom setups.

const { SpecReporter, LcovReporter, tap, dot, junit } = require('internal/test_runner/reporters');

// spec and lcov make their reporter, called with or without `new` (as node's, for compose()).
const spec = function value(...args) { return new SpecReporter(...args); };
const lcov = function value(...args) { return new LcovReporter(...args); };

module.exports = { dot, junit, spec, tap, lcov };
