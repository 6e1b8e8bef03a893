// Flags: --no-async-context-frame
// AsyncLocalStorage on async resources (node's storage before async context frames): stores
// follow timers, ticks and promises, enterWith() after an await stays in that continuation,
// exit() and disable() turn the storage off for a while, and a vm context's promises carry
// the store across an await too.
'use strict';
const { AsyncLocalStorage, executionAsyncResource } = require('async_hooks');
const vm = require('vm');

const storage = new AsyncLocalStorage({ defaultValue: 'default', name: 'on-resources' });
console.log(storage.name, storage.enabled, typeof storage.kResourceStore, storage.getStore());
storage.run('run', () => {
  console.log('run:', storage.getStore(), executionAsyncResource()[storage.kResourceStore]);
  setTimeout(() => console.log('timeout:', storage.getStore()), 1);
  process.nextTick(() => console.log('tick:', storage.getStore()));
  storage.exit(() => console.log('exit:', storage.getStore(), storage.enabled));
  console.log('after exit:', storage.getStore(), storage.enabled);
});
console.log('after run:', storage.getStore());

async function enterAfterAwait() {
  await 0;
  storage.enterWith('entered after await');
}
(async () => {
  await enterAfterAwait();
  console.log('caller after await:', storage.getStore());
  storage.disable();
  console.log('disabled:', storage.getStore(), storage.enabled);
  storage.enterWith('again');
  console.log('enabled again:', storage.getStore(), storage.enabled);
})();

const snapshot = storage.run('snapshot', () => AsyncLocalStorage.snapshot());
console.log('snapshot:', storage.run('other', () => snapshot(() => storage.getStore())));

const context = vm.createContext({ AsyncLocalStorage, console });
vm.runInContext(`
  const inVm = new AsyncLocalStorage();
  inVm.run('vm store', async () => {
    await 42;
    console.log('vm after await:', inVm.getStore());
  });
`, context);

try {
  new AsyncLocalStorage(null);
} catch (err) {
  console.log(err.code);
}
