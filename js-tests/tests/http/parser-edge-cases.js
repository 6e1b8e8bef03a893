// The request and response parser's edge cases, fed straight to HTTPParser: llhttp's codes,
// reasons and bytesParsed for methods it half-knows (RTSP's), wrong protocols and versions,
// a CR without LF, and what the lenient (insecure) parser takes: control characters in
// header values and folded header lines.
'use strict';
const { HTTPParser } = require('_http_common');

function parse(type, text, lenient = false) {
  const parser = new HTTPParser();
  parser.initialize(type, {}, 0, lenient ? HTTPParser.kLenientAll : HTTPParser.kLenientNone);
  const heads = [];
  parser[HTTPParser.kOnHeadersComplete] = (major, minor, headers, method, url, statusCode) => {
    heads.push({ major, minor, headers, method, url, statusCode });
  };
  const result = parser.execute(Buffer.from(text, 'latin1'));
  if (result instanceof Error) {
    console.log(JSON.stringify(text.slice(0, 24)), 'error', result.code, JSON.stringify(result.reason), result.bytesParsed,
      'heads', heads.length);
  } else {
    for (const head of heads) console.log(JSON.stringify(text.slice(0, 24)), 'head', JSON.stringify(head.headers));
  }
  parser.free();
}

const { REQUEST, RESPONSE } = HTTPParser;
for (const text of [
  'FOO / HTTP/1.1\r\n\r\n', 'XYZ / HTTP/1.1\r\n\r\n', 'GETX / HTTP/1.1\r\n\r\n', 'PUX / HTTP/1.1\r\n\r\n',
  'GET_X / HTTP/1.1\r\n\r\n', 'FLUSH / HTTP/1.1\r\n\r\n', 'GET_PARAMETER / HTTP/1.1\r\n\r\n',
  'GET / XTTP/1.1\r\n\r\n', 'GET / HTTP/x.1\r\n\r\n', 'GET / HTTP/1.1\r\nA: b\rC: d\r\n\r\n',
  'POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n',
]) parse(REQUEST, text);

for (const text of [
  'bad http', 'HTXP/1.1 200 OK\r\n\r\n', 'HTTP/x.1 200 OK\r\n\r\n', 'HTTP/1.x 200 OK\r\n\r\n',
  'HTTP/1.1 200 OK\r\nA: b\rC: d\r\n\r\n',
]) parse(RESPONSE, text);

// Strict refuses what lenient takes; lenient joins folded lines.
const controls = 'HTTP/1.1 200 OK\r\nX-A: a\x01b\x7fc\r\nContent-Length: 0\r\n\r\n';
const folded = 'HTTP/1.1 200 OK\r\nX-A: a;\r\n\t  b;\r\n c\r\nContent-Length: 0\r\n\r\n';
for (const lenient of [false, true]) {
  console.log('lenient', lenient);
  parse(RESPONSE, controls, lenient);
  if (lenient) parse(RESPONSE, folded, lenient);
  parse(REQUEST, 'GET / HTTP/1.1\r\nX-A: a\x08b\r\n\r\n', lenient);
}
