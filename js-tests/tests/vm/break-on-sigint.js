// vm's breakOnSigint: a SIGINT stops the running script with ERR_SCRIPT_EXECUTION_INTERRUPTED
// (a plain Error with a code, as node throws it from C++), 'SIGINT' listeners rest while it
// runs and hear later signals again; a timeout's error has the same shape.
'use strict';
const vm = require('vm');
const { spawn } = require('child_process');

if (process.argv[2] === 'child') {
  process.on('SIGINT', () => console.log('listener heard a later SIGINT'));
  console.log('ready');
  try {
    vm.runInThisContext('for (;;) {}', { breakOnSigint: true });
  } catch (err) {
    console.log(err.code, err.message, err.stack.split('\n')[0], Object.keys(err));
  }
  console.log('listeners', process.listenerCount('SIGINT'));
  try {
    vm.runInThisContext('for (;;) {}', { timeout: 20 });
  } catch (err) {
    console.log(err.code, err.stack.split('\n')[0]);
  }
  process.kill(process.pid, 'SIGINT');
  setTimeout(() => {}, 100);
} else {
  const child = spawn(process.execPath, [__filename, 'child']);
  child.stdout.setEncoding('utf8');
  let out = '';
  child.stdout.on('data', (data) => {
    out += data;
    if (data.includes('ready')) setTimeout(() => child.kill('SIGINT'), 300);
  });
  child.on('exit', (code, signal) => console.log(out, code, signal));
}
