'use strict';
// --experimental-network-inspection: the program's http, https and http2 requests reported as
// Network events while a session has the domain enabled (started and stopped by the
// inspector as the first session enables it and the last disables it).

const dc = require('diagnostics_channel');
const EventEmitter = require('events');
const { Network } = require('internal/inspector/network');

const natives = binding.inspector();
const kRequestId = Symbol('kInspectorRequestId');
const kRequestUrl = Symbol('kInspectorRequestUrl');
let lastRequestId = 0;

const monotonicSeconds = () => require('perf_hooks').performance.now() / 1000;

// Header values as the protocol gives them: one string each (cookies joined as a Cookie
// header joins them, Set-Cookie lines one per line).
function protocolHeaders(headers) {
  const result = {};
  for (const [key, value] of Object.entries(headers)) {
    const name = key.toLowerCase();
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      result[name] = value.join(name === 'cookie' ? '; ' : name === 'set-cookie' ? '\n' : ', ');
    } else {
      result[name] = String(value);
    }
  }
  return result;
}

// The MIME type and charset of a Content-Type header ('' for those it lacks or cannot give).
function contentType(headers) {
  const value = headers['content-type'];
  if (typeof value !== 'string') return { mimeType: '', charset: '' };
  try {
    const { MIMEType } = require('internal/mime');
    const type = new MIMEType(value);
    return { mimeType: type.essence, charset: type.params.get('charset') ?? '' };
  } catch {
    return { mimeType: '', charset: '' };
  }
}

function requestUrl(request) {
  if (/^https?:\/\//i.test(request.path)) return request.path;
  const host = request.getHeader('host') ?? request.host;
  return `${request.protocol}//${host}${request.path}`;
}

const nextRequestId = () => `node-network-event-${++lastRequestId}`;

function onRequestCreated({ request }) {
  const requestId = nextRequestId();
  request[kRequestId] = requestId;
  const headers = protocolHeaders(request.getHeaders());
  Network.requestWillBeSent({
    requestId,
    timestamp: monotonicSeconds(),
    wallTime: Date.now() / 1000,
    request: { url: requestUrl(request), method: request.method, headers },
    charset: contentType(headers).charset,
  });
}

function onRequestError({ request, error }) {
  const requestId = request[kRequestId];
  if (requestId === undefined) return;
  Network.loadingFailed({ requestId, timestamp: monotonicSeconds(), type: 'Other', errorText: error.message });
}

function onResponseFinish({ request, response }) {
  const requestId = request[kRequestId];
  if (requestId === undefined) return;
  const headers = protocolHeaders(response.headers);
  const { mimeType, charset } = contentType(headers);
  Network.responseReceived({
    requestId,
    timestamp: monotonicSeconds(),
    type: 'Other',
    response: { url: requestUrl(request), status: response.statusCode, statusText: response.statusMessage ?? '', headers, mimeType, charset },
  });
  reportBody(response, requestId);
}

// A response's body as it is read, and its end.
function reportBody(response, requestId) {
  // EventEmitter's own `on`: a stream's would set the response flowing.
  EventEmitter.prototype.on.call(response, 'data', (chunk) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    Network.dataReceived({
      requestId,
      timestamp: monotonicSeconds(),
      dataLength: bytes.byteLength,
      encodedDataLength: bytes.byteLength,
      data: bytes,
    });
  });
  response.once('end', () => {
    Network.loadingFinished({ requestId, timestamp: monotonicSeconds() });
  });
}

// http2: a client stream's headers without the pseudo-headers.
function http2Headers(headers) {
  const plain = {};
  for (const name of Object.keys(headers)) {
    if (!name.startsWith(':')) plain[name] = headers[name];
  }
  return protocolHeaders(plain);
}

const http2Url = (headers) => `${headers[':scheme']}://${headers[':authority']}${headers[':path']}`;

function onHttp2StreamCreated({ stream, headers }) {
  const requestId = nextRequestId();
  stream[kRequestId] = requestId;
  stream[kRequestUrl] = http2Url(headers);
  const requestHeaders = http2Headers(headers);
  Network.requestWillBeSent({
    requestId,
    timestamp: monotonicSeconds(),
    wallTime: Date.now() / 1000,
    request: { url: stream[kRequestUrl], method: headers[':method'], headers: requestHeaders, hasPostData: !stream.writableEnded },
    charset: contentType(requestHeaders).charset,
  });
}

// A chunk written: a Buffer, a string in an encoding, or (writev) a list of either.
function sentBytes(data, encoding) {
  if (Array.isArray(data)) {
    return Buffer.concat(data.map((entry) => (Buffer.isBuffer(entry) ? entry : Buffer.from(entry.chunk, entry.encoding))));
  }
  return typeof data === 'string' ? Buffer.from(data, encoding) : data;
}

function onHttp2BodyChunkSent({ stream, data, encoding }) {
  const requestId = stream[kRequestId];
  if (requestId === undefined) return;
  const bytes = sentBytes(data, encoding);
  Network.dataSent({ requestId, timestamp: monotonicSeconds(), dataLength: bytes.byteLength, data: bytes });
}

function onHttp2BodySent({ stream }) {
  const requestId = stream[kRequestId];
  if (requestId === undefined) return;
  Network.dataSent({ requestId, finished: true });
}

function onHttp2StreamFinish({ stream, headers }) {
  const requestId = stream[kRequestId];
  if (requestId === undefined) return;
  const responseHeaders = http2Headers(headers);
  const { mimeType, charset } = contentType(responseHeaders);
  Network.responseReceived({
    requestId,
    timestamp: monotonicSeconds(),
    type: 'Other',
    response: { url: stream[kRequestUrl], status: headers[':status'], statusText: '', headers: responseHeaders, mimeType, charset },
  });
  reportBody(stream, requestId);
}

function onHttp2StreamError({ stream, error }) {
  const requestId = stream[kRequestId];
  if (requestId === undefined) return;
  Network.loadingFailed({ requestId, timestamp: monotonicSeconds(), type: 'Other', errorText: error.message });
}

const subscriptions = [
  ['http.client.request.created', onRequestCreated],
  ['http.client.request.error', onRequestError],
  ['http.client.response.finish', onResponseFinish],
  ['http2.client.stream.created', onHttp2StreamCreated],
  ['http2.client.stream.bodyChunkSent', onHttp2BodyChunkSent],
  ['http2.client.stream.bodySent', onHttp2BodySent],
  ['http2.client.stream.finish', onHttp2StreamFinish],
  ['http2.client.stream.error', onHttp2StreamError],
];

function start() {
  for (const [name, handler] of subscriptions) dc.subscribe(name, handler);
}

function stop() {
  for (const [name, handler] of subscriptions) dc.unsubscribe(name, handler);
}

function register() {
  natives.setNetworkTracking(start, stop);
}

module.exports = { register };
