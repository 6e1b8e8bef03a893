// fetch() over https against a local https server with a certificate issued by a test CA:
// refused as untrusted by default (the cause says why), then accepted once
// NODE_TLS_REJECT_UNAUTHORIZED=0 (with node's warning), with the request's default headers
// for https and a brotli-encoded response.
'use strict';
const https = require('https');
const zlib = require('zlib');
const fs = require('fs');
const path = require('path');

const read = (name) => fs.readFileSync(path.join(__dirname, 'keys', name));

const server = https.createServer({ key: read('agent1-key.pem'), cert: read('agent1-cert.pem') }, (req, res) => {
  const headers = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i] !== 'host') headers.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  }
  res.writeHead(200, { 'content-encoding': 'br', 'content-type': 'application/json' });
  res.end(zlib.brotliCompressSync(JSON.stringify({ method: req.method, url: req.url, headers })));
});

server.listen(0, async () => {
  const url = `https://localhost:${server.address().port}/secure?x=1`;
  try {
    await fetch(url);
  } catch (err) {
    console.log('untrusted:', err.name, err.message, err.cause?.code, err.cause?.message);
  }
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  const res = await fetch(url, { method: 'POST', body: 'sent over tls' });
  console.log(res.status, res.headers.get('content-type'), res.url === url);
  console.log(await res.json());
  server.close();
});
