'use strict';
// url: the WHATWG URL classes, the file URL helpers, and the legacy url.parse() /
// url.format() / url.resolve() API with node's own (non-WHATWG) parsing rules.

const urlBinding = binding.url();
const path = require('path');
const querystring = require('querystring');
const { URL, URLSearchParams } = require('internal/web');
const { invalidArgType, codedError, validateString, validateObject } = require('internal/errors');

function invalidUrlError(input) {
  const err = codedError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
  err.input = input;
  return err;
}

function invalidFileUrlPath(reason, input) {
  const err = codedError(TypeError, 'ERR_INVALID_FILE_URL_PATH', `File URL path ${reason}`);
  err.input = input;
  return err;
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "domain" argument must be specified');
  return urlBinding.domainToASCII(`${domain}`);
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "domain" argument must be specified');
  return urlBinding.domainToUnicode(`${domain}`);
}

// ---- file URLs ----

// What node takes for a WHATWG URL: href and protocol, but none of the legacy object's auth and path.
function isURL(value) {
  return Boolean(value?.href && value.protocol && value.auth === undefined && value.path === undefined);
}

// A file URL's path with its escapes decoded, after `prefix` (a UNC host): as a string
// (escapes must be UTF-8), or as the bytes they name (`toBuffer`, for paths that are not UTF-8).
function decodeFilePath(pathname, toBuffer, prefix = '') {
  if (!toBuffer) return prefix + (pathname.includes('%') ? decodeURIComponent(pathname) : pathname);
  const { Buffer } = require('buffer');
  const parts = pathname.split(/(%[0-9A-Fa-f]{2})/).map((part) =>
    (/^%[0-9A-Fa-f]{2}$/.test(part) ? Buffer.of(Number.parseInt(part.slice(1), 16)) : Buffer.from(part)));
  return Buffer.concat([Buffer.from(prefix), ...parts]);
}

function pathFromWindowsURL(url, toBuffer) {
  const hostname = url.hostname;
  const pathname = url.pathname;
  if (!toBuffer && /%2f|%5c/i.test(pathname)) throw invalidFileUrlPath('must not include encoded \\ or / characters', url);
  if (hostname !== '') return decodeFilePath(pathname.replaceAll('/', '\\'), toBuffer, `\\\\${domainToUnicode(hostname)}`);
  const decoded = decodeFilePath(pathname.replaceAll('/', '\\'), toBuffer);
  const text = toBuffer ? decoded.toString('latin1') : decoded;
  const letter = (text.codePointAt(1) ?? 0) | 0x20;
  if (letter < 0x61 || letter > 0x7a || text[2] !== ':') throw invalidFileUrlPath('must be absolute', url);
  return toBuffer ? decoded.subarray(1) : decoded.slice(1);
}

function pathFromPosixURL(url, toBuffer) {
  if (url.hostname !== '') {
    throw codedError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
  }
  const pathname = url.pathname;
  // As node: only the string form refuses an encoded '/'.
  if (!toBuffer && /%2f/i.test(pathname)) throw invalidFileUrlPath('must not include encoded / characters', url);
  return decodeFilePath(pathname, toBuffer);
}

function fileURLOf(url) {
  if (typeof url === 'string') url = new URL(url);
  else if (!isURL(url)) throw invalidArgType('path', 'of type string or an instance of URL', url);
  if (url.protocol !== 'file:') throw codedError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  return url;
}

function fileURLToPath(url, options = undefined) {
  url = fileURLOf(url);
  return options?.windows ? pathFromWindowsURL(url, false) : pathFromPosixURL(url, false);
}

// fileURLToPath as bytes: percent-escapes become the bytes they name, whatever their encoding.
function fileURLToPathBuffer(url, options = undefined) {
  url = fileURLOf(url);
  return options?.windows ? pathFromWindowsURL(url, true) : pathFromPosixURL(url, true);
}

// What a file path's characters become in a file URL's path: controls, space, non-ASCII and
// the characters the URL parser would take as delimiters or leave ambiguous.
function encodeFilePath(filepath, keepBackslash) {
  let encoded = '';
  for (const char of filepath) {
    const code = char.codePointAt(0);
    if (code < 0x21 || code > 0x7e || '"#%<>?[]^`{|}~'.includes(char) || (char === '\\' && !keepBackslash)) {
      encoded += code < 0x80 ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(char.isWellFormed() ? char : '\ufffd');
    } else {
      encoded += char;
    }
  }
  return encoded;
}

function uncFileURL(resolved) {
  const extended = resolved.startsWith('\\\\?\\UNC\\');
  const hostStart = extended ? 8 : 2;
  const hostEnd = resolved.indexOf('\\', hostStart);
  if (hostEnd === -1) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'path' Missing UNC resource path. Received ${require('util').inspect(resolved)}`);
  }
  if (hostEnd === 2) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'path' Empty UNC servername. Received ${require('util').inspect(resolved)}`);
  }
  // As the hostname setter takes it: tabs and newlines dropped, cut at a delimiter.
  let hostname = resolved.slice(hostStart, hostEnd).replace(/[\t\n\r]/g, '');
  const delimiter = hostname.search(/[/?#\\]/);
  if (delimiter !== -1) hostname = hostname.slice(0, delimiter);
  if (/[\0 %<>@:[\]^|]/.test(hostname)) throw invalidUrlError(resolved);
  const pathname = encodeFilePath(resolved.slice(hostEnd), true).replaceAll('\\', '/');
  const url = URL.parse(`file://${hostname}${pathname}`);
  if (url === null) throw invalidUrlError(resolved);
  return url;
}

function pathToFileURL(filepath, options = undefined) {
  validateString(filepath, 'path');
  const windows = options?.windows ?? false;
  if (windows && filepath.startsWith('\\\\')) return uncFileURL(filepath);
  let resolved = windows ? path.win32.resolve(filepath) : path.posix.resolve(filepath);
  if (windows && resolved.startsWith('\\\\')) return uncFileURL(resolved);
  const last = filepath[filepath.length - 1];
  const sep = windows ? '\\' : '/';
  if ((last === '/' || (windows && last === '\\')) && resolved[resolved.length - 1] !== sep) resolved += '/';
  if (windows) return new URL(`file:///${encodeFilePath(resolved, true).replaceAll('\\', '/')}`);
  return new URL(`file://${encodeFilePath(resolved, false)}`);
}

// The options object http.request takes, from a WHATWG URL (and its own enumerable extras).
function urlToHttpOptions(url) {
  if (url === null || (typeof url !== 'object' && typeof url !== 'function')) throw invalidArgType('url', 'of type object', url);
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  };
  if (port !== '') options.port = Number(port);
  if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  return options;
}

// ---- the legacy API ----

// Schemes whose URLs never have a host, and those that always have `//` before one.
const hostlessProtocols = new Set(['javascript', 'javascript:']);
const slashedProtocols = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:',
  'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);

const protocolPrefix = /^[a-z0-9.+-]+:/i;
const trailingPort = /:[0-9]*$/;
const authThenHost = /^\/\/[^@/]+@[^@/]+/;
const plainPath = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const maxHostnameLength = 255;
// Characters toASCII may bring into a hostname that would let it pose as another part of the URL.
const spoofingHostChars = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const spoofingIpv6Chars = /[\0\t\n\r #%/<>?@\\^|]/;
// Characters that end the host part, and those that may not be in a host (RFC 2396).
const hostTerminators = '#/?';
const nonHostChars = ' "%\';<>\\^`{|}';
// Characters of the path, query and fragment that parse() always percent-encodes.
const autoEscaped = { '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', "'": '%27', '<': '%3C', '>': '%3E',
  '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D' };
const autoEscapedPattern = /[\t\n\r "'<>\\^`{|}]/g;

let parseWarned = false;
let invalidPortWarned = false;

function isLegacyWhitespace(code) {
  return code < 33 || code === 0xa0 || code === 0xfeff;
}

function isBracketed(hostname) {
  return hostname[0] === '[' && hostname[hostname.length - 1] === ']';
}

// The input with surrounding whitespace trimmed and, before the first `?` or `#`, backslashes
// turned into slashes (as browsers do), plus whether it has `#` anywhere or `@` before the split.
function normalizeInput(input) {
  let first = -1;
  let afterLast = -1;
  let hasHash = false;
  let hasAt = false;
  let split = false;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (!isLegacyWhitespace(code)) {
      if (first === -1) first = i;
      afterLast = i + 1;
    }
    if (first === -1) continue;
    const char = input[i];
    if (!split) {
      if (char === '@') hasAt = true;
      else if (char === '#' || char === '?') {
        split = true;
        if (char === '#') hasHash = true;
      }
    } else if (char === '#') {
      hasHash = true;
    }
  }
  if (first === -1) return { text: '', hasHash, hasAt };
  let text = input.slice(first, afterLast);
  const splitAt = text.search(/[?#]/);
  const head = splitAt === -1 ? text : text.slice(0, splitAt);
  if (head.includes('\\')) text = head.replaceAll('\\', '/') + (splitAt === -1 ? '' : text.slice(splitAt));
  return { text, hasHash, hasAt };
}

function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (!parseWarned && !binding.isInsideNodeModules()) {
    parseWarned = true;
    process.emitWarning('`url.parse()` behavior is not standardized and prone to errors that have security ' +
      'implications. Use the WHATWG URL API instead. CVEs are not issued for `url.parse()` vulnerabilities.',
    'DeprecationWarning', 'DEP0169');
  }
  if (url instanceof Url) return url;
  const parsed = new Url();
  parsed.parse(url, parseQueryString, slashesDenoteHost);
  return parsed;
}

function parseQuery(self, query, parseQueryString) {
  self.query = parseQueryString ? querystring.parse(query) : query;
}

// Splits the host part off the front of `rest` (after `//` or a scheme that needs a host):
// sets auth, host, port and hostname, and returns what follows the host.
function takeAuthority(self, rest, input) {
  // The host ends at the first of `#/?`; an `@` before that makes all before it the auth,
  // and characters that cannot be in a host end it early unless an `@` follows them.
  let atSign = -1;
  let nonHost = -1;
  for (let i = 0; i < rest.length; i++) {
    const char = rest[i];
    if (char === '\t' || char === '\n' || char === '\r') {
      rest = rest.slice(0, i) + rest.slice(i + 1);
      i--;
    } else if (hostTerminators.includes(char)) {
      if (nonHost === -1) nonHost = i;
      break;
    } else if (nonHostChars.includes(char)) {
      if (nonHost === -1) nonHost = i;
    } else if (char === '@') {
      atSign = i;
      nonHost = -1;
    }
  }
  let hostStart = 0;
  if (atSign !== -1) {
    self.auth = decodeURIComponent(rest.slice(0, atSign));
    hostStart = atSign + 1;
  }
  if (nonHost === -1) {
    self.host = rest.slice(hostStart);
    rest = '';
  } else {
    self.host = rest.slice(hostStart, nonHost);
    rest = rest.slice(nonHost);
  }

  self.parseHost();
  if (typeof self.hostname !== 'string') self.hostname = '';
  const hostname = self.hostname;
  const ipv6 = isBracketed(hostname);
  if (!ipv6) {
    // What follows a character that cannot start a path inside the host goes to the path.
    const cut = hostname.search(/[/\\#?:]/);
    if (cut !== -1) {
      if (hostname[cut] === ':' && !invalidPortWarned) {
        invalidPortWarned = true;
        process.emitWarning(`The URL ${input} is invalid. Future versions of Node.js will throw an error.`,
          'DeprecationWarning', 'DEP0170');
      }
      self.hostname = hostname.slice(0, cut);
      rest = `/${hostname.slice(cut)}${rest}`;
    }
  }
  self.hostname = self.hostname.length > maxHostnameLength ? '' : self.hostname.toLowerCase();
  if (self.hostname !== '') {
    if (ipv6) {
      if (spoofingIpv6Chars.test(self.hostname)) throw invalidUrlError(input);
    } else {
      self.hostname = urlBinding.idnaToASCII(self.hostname);
      if (self.hostname === '' || spoofingHostChars.test(self.hostname)) throw invalidUrlError(input);
    }
  }
  self.host = (self.hostname || '') + (self.port ? `:${self.port}` : '');
  if (ipv6) {
    self.hostname = self.hostname.slice(1, -1);
    if (rest[0] !== '/') rest = `/${rest}`;
  }
  return rest;
}

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  validateString(url, 'url');
  const { text, hasHash, hasAt } = normalizeInput(url);
  let rest = text;

  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simple = plainPath.exec(rest);
    if (simple) {
      this.path = rest;
      this.href = rest;
      this.pathname = simple[1];
      if (simple[2]) {
        this.search = simple[2];
        parseQuery(this, this.search.slice(1), parseQueryString);
      } else if (parseQueryString) {
        this.search = null;
        this.query = { __proto__: null };
      }
      return this;
    }
  }

  const protocolMatch = protocolPrefix.exec(rest);
  const protocol = protocolMatch?.[0];
  const lowerProtocol = protocol?.toLowerCase();
  if (protocol) {
    this.protocol = lowerProtocol;
    rest = rest.slice(protocol.length);
  }

  // `user@server` always means a host, and `//foo/bar` does with slashesDenoteHost (it is
  // how a browser resolves such a relative URL).
  let slashes = false;
  if (slashesDenoteHost || protocol || authThenHost.test(rest)) {
    slashes = rest.startsWith('//');
    if (slashes && !(protocol && hostlessProtocols.has(lowerProtocol))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  if (!hostlessProtocols.has(lowerProtocol) && (slashes || (protocol && !slashedProtocols.has(protocol)))) {
    rest = takeAuthority(this, rest, url);
  }

  if (!hostlessProtocols.has(lowerProtocol)) {
    rest = rest.replace(autoEscapedPattern, (char) => autoEscaped[char]);
  }

  const hashAt = rest.indexOf('#');
  if (hashAt !== -1) this.hash = rest.slice(hashAt);
  const beforeHash = hashAt === -1 ? rest : rest.slice(0, hashAt);
  const questionAt = beforeHash.indexOf('?');
  if (questionAt !== -1) {
    this.search = beforeHash.slice(questionAt);
    parseQuery(this, beforeHash.slice(questionAt + 1), parseQueryString);
  } else if (parseQueryString) {
    this.search = null;
    this.query = { __proto__: null };
  }
  const pathEnd = questionAt !== -1 ? questionAt : hashAt;
  if (pathEnd === -1) {
    if (rest.length > 0) this.pathname = rest;
  } else if (pathEnd > 0) {
    this.pathname = rest.slice(0, pathEnd);
  }
  if (slashedProtocols.has(lowerProtocol) && this.hostname && !this.pathname) this.pathname = '/';

  if (this.pathname || this.search) this.path = (this.pathname || '') + (this.search || '');
  this.href = this.format();
  return this;
};

Url.prototype.parseHost = function parseHost() {
  let host = this.host;
  const port = trailingPort.exec(host);
  if (port) {
    if (port[0] !== ':') this.port = port[0].slice(1);
    host = host.slice(0, host.length - port[0].length);
  }
  if (host) this.hostname = host;
};

// The auth part keeps what encodeURIComponent keeps, and `:`.
function encodeAuth(auth) {
  return encodeURIComponent(auth).replaceAll('%3A', ':');
}

Url.prototype.format = function format() {
  let auth = this.auth || '';
  if (auth) auth = `${encodeAuth(auth)}@`;
  let protocol = this.protocol || '';
  if (protocol && !protocol.endsWith(':')) protocol += ':';
  let pathname = this.pathname || '';
  let hash = this.hash || '';
  let host = '';
  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    const hostname = this.hostname.includes(':') && !isBracketed(this.hostname) ? `[${this.hostname}]` : this.hostname;
    host = auth + hostname;
    if (this.port) host += `:${this.port}`;
  }
  const query = this.query !== null && typeof this.query === 'object' ? querystring.stringify(this.query) : '';
  let search = this.search || (query && `?${query}`) || '';
  pathname = pathname.replace(/[#?]/g, (char) => (char === '#' ? '%23' : '%3F'));

  // Only the slashed protocols get `//` (not mailto:, xmpp:, ...), unless they had it.
  if (this.slashes || slashedProtocols.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname[0] !== '/') pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol.startsWith('file')) {
      host = '//';
    }
  }
  search = search.replaceAll('#', '%23');
  if (hash && hash[0] !== '#') hash = `#${hash}`;
  if (search && search[0] !== '?') search = `?${search}`;
  return protocol + host + pathname + search + hash;
};

function formatWhatwg(url, options) {
  let fragment = true;
  let unicode = false;
  let search = true;
  let auth = true;
  if (options) {
    validateObject(options, 'options');
    if (options.fragment != null) fragment = Boolean(options.fragment);
    if (options.unicode != null) unicode = Boolean(options.unicode);
    if (options.search != null) search = Boolean(options.search);
    if (options.auth != null) auth = Boolean(options.auth);
  }
  const copy = new URL(url.href);
  if (!fragment) copy.hash = '';
  if (!search) copy.search = '';
  if (!auth) {
    copy.username = '';
    copy.password = '';
  }
  if (!unicode || copy.hostname === '') return copy.href;
  // The same URL with the host name's punycode labels shown in Unicode.
  const { protocol, username, password, port, pathname, hash } = copy;
  const userinfo = username || password ? `${username}${password ? `:${password}` : ''}@` : '';
  const hostname = urlBinding.idnaToUnicode(copy.hostname);
  return `${protocol}//${userinfo}${hostname}${port ? `:${port}` : ''}${pathname}${copy.search}${hash}`;
}

function urlFormat(urlObject, options) {
  if (typeof urlObject === 'string') {
    urlObject = urlParse(urlObject);
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw invalidArgType('urlObject', 'one of type object or string', urlObject);
  } else if (urlObject instanceof URL) {
    return formatWhatwg(urlObject, options);
  }
  return Url.prototype.format.call(urlObject);
}

function urlResolve(source, relative) {
  return urlParse(source, false, true).resolve(relative);
}

function urlResolveObject(source, relative) {
  if (!source) return relative;
  return urlParse(source, false, true).resolveObject(relative);
}

Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format();
};

function setPath(result) {
  if (result.pathname !== null || result.search !== null) {
    result.path = (result.pathname || '') + (result.search || '');
  }
}

// A host of the form `auth@host` (from a non-slashed URL's first path segment) split in two.
function splitHostAuth(result) {
  if (result.host && result.host.indexOf('@') > 0) {
    const [auth, host] = result.host.split('@');
    result.auth = auth;
    result.host = result.hostname = host;
  }
}

// Resolves `relative` against this URL as a browser resolves a link's href.
Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === 'string') {
    const parsed = new Url();
    parsed.parse(relative, false, true);
    relative = parsed;
  }
  const result = new Url();
  Object.assign(result, this);
  result.hash = relative.hash;
  if (relative.href === '') {
    result.href = result.format();
    return result;
  }

  // A protocol-relative URL (`//host/path`) takes all but the protocol.
  if (relative.slashes && !relative.protocol) {
    for (const key of Object.keys(relative)) {
      if (key !== 'protocol') result[key] = relative[key];
    }
    if (slashedProtocols.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = '/';
    result.href = result.format();
    return result;
  }

  if (relative.protocol && relative.protocol !== result.protocol) {
    // Another scheme replaces everything: a non-slashed one as it is; a slashed one without
    // a host takes its first path segment as the host (as browsers treat `http:foo`).
    if (!slashedProtocols.has(relative.protocol)) {
      Object.assign(result, relative);
      result.href = result.format();
      return result;
    }
    result.protocol = relative.protocol;
    if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostlessProtocols.has(relative.protocol)) {
      const segments = (relative.pathname || '').split('/');
      while (segments.length && !(relative.host = segments.shift()));
      if (!relative.host) relative.host = '';
      if (!relative.hostname) relative.hostname = '';
      if (segments[0] !== '') segments.unshift('');
      if (segments.length < 2) segments.unshift('');
      result.pathname = segments.join('/');
    } else {
      result.pathname = relative.pathname;
    }
    result.search = relative.search;
    result.query = relative.query;
    result.host = relative.host || '';
    result.auth = relative.auth;
    result.hostname = relative.hostname || relative.host;
    result.port = relative.port;
    if (result.pathname || result.search) result.path = (result.pathname || '') + (result.search || '');
    result.slashes = result.slashes || relative.slashes;
    result.href = result.format();
    return result;
  }

  const sourceIsAbsolute = result.pathname && result.pathname[0] === '/';
  const relativeIsAbsolute = relative.host || (relative.pathname && relative.pathname[0] === '/');
  let mustEndAbsolute = relativeIsAbsolute || sourceIsAbsolute || (result.host && relative.pathname);
  const removeAllDots = mustEndAbsolute;
  let sourcePath = (result.pathname && result.pathname.split('/')) || [];
  const relativePath = (relative.pathname && relative.pathname.split('/')) || [];
  // A non-slashed scheme (mailto:, ...) keeps its "host" as the first path segment.
  const noLeadingSlashes = result.protocol && !slashedProtocols.has(result.protocol);
  if (noLeadingSlashes) {
    result.hostname = '';
    result.port = null;
    if (result.host) {
      if (sourcePath[0] === '') sourcePath[0] = result.host;
      else sourcePath.unshift(result.host);
    }
    result.host = '';
    if (relative.protocol) {
      relative.hostname = null;
      relative.port = null;
      result.auth = null;
      if (relative.host) {
        if (relativePath[0] === '') relativePath[0] = relative.host;
        else relativePath.unshift(relative.host);
      }
      relative.host = null;
    }
    mustEndAbsolute = mustEndAbsolute && (relativePath[0] === '' || sourcePath[0] === '');
  }

  if (relativeIsAbsolute) {
    if (relative.host || relative.host === '') {
      if (result.host !== relative.host) result.auth = null;
      result.host = relative.host;
      result.port = relative.port;
    }
    if (relative.hostname || relative.hostname === '') {
      if (result.hostname !== relative.hostname) result.auth = null;
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    sourcePath = relativePath;
  } else if (relativePath.length) {
    // A relative path replaces the source's last segment.
    sourcePath.pop();
    sourcePath = sourcePath.concat(relativePath);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    // Only a query: the source's path stays.
    if (noLeadingSlashes) {
      result.hostname = result.host = sourcePath.shift();
      splitHostAuth(result);
    }
    result.search = relative.search;
    result.query = relative.query;
    setPath(result);
    result.href = result.format();
    return result;
  }

  if (!sourcePath.length) {
    // No path left (e.g. `?foo` against `http://host`).
    result.pathname = null;
    result.path = result.search ? `/${result.search}` : null;
    result.href = result.format();
    return result;
  }

  // Resolve `.` and `..`; a path ending in either (or in `/`) keeps its trailing slash.
  let last = sourcePath[sourcePath.length - 1];
  const hasTrailingSlash = ((result.host || relative.host || sourcePath.length > 1) && (last === '.' || last === '..')) ||
    last === '';
  let up = 0;
  for (let i = sourcePath.length - 1; i >= 0; i--) {
    last = sourcePath[i];
    if (last === '.') {
      sourcePath.splice(i, 1);
    } else if (last === '..') {
      sourcePath.splice(i, 1);
      up++;
    } else if (up) {
      sourcePath.splice(i, 1);
      up--;
    }
  }
  if (!mustEndAbsolute && !removeAllDots) {
    while (up--) sourcePath.unshift('..');
  }
  if (mustEndAbsolute && sourcePath[0] !== '' && (!sourcePath[0] || sourcePath[0][0] !== '/')) sourcePath.unshift('');
  if (hasTrailingSlash && !sourcePath.join('/').endsWith('/')) sourcePath.push('');

  const isAbsolute = sourcePath[0] === '' || (sourcePath[0] && sourcePath[0][0] === '/');
  if (noLeadingSlashes) {
    result.hostname = result.host = isAbsolute ? '' : sourcePath.length ? sourcePath.shift() : '';
    splitHostAuth(result);
  }
  mustEndAbsolute = mustEndAbsolute || (result.host && sourcePath.length);
  if (mustEndAbsolute && !isAbsolute) sourcePath.unshift('');
  if (sourcePath.length) {
    result.pathname = sourcePath.join('/');
  } else {
    result.pathname = null;
    result.path = null;
  }
  setPath(result);
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  result.href = result.format();
  return result;
};

module.exports = {
  Url,
  parse: urlParse,
  resolve: urlResolve,
  resolveObject: urlResolveObject,
  format: urlFormat,
  URL,
  URLPattern: require('internal/url_pattern').URLPattern,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  pathToFileURL,
  fileURLToPath,
  fileURLToPathBuffer,
  urlToHttpOptions,
};
