// http2.createSecureServer with allowHTTP1: an h2 client (ALPN h2, https://) reaches the
// compatibility API's 'request' event (Http2ServerRequest/Http2ServerResponse: method, url,
// httpVersion, headers, setHeader/writeHead/end, trailers), and an HTTP/1.1 https client is
// served by the same handler; then an unknown-protocol client gets node's 403.
'use strict';
const http2 = require('http2');
const https = require('https');
const fs = require('fs');
const path = require('path');

const read = (name) => fs.readFileSync(path.join(__dirname, 'keys', name));
const server = http2.createSecureServer({ key: read('agent1-key.pem'), cert: read('agent1-cert.pem'), allowHTTP1: true });
server.on('request', (req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    console.log('server: request', req.method, req.url, req.httpVersion, req.headers['x-client'], `body=${body}`,
      req instanceof http2.Http2ServerRequest || req.httpVersion === '1.1');
    res.setHeader('x-served-by', 'compat');
    if (req.httpVersion === '2.0') {
      console.log('server: authority/scheme', req.authority === req.headers[':authority'], req.scheme);
      res.addTrailers({ 'x-trailer': 'done' });
    }
    res.writeHead(201, { 'content-type': 'text/plain' });
    res.write(`${req.method} `);
    res.end(`v${req.httpVersion}`);
  });
});

server.listen(0, () => {
  const port = server.address().port;
  const client = http2.connect(`https://localhost:${port}`, { ca: read('ca1-cert.pem'), servername: 'agent1' });
  client.on('error', (err) => console.log('client error', err.code));
  const req = client.request({ ':method': 'PUT', ':path': '/resource?q=1', 'x-client': 'h2' });
  req.end('data');
  req.on('response', (headers) => {
    console.log('h2 client: response', headers[':status'], headers['content-type'], headers['x-served-by'],
      client.alpnProtocol, client.encrypted, typeof headers.date);
  });
  req.on('trailers', (trailers) => console.log('h2 client: trailers', trailers['x-trailer']));
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    console.log('h2 client: body', body);
    client.close();
    https.get({ port, ca: read('ca1-cert.pem'), servername: 'agent1', path: '/h1', headers: { 'x-client': 'h1' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        console.log('h1 client:', res.statusCode, res.headers['x-served-by'], text);
        server.close(() => console.log('server: closed'));
      });
    });
  });
});
