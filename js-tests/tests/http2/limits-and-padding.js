// http2 session options that shape frames and limits: paddingStrategy ALIGNED and MAX (each
// HEADERS and DATA frame read off the wire: PADDED flag, whether frame + header fill whole
// 8-byte words), a client's maxHeaderListPairs refusing a response with too many fields
// (RST_STREAM ENHANCE_YOUR_CALM), and a strictSingleValueFields: false client sending a
// repeated single-value header.
'use strict';
const http2 = require('http2');
const net = require('net');

const FRAME_NAMES = { 0: 'DATA', 1: 'HEADERS' };

// A GET of / from a raw socket: the preface, empty SETTINGS, and one HEADERS frame (HPACK:
// :method GET, :scheme http, :path / indexed, :authority localhost literal).
function rawRequest() {
  const block = Buffer.concat([Buffer.from([0x82, 0x86, 0x84, 0x41, 9]), Buffer.from('localhost')]);
  const headers = Buffer.alloc(9);
  headers.writeUIntBE(block.length, 0, 3);
  headers[3] = 1; // HEADERS
  headers[4] = 0x5; // END_STREAM | END_HEADERS
  headers.writeUInt32BE(1, 5);
  const settings = Buffer.alloc(9);
  settings[3] = 4;
  return Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), settings, headers, block]);
}

// The kinds of HEADERS and DATA frames the server sends until the stream ends, each as
// "name padded aligned" once.
function paddedExchange(paddingStrategy) {
  return new Promise((resolve) => {
    const server = http2.createServer({ paddingStrategy });
    server.on('stream', (stream) => {
      stream.respond({ ':status': 200, 'content-type': 'text/plain' });
      stream.end('hello, padded world');
    });
    server.listen(0, () => {
      const socket = net.connect(server.address().port, () => socket.write(rawRequest()));
      const frames = new Set();
      let pending = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 9) {
          const length = pending.readUIntBE(0, 3);
          if (pending.length < 9 + length) break;
          const type = pending[3];
          const flags = pending[4];
          if (FRAME_NAMES[type] !== undefined) frames.add(`${FRAME_NAMES[type]} padded=${(flags & 0x8) !== 0} aligned=${(9 + length) % 8 === 0}`);
          pending = pending.subarray(9 + length);
          if (FRAME_NAMES[type] !== undefined && (flags & 0x1) !== 0) {
            socket.destroy();
            server.close(() => resolve([...frames]));
            return;
          }
        }
      });
    });
  });
}

function tooManyResponseFields() {
  return new Promise((resolve) => {
    const server = http2.createServer();
    server.on('stream', (stream) => {
      stream.on('error', () => {});
      stream.respond({ ':status': 200, a: '1', b: '2', c: '3' });
      stream.end();
    });
    server.listen(0, () => {
      const client = http2.connect(`http://localhost:${server.address().port}`, { maxHeaderListPairs: 2 });
      const req = client.request({ ':path': '/' });
      req.on('response', () => console.log('response: unexpected'));
      req.on('error', (err) => console.log('client error:', err.code, err.message));
      req.on('close', () => {
        console.log('rstCode', req.rstCode === http2.constants.NGHTTP2_ENHANCE_YOUR_CALM ? 'ENHANCE_YOUR_CALM' : req.rstCode);
        client.close();
        server.close(resolve);
      });
    });
  });
}

function repeatedSingleValueHeader() {
  return new Promise((resolve) => {
    const server = http2.createServer({ strictSingleValueFields: false });
    server.on('stream', (stream, headers, flags, rawHeaders) => {
      console.log('server raw user-agent:', rawHeaders.filter((_, i) => rawHeaders[i - 1] === 'user-agent'));
      stream.respond({ ':status': 204 });
    });
    server.listen(0, () => {
      const client = http2.connect(`http://localhost:${server.address().port}`, { strictSingleValueFields: false });
      const req = client.request({ ':path': '/', 'user-agent': ['one', 'two'] });
      req.on('response', (headers) => console.log('status', headers[':status']));
      req.resume();
      req.on('close', () => {
        client.close();
        server.close(resolve);
      });
    });
  });
}

(async () => {
  for (const [name, strategy] of [['ALIGNED', http2.constants.PADDING_STRATEGY_ALIGNED], ['MAX', http2.constants.PADDING_STRATEGY_MAX]]) {
    console.log(name, JSON.stringify(await paddedExchange(strategy)));
  }
  await tooManyResponseFields();
  await repeatedSingleValueHeader();
})();
