// process.getActiveResourcesInfo(), _getActiveHandles() and _getActiveRequests(): requests,
// then refed handles, then timeouts and immediates, as node lists them; unref'd ones drop out,
// a timeout counts until its callback returns, and one its callback refreshes runs again. A
// closed handle is gone once the loop has passed its close phase (the next timers phase).
'use strict';
const fs = require('fs');
const net = require('net');
const dgram = require('dgram');
const { spawn } = require('child_process');

const info = () => process.getActiveResourcesInfo();
const count = (name) => info().filter((type) => type === name).length;
console.log('start', JSON.stringify(info()));

const timeout = setTimeout(() => {}, 1000);
const immediate = setImmediate(() => {});
console.log('timers', JSON.stringify(info()));
timeout.unref();
immediate.unref();
console.log('unref', JSON.stringify(info()));
timeout.ref();
clearTimeout(timeout);
clearImmediate(immediate);
console.log('cleared', JSON.stringify(info()));

let runs = 0;
const rearmed = setTimeout(() => {
  console.log('in callback', runs, count('Timeout'));
  if (++runs < 2) rearmed.refresh();
  else step2();
}, 1);

function step2() {
  setImmediate(() => {
    console.log('in immediate', count('Immediate'));
    fs.stat(__filename, () => {});
    fs.promises.stat(__filename).then(() => {});
    console.log('requests', JSON.stringify(info().filter((t) => t.startsWith('FSReq'))));
    console.log('_getActiveRequests', process._getActiveRequests().length);
    step3();
  });
}

function step3() {
  const server = net.createServer((socket) => socket.end());
  server.listen(0, '127.0.0.1', () => {
    const client = net.connect(server.address().port, '127.0.0.1', () => {
      const handles = process._getActiveHandles();
      console.log('handles include server and client', handles.includes(server), handles.includes(client));
      console.log('tcp', count('TCPServerWrap'), count('TCPSocketWrap') >= 1);
      server.unref();
      console.log('server unref', count('TCPServerWrap'));
      client.destroy();
      server.close(step4);
    });
  });
}

function step4() {
  const socket = dgram.createSocket('udp4');
  console.log('udp', count('UDPWrap'));
  socket.unref();
  console.log('udp unref', count('UDPWrap'));
  socket.close();
  const watcher = fs.watch(__dirname);
  console.log('watch', count('FSEventWrap'), process._getActiveHandles().includes(watcher));
  watcher.close();
  setTimeout(() => console.log('watch closed', count('FSEventWrap')), 0);
  const child = spawn(process.execPath, ['-e', '0']);
  console.log('child', count('ProcessWrap'), process._getActiveHandles().includes(child));
  child.unref();
  console.log('child unref', count('ProcessWrap'));
  child.ref();
  child.on('exit', () => setTimeout(() => console.log('child exited', count('ProcessWrap')), 0));
}
