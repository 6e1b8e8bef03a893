// AsyncLocalStorage as node 24 has it (on async context frames): run() and exit() put back
// only their own store, enterWith() inside run() outlives it, defaultValue and name, disable().
'use strict';
const { AsyncLocalStorage } = require('async_hooks');

const first = new AsyncLocalStorage();
const second = new AsyncLocalStorage({ defaultValue: 'default', name: 'second' });
console.log(first.name === '', second.name, second.getStore());
first.run('a', () => {
  second.enterWith('entered');
  console.log(first.getStore(), second.getStore());
  first.exit(() => console.log('exit:', first.getStore(), second.getStore()));
});
console.log('after run:', first.getStore(), second.getStore());
second.run(undefined, () => console.log('run(undefined):', second.getStore()));
console.log('after run(undefined):', second.getStore());
second.disable();
console.log('disabled:', second.getStore());

const snapshot = first.run('snap', () => AsyncLocalStorage.snapshot());
console.log('snapshot:', snapshot(() => first.getStore()), first.getStore());
first.run('timer', () => setTimeout(() => console.log('timeout:', first.getStore()), 1));
first.run('promise', async () => {
  await null;
  console.log('await:', first.getStore());
});
try {
  new AsyncLocalStorage(1);
} catch (err) {
  console.log(err.code, err.message);
}
