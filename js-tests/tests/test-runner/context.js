// Test and suite contexts: fullName (<root> in root hooks), filePath (the entry file), attempt,
// passed, waitFor, node:test's assert.register, options.name/options.fn over the positional ones.
'use strict';
const { run } = require('../../fixtures/test-runner/run.js');

run(['--test-reporter=tap', 'context.js']);
