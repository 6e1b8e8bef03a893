// A Unix-domain socket server: address() is its path, the path exists while it listens and
// is unlinked on close; with allowHalfOpen the server still writes after the client's end.
'use strict';
const net = require('net');
const fs = require('fs');
const os = require('os');
const path = require('path');

const socketPath = path.join(os.tmpdir(), `js-tests-net-${process.pid}.sock`);
const serverLog = [];
const clientLog = [];
process.on('exit', () => console.log(`server:\n  ${serverLog.join('\n  ')}\nclient:\n  ${clientLog.join('\n  ')}`));

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  serverLog.push(`connection remoteAddress=${socket.remoteAddress} address=${JSON.stringify(socket.address())}`);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (data) => { received += data; });
  socket.on('end', () => {
    serverLog.push(`end received=${received} writable=${socket.writable}`);
    socket.end('written after the client ended');
  });
  socket.on('close', () => {
    serverLog.push('close');
    server.close(() => serverLog.push(`closed, path exists=${fs.existsSync(socketPath)}`));
  });
});
server.listen(socketPath, () => {
  serverLog.push(`listening address=${server.address() === socketPath} exists=${fs.existsSync(socketPath)}`);
  const client = net.connect({ path: socketPath, allowHalfOpen: true }, () => {
    clientLog.push('connect');
    client.end('half');
  });
  client.setEncoding('utf8');
  client.on('data', (data) => clientLog.push(`data ${data}`));
  client.on('end', () => clientLog.push('end'));
  client.on('close', (hadError) => clientLog.push(`close ${hadError}`));
});
