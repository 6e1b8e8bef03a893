// worker.cpuUsage(): the worker thread's CPU time as { user, system } microseconds (or the
// time since `prev`), node's errors for a bad `prev`, ERR_WORKER_NOT_RUNNING once exited.
const { Worker } = require('worker_threads');

const worker = new Worker(`
  const start = Date.now();
  while (Date.now() - start < 150);
  require('worker_threads').parentPort.on('message', () => process.exit());
`, { eval: true });
for (const prev of [-1, true, {}, [], { user: -1, system: 0 }, { user: 1, system: NaN }, { user: 2 ** 60, system: 0 }]) {
  try {
    worker.cpuUsage(prev);
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
worker.on('online', async () => {
  const first = await worker.cpuUsage();
  const second = await worker.cpuUsage(null);
  console.log(Object.keys(first), first.user >= 0, second.user >= first.user, second.system >= first.system);
  const delta = await worker.cpuUsage(first);
  console.log(delta.user >= 0, delta.system >= 0, Number.isFinite(delta.user));
  worker.postMessage('exit');
});
worker.on('exit', () => {
  worker.cpuUsage().catch((err) => console.log(err.name, err.code, err.message));
});
