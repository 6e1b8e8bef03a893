// A net.Socket the parent accepted, passed to a child, which writes the reply on it; and the
// IPC errors node gives for bad handles and a closed channel.
'use strict';
const { fork } = require('child_process');
const net = require('net');

if (process.argv[2] === 'child') {
  process.on('message', (message, socket) => {
    socket.end(`child ${message} ${socket instanceof net.Socket}`);
    process.disconnect();
  });
} else {
  const child = fork(__filename, ['child']);
  try {
    child.send('x', {});
  } catch (err) {
    console.log(`${err.name} ${err.code} ${err.message}`);
  }
  try {
    child.send(undefined);
  } catch (err) {
    console.log(`${err.name} ${err.code} ${err.message}`);
  }
  const server = net.createServer((socket) => {
    child.send('took it', socket);
    server.close();
  });
  server.listen(0, '127.0.0.1', () => {
    const client = net.connect(server.address().port, '127.0.0.1');
    let reply = '';
    client.setEncoding('utf8');
    client.on('data', (chunk) => (reply += chunk));
    client.on('end', () => console.log(`client: ${reply}`));
  });
  child.on('exit', (code) => {
    console.log(`exit ${code} connected=${child.connected}`);
    child.send('late', (err) => console.log(`late send: ${err.code} ${err.message}`));
  });
}
