'use strict';
// worker_threads.setEnvironmentData/getEnvironmentData: each worker starts with a copy of
// its parent's data as it was when the Worker was made (cloned, so objects are copies);
// setting undefined deletes a key; a worker's own workers inherit its data in turn.
const { Worker, isMainThread, getEnvironmentData, setEnvironmentData, threadId, locks } = require('worker_threads');

if (isMainThread) {
  const shared = { nested: [1, 2] };
  setEnvironmentData('config', shared);
  setEnvironmentData(42, 'number key');
  setEnvironmentData('gone', 1);
  setEnvironmentData('gone', undefined);
  console.log('main', getEnvironmentData('config') === shared, getEnvironmentData('gone'), getEnvironmentData(42));
  console.log('locks', locks === navigator.locks, Object.prototype.toString.call(locks));
  const worker = new Worker(__filename, { workerData: { depth: 1 } });
  setEnvironmentData('late', 'not seen by the worker');
  worker.on('message', (message) => console.log(message));
  worker.on('exit', (code) => console.log('worker exit', code));
} else {
  const { workerData, parentPort } = require('worker_threads');
  const report = (text) => (parentPort ? parentPort.postMessage(text) : console.log(text));
  report(`depth ${workerData.depth}: config ${JSON.stringify(getEnvironmentData('config'))} 42 ${getEnvironmentData(42)} ` +
    `fromWorker ${getEnvironmentData('fromWorker')} late ${getEnvironmentData('late')} gone ${getEnvironmentData('gone')} thread>0 ${threadId > 0}`);
  if (workerData.depth === 1) {
    setEnvironmentData('fromWorker', 'yes');
    const inner = new Worker(__filename, { workerData: { depth: 2 } });
    inner.on('message', (message) => report(message));
  }
}
