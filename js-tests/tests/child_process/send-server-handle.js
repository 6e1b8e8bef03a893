// A net.Server passed to a forked child (its listening socket goes over the IPC channel with
// SCM_RIGHTS): the child accepts a connection on it and answers; the parent, having closed its
// own copy, still reaches the child's. The send callback, 'message' with the handle, and exit.
'use strict';
const { fork } = require('child_process');
const net = require('net');

if (process.argv[2] === 'child') {
  process.on('message', (message, server) => {
    console.log(`child: ${message} ${server instanceof net.Server} listening=${server.listening}`);
    server.on('connection', (socket) => {
      socket.end(`answer from the child's accept\n`);
      server.close(() => process.disconnect());
    });
    process.send('ready');
  });
} else {
  const child = fork(__filename, ['child']);
  const server = net.createServer(() => console.log('parent: unexpected connection'));
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    child.send('server', server, (err) => console.log(`parent: sent ${err}`));
    child.once('message', (message) => {
      console.log(`parent: child says ${message}`);
      server.close();
      const client = net.connect(port, '127.0.0.1');
      client.setEncoding('utf8');
      let answer = '';
      client.on('data', (chunk) => (answer += chunk));
      client.on('end', () => console.log(`parent: got ${answer.trim()}`));
    });
  });
  child.on('exit', (code, signal) => console.log(`parent: child exit ${code} ${signal}`));
}
