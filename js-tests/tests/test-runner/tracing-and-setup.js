// The node.test tracing channel (start, end, error; stores bound to start) and
// --test-global-setup (setup before the tests, teardown after their report).
'use strict';
const { run } = require('../../fixtures/test-runner/run.js');

run(['--test-reporter=dot', 'tracing.js']);
run(['--test-reporter=dot', '--test-global-setup=global-setup.js', 'global-setup-user.js']);
run(['--test', '--test-reporter=dot', '--test-isolation=none', '--test-global-setup=global-setup.js', 'global-setup-user.js']);
