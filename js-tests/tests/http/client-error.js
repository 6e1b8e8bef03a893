// Malformed requests: the server's 'clientError' with llhttp's codes, reasons, bytesParsed
// and rawPacket, and the default 400/431 answers when nothing listens.
'use strict';
const http = require('http');
const net = require('net');

const cases = [
  ['bad method', 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['bad header', 'GET / HTTP/1.1\r\nHo st: x\r\n\r\n'],
  ['bad chunk size', 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
  ['CL with TE', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ['duplicate CL', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
  ['bad CL', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n'],
  ['header overflow', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`],
];

function send(port, text) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(text));
    let reply = '';
    socket.on('data', (chunk) => { reply += chunk; });
    socket.on('error', () => {});
    socket.on('close', () => resolve(reply));
  });
}

const withListener = http.createServer(() => console.log('unexpected request'));
withListener.on('clientError', (err, socket) => {
  console.log('clientError', err.code, JSON.stringify(err.reason), err.message, typeof err.bytesParsed,
    Buffer.isBuffer(err.rawPacket));
  socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
});
const without = http.createServer(() => console.log('unexpected request'));

withListener.listen(0, '127.0.0.1', () => without.listen(0, '127.0.0.1', async () => {
  for (const [name, text] of cases) {
    console.log(name);
    await send(withListener.address().port, text);
    const reply = await send(without.address().port, text);
    console.log('  default reply', JSON.stringify(reply));
  }
  withListener.close();
  without.close();
}));
