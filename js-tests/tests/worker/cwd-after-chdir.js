'use strict';
// A worker's process.cwd() follows the main thread's process.chdir(), whether or not the
// worker asked before the change.
const { Worker } = require('worker_threads');
const path = require('path');

const start = process.cwd();
const worker = new Worker(`
  const { parentPort } = require('worker_threads');
  parentPort.postMessage(process.cwd());
  parentPort.on('message', () => {
    parentPort.postMessage(process.cwd());
    parentPort.close();
  });
`, { eval: true });
let replies = 0;
worker.on('message', (cwd) => {
  replies++;
  if (replies === 1) {
    console.log('first is the start:', cwd === start);
    process.chdir(path.dirname(start));
    worker.postMessage('again');
  } else {
    console.log('second follows chdir:', cwd === path.dirname(start), cwd !== start);
    process.chdir(start);
  }
});
worker.on('exit', (code) => console.log('exit', code));
