'use strict';
// anode-napi keeps the addon's image loaded once a threadsafe function (or a future or stream
// reader) exists: here a worker loads the addon alone, hands a threadsafe function to a Rust
// thread and exits; the thread calls and drops it afterwards, running addon code.
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  const worker = new Worker(__filename);
  worker.on('message', (message) => console.log('worker:', message));
  worker.on('exit', (code) => {
    console.log('worker exited', code);
    setTimeout(() => console.log('main thread still running'), 400);
  });
} else {
  const { addon } = require('../../common');
  const style = addon('napi_rs_style');
  const before = style.moduleRetentionRequests();
  style.holdThreadsafeFunction(() => {}, 200);
  parentPort.postMessage(['retention requested', style.moduleRetentionRequests() > before]);
}
