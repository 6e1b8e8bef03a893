// node:test's fake timers: AbortSignal.timeout, enable()/tick()/setTime() validation as node's,
// promise timers checking their signal; a mocked constructor's call target.
'use strict';
const { run } = require('../../fixtures/test-runner/run.js');

run(['--test-reporter=tap', 'mock-timers.js']);
