// node:test's code coverage: the report table in the tap and spec reporters (in a file's
// process and under --test), include/exclude globs, coverage comments, thresholds and their
// exit code, the summary a custom reporter gets, and run({ coverage }).
'use strict';
const { run, fixtures } = require('../../fixtures/test-runner/run.js');
const path = require('path');

const cwd = path.join(fixtures, 'coverage');
run(['--experimental-test-coverage', '--test-reporter=tap', 'math.test.js'], cwd);
run(['--experimental-test-coverage', '--test-reporter=spec', 'math.test.js'], cwd);
run(['--test', '--experimental-test-coverage', '--test-reporter=tap', '--test-coverage-exclude=nothing', 'math.test.js'], cwd);
run(['--test', '--experimental-test-coverage', '--test-reporter=tap', '--test-coverage-include=*.test.js', '--test-coverage-exclude=nothing'], cwd);
run(['--experimental-test-coverage', '--test-reporter=tap', '--test-coverage-lines=90', '--test-coverage-branches=90',
  '--test-coverage-functions=10', 'math.test.js'], cwd);
run(['--experimental-test-coverage', '--test-reporter=./summary-reporter.mjs', 'math.test.js'], cwd);
run(['run-api.mjs'], cwd);
