// Work off the JS thread through #[napi] (addons/tasks): an AsyncTask's promise, async fns
// on the addon's tokio runtime (resolve and reject), and ThreadsafeFunctions called from
// many Rust threads (every call arrives, then the error) and with the Fatal strategy.
const { addon } = require('../../common');
const tasks = addon('tasks');

async function main() {
  console.log(await tasks.countPrimes(100000));
  await tasks.countPrimes(1e9).catch((error) => console.log('rejected', error.constructor.name, error.code, error.message));
  console.log(await tasks.greetLater('anode', 20));
  await tasks.failLater('too late').catch((error) => console.log('rejected', error.code, error.message));
  const pending = tasks.greetLater('x', 1);
  console.log(pending instanceof Promise);
  await pending;

  const received = [];
  const finished = new Promise((resolve) => {
    tasks.reportFromThreads(8, 250, (error, value) => {
      if (error) resolve(error);
      else received.push(value);
    });
  });
  const done = await finished;
  received.sort((a, b) => a - b);
  console.log(done.code, done.message, received.length, received.every((value, index) => value === index));
  console.log(await new Promise((resolve) => tasks.sendFromThread('fatal strategy', (...args) => resolve(args))));
}
main();
