// t.plan's wait option, and errors tests and hooks leave behind after they end.
'use strict';
const { run } = require('../../fixtures/test-runner/run.js');

run(['--test-reporter=tap', 'plan-wait.js']);
run(['--test-reporter=spec', 'extraneous.js']);
run(['--test', '--test-reporter=spec', '--test-isolation=none', 'extraneous.js']);
