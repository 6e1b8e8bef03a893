// The certificate stores (getCACertificates per type, cached; setDefaultCACertificates and
// what connections without `ca` then trust) and createSecureContext's option handling: null
// options, engines, TLSv1.3 suites with `!`, curves, CRLs, PFX errors, version bounds.
'use strict';
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const read = (name) => fs.readFileSync(path.join(__dirname, 'keys', name), 'latin1');

function attempt(label, fn) {
  try {
    const result = fn();
    console.log(label, 'ok', result === undefined ? '' : result);
  } catch (err) {
    console.log(label, err.name, err.code, err.message.replace(/^error:[0-9A-F]+:/, 'error:'));
  }
}

const bundled = tls.getCACertificates('bundled');
console.log('bundled is rootCertificates', bundled === tls.rootCertificates);
console.log('default cached', tls.getCACertificates() === tls.getCACertificates('default'));
console.log('system cached', tls.getCACertificates('system') === tls.getCACertificates('system'));
console.log('extra frozen', Array.isArray(tls.getCACertificates('extra')), Object.isFrozen(tls.getCACertificates('extra')));
const defaults = tls.getCACertificates('default');
attempt('type 42', () => tls.getCACertificates(42));
attempt('type bogus', () => tls.getCACertificates('bogus'));

attempt('set not array', () => tls.setDefaultCACertificates('x'));
attempt('set bad entry', () => tls.setDefaultCACertificates([read('ca1-cert.pem'), 1]));
attempt('set no cert', () => tls.setDefaultCACertificates(['not a certificate']));
attempt('set broken PEM', () => tls.setDefaultCACertificates(['-----BEGIN CERTIFICATE-----\nabcd\n-----END CERTIFICATE-----']));
console.log('default unchanged', tls.getCACertificates('default') === defaults);

for (const options of [
  { ca: null, cert: null, key: null, crl: null, dhparam: null, pfx: null, ciphers: null, sessionIdContext: null },
  { clientCertEngine: 42 },
  { privateKeyIdentifier: 'key' },
  { privateKeyIdentifier: 42, privateKeyEngine: 'engine' },
  { ecdhCurve: 'no-such-curve' },
  { ecdhCurve: 'P-256:P-384' },
  { crl: 'not a crl' },
  { crl: 42 },
  { ciphers: 'TLS_AES_256_GCM_SHA384:!TLS_CHACHA20_POLY1305_SHA256' },
  { ciphers: 'no-such-cipher' },
  { ciphers: ':' },
  { dhparam: read('agent1-key.pem') },
  { secureProtocol: 'SSLv23_method', minVersion: 'TLSv1.2' },
  { secureProtocol: 'TLSv1_9_method' },
  { minVersion: 'TLSv1.4' },
  { sessionTimeout: 2 ** 31 },
  'options',
]) {
  attempt(`context ${Object.keys(options)}`, () => { tls.createSecureContext(options); });
}

// A server whose certificate only ca1 vouches for: a client without `ca` trusts it once ca1
// is the default store, and not after the store is emptied.
const server = tls.createServer({ key: read('agent1-key.pem'), cert: read('agent1-cert.pem') }, (socket) => {
  socket.end(`${socket.getProtocol()}`);
});
server.on('tlsClientError', () => {});

function connect(label, done) {
  const socket = tls.connect({ port: server.address().port, servername: 'agent1' }, () => {
    socket.on('data', (data) => console.log(label, 'authorized', socket.authorized, String(data)));
  });
  socket.on('error', (err) => {
    console.log(label, 'error', err.code);
    done();
  });
  socket.on('close', (hadError) => { if (!hadError) done(); });
}

server.listen(0, () => {
  connect('system store', () => {
    tls.setDefaultCACertificates([read('ca1-cert.pem')]);
    console.log('default now', tls.getCACertificates('default').length);
    connect('ca1 store', () => {
      tls.setDefaultCACertificates([]);
      console.log('default now', tls.getCACertificates('default').length);
      connect('empty store', () => server.close());
    });
  });
});
