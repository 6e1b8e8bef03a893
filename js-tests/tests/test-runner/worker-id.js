// NODE_TEST_WORKER_ID under process isolation: the files get the ids 1 to the concurrency in
// turn, in the order they start, whichever file finished first.
'use strict';
const fs = require('fs');
const path = require('path');
const { run } = require('node:test');
const { fixtures, run: runCommand } = require('../../fixtures/test-runner/run.js');

const dir = path.join(fixtures, 'worker-id');
const files = fs.readdirSync(dir).sort().map((name) => path.join(dir, name));

(async () => {
  for (const concurrency of [1, 2, 3]) {
    const names = [];
    for await (const { type, data } of run({ files, concurrency })) if (type === 'test:pass') names.push(data.name);
    console.log(`concurrency ${concurrency}: ${names.join(', ')}`);
  }
  runCommand(['--test', '--test-reporter=spec', '--test-concurrency=4', ...files.map((file) => path.relative(fixtures, file))]);
})();
