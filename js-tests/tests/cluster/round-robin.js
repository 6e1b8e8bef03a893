// A cluster of two workers serving one port: with round-robin (the default on Linux) the
// primary accepts and hands each connection to the worker at the head of its free queue, so of
// four connections the first two always reach different workers; how the other two fall
// depends on when each worker's acknowledgement arrives, on node as on anode.
// Worker and cluster events in node's order per worker; disconnect then exit.
'use strict';
const cluster = require('cluster');
const net = require('net');

if (cluster.isPrimary) {
  console.log(cluster.isMaster, cluster.isWorker, cluster.schedulingPolicy === cluster.SCHED_RR);
  const perWorker = {};
  const note = (id, event) => (perWorker[id] ??= []).push(event);
  cluster.on('setup', (settings) => console.log(`setup ${typeof settings.exec}`));
  for (const event of ['fork', 'online', 'disconnect']) cluster.on(event, (worker) => note(worker.id, event));
  cluster.on('exit', (worker, code, signal) => note(worker.id, `exit ${code} ${signal} ${worker.exitedAfterDisconnect} ${worker.isDead()}`));
  cluster.on('message', (worker, message) => note(worker.id, `message ${message.hello}`));
  let listening = 0;
  cluster.on('listening', (worker, address) => {
    note(worker.id, `listening ${address.addressType} ${typeof address.port}`);
    if (++listening < 2) return;
    const replies = [];
    for (let i = 0; i < 4; i++) {
      const client = net.connect(address.port, '127.0.0.1');
      let reply = '';
      client.setEncoding('utf8');
      client.on('data', (chunk) => (reply += chunk));
      client.on('end', () => {
        replies.push(reply);
        if (replies.length < 4) return;
        console.log(replies.length, [...new Set(replies)].sort().join(' '));
        cluster.disconnect(() => {
          console.log(`disconnected, workers left: ${Object.keys(cluster.workers).length}`);
        });
      });
    }
  });
  const first = cluster.fork();
  cluster.fork();
  console.log(first.id, first.state, Object.keys(cluster.workers).join(','));
  process.on('exit', () => {
    for (const id of Object.keys(perWorker).sort()) console.log(`worker ${id}: ${perWorker[id].join(', ')}`);
  });
} else {
  process.send({ hello: cluster.worker.id });
  net.createServer((socket) => socket.end(`w${cluster.worker.id}`)).listen(0, '127.0.0.1');
}
