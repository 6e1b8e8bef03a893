// A spawned child's stdio are net.Sockets over socket pairs as in node: setEncoding,
// pause/resume, an extra pipe at fd 3, and 'exit' before 'close' once the streams end.
'use strict';
const { spawn } = require('child_process');
const net = require('net');

const child = spawn('sh', ['-c', 'read line; echo "got $line"; echo oops >&2; echo extra >&3'], {
  stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
});
const log = [];
console.log(child.stdout instanceof net.Socket, child.stdin instanceof net.Socket, child.stdio.length,
  child.stdio[3] instanceof net.Socket, child.stdin.readable, child.stdout.readable);
child.stdout.setEncoding('utf8');
child.stdout.pause();
let out = '';
child.stdout.on('data', (chunk) => (out += chunk));
setTimeout(() => child.stdout.resume(), 50);
child.stderr.on('data', (chunk) => log.push(`stderr ${String(chunk).trim()}`));
child.stdio[3].on('data', (chunk) => log.push(`fd3 ${String(chunk).trim()}`));
child.stdout.on('close', () => log.push('stdout close'));
child.on('exit', (code, signal) => log.push(`exit ${code} ${signal}`));
// The two children end in either order: the report prints once both have.
let pending = 2;
const reports = [];
const report = (lines) => {
  reports.push(...lines);
  if (--pending === 0) for (const line of reports.sort()) console.log(line);
};
child.on('close', (code, signal) => {
  log.push(`close ${code} ${signal}`);
  log.push(`stdout ${out.trim()}`);
  // 'exit' first, 'close' last; the streams' order between them may vary.
  report([`${log[log.length - 2].startsWith('close')} ${log.indexOf('exit 0 null') < log.indexOf('close 0 null')}`,
    log.filter((entry) => !entry.startsWith('exit') && !entry.startsWith('close') && entry !== 'stdout close').sort().join('\n')]);
});
child.stdin.end('hello\n');

const killed = spawn('sleep', ['10']);
killed.on('exit', (code, signal) => report([`killed: ${code} ${signal} ${killed.killed}`]));
console.log(killed.kill(), killed.kill('SIGKILL') === true);
