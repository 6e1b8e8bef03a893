// `inspect --probe`, the debugger's non-interactive mode, on this file (as the probed
// script, with `child`): the text report's forms (previews of wide objects and nested
// arrays, escaped strings, symbols, expressions that throw, --max-hit, a miss, the target's
// own failing exit with its stderr, a timeout), a JSON report with previews, the command
// line's refusals and the usage. Each run's status and output are printed.
'use strict';

if (process.argv[2] === 'child') {
  const shapes = {
    wide: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 },
    list: [1, [2, 3], { x: 'y' }],
    text: 'a "quoted" back\\slash',
  };
  let count = 0;
  for (let round = 0; round < 3; round++) {
    count += round; // probe: loop
  }
  if (process.argv[3] === 'fail') {
    console.error('about to fail');
    process.exitCode = 3;
  }
  if (process.argv[3] === 'linger') setInterval(() => {}, 1000);
  return;
}

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const script = path.basename(__filename);
const loopLine = fs.readFileSync(__filename, 'utf8').split('\n').findIndex((line) => line.endsWith('// probe: loop')) + 1;
const at = (line) => `${script}:${line}`;

// Stack lines of an evaluation's error name the evaluating runtime's frames: left out.
const withoutStacks = (text) => text.split('\n').filter((line) => !/^\s+at /.test(line)).join('\n');

function run(title, args) {
  const { status, stdout, stderr } = spawnSync(process.execPath, ['inspect', ...args], { cwd: __dirname, encoding: 'utf8' });
  console.log(`--- ${title}: status ${status}`);
  if (stdout) console.log(withoutStacks(stdout.replaceAll(process.execPath, 'NODE')).trimEnd());
  // A refused command line: its reason, the first line (the usage follows).
  if (status === 9) console.log(`stderr: ${stderr.split('\n')[0]}`);
}

run('values in text', [
  '--probe', at(loopLine), '--expr', 'count',
  '--probe', at(loopLine), '--expr', 'shapes.wide',
  '--probe', at(loopLine), '--expr', 'shapes.list',
  '--probe', at(loopLine), '--expr', 'shapes.text',
  '--probe', at(loopLine), '--expr', 'Symbol(`round ${round}`)',
  '--probe', at(loopLine), '--expr', 'missing + 1',
  script, 'child',
]);
run('max-hit', ['--probe', at(loopLine), '--expr', 'round * 10', '--max-hit', '2', script, 'child']);
run('miss', ['--probe', at(900), '--expr', '1', '--probe', at(900), '--expr', '2', '--probe', at(901), '--expr', '3', script, 'child']);
run('target fails', ['--probe', at(loopLine), '--expr', 'count', '--probe', at(900), '--expr', '1', script, 'child', 'fail']);
run('timeout', ['--timeout=300', '--probe', at(900), '--expr', '1', script, 'child', 'linger']);
run('json with previews', ['--json', '--preview', '--probe', at(loopLine), '--expr', 'shapes.wide', '--max-hit', '1', script, 'child']);
run('json without previews', ['--json', '--probe', `${at(loopLine)}:5`, '--expr', 'shapes.list', '--max-hit', '1', script, 'child']);

for (const args of [
  ['--probe', at(0), '--expr', '1', script],
  ['--probe', 'nowhere', '--expr', '1', script],
  ['--probe', at(3), '--expr', '1', '--port', 'abc', script],
  ['--probe', at(3), '--expr', '1', '--timeout'],
  ['--probe', at(3), '--expr', '1', '--max-hit', '-1', script],
  ['--probe', at(3), '--expr', '1'],
  ['--json', '--probe', at(3), '--expr', '1', '--port=0'],
  ['--bogus', '--probe', at(3), '--expr', '1', script],
  ['--probe', at(3), '--expr', '1', '--', '--inspect-port=1234', script],
  ['--probe', '--help'],
]) {
  run(args.join(' '), args);
}
