// What a socket puts on the wire for each kind of chunk, alone and corked together (one
// writev): strings in every encoding (lone surrogates in UTF-8, code units above 0xFF in
// Latin-1), Buffers, typed arrays and DataViews, empty chunks; and bytesWritten after each.
'use strict';
const net = require('net');

const writes = [
  ['utf8', 'héllo \u{1F600}'],
  ['utf8 lone surrogates', '\ud800x\udc00', 'utf8'],
  ['latin1', 'caf\u00e9 \u0100\u20ac'],
  ['binary', '\u00ff\u0141'],
  ['ascii', 'abc\u00e9'],
  ['hex', '68657820'],
  ['base64', 'YmFzZTY0'],
  ['base64url', 'dXJs_-8'],
  ['ucs2', 'u\u00e9'],
  ['buffer', Buffer.from([0, 1, 2, 255])],
  ['Uint16Array', new Uint16Array([0x4142, 0x4344])],
  ['DataView', new DataView(new Uint8Array([7, 8, 9]).buffer, 1, 2)],
  ['empty string', '', 'utf8'],
  ['empty latin1 string', '', 'latin1'],
  ['empty buffer', Buffer.alloc(0)],
];

const server = net.createServer((socket) => {
  const received = [];
  socket.on('data', (chunk) => received.push(chunk));
  socket.on('end', () => {
    console.log('server received', Buffer.concat(received).toString('hex'));
    socket.end();
  });
});

server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1', () => {
    for (const [name, chunk, named] of writes) {
      const encoding = typeof chunk === 'string' ? named ?? name : undefined;
      const expected = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      client.write(chunk, encoding);
      console.log(name, expected.toString('hex'), 'bytesWritten', client.bytesWritten);
    }
    client.cork();
    client.write('corked ', 'utf8');
    client.write('\u00e9', 'latin1');
    client.write(Buffer.from('!'));
    client.write('6869', 'hex');
    process.nextTick(() => {
      client.uncork();
      console.log('after uncork bytesWritten', client.bytesWritten);
      client.end('\u2603', () => console.log('end callback bytesWritten', client.bytesWritten));
    });
  });
  client.on('close', () => server.close());
});
