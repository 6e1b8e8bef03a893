// options.expectFailure: labels, matchers, inheritance, and how tap, spec and dot show them.
'use strict';
const { run } = require('../../fixtures/test-runner/run.js');

run(['--test-reporter=tap', 'expect-failure.js']);
run(['--test-reporter=spec', 'expect-failure.js']);
run(['--test-reporter=dot', 'expect-failure.js']);
