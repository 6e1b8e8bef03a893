'use strict';
// Workers started until the process runs out of file descriptors (ulimit -n 128): those that
// cannot get a loop fail with ERR_WORKER_INIT_FAILED (or EMFILE/ENFILE) as 'error', the rest
// run, and the process itself, whose loop was made before the program ran, ends normally.
const { execFileSync } = require('child_process');

if (process.argv[2] === 'child') {
  const { Worker } = require('worker_threads');
  const expected = new Set(['ERR_WORKER_INIT_FAILED', 'EMFILE', 'ENFILE', 'ENOENT']);
  let unexpected = 0;
  for (let i = 0; i < 256; i++) {
    const worker = new Worker('require("worker_threads").parentPort.postMessage(2 + 2)', { eval: true });
    worker.on('error', (err) => { if (!expected.has(err.code)) unexpected++; });
  }
  process.on('exit', () => console.log('unexpected errors:', unexpected));
} else {
  const out = execFileSync('/bin/sh', ['-c', 'ulimit -n 128 && exec "$0" "$1" child', process.execPath, __filename], { encoding: 'utf8' });
  console.log(out.trim(), '; exit 0');
}
