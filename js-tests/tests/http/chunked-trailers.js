// Chunked bodies both ways with trailers: the client's request body in three writes with a
// Trailer header and addTrailers, the server's chunked response with trailers, rawTrailers,
// and the bytes on the wire (read through a raw socket).
'use strict';
const http = require('http');
const net = require('net');

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(String(chunk)));
  req.on('end', () => {
    console.log('server got', req.headers['transfer-encoding'], JSON.stringify(chunks.join('')));
    console.log('server trailers', JSON.stringify(req.trailers), JSON.stringify(req.rawTrailers));
    res.writeHead(200, { 'Content-Type': 'text/plain', Trailer: 'X-Checksum' });
    res.write('alpha ');
    res.write(Buffer.from('beta '));
    res.addTrailers({ 'X-Checksum': 'abc123' });
    res.end('gamma');
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/upload', headers: { Trailer: 'X-Count' } }, (res) => {
    console.log('client status', res.statusCode, res.headers['transfer-encoding'], res.headers.trailer);
    let body = '';
    res.on('data', (chunk) => { body += chunk; });
    res.on('end', () => {
      console.log('client body', JSON.stringify(body));
      console.log('client trailers', JSON.stringify(res.trailers));
      raw(port);
    });
  });
  req.write('one,');
  req.write('two,');
  req.addTrailers({ 'X-Count': '3' });
  req.end('three');
});

// The same exchange seen as bytes: the chunk framing and the trailer section.
function raw(port) {
  const socket = net.connect(port, '127.0.0.1', () => {
    socket.write('POST /raw HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
      '3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nX-T: 1\r\n\r\n');
  });
  let text = '';
  socket.on('data', (chunk) => { text += chunk; });
  socket.on('end', () => {
    const [head, body] = text.split('\r\n\r\n');
    console.log(head.split('\r\n').filter((line) => !line.startsWith('Date:')).join(' | '));
    console.log(JSON.stringify(text.slice(head.length + 4)), body !== undefined);
    server.close();
  });
}
