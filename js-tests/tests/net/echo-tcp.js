// An echo server and client on 127.0.0.1 with an ephemeral port: events in node's order on
// each side, addresses, readyState, byte counts, and the server's close after its last connection.
'use strict';
const net = require('net');

const serverLog = [];
const clientLog = [];
process.on('exit', () => console.log(`server:\n  ${serverLog.join('\n  ')}\nclient:\n  ${clientLog.join('\n  ')}`));

const server = net.createServer((socket) => {
  serverLog.push(`connection ${socket.remoteAddress} ${socket.remoteFamily} ${socket.localPort === server.address().port}`);
  socket.on('data', (chunk) => {
    serverLog.push(`data ${chunk}`);
    socket.write(String(chunk).toUpperCase());
  });
  socket.on('end', () => serverLog.push(`end writable=${socket.writable}`));
  socket.on('finish', () => serverLog.push('finish'));
  socket.on('close', (hadError) => {
    serverLog.push(`close ${hadError} read=${socket.bytesRead} written=${socket.bytesWritten}`);
    server.getConnections((err, count) => serverLog.push(`connections ${err} ${count}`));
  });
});
server.on('listening', () => serverLog.push('listening'));
server.on('close', () => serverLog.push('server close'));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  serverLog.push(`address ${address.family} ${address.address} ${typeof address.port}`);
  const client = net.connect({ port: address.port, host: '127.0.0.1' });
  clientLog.push(`connecting=${client.connecting} pending=${client.pending} readyState=${client.readyState}`);
  client.on('connect', () => {
    clientLog.push(`connect readyState=${client.readyState} remote=${client.remoteAddress}:${client.remotePort === address.port} local=${client.localAddress}`);
  });
  client.on('ready', () => clientLog.push('ready'));
  client.setEncoding('utf8');
  let received = '';
  client.on('data', (data) => {
    received += data;
    if (received === 'HELLO WORLD') client.end();
  });
  client.on('end', () => clientLog.push(`end received=${received}`));
  client.on('finish', () => clientLog.push('finish'));
  client.on('close', (hadError) => {
    clientLog.push(`close ${hadError} read=${client.bytesRead} written=${client.bytesWritten} readyState=${client.readyState}`);
    server.close(() => serverLog.push('close callback'));
  });
  client.write('hello ');
  client.write('world');
});
