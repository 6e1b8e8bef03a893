// readline over process.stdin when it is a pipe, a file and /dev/null; readline/promises'
// question answered from a pipe (both lines come in one chunk: the second is a 'line' before
// the second question is asked, which then never gets its answer); the process ends once the
// interface closes; a worker's process.stdin ends at once.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const lines = `
const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin });
console.log('isTTY', process.stdin.isTTY, typeof process.stdin.setRawMode);
rl.on('line', (line) => console.log('line', JSON.stringify(line)));
rl.on('close', () => console.log('close'));
`;
const question = `
const readline = require('readline/promises');
(async () => {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const name = await rl.question('name? ');
  const age = await rl.question('age? ');
  console.log('got', JSON.stringify(name), JSON.stringify(age));
  rl.close();
})();
`;
const worker = `
const { Worker } = require('worker_threads');
new Worker("process.stdin.on('data', (d) => console.log('data', String(d))); process.stdin.on('end', () => console.log('worker stdin ended'));", { eval: true });
`;
const run = (code, options) => {
  const result = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 20000, ...options });
  console.log(JSON.stringify(result.stdout), JSON.stringify(result.stderr), result.status);
};

run(lines, { input: 'one\r\ntwo\nthree' });
run(question, { input: 'ann\n42\n' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readline-stdin-'));
const file = path.join(dir, 'in.txt');
fs.writeFileSync(file, 'from\nfile\n');
const script = path.join(dir, 'lines.js');
fs.writeFileSync(script, lines);
// Through the shell's redirection, so that fd 0 is the file itself.
for (const input of [file, '/dev/null']) {
  const result = spawnSync('sh', ['-c', 'exec "$0" "$1" < "$2"', process.execPath, script, input], { encoding: 'utf8' });
  console.log(JSON.stringify(result.stdout), JSON.stringify(result.stderr), result.status);
}
fs.rmSync(dir, { recursive: true });
run(worker, { input: 'for the main thread\n' });
