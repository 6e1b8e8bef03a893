// A session's edges as node shows them: its socket proxy (`in` asks the session, reads and
// writes refused, unbound once the session closed), a ping over maxOutstandingPings cancelled at once, stream
// timeouts checked before use, informational responses (writeInformation), a response ended
// before respond() waiting for it, a TLS client's originSet from the SNI it sent, and the
// highWaterMark of the sockets a net server accepts.
'use strict';
const http2 = require('http2');
const net = require('net');
const fs = require('fs');
const path = require('path');

const read = (name) => fs.readFileSync(path.join(__dirname, 'keys', name));
const codeOf = (fn) => {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return err.code;
  }
};

function plain() {
  return new Promise((resolve) => {
    const server = http2.createServer();
    server.on('stream', (stream, headers) => {
      if (headers[':path'] === '/late') {
        stream.end();
        console.log('server: ended before respond, headersSent', stream.headersSent);
        setImmediate(() => stream.respond({ ':status': 202 }));
        return;
      }
      console.log('server: setTimeout("1")', codeOf(() => stream.setTimeout('1')));
      console.log('server: setTimeout(-1)', codeOf(() => stream.setTimeout(-1)));
      console.log('server: setTimeout(0, {})', codeOf(() => stream.setTimeout(0, {})));
      stream.additionalHeaders({ ':status': 103, link: '</a.css>; rel=preload' });
      stream.respond({ ':status': 200 });
      stream.end('ok');
    });
    server.listen(0, () => {
      const client = http2.connect(`http://localhost:${server.address().port}`, { maxOutstandingPings: 1 });
      const proxy = client.socket;
      console.log('client: proxy has setTimeout/connecting/remotePort', 'setTimeout' in proxy, 'connecting' in proxy, 'remotePort' in proxy);
      console.log('client: proxy write/destroy', codeOf(() => proxy.write), codeOf(() => proxy.destroy));
      client.on('connect', () => {
        const order = [];
        client.ping((err) => order.push(`first ${err}`));
        const second = client.ping((err) => order.push(`second ${err && err.code}`));
        console.log('client: second ping accepted', second, order.join(', '));
        const req = client.request();
        req.on('headers', (headers) => console.log('client: informational', headers[':status'], headers.link));
        req.on('response', (headers) => console.log('client: response', headers[':status']));
        req.setEncoding('utf8');
        req.on('data', (chunk) => console.log('client: data', chunk));
        req.on('close', () => {
          const late = client.request({ ':path': '/late' });
          late.on('response', (headers, flags) => console.log('client: late response', headers[':status'], (flags & 1) === 1));
          late.resume();
          late.on('close', () => {
            client.close(() => {
              console.log('client: socket after close', client.socket);
              console.log('client: stale proxy use', codeOf(() => proxy.remotePort));
              server.close(resolve);
            });
          });
        });
      });
    });
  });
}

function secure() {
  return new Promise((resolve) => {
    const server = http2.createSecureServer({ key: read('agent1-key.pem'), cert: read('agent1-cert.pem') });
    server.on('stream', (stream) => {
      stream.respond();
      stream.end();
    });
    server.listen(0, () => {
      const port = server.address().port;
      const client = http2.connect(`https://localhost:${port}`, { ca: read('ca1-cert.pem'), servername: 'agent1' });
      client.on('connect', () => {
        console.log('tls: originSet', JSON.stringify(client.originSet).replace(`:${port}`, ':PORT'));
        const req = client.request();
        req.resume();
        req.on('close', () => {
          client.on('close', () => server.close(resolve));
          client.destroy();
        });
      });
    });
  });
}

function netHighWaterMark() {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => {
      console.log('net: accepted socket highWaterMark is the default', socket.writableHighWaterMark === require('stream').getDefaultHighWaterMark());
      socket.destroy();
      server.close(resolve);
    });
    server.listen(0, () => net.connect(server.address().port).on('error', () => {}));
  });
}

plain().then(secure).then(netHighWaterMark);
