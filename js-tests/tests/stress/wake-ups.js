// The loop sleeps until something arrives and wakes for everything. First with nothing
// else to wake it: a worker's bursts of messages with idle gaps between them and fs
// requests finishing on other threads. Then timers due while a child process (whose pipes
// tokio drives) runs and the worker sends more. A lost wake-up hangs the test; a late one
// reorders the timers' output.
const { log } = require('../../common');
const { Worker } = require('worker_threads');
const { execFile } = require('child_process');
const fs = require('fs');

const bursts = 40;
const perBurst = 500;
const body = `
  const { parentPort } = require('worker_threads');
  const send = (round) => {
    let burst = 0;
    const next = () => {
      for (let i = 0; i < ${perBurst}; i++) parentPort.postMessage(burst * ${perBurst} + i);
      if (++burst < ${bursts}) setTimeout(next, burst % 4);
      else parentPort.postMessage('round ' + round + ' sent');
    };
    setTimeout(next, 20);
  };
  parentPort.on('message', send);
`;

const worker = new Worker(body, { eval: true });
const round = (number) => new Promise((resolve) => {
  let received = 0;
  let sum = 0;
  const onMessage = (value) => {
    if (typeof value === 'string') {
      const total = bursts * perBurst;
      worker.off('message', onMessage);
      resolve(`${value}: ${received} messages, sum ${sum === (total * (total - 1)) / 2 ? 'right' : 'wrong'}`);
      return;
    }
    received++;
    sum += value;
  };
  worker.on('message', onMessage);
  worker.postMessage(number);
});

const stats = () => {
  let done = 0;
  return Promise.all(Array.from({ length: 200 }, () => fs.promises.stat(__filename).then(() => done++))).then(() => `stats ${done}`);
};

const timers = () => new Promise((resolve) => {
  const fired = [];
  for (const delay of [30, 5, 20, 1, 10]) setTimeout(() => fired.push(delay), delay);
  setTimeout(() => resolve(`timers ${fired.join(' ')}`), 40);
});

const child = () => new Promise((resolve) => {
  execFile(process.execPath, ['-e', 'setTimeout(() => console.log("child done"), 15)'], (error, stdout) => {
    resolve(error ? error.message : stdout.trim());
  });
});

(async () => {
  log((await Promise.all([round(1), stats()])).join('\n'));
  log((await Promise.all([round(2), stats(), timers(), child()])).join('\n'));
  worker.unref();
})();
