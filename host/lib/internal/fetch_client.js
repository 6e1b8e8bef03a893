'use strict';
// fetch(): the WHATWG fetch algorithm as node's undici runs it, over this runtime's http and
// https clients (HTTP/1.1 with keep-alive pools of its own), with data: and blob: URLs,
// redirects (follow/error/manual), AbortSignal, streaming request and response bodies and
// gzip/deflate/br content decoding. Failures reject with TypeError('fetch failed', { cause }).

const { Buffer } = require('buffer');
const { Blob, resolveObjectURL } = require('internal/blob');
const { ReadableStream } = require('internal/webstreams/readablestream');
const { URL, DOMException } = require('internal/web');
const { Request, Response, extractBody, fetchInternals } = require('internal/fetch');

const { kBody, kCreate, kGuard, kHeaders, kList, kRequest, kResponse } = fetchInternals;

const redirectStatus = new Set([301, 302, 303, 307, 308]);
const nullBodyStatus = new Set([101, 103, 204, 205, 304]);
const requestBodyHeaders = ['content-encoding', 'content-language', 'content-location', 'content-type'];
const badPorts = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);
const maxRedirects = 20;

class NetworkError {
  constructor(cause) {
    this.cause = cause instanceof Error ? cause : new Error(cause);
  }
}

// fetch's own connection pools, apart from http.globalAgent / https.globalAgent.
const agents = { __proto__: null };
function agentFor(protocol) {
  if (!agents[protocol]) {
    const { Agent } = require(protocol === 'https:' ? 'https' : 'http');
    agents[protocol] = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 4000 });
  }
  return agents[protocol];
}

function abortReason(signal) {
  return signal.reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : signal.reason;
}

function fetch(input, init = undefined) {
  return new Promise((resolve, reject) => {
    let request;
    try {
      request = new Request(input, init);
    } catch (err) {
      reject(err);
      return;
    }
    const signal = request.signal;
    if (signal.aborted) {
      cancelRequestBody(request, abortReason(signal));
      reject(abortReason(signal));
      return;
    }
    const state = {
      request,
      method: request[kRequest].method,
      headers: copyHeaderList(request),
      body: request[kBody],
      urlList: [new URL(request[kRequest].url)],
      redirect: request[kRequest].redirect,
      mode: request[kRequest].mode,
      redirectCount: 0,
      current: null,
      response: null,
      settled: false,
    };
    const onAbort = () => {
      const reason = abortReason(signal);
      if (state.current) state.current.destroy();
      cancelRequestBody(request, reason);
      if (state.response) {
        state.response.abort(reason);
      } else if (!state.settled) {
        state.settled = true;
        reject(reason);
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    state.finish = (outcome) => {
      if (state.settled) return;
      state.settled = true;
      if (outcome instanceof NetworkError) {
        signal.removeEventListener('abort', onAbort);
        reject(new TypeError('fetch failed', { cause: outcome.cause }));
      } else {
        resolve(outcome);
      }
    };
    state.done = () => signal.removeEventListener('abort', onAbort);
    mainFetch(state);
  });
}

function cancelRequestBody(request, reason) {
  const stream = request[kBody]?.stream;
  if (stream && !stream.locked) stream.cancel(reason).catch(() => {});
}

// The request's header list as [lower-case name, original name, value] in insertion order.
function copyHeaderList(request) {
  const list = [];
  for (const [key, entry] of request[kHeaders][kList]) {
    const value = key === 'set-cookie' ? entry.values : [entry.values.join(', ')];
    for (const item of value) list.push([key, entry.name, item]);
  }
  return list;
}

function hasHeader(state, key) {
  return state.headers.some((entry) => entry[0] === key);
}

function deleteHeaders(state, keys) {
  state.headers = state.headers.filter((entry) => !keys.includes(entry[0]));
}

function currentURL(state) {
  return state.urlList[state.urlList.length - 1];
}

function mainFetch(state) {
  if (state.settled) return;
  try {
    fetchByScheme(state);
  } catch (err) {
    state.finish(new NetworkError(err));
  }
}

function fetchByScheme(state) {
  const url = currentURL(state);
  if ((url.protocol === 'http:' || url.protocol === 'https:') &&
      badPorts.has(Number(url.port || (url.protocol === 'https:' ? 443 : 80)))) {
    state.finish(new NetworkError('bad port'));
    return;
  }
  switch (url.protocol) {
    case 'about:':
      state.finish(new NetworkError('about scheme is not supported'));
      return;
    case 'blob:':
      blobFetch(state, url);
      return;
    case 'data:':
      dataFetch(state, url);
      return;
    case 'file:':
      state.finish(new NetworkError('not implemented... yet...'));
      return;
    case 'http:':
    case 'https:':
      httpFetch(state, url);
      return;
    default:
      state.finish(new NetworkError('unknown scheme'));
  }
}

function makeResponse(state, { status, statusText = '', headers, stream }) {
  const response = new Response(kCreate);
  const inner = response[kResponse];
  inner.type = 'basic';
  inner.status = status;
  inner.statusText = statusText;
  const url = new URL(currentURL(state).href);
  url.hash = '';
  inner.url = url.href;
  inner.redirected = state.urlList.length > 1;
  const list = response[kHeaders][kList];
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const entry = list.get(key);
    if (entry) entry.values.push(value);
    else list.set(key, { name: key, values: [value] });
  }
  response[kHeaders][kGuard] = 'immutable';
  response[kBody] = stream ? { stream, source: null, length: null, type: null } : null;
  return response;
}

function blobFetch(state, url) {
  const blob = resolveObjectURL(url.href);
  if (state.method !== 'GET' || !(blob instanceof Blob)) {
    state.finish(new NetworkError('invalid method'));
    return;
  }
  const headers = [['content-length', `${blob.size}`]];
  if (blob.type) headers.push(['content-type', blob.type]);
  state.done();
  state.finish(makeResponse(state, { status: 200, statusText: 'OK', headers, stream: blob.stream() }));
}

// ---------------------------------------------------------------- data: URLs

const asciiWhitespace = /[\t\n\f\r ]/g;
const httpTokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const quotedStringTokenPattern = /^[\t\x20-\x7E\x80-\xFF]*$/;

function percentDecode(text) {
  const bytes = Buffer.from(text, 'utf8');
  const out = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out.push(Number.parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
      i += 2;
    } else {
      out.push(byte);
    }
  }
  return Uint8Array.from(out);
}

function isHex(byte) {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

// The MIME Sniffing standard's "parse a MIME type", serialized back (null when invalid).
function serializeMimeType(input) {
  const text = input.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  const slash = text.indexOf('/');
  if (slash === -1) return null;
  const type = text.slice(0, slash);
  const rest = text.slice(slash + 1);
  const semicolon = rest.indexOf(';');
  const subtype = (semicolon === -1 ? rest : rest.slice(0, semicolon)).replace(/[\t\n\r ]+$/, '');
  if (!httpTokenPattern.test(type) || !httpTokenPattern.test(subtype)) return null;
  let serialized = `${type.toLowerCase()}/${subtype.toLowerCase()}`;
  const seen = new Set();
  let position = semicolon === -1 ? rest.length : semicolon;
  while (position < rest.length) {
    position++;
    while (/[\t\n\r ]/.test(rest[position] ?? '')) position++;
    let nameEnd = position;
    while (nameEnd < rest.length && rest[nameEnd] !== ';' && rest[nameEnd] !== '=') nameEnd++;
    const name = rest.slice(position, nameEnd).toLowerCase();
    position = nameEnd;
    if (rest[position] === ';') continue;
    if (position >= rest.length) break;
    position++;
    let value;
    if (rest[position] === '"') {
      value = '';
      position++;
      while (position < rest.length && rest[position] !== '"') {
        if (rest[position] === '\\' && position + 1 < rest.length) position++;
        value += rest[position++];
      }
      while (position < rest.length && rest[position] !== ';') position++;
    } else {
      let valueEnd = position;
      while (valueEnd < rest.length && rest[valueEnd] !== ';') valueEnd++;
      value = rest.slice(position, valueEnd).replace(/[\t\n\r ]+$/, '');
      position = valueEnd;
      if (value === '') continue;
    }
    if (name && httpTokenPattern.test(name) && quotedStringTokenPattern.test(value) && !seen.has(name)) {
      seen.add(name);
      const quoted = value === '' || !httpTokenPattern.test(value);
      serialized += `;${name}=${quoted ? `"${value.replace(/(["\\])/g, '\\$1')}"` : value}`;
    }
  }
  return serialized;
}

function forgivingBase64(bytes) {
  let text = Buffer.from(bytes).toString('latin1').replace(asciiWhitespace, '');
  if (text.length % 4 === 0) text = text.replace(/={1,2}$/, '');
  if (text.length % 4 === 1 || /[^+/0-9A-Za-z]/.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

// The fetch standard's "data: URL processor".
function processDataURL(url) {
  const serialized = url.href.slice(5);
  const withoutFragment = url.hash ? serialized.slice(0, serialized.length - url.hash.length) : serialized;
  const comma = withoutFragment.indexOf(',');
  if (comma === -1) return null;
  let mimeType = withoutFragment.slice(0, comma).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
  let body = percentDecode(withoutFragment.slice(comma + 1));
  const base64 = /;[\x20]*base64$/i.exec(mimeType);
  if (base64) {
    body = forgivingBase64(body);
    if (body === null) return null;
    mimeType = mimeType.slice(0, base64.index);
  }
  if (mimeType.startsWith(';')) mimeType = `text/plain${mimeType}`;
  const type = serializeMimeType(mimeType) ?? 'text/plain;charset=US-ASCII';
  return { type, body };
}

function dataFetch(state, url) {
  const data = processDataURL(url);
  if (data === null) {
    state.finish(new NetworkError('failed to fetch the data URL'));
    return;
  }
  const { stream } = extractBody(data.body);
  state.done();
  state.finish(makeResponse(state, { status: 200, statusText: 'OK', headers: [['content-type', data.type]], stream }));
}

// ---------------------------------------------------------------- http: and https:

function httpFetch(state, url) {
  const request = state.request;
  const headers = [['host', url.host], ['connection', 'keep-alive']];
  for (const [, name, value] of state.headers) {
    if (name.toLowerCase() !== 'host') headers.push([name, value]);
  }
  const defaults = [['accept', '*/*'], ['accept-language', '*'], ['sec-fetch-mode', 'cors'], ['user-agent', 'node'],
    ...cacheModeHeaders(state), ['accept-encoding', url.protocol === 'https:' ? 'br, gzip, deflate' : 'gzip, deflate']];
  for (const [name, value] of defaults) {
    if (!hasHeader(state, name)) headers.push([name, value]);
  }
  const body = state.body;
  if (body !== null && body.length !== null) {
    headers.push(['content-length', `${body.length}`]);
  } else if (body !== null) {
    headers.push(['transfer-encoding', 'chunked']);
  } else if (state.method === 'POST' || state.method === 'PUT') {
    headers.push(['content-length', '0']);
  }

  const { request: send } = require(url.protocol === 'https:' ? 'https' : 'http');
  let req;
  try {
    req = send({
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: state.method,
      headers: headers.flat(),
      agent: agentFor(url.protocol),
      setHost: false,
    });
  } catch (err) {
    state.finish(new NetworkError(err));
    return;
  }
  state.current = req;
  req.on('error', (err) => {
    state.current = null;
    if (request.signal.aborted) return;
    if (state.response) state.response.fail(err);
    else state.finish(new NetworkError(err));
  });
  req.on('response', (res) => onResponse(state, url, res));
  writeRequestBody(state, req, body);
}

// The headers a request's cache mode adds (fetch's HTTP-network-or-cache fetch; there is no
// HTTP cache, so a conditional request is sent as no-store).
function cacheModeHeaders(state) {
  let cache = state.request[kRequest].cache;
  const conditional = ['if-modified-since', 'if-none-match', 'if-unmodified-since', 'if-match', 'if-range'];
  if (cache === 'default' && conditional.some((name) => hasHeader(state, name))) cache = 'no-store';
  if (cache === 'no-cache') return [['cache-control', 'max-age=0']];
  if (cache === 'no-store' || cache === 'reload') return [['pragma', 'no-cache'], ['cache-control', 'no-cache']];
  return [];
}

function writeRequestBody(state, req, body) {
  if (body === null) {
    req.end();
    return;
  }
  if (body.source instanceof Uint8Array) {
    req.end(Buffer.from(body.source.buffer, body.source.byteOffset, body.source.byteLength));
    return;
  }
  const reader = body.stream.getReader();
  const pump = () => {
    reader.read().then(({ value, done }) => {
      if (done) {
        req.end();
        return;
      }
      if (!(value instanceof Uint8Array)) {
        req.destroy(new TypeError('Received non-Uint8Array chunk'));
        return;
      }
      if (value.byteLength === 0) {
        pump();
        return;
      }
      if (req.write(Buffer.from(value.buffer, value.byteOffset, value.byteLength))) pump();
      else req.once('drain', pump);
    }, (err) => req.destroy(err));
  };
  req.once('close', () => reader.cancel().catch(() => {}));
  pump();
}

function onResponse(state, url, res) {
  const status = res.statusCode;
  const headers = [];
  for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
  const location = res.headers.location;
  const willFollow = state.redirect === 'follow' && redirectStatus.has(status) && location !== undefined;

  if (redirectStatus.has(status) && location !== undefined && state.redirect !== 'manual') {
    res.resume();
    state.current = null;
    if (state.redirect === 'error') {
      state.finish(new NetworkError('unexpected redirect'));
      return;
    }
    redirectFetch(state, url, status, location);
    return;
  }

  const hasBody = state.method !== 'HEAD' && state.method !== 'CONNECT' && !nullBodyStatus.has(status);
  if (!hasBody) res.resume();
  const source = hasBody && !willFollow ? decodedBody(res) : res;
  const body = hasBody ? responseBodyStream(state, res, source) : null;
  const response = makeResponse(state, { status, statusText: res.statusMessage, headers, stream: body?.stream });
  if (body) {
    state.response = body;
    res.once('end', () => state.done());
  } else {
    state.done();
  }
  state.finish(response);
}

function redirectFetch(state, url, status, location) {
  let locationURL;
  try {
    locationURL = new URL(location, url);
  } catch (err) {
    state.finish(new NetworkError(err));
    return;
  }
  if (locationURL.protocol !== 'http:' && locationURL.protocol !== 'https:') {
    state.finish(new NetworkError('URL scheme must be a HTTP(S) scheme'));
    return;
  }
  if (state.redirectCount === maxRedirects) {
    state.finish(new NetworkError('redirect count exceeded'));
    return;
  }
  state.redirectCount++;
  const sameOrigin = locationURL.origin === url.origin;
  if (state.mode === 'cors' && (locationURL.username || locationURL.password) && !sameOrigin) {
    state.finish(new NetworkError('cross origin not allowed for request mode "cors"'));
    return;
  }
  if (status !== 303 && state.body !== null && state.body.source === null) {
    state.finish(new NetworkError(new Error()));
    return;
  }
  if (((status === 301 || status === 302) && state.method === 'POST') ||
      (status === 303 && state.method !== 'GET' && state.method !== 'HEAD')) {
    state.method = 'GET';
    state.body = null;
    deleteHeaders(state, requestBodyHeaders);
  }
  if (!sameOrigin) deleteHeaders(state, ['authorization', 'proxy-authorization', 'cookie', 'host']);
  if (state.body !== null) state.body = extractBody(state.body.source);
  state.urlList.push(locationURL);
  mainFetch(state);
}

// The response body through its content-codings' decoders (the last applied is undone first).
function decodedBody(res) {
  const header = res.headers['content-encoding'];
  if (!header) return res;
  const zlib = require('zlib');
  const codings = header.toLowerCase().split(',').map((coding) => coding.trim());
  const decoders = [];
  const zlibFlush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  for (let i = codings.length - 1; i >= 0; i--) {
    const coding = codings[i];
    if (coding === 'gzip' || coding === 'x-gzip') {
      decoders.push(zlib.createGunzip(zlibFlush));
    } else if (coding === 'deflate') {
      decoders.push(new DeflateDecoder(zlibFlush));
    } else if (coding === 'br') {
      decoders.push(zlib.createBrotliDecompress({
        flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
      }));
    } else {
      decoders.length = 0;
      break;
    }
  }
  if (decoders.length === 0) return res;
  const { pipeline } = require('stream');
  return pipeline(res, ...decoders, () => {});
}

// "deflate" bodies come zlib-wrapped or raw: the first byte tells which.
const { Transform } = require('stream');
class DeflateDecoder extends Transform {
  constructor(options) {
    super();
    this.options = options;
    this.inflate = null;
  }

  _transform(chunk, encoding, callback) {
    if (this.inflate === null) {
      const zlib = require('zlib');
      this.inflate = (chunk[0] & 0x0F) === 0x08 ? zlib.createInflate(this.options) : zlib.createInflateRaw(this.options);
      this.inflate.on('data', (data) => this.push(data));
      this.inflate.on('error', (err) => this.destroy(err));
    }
    this.inflate.write(chunk, callback);
  }

  _flush(callback) {
    if (this.inflate === null) {
      callback();
      return;
    }
    this.inflate.once('end', callback);
    this.inflate.end();
  }
}

// A byte stream over the response (or its decoder), pulled with backpressure.
function responseBodyStream(state, res, source) {
  let controller;
  let finished = false;
  const body = {
    stream: null,
    abort(reason) {
      if (finished) return;
      finished = true;
      res.destroy();
      if (source !== res) source.destroy();
      try {
        controller.error(reason);
      } catch {}
    },
    fail(err) {
      if (finished) return;
      finished = true;
      try {
        controller.error(new TypeError('terminated', { cause: err }));
      } catch {}
    },
  };
  body.stream = new ReadableStream({
    type: 'bytes',
    start(c) {
      controller = c;
      source.on('data', (chunk) => {
        if (finished) return;
        controller.enqueue(new Uint8Array(chunk));
        if (controller.desiredSize <= 0) source.pause();
      });
      source.on('end', () => {
        if (finished) return;
        finished = true;
        controller.close();
        controller.byobRequest?.respond(0);
      });
      source.on('error', (err) => body.fail(err));
      res.on('aborted', () => body.fail(new Error('other side closed')));
      source.pause();
    },
    pull() {
      source.resume();
    },
    cancel() {
      finished = true;
      res.destroy();
      if (source !== res) source.destroy();
      state.done();
    },
  }, { highWaterMark: 65536 });
  return body;
}

module.exports = { fetch };
