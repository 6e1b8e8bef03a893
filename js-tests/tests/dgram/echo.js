// dgram: an echo over 127.0.0.1 (bind, message/rinfo, send forms and callbacks, connect,
// remoteAddress, disconnect, address, buffer sizes, close) and IPv6 loopback.
'use strict';
const dgram = require('dgram');
const assert = require('assert');

const server = dgram.createSocket('udp4');
const serverLog = [];
server.on('message', (msg, rinfo) => {
  serverLog.push(['server got', JSON.stringify(msg.toString()), rinfo.family, typeof rinfo.port, rinfo.size, rinfo.address].join(' '));
  server.send(msg, rinfo.port, rinfo.address);
});
server.on('listening', () => {
  const { address, family, port } = server.address();
  console.log('listening', address, family, port > 0);
  const client = dgram.createSocket({ type: 'udp4' });
  const replies = [];
  client.on('message', (msg) => {
    replies.push(msg.toString());
    if (replies.length === 4) {
      console.log(serverLog.join('\n'));
      console.log('replies', replies.sort());
      connected(client, port);
    }
  });
  const sends = [
    (next) => client.send('one', port, '127.0.0.1', next),
    (next) => client.send(Buffer.from('xxtwoxx'), 2, 3, port, 'localhost', next),
    (next) => client.send(['thr', Buffer.from('ee')], port, next),
    (next) => { client.send(new Uint8Array([102, 111, 117, 114]), port); next(null, 'no callback'); },
  ];
  const sendNext = () => sends.shift()?.((err, bytes) => {
    console.log('sent', err, bytes);
    sendNext();
  });
  sendNext();
});
server.bind(0, '127.0.0.1');

function connected(client, port) {
  client.close(() => console.log('client closed'));
  const socket = dgram.createSocket('udp4');
  socket.connect(port, (err) => {
    console.log('connect callback', err);
    const remote = socket.remoteAddress();
    console.log('remote', remote.address, remote.family, remote.port === port);
    assert.throws(() => socket.send('x', 0, 1, port), { code: 'ERR_SOCKET_DGRAM_IS_CONNECTED' });
    assert.throws(() => socket.connect(port), { code: 'ERR_SOCKET_DGRAM_IS_CONNECTED' });
    console.log('recv buffer > 0', socket.getRecvBufferSize() > 0, 'send buffer > 0', socket.getSendBufferSize() > 0);
    socket.setRecvBufferSize(16384);
    console.log('queue', socket.getSendQueueSize(), socket.getSendQueueCount());
    socket.once('message', (msg) => {
      console.log(serverLog.slice(4).join('\n'));
      console.log('connected reply', msg.toString());
      socket.disconnect();
      assert.throws(() => socket.remoteAddress(), { code: 'ERR_SOCKET_DGRAM_NOT_CONNECTED' });
      socket.close();
      server.close(() => {
        console.log('server closed');
        ipv6();
      });
    });
    socket.send('connected', (err, bytes) => console.log('sent connected', err, bytes));
  });
  socket.on('connect', () => console.log('connect event'));
}

function ipv6() {
  const a = dgram.createSocket('udp6');
  a.bind(0, '::1', () => {
    const b = dgram.createSocket('udp6');
    a.on('message', (msg, rinfo) => {
      console.log('v6 got', msg.toString(), rinfo.family, rinfo.address);
      a.close();
      b.close();
    });
    b.send('six', a.address().port, '::1');
  });
}
