// Randomized test order: --test-randomize and --test-random-seed (a seed alone randomizes), run()'s
// randomize and randomSeed. The seed fixes the order of the files and of every test's
// children; the runner reports the seed and the tests in the order they ran.
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');
const { run } = require('node:test');
const { fixtures, run: runCommand } = require('../../fixtures/test-runner/run.js');

const dir = path.join(fixtures, 'randomize');
const nested = path.join(dir, 'nested.js');
const files = ['a', 'b', 'c', 'd', 'e'].map((name) => path.join(dir, `file-${name}.test.js`));

async function passes(options) {
  const seen = [];
  for await (const { type, data } of run(options)) {
    if (type === 'test:pass' || type === 'test:fail') seen.push(`${type === 'test:pass' ? 'ok' : 'not ok'} ${data.testNumber} ${data.name} (nesting ${data.nesting})`);
    if (type === 'test:diagnostic' && data.message.startsWith('Randomized')) seen.push(`# ${data.message}`);
  }
  return seen;
}

(async () => {
  for (const seed of [0, 1, 4294967295]) {
    console.log(`run() files, seed ${seed}:\n  ${(await passes({ files, randomSeed: seed, concurrency: 1 })).join('\n  ')}`);
  }
  console.log(`run() nested, seed 7:\n  ${(await passes({ files: [nested], randomSeed: 7 })).join('\n  ')}`);
  console.log(`run() not randomized:\n  ${(await passes({ files: files.slice(0, 3), randomize: false })).join('\n  ')}`);

  for (const options of [{ randomize: 'yes' }, { randomSeed: -1 }, { randomSeed: 2 ** 32 }, { randomSeed: 1.5 },
    { randomSeed: '3' }, { randomize: true, watch: true }, { randomSeed: 3, watch: true }]) {
    try {
      run({ files: [], ...options });
      console.log(`${JSON.stringify(options)}: accepted`);
    } catch (err) {
      console.log(`${JSON.stringify(options)}: ${err.name} ${err.code}: ${err.message}`);
    }
  }

  runCommand(['--test', '--test-reporter=tap', '--test-concurrency=1', '--test-random-seed=24680', ...files.map((file) => path.relative(fixtures, file))]);
  runCommand(['--test', '--test-reporter=spec', '--test-randomize', '--test-random-seed=99', 'randomize/nested.js']);
  runCommand(['--test', '--test-reporter=spec', '--test-isolation=none', '--test-random-seed=5', 'randomize/nested.js', 'randomize/file-a.test.js']);
  // Without --test the file's own tests are randomized, and no seed is reported.
  runCommand(['--test-reporter=spec', '--test-random-seed=12', 'randomize/nested.js']);
  runCommand(['--test-reporter=tap', '--test-randomize', 'randomize/nested.js']);
  for (const seed of ['-1', '4294967296']) {
    const { status, stdout, stderr } = spawnSync(process.execPath, ['--test', `--test-random-seed=${seed}`, nested], { encoding: 'utf8' });
    console.log(`--test-random-seed=${seed}: exit ${status}, stdout ${JSON.stringify(stdout)}, ${stderr.split('\n').find((line) => line.startsWith('RangeError'))}`);
  }
})();
