// child_process: spawn with piped stdio, spawn errors, exec/execFile results and failures, kill, timeout, promisify, unref.
'use strict';
const cp = require('child_process');
const { promisify } = require('util');
const c = cp.spawn('/nonexistent', ['a']);
c.on('error', (e) => console.log('error', e.message, e.code, e.errno, e.syscall, e.path, e.spawnargs));
c.on('close', (a, b) => {
  console.log('close', a, b);
  const cat = cp.spawn('cat');
  const got = [];
  cat.stdout.on('data', (d) => got.push(d));
  cat.on('spawn', () => console.log('spawned', typeof cat.pid));
  cat.on('exit', (code, signal) => console.log('cat exit', code, signal));
  cat.on('close', (code) => {
    console.log('cat close', code, Buffer.concat(got).toString());
    cp.exec('echo hi; echo err >&2; exit 3', (e, o, s) => {
      console.log(e.message, e.code, e.killed, e.signal, e.cmd, JSON.stringify(o), JSON.stringify(s));
      cp.execFile('echo', ['a', 'b'], (e, o) => {
        console.log('execFile', e, JSON.stringify(o));
        const sleeper = cp.spawn('sleep', ['10']);
        sleeper.on('exit', (code, signal) => {
          console.log('killed', code, signal, sleeper.killed, sleeper.signalCode);
          promisify(cp.exec)('printf "%s" "$X"', { env: { X: 'from env' } }).then(({ stdout, stderr }) => {
            console.log('promisified', JSON.stringify(stdout), JSON.stringify(stderr));
            cp.exec('sleep 5', { timeout: 50 }, (e) => {
              console.log('timeout', e.killed, e.signal, e.code);
              const u = cp.spawn('sleep', ['5'], { stdio: 'ignore' });
              u.unref();
              console.log('unref: the process exits now', u.stdout);
            });
          }, (e) => console.log('rejected', e));
        });
        console.log(sleeper.kill(), sleeper.kill('SIGKILL'));
      });
    });
  });
  cat.stdin.write('hello ');
  cat.stdin.end('world');
});
