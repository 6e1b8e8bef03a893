// A pskCallback that calls back into its own TLS socket (getters, writes) while OpenSSL is
// inside the handshake that asked for the key, on both sides; the handshake still completes.
'use strict';
const tls = require('tls');

const key = Buffer.from('d731ef57be09e5204f0b205b60627028', 'hex');
const kinds = (socket) => [socket.getProtocol(), socket.getCipher(), socket.getPeerCertificate(), socket.isSessionReused()]
  .map((value) => (value === null ? 'null' : typeof value)).join(' ');

const server = tls.createServer({
  ciphers: 'PSK+HIGH',
  maxVersion: 'TLSv1.2',
  pskCallback(socket, identity) {
    console.log('server callback:', identity, kinds(socket));
    return key;
  },
}, (socket) => {
  console.log('server secure:', socket.getProtocol(), socket.getCipher().name);
  socket.end('done');
});

server.listen(0, () => {
  let client = null;
  client = tls.connect({
    port: server.address().port,
    ciphers: 'PSK+HIGH',
    maxVersion: 'TLSv1.2',
    checkServerIdentity: () => undefined,
    pskCallback() {
      console.log('client callback:', kinds(client));
      return { psk: key, identity: 'anode' };
    },
  }, () => {
    console.log('client secure:', client.getProtocol(), client.getCipher().name);
  });
  client.setEncoding('utf8');
  client.on('data', (data) => console.log('client read:', data));
  client.on('end', () => {
    client.end();
    server.close();
  });
});
