'use strict';
// v8.promiseHooks: init (with the parent promise), before, after and settled, several hooks
// per kind, stop functions, and hook exceptions as uncaught exceptions.
const { promiseHooks } = require('v8');

const events = [];
const ids = new Map();
const id = (promise) => {
  if (!ids.has(promise)) ids.set(promise, ids.size);
  return ids.get(promise);
};
const stop = promiseHooks.createHook({
  init(promise, parent) {
    events.push(`init ${id(promise)} ${parent === undefined ? '-' : id(parent)}`);
  },
  before(promise) {
    events.push(`before ${id(promise)}`);
  },
  after(promise) {
    events.push(`after ${id(promise)}`);
  },
  settled(promise) {
    events.push(`settled ${id(promise)}`);
  },
});
const stopSecond = promiseHooks.onInit(() => events.push('second init'));
process.on('uncaughtException', (err) => console.log('uncaught', err.message));
Promise.resolve(1).then((value) => value + 1).then(async () => {
  stop();
  stopSecond();
  console.log(events.join('\n'));
  const stopThrowing = promiseHooks.onSettled(() => {
    stopThrowing();
    throw new Error('from a hook');
  });
  Promise.resolve();
  for (const bad of [async () => {}, async function* generator() {}, 1]) {
    try {
      promiseHooks.onInit(bad);
    } catch (err) {
      console.log(err.code, err.message.split('.')[0]);
    }
  }
});
