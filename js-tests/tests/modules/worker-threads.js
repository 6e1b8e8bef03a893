// worker_threads: workers from files and eval strings, workerData and messages as
// structured clones (shared array buffers shared), addons loaded per worker with their own
// env, errors, process.exit and terminate() in workers, MessageChannel within a thread.
const { Worker, MessageChannel, receiveMessageOnPort, isMainThread, threadId, parentPort, workerData } = require('worker_threads');
const path = require('path');
const { addonPath } = require('../../common');

const fixture = (name) => path.join(__dirname, '..', '..', 'fixtures', 'workers', name);
const show = (fn) => {
  try {
    console.log(fn());
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
};
// Runs a worker to its end; resolves with what it said and how it ended.
function run(filename, options = {}, onStart = () => {}) {
  return new Promise((resolve) => {
    const events = [];
    const worker = new Worker(filename, options);
    // 'online' is reported apart: anode's can come after the worker's first messages (seen
    // under load; issue notes), node's comes first.
    let online = false;
    worker.on('online', () => { online = true; });
    worker.on('message', (message) => events.push(['message', message]));
    worker.on('error', (err) => events.push(['error', err.constructor.name, err.message]));
    worker.on('exit', (code) => {
      events.push(['exit', code], ['online', online]);
      resolve(events);
    });
    onStart(worker);
  });
}

async function main() {
  console.log(isMainThread, threadId, parentPort, workerData);
  show(() => new Worker('relative.js'));
  show(() => new Worker(42));
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const data = { shared, nested: { list: [1, 'two', 3n], when: new Date(0), map: new Map([['k', new Set([1])]]) } };
  console.log(await run(fixture('echo.js'), { workerData: data, argv: ['extra', 7] }, (worker) => {
    worker.postMessage({ ask: 'double', value: 21 });
    worker.postMessage({ ask: 'bye' });
  }));
  console.log('shared after:', Atomics.load(shared, 0));
  console.log(await run(`
    const { parentPort, workerData, threadId } = require('worker_threads');
    parentPort.postMessage([typeof require, __filename, workerData, threadId > 0]);
  `, { eval: true, workerData: 'from eval' }));
  console.log(await run(fixture('addon.js'), { workerData: addonPath('napi_areas') }));
  console.log('main env instance data:', require(addonPath('napi_areas')).lifecycle());
  console.log(await run('throw new RangeError("worker failed")', { eval: true }));
  console.log(await run('process.on("exit", (code) => require("worker_threads").parentPort.postMessage(code)); process.exit(5)', { eval: true }));
  console.log(await run('process.exitCode = 3', { eval: true }));
  let terminated;
  const events = await run('require("worker_threads").parentPort.postMessage("looping"); for (;;) {}', { eval: true }, (worker) => {
    worker.once('message', () => { terminated = worker.terminate(); });
  });
  console.log(events, await terminated);
  show(() => new Worker('1', { eval: true, workerData: () => {} }));

  const { port1, port2 } = new MessageChannel();
  port2.on('message', (message) => {
    console.log('port2 got', message);
    port2.close();
  });
  port2.on('close', () => console.log('port2 closed'));
  port1.postMessage({ via: 'channel', buffer: new Uint8Array([1, 2, 3]) });
  const other = new MessageChannel();
  other.port1.postMessage('queued');
  console.log(receiveMessageOnPort(other.port2), receiveMessageOnPort(other.port2));
}
main();
