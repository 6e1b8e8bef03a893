// Start/stop churn: 200 workers, four at a time, each loading the stress addon and holding
// references, a wrap, an added finalizer, instance data, a threadsafe function two native
// threads keep calling, and async work in flight; every other one is terminated as soon as
// it says so. Every env's five finalizers run once, the joined producer threads end on
// napi_closing (no thread crashes calling into a closing env), and every env's memory is
// freed: the RSS after the last worker is within a bound of the RSS after the first 40 (a
// leak of an env per worker grows it by ~1 MB a worker).
const { Worker } = require('worker_threads');
const { addon, addonPath, log } = require('../../common');

const stress = addon('stress');
const body = `
  const { parentPort, workerData } = require('worker_threads');
  require(workerData).holdEverything();
  parentPort.postMessage('holding');
`;
const TOTAL = 200;
const WARM_UP = 40;
const AT_ONCE = 4;
const BOUND_MB = 24;

const runOne = (index) => new Promise((resolve) => {
  const worker = new Worker(body, { eval: true, workerData: addonPath('stress') });
  worker.on('message', () => {
    if (index % 2 === 1) worker.terminate();
  });
  worker.on('error', (err) => log(`worker ${index}: ${err.message}`));
  worker.on('exit', resolve);
});

async function main() {
  let started = 0;
  let warmRss = 0;
  const lane = async () => {
    while (started < TOTAL) {
      const index = started++;
      await runOne(index);
      if (index === WARM_UP - 1) {
        globalThis.gc?.();
        warmRss = process.memoryUsage.rss();
      }
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, lane));
  const grownMb = (process.memoryUsage.rss() - warmRss) / 1048576;
  log(`finalizers run: ${stress.finalizedTotal()} of ${TOTAL * 5}`);
  log(`joined producers told napi_closing: ${stress.closingSeen()} of ${TOTAL}`);
  log(`RSS grew less than ${BOUND_MB} MB over ${TOTAL - WARM_UP} workers: ${grownMb < BOUND_MB}`);
  if (process.env.CHURN_VERBOSE) console.error(`grew ${grownMb.toFixed(1)} MB`);
}
main();
