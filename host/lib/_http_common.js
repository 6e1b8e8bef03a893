'use strict';
// What the http server and client share: the parser's callbacks that turn a message into an
// IncomingMessage, the parser pool, and the token and header-character checks.

const {
  HTTPParser, methods, kOnMessageBegin, kOnHeaders, kOnHeadersComplete, kOnBody, kOnMessageComplete, kOnExecute, kOnTimeout,
} = require('internal/http_parser');
const { IncomingMessage, readStart, readStop } = require('_http_incoming');
const { kIncomingMessage, kRequestTimeout } = require('internal/http');


const MAX_HEADER_PAIRS = 2000;

function parserOnHeadersComplete(versionMajor, versionMinor, headers, method, url, statusCode, statusMessage,
  upgrade, shouldKeepAlive) {
  const parser = this;
  const { socket } = parser;
  const Incoming = (socket && socket.server && socket.server[kIncomingMessage]) || IncomingMessage;
  const incoming = parser.incoming = new Incoming(socket);
  incoming.httpVersionMajor = versionMajor;
  incoming.httpVersionMinor = versionMinor;
  incoming.httpVersion = `${versionMajor}.${versionMinor}`;
  incoming.joinDuplicateHeaders = socket?.server?.joinDuplicateHeaders || parser.joinDuplicateHeaders;
  incoming.url = url;
  incoming.upgrade = upgrade;

  let n = headers.length;
  if (parser.maxHeaderPairs > 0) n = Math.min(n, parser.maxHeaderPairs);
  incoming._addHeaderLines(headers, n);

  if (typeof method === 'number') incoming.method = methods[method];
  else {
    incoming.statusCode = statusCode;
    incoming.statusMessage = statusMessage;
  }
  return parser.onIncoming(incoming, shouldKeepAlive);
}

function parserOnBody(chunk) {
  const stream = this.incoming;
  if (stream === null) return;
  if (!stream._dumped) {
    const ret = stream.push(chunk);
    if (!ret) readStop(this.socket);
  }
}

// Header lines that arrive apart from the head: the trailers, kept until the message completes.
function parserOnHeaders(headers, url) {
  this._headers.push(...headers);
  this._url += url;
}

function parserOnMessageComplete() {
  const parser = this;
  const stream = parser.incoming;
  if (stream !== null) {
    const headers = parser._headers;
    if (headers.length) {
      let n = headers.length;
      if (parser.maxHeaderPairs > 0) n = Math.min(n, parser.maxHeaderPairs);
      stream._addHeaderLines(headers, n, true);
      parser._headers = [];
      parser._url = '';
    }
    stream.complete = true;
    stream.push(null);
  }
  readStart(parser.socket);
}

function cleanParser(parser) {
  parser._headers = [];
  parser._url = '';
  parser.socket = null;
  parser.incoming = null;
  parser.outgoing = null;
  parser.maxHeaderPairs = MAX_HEADER_PAIRS;
  parser.onIncoming = null;
  parser.joinDuplicateHeaders = null;
  parser[kOnExecute] = null;
  parser[kOnTimeout] = null;
}

function newParser() {
  const parser = new HTTPParser(HTTPParser.REQUEST);
  cleanParser(parser);
  parser[kOnHeaders] = parserOnHeaders;
  parser[kOnHeadersComplete] = parserOnHeadersComplete;
  parser[kOnBody] = parserOnBody;
  parser[kOnMessageComplete] = parserOnMessageComplete;
  return parser;
}

// Node's FreeList of parsers: up to `max` kept for reuse.
class FreeList {
  constructor(name, max, ctor) {
    this.name = name;
    this.ctor = ctor;
    this.max = max;
    this.list = [];
  }
  alloc() {
    return this.list.length > 0 ? this.list.pop() : this.ctor();
  }
  free(obj) {
    if (this.list.length < this.max) {
      this.list.push(obj);
      return true;
    }
    return false;
  }
}

const parsers = new FreeList('parsers', 1000, newParser);

function closeParserInstance(parser) { parser.close(); }

function freeParser(parser, req, socket) {
  if (parser) {
    if (parser._consumed) parser.unconsume();
    cleanParser(parser);
    parser.remove();
    if (parsers.free(parser) === false) setImmediate(closeParserInstance, parser);
    else parser.free();
  }
  if (req) req.parser = null;
  if (socket) socket.parser = null;
}

const tokenRegExp = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
function checkIsHttpToken(val) {
  return tokenRegExp.test(val);
}

const headerCharRegex = /[^\t\x20-\x7e\x80-\xff]/;
// The lenient check is the Fetch standard's header value: only NUL, CR, LF and characters
// beyond latin1 are refused.
const lenientHeaderCharRegex = /[\0\r\n\u0100-\uffff]/;
function checkInvalidHeaderChar(val, lenient = false) {
  return (lenient ? lenientHeaderCharRegex : headerCharRegex).test(val);
}

function prepareError(err, parser, rawPacket) {
  err.rawPacket = rawPacket || parser.getCurrentBuffer();
  if (typeof err.reason === 'string') err.message = `Parse Error: ${err.reason}`;
}

const httpValidationModes = ['strict', 'relaxed', 'insecure'];
// options.httpValidation, checked after options.insecureHTTPParser (the two exclude each other).
function validateHttpValidation(options) {
  const { httpValidation } = options;
  if (httpValidation === undefined) return;
  const { invalidArgValue } = require('internal/errors');
  if (!httpValidationModes.includes(httpValidation)) {
    throw invalidArgValue('options.httpValidation', httpValidation, "must be one of: 'strict', 'relaxed', 'insecure'");
  }
  if (options.insecureHTTPParser !== undefined) {
    throw invalidArgValue('options.httpValidation', httpValidation, 'cannot be used together with options.insecureHTTPParser');
  }
}

// The parser's lenient flags for a server or request (its httpValidation, else its
// insecureHTTPParser, else --insecure-http-parser).
function parserLenientFlags(owner) {
  switch (owner.httpValidation) {
    case 'insecure': return HTTPParser.kLenientAll;
    case 'relaxed': return HTTPParser.kLenientHeaderValueRelaxed;
    case 'strict': return HTTPParser.kLenientNone;
  }
  const lenient = owner.insecureHTTPParser === undefined ? isLenient() : owner.insecureHTTPParser;
  return lenient ? HTTPParser.kLenientAll : HTTPParser.kLenientNone;
}

// Whether the header values a server or request sends are checked as the Fetch standard's
// (control characters allowed) rather than as RFC 9110's field values.
function lenientOutgoingHeaders(owner) {
  if (owner.httpValidation !== undefined) return owner.httpValidation !== 'strict';
  return owner.insecureHTTPParser === undefined ? require('internal/http_parser').insecureDefault() : owner.insecureHTTPParser;
}

let warnedLenient = false;
function isLenient() {
  if (require('internal/http_parser').insecureDefault() && !warnedLenient) {
    warnedLenient = true;
    process.emitWarning('Using insecure HTTP parsing');
  }
  return require('internal/http_parser').insecureDefault();
}

module.exports = {
  _checkInvalidHeaderChar: checkInvalidHeaderChar,
  _checkIsHttpToken: checkIsHttpToken,
  chunkExpression: /(?:^|\W)chunked(?:$|\W)/i,
  continueExpression: /(?:^|\W)100-continue(?:$|\W)/i,
  CRLF: '\r\n',
  freeParser,
  methods,
  parsers,
  kIncomingMessage,
  kRequestTimeout,
  HTTPParser,
  isLenient,
  validateHttpValidation,
  parserLenientFlags,
  lenientOutgoingHeaders,
  prepareError,
  kOnMessageBegin,
  kOnHeaders,
  kOnHeadersComplete,
  kOnBody,
  kOnMessageComplete,
  kOnExecute,
  kOnTimeout,
};
