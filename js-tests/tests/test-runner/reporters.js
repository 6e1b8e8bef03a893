// node:test's spec (the default), tap and dot reporters on passing, failing, skipped and todo
// tests with hooks, subtests, plans and timeouts; the exit code when tests fail.
'use strict';
const { run } = require('../../fixtures/test-runner/run.js');

run(['results.js']);
run(['--test-reporter=tap', 'results.js']);
run(['--test-reporter=dot', 'results.js']);
run(['--test-reporter=tap', '--test-name-pattern=names', 'results.js']);
run(['--test-reporter=tap', '--test-skip-pattern=/fail/', 'results.js']);
