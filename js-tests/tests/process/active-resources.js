// process.getActiveResourcesInfo(), _getActiveHandles() and _getActiveRequests(): requests,
// then refed handles, then timeouts and immediates, as node lists them; unref'd ones drop out,
// a timeout counts until its callback returns, and one its callback refreshes runs again. A
// closed handle is gone once the loop has passed its close phase (the next timers phase).
// Lines are printed at exit: node's process.stdout on a pipe is itself an active handle.
'use strict';
const fs = require('fs');
const net = require('net');
const dgram = require('dgram');
const { spawn } = require('child_process');

const lines = [];
const log = (...args) => lines.push(args.join(' '));
process.on('exit', () => console.log(lines.join('\n')));
const info = () => process.getActiveResourcesInfo();
const count = (name) => info().filter((type) => type === name).length;
log('start', JSON.stringify(info()));

const timeout = setTimeout(() => {}, 1000);
const immediate = setImmediate(() => {});
log('timers', JSON.stringify(info()));
timeout.unref();
immediate.unref();
log('unref', JSON.stringify(info()));
timeout.ref();
clearTimeout(timeout);
clearImmediate(immediate);
log('cleared', JSON.stringify(info()));

let runs = 0;
const rearmed = setTimeout(() => {
  log('in callback', runs, count('Timeout'));
  if (++runs < 2) rearmed.refresh();
  else step2();
}, 1);

function step2() {
  setImmediate(() => {
    log('in immediate', count('Immediate'));
    fs.stat(__filename, () => {});
    fs.promises.stat(__filename).then(() => {});
    log('requests', JSON.stringify(info().filter((t) => t.startsWith('FSReq'))));
    log('_getActiveRequests', process._getActiveRequests().length);
    step3();
  });
}

function step3() {
  const server = net.createServer((socket) => socket.end());
  server.listen(0, '127.0.0.1', () => {
    const client = net.connect(server.address().port, '127.0.0.1', () => {
      const handles = process._getActiveHandles();
      log('handles include server and client', handles.includes(server), handles.includes(client));
      log('tcp', count('TCPServerWrap'), count('TCPSocketWrap') >= 1);
      server.unref();
      log('server unref', count('TCPServerWrap'));
      client.destroy();
      server.close(step4);
    });
  });
}

function step4() {
  const socket = dgram.createSocket('udp4');
  log('udp', count('UDPWrap'));
  socket.unref();
  log('udp unref', count('UDPWrap'));
  socket.close();
  const watcher = fs.watch(__dirname);
  log('watch', count('FSEventWrap'), process._getActiveHandles().includes(watcher));
  watcher.close();
  setTimeout(() => log('watch closed', count('FSEventWrap')), 0);
  const child = spawn(process.execPath, ['-e', '0']);
  log('child', count('ProcessWrap'), process._getActiveHandles().includes(child));
  child.unref();
  log('child unref', count('ProcessWrap'));
  child.ref();
  child.on('exit', () => setTimeout(() => log('child exited', count('ProcessWrap')), 0));
}
