// The WebSocket client against a local server speaking RFC 6455 by hand: the handshake,
// subprotocols, text and binary messages both ways, binaryType, bufferedAmount, the close
// handshake, a refused connection and argument errors.
'use strict';
const http = require('http');
const { createHash } = require('crypto');

function attempt(label, fn) {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
}

// An unmasked server frame.
function frame(opcode, payload) {
  const header = payload.length < 126 ? Buffer.from([0x80 | opcode, payload.length])
    : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xFF]);
  return Buffer.concat([header, payload]);
}

// The client's frames (masked), as they arrive.
function readFrames(buffer) {
  const frames = [];
  while (buffer.length >= 2) {
    const opcode = buffer[0] & 0x0F;
    let length = buffer[1] & 0x7F;
    let offset = 2;
    if (length === 126) {
      length = buffer.readUInt16BE(2);
      offset = 4;
    }
    if (buffer.length < offset + 4 + length) break;
    const mask = buffer.subarray(offset, offset + 4);
    const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
    for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
    frames.push({ opcode, payload, masked: (buffer[1] & 0x80) !== 0 });
    buffer = buffer.subarray(offset + 4 + length);
  }
  return { frames, rest: buffer };
}

const server = http.createServer((req, res) => {
  res.writeHead(400);
  res.end();
});
server.on('upgrade', (req, socket) => {
  console.log('server: upgrade', req.url, req.headers.upgrade, req.headers['sec-websocket-version'],
    req.headers['sec-websocket-protocol']);
  const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
    .digest('base64');
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
    `Sec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: chat\r\n\r\n`);
  socket.write(frame(1, Buffer.from('hello')));
  socket.write(frame(2, Buffer.from([1, 2, 3])));
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
    pending = rest;
    for (const { opcode, payload, masked } of frames) {
      if (opcode === 10) {
        console.log('server: pong', payload.toString(), masked);
      } else if (opcode === 8) {
        console.log('server: close', payload.readUInt16BE(0), payload.subarray(2).toString(), masked);
        socket.end(frame(8, payload));
      } else {
        console.log('server: message', opcode, opcode === 1 ? payload.toString() : [...payload], masked);
        socket.write(frame(opcode, Buffer.concat([Buffer.from('echo:'), payload])));
        if (payload.toString() === 'text out') socket.write(frame(9, Buffer.from('ping')));
      }
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const ws = new WebSocket(`ws://127.0.0.1:${port}/path?x=1`, ['chat', 'superchat']);
  console.log(ws.readyState, ws.url.replace(port, 'PORT'), ws.protocol, ws.binaryType);
  attempt('send while connecting', () => ws.send('x'));
  let messages = 0;
  ws.onopen = (event) => {
    console.log('open', event.constructor.name, ws.readyState, ws.protocol, ws.extensions);
    ws.send('text out');
    ws.send(new Uint8Array([9, 8, 7]));
    ws.send(new Blob(['blob out']));
    ws.send('after blob');
    console.log('bufferedAmount', ws.bufferedAmount > 0);
  };
  ws.onmessage = async (event) => {
    const { data } = event;
    const shown = typeof data === 'string' ? data : data instanceof Blob ? `Blob ${await data.text()}`
      : `ArrayBuffer ${[...new Uint8Array(data)]}`;
    console.log('message', event.constructor.name, event.origin === `http://127.0.0.1:${port}`, shown);
    messages++;
    if (messages === 2) ws.binaryType = 'arraybuffer';
    if (messages === 6) {
      attempt('close 999', () => ws.close(999));
      ws.close(4000, 'done');
      console.log('closing', ws.readyState);
    }
  };
  ws.onclose = (event) => {
    console.log('close', event.constructor.name, event.code, event.reason, event.wasClean, ws.readyState);
    server.close();
    const refused = new WebSocket(`ws://127.0.0.1:${port}/`);
    refused.onerror = (error) => console.log('refused error', error.constructor.name, error.error instanceof TypeError);
    refused.onclose = (closed) => console.log('refused close', closed.code, closed.wasClean, refused.readyState);
  };
});
