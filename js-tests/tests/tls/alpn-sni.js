// ALPN and SNI selection: the server's ALPNProtocols preference, ALPNCallback, no overlap (a
// fatal alert), SNICallback and addContext choosing the certificate by the client's servername.
'use strict';
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const read = (name) => fs.readFileSync(path.join(__dirname, 'keys', name));
const agent1 = { key: read('agent1-key.pem'), cert: read('agent1-cert.pem') };
const agent3 = { key: read('agent3-key.pem'), cert: read('agent3-cert.pem') };

function run(serverOptions, clientOptions, done) {
  const server = tls.createServer(serverOptions, (socket) => {
    console.log(`  server: alpn=${socket.alpnProtocol} servername=${socket.servername}`);
    socket.end();
  });
  server.on('tlsClientError', (err) => console.log(`  server tlsClientError ${err.code}`));
  server.listen(0, '127.0.0.1', () => {
    const client = tls.connect({ port: server.address().port, host: '127.0.0.1', rejectUnauthorized: false, ...clientOptions }, () => {
      console.log(`  client: alpn=${client.alpnProtocol} peer CN=${client.getPeerCertificate().subject.CN}`);
    });
    client.on('error', (err) => console.log(`  client error ${err.code}`));
    client.on('close', () => {
      server.close();
      done();
    });
  });
}

const steps = [
  () => {
    console.log('server preference');
    run({ ...agent1, ALPNProtocols: ['a', 'b', 'c'] }, { ALPNProtocols: ['c', 'b'] }, next);
  },
  () => {
    console.log('client without ALPN');
    run({ ...agent1, ALPNProtocols: ['a', 'b'] }, {}, next);
  },
  () => {
    console.log('no overlap');
    run({ ...agent1, ALPNProtocols: ['a'] }, { ALPNProtocols: ['x'] }, next);
  },
  () => {
    console.log('ALPNCallback');
    run({
      ...agent1,
      ALPNCallback({ servername, protocols }) {
        console.log(`  callback servername=${servername} protocols=${protocols}`);
        return protocols[protocols.length - 1];
      },
    }, { ALPNProtocols: ['h2', 'http/1.1'], servername: 'example.test' }, next);
  },
  () => {
    console.log('SNICallback');
    run({
      ...agent1,
      SNICallback(servername, callback) {
        console.log(`  SNICallback ${servername}`);
        callback(null, servername === 'agent3' ? tls.createSecureContext(agent3) : undefined);
      },
    }, { servername: 'agent3' }, next);
  },
  () => {
    console.log('addContext');
    const server = tls.createServer(agent1, (socket) => {
      console.log(`  server: servername=${socket.servername}`);
      socket.end();
    });
    server.addContext('*.agent3.test', agent3);
    server.listen(0, '127.0.0.1', () => {
      const names = ['www.agent3.test', 'other.test'];
      (function connectNext() {
        const servername = names.shift();
        if (!servername) {
          server.close();
          next();
          return;
        }
        const client = tls.connect({ port: server.address().port, host: '127.0.0.1', servername, rejectUnauthorized: false }, () => {
          console.log(`  ${servername}: peer CN=${client.getPeerCertificate().subject.CN}`);
        });
        client.on('close', connectNext);
      })();
    });
  },
];

function next() {
  const step = steps.shift();
  if (step) step();
}
next();
