'use strict';
// Web-platform globals: encoding, URL, base64, events, abort, DOMException, structuredClone.

const urlBinding = binding.url();
const workerBinding = binding.worker();
const { invalidArgType } = require('internal/errors');

const { TextEncoder, TextDecoder } = require('internal/encoding');

const base64Chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const { DOMException } = require('internal/per_context/domexception');

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

function missingArgs(...names) {
  const { codedError } = require('internal/errors');
  const list = names.length === 1 ? `"${names[0]}" argument` : `"${names.slice(0, -1).join('", "')}" and "${names.at(-1)}" arguments`;
  return codedError(TypeError, 'ERR_MISSING_ARGS', `The ${list} must be specified`);
}

const invalidThis = (type) => require('internal/errors').invalidThis(type);

let setSearchOfURL;
let attachSearchParams;
const toUSVString = (value) => `${value}`.toWellFormed();
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

class URLSearchParams {
  // Names and values alternate: [name, value, name, value, ...].
  #list = [];
  #url = null;
  constructor(init = undefined) {
    if (init === undefined || init === null) {
      if (init === null) this.#list = ['null', ''];
    } else if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method === this[Symbol.iterator] && #list in init) {
        this.#list = init.#list.slice();
      } else if (method !== undefined && method !== null) {
        if (typeof method !== 'function') {
          throw require('internal/errors').codedError(TypeError, 'ERR_ARG_NOT_ITERABLE', 'Query pairs must be iterable');
        }
        for (const pair of init) {
          if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') || typeof pair[Symbol.iterator] !== 'function') {
            throw invalidTuple();
          }
          const converted = [];
          for (const element of pair) converted.push(toUSVString(element));
          if (converted.length !== 2) throw invalidTuple();
          this.#list.push(converted[0], converted[1]);
        }
      } else {
        const seen = new Map();
        for (const key of Reflect.ownKeys(init)) {
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc === undefined || !desc.enumerable) continue;
          const name = toUSVString(key);
          const value = toUSVString(init[key]);
          if (seen.has(name)) {
            this.#list[seen.get(name) + 1] = value;
          } else {
            seen.set(name, this.#list.length);
            this.#list.push(name, value);
          }
        }
      }
    } else {
      const query = toUSVString(init);
      this.#list = urlBinding.formParse(query.startsWith('?') ? query.slice(1) : query);
    }
  }
  static {
    attachSearchParams = (params, url, query) => {
      params.#url = url;
      params.#list = urlBinding.formParse(query.startsWith('?') ? query.slice(1) : query);
    };
  }
  #update() {
    if (this.#url) setSearchOfURL(this.#url, this.toString());
  }
  static #check(self) {
    if (typeof self !== 'object' || self === null || !(#list in self)) throw invalidThis('URLSearchParams');
  }
  get size() {
    URLSearchParams.#check(this);
    return this.#list.length / 2;
  }
  append(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) throw missingArgs('name', 'value');
    this.#list.push(toUSVString(name), toUSVString(value));
    this.#update();
  }
  delete(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs('name');
    name = toUSVString(name);
    const list = [];
    if (value !== undefined) value = toUSVString(value);
    for (let i = 0; i < this.#list.length; i += 2) {
      if (this.#list[i] === name && (value === undefined || this.#list[i + 1] === value)) continue;
      list.push(this.#list[i], this.#list[i + 1]);
    }
    this.#list = list;
    this.#update();
  }
  get(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs('name');
    name = toUSVString(name);
    for (let i = 0; i < this.#list.length; i += 2) if (this.#list[i] === name) return this.#list[i + 1];
    return null;
  }
  getAll(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs('name');
    name = toUSVString(name);
    const values = [];
    for (let i = 0; i < this.#list.length; i += 2) if (this.#list[i] === name) values.push(this.#list[i + 1]);
    return values;
  }
  has(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs('name');
    name = toUSVString(name);
    if (value !== undefined) value = toUSVString(value);
    for (let i = 0; i < this.#list.length; i += 2) {
      if (this.#list[i] === name && (value === undefined || this.#list[i + 1] === value)) return true;
    }
    return false;
  }
  set(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) throw missingArgs('name', 'value');
    name = toUSVString(name);
    value = toUSVString(value);
    const list = [];
    let found = false;
    for (let i = 0; i < this.#list.length; i += 2) {
      if (this.#list[i] !== name) {
        list.push(this.#list[i], this.#list[i + 1]);
      } else if (!found) {
        found = true;
        list.push(name, value);
      }
    }
    if (!found) list.push(name, value);
    this.#list = list;
    this.#update();
  }
  sort() {
    URLSearchParams.#check(this);
    const pairs = [];
    for (let i = 0; i < this.#list.length; i += 2) pairs.push([this.#list[i], this.#list[i + 1]]);
    // Stable, by UTF-16 code units of the names.
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#list = pairs.flat();
    this.#update();
  }
  entries() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this.#list, 'key+value');
  }
  forEach(callback, thisArg = undefined) {
    URLSearchParams.#check(this);
    require('internal/errors').validateFunction(callback, 'callback');
    // The list may change while it runs: read it afresh each step.
    for (let i = 0; i < this.#list.length; i += 2) callback.call(thisArg, this.#list[i + 1], this.#list[i], this);
  }
  keys() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this.#list, 'key');
  }
  values() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this.#list, 'value');
  }
  toString() {
    URLSearchParams.#check(this);
    return urlBinding.formSerialize(this.#list);
  }
  [inspectCustom](depth, options, inspect) {
    URLSearchParams.#check(this);
    if (typeof depth === 'number' && depth < 0) return options.stylize('[Object]', 'special');
    const inner = { ...options };
    if (depth !== null) inner.depth = depth - 1;
    const output = [];
    for (let i = 0; i < this.#list.length; i += 2) {
      output.push(`${inspect(this.#list[i], inner)} => ${inspect(this.#list[i + 1], inner)}`);
    }
    const length = output.reduce((total, item) => total + require('util').stripVTControlCharacters(item).length + 2, -2);
    if (length > (options.breakLength ?? 80)) return `${this.constructor.name} {\n  ${output.join(',\n  ')} }`;
    if (output.length > 0) return `${this.constructor.name} { ${output.join(', ')} }`;
    return `${this.constructor.name} {}`;
  }
}
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries, writable: true, configurable: true,
});
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });
for (const name of ['size', 'append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'entries', 'forEach', 'keys', 'values', 'toString']) {
  Object.defineProperty(URLSearchParams.prototype, name, { enumerable: true });
}

function invalidTuple() {
  return require('internal/errors').codedError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
}

// A live iterator over a URLSearchParams' list, as the WebIDL pair iterator behaves.
class URLSearchParamsIterator {
  #list;
  #kind;
  #index = 0;
  constructor(list, kind) {
    this.#list = list;
    this.#kind = kind;
  }
  next() {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw invalidThis('URLSearchParamsIterator');
    if (this.#index >= this.#list.length) return { value: undefined, done: true };
    const name = this.#list[this.#index];
    const value = this.#list[this.#index + 1];
    this.#index += 2;
    const result = this.#kind === 'key' ? name : this.#kind === 'value' ? value : [name, value];
    return { value: result, done: false };
  }
  [inspectCustom](depth, options, inspect) {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw invalidThis('URLSearchParamsIterator');
    if (typeof depth === 'number' && depth < 0) return options.stylize('[Object]', 'special');
    const inner = { ...options };
    if (depth !== null) inner.depth = depth - 1;
    const output = [];
    for (let i = this.#index; i < this.#list.length; i += 2) {
      const name = this.#list[i];
      const value = this.#list[i + 1];
      output.push(this.#kind === 'key' ? name : this.#kind === 'value' ? value : [name, value]);
    }
    const items = output.map((item) => inspect(item, inner));
    const length = items.reduce((total, item) => total + require('util').stripVTControlCharacters(item).length + 2, -2);
    if (length > (options.breakLength ?? 80)) return `URLSearchParams Iterator {\n  ${items.join(',\n  ')} }`;
    return `URLSearchParams Iterator { ${items.join(', ')} }`;
  }
}
Object.setPrototypeOf(URLSearchParamsIterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
Object.defineProperty(URLSearchParamsIterator.prototype, Symbol.toStringTag, { value: 'URLSearchParams Iterator', configurable: true });
Object.defineProperty(URLSearchParamsIterator.prototype, 'next', { enumerable: true });

const urlParts = ['href', 'protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash', 'origin', 'host',
  'offsets'];

// What node's parser (ada) keeps of a URL, shown by inspect with showHidden.
const kContext = Symbol('context');
const kOmitted = 4294967295;
class URLContext {
  href = '';
  protocol_end = 0;
  username_end = 0;
  host_start = 0;
  host_end = 0;
  pathname_start = 0;
  search_start = 0;
  hash_start = 0;
  port = 0;
  scheme_type = 1;
  constructor(href, offsets) {
    this.href = href;
    [this.protocol_end, this.username_end, this.host_start, this.host_end, this.pathname_start, this.search_start,
      this.hash_start, this.port, this.scheme_type] = offsets;
  }
  get hasPort() {
    return this.port !== kOmitted;
  }
  get hasSearch() {
    return this.search_start !== kOmitted;
  }
  get hasHash() {
    return this.hash_start !== kOmitted;
  }
}

const { captureStackTrace } = Error;

// Node throws this one from C++: a plain TypeError (`TypeError: Invalid URL`) with a code.
function invalidUrl(input, base) {
  const err = new TypeError('Invalid URL');
  captureStackTrace(err, invalidUrl);
  err.code = 'ERR_INVALID_URL';
  err.input = input;
  if (base !== undefined) err.base = base;
  return err;
}


class URL {
  #context;
  #searchParams;
  constructor(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs('url');
    input = toUSVString(input);
    if (base !== undefined) base = toUSVString(base);
    const parts = base === undefined ? urlBinding.parseUrl(input) : urlBinding.parseUrl(input, base);
    if (parts === undefined) throw invalidUrl(input, base);
    this.#set(parts);
  }
  #set(parts) {
    // (An indexed loop: no iterator protocol that user code may have replaced.)
    const context = {};
    for (let i = 0; i < urlParts.length; i++) context[urlParts[i]] = parts[i];
    this.#context = context;
    if (this.#searchParams !== undefined) attachSearchParams(this.#searchParams, this, this.#context.search);
  }
  // Brand checks fail as V8's do: "Receiver must be an instance of class URL" from the
  // private methods, "Cannot read private member" from the fields.
  #href() {
    return this.#context.href;
  }
  #search() {
    return this.#context.search;
  }
  static #update(url, component, value) {
    const { href } = url.#context;
    const parts = urlBinding.urlSet(href, component, toUSVString(value));
    if (parts !== undefined) url.#set(parts);
  }
  static {
    setSearchOfURL = (url, query) => {
      const parts = urlBinding.urlSet(url.#context.href, 'search', query);
      if (parts !== undefined) url.#context = Object.fromEntries(urlParts.map((name, i) => [name, parts[i]]));
    };
  }
  static parse(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs('url');
    input = toUSVString(input);
    if (base !== undefined) base = toUSVString(base);
    const parts = base === undefined ? urlBinding.parseUrl(input) : urlBinding.parseUrl(input, base);
    return parts === undefined ? null : new URL(input, base);
  }
  static canParse(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs('url');
    input = toUSVString(input);
    if (base !== undefined) base = toUSVString(base);
    return (base === undefined ? urlBinding.parseUrl(input) : urlBinding.parseUrl(input, base)) !== undefined;
  }
  toString() {
    return this.#href();
  }
  get href() {
    return this.#href();
  }
  set href(value) {
    const { href } = this.#context;
    value = toUSVString(value);
    const parts = urlBinding.urlSet(href, 'href', value);
    if (parts === undefined) throw invalidUrl(value);
    this.#set(parts);
  }
  get origin() {
    return this.#context.origin;
  }
  get protocol() {
    return this.#context.protocol;
  }
  set protocol(value) { URL.#update(this, 'protocol', value); }
  get username() {
    return this.#context.username;
  }
  set username(value) { URL.#update(this, 'username', value); }
  get password() {
    return this.#context.password;
  }
  set password(value) { URL.#update(this, 'password', value); }
  get host() {
    return this.#context.host;
  }
  set host(value) { URL.#update(this, 'host', value); }
  get hostname() {
    return this.#context.hostname;
  }
  set hostname(value) { URL.#update(this, 'hostname', value); }
  get port() {
    return this.#context.port;
  }
  set port(value) { URL.#update(this, 'port', value); }
  get pathname() {
    return this.#context.pathname;
  }
  set pathname(value) { URL.#update(this, 'pathname', value); }
  get search() {
    return this.#search();
  }
  set search(value) { URL.#update(this, 'search', value); }
  get searchParams() {
    void this.#context;
    if (this.#searchParams === undefined) {
      this.#searchParams = new URLSearchParams();
      attachSearchParams(this.#searchParams, this, this.#context.search);
    }
    return this.#searchParams;
  }
  get hash() {
    return this.#context.hash;
  }
  set hash(value) { URL.#update(this, 'hash', value); }
  toJSON() {
    return this.#href();
  }
  [inspectCustom](depth, options, inspect) {
    if (typeof depth === 'number' && depth < 0) return this;
    const constructor = this.constructor ?? URL;
    const shown = { __proto__: { constructor } };
    for (const name of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash']) {
      shown[name] = this[name];
    }
    if (options.showHidden) shown[kContext] = new URLContext(this.#context.href, this.#context.offsets);
    return `${constructor.name} ${inspect(shown, options)}`;
  }
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
for (const name of ['toString', 'href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname',
  'search', 'searchParams', 'hash', 'toJSON']) {
  Object.defineProperty(URL.prototype, name, { enumerable: true });
}
URL.createObjectURL = function createObjectURL(obj) {
  return require('internal/blob').createObjectURL(obj);
};
URL.revokeObjectURL = function revokeObjectURL(url) {
  if (arguments.length === 0) return require('internal/blob').revokeObjectURL();
  return require('internal/blob').revokeObjectURL(url);
};
for (const name of ['parse', 'canParse', 'createObjectURL', 'revokeObjectURL']) Object.defineProperty(URL, name, { enumerable: true });

// structuredClone: a message's copy of the value (V8's serializer, with node's host objects),
// moving what the transfer list names.
function structuredClone(value, options) {
  if (arguments.length === 0) {
    // Node 24 words it twice over.
    throw require('internal/errors').codedError(TypeError, 'ERR_MISSING_ARGS',
      'The "The value argument must be specified" argument must be specified');
  }
  // WebIDL: the options are a dictionary (null or undefined for none), transfer a sequence.
  const { codedError } = require('internal/errors');
  if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', "Failed to execute 'structuredClone': Options cannot be converted to a dictionary");
  }
  let transfer = options?.transfer;
  if (transfer === undefined) {
    transfer = [];
  } else if (transfer === null || typeof transfer !== 'object' || typeof transfer[Symbol.iterator] !== 'function') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
      "Failed to execute 'structuredClone': transfer in Options cannot be converted to sequence.");
  } else {
    transfer = [...transfer];
  }
  return workerBinding.structuredClone(value, transfer);
}


// navigator: what the runtime reports about the machine and its user, each read once.
const kNavigator = Symbol('navigator');
class Navigator {
  #hardwareConcurrency;
  #language;
  #languages;
  #platform;
  constructor(key) {
    if (key !== kNavigator) throw require('internal/errors').illegalConstructor();
  }
  get hardwareConcurrency() {
    this.#hardwareConcurrency ??= require('os').availableParallelism();
    return this.#hardwareConcurrency;
  }
  get locks() {
    return require('internal/locks').getLockManager();
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
for (const name of ['hardwareConcurrency', 'locks', 'language', 'languages', 'userAgent', 'platform']) {
  Object.defineProperty(Navigator.prototype, name, { enumerable: true });
}
let navigator;
function getNavigator() {
  navigator ??= new Navigator(kNavigator);
  return navigator;
}

module.exports = {
  TextEncoder, TextDecoder, URL, URLSearchParams, atob, btoa, DOMException,
  structuredClone, Navigator, getNavigator,
};
// The event and abort classes, loaded last: they reach back here for DOMException.
const { Event, CustomEvent, EventTarget } = require('internal/event_target');
const { AbortController, AbortSignal } = require('internal/abort_controller');
Object.assign(module.exports, { Event, CustomEvent, EventTarget, AbortController, AbortSignal });
