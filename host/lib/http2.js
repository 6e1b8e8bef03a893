'use strict';
// http2: HTTP/2 over net and tls sockets on nghttp2 (internal/http2/core), node's
// compatibility request/response pair (internal/http2/compat) and the settings helpers.

const {
  connect, createServer, createSecureServer,
} = require('internal/http2/core');
const { Http2ServerRequest, Http2ServerResponse } = require('internal/http2/compat');
const {
  constants, getDefaultSettings, getPackedSettings, getUnpackedSettings, kSensitiveHeaders,
} = require('internal/http2/util');

function performServerHandshake(socket, options = {}) {
  const { ServerHttp2Session } = require('internal/http2/core');
  return new ServerHttp2Session({ ...options }, socket, undefined);
}

module.exports = {
  connect,
  constants,
  createServer,
  createSecureServer,
  getDefaultSettings,
  getPackedSettings,
  getUnpackedSettings,
  performServerHandshake,
  sensitiveHeaders: kSensitiveHeaders,
  Http2ServerRequest,
  Http2ServerResponse,
};
