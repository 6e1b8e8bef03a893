// t.assert.snapshot and t.assert.fileSnapshot: --test-update-snapshots writes the snapshot file
// (entries sorted, names and values escaped) and the file snapshots; a later run compares
// with them, and reports a changed value, a missing entry and a missing file.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const testFile = path.join(__dirname, '../../fixtures/test-runner/snapshots/values.test.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshots-'));
const snapshotFile = path.join(dir, 'values.test.js.snapshot');

function run(label, args, env = {}) {
  const result = spawnSync(process.execPath, [...args, testFile], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SNAPSHOT_DIR: dir, ...env },
  });
  console.log(`# ${label}: exit ${result.status}`);
  const failures = result.stdout.split('\n')
    .filter((line) => /^\s*(✖|Error|AssertionError|\+ |- )/.test(line) && !/failing tests/.test(line))
    .map((line) => line.replace(/\(\d+(\.\d+)?ms\)/, '').replaceAll(dir, 'DIR').trimEnd());
  for (const line of failures) console.log(line);
}

run('update', ['--test-update-snapshots']);
console.log(fs.readFileSync(snapshotFile, 'utf8'));
console.log(JSON.stringify(fs.readFileSync(path.join(dir, 'nested', 'value.json'), 'utf8')));
console.log(JSON.stringify(fs.readFileSync(path.join(dir, 'plain.txt'), 'utf8')));
run('same values', []);
run('a changed value', [], { SNAPSHOT_NUMBER: '6' });
fs.writeFileSync(snapshotFile, fs.readFileSync(snapshotFile, 'utf8').replace(/exports\[`shapes > object and number 2`\][^;]*;/, ''));
run('a missing entry', []);
fs.rmSync(snapshotFile);
fs.rmSync(path.join(dir, 'plain.txt'));
run('missing files', []);
fs.rmSync(dir, { recursive: true });
