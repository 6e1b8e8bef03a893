// dgram: socket options on a bound socket (broadcast, TTLs, multicast loopback/interface,
// membership), reuseAddr sharing a port, EADDRINUSE from bind as an 'error' event, bindSync/
// connectSync, send to a connected peer that is gone (ECONNREFUSED on receive), and unref.
'use strict';
const dgram = require('dgram');

const show = (label, f) => {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, e.name, e.code, e.message, e.syscall);
  }
};

const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
socket.bind(0, '127.0.0.1', () => {
  const { port } = socket.address();
  show('broadcast', () => socket.setBroadcast(true));
  show('ttl', () => socket.setTTL(64));
  show('ttl 0', () => socket.setTTL(0));
  show('multicast ttl', () => socket.setMulticastTTL(2));
  show('multicast ttl 300', () => socket.setMulticastTTL(300));
  show('multicast loopback', () => socket.setMulticastLoopback(false));
  show('multicast interface', () => socket.setMulticastInterface('127.0.0.1'));
  show('multicast interface bad', () => socket.setMulticastInterface('nope'));
  show('membership bad', () => socket.addMembership('256.1.1.1'));
  show('drop not joined', () => socket.dropMembership('224.0.0.114'));

  const sharing = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  sharing.bind(port, '127.0.0.1', () => {
    console.log('reuseAddr shares the port', sharing.address().port === port);
    sharing.close();
    const clash = dgram.createSocket('udp4');
    clash.on('error', (err) => {
      console.log('clash', err.code, err.syscall, err.address, err.port === port, err.message === `bind EADDRINUSE 127.0.0.1:${port}`);
      clash.close();
      const sync = dgram.createSocket('udp4');
      try {
        sync.bindSync({ address: '127.0.0.1', port });
      } catch (e) {
        console.log('bindSync clash', e.code, e.syscall, e.message === `bind EADDRINUSE 127.0.0.1:${port}`);
      }
      const address = sync.bindSync({ address: '127.0.0.1' });
      console.log('bindSync', address.address, address.family);
      socket.close();
      sync.connectSync(port, '127.0.0.1');
      console.log('connectSync remote', sync.remoteAddress().port === port);
      sync.on('error', (e) => {
        console.log('receive error', e.code, e.syscall, e.message);
        sync.close();
        const idle = dgram.createSocket('udp4');
        idle.bind(0, () => console.log('idle bound, unref lets the process end'));
        idle.unref();
      });
      sync.send('anyone?');
    });
    clash.bind(port, '127.0.0.1');
  });
});
