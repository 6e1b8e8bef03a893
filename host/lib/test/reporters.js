'use strict';
// node:test/reporters: the built-in reporters, for run() pipelines and custom setups.

const { SpecReporter, tap, dot } = require('internal/test_runner/reporters');

module.exports = { dot, spec: SpecReporter, tap };
