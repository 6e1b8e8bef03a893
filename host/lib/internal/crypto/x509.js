'use strict';
// crypto.X509Certificate over the native certificate (runtime/crypto/x509.rs); fields are read
// once and cached, as node does. crypto.js passes in what it shares (its key classes).

const { Buffer } = require('buffer');
const {
  codedError, invalidArgType, invalidArgValue, validateBoolean, validateObject, validateString,
} = require('internal/errors');
const { keySlotsOf, isKeyObject } = require('internal/crypto/keyslots');

const native = binding.crypto();
const kInspect = Symbol.for('nodejs.util.inspect.custom');

// OpenSSL's X509_CHECK_FLAG_* values.
const kAlwaysCheckSubject = 0x1;
const kNoWildcards = 0x2;
const kNoPartialWildcards = 0x4;
const kMultiLabelWildcards = 0x8;
const kSingleLabelSubdomains = 0x10;
const kNeverCheckSubject = 0x20;

function checkFlags(options = {}) {
  validateObject(options, 'options');
  const {
    subject = 'default', wildcards = true, partialWildcards = true, multiLabelWildcards = false, singleLabelSubdomains = false,
  } = { ...options };
  validateString(subject, 'options.subject');
  validateBoolean(wildcards, 'options.wildcards');
  validateBoolean(partialWildcards, 'options.partialWildcards');
  validateBoolean(multiLabelWildcards, 'options.multiLabelWildcards');
  validateBoolean(singleLabelSubdomains, 'options.singleLabelSubdomains');
  let flags = 0;
  if (subject === 'always') flags |= kAlwaysCheckSubject;
  else if (subject === 'never') flags |= kNeverCheckSubject;
  else if (subject !== 'default') throw invalidArgValue('options.subject', subject);
  if (!wildcards) flags |= kNoWildcards;
  if (!partialWildcards) flags |= kNoPartialWildcards;
  if (multiLabelWildcards) flags |= kMultiLabelWildcards;
  if (singleLabelSubdomains) flags |= kSingleLabelSubdomains;
  return flags;
}

// crypto.js's key classes, installed when it loads.
let keyClasses;
function keys() {
  if (keyClasses === undefined) require('crypto');
  return keyClasses;
}

const certificates = new FinalizationRegistry((id) => native.x509Free(id));
const kId = Symbol('kId');
const kCache = Symbol('kCache');

function parseError(error) {
  // node reports the one OpenSSL error it kept, without the stack.
  delete error.opensslErrorStack;
  return error;
}

function cached(self, name, compute) {
  const cache = self[kCache];
  if (!cache.has(name)) cache.set(name, compute());
  return cache.get(name);
}

function check(self, kind, value, options) {
  const flags = checkFlags(options);
  const matched = native.x509Check(self[kId], kind, value, flags);
  if (matched === null) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Invalid name');
  return matched;
}

function checkKeyObject(pkey, type) {
  if (!isKeyObject(pkey)) throw invalidArgType('pkey', 'an instance of KeyObject', pkey);
  if (keySlotsOf(pkey).type !== type) throw invalidArgValue('pkey', pkey);
}

class X509Certificate {
  constructor(buffer) {
    if (typeof buffer === 'string') buffer = Buffer.from(buffer);
    if (!ArrayBuffer.isView(buffer)) {
      throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', buffer);
    }
    let id;
    try {
      id = native.x509Parse(buffer);
    } catch (error) {
      throw parseError(error);
    }
    this[kId] = id;
    this[kCache] = new Map();
    certificates.register(this, id);
  }

  [kInspect](depth, options) {
    if (depth < 0) return this;
    const { inspect } = require('internal/inspect');
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `X509Certificate ${inspect({
      subject: this.subject,
      subjectAltName: this.subjectAltName,
      issuer: this.issuer,
      infoAccess: this.infoAccess,
      validFrom: this.validFrom,
      validTo: this.validTo,
      validFromDate: this.validFromDate,
      validToDate: this.validToDate,
      fingerprint: this.fingerprint,
      fingerprint256: this.fingerprint256,
      fingerprint512: this.fingerprint512,
      keyUsage: this.keyUsage,
      serialNumber: this.serialNumber,
      signatureAlgorithm: this.signatureAlgorithm,
      signatureAlgorithmOid: this.signatureAlgorithmOid,
    }, opts)}`;
  }

  get subject() { return cached(this, 'subject', () => native.x509Field(this[kId], 'subject')); }
  get subjectAltName() { return cached(this, 'subjectAltName', () => native.x509Field(this[kId], 'subjectAltName')); }
  get issuer() { return cached(this, 'issuer', () => native.x509Field(this[kId], 'issuer')); }
  get issuerCertificate() { return this[kCache].get('issuerCertificate'); }
  get infoAccess() { return cached(this, 'infoAccess', () => native.x509Field(this[kId], 'infoAccess')); }
  get validFrom() { return cached(this, 'validFrom', () => native.x509Field(this[kId], 'validFrom')); }
  get validTo() { return cached(this, 'validTo', () => native.x509Field(this[kId], 'validTo')); }
  get validFromDate() { return cached(this, 'validFromDate', () => new Date(native.x509Field(this[kId], 'validFromDate'))); }
  get validToDate() { return cached(this, 'validToDate', () => new Date(native.x509Field(this[kId], 'validToDate'))); }
  get fingerprint() { return cached(this, 'fingerprint', () => native.x509Field(this[kId], 'fingerprint')); }
  get fingerprint256() { return cached(this, 'fingerprint256', () => native.x509Field(this[kId], 'fingerprint256')); }
  get fingerprint512() { return cached(this, 'fingerprint512', () => native.x509Field(this[kId], 'fingerprint512')); }
  get keyUsage() { return cached(this, 'keyUsage', () => native.x509Field(this[kId], 'keyUsage')); }
  get serialNumber() { return cached(this, 'serialNumber', () => native.x509Field(this[kId], 'serialNumber')); }
  get signatureAlgorithm() { return cached(this, 'signatureAlgorithm', () => native.x509Field(this[kId], 'signatureAlgorithm')); }
  get signatureAlgorithmOid() {
    return cached(this, 'signatureAlgorithmOid', () => native.x509Field(this[kId], 'signatureAlgorithmOid'));
  }

  get raw() {
    return cached(this, 'raw', () => {
      const bytes = native.x509Field(this[kId], 'raw');
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    });
  }

  get publicKey() { return cached(this, 'publicKey', () => new (keys().PublicKeyObject)(native.x509Field(this[kId], 'publicKey'))); }

  toString() { return cached(this, 'pem', () => native.x509Field(this[kId], 'pem')); }

  toJSON() { return this.toString(); }

  get ca() { return cached(this, 'ca', () => native.x509Field(this[kId], 'ca')); }

  checkHost(name, options) {
    validateString(name, 'name');
    return check(this, 'host', name, options);
  }

  checkEmail(email, options) {
    validateString(email, 'email');
    return check(this, 'email', email, options);
  }

  checkIP(ip, options) {
    validateString(ip, 'ip');
    return check(this, 'ip', ip, options);
  }

  checkIssued(otherCert) {
    if (!(otherCert instanceof X509Certificate)) throw invalidArgType('otherCert', 'an instance of X509Certificate', otherCert);
    return native.x509CheckIssued(this[kId], otherCert[kId]);
  }

  checkPrivateKey(pkey) {
    checkKeyObject(pkey, 'private');
    return native.x509CheckPrivateKey(this[kId], pkey[keys().kKeyId]);
  }

  verify(pkey) {
    checkKeyObject(pkey, 'public');
    return native.x509Verify(this[kId], pkey[keys().kKeyId]);
  }

  toLegacyObject() {
    return require('_tls_common').translatePeerCertificate(native.x509Field(this[kId], 'legacy'));
  }
}

// A peer's certificate with its issuers (tls's legacy objects linked by issuerCertificate, the
// root pointing at itself); the root's issuerCertificate is undefined.
function certificateFromChain(legacy) {
  const cert = new X509Certificate(legacy.raw);
  const issuer = legacy.issuerCertificate;
  if (issuer && issuer !== legacy) cert[kCache].set('issuerCertificate', certificateFromChain(issuer));
  return cert;
}

module.exports = {
  X509Certificate,
  isX509Certificate: (value) => value?.[kCache] !== undefined,
  certificateFromChain,
  setKeyClasses(classes) { keyClasses = classes; },
};
