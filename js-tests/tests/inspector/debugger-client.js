// `inspect`, the command-line debugger, driven through its REPL on this file (as the
// debuggee, with `child`): break on start, a breakpoint by line, cont, values read with
// exec and watchers, backtrace, breakpoints, then .exit. Each command's answer is printed.
'use strict';

if (process.argv[2] === 'child') {
  const items = [3, 4, 5];
  let total = 0;
  for (const item of items) {
    total += item * 2;
  }
  console.log('total is', total);
  return;
}

const { spawn } = require('child_process');
const path = require('path');

const child = spawn(process.execPath, ['inspect', '--port=0', path.basename(__filename), 'child'], { cwd: __dirname });
let output = '';
let waiting = null;
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  output += chunk.replaceAll('\b', '');
  if (waiting !== null && waiting.pattern.test(output)) {
    const { resolve } = waiting;
    waiting = null;
    resolve();
  }
});
child.stderr.resume();

function waitFor(pattern) {
  return new Promise((resolve) => {
    if (pattern.test(output)) resolve();
    else waiting = { pattern, resolve };
  });
}

// The answer to `line`: what is printed after it, up to the next prompt (only the lines
// `keep` accepts).
async function command(line, pattern = /debug> $/, keep = () => true) {
  output = '';
  child.stdin.write(`${line}\n`);
  await waitFor(pattern);
  const answer = output.replace(/(debug> )+$/, '').replaceAll('debug> ', '').trimEnd().split('\n').filter(keep).join('\n');
  console.log(`debug> ${line}`);
  if (answer) console.log(answer);
}

(async () => {
  await waitFor(/Break on start in [^\n]+\n(?:.*\n)*?debug> $/);
  const start = /(Break on start in [^\n]+\n(?:[^\n]*\n)*?)debug> $/.exec(output)[1];
  console.log(start.trimEnd());
  await command('sb(10)');
  await command('breakpoints');
  await command('watch("total")');
  await command('c', /break in [^\n]+\n(?:[^\n]*\n)*debug> $/);
  await command('exec item');
  await command('p items.map((n) => n * 10)');
  await command('exec ({ total, item })');
  // The frames below the module's are the runtime's own.
  await command('bt', /#1 [^\n]*\n(?:[^\n]*\n)*debug> $/, (frame) => frame.startsWith('#0 '));
  await command('cb("debugger-client.js", 10)');
  await command('unwatch("total")');
  await command('watchers');
  output = '';
  child.stdin.write('.exit\n');
  child.on('close', (code, signal) => console.log('inspect exited', code, signal));
})();
