// --watch: the program runs in a child process and restarts when a module it loaded (CommonJS
// or ES) changes; a syntax error waits for the fix; arguments, exit reports, the
// conflicting options, and SIGTERM passed on to the program.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-'));
const main = path.join(root, 'main.js');
const dep = path.join(root, 'dep.js');
const esm = path.join(root, 'esm.mjs');
fs.writeFileSync(main, "console.log('main', require('./dep.js'), process.argv.slice(2)); import('./esm.mjs');\n");
fs.writeFileSync(dep, "module.exports = 'dep v1';\n");
fs.writeFileSync(esm, "console.log('esm v1');\n");
const shown = (line) => line.replaceAll(root, 'ROOT');

const child = spawn(process.execPath, ['--watch', '--no-warnings', main, 'x', 'y z'], { env: cleanEnv() });
let stderr = '';
child.stderr.on('data', (data) => { stderr += data; });
const lines = readline.createInterface({ input: child.stdout });

// Each step edits a file once the run before it has finished; edits repeat until the
// restart shows, as an edit inside a restart's debounce period is not a change of its own.
const steps = [
  () => fs.writeFileSync(dep, "module.exports = 'dep v2';\n"),
  () => fs.writeFileSync(esm, "console.log('esm v2'\n"),
  () => fs.writeFileSync(esm, "console.log('esm v3');\n"),
];
let repeat;
lines.on('line', (line) => {
  if (line.startsWith('Change detected')) clearInterval(repeat);
  if (line.startsWith('Failed running')) {
    console.log(shown(line));
    console.log(stderr.includes('SyntaxError') ? '  (stderr: a SyntaxError)' : `  stderr: ${stderr}`);
    stderr = '';
  } else {
    console.log(shown(line));
  }
  if (!line.startsWith('Completed running') && !line.startsWith('Failed running')) return;
  const step = steps.shift();
  if (step === undefined) {
    child.kill('SIGTERM');
    return;
  }
  step();
  repeat = setInterval(step, 1000);
});
child.on('exit', (code, signal) => {
  clearInterval(repeat);
  console.log('watcher exit', code, signal);
  fs.rmSync(root, { recursive: true });
  for (const args of [['--watch', '-e', '1'], ['--watch', '-p', '1'], ['--watch', '--check', 'main.js']]) {
    run(args, { env: cleanEnv() });
  }
});
