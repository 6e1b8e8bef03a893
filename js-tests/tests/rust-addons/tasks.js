// Work off the JS thread through #[napi] (addons/tasks): an AsyncTask's promise (also started with Env::spawn), async fns
// on the addon's tokio runtime (resolve and reject), and ThreadsafeFunctions called from
// many Rust threads (every call arrives, then the error) and with the Fatal strategy.
const fs = require('fs');
const path = require('path');
const { addon, addonPath, log } = require('../../common');
const tasks = addon('tasks');

// index.d.ts types an AsyncTask's promise with its task's JsValue (from `#[napi] impl Task`).
const declarations = fs.readFileSync(path.join(path.dirname(addonPath('tasks')), 'index.d.ts'), 'utf8');
log(declarations.split('\n').filter((line) => line.includes('countPrimes')));

async function main() {
  log(await tasks.countPrimes(100000));
  log(await new Promise((resolve) => tasks.spawnCountPrimes(1000, resolve)));
  await tasks.countPrimes(1e9).catch((error) => log('rejected', error.constructor.name, error.code, error.message));
  log(await tasks.greetLater('anode', 20));
  await tasks.failLater('too late').catch((error) => log('rejected', error.code, error.message));
  const pending = tasks.greetLater('x', 1);
  log(pending instanceof Promise);
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
  log(done.code, done.message, received.length, received.every((value, index) => value === index));
  log(await new Promise((resolve) => tasks.sendFromThread('fatal strategy', (...args) => resolve(args))));

  // JS promises awaited in Rust.
  const later = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));
  log(await tasks.addWhenReady(later(40), 2), await tasks.bigintWhenReady(Promise.resolve(-(2n ** 40n))));
  const rejection = Object.assign(new Error('upstream failed'), { code: 'E_UPSTREAM' });
  for (const attempt of [
    () => tasks.addWhenReady(Promise.reject(rejection), 1),
    () => tasks.addWhenReady(Promise.reject('plain reason'), 1),
    () => tasks.addWhenReady(later('not a number'), 1),
    () => tasks.bigintWhenReady(Promise.resolve(2n ** 70n)),
  ]) {
    await attempt().then((value) => log('resolved', value), (error) => log('rejected', error.code, error.message));
  }
  try {
    tasks.addWhenReady(42, 1);
  } catch (error) {
    log(error.constructor.name, error.message);
  }
}
main();
