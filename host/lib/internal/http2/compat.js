'use strict';
// http2's compatibility API: the 'request' event's Http2ServerRequest (a Readable over the
// stream's data) and Http2ServerResponse (http.ServerResponse's methods over stream.respond),
// so code written for http's server runs on HTTP/2 streams.

const { Readable, Stream } = require('stream');
const { Buffer } = require('buffer');
const { codedError, invalidArgType, validateFunction, validateObject } = require('internal/errors');
const { validateLinkHeaderValue } = require('internal/http');
const { constants, errors, kSensitiveHeaders } = require('internal/http2/util');

const kStream = Symbol('stream');
const kRequest = Symbol('request');
const kResponse = Symbol('response');
const kHeaders = Symbol('headers');
const kRawHeaders = Symbol('rawHeaders');
const kTrailers = Symbol('trailers');
const kRawTrailers = Symbol('rawTrailers');
const kState = Symbol('state');
const kSetHeader = Symbol('setHeader');
const kAborted = Symbol('aborted');

function invalidHttpToken(name) {
  return codedError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `Header name must be a valid HTTP token ["${name}"]`);
}

function validateHeaderName(name) {
  if (typeof name !== 'string' || !name || !/^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/.test(name)) throw invalidHttpToken(name);
}

function validateHeaderValue(name, value) {
  if (value === undefined || value === null) throw errors.INVALID_HEADER_VALUE(value, name);
  if (/[^\t\x20-\x7e\x80-\xff]/.test(String(value))) {
    throw codedError(TypeError, 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
  }
}

let statusMessageWarned = false;
let connectionHeaderWarned = false;
function statusMessageWarn() {
  if (statusMessageWarned) return;
  statusMessageWarned = true;
  process.emitWarning('Status message is not supported by HTTP/2 (RFC7540 8.1.2.4)', 'UnsupportedWarning');
}

const kProxySocket = Symbol('proxySocket');

// The socket as the compatibility objects show it: the stream's own state (readable,
// writable, destroyed, its events and end/destroy) over the session's socket for everything
// else; reading and writing it directly is refused, as on the session's socket.
function compatSocket(stream) {
  if (stream[kProxySocket] === undefined) stream[kProxySocket] = new Proxy(stream, compatSocketHandler);
  return stream[kProxySocket];
}

function socketOf(stream) {
  const session = stream.session;
  return session !== undefined ? session[require('internal/http2/core').kSocket] : stream;
}

const streamOwned = new Set(['on', 'once', 'end', 'emit', 'destroy']);
const refused = new Set(['write', 'read', 'pause', 'resume']);

const compatSocketHandler = {
  has(stream, prop) {
    return prop in stream || prop in socketOf(stream);
  },
  get(stream, prop) {
    if (streamOwned.has(prop)) return stream[prop].bind(stream);
    if (prop === 'writable' || prop === 'destroyed') return stream[prop];
    if (prop === 'readable') {
      if (stream.destroyed) return false;
      const request = stream[kRequest];
      return request ? request.readable : stream.readable;
    }
    if (prop === 'setTimeout') {
      const session = stream.session;
      return session !== undefined ? session.setTimeout.bind(session) : stream.setTimeout.bind(stream);
    }
    if (refused.has(prop)) throw errors.NO_SOCKET_MANIPULATION();
    const target = socketOf(stream);
    const value = target[prop];
    return typeof value === 'function' ? value.bind(target) : value;
  },
  getPrototypeOf(stream) {
    return Reflect.getPrototypeOf(socketOf(stream));
  },
  set(stream, prop, value) {
    if (streamOwned.has(prop) || prop === 'writable' || prop === 'readable' || prop === 'destroyed') {
      stream[prop] = value;
      return true;
    }
    if (prop === 'setTimeout') {
      const session = stream.session;
      if (session !== undefined) session.setTimeout = value;
      else stream.setTimeout = value;
      return true;
    }
    if (refused.has(prop)) throw errors.NO_SOCKET_MANIPULATION();
    socketOf(stream)[prop] = value;
    return true;
  },
};

class Http2ServerRequest extends Readable {
  constructor(stream, headers, options, rawHeaders) {
    super({ autoDestroy: false, ...options });
    this[kState] = { closed: false, didRead: false };
    this[kHeaders] = headers;
    this[kRawHeaders] = rawHeaders;
    this[kTrailers] = {};
    this[kRawTrailers] = [];
    this[kStream] = stream;
    this[kAborted] = false;
    stream[kRequest] = this;
    stream.on('trailers', (trailers, flags, raw) => {
      this[kTrailers] = trailers;
      this[kRawTrailers] = raw;
    });
    stream.on('end', () => {
      this.push(null);
    });
    stream.on('aborted', () => {
      if (this[kState].closed) return;
      this[kAborted] = true;
      this.emit('aborted');
    });
    // As node's, the compatibility objects are not told of their stream's errors.
    stream.on('error', () => {});
    stream.on('timeout', () => this.emit('timeout'));
    stream.on('close', () => {
      const state = this[kState];
      state.closed = true;
      this.push(null);
      // As http's, a request nobody read is dumped, so it still ends.
      if (!state.didRead && !this._readableState.resumeScheduled) this.resume();
      this.emit('close');
    });
    // As node's: the stream flows only once the request is read (a request nobody reads
    // leaves its stream unread, so the stream is dumped when it closes).
    this.on('pause', () => stream.pause());
    this.on('resume', () => stream.resume());
  }

  get aborted() { return this[kAborted]; }
  get complete() { return this[kAborted] || this.readableEnded || this[kState].closed || this[kStream].destroyed; }
  get stream() { return this[kStream]; }
  get headers() { return this[kHeaders]; }
  get rawHeaders() { return this[kRawHeaders]; }
  get trailers() { return this[kTrailers]; }
  get rawTrailers() { return this[kRawTrailers]; }
  get httpVersionMajor() { return 2; }
  get httpVersionMinor() { return 0; }
  get httpVersion() { return '2.0'; }
  get socket() { return compatSocket(this[kStream]); }
  get connection() { return this.socket; }
  get method() { return this[kHeaders][':method']; }
  set method(method) {
    if (typeof method !== 'string') throw invalidArgType('method', 'of type string', method);
    if (method.trim() === '') throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'method' is invalid. Received '${method}'`);
    this[kHeaders][':method'] = method;
  }
  get authority() { return this[kHeaders][':authority'] ?? this[kHeaders].host; }
  get scheme() { return this[kHeaders][':scheme']; }
  get url() {
    return this[kHeaders][':method'] === 'CONNECT' ? this.authority : this[kHeaders][':path'];
  }
  set url(url) { this[kHeaders][':path'] = url; }

  setTimeout(msecs, callback) {
    if (!this[kState].closed) this[kStream].setTimeout(msecs, callback);
    return this;
  }

  _read() {
    const stream = this[kStream];
    if (!this[kState].didRead) {
      this[kState].didRead = true;
      stream.on('data', (chunk) => {
        if (!this.push(chunk)) stream.pause();
      });
    } else {
      process.nextTick(() => stream.resume());
    }
  }
}

class Http2ServerResponse extends Stream {
  constructor(stream, options) {
    super(options);
    this[kState] = {
      closed: false,
      ending: false,
      destroyed: false,
      headRequest: false,
      sendDate: true,
      statusCode: constants.HTTP_STATUS_OK,
    };
    this[kHeaders] = { __proto__: null };
    this[kTrailers] = { __proto__: null };
    this[kStream] = stream;
    this.writable = true;
    this.req = stream[kRequest];
    stream[kResponse] = this;
    stream.on('drain', () => this.emit('drain'));
    stream.on('aborted', () => {});
    stream.on('close', () => {
      this[kState].closed = true;
      this.writable = false;
      if (!this[kState].ending) {
        // A stream closed before the response ended.
      }
      this.emit('finish');
      this.emit('close');
    });
    stream.on('wantTrailers', () => this._sendTrailers());
    stream.on('timeout', () => this.emit('timeout'));
  }

  get _header() { return this.headersSent; }
  get writableEnded() { return this[kState].ending; }
  get finished() { return this[kState].ending; }
  get writableCorked() { return this[kStream].writableCorked; }
  get writableHighWaterMark() { return this[kStream].writableHighWaterMark; }
  get writableObjectMode() { return this[kStream].writableObjectMode; }
  get writableNeedDrain() { return this[kStream].writableNeedDrain; }
  get writableFinished() { return this[kStream].writableFinished; }
  get writableLength() { return this[kStream].writableLength; }
  get socket() { return this[kState].closed ? undefined : compatSocket(this[kStream]); }
  get connection() { return this.socket; }
  get stream() { return this[kStream]; }
  get headersSent() { return this[kStream].headersSent; }
  get sendDate() { return this[kState].sendDate; }
  set sendDate(value) { this[kState].sendDate = Boolean(value); }

  get statusCode() { return this[kState].statusCode; }
  set statusCode(code) {
    code |= 0;
    if (code >= 100 && code < 200) throw errors.INFO_STATUS_NOT_ALLOWED();
    if (code < 100 || code > 599) throw errors.STATUS_INVALID(code);
    this[kState].statusCode = code;
  }

  get statusMessage() {
    statusMessageWarn();
    return '';
  }
  set statusMessage(msg) {
    statusMessageWarn();
  }

  setTrailer(name, value) {
    if (typeof name !== 'string') throw invalidArgType('name', 'of type string', name);
    name = name.trim().toLowerCase();
    validateHeaderName(name);
    validateHeaderValue(name, value);
    this[kTrailers][name] = value;
  }

  addTrailers(headers) {
    for (const key of Object.keys(headers)) this.setTrailer(key, headers[key]);
  }

  getHeader(name) {
    if (typeof name !== 'string') throw invalidArgType('name', 'of type string', name);
    return this[kHeaders][name.trim().toLowerCase()];
  }

  getHeaderNames() {
    return Object.keys(this[kHeaders]);
  }

  getHeaders() {
    const headers = { __proto__: null };
    return Object.assign(headers, this[kHeaders]);
  }

  hasHeader(name) {
    if (typeof name !== 'string') throw invalidArgType('name', 'of type string', name);
    return this[kHeaders][name.trim().toLowerCase()] !== undefined;
  }

  removeHeader(name) {
    if (typeof name !== 'string') throw invalidArgType('name', 'of type string', name);
    if (this[kStream].headersSent) throw codedError(Error, 'ERR_HTTP2_HEADERS_SENT', 'Response has already been initiated.');
    name = name.trim().toLowerCase();
    if (name === 'date') {
      this[kState].sendDate = false;
      return;
    }
    delete this[kHeaders][name];
  }

  setHeader(name, value) {
    if (typeof name !== 'string') throw invalidArgType('name', 'of type string', name);
    if (this[kStream].headersSent) throw codedError(Error, 'ERR_HTTP2_HEADERS_SENT', 'Response has already been initiated.');
    this[kSetHeader](name, value);
    return this;
  }

  [kSetHeader](name, value) {
    name = name.trim().toLowerCase();
    if (name[0] === ':') throw errors.PSEUDOHEADER_NOT_ALLOWED();
    validateHeaderName(name);
    validateHeaderValue(name, value);
    // HTTP/1's Connection header means nothing in HTTP/2: dropped, with a warning once.
    if (name === 'connection' && value !== 'trailers') {
      if (!connectionHeaderWarned) {
        connectionHeaderWarned = true;
        process.emitWarning('The provided connection header is not valid, the value will be dropped from the header and will never be in use.', 'UnsupportedWarning');
      }
      return;
    }
    this[kHeaders][name] = value;
  }

  appendHeader(name, value) {
    if (typeof name !== 'string') throw invalidArgType('name', 'of type string', name);
    if (this[kStream].headersSent) throw codedError(Error, 'ERR_HTTP2_HEADERS_SENT', 'Response has already been initiated.');
    name = name.trim().toLowerCase();
    if (name[0] === ':') throw errors.PSEUDOHEADER_NOT_ALLOWED();
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const existing = this[kHeaders][name];
    if (existing === undefined) this[kHeaders][name] = value;
    else this[kHeaders][name] = [].concat(existing, value);
    return this;
  }

  flushHeaders() {
    if (!this[kState].closed && !this[kStream].headersSent) this.writeHead(this[kState].statusCode);
  }

  writeHead(statusCode, statusMessage, headers) {
    const state = this[kState];
    if (state.closed || this.stream.destroyed) return this;
    if (this[kStream].headersSent) throw errors.HEADERS_SENT();
    if (typeof statusMessage === 'string') statusMessageWarn();
    if (headers === undefined && typeof statusMessage === 'object') headers = statusMessage;
    let i;
    if (Array.isArray(headers)) {
      if (this[kHeaders]) {
        // Headers given as [name, value, ...] or [[name, value], ...] replace set ones of the same name.
        if (headers.length && Array.isArray(headers[0])) {
          for (i = 0; i < headers.length; i++) this[kHeaders][String(headers[i][0]).trim().toLowerCase()] = undefined;
          for (i = 0; i < headers.length; i++) this.appendHeader(headers[i][0], headers[i][1]);
        } else {
          if (headers.length % 2 !== 0) {
            throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'headers' is invalid. Received ${require('internal/inspect').inspect(headers)}`);
          }
          for (i = 0; i < headers.length; i += 2) this[kHeaders][String(headers[i]).trim().toLowerCase()] = undefined;
          for (i = 0; i < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1]);
        }
      }
    } else if (typeof headers === 'object' && headers !== null) {
      for (const key of Object.keys(headers)) this[kSetHeader](key, headers[key]);
    }
    state.statusCode = statusCode;
    this.statusCode = statusCode;
    this._beginSend();
    return this;
  }

  cork() { this[kStream].cork(); }
  uncork() { this[kStream].uncork(); }

  write(chunk, encoding, cb) {
    const state = this[kState];
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = 'utf8';
    }
    let err;
    if (state.ending) {
      err = codedError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
    } else if (state.closed) {
      err = codedError(Error, 'ERR_HTTP2_INVALID_STREAM', 'The stream has been destroyed');
    } else if (state.destroyed) {
      return false;
    }
    if (err) {
      if (typeof cb === 'function') process.nextTick(cb, err);
      this.destroy(err);
      return false;
    }
    const stream = this[kStream];
    if (!stream.headersSent) this.writeHead(state.statusCode);
    return stream.write(chunk, encoding, cb);
  }

  end(chunk, encoding, cb) {
    const stream = this[kStream];
    const state = this[kState];
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = null;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = 'utf8';
    }
    if ((state.closed || state.ending) && state.headRequest === stream.headRequest) {
      if (typeof cb === 'function') process.nextTick(cb);
      return this;
    }
    if (chunk !== null && chunk !== undefined) this.write(chunk, encoding);
    state.headRequest = stream.headRequest;
    state.ending = true;
    if (typeof cb === 'function') {
      if (stream.writableEnded) this.once('finish', cb);
      else stream.once('finish', cb);
    }
    if (!stream.headersSent) this.writeHead(this[kState].statusCode);
    if (this[kState].closed || stream.destroyed) {
      this.emit('finish');
    } else {
      stream.end();
    }
    return this;
  }

  destroy(err) {
    if (this[kState].destroyed) return;
    this[kState].destroyed = true;
    this[kStream].destroy(err);
  }

  setTimeout(msecs, callback) {
    if (this[kState].closed) return this;
    this[kStream].setTimeout(msecs, callback);
    return this;
  }

  createPushResponse(headers, callback) {
    validateFunction(callback, 'callback');
    if (this[kState].closed) {
      process.nextTick(callback, errors.INVALID_STREAM());
      return;
    }
    this[kStream].pushStream(headers, {}, (err, stream, headers, options) => {
      if (err) {
        callback(err);
        return;
      }
      callback(null, new Http2ServerResponse(stream, headers));
    });
  }

  _beginSend() {
    const state = this[kState];
    const headers = this[kHeaders];
    headers[':status'] = state.statusCode;
    const stream = this[kStream];
    if (!stream.destroyed && !stream.closed && !stream.headersSent) {
      const options = { endStream: state.ending, waitForTrailers: true, sendDate: state.sendDate };
      stream.respond(headers, options);
    }
  }

  _sendTrailers() {
    this[kStream].sendTrailers(this[kTrailers]);
  }

  writeContinue() {
    const stream = this[kStream];
    if (stream.headersSent || this[kState].closed) return false;
    stream.additionalHeaders({ ':status': constants.HTTP_STATUS_CONTINUE });
    return true;
  }

  writeInformation(statusCode, headers) {
    if (typeof statusCode !== 'number' || statusCode < 100 || statusCode > 199 || statusCode === 101) {
      throw errors.STATUS_INVALID(statusCode);
    }
    const stream = this[kStream];
    if (stream.headersSent || this[kState].closed) return false;
    const informational = { __proto__: null };
    if (headers !== undefined && headers !== null) {
      validateObject(headers, 'headers');
      Object.assign(informational, headers);
    }
    informational[':status'] = statusCode;
    stream.additionalHeaders(informational);
    return true;
  }

  writeEarlyHints(hints) {
    validateObject(hints, 'hints');
    const link = validateLinkHeaderValue(hints.link);
    const headers = { __proto__: null };
    for (const key of Object.keys(hints)) {
      if (key === 'link') continue;
      const name = key.trim().toLowerCase();
      if (name === '' || name.includes(' ')) throw invalidHttpToken(name);
      if (name[0] === ':') throw errors.PSEUDOHEADER_NOT_ALLOWED();
      if (hints[key] === undefined || hints[key] === null) throw errors.INVALID_HEADER_VALUE(hints[key], name);
      validateHeaderName(name);
      headers[name] = hints[key];
    }
    if (link.length === 0) return false;
    headers.link = link;
    return this.writeInformation(constants.HTTP_STATUS_EARLY_HINTS, headers);
  }
}

function onServerStream(ServerRequest, ServerResponse, stream, headers, flags, rawHeaders) {
  const server = this;
  const request = new ServerRequest(stream, headers, undefined, rawHeaders);
  const response = new ServerResponse(stream);
  const method = headers[':method'];
  if (method === 'CONNECT') {
    if (!server.emit('connect', request, response)) {
      response.statusCode = constants.HTTP_STATUS_METHOD_NOT_ALLOWED;
      response.end();
    }
    return;
  }
  if (headers.expect !== undefined) {
    if (headers.expect === '100-continue') {
      if (server.listenerCount('checkContinue')) {
        server.emit('checkContinue', request, response);
      } else {
        response.writeContinue();
        server.emit('request', request, response);
      }
    } else if (server.listenerCount('checkExpectation')) {
      server.emit('checkExpectation', request, response);
    } else {
      response.statusCode = constants.HTTP_STATUS_EXPECTATION_FAILED;
      response.end();
    }
    return;
  }
  server.emit('request', request, response);
}

module.exports = { Http2ServerRequest, Http2ServerResponse, onServerStream, kSensitiveHeaders, Buffer };
