'use strict';
// http: HTTP/1.1 servers and clients over net (see _http_server, _http_client, _http_agent,
// _http_incoming and _http_outgoing; internal/http_parser frames messages).

const httpAgent = require('_http_agent');
const { ClientRequest } = require('_http_client');
const { methods } = require('_http_common');
const { IncomingMessage } = require('_http_incoming');
const { validateHeaderName, validateHeaderValue, OutgoingMessage } = require('_http_outgoing');
const { _connectionListener, STATUS_CODES, Server, ServerResponse } = require('_http_server');
const { defaultMaxHeaderSize } = require('internal/http_parser');
const { validateInteger } = require('internal/errors');

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}

function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

function setMaxIdleHTTPParsers(max) {
  validateInteger(max, 'max', 1);
  require('_http_common').parsers.max = max;
}

module.exports = {
  _connectionListener,
  METHODS: methods,
  STATUS_CODES,
  Agent: httpAgent.Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  setMaxIdleHTTPParsers,
};

Object.defineProperty(module.exports, 'maxHeaderSize', {
  configurable: true,
  enumerable: true,
  get() { return defaultMaxHeaderSize(); },
});

// The WebSocket client's classes (node's come from undici), whatever --experimental-websocket says.
Object.defineProperties(module.exports, {
  WebSocket: { configurable: true, enumerable: true, get() { return require('internal/websocket').WebSocket; } },
  CloseEvent: { configurable: true, enumerable: true, get() { return require('internal/websocket').CloseEvent; } },
  MessageEvent: { configurable: true, enumerable: true, get() { return require('worker_threads').MessageEvent; } },
});

Object.defineProperty(module.exports, 'globalAgent', {
  configurable: true,
  enumerable: true,
  get() { return httpAgent.globalAgent; },
  set(value) { httpAgent.globalAgent = value; },
});
