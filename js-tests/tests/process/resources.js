// cpuUsage/threadCpuUsage and their argument checks, memory limits, kill's arguments,
// process.ref/unref, getBuiltinModule, process.finalization, and TZ changes reaching Date.
const assert = require('assert');
const { spawnSync } = require('child_process');

for (const value of [1, { user: 'a', system: 1 }, { user: 1, system: null }, { user: -1, system: 0 }, { user: 1, system: Infinity }]) {
  for (const fn of [process.cpuUsage, process.threadCpuUsage]) {
    try {
      fn(value);
    } catch (err) {
      console.log(fn.name, err.name, err.code, err.message);
    }
  }
}
const thread = process.threadCpuUsage();
console.log(Number.isFinite(thread.user), thread.system >= 0, process.threadCpuUsage(thread).user >= 0);
console.log(typeof process.availableMemory(), process.availableMemory() > 0, typeof process.constrainedMemory());

for (const [pid, signal] of [['x', 0], [null, 0], [0, 'SIGNOPE']]) {
  try {
    process.kill(pid, signal);
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
try {
  process.kill(0, 987);
} catch (err) {
  console.log(err.code, err.syscall, err.message, err.errno);
}

const calls = [];
process.ref({ ref: () => calls.push('ref'), [Symbol.for('nodejs.ref')]: () => calls.push('symbol ref') });
process.unref({ unref: () => calls.push('unref') });
process.ref(null);
const interval = setInterval(() => {}, 1000);
process.unref(interval);
calls.push(interval.hasRef());
clearInterval(interval);
console.log(calls);

console.log(process.getBuiltinModule('fs') === require('fs'), process.getBuiltinModule('node:test') === require('node:test'),
  process.getBuiltinModule('test'), process.getBuiltinModule('internal/util'));
assert.throws(() => process.getBuiltinModule(1), { code: 'ERR_INVALID_ARG_TYPE' });

const date = new Date('2018-04-14T12:34:56.789Z');
process.env.TZ = 'Europe/Amsterdam';
console.log(date.getHours());
process.env.TZ = 'Etc/UTC';
console.log(date.getHours());
assert.throws(() => Object.defineProperty(process.env, 'X', { get() {} }), { code: 'ERR_INVALID_OBJECT_DEFINE_PROPERTY' });
console.log(process.env.hasOwnProperty === Object.prototype.hasOwnProperty);

const finalization = spawnSync(process.execPath, ['--no-warnings', '-e', `
  const kept = { name: 'kept' };
  const dropped = { name: 'dropped' };
  process.finalization.register(kept, (obj, event) => console.log('exit', obj.name, event));
  process.finalization.register(dropped, (obj) => console.log('never', obj.name));
  process.finalization.unregister(dropped);
  process.on('exit', () => console.log('listener after'));
`], { encoding: 'utf8' });
console.log(finalization.stdout);
