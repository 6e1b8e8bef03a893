// A client meets a self-signed certificate (agent2): by default it rejects it with node's
// verification error; with rejectUnauthorized: false it connects unauthorized; with the
// certificate as its CA it connects authorized but the host name check fails; and a CA that
// issued nothing of the chain gives UNABLE_TO_VERIFY_LEAF_SIGNATURE.
'use strict';
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const read = (name) => fs.readFileSync(path.join(__dirname, 'keys', name));

const server = tls.createServer({ key: read('agent2-key.pem'), cert: read('agent2-cert.pem') }, (socket) => {
  socket.end('bye');
});
server.on('tlsClientError', (err) => console.log(`server tlsClientError ${err.code}`));

const cases = [
  ['default', {}],
  ['rejectUnauthorized false', { rejectUnauthorized: false }],
  ['own CA, wrong host', { ca: read('agent2-cert.pem') }],
  ['own CA, servername agent2', { ca: read('agent2-cert.pem'), servername: 'agent2' }],
  ['other CA', { ca: read('ca1-cert.pem') }],
];

function next() {
  const entry = cases.shift();
  if (!entry) {
    server.close();
    return;
  }
  const [name, options] = entry;
  const client = tls.connect({ port: server.address().port, host: '127.0.0.1', ...options }, () => {
    console.log(`${name}: secureConnect authorized=${client.authorized} authorizationError=${client.authorizationError}`);
  });
  client.on('data', (data) => console.log(`${name}: data ${data}`));
  client.on('error', (err) => {
    console.log(`${name}: error ${err.name} ${err.code}: ${err.message}`);
    if (err.code === 'ERR_TLS_CERT_ALTNAME_INVALID') console.log(`  reason=${err.reason} host=${err.host} cert=${err.cert.subject.CN}`);
  });
  client.on('close', () => setImmediate(next));
}

server.listen(0, '127.0.0.1', next);
