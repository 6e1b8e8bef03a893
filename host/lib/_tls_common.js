'use strict';
// _tls_common: SecureContext (an OpenSSL SSL_CTX in runtime/tls.rs) and
// createSecureContext's options, and the legacy peer-certificate object's JS half.

const { Buffer } = require('buffer');
const {
  codedError, invalidArgType, invalidArgValue, validateInteger, validateObject, validateString,
} = require('internal/errors');

const native = binding.tls();

const SSL_OP_CIPHER_SERVER_PREFERENCE = 0x400000;

// node's default list, or --tls-cipher-list's.
const DEFAULT_CIPHERS = require('crypto').constants.defaultCipherList;

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

// An error node's native layer throws: a plain Error with a code (its stack says "Error:").
function nativeError(code, message) {
  const err = new Error(message);
  err.code = code;
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

// secureProtocol's method names as [min, max] versions (null: any); the SSLv23 methods keep
// the default minimum and stop at TLSv1.2.
function methodVersions(method, defaultMin) {
  switch (method) {
    case 'TLS_method': case 'TLS_client_method': case 'TLS_server_method':
      return [null, null];
    case 'SSLv23_method': case 'SSLv23_client_method': case 'SSLv23_server_method':
      return [defaultMin, 'TLSv1.2'];
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
    [min, max] = methodVersions(secureProtocol, toVersion('minimum', null, tls.DEFAULT_MIN_VERSION));
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

// Node's native SecureContext methods refuse any other receiver, as V8 does.
const nativeContexts = new WeakSet();
function idOf(context) {
  if (!nativeContexts.has(context)) throw new TypeError('Illegal invocation');
  return context.id;
}

// What node's native SecureContext offers JS.
class NativeSecureContext {
  constructor(id, min, max) {
    this.id = id;
    nativeContexts.add(this);
    this.minVersion = min;
    this.maxVersion = max;
  }
  setOptions(bits) { check(native.setOptions(idOf(this), bits)); }
  setKey(key, passphrase) { check(native.setKey(idOf(this), key, passphrase ?? null)); }
  setEngineKey(keyId, engineId) {
    if (check(native.setEngineKey(idOf(this), keyId, engineId)) === false) {
      throw nativeError('ERR_CRYPTO_OPERATION_FAILED', 'Failure to initialize engine');
    }
  }
  setClientCertEngine(engineId) { check(native.setClientCertEngine(idOf(this), engineId)); }
  setCert(cert) { check(native.setCert(idOf(this), cert)); }
  addCACert(ca, fresh) { check(native.addCACert(idOf(this), ca, fresh)); }
  addRootCerts() { check(native.addRootCerts(idOf(this))); }
  setAllowPartialTrustChain() { native.setAllowPartialTrustChain(idOf(this)); }
  addCRL(crl) {
    if (Array.isArray(native.addCRL(idOf(this), crl))) {
      throw nativeError('ERR_CRYPTO_OPERATION_FAILED', 'Failed to parse CRL');
    }
  }
  setCiphers(list, suites = null) { check(native.setCiphers(idOf(this), list, suites)); }
  setCipherSuites(suites) { check(native.setCiphers(idOf(this), null, suites)); }
  setECDHCurve(curve) {
    if (curve === 'auto') return;
    if (Array.isArray(native.setGroups(idOf(this), curve))) {
      throw nativeError('ERR_CRYPTO_OPERATION_FAILED', 'Failed to set ECDH curve');
    }
  }
  setSigalgs(sigalgs) { check(native.setSigalgs(idOf(this), sigalgs)); }
  setSessionIdContext(sid) { check(native.setSessionIdContext(idOf(this), sid)); }
  setSessionTimeout(seconds) { check(native.setSessionTimeout(idOf(this), seconds)); }
  setTicketKeys(keys) { native.setTicketKeys(idOf(this), keys); }
  getTicketKeys() { return Buffer.from(native.getTicketKeys(idOf(this))); }
  loadPKCS12(pfx, passphrase) {
    const result = native.loadPKCS12(idOf(this), pfx, passphrase ?? null);
    if (!Array.isArray(result)) return;
    // [message, '', OpenSSL's reason, code]: node throws the reason alone, or its own error.
    const [message, , reason, code] = result;
    if (reason === 'unsupported') throw nativeError('ERR_CRYPTO_UNSUPPORTED_OPERATION', 'Unsupported PKCS12 PFX data');
    if (code) throw nativeError(code, message);
    throw new Error(message);
  }
  getCertificate() {
    const der = native.contextCertificate(idOf(this), false);
    return der ? Buffer.from(der) : null;
  }
  // Session tickets are sealed and opened with the keys this.onticketkeycallback(name, iv,
  // encrypting) answers, as node's SecureContext.
  enableTicketKeyCallback() {
    const bytes = (view) => Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    native.enableTicketKeyCallback(this.id, (name, iv, enc) => this.onticketkeycallback(bytes(name), bytes(iv), enc));
  }
  get _external() { return native.contextExternal(idOf(this)); }
  getIssuer() {
    const der = native.contextCertificate(this.id, true);
    return der ? Buffer.from(der) : null;
  }
}

function validateKeyOrCertOption(name, value) {
  if (typeof value !== 'string' && !ArrayBuffer.isView(value)) {
    throw invalidArgType(name, 'of type string or an instance of Buffer, TypedArray, or DataView', value);
  }
}

function toBuf(value) {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

function processCiphers(ciphers, name) {
  ciphers = (ciphers || require('tls').DEFAULT_CIPHERS).split(':');
  const isSuite = (c) => c.startsWith('TLS_') || c.startsWith('!TLS_');
  const cipherList = ciphers.filter((c) => c.length > 0 && !isSuite(c)).join(':');
  const cipherSuites = ciphers.filter((c) => c.length > 0 && isSuite(c)).join(':');
  if (cipherSuites === '' && cipherList === '') throw invalidArgValue(name, ciphers);
  return { cipherList, cipherSuites };
}

function setKey(context, key, passphrase, name) {
  validateKeyOrCertOption(`${name}.key`, key);
  if (passphrase !== undefined && passphrase !== null) validateString(passphrase, `${name}.passphrase`);
  context.setKey(key, passphrase);
}

function configSecureContext(context, options = {}, name = 'options') {
  validateObject(options, name);
  const {
    allowPartialTrustChain, ca, cert, ciphers = require('tls').DEFAULT_CIPHERS, clientCertEngine, crl, dhparam,
    ecdhCurve = require('tls').DEFAULT_ECDH_CURVE || 'auto', key, passphrase, pfx, privateKeyIdentifier,
    privateKeyEngine, sessionIdContext, sessionTimeout, sigalgs, ticketKeys,
  } = options;

  // The ciphers come first: a cipher string's @SECLEVEL applies to the key and certificate.
  if (ciphers !== undefined && ciphers !== null) validateString(ciphers, `${name}.ciphers`);
  // TLSv1.3 suites (all named TLS_*) and the older cipher list are set apart in OpenSSL.
  const { cipherList, cipherSuites } = processCiphers(ciphers, `${name}.ciphers`);
  context.setCiphers(cipherList, cipherSuites === '' ? null : cipherSuites);
  const rank = (v, unset) => (v === null ? unset : VERSIONS.indexOf(v));
  if (cipherList === '' && rank(context.minVersion, -1) < 3 && rank(context.maxVersion, 9) > 2) {
    context.minVersion = 'TLSv1.3';
    check(native.setVersions(context.id, context.minVersion, context.maxVersion));
  }

  // ca, cert and key may be any falsy value to mean none.
  if (ca) {
    let fresh = true;
    for (const value of Array.isArray(ca) ? ca : [ca]) {
      validateKeyOrCertOption(`${name}.ca`, value);
      context.addCACert(value, fresh);
      fresh = false;
    }
  } else {
    context.addRootCerts();
  }

  // The trust store takes a chain ending at any certificate in it, not only at a root.
  if (allowPartialTrustChain) context.setAllowPartialTrustChain();

  if (cert) {
    for (const value of Array.isArray(cert) ? cert : [cert]) {
      validateKeyOrCertOption(`${name}.cert`, value);
      context.setCert(value);
    }
  }

  // The key after the certificate, so OpenSSL checks they match.
  if (key) {
    if (Array.isArray(key)) {
      for (const value of key) {
        const pem = value?.pem !== undefined ? value.pem : value;
        const pass = value?.passphrase !== undefined ? value.passphrase : passphrase;
        setKey(context, pem, pass, name);
      }
    } else {
      setKey(context, key, passphrase, name);
    }
  }

  if (sigalgs !== undefined && sigalgs !== null) {
    validateString(sigalgs, `${name}.sigalgs`);
    if (sigalgs === '') throw invalidArgValue(`${name}.sigalgs`, sigalgs);
    context.setSigalgs(sigalgs);
  }

  if (privateKeyIdentifier !== undefined && privateKeyIdentifier !== null) {
    if (privateKeyEngine === undefined || privateKeyEngine === null) {
      throw invalidArgValue(`${name}.privateKeyEngine`, privateKeyEngine);
    }
    if (key) throw invalidArgValue(`${name}.privateKeyIdentifier`, privateKeyIdentifier);
    if (typeof privateKeyIdentifier !== 'string') {
      throw invalidArgType(`${name}.privateKeyIdentifier`, 'of type string or one of null or undefined', privateKeyIdentifier);
    }
    if (typeof privateKeyEngine !== 'string') {
      throw invalidArgType(`${name}.privateKeyEngine`, 'of type string or one of null or undefined', privateKeyEngine);
    }
    refuseEnginesUnderPermission();
    context.setEngineKey(privateKeyIdentifier, privateKeyEngine);
  }

  validateString(ecdhCurve, `${name}.ecdhCurve`);
  context.setECDHCurve(ecdhCurve);

  if (dhparam !== undefined && dhparam !== null) {
    validateKeyOrCertOption(`${name}.dhparam`, dhparam);
    if (dhparam === 'auto') {
      check(native.setDHAuto(context.id));
    } else {
      const bits = check(native.setDHParam(context.id, dhparam));
      if (bits > 0 && bits < 1024) {
        throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'DH parameter is less than 1024 bits');
      }
      if (bits > 0 && bits < 2048) process.emitWarning('DH parameter is less than 2048 bits', 'SecurityWarning');
    }
  }

  if (crl !== undefined && crl !== null) {
    for (const value of Array.isArray(crl) ? crl : [crl]) {
      validateKeyOrCertOption(`${name}.crl`, value);
      context.addCRL(value);
    }
  }

  if (sessionIdContext !== undefined && sessionIdContext !== null) {
    validateString(sessionIdContext, `${name}.sessionIdContext`);
    context.setSessionIdContext(sessionIdContext);
  }

  if (pfx !== undefined && pfx !== null) {
    if (Array.isArray(pfx)) {
      for (const value of pfx) {
        const pass = value.passphrase || passphrase;
        context.loadPKCS12(toBuf(value.buf || value), pass == null ? undefined : toBuf(pass));
      }
    } else {
      context.loadPKCS12(toBuf(pfx), passphrase ? toBuf(passphrase) : undefined);
    }
  }

  if (typeof clientCertEngine === 'string') {
    refuseEnginesUnderPermission();
    context.setClientCertEngine(clientCertEngine);
  } else if (clientCertEngine !== undefined && clientCertEngine !== null) {
    throw invalidArgType(`${name}.clientCertEngine`, 'of type string or one of null or undefined', clientCertEngine);
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

// Node's natives refuse engines under the permission model.
function refuseEnginesUnderPermission() {
  if (binding.permission().enabled) {
    throw nativeError('ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED',
                      'Programmatic selection of OpenSSL engines is unsupported while the experimental permission model is enabled');
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
