// Server push and files: pushStream (the client's 'stream' event with the promised headers
// and the pushed response's 'push' event), respondWithFile with a range (offset/length and the
// content-length it sets), respondWithFD, and a directory refused with ERR_HTTP2_SEND_FILE.
'use strict';
const http2 = require('http2');
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-h2-'));
const file = path.join(dir, 'data.txt');
fs.writeFileSync(file, '0123456789abcdefghij');

const server = http2.createServer();
server.on('stream', (stream, headers) => {
  const where = headers[':path'];
  if (where === '/push') {
    stream.pushStream({ ':path': '/pushed.txt' }, (err, push, pushHeaders) => {
      console.log('server: pushed', err, push.id % 2 === 0, pushHeaders[':path']);
      push.respond({ ':status': 200, 'x-pushed': 'yes' });
      push.end('pushed body');
      stream.respond({ ':status': 200 });
      stream.end('main body');
    });
  } else if (where === '/range') {
    stream.respondWithFile(file, { 'content-type': 'text/plain' }, { offset: 5, length: 10 });
  } else if (where === '/fd') {
    const fd = fs.openSync(file, 'r');
    stream.on('close', () => fs.closeSync(fd));
    stream.respondWithFD(fd, { 'content-type': 'text/plain' });
  } else {
    stream.respondWithFile(dir, {}, {
      onError(err) {
        console.log('server: onError', err.code, err.message);
        stream.respond({ ':status': 404 });
        stream.end();
      },
    });
  }
});

function get(client, where) {
  return new Promise((resolve) => {
    const req = client.request({ ':path': where });
    let body = '';
    let status;
    let length;
    req.setEncoding('utf8');
    req.on('response', (headers) => { status = headers[':status']; length = headers['content-length']; });
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => resolve(`${where} ${status} length=${length} body=${body}`));
  });
}

server.listen(0, async () => {
  const client = http2.connect(`http://localhost:${server.address().port}`);
  const pushed = new Promise((resolve) => {
    client.on('stream', (push, headers) => {
      console.log('client: promised', headers[':path'], headers[':method']);
      let body = '';
      push.setEncoding('utf8');
      push.on('push', (responseHeaders) => console.log('client: push response', responseHeaders[':status'], responseHeaders['x-pushed']));
      push.on('data', (chunk) => { body += chunk; });
      push.on('end', () => resolve(body));
    });
  });
  console.log(await get(client, '/push'));
  console.log('client: pushed body', await pushed);
  console.log(await get(client, '/range'));
  console.log(await get(client, '/fd'));
  console.log(await get(client, '/dir'));
  client.close();
  server.close(() => fs.rmSync(dir, { recursive: true }));
});
