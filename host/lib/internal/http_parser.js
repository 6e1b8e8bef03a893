'use strict';
// HTTPParser, shaped like node's internalBinding('http_parser'): execute(buffer) feeds bytes
// and calls back onHeadersComplete / onBody / onMessageComplete; finish() ends a message read
// until the connection closes. httparse (runtime/http.rs) reads heads, chunk-size lines and
// trailers; the framing around them (Content-Length, chunked, read-until-close, bodiless
// responses, upgrades, keep-alive) follows RFC 9112 as llhttp applies it, with llhttp's codes.

const { Buffer } = require('buffer');
const { initAsyncResource, runAsResource, destroyResource } = require('internal/async_hooks');
const native = binding.http();

const methods = [
  'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
  'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH',
  'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK',
  'UNLOCK', 'UNSUBSCRIBE',
];
const knownMethods = new Set(methods);
// llhttp reads a request's method against its whole table, RTSP's methods and HTTP/2's
// preface among them: these get further than an unknown name before being refused.
const rtspMethods = new Set([
  'DESCRIBE', 'ANNOUNCE', 'SETUP', 'PLAY', 'PAUSE', 'TEARDOWN', 'GET_PARAMETER', 'SET_PARAMETER', 'REDIRECT',
  'RECORD', 'FLUSH',
]);
const llhttpMethods = [...methods, ...rtspMethods, 'PRI'];

const reasons = {
  HPE_INVALID_METHOD: 'Invalid method encountered',
  HPE_INVALID_URL: 'Invalid characters in url',
  HPE_INVALID_CONSTANT: 'Expected HTTP/',
  HPE_INVALID_VERSION: 'Invalid HTTP version',
  HPE_INVALID_STATUS: 'Invalid status code',
  HPE_INVALID_HEADER_TOKEN: 'Invalid header token',
  HPE_LF_EXPECTED: 'Missing expected LF after header value',
  HPE_HEADER_OVERFLOW: 'Header overflow',
  HPE_INVALID_CHUNK_SIZE: 'Invalid character in chunk size',
  HPE_INVALID_CONTENT_LENGTH: 'Invalid character in Content-Length',
  HPE_UNEXPECTED_CONTENT_LENGTH: "Content-Length can't be present with Transfer-Encoding",
  HPE_INVALID_TRANSFER_ENCODING: 'Request has invalid `Transfer-Encoding`',
  HPE_CLOSED_CONNECTION: 'Data after `Connection: close`',
  HPE_STRICT: 'Expected LF after chunk data',
  HPE_INVALID_EOF_STATE: 'Invalid EOF state',
  HPE_PAUSED: 'Paused',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'Chunk extensions overflow',
  HPE_CR_EXPECTED: 'Missing expected CR after header value',
};

const kHead = 0;
const kBodyLength = 1;
const kChunkSize = 2;
const kChunkData = 3;
const kChunkEnd = 4;
const kTrailers = 5;
const kBodyUntilClose = 6;
const kClosed = 7;
const kUpgraded = 8;

const emptyBuffer = Buffer.alloc(0);
// llhttp's limit on a chunk-size line with its extensions, as node sets it.
const kMaxChunkExtensions = 16 * 1024;

function parseError(code, bytesParsed, reason = reasons[code]) {
  const err = new Error(`Parse Error: ${reason}`);
  err.bytesParsed = bytesParsed;
  err.code = code;
  err.reason = reason;
  return err;
}

// The error llhttp reports where a request line's method stops matching every method it
// knows (it reads the method byte by byte against its table), or null while it matches.
function methodError(bytes) {
  let start = 0;
  while (start < bytes.length && (bytes[start] === 0x0d || bytes[start] === 0x0a)) start++;
  let candidates = llhttpMethods;
  for (let i = start; i < bytes.length; i++) {
    const position = i - start;
    const byte = bytes[i];
    const complete = candidates.some((method) => method.length === position);
    if (byte === 0x20) return complete ? null : parseError('HPE_INVALID_METHOD', i);
    candidates = candidates.filter((method) => method.charCodeAt(position) === byte);
    if (candidates.length === 0) {
      return complete ? parseError('HPE_INVALID_METHOD', i, 'Expected space after method') : parseError('HPE_INVALID_METHOD', i);
    }
  }
  return null;
}

// The versions llhttp reads besides the 1.x httparse knows: the head is read with 1.1 in
// their place and the real version reported.
const otherVersions = ['0.9', '2.0', '3.0'];
function withOtherVersion(view, isRequest) {
  const lineEnd = view.indexOf(0x0a);
  if (lineEnd === -1) return null;
  const line = view.toString('latin1', 0, lineEnd);
  const match = isRequest ? / HTTP\/(\d\.\d)\r?$/.exec(line) : /^HTTP\/(\d\.\d) /.exec(line);
  if (!match || !otherVersions.includes(match[1])) return null;
  const patched = Buffer.from(view);
  const at = isRequest ? match.index + 6 : 5;
  patched[at] = 0x31;
  patched[at + 2] = 0x31;
  return { patched, major: Number(match[1][0]), minor: Number(match[1][2]) };
}

// A request line with no version ("GET /path"), which llhttp reads as HTTP/0.9 (with
// header lines after it): the head is read with " HTTP/1.1" added to that line.
const kVersionSuffix = Buffer.from(' HTTP/1.1');
function withoutVersion(view) {
  const lineEnd = view.indexOf(0x0a);
  if (lineEnd < 1 || view[lineEnd - 1] !== 0x0d) return null;
  if (!/^[^ ]+ [^ ]+$/.test(view.toString('latin1', 0, lineEnd - 1))) return null;
  return Buffer.concat([view.subarray(0, lineEnd - 1), kVersionSuffix, view.subarray(lineEnd - 1)]);
}

// The callback slots, numbered as node's parser numbers them (parser[kOnHeadersComplete] = fn).
const kOnMessageBegin = 0;
const kOnHeaders = 1;
const kOnHeadersComplete = 2;
const kOnBody = 3;
const kOnMessageComplete = 4;
const kOnExecute = 5;
const kOnTimeout = 6;

class HTTPParser {
  static REQUEST = 1;
  static RESPONSE = 2;
  static kOnMessageBegin = kOnMessageBegin;
  static kOnHeaders = kOnHeaders;
  static kOnHeadersComplete = kOnHeadersComplete;
  static kOnBody = kOnBody;
  static kOnMessageComplete = kOnMessageComplete;
  static kOnExecute = kOnExecute;
  static kOnTimeout = kOnTimeout;
  static kLenientNone = 0;
  static kLenientAll = 0x3ff;
  // Control characters (other than NUL, CR and LF) taken in header values, nothing else lenient.
  static kLenientHeaderValueRelaxed = 0x400;

  constructor(type) {
    this.initialize(type);
  }

  // `resource` (node's HTTPClientAsyncResource or HTTPServerAsyncResource, with its `type`)
  // is the parser's async resource: its callbacks run in that resource's scope, as node's
  // parser calls back through MakeCallback, until free() destroys it.
  initialize(type, resource, maxHeaderSize, lenient) {
    this.free();
    if (resource != null && typeof resource === 'object') {
      initAsyncResource(resource, `${resource.type}`);
      this.asyncResource = resource;
    }
    this.type = type;
    this.maxHeaderSize = maxHeaderSize > 0 ? maxHeaderSize : defaultMaxHeaderSize();
    // `lenient`: llhttp's lenient flags, or a boolean for all or none of kLenientAll's.
    if (lenient === undefined) lenient = insecureDefault();
    const flags = typeof lenient === 'number' ? lenient : lenient ? HTTPParser.kLenientAll : HTTPParser.kLenientNone;
    this.lenient = (flags & HTTPParser.kLenientAll) !== 0;
    this.relaxedHeaderValues = (flags & HTTPParser.kLenientHeaderValueRelaxed) !== 0;
    this.pending = emptyBuffer;
    this.state = kHead;
    this.remaining = 0;
    this.keepAlive = false;
    this.paused = false;
    this.closed = false;
    this.error = null;
    // When the message being read began (0 between messages) and whether its head is read:
    // the server's headersTimeout and requestTimeout checks. A new connection's first message
    // counts from the start, so one that sends nothing still times out.
    this.messageStart = Date.now();
    this.headersCompleted = false;
    this.maxHeaderFields = 0;
    this.consumesReads = false;
  }

  // Bytes of `chunk` consumed (all of it, or up to an upgrade's head), or the parse error.
  execute(chunk) {
    if (this.error) return this.error;
    if (this.state === kUpgraded) return 0;
    const previous = this.pending.length;
    let data = previous === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = emptyBuffer;
    let offset = 0;
    while (offset < data.length && !this.closed) {
      const step = this.step(data, offset);
      if (step instanceof Error) {
        step.bytesParsed = Math.max(0, offset + step.bytesParsed - previous);
        this.error = step;
        return step;
      }
      if (step === -1) {
        this.pending = offset === 0 ? data : data.subarray(offset);
        if (this.pending === chunk || previous === 0) this.pending = Buffer.from(this.pending);
        break;
      }
      offset = step;
      if (this.state === kUpgraded) return Math.max(0, offset - previous);
    }
    return chunk.length;
  }

  // One state's work at `offset`: the new offset, -1 for "needs more bytes", or an error.
  step(data, offset) {
    switch (this.state) {
      case kHead: return this.readHead(data, offset);
      case kBodyLength: {
        const end = Math.min(data.length, offset + this.remaining);
        this.remaining -= end - offset;
        this.body(data.subarray(offset, end));
        // (The ticks run after the body callback may have freed the parser.)
        if (this.remaining === 0 && !this.closed) this.messageComplete(null);
        return end;
      }
      case kBodyUntilClose:
        this.body(data.subarray(offset));
        return data.length;
      case kChunkSize: {
        const view = data.subarray(offset);
        const line = native.parseChunkSize(view);
        if (line === null) {
          if (view.length > kMaxChunkExtensions) return parseError('HPE_CHUNK_EXTENSIONS_OVERFLOW', 0);
          return -1;
        }
        if (line === false) return parseError('HPE_INVALID_CHUNK_SIZE', 0);
        const [length, size] = line;
        if (length > kMaxChunkExtensions) return parseError('HPE_CHUNK_EXTENSIONS_OVERFLOW', 0);
        if (!this.lenient && (view[length - 2] !== 0x0d || view.indexOf(0x0a) !== length - 1)) return parseError('HPE_CR_EXPECTED', 0, 'Missing expected CR after chunk size');
        if (size === 0) this.state = kTrailers;
        else {
          this.remaining = size;
          this.state = kChunkData;
        }
        return offset + length;
      }
      case kChunkData: {
        const end = Math.min(data.length, offset + this.remaining);
        this.remaining -= end - offset;
        this.body(data.subarray(offset, end));
        if (this.remaining === 0) this.state = kChunkEnd;
        return end;
      }
      case kChunkEnd: {
        if (data[offset] === 0x0a && this.lenient) {
          this.state = kChunkSize;
          return offset + 1;
        }
        if (data.length - offset < 2) {
          if (data[offset] !== 0x0d) return parseError('HPE_STRICT', 0);
          return -1;
        }
        if (data[offset] !== 0x0d || data[offset + 1] !== 0x0a) return parseError('HPE_STRICT', 0);
        this.state = kChunkSize;
        return offset + 2;
      }
      case kTrailers: {
        const view = data.subarray(offset);
        const section = native.parseTrailers(view);
        if (section === null) {
          if (view.length > this.maxHeaderSize) return parseError('HPE_HEADER_OVERFLOW', 0);
          return -1;
        }
        if (typeof section === 'string') return parseError(section, 0);
        this.messageComplete(section[1].length > 0 ? section[1] : null);
        return offset + section[0];
      }
      case kClosed:
        // Whitespace after a closing message is tolerated, as llhttp does.
        while (offset < data.length && (data[offset] === 0x0d || data[offset] === 0x0a)) offset++;
        if (offset === data.length) return offset;
        if (this.lenient) {
          this.state = kHead;
          return offset;
        }
        return parseError('HPE_CLOSED_CONNECTION', 0);
      default:
        return data.length;
    }
  }

  readHead(data, offset) {
    if (this.messageStart === 0) this.messageStart = Date.now();
    const isRequest = this.type === HTTPParser.REQUEST;
    const view = offset === 0 ? data : data.subarray(offset);
    let head = native.parseHead(isRequest, view, this.lenient, this.relaxedHeaderValues);
    if (head === 'HPE_INVALID_VERSION') {
      const other = withOtherVersion(view, isRequest);
      if (other) {
        head = native.parseHead(isRequest, other.patched, this.lenient, this.relaxedHeaderValues);
        if (Array.isArray(head)) {
          head[3] = other.major;
          head[4] = other.minor;
        }
      }
    }
    if (isRequest && typeof head === 'string') {
      const http09 = withoutVersion(view);
      if (http09) {
        const simple = native.parseHead(true, http09, this.lenient, this.relaxedHeaderValues);
        if (Array.isArray(simple)) {
          simple[0] -= kVersionSuffix.length;
          simple[3] = 0;
          simple[4] = 9;
        }
        if (simple === null || Array.isArray(simple)) head = simple;
      }
    }
    if (isRequest && (head === null || head === 'HPE_INVALID_METHOD' || (Array.isArray(head) && !knownMethods.has(head[1])))) {
      const error = methodError(view);
      if (error) return error;
    }
    if (head === null) {
      if (view.length > this.maxHeaderSize + 1024) return parseError('HPE_HEADER_OVERFLOW', 0);
      if (estimateHeaderBytes(view) >= this.maxHeaderSize) return parseError('HPE_HEADER_OVERFLOW', view.length);
      return -1;
    }
    if (typeof head === 'string') {
      if (head === 'HPE_INVALID_VERSION') {
        const versionError = protocolError(view, isRequest);
        if (versionError) return versionError;
      }
      if (head === 'HPE_INVALID_HEADER_TOKEN') {
        const lineError = headerLineError(view);
        if (lineError) return lineError;
      }
      return parseError(refineHeadError(head, view, isRequest), 0);
    }
    const [length, first, second, versionMajor, versionMinor, rawHeaders] = head;
    if (this.lenient) {
      // A folded value (obs-fold) is read as one line, the line breaks dropped, as llhttp's
      // lenient mode reads it.
      for (let i = 1; i < rawHeaders.length; i += 2) {
        if (rawHeaders[i].includes('\n')) rawHeaders[i] = rawHeaders[i].replace(/\r?\n/g, '');
      }
    }
    if (!this.lenient && hasBareLineFeed(view, length)) return parseError('HPE_CR_EXPECTED', length - 2);
    let counted = second.length;
    for (let i = 0; i < rawHeaders.length; i++) counted += rawHeaders[i].length;
    if (counted >= this.maxHeaderSize) return parseError('HPE_HEADER_OVERFLOW', length);
    if (this.maxHeaderFields > 0 && rawHeaders.length / 2 > this.maxHeaderFields) {
      return parseError('HPE_HEADER_OVERFLOW', length);
    }
    if (isRequest && rtspMethods.has(first)) {
      return parseError('HPE_INVALID_CONSTANT', view.indexOf(' HTTP/') + 5, 'Invalid method for HTTP/x.x request');
    }
    if (isRequest && !knownMethods.has(first)) return parseError('HPE_INVALID_METHOD', 0);

    let contentLength = -1;
    let chunked = false;
    let hasTransferEncoding = false;
    let connectionClose = false;
    let connectionKeepAlive = false;
    let connectionUpgrade = false;
    let hasUpgrade = false;
    let transferEncodingLast = false;
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i].toLowerCase();
      const value = rawHeaders[i + 1];
      if (name === 'content-length') {
        if (!/^[0-9]+$/.test(value)) return parseError('HPE_INVALID_CONTENT_LENGTH', length - 2);
        if (contentLength !== -1) return parseError('HPE_UNEXPECTED_CONTENT_LENGTH', length - 2, 'Duplicate Content-Length');
        contentLength = Number(value);
        transferEncodingLast = false;
      } else if (name === 'transfer-encoding') {
        hasTransferEncoding = true;
        transferEncodingLast = true;
        const codings = value.toLowerCase().split(',').map((coding) => coding.trim()).filter(Boolean);
        // Nothing may follow chunked in a request: llhttp refuses it while reading the head.
        if (isRequest && !this.lenient && codings.length > 0 && (chunked || codings.slice(0, -1).includes('chunked'))) {
          return parseError('HPE_INVALID_TRANSFER_ENCODING', length - 2, 'Invalid `Transfer-Encoding` header value');
        }
        chunked = codings[codings.length - 1] === 'chunked';
      } else if (name === 'connection') {
        for (const token of value.toLowerCase().split(',')) {
          const option = token.trim();
          if (option === 'close') connectionClose = true;
          else if (option === 'keep-alive') connectionKeepAlive = true;
          else if (option === 'upgrade') connectionUpgrade = true;
        }
      } else if (name === 'upgrade') {
        hasUpgrade = true;
      }
    }
    if (hasTransferEncoding && contentLength !== -1 && !this.lenient) {
      if (transferEncodingLast) {
        return parseError('HPE_INVALID_TRANSFER_ENCODING', length - 2, "Transfer-Encoding can't be present with Content-Length");
      }
      return parseError('HPE_UNEXPECTED_CONTENT_LENGTH', length - 2);
    }

    const statusCode = isRequest ? 0 : first;
    const upgrade = isRequest ? (hasUpgrade && connectionUpgrade) || first === 'CONNECT' : statusCode === 101;
    const bodiless = !isRequest && (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode < 200));
    const readsUntilClose = !isRequest && !bodiless && !chunked && contentLength === -1;
    let keepAlive = versionMajor > 0 && versionMinor > 0 ? !connectionClose : connectionKeepAlive;
    if (readsUntilClose) keepAlive = false;
    this.keepAlive = keepAlive;

    const skip = this.callback(kOnHeadersComplete,
      versionMajor, versionMinor, rawHeaders, isRequest ? methods.indexOf(first) : undefined, isRequest ? second : undefined,
      isRequest ? undefined : statusCode, isRequest ? undefined : second, upgrade, keepAlive);
    this.headersCompleted = true;
    if (this.closed) return offset + length;
    const end = offset + length;
    if (skip === 2) {
      this.messageComplete(null);
      this.state = kUpgraded;
      return end;
    }
    // llhttp refuses a request body framed by a Transfer-Encoding other than chunked only once
    // the head has been reported.
    if (isRequest && hasTransferEncoding && !chunked && !this.lenient) {
      return parseError('HPE_INVALID_TRANSFER_ENCODING', length);
    }
    if (skip === 1 || bodiless) {
      this.messageComplete(null);
    } else if (chunked) {
      this.state = kChunkSize;
    } else if (contentLength > 0) {
      this.remaining = contentLength;
      this.state = kBodyLength;
    } else if (readsUntilClose) {
      this.state = kBodyUntilClose;
    } else {
      this.messageComplete(null);
    }
    return end;
  }

  body(slice) {
    if (slice.length > 0 && typeof this[kOnBody] === 'function') this.callback(kOnBody, slice);
  }

  messageComplete(trailers) {
    this.messageStart = 0;
    this.headersCompleted = false;
    this.state = this.keepAlive ? kHead : kClosed;
    if (trailers && typeof this[kOnHeaders] === 'function') this.callback(kOnHeaders, trailers, '');
    if (typeof this[kOnMessageComplete] === 'function') this.callback(kOnMessageComplete);
  }

  callback(slot, ...args) {
    const resource = this.asyncResource;
    const result = resource === undefined ? Reflect.apply(this[slot], this, args) : runAsResource(resource, this[slot], this, args);
    // A server's parser reads its socket's handle in node: each body callback is a callback
    // from the read, after which the ticks run (the others skip them).
    if (this.consumesReads && slot === kOnBody) internals.runTicksInRead(this.socket);
    return result;
  }

  // The connection ended: completes a message read until close, or reports a cut-off one.
  finish() {
    if (this.error) return undefined;
    if (this.state === kBodyUntilClose) {
      this.messageComplete(null);
      return undefined;
    }
    // Between messages only line breaks may be left (llhttp skips them before a message).
    if (this.state === kHead && this.pending.every((byte) => byte === 0x0d || byte === 0x0a)) return undefined;
    if (this.state === kClosed || this.state === kUpgraded) return undefined;
    const err = parseError('HPE_INVALID_EOF_STATE', 0);
    this.error = err;
    return err;
  }

  // The bytes received but not yet parsed (node puts them on a parse error as rawPacket).
  get pendingBytes() {
    return this.pending;
  }

  pause() { this.paused = true; }
  resume() { this.paused = false; }
  close() { this.closed = true; }
  free() {
    if (this.asyncResource === undefined) return;
    destroyResource(this.asyncResource);
    this.asyncResource = undefined;
  }
  // The parser leaves its connection (freed, perhaps while one of its callbacks runs): an
  // execute() under way reads nothing more.
  remove() { this.closed = true; }
  consume() {}
  unconsume() {}
  getCurrentBuffer() { return this.pending; }
}

// Header bytes llhttp would have counted so far in an incomplete head (node limits the URL,
// header names and values, not the separators).
function estimateHeaderBytes(view) {
  let lines = 0;
  for (let i = view.indexOf(0x0a); i !== -1; i = view.indexOf(0x0a, i + 1)) lines++;
  return view.length - lines * 4 - 16;
}

// Whether a head ends a line with LF alone (llhttp requires CRLF unless lenient); blank
// lines before a request line are skipped as llhttp does.
// (A byte loop: Buffer#indexOf per line made a view and an array for every request.)
function hasBareLineFeed(view, length) {
  let start = 0;
  while (start < length && (view[start] === 0x0d || view[start] === 0x0a)) start++;
  for (let i = start; i < length; i++) {
    if (view[i] === 0x0a && view[i - 1] !== 0x0d) return true;
  }
  return false;
}

// httparse reports a bad request target as a bad token; llhttp names it.
// What llhttp reports for a start line whose protocol is wrong: the first byte that leaves
// every protocol it knows, or a version digit that is not one.
const protocols = ['HTTP/', 'RTSP/', 'ICE/'];
function protocolError(view, isRequest) {
  let start = 0;
  if (isRequest) {
    const lineEnd = view.indexOf(0x0a);
    const line = view.toString('latin1', 0, lineEnd === -1 ? view.length : lineEnd);
    const match = /^[^ ]+ +[^ ]+ +/.exec(line);
    if (!match) return null;
    start = match[0].length;
  }
  let candidates = protocols;
  let i = start;
  for (; i < view.length && candidates.length > 0; i++) {
    const position = i - start;
    const matching = candidates.filter((protocol) => protocol.charCodeAt(position) === view[i]);
    if (matching.length === 0) return parseError('HPE_INVALID_CONSTANT', i, 'Expected HTTP/, RTSP/ or ICE/');
    candidates = matching.filter((protocol) => protocol.length > position + 1);
    if (candidates.length === 0 && matching[0] !== 'HTTP/') return null;
  }
  if (i >= view.length) return null;
  const isDigit = (byte) => byte >= 0x30 && byte <= 0x39;
  if (!isDigit(view[i])) return parseError('HPE_INVALID_VERSION', i, 'Invalid major version');
  if (i + 2 < view.length && !isDigit(view[i + 2])) return parseError('HPE_INVALID_VERSION', i + 2, 'Invalid minor version');
  return null;
}

function refineHeadError(code, view, isRequest) {
  if (!isRequest || code !== 'HPE_INVALID_METHOD') return code;
  const space = view.indexOf(0x20);
  if (space !== -1 && knownMethods.has(view.toString('latin1', 0, space))) {
    const lineEnd = view.indexOf(0x0d);
    const line = view.toString('latin1', space + 1, lineEnd === -1 ? view.length : lineEnd);
    const target = line.split(' ')[0];
    if (/[^\x21-\x7e]/.test(target) || target === '') return 'HPE_INVALID_URL';
    return 'HPE_INVALID_CONSTANT';
  }
  return code;
}

// llhttp's finer error for a header line httparse refused: a CR inside the header lines
// followed by something other than LF, or a control character in a value (reported where it
// stands); null when it is neither.
function headerLineError(view) {
  const end = view.indexOf('\r\n\r\n');
  const limit = end === -1 ? view.length - 1 : end;
  let inValue = false;
  for (let i = view.indexOf(0x0a) + 1; i > 0 && i < limit; i++) {
    const byte = view[i];
    if (byte === 0x0d && view[i + 1] !== 0x0a) return parseError('HPE_LF_EXPECTED', i + 1);
    if (byte === 0x0a) inValue = false;
    else if (byte === 0x3a) inValue = true;
    else if (inValue && ((byte < 0x20 && byte !== 0x09 && byte !== 0x0d) || byte === 0x7f)) {
      return parseError('HPE_INVALID_HEADER_TOKEN', i, 'Invalid header value char');
    }
  }
  return null;
}

let maxHeaderSizeOption;
function defaultMaxHeaderSize() {
  if (maxHeaderSizeOption === undefined) {
    const option = internals.getOptionValue('--max-http-header-size');
    maxHeaderSizeOption = typeof option === 'string' && option !== '' ? Number(option) : 16 * 1024;
  }
  return maxHeaderSizeOption;
}

function insecureDefault() {
  return internals.getOptionValue('--insecure-http-parser') === true;
}

module.exports = {
  HTTPParser, methods, kOnMessageBegin, kOnHeaders, kOnHeadersComplete, kOnBody, kOnMessageComplete, kOnExecute, kOnTimeout, defaultMaxHeaderSize, insecureDefault };
