'use strict';
// node:test/reporters: the built-in reporters, for run() pipelines and custom setups.

const { SpecReporter, tap, dot, junit } = require('internal/test_runner/reporters');

// spec makes a SpecReporter, called with or without `new` (as node's, for compose()).
const spec = function value(...args) { return new SpecReporter(...args); };

module.exports = { dot, junit, spec, tap };
