// --test file discovery: the default patterns, globs, and a pattern naming nothing.
'use strict';
const path = require('path');
const { run, fixtures } = require('../../fixtures/test-runner/run.js');

const dir = path.join(fixtures, 'globbed');
run(['--test', '--test-reporter=tap'], dir);
run(['--test', '--test-reporter=tap', '**/*.spec.js', 'sub/test-*.cjs'], dir);
run(['--test', '--test-reporter=tap', `${dir}/*.js`], dir);
run(['--test', 'missing.js'], dir);
run(['--test', 'nothing/*.js'], dir);
