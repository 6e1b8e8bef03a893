'use strict';
// tls: TLS clients and servers on OpenSSL (runtime/tls.rs), as node's tls module. The
// sockets and servers are in _tls_wrap, the secure contexts in _tls_common.

const net = require('net');
const { Buffer } = require('buffer');
const { codedError, invalidArgType, invalidArgValue, validateString } = require('internal/errors');
const common = require('_tls_common');
const wrap = require('_tls_wrap');

const native = binding.tls();
if (!internals.getOptionValue('--use-openssl-ca')) {
  native.startLoadingCertificates(internals.getOptionValue('--use-system-ca'));
}

let cipherList = null;
function getCiphers() {
  if (cipherList === null) cipherList = native.cipherNames();
  return cipherList.slice();
}

// The certificate stores as node names them, each a frozen list made once: 'bundled' (the
// root certificates anode trusts by default), 'system' (the operating system's), 'extra'
// (NODE_EXTRA_CA_CERTS's) and 'default' (what connections trust without a `ca` option).
let bundledCertificates;
let systemCertificates;
let extraCertificates;
let defaultCertificates;
let defaultCertificatesReplaced = false;

function getRootCertificates() {
  bundledCertificates ??= Object.freeze(native.rootCertificates());
  return bundledCertificates;
}

function getSystemCertificates() {
  systemCertificates ??= Object.freeze(native.systemCertificates());
  return systemCertificates;
}

function getExtraCertificates() {
  extraCertificates ??= Object.freeze(native.extraCertificates());
  return extraCertificates;
}

function getDefaultCertificates() {
  if (defaultCertificates) return defaultCertificates;
  if (defaultCertificatesReplaced) {
    defaultCertificates = Object.freeze(native.userCACertificates());
    return defaultCertificates;
  }
  const list = [];
  if (!internals.getOptionValue('--use-openssl-ca')) {
    list.push(...getRootCertificates());
    if (internals.getOptionValue('--use-system-ca')) list.push(...getSystemCertificates());
  }
  if (process.env.NODE_EXTRA_CA_CERTS) list.push(...getExtraCertificates());
  defaultCertificates = Object.freeze(list);
  return defaultCertificates;
}

function getCACertificates(type = 'default') {
  validateString(type, 'type');
  switch (type) {
    case 'default': return getDefaultCertificates();
    case 'bundled': return getRootCertificates();
    case 'system': return getSystemCertificates();
    case 'extra': return getExtraCertificates();
    default:
      throw invalidArgValue('type', type);
  }
}

function setDefaultCACertificates(certs) {
  if (!Array.isArray(certs)) throw invalidArgType('certs', 'an instance of Array', certs);
  for (let i = 0; i < certs.length; i++) {
    if (typeof certs[i] !== 'string' && !ArrayBuffer.isView(certs[i])) {
      throw invalidArgType(`certs[${i}]`, 'of type string or an instance of ArrayBufferView', certs[i]);
    }
  }
  const result = native.setDefaultCACertificates(certs);
  if (Array.isArray(result)) throw common.opensslError(result);
  defaultCertificates = undefined;
  defaultCertificatesReplaced = true;
}

// ALPN protocol lists in their wire form (each name after its length byte).
function convertProtocols(protocols) {
  const lengths = new Array(protocols.length);
  const total = protocols.reduce((sum, protocol, i) => {
    const length = Buffer.byteLength(protocol);
    if (length > 255) {
      throw codedError(RangeError, 'ERR_OUT_OF_RANGE',
        `The byte length of the protocol at index ${i} exceeds the maximum length. It must be <= 255. Received ${length}`);
    }
    lengths[i] = length;
    return sum + 1 + length;
  }, 0);
  const buffer = Buffer.allocUnsafe(total);
  let offset = 0;
  for (let i = 0; i < protocols.length; i++) {
    buffer[offset++] = lengths[i];
    buffer.write(protocols[i], offset);
    offset += lengths[i];
  }
  return buffer;
}

function convertALPNProtocols(protocols, out) {
  if (Array.isArray(protocols)) {
    out.ALPNProtocols = convertProtocols(protocols);
  } else if (protocols instanceof Uint8Array) {
    out.ALPNProtocols = Buffer.from(protocols);
  } else if (ArrayBuffer.isView(protocols)) {
    out.ALPNProtocols = Buffer.from(protocols.buffer.slice(protocols.byteOffset, protocols.byteOffset + protocols.byteLength));
  }
}

function unfqdn(host) {
  return host.replace(/[.]$/, '');
}

function splitHost(host) {
  return unfqdn(host).replace(/[A-Z]/g, (c) => c.toLowerCase()).split('.');
}

function check(hostParts, pattern, wildcards) {
  if (!pattern) return false;
  const patternParts = splitHost(pattern);
  if (hostParts.length !== patternParts.length) return false;
  if (patternParts.includes('')) return false;
  // IDNA U-labels, control characters and blanks never match.
  const isBad = (s) => /[^\u0021-\u007F]/u.test(s);
  if (patternParts.some(isBad)) return false;
  for (let i = hostParts.length - 1; i > 0; i -= 1) {
    if (hostParts[i] !== patternParts[i]) return false;
  }
  const hostSubdomain = hostParts[0];
  const patternSubdomain = patternParts[0];
  const patternSubdomainParts = patternSubdomain.split('*', 3);
  if (patternSubdomainParts.length === 1 || patternSubdomain.includes('xn--')) return hostSubdomain === patternSubdomain;
  if (!wildcards) return false;
  if (patternSubdomainParts.length > 2) return false;
  if (patternParts.length <= 2) return false;
  const [prefix, suffix] = patternSubdomainParts;
  if (prefix.length + suffix.length > hostSubdomain.length) return false;
  if (!hostSubdomain.startsWith(prefix)) return false;
  if (!hostSubdomain.endsWith(suffix)) return false;
  return true;
}

// The canonical text of an IP address (IPv6 compressed, lower case), as inet_ntop gives it.
function canonicalizeIP(ip) {
  if (net.isIPv4(ip)) return ip;
  if (net.isIPv6(ip)) {
    try {
      return new URL(`http://[${ip}]`).hostname.slice(1, -1);
    } catch {
      return ip;
    }
  }
  return ip;
}

// subjectaltname entries, where quoted values may hold ", ".
function splitEscapedAltNames(altNames) {
  const result = [];
  let currentToken = '';
  let offset = 0;
  while (offset !== altNames.length) {
    const nextSep = altNames.indexOf(',', offset);
    const nextQuote = altNames.indexOf('"', offset);
    if (nextQuote !== -1 && (nextSep === -1 || nextQuote < nextSep)) {
      currentToken += altNames.substring(offset, nextQuote);
      // A JSON string literal, checked before JSON.parse sees it.
      const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(altNames.substring(nextQuote));
      if (!match) {
        throw codedError(Error, 'ERR_TLS_CERT_ALTNAME_FORMAT', 'Invalid subject alternative name string');
      }
      currentToken += JSON.parse(match[0]);
      offset = nextQuote + match[0].length;
    } else if (nextSep !== -1) {
      currentToken += altNames.substring(offset, nextSep);
      result.push(currentToken);
      currentToken = '';
      offset = nextSep + 2;
    } else {
      currentToken += altNames.substring(offset);
      offset = altNames.length;
    }
  }
  result.push(currentToken);
  return result;
}

function checkServerIdentity(hostname, cert) {
  const subject = cert.subject;
  const altNames = cert.subjectaltname;
  const dnsNames = [];
  const ips = [];
  hostname = `${hostname}`;
  if (altNames) {
    const splitAltNames = altNames.includes('"') ? splitEscapedAltNames(altNames) : altNames.split(', ');
    for (const name of splitAltNames) {
      if (name.startsWith('DNS:')) dnsNames.push(name.slice(4));
      else if (name.startsWith('IP Address:')) ips.push(canonicalizeIP(name.slice(11)));
    }
  }
  let valid = false;
  let reason = 'Unknown reason';
  hostname = unfqdn(hostname);
  if (net.isIP(hostname)) {
    valid = ips.includes(canonicalizeIP(hostname));
    if (!valid) reason = `IP: ${hostname} is not in the cert's list: ${ips.join(', ')}`;
  } else if (dnsNames.length > 0 || subject?.CN) {
    const hostParts = splitHost(hostname);
    const wildcard = (pattern) => check(hostParts, pattern, true);
    if (dnsNames.length > 0) {
      valid = dnsNames.some(wildcard);
      if (!valid) reason = `Host: ${hostname}. is not in the cert's altnames: ${altNames}`;
    } else {
      const cn = subject.CN;
      if (Array.isArray(cn)) valid = cn.some(wildcard);
      else if (cn) valid = wildcard(cn);
      if (!valid) reason = `Host: ${hostname}. is not cert's CN: ${cn}`;
    }
  } else {
    reason = 'Cert does not contain a DNS name';
  }
  if (!valid) {
    const err = codedError(Error, 'ERR_TLS_CERT_ALTNAME_INVALID', `Hostname/IP does not match certificate's altnames: ${reason}`);
    err.reason = reason;
    err.host = hostname;
    err.cert = cert;
    return err;
  }
}

// The version bounds the --tls-min-v*/--tls-max-v* options set (the lowest minimum and
// highest maximum given win).
function defaultMinVersion() {
  if (internals.getOptionValue('--tls-min-v1.0')) return 'TLSv1';
  if (internals.getOptionValue('--tls-min-v1.1')) return 'TLSv1.1';
  if (internals.getOptionValue('--tls-min-v1.2')) return 'TLSv1.2';
  if (internals.getOptionValue('--tls-min-v1.3')) return 'TLSv1.3';
  return 'TLSv1.2';
}

function defaultMaxVersion() {
  if (internals.getOptionValue('--tls-max-v1.3')) return 'TLSv1.3';
  if (internals.getOptionValue('--tls-max-v1.2')) return 'TLSv1.2';
  return 'TLSv1.3';
}

module.exports = {
  CLIENT_RENEG_LIMIT: 3,
  CLIENT_RENEG_WINDOW: 600,
  DEFAULT_CIPHERS: common.DEFAULT_CIPHERS,
  DEFAULT_ECDH_CURVE: 'auto',
  DEFAULT_MIN_VERSION: defaultMinVersion(),
  DEFAULT_MAX_VERSION: defaultMaxVersion(),
  getCiphers,
  get rootCertificates() { return getRootCertificates(); },
  getCACertificates,
  setDefaultCACertificates,
  convertALPNProtocols,
  checkServerIdentity,
  createSecureContext: common.createSecureContext,
  SecureContext: common.SecureContext,
  TLSSocket: wrap.TLSSocket,
  Server: wrap.Server,
  createServer: wrap.createServer,
  connect: wrap.connect,
};
Object.defineProperty(module.exports, 'rootCertificates', {
  get: getRootCertificates, enumerable: true, configurable: false,
});
