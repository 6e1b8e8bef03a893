// Process signal events: a listener hears its signal (name and number), several listeners
// and several signals, listening alone does not keep the process alive, removing the last
// listener gives the signal its default action back, SIGKILL cannot be listened for.
'use strict';
const { spawnSync } = require('child_process');

try {
  process.on('SIGKILL', () => {});
} catch (err) {
  console.log(err.message, err.code, err.errno, err.syscall);
}

const order = [];
process.on('SIGUSR2', (name, number) => order.push(`first ${name} ${number}`));
process.on('SIGUSR2', (name) => order.push(`second ${name}`));
process.once('SIGHUP', (name) => order.push(`once ${name}`));
process.kill(process.pid, 'SIGUSR2');
process.kill(process.pid, 'SIGHUP');
setTimeout(() => {
  console.log(order.sort().join(', '), process.listenerCount('SIGHUP'));
  process.removeAllListeners('SIGUSR2');
  for (const code of [
    "process.on('SIGTERM', () => {}); console.log('listening only')",
    "process.on('SIGINT', () => {}); process.removeAllListeners('SIGINT'); process.kill(process.pid, 'SIGINT'); setTimeout(() => console.log('not reached'), 500)",
    "process.on('SIGTERM', () => { console.log('caught'); process.exit(7) }); process.kill(process.pid, 'SIGTERM'); setInterval(() => {}, 1000)",
  ]) {
    const child = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    console.log(JSON.stringify(child.stdout), child.status, child.signal);
  }
}, 100);
