// dgram in cluster workers: a non-exclusive bind goes through the primary, which binds the
// socket once and hands every worker the same one; exclusive binds stay the worker's own.
'use strict';
const cluster = require('cluster');
const dgram = require('dgram');

if (cluster.isPrimary) {
  const ports = [];
  let listening = 0;
  cluster.on('listening', (worker, address) => {
    ports.push(address.port);
    if (++listening < 2) return;
    console.log('two workers, one port:', ports[0] === ports[1], address.addressType);
    const sender = dgram.createSocket('udp4');
    sender.send('ping', address.port, '127.0.0.1', () => sender.close());
  });
  cluster.on('message', (worker, message) => {
    console.log('a worker got', message);
    for (const id in cluster.workers) cluster.workers[id].disconnect();
  });
  cluster.on('exit', (worker, code) => console.log('worker exit', code));
  cluster.fork();
  cluster.fork();
} else {
  const exclusive = dgram.createSocket('udp4');
  exclusive.bind({ port: 0, exclusive: true }, () => {
    const shared = dgram.createSocket('udp4');
    shared.on('message', (data) => process.send(data.toString()));
    shared.bind(0, () => exclusive.close());
  });
}
