'use strict';
// Web-platform globals: encoding, URL, base64, events, abort, DOMException, structuredClone.

const { invalidArgType } = require('internal/errors');

class TextEncoder {
  get encoding() {
    return 'utf-8';
  }
  encode(input = '') {
    return binding.utf8Encode(`${input}`);
  }
  encodeInto(source, destination) {
    source = `${source}`;
    let read = 0;
    let written = 0;
    for (const ch of source) {
      const code = ch.codePointAt(0);
      const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (written + size > destination.length) break;
      destination.set(binding.utf8Encode(ch), written);
      written += size;
      read += ch.length;
    }
    return { read, written };
  }
}

class TextDecoder {
  #fatal;
  #ignoreBOM;
  constructor(encoding = 'utf-8', options = {}) {
    const label = `${encoding}`.trim().toLowerCase();
    if (label !== 'utf-8' && label !== 'utf8' && label !== 'unicode-1-1-utf-8') {
      const err = new RangeError(`The "${encoding}" encoding is not supported`);
      err.code = 'ERR_ENCODING_NOT_SUPPORTED';
      throw err;
    }
    this.#fatal = Boolean(options.fatal);
    this.#ignoreBOM = Boolean(options.ignoreBOM);
  }
  get encoding() {
    return 'utf-8';
  }
  get fatal() {
    return this.#fatal;
  }
  get ignoreBOM() {
    return this.#ignoreBOM;
  }
  decode(input = new Uint8Array(0)) {
    if (input instanceof ArrayBuffer || input instanceof SharedArrayBuffer) input = new Uint8Array(input);
    if (!ArrayBuffer.isView(input)) throw invalidArgType('input', 'an instance of ArrayBuffer or ArrayBufferView', input);
    return binding.utf8Decode(input, this.#fatal, this.#ignoreBOM);
  }
}

const base64Chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

class DOMException extends Error {
  #name;
  #code;
  constructor(message = '', options = 'Error') {
    super(message);
    this.#name = typeof options === 'object' ? `${options.name ?? 'Error'}` : `${options}`;
    const codes = { IndexSizeError: 1, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
      SyntaxError: 12, InvalidCharacterError: 5, TypeMismatchError: 17, AbortError: 20, QuotaExceededError: 22,
      TimeoutError: 23, DataCloneError: 25 };
    this.#code = codes[this.#name] ?? 0;
    if (typeof options === 'object' && 'cause' in options) {
      Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
    }
  }
  get name() {
    return this.#name;
  }
  get code() {
    return this.#code;
  }
}

function btoa(input) {
  if (arguments.length === 0) throw invalidArgType('input', 'of type string', undefined);
  input = `${input}`;
  let bits = 0, value = 0, out = '';
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code > 255) throw new DOMException('Invalid character', 'InvalidCharacterError');
    value = (value << 8) | code;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += base64Chars[(value >> bits) & 63];
    }
  }
  if (bits > 0) out += base64Chars[(value << (6 - bits)) & 63];
  while (out.length % 4 !== 0) out += '=';
  return out;
}

function atob(input) {
  if (arguments.length === 0) throw invalidArgType('input', 'of type string', undefined);
  input = `${input}`.replace(/[\t\n\f\r ]/g, '');
  if (input.length % 4 === 0) input = input.replace(/==?$/, '');
  if (input.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(input)) {
    throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  }
  let bits = 0, value = 0, out = '';
  for (const ch of input) {
    value = (value << 6) | base64Chars.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 255);
    }
  }
  return out;
}

class URLSearchParams {
  #list = [];
  #url = null;
  constructor(init = '') {
    if (typeof init === 'object' && init !== null) {
      if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          if (pair.length !== 2) {
            const err = new TypeError('Each query pair must be an iterable [name, value] tuple');
            err.code = 'ERR_INVALID_TUPLE';
            throw err;
          }
          this.#list.push([`${pair[0]}`, `${pair[1]}`]);
        }
      } else {
        for (const key of Object.keys(init)) this.#list.push([key, `${init[key]}`]);
      }
    } else {
      this.#parse(`${init}`);
    }
  }
  #parse(query) {
    this.#list = [];
    if (query.startsWith('?')) query = query.slice(1);
    for (const part of query.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? '' : part.slice(eq + 1);
      this.#list.push([decodeForm(name), decodeForm(value)]);
    }
  }
  static _attach(params, url, query) {
    params.#url = url;
    params.#parse(query);
  }
  #update() {
    if (this.#url) this.#url._setSearch(this.toString());
  }
  get size() {
    return this.#list.length;
  }
  append(name, value) {
    this.#list.push([`${name}`, `${value}`]);
    this.#update();
  }
  delete(name, value) {
    this.#list = this.#list.filter(([n, v]) => n !== `${name}` || (value !== undefined && v !== `${value}`));
    this.#update();
  }
  get(name) {
    return this.#list.find(([n]) => n === `${name}`)?.[1] ?? null;
  }
  getAll(name) {
    return this.#list.filter(([n]) => n === `${name}`).map(([, v]) => v);
  }
  has(name, value) {
    return this.#list.some(([n, v]) => n === `${name}` && (value === undefined || v === `${value}`));
  }
  set(name, value) {
    const index = this.#list.findIndex(([n]) => n === `${name}`);
    if (index === -1) {
      this.#list.push([`${name}`, `${value}`]);
    } else {
      this.#list[index][1] = `${value}`;
      this.#list = this.#list.filter(([n], i) => i <= index || n !== `${name}`);
    }
    this.#update();
  }
  sort() {
    this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#update();
  }
  forEach(callback, thisArg) {
    for (const [name, value] of this.#list) callback.call(thisArg, value, name, this);
  }
  *entries() {
    yield* this.#list.map(([n, v]) => [n, v]);
  }
  *keys() {
    for (const [n] of this.#list) yield n;
  }
  *values() {
    for (const [, v] of this.#list) yield v;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  toString() {
    return this.#list.map(([n, v]) => `${encodeForm(n)}=${encodeForm(v)}`).join('&');
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (this.#list.length === 0) return 'URLSearchParams {}';
    return `URLSearchParams { ${this.#list.map(([n, v]) => `${inspect(n)} => ${inspect(v)}`).join(', ')} }`;
  }
}

function decodeForm(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
function encodeForm(text) {
  return encodeURIComponent(text).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const urlParts = ['href', 'protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash', 'origin'];

class URL {
  #parts;
  #searchParams;
  constructor(input, base) {
    if (arguments.length === 0) throw invalidArgType('url', 'of type string', undefined);
    const parts = base === undefined ? binding.parseUrl(`${input}`) : binding.parseUrl(`${input}`, `${base}`);
    if (parts === undefined) {
      const err = new TypeError('Invalid URL');
      err.code = 'ERR_INVALID_URL';
      err.input = `${input}`;
      if (base !== undefined) err.base = `${base}`;
      throw err;
    }
    this.#set(parts);
  }
  #set(parts) {
    this.#parts = Object.fromEntries(urlParts.map((name, i) => [name, parts[i]]));
    if (this.#searchParams === undefined) this.#searchParams = new URLSearchParams();
    URLSearchParams._attach(this.#searchParams, this, this.#parts.search);
  }
  #reparse(href) {
    const parts = binding.parseUrl(href);
    if (parts !== undefined) this.#set(parts);
  }
  _setSearch(query) {
    const p = this.#parts;
    this.#reparse(this.#compose({ search: query ? `?${query}` : '' }));
    void p;
  }
  #compose(changes) {
    const p = { ...this.#parts, ...changes };
    const auth = p.username || p.password ? `${p.username}${p.password ? `:${p.password}` : ''}@` : '';
    const host = p.hostname !== '' || p.protocol === 'file:' ? `//${auth}${p.hostname}${p.port ? `:${p.port}` : ''}` : '';
    return `${p.protocol}${host}${p.pathname}${p.search}${p.hash}`;
  }
  static canParse(input, base) {
    return (base === undefined ? binding.parseUrl(`${input}`) : binding.parseUrl(`${input}`, `${base}`)) !== undefined;
  }
  get href() { return this.#parts.href; }
  set href(value) {
    const parts = binding.parseUrl(`${value}`);
    if (parts === undefined) throw new TypeError('Invalid URL');
    this.#set(parts);
  }
  get origin() { return this.#parts.origin; }
  get protocol() { return this.#parts.protocol; }
  set protocol(v) { this.#reparse(this.#compose({ protocol: `${v}`.replace(/:?$/, ':') })); }
  get username() { return this.#parts.username; }
  set username(v) { this.#reparse(this.#compose({ username: encodeURIComponent(`${v}`) })); }
  get password() { return this.#parts.password; }
  set password(v) { this.#reparse(this.#compose({ password: encodeURIComponent(`${v}`) })); }
  get host() { return this.#parts.hostname + (this.#parts.port ? `:${this.#parts.port}` : ''); }
  set host(v) {
    const [hostname, port = ''] = `${v}`.split(':');
    this.#reparse(this.#compose({ hostname, port }));
  }
  get hostname() { return this.#parts.hostname; }
  set hostname(v) { this.#reparse(this.#compose({ hostname: `${v}` })); }
  get port() { return this.#parts.port; }
  set port(v) { this.#reparse(this.#compose({ port: `${v}` })); }
  get pathname() { return this.#parts.pathname; }
  set pathname(v) { this.#reparse(this.#compose({ pathname: `${v}`.startsWith('/') ? `${v}` : `/${v}` })); }
  get search() { return this.#parts.search.length > 1 ? this.#parts.search : ''; }
  set search(v) {
    v = `${v}`;
    this.#reparse(this.#compose({ search: v === '' ? '' : v.startsWith('?') ? v : `?${v}` }));
  }
  get searchParams() { return this.#searchParams; }
  get hash() { return this.#parts.hash.length > 1 ? this.#parts.hash : ''; }
  set hash(v) {
    v = `${v}`;
    this.#reparse(this.#compose({ hash: v === '' ? '' : v.startsWith('#') ? v : `#${v}` }));
  }
  toString() { return this.href; }
  toJSON() { return this.href; }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    const fields = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash'];
    const lines = fields.map((f) => `  ${f}: ${f === 'searchParams' ? this.searchParams[Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) : inspect(this[f])}`);
    return `URL {\n${lines.join(',\n')}\n}`;
  }
}

class Event {
  #type;
  #cancelable;
  #bubbles;
  #defaultPrevented = false;
  #timeStamp = binding.now();
  #stopImmediate = false;
  constructor(type, options = {}) {
    if (arguments.length === 0) throw invalidArgType('type', 'of type string', undefined);
    this.#type = `${type}`;
    this.#cancelable = Boolean(options?.cancelable);
    this.#bubbles = Boolean(options?.bubbles);
    this.target = null;
    this.currentTarget = null;
  }
  get type() { return this.#type; }
  get cancelable() { return this.#cancelable; }
  get bubbles() { return this.#bubbles; }
  get defaultPrevented() { return this.#cancelable && this.#defaultPrevented; }
  get timeStamp() { return this.#timeStamp; }
  get isTrusted() { return false; }
  get eventPhase() { return this.currentTarget ? 2 : 0; }
  preventDefault() { this.#defaultPrevented = true; }
  stopPropagation() {}
  stopImmediatePropagation() { this.#stopImmediate = true; }
  get _stopped() { return this.#stopImmediate; }
}

class EventTarget {
  #listeners = new Map();
  addEventListener(type, listener, options = {}) {
    if (listener === null || listener === undefined) return;
    const once = typeof options === 'object' && Boolean(options?.once);
    const list = this.#listeners.get(type) ?? [];
    if (list.some((l) => l.listener === listener)) return;
    list.push({ listener, once });
    this.#listeners.set(type, list);
    options?.signal?.addEventListener('abort', () => this.removeEventListener(type, listener), { once: true });
  }
  removeEventListener(type, listener) {
    const list = this.#listeners.get(type);
    if (list) this.#listeners.set(type, list.filter((l) => l.listener !== listener));
  }
  dispatchEvent(event) {
    if (!(event instanceof Event)) throw invalidArgType('event', 'an instance of Event', event);
    event.target = this;
    event.currentTarget = this;
    for (const entry of (this.#listeners.get(event.type) ?? []).slice()) {
      if (entry.once) this.removeEventListener(event.type, entry.listener);
      try {
        if (typeof entry.listener === 'function') entry.listener.call(this, event);
        else entry.listener.handleEvent(event);
      } catch (err) {
        process.nextTick(() => { throw err; });
      }
      if (event._stopped) break;
    }
    event.currentTarget = null;
    return !event.defaultPrevented;
  }
}

class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;
  onabort = null;
  constructor(key) {
    super();
    if (key !== kCreate) throw new TypeError('Illegal constructor');
  }
  get aborted() { return this.#aborted; }
  get reason() { return this.#reason; }
  throwIfAborted() {
    if (this.#aborted) throw this.#reason;
  }
  _abort(reason) {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    const event = new Event('abort');
    if (typeof this.onabort === 'function') this.onabort(event);
    this.dispatchEvent(event);
  }
  static abort(reason) {
    const signal = new AbortSignal(kCreate);
    signal._abort(reason);
    return signal;
  }
  static timeout(ms) {
    const signal = new AbortSignal(kCreate);
    setTimeout(() => signal._abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms).unref();
    return signal;
  }
  static any(signals) {
    const signal = new AbortSignal(kCreate);
    for (const s of signals) {
      if (s.aborted) {
        signal._abort(s.reason);
        break;
      }
      s.addEventListener('abort', () => signal._abort(s.reason), { once: true });
    }
    return signal;
  }
}
const kCreate = Symbol('create');

class AbortController {
  #signal = new AbortSignal(kCreate);
  get signal() { return this.#signal; }
  abort(reason) { this.#signal._abort(reason); }
}

// structuredClone for the types the HTML structured clone algorithm supports.
function structuredClone(value, options) {
  if (arguments.length === 0) throw invalidArgType('value', 'provided', undefined);
  const transfer = options?.transfer ?? [];
  const memory = new Map();
  const kind = binding.kind;
  const fail = (what) => {
    throw new DOMException(`${what} could not be cloned.`, 'DataCloneError');
  };
  function clone(v) {
    if (typeof v === 'function') fail(Function.prototype.toString.call(v).slice(0, 80));
    if (typeof v === 'symbol') fail(v.toString());
    if (typeof v !== 'object' || v === null) return v;
    if (memory.has(v)) return memory.get(v);
    const k = kind(v);
    let out;
    switch (k) {
      case 'date': out = new Date(v.getTime()); break;
      case 'regexp': out = new RegExp(v.source, v.flags); break;
      case 'boxed': out = Object(v.valueOf()); break;
      case 'arraybuffer': out = transfer.includes(v) ? v.transfer() : v.slice(0); break;
      case 'typedarray': case 'dataview': {
        const buffer = clone(v.buffer);
        out = k === 'dataview' ? new DataView(buffer, v.byteOffset, v.byteLength)
          : new v.constructor(buffer, v.byteOffset, v.length);
        break;
      }
      case 'map':
        out = new Map();
        memory.set(v, out);
        for (const [key, val] of v) out.set(clone(key), clone(val));
        return out;
      case 'set':
        out = new Set();
        memory.set(v, out);
        for (const val of v) out.add(clone(val));
        return out;
      case 'error': {
        const ctor = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError }[v.name] ?? Error;
        out = Object.create(ctor.prototype);
        memory.set(v, out);
        for (const key of ['message', 'stack', 'cause']) {
          if (Object.prototype.hasOwnProperty.call(v, key)) {
            Object.defineProperty(out, key, { value: clone(v[key]), writable: true, configurable: true });
          }
        }
        return out;
      }
      case '':
        break;
      default:
        fail(Object.prototype.toString.call(v));
    }
    if (out !== undefined) {
      memory.set(v, out);
      return out;
    }
    out = Array.isArray(v) ? new Array(v.length) : {};
    memory.set(v, out);
    for (const key of Object.keys(v)) out[key] = clone(v[key]);
    return out;
  }
  return clone(value);
}

// navigator: what the runtime reports about the machine and its user, each read once.
const kNavigator = Symbol('navigator');
class Navigator {
  #hardwareConcurrency;
  #language;
  #languages;
  #platform;
  constructor(key) {
    if (key !== kNavigator) throw require('internal/errors').codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }
  get hardwareConcurrency() {
    this.#hardwareConcurrency ??= require('os').availableParallelism();
    return this.#hardwareConcurrency;
  }
  get language() {
    this.#language ??= Intl?.DateTimeFormat().resolvedOptions().locale || 'en-US';
    return this.#language;
  }
  get languages() {
    this.#languages ??= Object.freeze([this.language]);
    return this.#languages;
  }
  get userAgent() {
    return `Node.js/${process.version.slice(1, process.version.indexOf('.'))}`;
  }
  get platform() {
    if (this.#platform === undefined) {
      const { platform, arch } = process;
      if (platform === 'darwin') this.#platform = 'MacIntel';
      else if (platform === 'win32') this.#platform = 'Win32';
      else if (platform === 'linux') this.#platform = arch === 'ia32' ? 'Linux i686' : arch === 'x64' ? 'Linux x86_64' : `Linux ${arch}`;
      else if (platform === 'freebsd') this.#platform = arch === 'ia32' ? 'FreeBSD i386' : arch === 'x64' ? 'FreeBSD amd64' : `FreeBSD ${arch}`;
      else if (platform === 'openbsd') this.#platform = arch === 'ia32' ? 'OpenBSD i386' : arch === 'x64' ? 'OpenBSD amd64' : `OpenBSD ${arch}`;
      else if (platform === 'sunos') this.#platform = arch === 'ia32' ? 'SunOS i86pc' : `SunOS ${arch}`;
      else if (platform === 'aix') this.#platform = 'AIX';
      else this.#platform = `${platform[0].toUpperCase()}${platform.slice(1)} ${arch}`;
    }
    return this.#platform;
  }
}
for (const name of ['hardwareConcurrency', 'language', 'languages', 'userAgent', 'platform']) {
  Object.defineProperty(Navigator.prototype, name, { enumerable: true });
}
let navigator;
function getNavigator() {
  navigator ??= new Navigator(kNavigator);
  return navigator;
}

module.exports = {
  TextEncoder, TextDecoder, URL, URLSearchParams, atob, btoa, DOMException,
  Event, EventTarget, AbortController, AbortSignal, structuredClone, Navigator, getNavigator,
};
