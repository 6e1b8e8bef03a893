// worker.getHeapSnapshot(): a stream of the worker heap's snapshot JSON, read whole at once;
// node's errors for bad options and ERR_WORKER_NOT_RUNNING once the worker exited. Also
// terminate() soon after 'online' ends the worker quietly.
const { Worker } = require('worker_threads');
const { once } = require('events');

async function main() {
  const worker = new Worker('setInterval(() => {}, 1000);', { eval: true });
  await once(worker, 'online');
  for (const options of [1, true, [], null, { exposeInternals: 1 }]) {
    try {
      worker.getHeapSnapshot(options);
    } catch (err) {
      console.log(err.name, err.code, err.message);
    }
  }
  const stream = await worker.getHeapSnapshot();
  const snapshot = JSON.parse(stream.read());
  console.log(Object.keys(snapshot).slice(0, 3), Array.isArray(snapshot.strings), snapshot.nodes.length > 0);
  console.log(await worker.terminate());
  await worker.getHeapSnapshot().catch((err) => console.log(err.name, err.code, err.message));
}

main();
