'use strict';
// url: the WHATWG URL classes and the file URL helpers.

const path = require('path');
const { URL, URLSearchParams } = require('internal/web');
const { invalidArgType } = require('internal/errors');

function fileURLToPath(url) {
  if (typeof url === 'string') url = new URL(url);
  else if (!(url instanceof URL)) throw invalidArgType('path', 'of type string or an instance of URL', url);
  if (url.protocol !== 'file:') {
    const err = new TypeError('The URL must be of scheme file');
    err.code = 'ERR_INVALID_URL_SCHEME';
    throw err;
  }
  if (url.hostname !== '') {
    const err = new TypeError(`File URL host must be "localhost" or empty on linux`);
    err.code = 'ERR_INVALID_FILE_URL_HOST';
    throw err;
  }
  if (/%2f/i.test(url.pathname)) {
    const err = new TypeError('File URL path must not include encoded / characters');
    err.code = 'ERR_INVALID_FILE_URL_PATH';
    throw err;
  }
  return decodeURIComponent(url.pathname);
}

function pathToFileURL(filepath) {
  let resolved = path.resolve(filepath);
  if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  const encoded = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A')
    .replace(/\r/g, '%0D').replace(/\t/g, '%09').replace(/#/g, '%23').replace(/\?/g, '%3F');
  return new URL(`file://${encoded}`);
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

function format(url) {
  return url instanceof URL ? url.href : String(url);
}

module.exports = { URL, URLSearchParams, fileURLToPath, pathToFileURL, format, urlToHttpOptions, domainToASCII: (d) => new URL(`http://${d}`).hostname };
