// A callback's uncaught exception: the 'uncaughtException' listener runs in the callback's
// async scope (its id and AsyncLocalStorage store), and its after hook runs once handled.
'use strict';
const async_hooks = require('async_hooks');
const { AsyncLocalStorage } = async_hooks;
const storage = new AsyncLocalStorage();
const log = [];
let timerId;
async_hooks.createHook({
  init(id, type) { if (type === 'Timeout' && timerId === undefined) timerId = id; },
  before(id) { if (id === timerId) log.push('before'); },
  after(id) { if (id === timerId) log.push('after'); },
}).enable();

process.on('uncaughtException', (err) => {
  log.push(`handler ${err.message} in timer: ${async_hooks.executionAsyncId() === timerId} store: ${storage.getStore()}`);
});
storage.run('store', () => setTimeout(() => { throw new Error('boom'); }, 1));
const resource = new async_hooks.AsyncResource('custom');
try {
  resource.runInAsyncScope(() => { throw new Error('caught'); });
} catch (err) {
  log.push(`caught ${err.message} at ${async_hooks.executionAsyncId()}`);
}
setTimeout(() => console.log(log.join('\n')), 20);
