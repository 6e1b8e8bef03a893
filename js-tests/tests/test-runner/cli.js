// `--test`: test files found by node's default patterns (or named), each in a child process,
// their output and results in one report, and the exit code.
'use strict';
const path = require('path');
const { run, fixtures } = require('../../fixtures/test-runner/run.js');

const suite = path.join(fixtures, 'suite');
run(['--test'], suite);
run(['--test', '--test-reporter=tap'], suite);
run(['--test', '--test-reporter=tap', 'math.test.js'], suite);
