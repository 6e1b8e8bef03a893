'use strict';
// _tls_common: SecureContext (an OpenSSL SSL_CTX in runtime/tls.rs) and
// createSecureContext's options, and the legacy peer-certificate object's JS half.

const { Buffer } = require('buffer');
const {
  codedError, invalidArgType, invalidArgValue, validateInteger, validateString,
} = require('internal/errors');

const native = binding.tls();

const SSL_OP_CIPHER_SERVER_PREFERENCE = 0x400000;

const DEFAULT_CIPHERS = 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:' +
  'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:' +
  'ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:' +
  'ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:' +
  'HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA';

const VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

// The throwing form of an OpenSSL error from the native side ([message, library, reason, code]).
function opensslError(parts) {
  const [message, library, reason, code] = parts;
  const err = new Error(message);
  if (library) err.library = library;
  if (reason) err.reason = reason;
  if (code) err.code = code;
  return err;
}

function check(result) {
  if (Array.isArray(result)) throw opensslError(result);
  return result;
}

function toVersion(which, value, defaultValue) {
  if (value == null) value = defaultValue;
  if (VERSIONS.includes(value)) return value;
  throw codedError(TypeError, 'ERR_TLS_INVALID_PROTOCOL_VERSION',
    `${JSON.stringify(value)} is not a valid ${which} TLS protocol version`);
}

// secureProtocol's method names as [min, max] versions (null: any).
function methodVersions(method) {
  switch (method) {
    case 'TLS_method': case 'TLS_client_method': case 'TLS_server_method':
    case 'SSLv23_method': case 'SSLv23_client_method': case 'SSLv23_server_method':
      return [null, null];
    case 'TLSv1_method': case 'TLSv1_client_method': case 'TLSv1_server_method':
      return ['TLSv1', 'TLSv1'];
    case 'TLSv1_1_method': case 'TLSv1_1_client_method': case 'TLSv1_1_server_method':
      return ['TLSv1.1', 'TLSv1.1'];
    case 'TLSv1_2_method': case 'TLSv1_2_client_method': case 'TLSv1_2_server_method':
      return ['TLSv1.2', 'TLSv1.2'];
    case 'SSLv2_method': case 'SSLv2_server_method': case 'SSLv2_client_method':
      throw codedError(TypeError, 'ERR_TLS_INVALID_PROTOCOL_METHOD', 'SSLv2 methods disabled');
    case 'SSLv3_method': case 'SSLv3_server_method': case 'SSLv3_client_method':
      throw codedError(TypeError, 'ERR_TLS_INVALID_PROTOCOL_METHOD', 'SSLv3 methods disabled');
    default:
      throw codedError(TypeError, 'ERR_TLS_INVALID_PROTOCOL_METHOD', `Unknown method: ${method}`);
  }
}

const contextRegistry = new FinalizationRegistry((id) => native.contextFree(id));

function SecureContext(secureProtocol, secureOptions, minVersion, maxVersion) {
  if (!(this instanceof SecureContext)) {
    return new SecureContext(secureProtocol, secureOptions, minVersion, maxVersion);
  }
  const tls = require('tls');
  let min;
  let max;
  if (secureProtocol) {
    validateString(secureProtocol, 'secureProtocol');
    if (minVersion != null) {
      throw codedError(TypeError, 'ERR_TLS_PROTOCOL_VERSION_CONFLICT',
        `TLS protocol version ${JSON.stringify(minVersion)} conflicts with secureProtocol "${secureProtocol}"`);
    }
    if (maxVersion != null) {
      throw codedError(TypeError, 'ERR_TLS_PROTOCOL_VERSION_CONFLICT',
        `TLS protocol version ${JSON.stringify(maxVersion)} conflicts with secureProtocol "${secureProtocol}"`);
    }
    [min, max] = methodVersions(secureProtocol);
  } else {
    min = toVersion('minimum', minVersion, tls.DEFAULT_MIN_VERSION);
    max = toVersion('maximum', maxVersion, tls.DEFAULT_MAX_VERSION);
  }
  const id = check(native.contextNew(min, max));
  this.context = new NativeSecureContext(id, min, max);
  contextRegistry.register(this.context, id);
  if (secureOptions) {
    validateInteger(secureOptions, 'secureOptions');
    this.context.setOptions(secureOptions);
  }
}

// What node's native SecureContext offers JS.
class NativeSecureContext {
  constructor(id, min, max) {
    this.id = id;
    this.minVersion = min;
    this.maxVersion = max;
    this.ticketKeys = null;
  }
  setOptions(bits) { check(native.setOptions(this.id, bits)); }
  setKey(key, passphrase) { check(native.setKey(this.id, key, passphrase ?? null)); }
  setCert(cert) { check(native.setCert(this.id, cert)); }
  addCACert(ca, fresh) { check(native.addCACert(this.id, ca, fresh)); }
  addRootCerts() { check(native.addRootCerts(this.id)); }
  addCRL(crl) { check(native.addCRL(this.id, crl)); }
  setCiphers(list, suites) { check(native.setCiphers(this.id, list, suites)); }
  setECDHCurve(curve) {
    if (curve === 'auto') return;
    check(native.setGroups(this.id, curve));
  }
  setSigalgs(sigalgs) { check(native.setSigalgs(this.id, sigalgs)); }
  setSessionIdContext(sid) { check(native.setSessionIdContext(this.id, sid)); }
  setSessionTimeout(seconds) { check(native.setSessionTimeout(this.id, seconds)); }
  setTicketKeys(keys) {
    this.ticketKeys = Buffer.from(keys);
    check(native.setTicketKeys(this.id, this.ticketKeys));
  }
  getTicketKeys() {
    if (this.ticketKeys === null) this.setTicketKeys(require('crypto').randomBytes(48));
    return Buffer.from(this.ticketKeys);
  }
  loadPKCS12(pfx, passphrase) {
    const result = native.loadPKCS12(this.id, pfx, passphrase ?? null);
    if (Array.isArray(result) && result[2] === 'unsupported') {
      throw codedError(Error, 'ERR_CRYPTO_UNSUPPORTED_OPERATION', 'Unable to load private key from PFX data');
    }
    check(result);
  }
  getCertificate() {
    const der = native.contextCertificate(this.id, false);
    return der ? Buffer.from(der) : null;
  }
}

function validateKeyOrCertOption(name, value) {
  if (typeof value !== 'string' && !ArrayBuffer.isView(value)) {
    throw invalidArgType(name, 'of type string or an instance of Buffer, TypedArray, or DataView', value);
  }
}

function processCiphers(ciphers, name) {
  ciphers = (ciphers || DEFAULT_CIPHERS).split(':');
  const cipherList = ciphers.filter((c) => !/^TLS_/.test(c) && c.length > 0).join(':');
  const cipherSuites = ciphers.filter((c) => /^TLS_/.test(c)).join(':');
  if (cipherSuites === '' && cipherList === '') throw invalidArgValue(name, ciphers);
  return { cipherList, cipherSuites };
}

function configSecureContext(context, options = {}, name = 'options') {
  const {
    ca, cert, ciphers, crl, dhparam, ecdhCurve = require('tls').DEFAULT_ECDH_CURVE, key, passphrase, pfx,
    sessionIdContext, sessionTimeout, sigalgs, ticketKeys,
  } = options;

  if (ca) {
    const list = Array.isArray(ca) ? ca : [ca];
    let fresh = true;
    for (const value of list) {
      validateKeyOrCertOption(`${name}.ca`, value);
      context.addCACert(value, fresh);
      fresh = false;
    }
  } else {
    context.addRootCerts();
  }

  if (cert) {
    const list = Array.isArray(cert) ? cert : [cert];
    for (const value of list) {
      validateKeyOrCertOption(`${name}.cert`, value);
      context.setCert(value);
    }
  }

  if (key) {
    // Only a list's entries may be { pem, passphrase } objects.
    const isList = Array.isArray(key);
    for (const value of isList ? key : [key]) {
      const pem = isList && value?.pem !== undefined ? value.pem : value;
      const pass = isList && value?.passphrase !== undefined ? value.passphrase : passphrase;
      validateKeyOrCertOption(`${name}.key`, pem);
      if (pass != null && typeof pass !== 'string' && !ArrayBuffer.isView(pass)) {
        throw invalidArgType(`${name}.passphrase`, 'of type string', pass);
      }
      context.setKey(pem, pass);
    }
  }

  if (sigalgs !== undefined && sigalgs !== null) {
    validateString(sigalgs, `${name}.sigalgs`);
    if (sigalgs === '') throw invalidArgValue(`${name}.sigalgs`, sigalgs);
    context.setSigalgs(sigalgs);
  }

  if (ciphers !== undefined && ciphers !== null) validateString(ciphers, `${name}.ciphers`);
  const { cipherList, cipherSuites } = processCiphers(ciphers, `${name}.ciphers`);
  context.setCiphers(cipherList, cipherSuites);
  // Without suites for one side of TLSv1.3 the versions narrow to what remains.
  const rank = (v, unset) => (v === null ? unset : VERSIONS.indexOf(v));
  if (cipherSuites === '' && rank(context.maxVersion, 9) > 2 && rank(context.minVersion, -1) < 3) {
    context.maxVersion = 'TLSv1.2';
    check(native.setVersions(context.id, context.minVersion, context.maxVersion));
  }
  if (cipherList === '' && rank(context.minVersion, -1) < 3 && rank(context.maxVersion, 9) > 2) {
    context.minVersion = 'TLSv1.3';
    check(native.setVersions(context.id, context.minVersion, context.maxVersion));
  }

  validateString(ecdhCurve, `${name}.ecdhCurve`);
  context.setECDHCurve(ecdhCurve);

  if (dhparam !== undefined) {
    validateKeyOrCertOption(`${name}.dhparam`, dhparam);
    if (dhparam === 'auto') {
      check(native.setDHAuto(context.id));
    } else {
      const bits = check(native.setDHParam(context.id, dhparam));
      if (bits < 2048) process.emitWarning(`DH parameter is less than 2048 bits`, 'SecurityWarning');
    }
  }

  if (crl !== undefined) {
    for (const value of Array.isArray(crl) ? crl : [crl]) context.addCRL(value);
  }

  if (sessionIdContext !== undefined) {
    validateString(sessionIdContext, `${name}.sessionIdContext`);
    context.setSessionIdContext(sessionIdContext);
  }

  if (pfx !== undefined) {
    for (const value of Array.isArray(pfx) ? pfx : [pfx]) {
      const raw = value.buf ? value.buf : value;
      const pass = value.passphrase || passphrase;
      context.loadPKCS12(typeof raw === 'string' ? Buffer.from(raw) : raw, pass);
    }
  }

  if (ticketKeys !== undefined && ticketKeys !== null) {
    if (!ArrayBuffer.isView(ticketKeys)) {
      throw invalidArgType(`${name}.ticketKeys`, 'an instance of Buffer, TypedArray, or DataView', ticketKeys);
    }
    if (ticketKeys.byteLength !== 48) {
      throw invalidArgValue(`${name}.ticketKeys`, ticketKeys.byteLength, 'must be exactly 48 bytes');
    }
    context.setTicketKeys(ticketKeys);
  }

  if (sessionTimeout !== undefined && sessionTimeout !== null) {
    validateInteger(sessionTimeout, `${name}.sessionTimeout`, 0, 2 ** 31 - 1);
    context.setSessionTimeout(sessionTimeout);
  }
}

function createSecureContext(options) {
  if (!options) options = {};
  const { honorCipherOrder, minVersion, maxVersion, secureProtocol } = options;
  let { secureOptions } = options;
  if (honorCipherOrder) secureOptions |= SSL_OP_CIPHER_SERVER_PREFERENCE;
  const c = new SecureContext(secureProtocol, secureOptions, minVersion, maxVersion);
  configSecureContext(c.context, options);
  return c;
}

// The native certificate object as node shows it: Buffers for raw and pubkey, infoAccess's
// lines as lists by method, the issuer chain likewise.
function translatePeerCertificate(c) {
  if (!c) return null;
  if (c.raw instanceof Uint8Array && !Buffer.isBuffer(c.raw)) c.raw = Buffer.from(c.raw.buffer, c.raw.byteOffset, c.raw.length);
  if (c.pubkey instanceof Uint8Array && !Buffer.isBuffer(c.pubkey)) {
    c.pubkey = Buffer.from(c.pubkey.buffer, c.pubkey.byteOffset, c.pubkey.length);
  }
  if (c.issuerCertificate != null && c.issuerCertificate !== c) {
    c.issuerCertificate = translatePeerCertificate(c.issuerCertificate);
  }
  if (c.infoAccess != null && typeof c.infoAccess === 'string') {
    const info = c.infoAccess;
    c.infoAccess = { __proto__: null };
    info.replace(/([^\n:]*):([^\n]*)(?:\n|$)/g, (all, key, val) => {
      if (val.charCodeAt(0) === 0x22) val = JSON.parse(val);
      if (key in c.infoAccess) c.infoAccess[key].push(val);
      else c.infoAccess[key] = [val];
    });
  }
  return c;
}

module.exports = {
  SecureContext,
  createSecureContext,
  translatePeerCertificate,
  opensslError,
  DEFAULT_CIPHERS,
};
