'use strict';
// resourceLimits: the worker sees the limits it was given, its Worker reports them while it
// runs and {} once it has exited; a worker that fills its old generation stops with code 1
// and ERR_WORKER_OUT_OF_MEMORY; stackSizeMb sizes the worker's stack (how deep it recurses),
// whatever --stack-size says. The limits a worker is not given are node's for this machine
// (the young generation as Node 24's V8 sizes it, twice what V8 15's defaults give).
const { Worker, resourceLimits, isMainThread } = require('worker_threads');
const { once } = require('events');
const { isDeepStrictEqual } = require('util');

async function outOfMemory() {
  const limits = { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4, codeRangeSizeMb: 16, stackSizeMb: 1 };
  const worker = new Worker(`
    const { resourceLimits, parentPort } = require('worker_threads');
    parentPort.postMessage(resourceLimits);
    const hoard = [];
    while (true) hoard.push(new Array(1000).fill(hoard.length));
  `, { eval: true, resourceLimits: limits });
  const ended = new Promise((resolve) => {
    const seen = [];
    worker.on('error', (error) => seen.push(error));
    worker.on('exit', (code) => resolve([seen, code]));
  });
  const [seen] = await once(worker, 'message');
  console.log('inside:', isDeepStrictEqual(seen, limits));
  console.log('reported while running:', isDeepStrictEqual(worker.resourceLimits, limits));
  const [errors, code] = await ended;
  for (const error of errors) console.log('error:', error.name, error.code, error.message);
  console.log('exit code:', code, 'limits after exit:', JSON.stringify(worker.resourceLimits));
}

async function defaults() {
  const worker = new Worker(`
    const { resourceLimits, parentPort } = require('worker_threads');
    parentPort.postMessage(resourceLimits);
  `, { eval: true });
  const [limits] = await once(worker, 'message');
  console.log('default limits:', JSON.stringify(limits), JSON.stringify(worker.resourceLimits) === JSON.stringify(limits));
  await once(worker, 'exit');
}

async function depth(stackSizeMb) {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(`
    const { workerData: counter } = require('worker_threads');
    function recurse() { counter[0]++; recurse(); }
    recurse();
  `, { eval: true, workerData: counter, resourceLimits: { stackSizeMb } });
  const [error] = await once(worker, 'error');
  if (!(error instanceof RangeError)) throw error;
  return counter[0];
}

(async () => {
  console.log('main thread limits:', JSON.stringify(resourceLimits), isMainThread);
  await defaults();
  await outOfMemory();
  const [small, large] = [await depth(1), await depth(4)];
  console.log('4 MB of stack recurses over twice as deep as 1 MB:', large > small * 2);
})();
