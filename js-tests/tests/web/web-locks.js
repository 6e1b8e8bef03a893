// navigator.locks: argument errors, exclusive and shared grants in order, ifAvailable,
// steal, a queued request's abort, query(), and a lock held by a worker.
'use strict';
const { Worker } = require('worker_threads');

const { locks } = navigator;
const log = (...args) => console.log(...args);

(async () => {
  log(locks, Object.prototype.toString.call(locks), locks === navigator.locks);
  for (const [name, options, callback] of [[1, {}, 1], ['-x', {}, () => {}], ['a', { mode: 'x' }, () => {}],
    ['a', { steal: true, ifAvailable: true }, () => {}], ['a', { steal: true, mode: 'shared' }, () => {}],
    ['a', { signal: AbortSignal.abort(), steal: true }, () => {}], ['a', { signal: AbortSignal.abort() }, () => {}],
    ['a', { signal: new AbortController().signal, ifAvailable: true }, () => {}], ['a', { signal: 1 }, () => {}]]) {
    await locks.request(name, options, callback).catch((err) => log(JSON.stringify(name), err.name, err.code, err.message));
  }
  await locks.request('a').catch((err) => log('no callback', err.name, err.code, err.message));

  const order = [];
  const first = locks.request('r', async (lock) => {
    log('first', lock, lock.name, lock.mode, Object.keys(Object.getPrototypeOf(lock)));
    const state = await locks.query();
    log(state.held.map(({ name, mode }) => `${name}:${mode}`));
    log(await locks.request('r', { ifAvailable: true }, (nothing) => nothing));
    order.push('first');
    return 'first done';
  });
  const shared1 = locks.request('r', { mode: 'shared' }, async () => {
    order.push('shared1');
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
  const shared2 = locks.request('r', { mode: 'shared' }, () => order.push('shared2'));
  const controller = new AbortController();
  const aborted = locks.request('r', { signal: controller.signal }, () => order.push('never'))
    .catch((err) => err.message);
  controller.abort(new Error('gave up'));
  log(await first, await shared1, await shared2, await aborted, order);

  const held = locks.request('s', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return 'held done';
  }).catch((err) => `held: ${err.name} ${err.message}`);
  const stealer = await locks.request('s', { steal: true }, (lock) => `stole ${lock.name}`);
  log(stealer, await held);

  const worker = new Worker(`
    const { parentPort } = require('worker_threads');
    navigator.locks.request('w', async () => {
      parentPort.postMessage('held');
      await new Promise((resolve) => parentPort.once('message', resolve));
    });
  `, { eval: true });
  await new Promise((resolve) => worker.once('message', resolve));
  log('from main', await locks.request('w', { ifAvailable: true }, (lock) => lock));
  const state = await locks.query();
  log(state.held.filter((lock) => lock.name === 'w').map(({ mode, clientId }) => [mode, clientId === `node-${process.pid}-0`]));
  const waited = locks.request('w', () => 'after worker');
  worker.postMessage('release');
  log(await waited);
  await worker.terminate();
})();
