// The same cluster with SCHED_NONE: the primary gives both workers its listening socket and
// they accept on it themselves; every connection is answered by one of them.
'use strict';
const cluster = require('cluster');
cluster.schedulingPolicy = cluster.SCHED_NONE;
const net = require('net');

if (cluster.isPrimary) {
  console.log(cluster.isMaster, cluster.isWorker, cluster.schedulingPolicy === cluster.SCHED_NONE);
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
        console.log(replies.every((reply) => reply === 'w1' || reply === 'w2'));
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
