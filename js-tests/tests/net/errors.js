// Failures as node reports them: a refused connect, a missing Unix socket, a port in use,
// a name that does not resolve, and bad arguments.
'use strict';
const net = require('net');
const fs = require('fs');

function show(label, err) {
  const fields = Object.keys(err).map((key) => `${key}=${err[key]}`).join(' ');
  console.log(`${label}: ${err.name}: ${err.message} | ${fields}`);
}

function attempt(label, fn) {
  try {
    fn();
    console.log(`${label}: no error`);
  } catch (err) {
    show(label, err);
  }
}

attempt('port 70000', () => net.connect(70000));
attempt('port -1', () => net.connect({ port: -1 }));
attempt('port true', () => net.connect({ port: true }));
attempt('path 5', () => net.connect({ path: 5 }));
attempt('localAddress', () => net.connect({ port: 80, localAddress: 'nope' }));
attempt('listen twice', () => {
  const server = net.createServer().listen(0);
  try { server.listen(0); } finally { server.close(); }
});
attempt('file fd', () => new net.Socket({ fd: fs.openSync(__filename, 'r') }));
attempt('setTimeout', () => new net.Socket().setTimeout(-1));

const steps = [
  (next) => {
    // A port nothing listens on: bind one, note it, close it.
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => {
        const socket = net.connect(port, '127.0.0.1');
        socket.on('error', (err) => show('refused', { ...err, message: err.message.replace(String(port), 'PORT'), port: 'PORT', name: err.name }));
        socket.on('close', (hadError) => { console.log(`refused close ${hadError} destroyed=${socket.destroyed}`); next(); });
      });
    });
  },
  (next) => {
    const socket = net.connect('/nonexistent-dir/x.sock');
    socket.on('error', (err) => show('no socket', err));
    socket.on('close', next);
  },
  (next) => {
    const first = net.createServer().listen(0, () => {
      const { port } = first.address();
      const second = net.createServer().listen(port);
      second.on('error', (err) => {
        show('in use', { ...err, message: err.message.replace(String(port), 'PORT'), port: 'PORT', name: err.name });
        first.close(next);
      });
    });
  },
  (next) => {
    const socket = net.connect(80, 'nonexistent.invalid');
    socket.on('lookup', (err, address, family, host) => console.log(`lookup ${err.code} ${address} ${family} ${host}`));
    socket.on('error', (err) => show('not found', err));
    socket.on('close', next);
  },
];
(function run() {
  const step = steps.shift();
  if (step) step(run);
})();
