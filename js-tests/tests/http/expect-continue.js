// Expect: 100-continue: the server's 'checkContinue' answers with writeContinue, the client
// sees 'continue' and 'information' (100), then sends its body; a server without a
// checkContinue listener continues by itself; an unknown expectation gets 417; 103 Early Hints.
'use strict';
const http = require('http');

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => res.end(`got ${body}`));
});
server.on('checkContinue', (req, res) => {
  console.log('checkContinue', req.headers.expect);
  if (req.url === '/hints') res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
  res.writeContinue();
  server.emit('request', req, res);
});

function post(port, path, expect) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers: { Expect: expect, 'Content-Length': 4 } });
    req.on('information', (info) => console.log(path, 'information', info.statusCode, info.statusMessage, info.headers.link ?? ''));
    req.on('continue', () => {
      console.log(path, 'continue');
      req.end('data');
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => {
        console.log(path, 'response', res.statusCode, JSON.stringify(body));
        resolve();
      });
    });
    if (expect !== '100-continue') req.end('data');
  });
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  await post(port, '/a', '100-continue');
  await post(port, '/hints', '100-continue');
  await post(port, '/odd', 'something-else');
  server.removeAllListeners('checkContinue');
  await post(port, '/auto', '100-continue');
  server.close();
});
