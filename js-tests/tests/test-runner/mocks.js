// node:test's mock: functions with call tracking, methods restored, fake timers and Date.
'use strict';
const { run } = require('../../fixtures/test-runner/run.js');

run(['--test-reporter=tap', 'mocks.js']);
