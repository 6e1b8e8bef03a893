'use strict';
// What the http modules share: the cached Date header, symbols, and node's http errors.

const { codedError, invalidArgValue } = require('internal/errors');

let cachedDate;
let dateTimer;
function utcDate() {
  if (!cachedDate) {
    cachedDate = new Date().toUTCString();
    dateTimer = setTimeout(() => { cachedDate = undefined; }, 1000 - new Date().getMilliseconds());
    dateTimer.unref();
  }
  return cachedDate;
}

function connResetException(message) {
  const err = new Error(message);
  err.code = 'ECONNRESET';
  return err;
}

const messages = {
  ERR_HTTP_HEADERS_SENT: [Error, (action) => `Cannot ${action} headers after they are sent to the client`],
  ERR_HTTP_INVALID_HEADER_VALUE: [TypeError, (value, name) => `Invalid value "${value}" for header "${name}"`],
  ERR_INVALID_HTTP_TOKEN: [TypeError, (name, token) => `${name} must be a valid HTTP token ["${token}"]`],
  ERR_INVALID_CHAR: [TypeError, (name, field) => `Invalid character in ${name}${field === undefined ? '' : ` ["${field}"]`}`],
  ERR_HTTP_TRAILER_INVALID: [Error, () => 'Trailers are invalid with this transfer encoding'],
  ERR_METHOD_NOT_IMPLEMENTED: [Error, (method) => `The ${method} method is not implemented`],
  ERR_STREAM_WRITE_AFTER_END: [Error, () => 'write after end'],
  ERR_STREAM_DESTROYED: [Error, (name) => `Cannot call ${name} after a stream was destroyed`],
  ERR_STREAM_CANNOT_PIPE: [Error, () => 'Cannot pipe, not readable'],
  ERR_STREAM_NULL_VALUES: [TypeError, () => 'May not write null values to stream'],
  ERR_STREAM_ALREADY_FINISHED: [Error, (name) => `Cannot call ${name} after a stream was finished`],
  ERR_HTTP_CONTENT_LENGTH_MISMATCH: [Error, (actual, expected) =>
    `Response body's content-length of ${actual} byte(s) does not match the content-length of ${expected} byte(s) specified by header`],
  ERR_HTTP_BODY_NOT_ALLOWED: [Error, () => 'Adding content for this request method or response status is not allowed.'],
  ERR_HTTP_INVALID_STATUS_CODE: [RangeError, (code) => `Invalid status code: ${typeof code === 'string' ? code : require('internal/inspect').inspect(code)}`],
  ERR_HTTP_SOCKET_ENCODING: [Error, () => 'Changing the socket encoding is not allowed per RFC7230 Section 3.'],
  ERR_HTTP_SOCKET_ASSIGNED: [Error, () => 'ServerResponse has an already assigned socket'],
  ERR_HTTP_REQUEST_TIMEOUT: [Error, () => 'Request timeout'],
  ERR_INVALID_PROTOCOL: [TypeError, (protocol, expected) => `Protocol "${protocol}" not supported. Expected "${expected}"`],
  ERR_UNESCAPED_CHARACTERS: [TypeError, (name) => `${name} contains unescaped characters`],
  ERR_MISSING_ARGS: [TypeError, (name) => `The "${name}" argument must be specified`],
  ERR_INVALID_URL: [TypeError, () => 'Invalid URL'],
};

function httpError(code, ...args) {
  const [Base, message] = messages[code];
  return codedError(Base, code, message(...args));
}

// An Early Hints `link`: one link value or a list of them (joined), each `<uri>; param=value...`.
// No CR or LF anywhere: a link is written into a header line.
const linkValueRegExp = /^(?:<[^>\r\n]*>)(?:\s*;\s*[^;"\s]+(?:=(")?[^;"\s]*\1)?)*$/;

function validateLinkHeaderValue(hints) {
  if (typeof hints === 'string') {
    if (linkValueRegExp.test(hints)) return hints;
  } else if (Array.isArray(hints)) {
    if (hints.length === 0) return '';
    if (hints.every((link) => linkValueRegExp.test(link))) return hints.join(', ');
  }
  throw invalidArgValue('hints', hints,
    'must be an array or string of format "</styles.css>; rel=preload; as=style"');
}

// The node.http trace events: a request's begin and end, on the server and the client.
const traceBinding = binding.traceEvents();
const kTraceHTTPCategory = 'node,node.http';
let lastTraceEventId = 0;
function isTraceHTTPEnabled() {
  return traceBinding.isTraceCategoryEnabled(kTraceHTTPCategory);
}
function traceBegin(name, data) {
  const id = ++lastTraceEventId;
  traceBinding.trace('b'.charCodeAt(0), kTraceHTTPCategory, name, id, data);
  return id;
}
function traceEnd(name, id, data) {
  traceBinding.trace('e'.charCodeAt(0), kTraceHTTPCategory, name, id, data);
}

module.exports = {
  isTraceHTTPEnabled,
  traceBegin,
  traceEnd,
  utcDate,
  validateLinkHeaderValue,
  connResetException,
  httpError,
  kOutHeaders: Symbol('kOutHeaders'),
  kNeedDrain: Symbol('kNeedDrain'),
  kIncomingMessage: Symbol('IncomingMessage'),
  kServerResponse: Symbol('ServerResponse'),
  kRequestTimeout: Symbol('RequestTimeout'),
  // Whether a message's header values may hold control characters (its server's or
  // request's httpValidation or insecureHTTPParser).
  kLenientHeaders: Symbol('kLenientHeaders'),
};
