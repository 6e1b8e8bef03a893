// A TLS echo server (agent1's key and certificate, issued by ca1) and a client trusting ca1:
// the events in node's order on each side, authorization, protocol, cipher, the peer's
// legacy certificate object, session and keying-material facts, and the close.
'use strict';
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const keys = path.join(__dirname, 'keys');
const read = (name) => fs.readFileSync(path.join(keys, name));

const serverLog = [];
const clientLog = [];
process.on('exit', () => console.log(`server:\n  ${serverLog.join('\n  ')}\nclient:\n  ${clientLog.join('\n  ')}`));

const server = tls.createServer({ key: read('agent1-key.pem'), cert: read('agent1-cert.pem') }, (socket) => {
  serverLog.push(`secureConnection authorized=${socket.authorized} error=${socket.authorizationError} encrypted=${socket.encrypted}`);
  serverLog.push(`servername=${socket.servername} protocol=${socket.getProtocol()} alpn=${socket.alpnProtocol}`);
  serverLog.push(`peer certificate ${JSON.stringify(socket.getPeerCertificate())}`);
  serverLog.push(`own certificate CN=${socket.getCertificate().subject.CN}`);
  socket.on('data', (chunk) => {
    serverLog.push(`data ${chunk}`);
    socket.write(String(chunk).toUpperCase());
  });
  socket.on('end', () => {
    serverLog.push('end');
    socket.end();
  });
  socket.on('close', () => {
    serverLog.push('close');
    server.close();
  });
});
server.on('listening', () => serverLog.push('listening'));
server.on('close', () => serverLog.push('server close'));

server.listen(0, '127.0.0.1', () => {
  const client = tls.connect({ port: server.address().port, host: '127.0.0.1', servername: 'agent1', ca: read('ca1-cert.pem') });
  clientLog.push(`connecting=${client.connecting} encrypted=${client.encrypted} instanceof=${client instanceof tls.TLSSocket}`);
  client.on('connect', () => clientLog.push('connect'));
  client.on('secureConnect', () => {
    clientLog.push(`secureConnect authorized=${client.authorized} error=${client.authorizationError}`);
    const cipher = client.getCipher();
    clientLog.push(`protocol=${client.getProtocol()} cipher=${cipher.name} ${cipher.standardName} ${cipher.version}`);
    clientLog.push(`alpn=${client.alpnProtocol} reused=${client.isSessionReused()}`);
    const cert = client.getPeerCertificate(true);
    clientLog.push(`subject ${JSON.stringify(cert.subject)} issuer ${JSON.stringify(cert.issuer)}`);
    clientLog.push(`infoAccess ${JSON.stringify(cert.infoAccess)} ca=${cert.ca} bits=${cert.bits} exponent=${cert.exponent}`);
    clientLog.push(`valid ${cert.valid_from} .. ${cert.valid_to} serial=${cert.serialNumber}`);
    clientLog.push(`fingerprint=${cert.fingerprint} raw=${Buffer.isBuffer(cert.raw)} ${cert.raw.length} pubkey=${cert.pubkey.length}`);
    clientLog.push(`fingerprint256=${cert.fingerprint256}`);
    clientLog.push(`modulus=${cert.modulus.slice(0, 16)}... ${cert.modulus.length}`);
    clientLog.push(`issuerCertificate CN=${cert.issuerCertificate.subject.CN} self=${cert.issuerCertificate.issuerCertificate === cert.issuerCertificate}`);
    const ekm = client.exportKeyingMaterial(32, 'EXPERIMENTAL-test');
    clientLog.push(`keying material ${ekm.length}`);
    clientLog.push(`finished ${Buffer.isBuffer(client.getFinished())} ${Buffer.isBuffer(client.getPeerFinished())}`);
    client.write('hello tls');
  });
  client.on('data', (chunk) => {
    clientLog.push(`data ${chunk}`);
    client.end();
  });
  client.on('end', () => clientLog.push('end'));
  client.on('close', (hadError) => clientLog.push(`close ${hadError}`));
});
