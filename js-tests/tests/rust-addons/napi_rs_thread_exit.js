'use strict';
// Buffers, typed arrays and Errors from JS kept in a Rust thread_local drop as their thread
// exits: for a worker, after its env was torn down, when Node-API may no longer be called
// with it (node crashes deleting a reference then); anode-napi then leaves their references,
// which went with the env. Twenty workers at once, half terminated, half ending on their own.
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const { addon, log } = require('../../common');

if (isMainThread) {
  const runs = Array.from({ length: 20 }, (_, index) => new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { terminate: index % 2 === 0 } });
    worker.on('error', reject);
    worker.on('message', (held) => {
      if (index % 2 === 0) worker.terminate();
      worker.on('exit', () => resolve(held));
    });
  }));
  Promise.all(runs).then((held) => log('held', held.join(' ')));
} else {
  const style = addon('napi_rs_style');
  let held = 0;
  for (let i = 0; i < 50; i++) held = style.stashUntilThreadExit(Buffer.from([i]), Uint8Array.of(i), new Error(`stashed ${i}`));
  parentPort.postMessage(held);
  if (!workerData.terminate) parentPort.close();
}
