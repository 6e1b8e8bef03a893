'use strict';
// The http server: Server (a net.Server whose connections each get a request parser),
// ServerResponse, the per-connection request queue (pipelining, keep-alive, 100-continue,
// upgrades) and the headers/request/keep-alive timeouts.

const net = require('net');
const EE = require('events');
const dc = require('diagnostics_channel');
const {
  validateInteger, validateBoolean, validateObject, validateFunction, outOfRange, invalidArgType,
} = require('internal/errors');
const kOptimizeEmptyRequests = Symbol('optimizeEmptyRequests');
const {
  parsers, freeParser, CRLF, continueExpression, chunkExpression, kIncomingMessage, kRequestTimeout, HTTPParser,
  _checkInvalidHeaderChar: checkInvalidHeaderChar, prepareError, kOnTimeout, validateHttpValidation, parserLenientFlags,
  lenientOutgoingHeaders,
} = require('_http_common');
const {
  OutgoingMessage, kUniqueHeaders, parseUniqueHeadersOption, validateHeaderName, validateHeaderValue,
} = require('_http_outgoing');
const { IncomingMessage } = require('_http_incoming');
const {
  httpError, connResetException, kOutHeaders, kNeedDrain, kServerResponse, validateLinkHeaderValue, kLenientHeaders,
  isTraceHTTPEnabled, traceBegin, traceEnd,
} = require('internal/http');

const onRequestStartChannel = dc.channel('http.server.request.start');
const onResponseCreatedChannel = dc.channel('http.server.response.created');
const onResponseFinishChannel = dc.channel('http.server.response.finish');

const kConnections = Symbol('http.server.connections');
const kConnectionsCheckingInterval = Symbol('http.server.connectionsCheckingInterval');

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
  511: 'Network Authentication Required',
};

const badRequestResponse = `HTTP/1.1 400 ${STATUS_CODES[400]}\r\nConnection: close\r\n\r\n`;
const requestTimeoutResponse = `HTTP/1.1 408 ${STATUS_CODES[408]}\r\nConnection: close\r\n\r\n`;
const requestHeaderFieldsTooLargeResponse = `HTTP/1.1 431 ${STATUS_CODES[431]}\r\nConnection: close\r\n\r\n`;
const requestChunkExtensionsTooLargeResponse = `HTTP/1.1 413 ${STATUS_CODES[413]}\r\nConnection: close\r\n\r\n`;

const noop = () => {};

function ServerResponse(req, options) {
  OutgoingMessage.call(this, options);
  if (req.method === 'HEAD') this._hasBody = false;
  this.req = req;
  this.sendDate = true;
  this._sent100 = false;
  this._expect_continue = false;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = chunkExpression.test(req.headers.te);
    this.shouldKeepAlive = false;
  }
  if (onResponseCreatedChannel.hasSubscribers) onResponseCreatedChannel.publish({ request: req, response: this });
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype.statusCode = 200;
ServerResponse.prototype.statusMessage = undefined;

ServerResponse.prototype._finish = function _finish() {
  if (onResponseFinishChannel.hasSubscribers) {
    onResponseFinishChannel.publish({ request: this.req, response: this, socket: this.socket, server: this.socket?.server });
  }
  OutgoingMessage.prototype._finish.call(this);
};

function onServerResponseClose() {
  const res = this._httpMessage;
  if (res) {
    res.destroyed = true;
    res._closed = true;
    res.emit('close');
  }
}

ServerResponse.prototype.assignSocket = function assignSocket(socket) {
  if (socket._httpMessage) throw httpError('ERR_HTTP_SOCKET_ASSIGNED');
  socket._httpMessage = this;
  socket.on('close', onServerResponseClose);
  this.socket = socket;
  this.emit('socket', socket);
  this._flush();
};

ServerResponse.prototype.detachSocket = function detachSocket(socket) {
  socket.removeListener('close', onServerResponseClose);
  socket._httpMessage = null;
  this.socket = null;
};

ServerResponse.prototype.writeContinue = function writeContinue(cb) {
  this._writeRaw(`HTTP/1.1 100 Continue${CRLF}${CRLF}`, 'ascii', cb);
  this._sent100 = true;
};

ServerResponse.prototype.writeProcessing = function writeProcessing(cb) {
  this._writeRaw(`HTTP/1.1 102 Processing${CRLF}${CRLF}`, 'ascii', cb);
};

ServerResponse.prototype.writeEarlyHints = function writeEarlyHints(hints, cb) {
  let head = 'HTTP/1.1 103 Early Hints\r\n';
  validateObject(hints, 'hints');
  if (hints.link === null || hints.link === undefined) return;
  const link = validateLinkHeaderValue(hints.link);
  if (link.length === 0) return;
  head += `Link: ${link}\r\n`;
  for (const key of Object.keys(hints)) {
    if (key !== 'link') {
      validateHeaderName(key);
      validateHeaderValue(key, hints[key]);
      head += `${key}: ${hints[key]}\r\n`;
    }
  }
  head += '\r\n';
  this._writeRaw(head, 'ascii', cb);
};

ServerResponse.prototype.writeInformation = function writeInformation(statusCode, headers, cb) {
  if (this._header) throw httpError('ERR_HTTP_HEADERS_SENT', 'write');
  validateInteger(statusCode, 'statusCode', 100, 199);
  if (statusCode === 101) throw httpError('ERR_HTTP_INVALID_STATUS_CODE', statusCode);
  let head = `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] || 'unknown'}\r\n`;
  const line = (name, value) => {
    validateHeaderName(name);
    if (Array.isArray(value)) return value.map((item) => line(name, item)).join('');
    validateHeaderValue(name, value);
    return `${name}: ${value}\r\n`;
  };
  if (headers !== undefined && headers !== null) {
    if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) {
        for (const entry of headers) head += line(entry[0], entry[1]);
      } else {
        if (headers.length % 2 !== 0) throw require('internal/errors').invalidArgValue('headers', headers);
        for (let i = 0; i < headers.length; i += 2) head += line(headers[i], headers[i + 1]);
      }
    } else {
      validateObject(headers, 'headers');
      for (const key of Object.keys(headers)) head += line(key, headers[key]);
    }
  }
  head += '\r\n';
  return this._writeRaw(head, 'ascii', cb);
};

ServerResponse.prototype._implicitHeader = function _implicitHeader() {
  this.writeHead(this.statusCode);
};

ServerResponse.prototype.writeHead = function writeHead(statusCode, reason, obj) {
  if (this._header) throw httpError('ERR_HTTP_HEADERS_SENT', 'write');
  const originalStatusCode = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) throw httpError('ERR_HTTP_INVALID_STATUS_CODE', originalStatusCode);

  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    this.statusMessage ||= STATUS_CODES[statusCode] || 'unknown';
    obj ??= reason;
  }
  this.statusCode = statusCode;

  let headers;
  if (this[kOutHeaders]) {
    if (obj) {
      if (Array.isArray(obj)) {
        if (obj.length % 2 !== 0) throw require('internal/errors').invalidArgValue('headers', obj);
        for (let n = 0; n < obj.length; n += 2) this.removeHeader(obj[n]);
        for (let n = 0; n < obj.length; n += 2) this.appendHeader(obj[n], obj[n + 1]);
      } else {
        for (const k of Object.keys(obj)) {
          if (k) this.setHeader(k, obj[k]);
        }
      }
    }
    headers = this[kOutHeaders];
  } else {
    headers = obj;
  }

  if (checkInvalidHeaderChar(this.statusMessage)) throw httpError('ERR_INVALID_CHAR', 'statusMessage');
  const statusLine = `HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`;
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this._hasBody = false;
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  this._storeHeader(statusLine, headers);
  return this;
};

ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

// The server's open connections and the state of the message each is reading.
class ConnectionsList {
  constructor() {
    this.sockets = new Set();
  }
  add(socket) { this.sockets.add(socket); }
  remove(socket) { this.sockets.delete(socket); }
  all() { return [...this.sockets]; }
  idle() {
    return this.all().filter((socket) => !socket._httpMessage && !(socket.parser && socket.parser.messageStart));
  }
  expired(headersTimeout, requestTimeout) {
    const now = Date.now();
    return this.all().filter((socket) => {
      const parser = socket.parser;
      if (!parser || !parser.messageStart) return false;
      const elapsed = now - parser.messageStart;
      if (!parser.headersCompleted && headersTimeout > 0 && elapsed > headersTimeout) return true;
      return requestTimeout > 0 && elapsed > requestTimeout;
    });
  }
}

function storeHTTPOptions(options) {
  this[kIncomingMessage] = options.IncomingMessage || IncomingMessage;
  this[kServerResponse] = options.ServerResponse || ServerResponse;

  const { maxHeaderSize } = options;
  if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
  this.maxHeaderSize = maxHeaderSize;

  const { optimizeEmptyRequests } = options;
  if (optimizeEmptyRequests !== undefined) validateBoolean(optimizeEmptyRequests, 'options.optimizeEmptyRequests');
  this[kOptimizeEmptyRequests] = optimizeEmptyRequests || false;

  const { insecureHTTPParser } = options;
  if (insecureHTTPParser !== undefined) validateBoolean(insecureHTTPParser, 'options.insecureHTTPParser');
  validateHttpValidation(options);
  this.insecureHTTPParser = insecureHTTPParser;
  this.httpValidation = options.httpValidation;

  const { requestTimeout } = options;
  if (requestTimeout !== undefined) {
    validateInteger(requestTimeout, 'requestTimeout', 0);
    this.requestTimeout = requestTimeout;
  } else {
    this.requestTimeout = 300_000;
  }

  const { headersTimeout } = options;
  if (headersTimeout !== undefined) {
    validateInteger(headersTimeout, 'headersTimeout', 0);
    this.headersTimeout = headersTimeout;
  } else {
    this.headersTimeout = Math.min(60_000, this.requestTimeout);
  }
  if (this.requestTimeout > 0 && this.headersTimeout > 0 && this.headersTimeout > this.requestTimeout) {
    throw outOfRange('http.Server.headersTimeout', '<= http.Server.requestTimeout', headersTimeout);
  }

  const { keepAliveTimeout } = options;
  if (keepAliveTimeout !== undefined) {
    validateInteger(keepAliveTimeout, 'keepAliveTimeout', 0);
    this.keepAliveTimeout = keepAliveTimeout;
  } else {
    this.keepAliveTimeout = 5_000;
  }

  // How much longer than the keepAliveTimeout it advertises the server keeps an idle
  // connection, so that a client reusing it at the last moment does not find it closed.
  const { keepAliveTimeoutBuffer } = options;
  if (keepAliveTimeoutBuffer !== undefined) {
    validateInteger(keepAliveTimeoutBuffer, 'keepAliveTimeoutBuffer', 0);
    this.keepAliveTimeoutBuffer = keepAliveTimeoutBuffer;
  } else {
    this.keepAliveTimeoutBuffer = 1_000;
  }

  const { connectionsCheckingInterval } = options;
  if (connectionsCheckingInterval !== undefined) {
    validateInteger(connectionsCheckingInterval, 'connectionsCheckingInterval', 0);
    this.connectionsCheckingInterval = connectionsCheckingInterval;
  } else {
    this.connectionsCheckingInterval = 30_000;
  }

  const { requireHostHeader } = options;
  if (requireHostHeader !== undefined) {
    validateBoolean(requireHostHeader, 'options.requireHostHeader');
    this.requireHostHeader = requireHostHeader;
  } else {
    this.requireHostHeader = true;
  }

  const { joinDuplicateHeaders } = options;
  if (joinDuplicateHeaders !== undefined) validateBoolean(joinDuplicateHeaders, 'options.joinDuplicateHeaders');
  this.joinDuplicateHeaders = joinDuplicateHeaders;

  const { rejectNonStandardBodyWrites } = options;
  if (rejectNonStandardBodyWrites !== undefined) {
    validateBoolean(rejectNonStandardBodyWrites, 'options.rejectNonStandardBodyWrites');
    this.rejectNonStandardBodyWrites = rejectNonStandardBodyWrites;
  } else {
    this.rejectNonStandardBodyWrites = false;
  }

  const { shouldUpgradeCallback } = options;
  if (shouldUpgradeCallback !== undefined) {
    validateFunction(shouldUpgradeCallback, 'options.shouldUpgradeCallback');
    this.shouldUpgradeCallback = shouldUpgradeCallback;
  } else {
    this.shouldUpgradeCallback = function shouldUpgradeCallback() {
      return this.listenerCount('upgrade') > 0;
    };
  }
}

function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') {
    requestListener = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else {
    validateObject(options, 'options');
  }
  storeHTTPOptions.call(this, options);
  net.Server.call(this, {
    allowHalfOpen: true,
    noDelay: options.noDelay ?? true,
    keepAlive: options.keepAlive,
    keepAliveInitialDelay: options.keepAliveInitialDelay,
    highWaterMark: options.highWaterMark,
  });
  if (requestListener) this.on('request', requestListener);
  this.httpAllowHalfOpen = false;
  this.on('connection', connectionListener);
  this.on('listening', setupConnectionsTracking);
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.maxRequestsPerSocket = 0;
  this[kUniqueHeaders] = parseUniqueHeadersOption(options.uniqueHeaders);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

Server.prototype[Symbol.asyncDispose] = async function asyncDispose() {
  await new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

Server.prototype.close = function close() {
  httpServerPreClose(this);
  return net.Server.prototype.close.apply(this, arguments);
};

Server.prototype.closeAllConnections = function closeAllConnections() {
  if (!this[kConnections]) return;
  for (const socket of this[kConnections].all()) socket.destroy();
};

Server.prototype.closeIdleConnections = function closeIdleConnections() {
  if (!this[kConnections]) return;
  for (const socket of this[kConnections].idle()) socket.destroy();
};

Server.prototype.setTimeout = function setTimeout(msecs, callback) {
  this.timeout = msecs;
  if (callback) this.on('timeout', callback);
  return this;
};

Server.prototype[EE.captureRejectionSymbol] = function captureRejection(err, event, ...args) {
  switch (event) {
    case 'request': {
      const { 1: res } = args;
      if (!res.headersSent && !res.writableEnded) {
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        res.statusCode = 500;
        res.end(STATUS_CODES[500]);
      } else {
        res.destroy();
      }
      break;
    }
    default:
      net.Server.prototype[EE.captureRejectionSymbol].apply(this, [err, event, ...args]);
  }
};

function httpServerPreClose(server) {
  server.closeIdleConnections();
  clearInterval(server[kConnectionsCheckingInterval]);
}

function setupConnectionsTracking() {
  if (!this[kConnections]) this[kConnections] = new ConnectionsList();
  if (this.headersTimeout > 0 || this.requestTimeout > 0) {
    clearInterval(this[kConnectionsCheckingInterval]);
    this[kConnectionsCheckingInterval] = setInterval(checkConnections.bind(this), this.connectionsCheckingInterval);
    this[kConnectionsCheckingInterval].unref();
  }
}

function checkConnections() {
  if (this.headersTimeout === 0 && this.requestTimeout === 0) return;
  for (const socket of this[kConnections].expired(this.headersTimeout, this.requestTimeout)) {
    if (socket.parser) {
      socket.parser.messageStart = 0;
      onRequestTimeout(socket);
    }
  }
}

function onRequestTimeout(socket) {
  socket[kRequestTimeout] = undefined;
  Reflect.apply(socketOnError, socket, [httpError('ERR_HTTP_REQUEST_TIMEOUT')]);
}

function connectionListener(socket) {
  connectionListenerInternal(this, socket);
}

// The async resource of a connection's request parser.
class HTTPServerAsyncResource {
  constructor(type, socket) {
    this.type = type;
    this.socket = socket;
  }
}

function connectionListenerInternal(server, socket) {
  socket.server = server;
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', socketOnTimeout);
  socket.setEncoding = socketSetEncoding;

  const parser = parsers.alloc();
  parser.initialize(HTTPParser.REQUEST, new HTTPServerAsyncResource('HTTPINCOMINGMESSAGE', socket), server.maxHeaderSize || 0,
    parserLenientFlags(server));
  parser.socket = socket;
  parser.consumesReads = true;
  socket.parser = parser;
  if (typeof server.maxHeadersCount === 'number') {
    parser.maxHeaderPairs = server.maxHeadersCount << 1;
    // More header lines than the server allows is an overflow (431), not a truncation.
    parser.maxHeaderFields = server.maxHeadersCount;
  }

  if (!server[kConnections]) server[kConnections] = new ConnectionsList();
  server[kConnections].add(socket);

  const state = {
    onData: null,
    onEnd: null,
    onClose: null,
    onDrain: null,
    outgoing: [],
    incoming: [],
    outgoingData: 0,
    requestsCount: 0,
    keepAliveTimeoutSet: false,
  };
  state.onData = socketOnData.bind(undefined, server, socket, parser, state);
  state.onEnd = socketOnEnd.bind(undefined, server, socket, parser, state);
  state.onClose = socketOnClose.bind(undefined, socket, state);
  state.onDrain = socketOnDrain.bind(undefined, socket, state);
  socket.on('data', state.onData);
  socket.on('error', socketOnError);
  socket.on('end', state.onEnd);
  socket.on('close', state.onClose);
  socket.on('drain', state.onDrain);
  socket.on('resume', onSocketResume);
  socket.on('pause', onSocketPause);

  parser.onIncoming = parserOnIncoming.bind(undefined, server, socket, state);
  parser[kOnTimeout] = onParserTimeout.bind(undefined, server, socket);
  socket._paused = false;
}

function updateOutgoingData(socket, state, delta) {
  state.outgoingData += delta;
  socketOnDrain(socket, state);
}

function socketOnDrain(socket, state) {
  const needPause = state.outgoingData > socket.writableHighWaterMark;
  if (socket._paused && !needPause) {
    socket._paused = false;
    if (socket.parser) socket.parser.resume();
    socket.resume();
  }
  const msg = socket._httpMessage;
  // Only once the response holds nothing back: called from _flushOutput, the bytes just
  // handed to the socket may still sit in its buffer, whose own 'drain' comes back here.
  if (msg && !msg.finished && msg[kNeedDrain] && msg.writableLength === 0) {
    msg[kNeedDrain] = false;
    msg.emit('drain');
  }
}

// The parser's timeout slot, as node fills it: the server's 'timeout' listeners get the
// socket, else it is destroyed.
function onParserTimeout(server, socket) {
  if (!server.emit('timeout', socket)) socket.destroy();
}

// The parser reads bytes: a server's sockets keep no text encoding.
function socketSetEncoding() {
  throw httpError('ERR_HTTP_SOCKET_ENCODING');
}

function socketOnTimeout() {
  const req = this.parser?.incoming;
  const reqTimeout = req && !req.complete && req.emit('timeout', this);
  const res = this._httpMessage;
  const resTimeout = res && res.emit('timeout', this);
  const serverTimeout = this.server.emit('timeout', this);
  if (!reqTimeout && !resTimeout && !serverTimeout) this.destroy();
}

function socketOnClose(socket, state) {
  socket.server?.[kConnections]?.remove(socket);
  freeParser(socket.parser, null, socket);
  abortIncoming(state.incoming);
  // Responses queued behind the one on the socket will never have it: they close too.
  abortOutgoing(state.outgoing);
}

function abortOutgoing(outgoing) {
  while (outgoing.length) outgoing.shift().destroy();
}

function abortIncoming(incoming) {
  while (incoming.length) {
    const req = incoming.shift();
    req.destroy(connResetException('aborted'));
  }
}

function socketOnEnd(server, socket, parser, state) {
  const ret = parser.finish();
  if (ret instanceof Error) {
    Reflect.apply(socketOnError, socket, [ret]);
  } else if (!server.httpAllowHalfOpen) {
    socket.end();
  } else if (state.outgoing.length) {
    state.outgoing[state.outgoing.length - 1]._last = true;
  } else if (socket._httpMessage) {
    socket._httpMessage._last = true;
  } else {
    socket.end();
  }
}

function socketOnData(server, socket, parser, state, d) {
  const ret = parser.execute(d);
  onParserExecuteCommon(server, socket, parser, state, ret, d);
}

function onParserExecuteCommon(server, socket, parser, state, ret, d) {
  resetSocketTimeout(server, socket, state);
  if (ret instanceof Error) {
    prepareError(ret, parser, d);
    Reflect.apply(socketOnError, socket, [ret]);
  } else if (parser.incoming && parser.incoming.upgrade) {
    const req = parser.incoming;
    const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
    if (server.listenerCount(eventName) > 0) {
      socket.removeListener('data', state.onData);
      socket.removeListener('end', state.onEnd);
      socket.removeListener('close', state.onClose);
      socket.removeListener('drain', state.onDrain);
      socket.removeListener('error', socketOnError);
      socket.removeListener('timeout', socketOnTimeout);
      socket.removeListener('resume', onSocketResume);
      socket.removeListener('pause', onSocketPause);
      server[kConnections]?.remove(socket);
      parser.finish();
      freeParser(parser, req, socket);
      const bodyHead = d.slice(ret, d.length);
      socket.readableFlowing = null;
      server.emit(eventName, req, socket, bodyHead);
    } else {
      socket.destroy();
    }
  } else if (parser.incoming && parser.incoming.method === 'PRI') {
    socket.destroy();
  }
}

function clearIncoming(req) {
  req ||= this;
  const parser = req.socket?.parser;
  if (parser && parser.incoming === req) {
    if (req.readableEnded) parser.incoming = null;
    else req.on('end', clearIncoming);
  }
}

function resOnFinish(req, res, socket, state, server) {
  if (typeof res._traceEventId === 'number' && isTraceHTTPEnabled()) {
    traceEnd('http.server.request', res._traceEventId, { url: req.url, statusCode: res.statusCode });
  }
  state.incoming.shift();
  if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
  res.detachSocket(socket);
  clearIncoming(req);
  process.nextTick(emitCloseNT, res);

  if (res._last) {
    if (typeof socket.destroySoon === 'function') socket.destroySoon();
    else socket.end();
  } else if (state.outgoing.length === 0) {
    if (server.keepAliveTimeout && typeof socket.setTimeout === 'function') {
      socket.setTimeout(server.keepAliveTimeout + server.keepAliveTimeoutBuffer);
      state.keepAliveTimeoutSet = true;
    }
  } else {
    const m = state.outgoing.shift();
    if (m) m.assignSocket(socket);
  }
}

function emitCloseNT(self) {
  if (!self._closed) {
    self.destroyed = true;
    self._closed = true;
    self.emit('close');
  }
}

function parserOnIncoming(server, socket, state, req, keepAlive) {
  resetSocketTimeout(server, socket, state);

  if (req.upgrade) {
    req.upgrade = req.method === 'CONNECT' || !!server.shouldUpgradeCallback(req);
    if (req.upgrade) return 2;
  }

  state.incoming.push(req);

  if (!socket._paused) {
    const ws = socket._writableState;
    if (ws.needDrain || state.outgoingData >= socket.writableHighWaterMark) {
      socket._paused = true;
      socket.pause();
    }
  }

  const traceEventId = isTraceHTTPEnabled() ? traceBegin('http.server.request', { url: req.url, method: req.method }) : undefined;
  const res = new server[kServerResponse](req, {
    highWaterMark: socket.writableHighWaterMark,
    rejectNonStandardBodyWrites: server.rejectNonStandardBodyWrites,
  });
  if (traceEventId !== undefined) res._traceEventId = traceEventId;
  res._keepAliveTimeout = server.keepAliveTimeout;
  res._maxRequestsPerSocket = server.maxRequestsPerSocket;
  res._onPendingData = updateOutgoingData.bind(undefined, socket, state);
  res.shouldKeepAlive = keepAlive;
  res[kUniqueHeaders] = server[kUniqueHeaders];
  res[kLenientHeaders] = lenientOutgoingHeaders(server);

  if (onRequestStartChannel.hasSubscribers) {
    onRequestStartChannel.publish({ request: req, response: res, socket, server });
  }

  // With optimizeEmptyRequests, a request that declares no body (no Content-Length, no
  // Transfer-Encoding) is handed over already ended and dumped: no 'data', 'end' or 'close'.
  if (server[kOptimizeEmptyRequests] && !('content-length' in req.headers) && !('transfer-encoding' in req.headers)) {
    req._dumpAndCloseReadable();
    req._read();
  }

  if (socket._httpMessage) state.outgoing.push(res);
  else res.assignSocket(socket);

  res.on('finish', resOnFinish.bind(undefined, req, res, socket, state, server));

  if (server.maxRequestsPerSocket > 0) {
    state.requestsCount++;
    res.maxRequestsOnConnectionReached = server.maxRequestsPerSocket <= state.requestsCount;
    if (state.requestsCount > server.maxRequestsPerSocket) {
      server.emit('dropRequest', req, socket);
      res.writeHead(503);
      res.end();
      return 0;
    }
  }

  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
    if (server.requireHostHeader && req.headers.host === undefined) {
      res.writeHead(400, ['Connection', 'close']);
      res.end();
      return 0;
    }
    const isRequestsLimitSet = typeof server.maxRequestsPerSocket === 'number' && server.maxRequestsPerSocket > 0;
    if (req.headers.expect !== undefined && !isRequestsLimitSet) {
      if (continueExpression.test(req.headers.expect)) {
        res._expect_continue = true;
        if (server.listenerCount('checkContinue') > 0) {
          server.emit('checkContinue', req, res);
        } else {
          res.writeContinue();
          server.emit('request', req, res);
        }
      } else if (server.listenerCount('checkExpectation') > 0) {
        server.emit('checkExpectation', req, res);
      } else {
        res.writeHead(417);
        res.end();
      }
      return 0;
    }
  }
  server.emit('request', req, res);
  return 0;
}

function resetSocketTimeout(server, socket, state) {
  if (!state.keepAliveTimeoutSet) return;
  socket.setTimeout(server.timeout || 0);
  state.keepAliveTimeoutSet = false;
}

function onSocketResume() {
  if (this._paused) this.pause();
}

function onSocketPause() {}

function socketOnError(e) {
  this.removeListener('error', socketOnError);
  if (this.listenerCount('error') === 0) this.on('error', noop);
  if (!this.server.emit('clientError', e, this)) {
    if (this.writable && (!this._httpMessage || !this._httpMessage._headerSent)) {
      let response;
      switch (e.code) {
        case 'HPE_HEADER_OVERFLOW': response = requestHeaderFieldsTooLargeResponse; break;
        case 'HPE_CHUNK_EXTENSIONS_OVERFLOW': response = requestChunkExtensionsTooLargeResponse; break;
        case 'ERR_HTTP_REQUEST_TIMEOUT': response = requestTimeoutResponse; break;
        default: response = badRequestResponse;
      }
      this.write(response);
    }
    this.destroy(e);
  }
}

module.exports = {
  STATUS_CODES,
  Server,
  ServerResponse,
  setupConnectionsTracking,
  storeHTTPOptions,
  _connectionListener: connectionListener,
  kServerResponse,
  httpServerPreClose,
  kConnectionsCheckingInterval,
};
