// An HTTP/2 server and client over plain TCP (h2c): the server's 'stream' event with the
// request's pseudo-headers, respond/write/end, a request body, trailers both ways
// (waitForTrailers and 'wantTrailers'), a 204 that ends with its headers, RST_STREAM with a
// code (the client's 'error' ERR_HTTP2_STREAM_ERROR and rstCode), and the session closing.
'use strict';
const http2 = require('http2');
const { HTTP2_HEADER_PATH, HTTP2_HEADER_STATUS, NGHTTP2_PROTOCOL_ERROR, NGHTTP2_CANCEL } = http2.constants;

const server = http2.createServer();
server.on('stream', (stream, headers, flags, rawHeaders) => {
  const path = headers[HTTP2_HEADER_PATH];
  console.log('server: stream', stream.id, headers[':method'], path, headers[':scheme'], 'raw pairs:', rawHeaders.length / 2 >= 4);
  if (path === '/echo') {
    let body = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => { body += chunk; });
    stream.on('trailers', (trailers) => console.log('server: request trailers', trailers['x-checksum']));
    stream.on('end', () => {
      stream.respond({ [HTTP2_HEADER_STATUS]: 200, 'content-type': 'text/plain' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => {
        console.log('server: wantTrailers');
        stream.sendTrailers({ 'x-length': String(body.length) });
      });
      stream.end(`echo:${body}`);
    });
  } else if (path === '/empty') {
    stream.respond({ ':status': 204 });
    console.log('server: 204 headersSent', stream.headersSent, 'sentHeaders status', stream.sentHeaders[':status']);
  } else if (path === '/reset') {
    stream.on('error', (err) => console.log('server: reset stream error', err.code, err.message));
    stream.close(NGHTTP2_PROTOCOL_ERROR);
  } else {
    stream.respond({ ':status': 200 });
    stream.write('a');
    stream.write(Buffer.from('b'));
    stream.end('c');
  }
});

function request(client, headers, options, body) {
  return new Promise((resolve) => {
    const req = client.request(headers, options);
    const result = { chunks: '' };
    req.on('response', (h, flags) => { result.status = h[':status']; result.type = h['content-type']; result.endAfterHeaders = req.endAfterHeaders; });
    req.on('trailers', (t) => { result.trailers = t['x-length']; });
    req.on('error', (err) => { result.error = `${err.code}: ${err.message}`; });
    req.setEncoding('utf8');
    req.on('data', (d) => { result.chunks += d; });
    req.on('close', () => { result.rstCode = req.rstCode; result.closed = req.closed; resolve(result); });
    if (options && options.waitForTrailers) {
      req.on('wantTrailers', () => req.sendTrailers({ 'x-checksum': 'abc' }));
    }
    if (body !== undefined) req.end(body);
  });
}

server.listen(0, async () => {
  const client = http2.connect(`http://localhost:${server.address().port}`);
  client.on('connect', (session, socket) => console.log('client: connect', session === client, client.alpnProtocol, client.encrypted, client.type));
  console.log('client: plain', await request(client, { ':path': '/plain' }));
  console.log('client: echo', await request(client, { ':path': '/echo', ':method': 'POST' }, { waitForTrailers: true }, 'hello'));
  console.log('client: empty', await request(client, { ':path': '/empty' }));
  console.log('client: reset', await request(client, { ':path': '/reset' }));
  const cancelled = client.request({ ':path': '/plain' });
  cancelled.on('close', () => console.log('client: cancelled rstCode', cancelled.rstCode === NGHTTP2_CANCEL, cancelled.destroyed));
  cancelled.close(NGHTTP2_CANCEL);
  client.close(() => {
    console.log('client: closed', client.closed, client.destroyed);
    server.close(() => console.log('server: closed'));
  });
});
