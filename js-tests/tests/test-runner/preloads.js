// `--test` and the --require and --import modules: the runner's process loads the --require ones
// only (the files' processes load both), or without isolation both, after the global setup.
// What a preloaded module gives Object.prototype is not taken for a test's options, nor for the
// data of the events a process reports itself.
'use strict';
const path = require('path');
const { run, fixtures } = require('../../fixtures/test-runner/run.js');

const dir = path.join(fixtures, 'preloads');
for (const isolation of ['process', 'none']) {
  run(['--test', '--test-reporter=tap', `--test-isolation=${isolation}`, '--test-global-setup=setup.mjs',
    '--require', './preloaded.cjs', '--import', './imported.mjs', 'passes.test.js'], dir);
}
run(['--test', '--test-reporter=spec', '--test-isolation=none', '--require', './proto.js', 'one.test.js'], dir);
