'use strict';
// The WHATWG fetch classes: Headers, Request, Response and FormData, with the body mixin
// (text, json, arrayBuffer, blob, bytes, formData) over web streams. `fetch` itself is not here.

const { Blob, File, isBlob } = require('internal/blob');
const { ReadableStream, isReadableStream, isDisturbed, isLocked } = require('internal/webstreams/readablestream');
const { inspectCustom, customInspect } = require('internal/webstreams/util');
const { TextEncoder, TextDecoder, URLSearchParams, URL, AbortController } = require('internal/web');

const encoder = new TextEncoder();
const isObject = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function';

// ---------------------------------------------------------------- Headers

const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const kGuard = Symbol('kGuard');
const kList = Symbol('kList');

function normalizeValue(value) {
  return `${value}`.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

function validateHeader(context, name, value) {
  if (!tokenPattern.test(name)) throw new TypeError(`${context}: "${name}" is an invalid header name.`);
  if (/[\0\r\n]/.test(value)) throw new TypeError(`${context}: "${value}" is an invalid header value.`);
}

function byteString(value, context = 'Headers.set', what = 'value') {
  if (typeof value === 'symbol') {
    throw new TypeError(`${context}: ${what} is a symbol, which cannot be converted to a ByteString.`);
  }
  const text = `${value}`;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 255) {
      throw new TypeError(`Cannot convert argument to a ByteString because the character at index ${i} has a value of ${text.charCodeAt(i)} which is greater than 255.`);
    }
  }
  return text;
}

class Headers {
  constructor(init = undefined) {
    // lower-cased name -> { name: as first given, values: [] }
    this[kList] = new Map();
    this[kGuard] = 'none';
    if (init === undefined || init === null) {
      if (init === null) throw headersInitError();
      return;
    }
    fillHeaders(this, init, 'Headers constructor');
  }

  append(name, value) {
    checkHeaders(this, 'append', arguments, 2);
    appendHeader(this, byteString(name), normalizeValue(byteString(value)), 'Headers.append');
  }

  delete(name) {
    checkHeaders(this, 'delete', arguments, 1);
    name = byteString(name);
    if (!tokenPattern.test(name)) throw new TypeError(`Headers.delete: "${name}" is an invalid header name.`);
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    this[kList].delete(name.toLowerCase());
  }

  get(name) {
    checkHeaders(this, 'get', arguments, 1);
    name = byteString(name);
    if (!tokenPattern.test(name)) throw new TypeError(`Headers.get: "${name}" is an invalid header name.`);
    const key = name.toLowerCase();
    const entry = this[kList].get(key);
    return entry === undefined ? null : joinValues(key, entry.values);
  }

  getSetCookie() {
    checkHeaders(this);
    return [...(this[kList].get('set-cookie')?.values ?? [])];
  }

  has(name) {
    checkHeaders(this, 'has', arguments, 1);
    name = byteString(name);
    if (!tokenPattern.test(name)) throw new TypeError(`Headers.has: "${name}" is an invalid header name.`);
    return this[kList].has(name.toLowerCase());
  }

  set(name, value) {
    checkHeaders(this, 'set', arguments, 2);
    name = byteString(name, 'Headers.set', 'name');
    value = normalizeValue(byteString(value));
    validateHeader('Headers.set', name, value);
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    const key = name.toLowerCase();
    const entry = this[kList].get(key);
    if (entry === undefined) this[kList].set(key, { name, values: [value] });
    else entry.values = [value];
  }

  forEach(callback, thisArg = undefined) {
    checkHeaders(this);
    if (typeof callback !== 'function') {
      throw new TypeError("Headers.forEach: Argument 1 could not be converted to: Function.");
    }
    for (const [name, value] of sortedEntries(this)) Reflect.apply(callback, thisArg, [value, name, this]);
  }

  keys() {
    checkHeaders(this);
    return headersIterator(this, 'key');
  }

  values() {
    checkHeaders(this);
    return headersIterator(this, 'value');
  }

  entries() {
    checkHeaders(this);
    return headersIterator(this, 'key+value');
  }

  [inspectCustom](depth, options, inspect) {
    const fields = {};
    for (const [key, { name, values }] of this[kList]) fields[name] = joinValues(key, values);
    return customInspect(this, 'Headers', fields, depth, options, inspect);
  }
}

// Cookie headers join with "; ", others with ", ".
function joinValues(key, values) {
  return values.join(key === 'cookie' ? '; ' : ', ');
}

function checkHeaders(self, method, args, needed) {
  if (!isObject(self) || !(kList in self)) {
    const err = new TypeError('Illegal invocation');
    err.code = 'ERR_INVALID_THIS';
    throw err;
  }
  if (args !== undefined && args.length < needed) {
    throw new TypeError(`Headers.${method}: ${needed} argument${needed > 1 ? 's' : ''} required, but${needed > 1 ? ' only' : ''} ${args.length} found.`);
  }
}

function headersInitError(context = 'Headers constructor') {
  return new TypeError(`${context}: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.`);
}

function appendHeader(headers, name, value, context) {
  validateHeader(context, name, value);
  if (headers[kGuard] === 'immutable') throw new TypeError('immutable');
  const key = name.toLowerCase();
  const entry = headers[kList].get(key);
  if (entry === undefined) headers[kList].set(key, { name, values: [value] });
  else entry.values.push(value);
}

function fillHeaders(headers, init, context) {
  if (!isObject(init)) throw headersInitError(context);
  if (typeof init[Symbol.iterator] === 'function') {
    for (const pair of init) {
      if (!isObject(pair) || typeof pair[Symbol.iterator] !== 'function') throw headersInitError(context);
      const items = [...pair];
      if (items.length !== 2) {
        throw new TypeError(`Headers constructor: expected name/value pair to be length 2, found ${items.length}.`);
      }
      appendHeader(headers, byteString(items[0]), normalizeValue(byteString(items[1])), 'Headers.append');
    }
    return;
  }
  for (const key of Reflect.ownKeys(init)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(init, key);
    if (descriptor === undefined || !descriptor.enumerable) continue;
    if (typeof key === 'symbol') throw headersInitError(context);
    appendHeader(headers, byteString(key), normalizeValue(byteString(init[key])), 'Headers.append');
  }
}

function sortedEntries(headers) {
  const out = [];
  const names = [...headers[kList].keys()].sort();
  for (const name of names) {
    const { values } = headers[kList].get(name);
    if (name === 'set-cookie') for (const value of values) out.push([name, value]);
    else out.push([name, joinValues(name, values)]);
  }
  return out;
}

const HeadersIteratorPrototype = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())), {
  [Symbol.toStringTag]: { value: 'Headers Iterator', configurable: true },
});
function headersIterator(headers, kind) {
  let index = 0;
  const iterator = Object.create(HeadersIteratorPrototype);
  iterator.next = function next() {
    const entries = sortedEntries(headers);
    if (index >= entries.length) return { value: undefined, done: true };
    const [name, value] = entries[index++];
    return { value: kind === 'key' ? name : kind === 'value' ? value : [name, value], done: false };
  };
  Object.defineProperty(iterator, 'next', { enumerable: false });
  return iterator;
}

Headers.prototype[Symbol.iterator] = Headers.prototype.entries;
Object.defineProperty(Headers.prototype, Symbol.iterator, { enumerable: false });
Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: 'Headers', configurable: true });

// ---------------------------------------------------------------- FormData

const kEntries = Symbol('kEntries');

function formValue(value, filename) {
  if (!isBlob(value)) return `${value}`;
  if (value instanceof File && filename === undefined) return value;
  const name = filename === undefined ? 'blob' : `${filename}`;
  return new File([value], name, { type: value.type, lastModified: value instanceof File ? value.lastModified : undefined });
}

function formArgs(self, method, args, needed) {
  if (!isObject(self) || !(kEntries in self)) throw new TypeError('Illegal invocation');
  if (args.length < needed) {
    throw new TypeError(`FormData.${method}: ${needed} argument${needed > 1 ? 's' : ''} required, but only ${args.length} present.`);
  }
  if (args.length === 3 && !isBlob(args[1])) {
    throw new TypeError(`Failed to execute '${method}' on 'FormData': parameter 2 is not of type 'Blob'`);
  }
}

class FormData {
  constructor(form = undefined) {
    if (form !== undefined) {
      throw new TypeError("FormData constructor: Argument 1 could not be converted to: undefined.");
    }
    this[kEntries] = [];
  }

  append(name, value, filename = undefined) {
    formArgs(this, 'append', arguments, 2);
    this[kEntries].push([`${name}`, formValue(value, filename)]);
  }

  delete(name) {
    formArgs(this, 'delete', arguments, 1);
    name = `${name}`;
    this[kEntries] = this[kEntries].filter(([n]) => n !== name);
  }

  get(name) {
    formArgs(this, 'get', arguments, 1);
    name = `${name}`;
    const entry = this[kEntries].find(([n]) => n === name);
    return entry === undefined ? null : entry[1];
  }

  getAll(name) {
    formArgs(this, 'getAll', arguments, 1);
    name = `${name}`;
    return this[kEntries].filter(([n]) => n === name).map(([, v]) => v);
  }

  has(name) {
    formArgs(this, 'has', arguments, 1);
    name = `${name}`;
    return this[kEntries].some(([n]) => n === name);
  }

  set(name, value, filename = undefined) {
    formArgs(this, 'set', arguments, 2);
    name = `${name}`;
    const entry = [name, formValue(value, filename)];
    const index = this[kEntries].findIndex(([n]) => n === name);
    if (index === -1) {
      this[kEntries].push(entry);
      return;
    }
    this[kEntries] = this[kEntries].filter(([n], i) => n !== name || i === index);
    this[kEntries][index] = entry;
  }

  forEach(callback, thisArg = undefined) {
    formArgs(this, 'forEach', arguments, 1);
    if (typeof callback !== 'function') {
      throw new TypeError("FormData.forEach: Argument 1 could not be converted to: Function.");
    }
    for (let i = 0; i < this[kEntries].length; i++) {
      const [name, value] = this[kEntries][i];
      Reflect.apply(callback, thisArg, [value, name, this]);
    }
  }

  *entries() {
    for (let i = 0; i < this[kEntries].length; i++) yield [...this[kEntries][i]];
  }

  *keys() {
    for (const [name] of this.entries()) yield name;
  }

  *values() {
    for (const [, value] of this.entries()) yield value;
  }

  [inspectCustom](depth, options, inspect) {
    const fields = {};
    for (const [name, value] of this[kEntries]) {
      if (Object.hasOwn(fields, name)) fields[name] = [].concat(fields[name], value);
      else fields[name] = value;
    }
    return customInspect(this, 'FormData', fields, depth, options, inspect);
  }
}
FormData.prototype[Symbol.iterator] = FormData.prototype.entries;
Object.defineProperty(FormData.prototype, Symbol.iterator, { enumerable: false });
Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });

function escapeFormName(name) {
  return name.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
}

// multipart/form-data: the body's bytes and its boundary.
function serializeFormData(form) {
  const digits = `${Math.floor(Math.random() * 1e11)}`.padStart(11, '0');
  const boundary = `----formdata-undici-0${digits}`;
  const parts = [];
  for (const [name, value] of form[kEntries]) {
    if (typeof value === 'string') {
      parts.push(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeFormName(name.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n'))}"` +
        `\r\n\r\n${value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n')}\r\n`));
    } else {
      parts.push(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeFormName(name)}"` +
        `; filename="${escapeFormName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`));
      parts.push(value);
      parts.push(encoder.encode('\r\n'));
    }
  }
  parts.push(encoder.encode(`--${boundary}--\r\n`));
  return { blob: new Blob(parts), boundary };
}

function indexOfBytes(haystack, needle, from) {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function parseMultipart(bytes, boundary) {
  const failed = () => new TypeError('Failed to parse body as FormData.');
  const decoder = new TextDecoder();
  const delimiter = encoder.encode(`--${boundary}`);
  const form = new FormData();
  let position = indexOfBytes(bytes, delimiter, 0);
  if (position !== 0) throw failed();
  for (;;) {
    position += delimiter.length;
    if (bytes[position] === 0x2D && bytes[position + 1] === 0x2D) return form;
    if (bytes[position] !== 0x0D || bytes[position + 1] !== 0x0A) throw failed();
    position += 2;
    const headersEnd = indexOfBytes(bytes, encoder.encode('\r\n\r\n'), position);
    if (headersEnd === -1) throw failed();
    const headerLines = decoder.decode(bytes.subarray(position, headersEnd)).split('\r\n');
    let name;
    let filename;
    let type = '';
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon === -1) throw failed();
      const header = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (header === 'content-disposition') {
        name = /(?:^|;)\s*name="([^"]*)"/i.exec(value)?.[1];
        filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1];
      } else if (header === 'content-type') {
        type = value;
      }
    }
    if (name === undefined) throw failed();
    const bodyStart = headersEnd + 4;
    const next = indexOfBytes(bytes, encoder.encode(`\r\n--${boundary}`), bodyStart);
    if (next === -1) throw failed();
    const content = bytes.slice(bodyStart, next);
    if (filename !== undefined) form.append(name, new File([content], filename, { type }));
    else form.append(name, decoder.decode(content));
    position = next + 2;
  }
}

// ---------------------------------------------------------------- body

const kBody = Symbol('kBody');
const kHeaders = Symbol('kHeaders');

function byteStreamOf(bytes) {
  return new ReadableStream({
    type: 'bytes',
    start(controller) {
      // A copy: enqueueing transfers the buffer, and the source must stay readable (redirects resend it).
      if (bytes.byteLength > 0) controller.enqueue(bytes.slice());
    },
    pull(controller) {
      controller.close();
      controller.byobRequest?.respond(0);
    },
  });
}

// The body with its stream, source and type (the fetch spec's "extract a body").
function extractBody(object, keepalive = false) {
  let bytes;
  let type = null;
  if (typeof object === 'string') {
    bytes = encoder.encode(object);
    type = 'text/plain;charset=UTF-8';
  } else if (object instanceof URLSearchParams) {
    bytes = encoder.encode(object.toString());
    type = 'application/x-www-form-urlencoded;charset=UTF-8';
  } else if (object instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && object instanceof SharedArrayBuffer)) {
    bytes = new Uint8Array(object.slice(0));
  } else if (ArrayBuffer.isView(object)) {
    bytes = new Uint8Array(object.buffer.slice(object.byteOffset, object.byteOffset + object.byteLength));
  } else if (isBlob(object)) {
    if (object.type) type = object.type;
    return { stream: object.stream(), source: object, length: object.size, type };
  } else if (object instanceof FormData) {
    const { blob, boundary } = serializeFormData(object);
    return { stream: blob.stream(), source: object, length: blob.size, type: `multipart/form-data; boundary=${boundary}` };
  } else if (isReadableStream(object)) {
    if (keepalive) throw new TypeError('keepalive');
    if (isDisturbed(object) || isLocked(object)) {
      throw new TypeError('Response body object should not be disturbed or locked');
    }
    return { stream: object, source: null, length: null, type: null };
  } else if (typeof object?.[Symbol.asyncIterator] === 'function') {
    return { stream: ReadableStream.from(object), source: null, length: null, type: null };
  } else {
    bytes = encoder.encode(`${object}`);
    type = 'text/plain;charset=UTF-8';
  }
  return { stream: byteStreamOf(bytes), source: bytes, length: bytes.byteLength, type };
}

function bodyUnusable(self) {
  const body = self[kBody];
  return body !== null && (isDisturbed(body.stream) || isLocked(body.stream));
}

async function consumeBody(self, convert) {
  if (bodyUnusable(self)) throw new TypeError('Body is unusable: Body has already been read');
  const body = self[kBody];
  if (body === null) return convert(new Uint8Array(0));
  const chunks = [];
  let length = 0;
  const reader = body.stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) throw new TypeError('Received non-Uint8Array chunk');
    chunks.push(value);
    length += value.byteLength;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return convert(bytes);
}

function mimeTypeOf(self) {
  return self[kHeaders].get('content-type') ?? '';
}

const bodyMixin = {
  get body() {
    return this[kBody]?.stream ?? null;
  },
  get bodyUsed() {
    return this[kBody] !== null && isDisturbed(this[kBody].stream);
  },
  arrayBuffer() {
    return consumeBody(this, (bytes) => bytes.buffer);
  },
  blob() {
    return consumeBody(this, (bytes) => new Blob([bytes], { type: mimeTypeOf(this) }));
  },
  bytes() {
    return consumeBody(this, (bytes) => bytes);
  },
  formData() {
    return consumeBody(this, (bytes) => {
      const type = mimeTypeOf(this);
      const essence = type.split(';')[0].trim().toLowerCase();
      if (essence === 'multipart/form-data') {
        const boundary = /;\s*boundary=("?)([^";]+)\1/i.exec(type)?.[2];
        if (boundary === undefined) throw new TypeError('Failed to parse body as FormData.');
        return parseMultipart(bytes, boundary);
      }
      if (essence === 'application/x-www-form-urlencoded') {
        const form = new FormData();
        for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) form.append(name, value);
        return form;
      }
      throw new TypeError('Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".');
    });
  },
  json() {
    return consumeBody(this, (bytes) => JSON.parse(new TextDecoder().decode(bytes)));
  },
  text() {
    return consumeBody(this, (bytes) => new TextDecoder().decode(bytes));
  },
};

function mixBody(Class) {
  for (const name of Object.getOwnPropertyNames(bodyMixin)) {
    const descriptor = Object.getOwnPropertyDescriptor(bodyMixin, name);
    descriptor.enumerable = true;
    Object.defineProperty(Class.prototype, name, descriptor);
  }
}

function cloneBody(body) {
  if (body === null) return null;
  const [out1, out2] = body.stream.tee();
  body.stream = out1;
  return { ...body, stream: out2 };
}

// ---------------------------------------------------------------- Response

const nullBodyStatus = [101, 103, 204, 205, 304];
const redirectStatus = [301, 302, 303, 307, 308];
const kResponse = Symbol('kResponse');

function initializeResponse(response, init, body) {
  if (init.status !== undefined) {
    const status = Number(init.status);
    if (status < 200 || status > 599 || !Number.isFinite(status)) {
      throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
    }
  }
  if (init.statusText !== undefined && !/^[\t\x20-\x7E\x80-\xFF]*$/.test(`${init.statusText}`)) {
    throw new TypeError('Invalid statusText');
  }
  const state = response[kResponse];
  if (init.status !== undefined) state.status = Math.trunc(Number(init.status)) & 0xFFFF;
  if (init.statusText !== undefined) state.statusText = `${init.statusText}`;
  if (init.headers !== undefined) fillHeaders(response[kHeaders], init.headers, 'Headers constructor');
  if (body !== null) {
    if (nullBodyStatus.includes(state.status)) {
      throw new TypeError(`Response constructor: Invalid response status code ${state.status}`);
    }
    response[kBody] = body;
    if (body.type !== null && !response[kHeaders].has('content-type')) {
      response[kHeaders].append('content-type', body.type);
    }
  }
}

const kCreate = Symbol('kCreate');

class Response {
  constructor(body = null, init = {}) {
    this[kResponse] = { type: 'default', status: 200, statusText: '', url: '', redirected: false };
    this[kHeaders] = new Headers();
    this[kBody] = null;
    if (body === kCreate) return;
    if (init !== null && init !== undefined && !isObject(init)) {
      throw new TypeError("Response constructor: Expected init to be a dictionary.");
    }
    init ??= {};
    this[kHeaders][kGuard] = 'response';
    initializeResponse(this, init, body === null || body === undefined ? null : extractBody(body));
  }

  static error() {
    const response = new Response(kCreate);
    response[kResponse].type = 'error';
    response[kResponse].status = 0;
    response[kHeaders][kGuard] = 'immutable';
    return response;
  }

  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const response = new Response(kCreate);
    response[kHeaders][kGuard] = 'response';
    const body = extractBody(text);
    body.type = 'application/json';
    initializeResponse(response, init ?? {}, body);
    return response;
  }

  static redirect(url, status = 302) {
    let parsed;
    try {
      parsed = new URL(`${url}`);
    } catch (err) {
      throw new TypeError(`Failed to parse URL from ${url}`, { cause: err });
    }
    status = Number(status);
    if (!redirectStatus.includes(status)) throw new RangeError(`Invalid status code ${status}`);
    const response = new Response(kCreate);
    response[kResponse].status = status;
    response[kHeaders].set('location', parsed.href);
    response[kHeaders][kGuard] = 'immutable';
    return response;
  }

  get type() { return this[kResponse].type; }
  get url() { return this[kResponse].url; }
  get redirected() { return this[kResponse].redirected; }
  get status() { return this[kResponse].status; }
  get ok() { return this[kResponse].status >= 200 && this[kResponse].status <= 299; }
  get statusText() { return this[kResponse].statusText; }
  get headers() { return this[kHeaders]; }

  clone() {
    if (bodyUnusable(this)) throw new TypeError('Response.clone: Body has already been consumed.');
    const response = new Response(kCreate);
    Object.assign(response[kResponse], this[kResponse]);
    for (const [key, entry] of this[kHeaders][kList]) {
      response[kHeaders][kList].set(key, { name: entry.name, values: [...entry.values] });
    }
    response[kHeaders][kGuard] = this[kHeaders][kGuard];
    response[kBody] = cloneBody(this[kBody]);
    return response;
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, 'Response', {
      status: this.status, statusText: this.statusText, headers: this.headers, body: this.body,
      bodyUsed: this.bodyUsed, ok: this.ok, redirected: this.redirected, type: this.type, url: this.url,
    }, depth, options, inspect);
  }
}
mixBody(Response);

// ---------------------------------------------------------------- Request

const kRequest = Symbol('kRequest');
const forbiddenMethods = ['CONNECT', 'TRACE', 'TRACK'];
const normalizedMethods = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

function enumOption(init, name, values, context = 'Request constructor') {
  const value = init[name];
  if (value === undefined) return undefined;
  const text = `${value}`;
  if (!values.includes(text)) {
    throw new TypeError(`${context}: ${text} is not an accepted type. Expected one of ${values.join(', ')}.`);
  }
  return text;
}

class Request {
  constructor(input, init = {}) {
    if (arguments.length === 0) {
      throw new TypeError('Request constructor: 1 argument required, but only 0 present.');
    }
    if (init !== null && init !== undefined && !isObject(init)) {
      throw new TypeError("Request constructor: Expected init to be a dictionary.");
    }
    init ??= {};
    let state;
    let inputBody = null;
    if (input instanceof Request) {
      state = { ...input[kRequest] };
      inputBody = input[kBody];
    } else {
      let url;
      try {
        url = new URL(`${input}`);
      } catch (err) {
        throw new TypeError(`Failed to parse URL from ${input}`, { cause: err });
      }
      if (url.username || url.password) {
        throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
      }
      state = {
        method: 'GET', url: url.href, mode: 'cors', credentials: 'same-origin', cache: 'default',
        redirect: 'follow', integrity: '', keepalive: false, referrer: 'about:client', referrerPolicy: '',
        duplex: 'half',
      };
    }
    if (init.referrer !== undefined) {
      const referrer = `${init.referrer}`;
      if (referrer === '') state.referrer = '';
      else {
        try {
          state.referrer = new URL(referrer).href;
        } catch (err) {
          throw new TypeError(`Referrer "${referrer}" is not a valid URL.`, { cause: err });
        }
      }
    }
    state.referrerPolicy = enumOption(init, 'referrerPolicy', ['', 'no-referrer', 'no-referrer-when-downgrade',
      'same-origin', 'origin', 'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin',
      'unsafe-url']) ?? state.referrerPolicy;
    const mode = enumOption(init, 'mode', ['same-origin', 'no-cors', 'cors', 'navigate', 'websocket']);
    if (mode === 'navigate') {
      throw new TypeError("Request constructor: invalid request mode navigate.");
    }
    state.mode = mode ?? state.mode;
    state.credentials = enumOption(init, 'credentials', ['omit', 'same-origin', 'include']) ?? state.credentials;
    state.cache = enumOption(init, 'cache', ['default', 'no-store', 'reload', 'no-cache', 'force-cache',
      'only-if-cached']) ?? state.cache;
    if (state.cache === 'only-if-cached' && state.mode !== 'same-origin') {
      throw new TypeError("'only-if-cached' can be set only with 'same-origin' mode");
    }
    state.redirect = enumOption(init, 'redirect', ['follow', 'error', 'manual']) ?? state.redirect;
    if (init.integrity !== undefined) state.integrity = `${init.integrity}`;
    if (init.keepalive !== undefined) state.keepalive = Boolean(init.keepalive);
    if (init.method !== undefined) {
      const method = `${init.method}`;
      if (!tokenPattern.test(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
      const upper = method.toUpperCase();
      if (forbiddenMethods.includes(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
      state.method = normalizedMethods.includes(upper) ? upper : method;
    }
    const controller = new AbortController();
    const signal = init.signal !== undefined ? init.signal : input instanceof Request ? input.signal : undefined;
    if (signal !== undefined && signal !== null) {
      if (!(signal instanceof globalThis.AbortSignal)) {
        throw new TypeError("Request constructor: Expected signal (\"" + `${signal}` + "\") to be an instance of AbortSignal.");
      }
      if (signal.aborted) controller.abort(signal.reason);
      else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    }
    this[kRequest] = state;
    this[kRequest].signal = controller.signal;
    this[kHeaders] = new Headers();
    this[kBody] = null;
    if (init.headers !== undefined) fillHeaders(this[kHeaders], init.headers, 'Headers constructor');
    else if (input instanceof Request) {
      for (const [key, entry] of input[kHeaders][kList]) {
        this[kHeaders][kList].set(key, { name: entry.name, values: [...entry.values] });
      }
    }
    const hasBody = init.body !== undefined && init.body !== null;
    if ((hasBody || inputBody !== null) && (state.method === 'GET' || state.method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    let body = null;
    if (hasBody) {
      body = extractBody(init.body, state.keepalive);
      if (body.type !== null && !this[kHeaders].has('content-type')) this[kHeaders].append('content-type', body.type);
    }
    const finalBody = body ?? inputBody;
    if (finalBody !== null && finalBody.source === null) {
      if (init.duplex === undefined) throw new TypeError('RequestInit: duplex option is required when sending a body.');
      if (`${init.duplex}` !== 'half') {
        throw new TypeError(`Request constructor: ${init.duplex} is not an accepted type. Expected one of half.`);
      }
    }
    if (body === null && inputBody !== null) {
      if (bodyUnusable(input)) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      // The input's body moves to this request.
      const [moved] = [inputBody.stream];
      const reader = moved.getReader();
      this[kBody] = { ...inputBody, stream: new ReadableStream({
        async pull(c) {
          const { value, done } = await reader.read();
          if (done) c.close();
          else c.enqueue(value);
        },
        cancel(reason) {
          return reader.cancel(reason);
        },
      }) };
    } else {
      this[kBody] = body;
    }
  }

  get method() { return this[kRequest].method; }
  get url() { return this[kRequest].url; }
  get headers() { return this[kHeaders]; }
  get destination() { return ''; }
  get referrer() {
    const referrer = this[kRequest].referrer;
    return referrer === 'about:client' ? 'about:client' : referrer;
  }
  get referrerPolicy() { return this[kRequest].referrerPolicy; }
  get mode() { return this[kRequest].mode; }
  get credentials() { return this[kRequest].credentials; }
  get cache() { return this[kRequest].cache; }
  get redirect() { return this[kRequest].redirect; }
  get integrity() { return this[kRequest].integrity; }
  get keepalive() { return this[kRequest].keepalive; }
  get isReloadNavigation() { return false; }
  get isHistoryNavigation() { return false; }
  get signal() { return this[kRequest].signal; }
  get duplex() { return 'half'; }

  clone() {
    if (bodyUnusable(this)) throw new TypeError('Request.clone: Body has already been consumed.');
    const request = Object.create(Request.prototype);
    request[kRequest] = { ...this[kRequest] };
    const controller = new AbortController();
    const signal = this[kRequest].signal;
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    request[kRequest].signal = controller.signal;
    request[kHeaders] = new Headers();
    for (const [key, entry] of this[kHeaders][kList]) {
      request[kHeaders][kList].set(key, { name: entry.name, values: [...entry.values] });
    }
    request[kBody] = cloneBody(this[kBody]);
    return request;
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, 'Request', {
      method: this.method, url: this.url, headers: this.headers, destination: this.destination,
      referrer: this.referrer, referrerPolicy: this.referrerPolicy, mode: this.mode,
      credentials: this.credentials, cache: this.cache, redirect: this.redirect, integrity: this.integrity,
      keepalive: this.keepalive, isReloadNavigation: this.isReloadNavigation,
      isHistoryNavigation: this.isHistoryNavigation, signal: this.signal,
    }, depth, options, inspect);
  }
}
mixBody(Request);

for (const C of [Response, Request]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
  for (const name of Object.getOwnPropertyNames(C.prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(C.prototype, name, { enumerable: true });
  }
}
for (const C of [Headers, FormData]) {
  for (const name of Object.getOwnPropertyNames(C.prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(C.prototype, name, { enumerable: true });
  }
}

module.exports = {
  Headers, Request, Response, FormData, extractBody,
  // For fetch() (internal/fetch_client): the objects' inner state.
  fetchInternals: { kBody, kCreate, kGuard, kHeaders, kList, kRequest, kResponse },
};
