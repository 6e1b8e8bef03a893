// An https server (agent1's key and certificate, issued by ca1) and clients: a request trusting
// ca1 whose Host header gives the SNI name, one refused for an untrusted certificate, one with
// rejectUnauthorized: false, TLS session reuse through an https.Agent's session cache, the
// agent's connection names, and the protocol checks of http.request and https.request.
'use strict';
const https = require('https');
const http = require('http');
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const read = (name) => fs.readFileSync(path.join(__dirname, 'keys', name));
const ca = read('ca1-cert.pem');

const server = https.createServer({ key: read('agent1-key.pem'), cert: read('agent1-cert.pem') }, (req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    res.setHeader('content-type', 'text/plain');
    res.end(`${req.method} ${req.url} servername=${req.socket.servername} encrypted=${req.socket.encrypted} body=${body}`);
  });
});

console.log('server is a tls.Server:', server instanceof tls.Server, 'timeout:', server.timeout);
console.log('globalAgent:', https.globalAgent instanceof https.Agent, https.globalAgent.defaultPort,
  https.globalAgent.protocol, https.globalAgent.maxCachedSessions);
const named = new https.Agent();
console.log('name:', named.getName({ host: 'example.com', port: 8443, ca: 'CA', servername: 'other', rejectUnauthorized: false }));
console.log('name, servername = host:', named.getName({ host: 'example.com', port: 443, servername: 'example.com' }));

for (const attempt of [() => http.request('https://localhost/'), () => https.request('http://localhost/')]) {
  try {
    attempt();
  } catch (err) {
    console.log('protocol check:', err.name, err.code, err.message);
  }
}

function get(options) {
  return new Promise((resolve, reject) => {
    const req = https.request({ port: server.address().port, ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ res, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

server.listen(0, async () => {
  let { res, body } = await get({ ca, headers: { host: 'agent1' }, path: '/trusted', agent: false });
  console.log('trusted:', res.statusCode, res.headers['content-type'], body, 'authorized:', res.socket.authorized);

  await get({ path: '/untrusted', agent: false }).catch((err) => console.log('untrusted:', err.code, err.message));

  ({ res, body } = await get({ rejectUnauthorized: false, method: 'POST', path: '/insecure', body: 'data', agent: false }));
  console.log('insecure:', body, 'authorized:', res.socket.authorized, res.socket.authorizationError);

  const agent = new https.Agent({ maxCachedSessions: 1, ca, servername: 'agent1' });
  ({ res } = await get({ agent, path: '/first' }));
  const firstReused = res.socket.isSessionReused();
  await new Promise((resolve) => setImmediate(resolve));
  console.log('session cache entries:', agent._sessionCache.list.length);
  ({ res, body } = await get({ agent, path: '/second' }));
  console.log('first reused:', firstReused, 'second reused:', res.socket.isSessionReused(), body);

  https.get(`https://localhost:${server.address().port}/url-form`, { ca, servername: 'agent1' }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk) => console.log('https.get with a URL:', res.statusCode, chunk));
    res.on('end', () => {
      server.close(() => console.log('closed'));
    });
  });
});
