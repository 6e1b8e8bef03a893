// Warning options: --no-warnings, --no-deprecation, --throw-deprecation, --trace-*,
// --disable-warning, --redirect-warnings, NODE_NO_WARNINGS, and the process properties they set.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

const env = cleanEnv();
for (const flags of [[], ['--no-warnings'], ['--no_warnings'], ['--no-warnings', '--warnings'], ['--no-deprecation'],
  ['--trace-deprecation'], ['--disable-warning=DEP0999', '--disable-warning', 'CustomWarning'],
  ['--disable-warning=Warning']]) {
  run([...flags, 'warn.js'], { env });
}
run(['warn.js'], { env: cleanEnv({ NODE_NO_WARNINGS: '1' }) });
// --throw-deprecation: the deprecation is thrown on the next tick, after the warnings before it.
run(['--throw-deprecation', '-e', `process.on('uncaughtException', (e) => console.log('thrown', e.name, e.code, e.message));
  require('./warn.js');`], { env }, ['--throw-deprecation', '-e', '...']);
run(['warn.js'], { env: cleanEnv({ NODE_OPTIONS: '--no-deprecation --disable-warning=CUSTOM1' }) });
// --trace-warnings prints each warning's stack: only its first line is the same everywhere.
const traced = run(['--trace-warnings', '-e', 'process.emitWarning("traced")'], { env });
console.log(traced.stderr.split('\n')[1].startsWith('    at '));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-warnings-'));
const file = path.join(dir, 'warnings.txt');
run([`--redirect-warnings=${file}`, 'warn.js'], { env }, ['--redirect-warnings=FILE', 'warn.js']);
run(['warn.js'], { env: cleanEnv({ NODE_REDIRECT_WARNINGS: file }) }, ['warn.js  [NODE_REDIRECT_WARNINGS=FILE]']);
// Each warning is one fs.appendFile on the thread pool (as node writes them), so their order
// in the file is not fixed: compare them sorted.
const redirected = fs.readFileSync(file, 'utf8').replace(/\(node:\d+\)/g, '(node:PID)').replace(/\(Use `\S+/g, '(Use `RUNTIME');
console.log(redirected.split(/\n(?=\(node:PID\) )/).map((w) => w.trimEnd()).sort().join('\n'));
fs.rmSync(dir, { recursive: true });

// emitWarning's argument rules.
for (const args of [[1], ['w', 1], ['w', 'T', 2], [null]]) {
  try {
    process.emitWarning(...args);
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
