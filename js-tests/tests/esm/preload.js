// -r/--require and --import: modules loaded before the entry point, CommonJS first, the ES
// modules (and their top-level awaits) finished before the main module starts.
const path = require('path');
const { spawnSync } = require('child_process');
const fixtures = path.join(__dirname, '../../fixtures/esm/preload');

function run(...args) {
  const child = spawnSync(process.execPath, args, { cwd: fixtures, encoding: 'utf8' });
  console.log(args.join(' '), '->', child.status);
  console.log(child.stdout.trimEnd());
  const firstError = child.stderr.split('\n').find((line) => /Error/.test(line));
  if (firstError) console.log(firstError);
}

run('--import', './second.mjs', '-r', './first.cjs', 'main.js');
run('--require=./first.cjs', '--import=./second.mjs', '-e', 'console.log("eval sees", globalThis.preloaded)');
run('--import', 'no-such-package', 'main.js');
run('-r', './missing.cjs', 'main.js');
