// Workers under load: four workers each drive threadsafe functions from 8 native threads
// and leave one unref'd function in flight for their teardown; two more are terminated
// while their threads are still calling. Every value arrives once, every env is torn down
// on its own thread, and the process exits cleanly.
const { Worker } = require('worker_threads');
const { addonPath, log } = require('../../common');

const body = `
  const { parentPort, workerData } = require('worker_threads');
  const stress = require(workerData.addon);
  stress.teardownInFlight();
  const total = 8 * 2000;
  stress.manyThreads(8, 2000, true, 0, (result) => {
    parentPort.postMessage(result.received === total && result.sum === (total * (total + 1)) / 2);
    if (workerData.hang) for (;;) {}
  });
`;
const results = [];
const start = (index, hang) => new Promise((resolve) => {
  const worker = new Worker(body, { eval: true, workerData: { addon: addonPath('stress'), hang } });
  worker.on('message', (ok) => {
    results.push(`worker ${index}: all values arrived ${ok}`);
    if (hang) worker.terminate();
  });
  worker.on('error', (err) => results.push(`worker ${index}: ${err.message}`));
  worker.on('exit', (code) => resolve(`worker ${index} exit ${code}`));
});
Promise.all([0, 1, 2, 3, 4, 5].map((index) => start(index, index >= 4))).then((exits) => {
  log(results.sort().join('\n'));
  log(exits.join('\n'));
});
