// Threadsafe functions under load: every value arrives exactly once and the process exits
// cleanly. One blocking producer on a queue of 4 (it waits for room), 8 blocking producers
// on an unbounded queue, and 8 non-blocking producers on a queue of 4 retrying on
// napi_queue_full. (Several blocking producers on a bounded queue can starve in node.)
const { addon, log } = require('../../common');
const stress = addon('stress');
const runs = [
  ['one blocking producer, queue 4', 1, 20000, true, 4],
  ['8 blocking producers, unbounded queue', 8, 5000, true, 0],
  ['8 non-blocking producers, queue 4', 8, 2000, false, 4],
];
const lines = new Map();
for (const [label, threads, calls, blocking, queueSize] of runs) {
  const total = threads * calls;
  stress.manyThreads(threads, calls, blocking, queueSize, (result) => {
    lines.set(label, `${label}: ${result.received === total} ${result.sum === (total * (total + 1)) / 2}`);
  });
}
process.on('exit', () => {
  for (const [label] of runs) log(lines.get(label) ?? `${label}: never finished`);
});
