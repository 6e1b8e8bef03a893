// Test tags: inheritance, case folding, validation, t.tags, and --experimental-test-tag-filter.
'use strict';
const { run } = require('../../fixtures/test-runner/run.js');

run(['--no-warnings', '--test-reporter=tap', 'tags.js']);
run(['--no-warnings', '--test', '--test-reporter=tap', '--experimental-test-tag-filter=db', 'tags.js']);
run(['--no-warnings', '--test', '--test-reporter=tap', '--experimental-test-tag-filter=DB', '--experimental-test-tag-filter=slow', '--test-isolation=none', 'tags.js']);

