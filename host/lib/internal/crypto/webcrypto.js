'use strict';
// Web Crypto: the Crypto object (globalThis.crypto, crypto.webcrypto), CryptoKey and
// SubtleCrypto with node 24's algorithms on OpenSSL — digests, HMAC, AES-CTR/CBC/GCM/KW,
// RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP, ECDSA, ECDH, Ed25519/Ed448, X25519/X448, HKDF and
// PBKDF2; keys in raw, spki, pkcs8 and jwk. Every operation's work runs off the JS thread
// (the natives' jobs); failures are node's DOMExceptions and WebIDL TypeErrors.
// crypto.js hands this module its internals (keys, jobs, the binding) through init() when it
// loads; this module loads crypto.js when first used without it.

const { Buffer } = require('buffer');
const { codedError } = require('internal/errors');
const { DOMException } = require('internal/web');
const { keySlotsOf, ClonedKeyObject } = require('internal/crypto/keyslots');
const { kClone, kDeserialize, markTransferMode } = require('internal/worker/js_transferable');
const {
  argument, bufferSource, domString, enforceRange, enumValue, keyFormats, keyUsages, requiredArguments, usageSequence,
} = require('internal/crypto/webidl');

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const kConstruct = Symbol('kConstruct');
const failed = (cause) => new DOMException('The operation failed for an operation-specific reason', { name: 'OperationError', cause });
const domError = (message, name) => new DOMException(message, name);
const illegalConstructor = () => codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
const { emitExperimentalWarning } = require('internal/warning');
const warnExperimental = (feature) => emitExperimentalWarning(`The ${feature}`);
const invalidThis = (type) => codedError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);

let native, startJob, keyPairJob, createSecretKey, PublicKeyObject, PrivateKeyObject, kKeyId, kKeyBytes, getRandomValues, randomUUID;
function init(internals) {
  ({
    native, startJob, keyPairJob, createSecretKey, PublicKeyObject, PrivateKeyObject, kKeyId, kKeyBytes, getRandomValues, randomUUID,
  } = internals);
}
function ensureLoaded() {
  if (native === undefined) require('crypto');
}

// A native job (an async resource, an instance of node's job class `name`) as a promise of its bytes; a failure
// becomes `onError()`'s error.
function job(name, start, onError = failed) {
  ensureLoaded();
  return new Promise((resolve, reject) => {
    const request = startJob(name, (error, bytes) => (error ? reject(onError(error)) : resolve(bytes)));
    start(request);
  });
}
const arrayBuffer = (bytes) => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));

// ---- algorithm normalization ----

const hashNames = {
  'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512',
  'SHA3-256': 'sha3-256', 'SHA3-384': 'sha3-384', 'SHA3-512': 'sha3-512',
};
// HMAC's default key length; SHA-3 hashes have none (the length must be given).
const hashBlockBits = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
const experimentalAlgorithms = ['Ed448', 'X448', 'SHA3-256', 'SHA3-384', 'SHA3-512', 'cSHAKE128', 'cSHAKE256',
  'ChaCha20-Poly1305', 'AES-OCB', 'KMAC128', 'KMAC256'];

// Dictionaries: their members in WebIDL's order, [name, type, required].
const dictionaries = {
  RsaHashedKeyGenParams: [['modulusLength', 'ulong', true], ['publicExponent', 'bigint', true], ['hash', 'hash', true]],
  EcKeyGenParams: [['namedCurve', 'string', true]],
  HmacKeyGenParams: [['hash', 'hash', true], ['length', 'ulong', false]],
  AesKeyGenParams: [['length', 'ushort', true]],
  KmacKeyGenParams: [['length', 'ulong', false]],
  KmacImportParams: [['length', 'ulong', false]],
  KmacParams: [['customization', 'buffer', false], ['outputLength', 'ulong', true]],
  CShakeParams: [['customization', 'buffer', false], ['functionName', 'buffer', false], ['outputLength', 'ulong', true]],
  AeadParams: [['additionalData', 'buffer', false], ['iv', 'buffer', true], ['tagLength', 'octet', false]],
  RsaHashedImportParams: [['hash', 'hash', true]],
  EcKeyImportParams: [['namedCurve', 'string', true]],
  HmacImportParams: [['hash', 'hash', true], ['length', 'ulong', false]],
  RsaPssParams: [['saltLength', 'ulong', true]],
  EcdsaParams: [['hash', 'hash', true]],
  Ed448Params: [['context', 'buffer', false]],
  RsaOaepParams: [['label', 'buffer', false]],
  AesCtrParams: [['counter', 'buffer', true], ['length', 'octet', true]],
  AesCbcParams: [['iv', 'buffer', true]],
  AesGcmParams: [['additionalData', 'buffer', false], ['iv', 'buffer', true], ['tagLength', 'octet', false]],
  EcdhKeyDeriveParams: [['public', 'key', true]],
  HkdfParams: [['hash', 'hash', true], ['info', 'buffer', true], ['salt', 'buffer', true]],
  Pbkdf2Params: [['hash', 'hash', true], ['iterations', 'ulong', true], ['salt', 'buffer', true]],
  AesDerivedKeyParams: [['length', 'ushort', true]],
};
const rsa = ['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP'];
const aes = ['AES-CTR', 'AES-CBC', 'AES-GCM', 'AES-KW', 'AES-OCB'];
const okp = ['Ed25519', 'Ed448', 'X25519', 'X448'];
const kmac = ['KMAC128', 'KMAC256'];
// Secret-key algorithms whose raw keys are only 'raw-secret' (never plain 'raw').
const rawSecretOnly = ['AES-OCB', 'ChaCha20-Poly1305', ...kmac];
const registered = {
  digest: {
    ...Object.fromEntries(Object.keys(hashNames).map((name) => [name, null])),
    cSHAKE128: 'CShakeParams', cSHAKE256: 'CShakeParams',
  },
  generateKey: {
    'ChaCha20-Poly1305': null, KMAC128: 'KmacKeyGenParams', KMAC256: 'KmacKeyGenParams',
    ...Object.fromEntries(rsa.map((name) => [name, 'RsaHashedKeyGenParams'])),
    ECDSA: 'EcKeyGenParams', ECDH: 'EcKeyGenParams', HMAC: 'HmacKeyGenParams',
    ...Object.fromEntries(aes.map((name) => [name, 'AesKeyGenParams'])),
    ...Object.fromEntries(okp.map((name) => [name, null])),
  },
  importKey: {
    ...Object.fromEntries(rsa.map((name) => [name, 'RsaHashedImportParams'])),
    ECDSA: 'EcKeyImportParams', ECDH: 'EcKeyImportParams', HMAC: 'HmacImportParams',
    ...Object.fromEntries([...aes, ...okp, 'ChaCha20-Poly1305', 'HKDF', 'PBKDF2'].map((name) => [name, null])),
    KMAC128: 'KmacImportParams', KMAC256: 'KmacImportParams',
  },
  sign: {
    'RSASSA-PKCS1-v1_5': null, 'RSA-PSS': 'RsaPssParams', ECDSA: 'EcdsaParams', HMAC: null,
    Ed25519: null, Ed448: 'Ed448Params', KMAC128: 'KmacParams', KMAC256: 'KmacParams',
  },
  encrypt: {
    'RSA-OAEP': 'RsaOaepParams', 'AES-CTR': 'AesCtrParams', 'AES-CBC': 'AesCbcParams', 'AES-GCM': 'AesGcmParams',
    'AES-OCB': 'AeadParams', 'ChaCha20-Poly1305': 'AeadParams',
  },
  deriveBits: { ECDH: 'EcdhKeyDeriveParams', X25519: 'EcdhKeyDeriveParams', X448: 'EcdhKeyDeriveParams',
    HKDF: 'HkdfParams', PBKDF2: 'Pbkdf2Params' },
  getKeyLength: {
    ...Object.fromEntries(aes.map((name) => [name, 'AesDerivedKeyParams'])),
    HMAC: 'HmacImportParams', HKDF: null, PBKDF2: null, 'ChaCha20-Poly1305': null,
    KMAC128: 'KmacImportParams', KMAC256: 'KmacImportParams',
  },
  wrapKey: { 'AES-KW': null },
};
// Key encapsulation has no algorithm here: ML-KEM needs OpenSSL 3.5.
registered.encapsulateBits = {};
registered.decapsulateBits = registered.encapsulateBits;
registered.exportKey = Object.fromEntries(Object.keys(registered.importKey).map((name) => [name, null]));
registered.getPublicKey = Object.fromEntries([...rsa, 'ECDSA', 'ECDH', ...okp].map((name) => [name, null]));
registered.verify = registered.sign;
registered.decrypt = registered.encrypt;
registered.unwrapKey = registered.wrapKey;

const kPrefix = 'Failed to normalize algorithm';
const kContext = 'passed algorithm';

function member(value, type, name) {
  const context = `${name} in ${kContext}`;
  switch (type) {
    case 'ulong': return enforceRange(value, 4294967295, kPrefix, context);
    case 'ushort': return enforceRange(value, 65535, kPrefix, context);
    case 'octet': return enforceRange(value, 255, kPrefix, context);
    case 'string': return domString(value);
    case 'buffer': return bufferSource(value, kPrefix, context);
    case 'bigint':
      if (!(value instanceof Uint8Array)) {
        throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${kPrefix}: ${context} is not an Uint8Array object.`);
      }
      return new Uint8Array(value);
    case 'key':
      if (!isCryptoKey(value)) {
        throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${kPrefix}: ${context} is not of type CryptoKey.`);
      }
      return value;
    case 'hash': return normalizeAlgorithm(value, 'digest');
    default: throw new Error(`unknown member type ${type}`);
  }
}

// An AlgorithmIdentifier as the dictionary `operation` registers for its name.
function normalizeAlgorithm(algorithm, operation) {
  const isObject = algorithm !== null && (typeof algorithm === 'object' || typeof algorithm === 'function');
  if (!isObject) return normalizeAlgorithm({ name: domString(algorithm) }, operation);
  const rawName = algorithm.name;
  if (rawName === undefined) {
    throw codedError(TypeError, 'ERR_MISSING_OPTION',
      `${kPrefix}: ${kContext} cannot be converted to 'Algorithm' because 'name' is required in 'Algorithm'.`);
  }
  const upper = domString(rawName).toUpperCase();
  const table = registered[operation];
  const name = Object.keys(table).find((candidate) => candidate.toUpperCase() === upper);
  if (name === undefined) throw domError('Unrecognized algorithm name', 'NotSupportedError');
  if (experimentalAlgorithms.includes(name)) warnExperimental(`${name} Web Crypto API algorithm`);
  const dictionary = table[name];
  const result = { name };
  if (dictionary === null) return result;
  for (const [key, type, required] of dictionaries[dictionary]) {
    const value = algorithm[key];
    if (value === undefined) {
      if (required) {
        throw codedError(TypeError, 'ERR_MISSING_OPTION',
          `${kPrefix}: ${kContext} cannot be converted to '${dictionary}' because '${key}' is required in '${dictionary}'.`);
      }
      continue;
    }
    result[key] = member(value, type, key);
  }
  return result;
}

// ---- CryptoKey ----

const slots = new WeakMap();
const isCryptoKey = (value) => slots.has(value);
const slotsOf = (key) => {
  const found = slots.get(key);
  if (found === undefined) throw invalidThis('CryptoKey');
  return found;
};

// A structured copy of a key's algorithm (its hash and publicExponent copied too); only its
// own members count, whatever Object.prototype has gained.
function copyAlgorithm(algorithm) {
  const copy = { ...algorithm };
  const member = (name, value) => Object.defineProperty(copy, name, { value, writable: true, enumerable: true, configurable: true });
  if (Object.hasOwn(algorithm, 'hash')) member('hash', { ...algorithm.hash });
  if (Object.hasOwn(algorithm, 'publicExponent')) member('publicExponent', new Uint8Array(algorithm.publicExponent));
  return copy;
}

class CryptoKey {
  constructor() {
    throw illegalConstructor();
  }

  get type() {
    return slotsOf(this).type;
  }

  get extractable() {
    return slotsOf(this).extractable;
  }

  // The algorithm and usages objects script sees: copies made once per key, so changing them
  // leaves the key's own (what operations and inspection use) as it was.
  get algorithm() {
    const slots = slotsOf(this);
    slots.exposedAlgorithm ??= copyAlgorithm(slots.algorithm);
    return slots.exposedAlgorithm;
  }

  get usages() {
    const slots = slotsOf(this);
    slots.exposedUsages ??= [...slots.usages];
    return slots.exposedUsages;
  }

  [inspectSymbol](depth, options, inspect) {
    if (depth < 0) return this;
    const { type, extractable, algorithm, usages } = slotsOf(this);
    const nested = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `CryptoKey ${inspect({ type, extractable, algorithm, usages }, nested)}`;
  }
}
Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: 'CryptoKey', configurable: true });
for (const name of ['type', 'extractable', 'algorithm', 'usages']) {
  Object.defineProperty(CryptoKey.prototype, name, { enumerable: true });
}

// Usages deduplicated, in KeyUsage's order.
const canonicalUsages = (usages) => keyUsages.filter((usage) => usages.includes(usage));

// Keys' own prototype, under CryptoKey.prototype (their constructor is CryptoKey).
const keyPrototype = Object.create(CryptoKey.prototype);
function newKey(keyObject, algorithm, extractable, usages) {
  const key = Object.create(keyPrototype);
  slots.set(key, { type: keySlotsOf(keyObject).type, extractable, algorithm: copyAlgorithm(algorithm), usages: canonicalUsages(usages),
    keyObject });
  markTransferMode(key, true, false);
  return key;
}

// A key in a message or structuredClone: its slots, with its KeyObject's own clone data inline
// (a nested cloned object is not yet restored when its holder's data arrives).
Object.defineProperty(keyPrototype, kClone, {
  value() {
    const { extractable, algorithm, usages, keyObject } = slotsOf(this);
    const key = keyObject[kClone]().data;
    return { data: { extractable, algorithm, usages, key }, deserializeInfo: 'internal/crypto/webcrypto:ClonedCryptoKey' };
  },
});

class ClonedCryptoKey {
  [kDeserialize]({ extractable, algorithm, usages, key }) {
    const keyObject = new ClonedKeyObject();
    keyObject[kDeserialize](key);
    Object.setPrototypeOf(this, keyPrototype);
    slots.set(this, { type: keySlotsOf(keyObject).type, extractable, algorithm, usages, keyObject });
    markTransferMode(this, true, false);
  }
}

// ---- usages each key may have ----

const publicUsages = {
  'RSASSA-PKCS1-v1_5': ['verify'], 'RSA-PSS': ['verify'], 'RSA-OAEP': ['encrypt', 'wrapKey'], ECDSA: ['verify'],
  ECDH: [], Ed25519: ['verify'], Ed448: ['verify'], X25519: [], X448: [],
};
const privateUsages = {
  'RSASSA-PKCS1-v1_5': ['sign'], 'RSA-PSS': ['sign'], 'RSA-OAEP': ['decrypt', 'unwrapKey'], ECDSA: ['sign'],
  ECDH: ['deriveKey', 'deriveBits'], Ed25519: ['sign'], Ed448: ['sign'], X25519: ['deriveKey', 'deriveBits'],
  X448: ['deriveKey', 'deriveBits'],
};
const secretUsages = {
  'AES-CTR': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'], 'AES-CBC': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  'AES-GCM': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'], 'AES-KW': ['wrapKey', 'unwrapKey'],
  'AES-OCB': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'], 'ChaCha20-Poly1305': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  KMAC128: ['sign', 'verify'], KMAC256: ['sign', 'verify'],
  HMAC: ['sign', 'verify'], HKDF: ['deriveKey', 'deriveBits'], PBKDF2: ['deriveKey', 'deriveBits'],
};

function checkUsages(name, usages, allowed, article = '') {
  if (usages.some((usage) => !allowed.includes(usage))) {
    throw domError(`Unsupported key usage for ${article}${name} key`, 'SyntaxError');
  }
}

// ---- named curves and key types ----

const curves = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };
const okpTypes = { Ed25519: 'ed25519', Ed448: 'ed448', X25519: 'x25519', X448: 'x448' };
const keyTypeOf = (name) => (rsa.includes(name) ? 'rsa' : name === 'ECDSA' || name === 'ECDH' ? 'ec' : okpTypes[name]);

function asymmetricKeyObject(id, isPrivate) {
  return isPrivate ? new PrivateKeyObject(id) : new PublicKeyObject(id);
}

// The algorithm object of an asymmetric key made for `algorithm`.
function asymmetricAlgorithm(algorithm, id) {
  const [, , details] = native.keyInfo(id);
  if (rsa.includes(algorithm.name)) {
    let exponent = details.publicExponent;
    const bytes = [];
    while (exponent > 0n) {
      bytes.unshift(Number(exponent & 0xffn));
      exponent >>= 8n;
    }
    return { name: algorithm.name, modulusLength: details.modulusLength, publicExponent: new Uint8Array(bytes),
      hash: { name: algorithm.hash.name } };
  }
  if (algorithm.name === 'ECDSA' || algorithm.name === 'ECDH') return { name: algorithm.name, namedCurve: algorithm.namedCurve };
  return { name: algorithm.name };
}

// ---- generateKey ----

async function generateAsymmetric(algorithm, extractable, usages) {
  const { name } = algorithm;
  checkUsages(name, usages, [...publicUsages[name], ...privateUsages[name]]);
  const type = keyTypeOf(name);
  let modulusLength = 0;
  let exponent = 0x10001;
  let curve = '';
  if (type === 'rsa') {
    modulusLength = algorithm.modulusLength;
    exponent = 0;
    for (const byte of algorithm.publicExponent) exponent = exponent * 256 + byte;
    if (exponent > 0xffffffff) {
      throw domError('The publicExponent must be equivalent to an unsigned 32-bit value', 'OperationError');
    }
  } else if (type === 'ec') {
    curve = curves[algorithm.namedCurve];
    if (curve === undefined) throw domError('Unrecognized namedCurve', 'NotSupportedError');
  }
  const privateKeyUsages = usages.filter((usage) => privateUsages[name].includes(usage));
  if (privateKeyUsages.length === 0) throw domError('Usages cannot be empty when creating a key.', 'SyntaxError');
  const [publicId, privateId] = await job(keyPairJob(type), (request) => native.keyGenerate(type, modulusLength, exponent, curve, 0, request));
  const keyAlgorithm = asymmetricAlgorithm(algorithm, publicId);
  const publicKey = newKey(asymmetricKeyObject(publicId, false), keyAlgorithm, true,
    usages.filter((usage) => publicUsages[name].includes(usage)));
  const privateKey = newKey(asymmetricKeyObject(privateId, true), { ...keyAlgorithm }, extractable, privateKeyUsages);
  return { publicKey, privateKey };
}

function secretAlgorithm(algorithm, bits) {
  if (algorithm.name === 'HMAC') return { name: 'HMAC', length: bits, hash: { name: algorithm.hash.name } };
  if (algorithm.name === 'ChaCha20-Poly1305') return { name: algorithm.name };
  return { name: algorithm.name, length: bits };
}

// HMAC's key length: the given one, else the hash's block size (SHA-3 hashes have none).
function hmacLength(algorithm, errorName) {
  const bits = algorithm.length ?? hashBlockBits[algorithm.hash.name];
  if (bits === undefined) throw domError('Explicit algorithm length member is required', 'NotSupportedError');
  if (bits === 0) throw domError('Zero-length key is not supported', errorName);
  return bits;
}

// The bit length of a new secret key for `algorithm` (generated or derived).
function secretKeyLength(algorithm) {
  const { name } = algorithm;
  if (name === 'HMAC') return hmacLength(algorithm, 'OperationError');
  if (kmac.includes(name)) return algorithm.length ?? (name === 'KMAC128' ? 128 : 256);
  if (name === 'ChaCha20-Poly1305') return 256;
  const bits = algorithm.length;
  if (bits !== 128 && bits !== 192 && bits !== 256) {
    throw domError('AES key length must be 128, 192, or 256 bits', 'OperationError');
  }
  return bits;
}

async function generateSecret(algorithm, extractable, usages) {
  const { name } = algorithm;
  checkUsages(name, usages, secretUsages[name]);
  const bits = secretKeyLength(algorithm);
  if (usages.length === 0) throw domError('Usages cannot be empty when creating a key.', 'SyntaxError');
  const bytes = new Uint8Array(Math.ceil(bits / 8));
  native.randomFill(bytes);
  if (bits % 8) bytes[bytes.length - 1] &= 0xff << (8 - (bits % 8));
  return newKey(createSecretKey(bytes), secretAlgorithm(algorithm, bits), extractable, usages);
}

// ---- importKey ----

const base64url = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
function fromBase64url(value) {
  if (typeof value !== 'string') throw domError('Invalid keyData', 'DataError');
  return new Uint8Array(Buffer.from(value, 'base64url'));
}

const jwkUse = (name) => (['RSA-OAEP', 'ECDH', 'X25519', 'X448', 'ChaCha20-Poly1305', ...aes].includes(name) ? 'enc' : 'sig');
function checkJwk(jwk, kty, name, extractable, usages) {
  if (jwk === null || typeof jwk !== 'object' || jwk.kty === undefined) throw domError('Invalid keyData', 'DataError');
  if (jwk.kty !== kty) throw domError('Invalid JWK "kty" Parameter', 'DataError');
  if (usages.length > 0 && jwk.use !== undefined && jwk.use !== jwkUse(name)) {
    throw domError('Invalid JWK "use" Parameter', 'DataError');
  }
  if (jwk.key_ops !== undefined) {
    if (!Array.isArray(jwk.key_ops) || usages.some((usage) => !jwk.key_ops.includes(usage))) {
      throw domError('Key operations and usage mismatch', 'DataError');
    }
  }
  if (jwk.ext === false && extractable) throw domError('JWK "ext" Parameter and extractable mismatch', 'DataError');
}

const hashSuffix = (hash) => (hash === 'SHA-1' ? '1' : hash.slice(4));
function jwkAlg(algorithm) {
  switch (algorithm.name) {
    case 'HMAC': case 'RSASSA-PKCS1-v1_5': case 'RSA-PSS': case 'RSA-OAEP': {
      // JOSE names no SHA-3 variants: such keys' JWKs carry no "alg".
      const hash = algorithm.hash.name;
      if (hash.startsWith('SHA3-')) return undefined;
      if (algorithm.name === 'RSA-OAEP') return hash === 'SHA-1' ? 'RSA-OAEP' : `RSA-OAEP-${hash.slice(4)}`;
      return `${{ HMAC: 'HS', 'RSASSA-PKCS1-v1_5': 'RS', 'RSA-PSS': 'PS' }[algorithm.name]}${hashSuffix(hash)}`;
    }
    case 'Ed25519': case 'Ed448': return algorithm.name;
    case 'ChaCha20-Poly1305': return 'C20P';
    case 'KMAC128': return 'K128';
    case 'KMAC256': return 'K256';
    default: return `A${algorithm.length}${algorithm.name.slice(4).replace('-', '')}`;
  }
}

function importSecret(format, keyData, algorithm, extractable, usages) {
  const { name } = algorithm;
  const isKdf = name === 'HKDF' || name === 'PBKDF2';
  if (isKdf && extractable) throw domError(`${name} keys are not extractable`, 'SyntaxError');
  checkUsages(name, usages, secretUsages[name], isKdf ? 'a ' : '');
  let bytes;
  if (format === 'raw-secret' || (format === 'raw' && !rawSecretOnly.includes(name))) {
    bytes = keyData;
  } else if (format === 'jwk' && !isKdf) {
    checkJwk(keyData, 'oct', name, extractable, usages);
    if (keyData.k === undefined) throw domError('Invalid keyData', 'DataError');
    bytes = fromBase64url(keyData.k);
  } else {
    throw domError(`Unable to import ${name} using ${format} format`, 'NotSupportedError');
  }
  const bits = bytes.byteLength * 8;
  let keyAlgorithm;
  if (name === 'HMAC' || kmac.includes(name)) {
    if (bits === 0 && name === 'HMAC') throw domError('Zero-length key is not supported', 'DataError');
    if (algorithm.length === 0 && name === 'HMAC') throw domError('HmacImportParams.length cannot be 0', 'DataError');
    let length = bits;
    if (algorithm.length !== undefined) {
      if (algorithm.length > bits || algorithm.length <= bits - 8) throw domError('Invalid key length', 'DataError');
      length = algorithm.length;
      if (length % 8) {
        bytes = new Uint8Array(bytes);
        bytes[bytes.length - 1] &= 0xff << (8 - (length % 8));
      }
    }
    keyAlgorithm = secretAlgorithm(algorithm, length);
  } else if (isKdf) {
    keyAlgorithm = { name };
  } else if (name === 'ChaCha20-Poly1305') {
    if (bits !== 256) throw domError('Invalid key length', 'DataError');
    keyAlgorithm = secretAlgorithm(algorithm, bits);
  } else {
    if (bits !== 128 && bits !== 192 && bits !== 256) throw domError('Invalid key length', 'DataError');
    keyAlgorithm = secretAlgorithm(algorithm, bits);
  }
  const expectedAlg = jwkAlg(keyAlgorithm);
  if (format === 'jwk' && keyData.alg !== undefined && expectedAlg !== undefined && keyData.alg !== expectedAlg) {
    throw domError('JWK "alg" does not match the requested algorithm', 'DataError');
  }
  if (usages.length === 0) throw domError('Usages cannot be empty when importing a secret key.', 'SyntaxError');
  return newKey(createSecretKey(bytes), keyAlgorithm, extractable, usages);
}

function nativeKey(make) {
  try {
    return make();
  } catch {
    throw domError('Invalid keyData', 'DataError');
  }
}

function importJwkAsymmetric(jwk, algorithm, extractable, usages) {
  const { name } = algorithm;
  const type = keyTypeOf(name);
  checkJwk(jwk, type === 'rsa' ? 'RSA' : type === 'ec' ? 'EC' : 'OKP', name, extractable, usages);
  const isPrivate = jwk.d !== undefined;
  if (type === 'rsa') {
    const expectedAlg = jwkAlg(algorithm);
    if (jwk.alg !== undefined && expectedAlg !== undefined && jwk.alg !== expectedAlg) {
      throw domError('JWK "alg" does not match the requested algorithm', 'DataError');
    }
    const fields = isPrivate ? ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] : ['n', 'e'];
    const parts = fields.map((field) => fromBase64url(jwk[field]));
    return [nativeKey(() => native.keyFromComponents('rsa', '', parts)), isPrivate];
  }
  if (type === 'ec') {
    if (jwk.crv === undefined) throw domError('Invalid keyData', 'DataError');
    if (jwk.crv !== algorithm.namedCurve) throw domError('JWK "crv" does not match the requested algorithm', 'DataError');
    if (name === 'ECDSA' && jwk.alg !== undefined) {
      const expected = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[algorithm.namedCurve];
      if (jwk.alg !== expected) throw domError('JWK "alg" does not match the requested algorithm', 'DataError');
    }
    const parts = (isPrivate ? ['x', 'y', 'd'] : ['x', 'y']).map((field) => fromBase64url(jwk[field]));
    return [nativeKey(() => native.keyFromComponents('ec', curves[algorithm.namedCurve], parts)), isPrivate];
  }
  if (jwk.crv === undefined) throw domError('Invalid keyData', 'DataError');
  if (jwk.crv !== name) throw domError('JWK "crv" Parameter and algorithm name mismatch', 'DataError');
  if ((name === 'Ed25519' || name === 'Ed448') && jwk.alg !== undefined && jwk.alg !== 'EdDSA' && jwk.alg !== name) {
    throw domError('JWK "alg" does not match the requested algorithm', 'DataError');
  }
  const publicBytes = fromBase64url(jwk.x);
  const id = nativeKey(() => native.keyFromRaw(okpTypes[name], isPrivate ? fromBase64url(jwk.d) : publicBytes, isPrivate));
  if (isPrivate) {
    const derived = native.keyToRaw(id, false);
    if (Buffer.compare(Buffer.from(derived), Buffer.from(publicBytes)) !== 0) throw domError('Invalid keyData', 'DataError');
  }
  return [id, isPrivate];
}

function importAsymmetric(format, keyData, algorithm, extractable, usages) {
  const { name } = algorithm;
  const type = keyTypeOf(name);
  if (type === 'ec' && curves[algorithm.namedCurve] === undefined) {
    throw domError('Unrecognized namedCurve', 'NotSupportedError');
  }
  let id;
  let isPrivate;
  switch (format) {
    case 'spki':
    case 'pkcs8':
      isPrivate = format === 'pkcs8';
      checkUsages(name, usages, isPrivate ? privateUsages[name] : publicUsages[name]);
      id = nativeKey(() => native.keyImport(keyData, 'der', format, isPrivate));
      break;
    case 'raw':
    case 'raw-public':
      if (type === 'rsa') throw domError(`Unable to import ${name} using ${format} format`, 'NotSupportedError');
      isPrivate = false;
      checkUsages(name, usages, publicUsages[name]);
      id = nativeKey(() => native.keyFromRaw(type === 'ec' ? curves[algorithm.namedCurve] : okpTypes[name], keyData, false));
      break;
    case 'jwk':
      [id, isPrivate] = importJwkAsymmetric(keyData, algorithm, extractable, usages);
      checkUsages(name, usages, isPrivate ? privateUsages[name] : publicUsages[name]);
      break;
    default:
      throw domError(`Unable to import ${name} using ${format} format`, 'NotSupportedError');
  }
  if (type === 'ec' && !native.keyValid(id)) throw domError('Invalid keyData', 'DataError');
  const [keyType, , details] = native.keyInfo(id);
  if (keyType !== type) throw domError('Invalid key type', 'DataError');
  if (type === 'ec' && details.namedCurve !== curves[algorithm.namedCurve]) {
    throw domError('Named curve mismatch', 'DataError');
  }
  if (isPrivate && usages.length === 0) {
    throw domError('Usages cannot be empty when importing a private key.', 'SyntaxError');
  }
  return newKey(asymmetricKeyObject(id, isPrivate), asymmetricAlgorithm(algorithm, id), extractable, usages);
}

function importKeyNow(format, keyData, algorithm, extractable, usages) {
  if (secretUsages[algorithm.name] !== undefined) return importSecret(format, keyData, algorithm, extractable, usages);
  return importAsymmetric(format, keyData, algorithm, extractable, usages);
}

// ---- exportKey ----

function exportJwk(key) {
  const { algorithm, keyObject, usages, extractable } = slotsOf(key);
  const jwk = { key_ops: [...usages], ext: extractable };
  if (keySlotsOf(keyObject).type === 'secret') {
    const alg = jwkAlg(algorithm);
    if (alg !== undefined) jwk.alg = alg;
    jwk.kty = 'oct';
    jwk.k = base64url(keyObject[kKeyBytes]);
    return jwk;
  }
  const id = keyObject[kKeyId];
  const isPrivate = keySlotsOf(keyObject).type === 'private';
  const type = keyTypeOf(algorithm.name);
  if (type === 'rsa') {
    const alg = jwkAlg(algorithm);
    if (alg !== undefined) jwk.alg = alg;
    jwk.kty = 'RSA';
    const parts = native.keyComponents(id);
    ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'].slice(0, parts.length).forEach((field, index) => {
      jwk[field] = base64url(parts[index]);
    });
    return jwk;
  }
  if (type === 'ec') {
    const [x, y, d] = native.keyComponents(id);
    jwk.kty = 'EC';
    jwk.x = base64url(x);
    jwk.y = base64url(y);
    jwk.crv = algorithm.namedCurve;
    if (isPrivate) jwk.d = base64url(d);
    return jwk;
  }
  if (algorithm.name === 'Ed25519' || algorithm.name === 'Ed448') jwk.alg = algorithm.name;
  jwk.crv = algorithm.name;
  if (isPrivate) jwk.d = base64url(native.keyToRaw(id, true));
  jwk.x = base64url(native.keyToRaw(id, false));
  jwk.kty = 'OKP';
  return jwk;
}

async function exportKeyNow(format, key) {
  const { algorithm, keyObject, extractable } = slotsOf(key);
  if (!extractable) throw domError('key is not extractable', 'InvalidAccessError');
  const type = keySlotsOf(keyObject).type;
  const unable = () => domError(`Unable to export ${algorithm.name} ${type} key using ${format} format`, 'NotSupportedError');
  if (format === 'jwk') {
    if (algorithm.name === 'HKDF' || algorithm.name === 'PBKDF2') throw unable();
    return exportJwk(key);
  }
  if (format === 'raw' || format === 'raw-secret' || format === 'raw-public') {
    if (type === 'secret' && format !== 'raw-public' && (format === 'raw-secret' || !rawSecretOnly.includes(algorithm.name))) {
      return arrayBuffer(new Uint8Array(keyObject[kKeyBytes]));
    }
    if (type === 'public' && format !== 'raw-secret' && !rsa.includes(algorithm.name)) {
      return arrayBuffer(native.keyToRaw(keyObject[kKeyId], false));
    }
    throw unable();
  }
  if (format === 'raw-private' || format === 'raw-seed') throw unable();
  if (type !== (format === 'spki' ? 'public' : 'private')) throw unable();
  if (format === 'spki' && keyTypeOf(algorithm.name) === 'ec') {
    // An EC public key's point always goes out uncompressed, however it came in.
    const uncompressed = native.keyFromRaw(curves[algorithm.namedCurve], native.keyToRaw(keyObject[kKeyId], false), false);
    try {
      return arrayBuffer(native.keyExport(uncompressed, 'der', 'spki'));
    } finally {
      native.keyFree(uncompressed);
    }
  }
  return arrayBuffer(native.keyExport(keyObject[kKeyId], 'der', format));
}

// ---- operations ----

// The SP 800-185 function names cSHAKE may be given.
const cshakeFunctionNames = ['', 'KMAC', 'TupleHash', 'ParallelHash'];
function checkCshake(algorithm) {
  if (Math.ceil(algorithm.outputLength / 8) >= 2 ** 29) throw domError('Invalid CShakeParams outputLength', 'OperationError');
  const functionName = Buffer.from(algorithm.functionName ?? []).toString('latin1');
  if (!cshakeFunctionNames.includes(functionName)) throw domError('Unsupported CShakeParams functionName', 'NotSupportedError');
  if ((algorithm.customization?.byteLength ?? 0) > 512) {
    throw domError('CShakeParams.customization must be at most 512 bytes', 'OperationError');
  }
}

function checkKeyFor(key, algorithm, usage) {
  const { algorithm: keyAlgorithm, usages } = slotsOf(key);
  if (keyAlgorithm.name !== algorithm.name) throw domError('Key algorithm mismatch', 'InvalidAccessError');
  if (!usages.includes(usage)) throw domError(`Unable to use this key to ${usage}`, 'InvalidAccessError');
}

// encrypt/decrypt's checks of the parameters alone; returns the tag length in bits of an AEAD.
function checkCipherParams(algorithm) {
  switch (algorithm.name) {
    case 'AES-CTR':
      if (algorithm.counter.byteLength !== 16) {
        throw domError('algorithm.counter must contain exactly 16 bytes', 'OperationError');
      }
      if (algorithm.length === 0 || algorithm.length > 128) {
        throw domError('AES-CTR algorithm.length must be between 1 and 128', 'OperationError');
      }
      return undefined;
    case 'AES-CBC':
      if (algorithm.iv.byteLength !== 16) throw domError('algorithm.iv must contain exactly 16 bytes', 'OperationError');
      return undefined;
    case 'AES-GCM': {
      const tagLength = algorithm.tagLength ?? 128;
      if (![32, 64, 96, 104, 112, 120, 128].includes(tagLength)) {
        throw domError(`${tagLength} is not a valid AES-GCM tag length`, 'OperationError');
      }
      return tagLength;
    }
    case 'AES-OCB': {
      if (algorithm.iv.byteLength > 15) throw domError('AES-OCB algorithm.iv must be no more than 15 bytes', 'OperationError');
      const tagLength = algorithm.tagLength ?? 128;
      if (![64, 96, 128].includes(tagLength)) throw domError(`${tagLength} is not a valid AES-OCB tag length`, 'OperationError');
      return tagLength;
    }
    case 'ChaCha20-Poly1305': {
      if (algorithm.iv.byteLength !== 12) throw domError('algorithm.iv must contain exactly 12 bytes', 'OperationError');
      const tagLength = algorithm.tagLength ?? 128;
      if (tagLength !== 128) throw domError(`${tagLength} is not a valid ChaCha20-Poly1305 tag length`, 'OperationError');
      return tagLength;
    }
    default:
      return undefined;
  }
}

function cipher(algorithm, key, data, encrypt) {
  const { keyObject, algorithm: keyAlgorithm } = slotsOf(key);
  const tagLength = checkCipherParams(algorithm);
  switch (algorithm.name) {
    case 'RSA-OAEP': {
      if (keySlotsOf(keyObject).type !== (encrypt ? 'public' : 'private')) {
        throw domError(`The requested operation is not valid for the provided key`, 'InvalidAccessError');
      }
      return job('RSACipherJob', (request) => native.webRsaOaep(keyObject[kKeyId], encrypt, hashNames[keyAlgorithm.hash.name],
        algorithm.label ?? new Uint8Array(0), data, request));
    }
    case 'AES-CTR': {
      return job('AESCipherJob', (request) => native.webAes('ctr', encrypt, keyObject[kKeyBytes], algorithm.counter, data,
        algorithm.length, undefined, request));
    }
    case 'AES-CBC':
      return job('AESCipherJob', (request) => native.webAes('cbc', encrypt, keyObject[kKeyBytes], algorithm.iv, data, 0, undefined, request));
    case 'AES-GCM': {
      if (!encrypt && data.byteLength < tagLength / 8) throw domError('The provided data is too small.', 'OperationError');
      if (algorithm.iv.byteLength === 0) throw domError('algorithm.iv must contain at least one byte', 'OperationError');
      return job('AESCipherJob', (request) => native.webAes('gcm', encrypt, keyObject[kKeyBytes], algorithm.iv, data, tagLength / 8,
        algorithm.additionalData, request));
    }
    case 'AES-OCB': {
      return job('AESCipherJob', (request) => native.webAes('ocb', encrypt, keyObject[kKeyBytes], algorithm.iv, data, tagLength / 8,
        algorithm.additionalData, request));
    }
    case 'ChaCha20-Poly1305': {
      return job('AESCipherJob', (request) => native.webAes('chacha20-poly1305', encrypt, keyObject[kKeyBytes], algorithm.iv, data, 16,
        algorithm.additionalData, request));
    }
    case 'AES-KW':
      return job('AESCipherJob', (request) => native.webAes('kw', encrypt, keyObject[kKeyBytes], undefined, data, 0, undefined, request));
    default:
      throw domError('Unrecognized algorithm name', 'NotSupportedError');
  }
}

function signatureParams(algorithm, key) {
  const { keyObject, algorithm: keyAlgorithm } = slotsOf(key);
  switch (algorithm.name) {
    case 'RSASSA-PKCS1-v1_5': return [hashNames[keyAlgorithm.hash.name], 1, null];
    case 'RSA-PSS': {
      const hashBytes = Number(keyAlgorithm.hash.name.slice(-3)) / 8 || 20;
      const max = Math.ceil((keyAlgorithm.modulusLength - 1) / 8) - hashBytes - 2;
      if (algorithm.saltLength > max) {
        throw failed(codedError(RangeError, 'ERR_OUT_OF_RANGE',
          `The value of "algorithm.saltLength" is out of range. It must be >= 0 && <= ${max}. Received ${algorithm.saltLength}`));
      }
      return [hashNames[keyAlgorithm.hash.name], 6, algorithm.saltLength];
    }
    case 'ECDSA': return [hashNames[algorithm.hash.name], -1, null];
    case 'Ed448':
      if (algorithm.context !== undefined && algorithm.context.byteLength !== 0) {
        throw domError('Non zero-length context is not yet supported', 'NotSupportedError');
      }
      return ['', -1, null];
    default:
      void keyObject;
      return ['', -1, null];
  }
}

async function signVerify(algorithm, key, data, signature) {
  const usage = signature === undefined ? 'sign' : 'verify';
  const { keyObject, algorithm: keyAlgorithm } = slotsOf(key);
  checkKeyFor(key, algorithm, usage);
  if (algorithm.name === 'HMAC' || kmac.includes(algorithm.name)) {
    const mac = await job(algorithm.name === 'HMAC' ? 'HmacJob' : 'KmacJob', (request) => (algorithm.name === 'HMAC'
      ? native.webHmac(hashNames[keyAlgorithm.hash.name], keyObject[kKeyBytes], data, request)
      : native.webKmac(algorithm.name === 'KMAC128' ? 128 : 256, keyObject[kKeyBytes], keyAlgorithm.length,
        algorithm.customization ?? new Uint8Array(0), algorithm.outputLength, data, request)));
    if (usage === 'sign') return arrayBuffer(mac);
    return mac.byteLength === signature.byteLength && Buffer.compare(Buffer.from(mac), Buffer.from(signature)) === 0;
  }
  const [hash, padding, saltLength] = signatureParams(algorithm, key);
  if (usage === 'sign') {
    return arrayBuffer(await job('SignJob', (request) => native.webSign(keyObject[kKeyId], hash, padding, saltLength, data, request)));
  }
  const result = await job('SignJob', (request) => native.webVerify(keyObject[kKeyId], hash, padding, saltLength, data, signature, request));
  return result[0] === 1;
}

async function deriveBitsNow(algorithm, baseKey, length) {
  const { keyObject, algorithm: keyAlgorithm } = slotsOf(baseKey);
  switch (algorithm.name) {
    case 'ECDH':
    case 'X25519':
    case 'X448': {
      const peer = slotsOf(algorithm.public);
      if (peer.type !== 'public') throw domError('algorithm.public must be a public key', 'InvalidAccessError');
      if (peer.algorithm.name !== keyAlgorithm.name) throw domError('key algorithm mismatch', 'InvalidAccessError');
      if (keyAlgorithm.namedCurve !== peer.algorithm.namedCurve) {
        throw domError('Named curve mismatch', 'InvalidAccessError');
      }
      const secret = await job('DHBitsJob', (request) => native.webDeriveShared(keyObject[kKeyId], peer.keyObject[kKeyId], request));
      if (length === null || length === undefined) return arrayBuffer(secret);
      if (length > secret.byteLength * 8) throw domError('derived bit length is too small', 'OperationError');
      const out = secret.slice(0, Math.ceil(length / 8));
      if (length % 8) out[out.length - 1] &= 0xff << (8 - (length % 8));
      return arrayBuffer(out);
    }
    case 'HKDF':
    case 'PBKDF2': {
      checkDeriveLength(algorithm, length);
      const digest = hashNames[algorithm.hash.name];
      if (algorithm.name === 'HKDF') {
        return arrayBuffer(await job('HKDFJob', (request) => native.hkdf(digest, keyObject[kKeyBytes], algorithm.salt, algorithm.info,
          length / 8, request)));
      }
      return arrayBuffer(await job('PBKDF2Job', (request) => native.pbkdf2(keyObject[kKeyBytes], algorithm.salt, algorithm.iterations,
        length / 8, digest, request)));
    }
    default:
      throw domError('Unrecognized algorithm name', 'NotSupportedError');
  }
}

// The bits deriveKey derives for a key of `lengthAlgorithm` (null: the KDF's own length).
const derivedKeyLength = (lengthAlgorithm) => (lengthAlgorithm.name === 'HKDF' || lengthAlgorithm.name === 'PBKDF2'
  ? null : secretKeyLength(lengthAlgorithm));

// deriveBits' checks of `length` for `algorithm` that need no key.
function checkDeriveLength(algorithm, length) {
  if (algorithm.name !== 'HKDF' && algorithm.name !== 'PBKDF2') return;
  if (length === null || length === undefined) throw domError('length cannot be null', 'OperationError');
  if (length % 8) throw domError('length must be a multiple of 8', 'OperationError');
  if (algorithm.name === 'PBKDF2' && algorithm.iterations === 0) throw domError('iterations cannot be zero', 'OperationError');
  if (algorithm.name === 'HKDF' && algorithm.info.byteLength > 1024) {
    throw domError('algorithm.info must be at most 1024 bytes', 'OperationError');
  }
}

function checkDerive(baseKey, algorithm, usage) {
  const { algorithm: keyAlgorithm, usages } = slotsOf(baseKey);
  if (!usages.includes(usage)) throw domError(`baseKey does not have ${usage} usage`, 'InvalidAccessError');
  if (keyAlgorithm.name !== algorithm.name) throw domError('Key algorithm mismatch', 'InvalidAccessError');
}

// ---- SubtleCrypto ----

const prefixFor = (method) => `Failed to execute '${method}' on 'SubtleCrypto'`;
function cryptoKeyArgument(value, method, index) {
  if (!(value instanceof CryptoKey)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${prefixFor(method)}: ${argument(index)} is not of type CryptoKey.`);
  }
  return value;
}
const format = (value, method) => enumValue(value, keyFormats, 'KeyFormat', prefixFor(method), argument(0));
const usagesArgument = (value, method, index) => usageSequence(value, prefixFor(method), argument(index));
const dataArgument = (value, method, index) => bufferSource(value, prefixFor(method), argument(index));
const algorithmArgument = (value) => (value !== null && (typeof value === 'object' || typeof value === 'function')
  ? value : domString(value));
function checkThis(self) {
  if (self !== subtle) throw invalidThis('SubtleCrypto');
  ensureLoaded();
}

// encrypt/decrypt/sign/verify's (algorithm, key[, signature], data) checked in WebIDL's
// order, the algorithm normalized for `method`.
function keyOperationArguments(self, method, args) {
  checkThis(self);
  const withSignature = method === 'verify';
  requiredArguments(args.length, withSignature ? 4 : 3, prefixFor(method));
  const algorithm = algorithmArgument(args[0]);
  cryptoKeyArgument(args[1], method, 1);
  const signature = withSignature ? dataArgument(args[2], method, 2) : undefined;
  const data = dataArgument(args[withSignature ? 3 : 2], method, withSignature ? 3 : 2);
  return { algorithm: normalizeAlgorithm(algorithm, method), data, signature };
}

let subtle;
class SubtleCrypto {
  constructor(token) {
    if (token !== kConstruct) throw illegalConstructor();
  }

  async encrypt(algorithm, key, data) {
    ({ algorithm, data } = keyOperationArguments(this, 'encrypt', arguments));
    checkKeyFor(key, algorithm, 'encrypt');
    return arrayBuffer(await cipher(algorithm, key, data, true));
  }

  async decrypt(algorithm, key, data) {
    ({ algorithm, data } = keyOperationArguments(this, 'decrypt', arguments));
    checkKeyFor(key, algorithm, 'decrypt');
    return arrayBuffer(await cipher(algorithm, key, data, false));
  }

  async sign(algorithm, key, data) {
    ({ algorithm, data } = keyOperationArguments(this, 'sign', arguments));
    return signVerify(algorithm, key, data);
  }

  async verify(algorithm, key, signature, data) {
    ({ algorithm, data, signature } = keyOperationArguments(this, 'verify', arguments));
    return signVerify(algorithm, key, data, signature);
  }

  async digest(algorithm, data) {
    checkThis(this);
    requiredArguments(arguments.length, 2, prefixFor('digest'));
    algorithm = algorithmArgument(algorithm);
    data = dataArgument(data, 'digest', 1);
    algorithm = normalizeAlgorithm(algorithm, 'digest');
    if (algorithm.name.startsWith('cSHAKE')) {
      checkCshake(algorithm);
      return arrayBuffer(await job('HashJob', (request) => native.webCshake(algorithm.name === 'cSHAKE128' ? 128 : 256,
        algorithm.functionName ?? new Uint8Array(0), algorithm.customization ?? new Uint8Array(0), algorithm.outputLength,
        data, request)));
    }
    return arrayBuffer(await job('HashJob', (request) => native.webDigest(hashNames[algorithm.name], data, request)));
  }

  async generateKey(algorithm, extractable, keyUsages) {
    checkThis(this);
    requiredArguments(arguments.length, 3, prefixFor('generateKey'));
    algorithm = algorithmArgument(algorithm);
    extractable = Boolean(extractable);
    keyUsages = usagesArgument(keyUsages, 'generateKey', 2);
    algorithm = normalizeAlgorithm(algorithm, 'generateKey');
    if (secretUsages[algorithm.name] !== undefined) return generateSecret(algorithm, extractable, keyUsages);
    return generateAsymmetric(algorithm, extractable, keyUsages);
  }

  async deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
    checkThis(this);
    requiredArguments(arguments.length, 5, prefixFor('deriveKey'));
    algorithm = algorithmArgument(algorithm);
    cryptoKeyArgument(baseKey, 'deriveKey', 1);
    derivedKeyType = algorithmArgument(derivedKeyType);
    extractable = Boolean(extractable);
    keyUsages = usagesArgument(keyUsages, 'deriveKey', 4);
    algorithm = normalizeAlgorithm(algorithm, 'deriveBits');
    const importAlgorithm = normalizeAlgorithm(derivedKeyType, 'importKey');
    const lengthAlgorithm = normalizeAlgorithm(derivedKeyType, 'getKeyLength');
    checkDerive(baseKey, algorithm, 'deriveKey');
    const length = derivedKeyLength(lengthAlgorithm);
    const bits = await deriveBitsNow(algorithm, baseKey, length);
    return importKeyNow('raw-secret', new Uint8Array(bits), importAlgorithm, extractable, keyUsages);
  }

  async deriveBits(algorithm, baseKey, length = null) {
    checkThis(this);
    requiredArguments(arguments.length, 2, prefixFor('deriveBits'));
    algorithm = algorithmArgument(algorithm);
    cryptoKeyArgument(baseKey, 'deriveBits', 1);
    if (length !== null) length = enforceRange(length, 4294967295, prefixFor('deriveBits'), argument(2));
    algorithm = normalizeAlgorithm(algorithm, 'deriveBits');
    checkDerive(baseKey, algorithm, 'deriveBits');
    return deriveBitsNow(algorithm, baseKey, length);
  }

  async importKey(keyFormat, keyData, algorithm, extractable, keyUsages) {
    checkThis(this);
    requiredArguments(arguments.length, 5, prefixFor('importKey'));
    keyFormat = format(keyFormat, 'importKey');
    if (keyFormat === 'jwk') {
      // JsonWebKey is a dictionary: undefined and null are an empty one.
      if (keyData === undefined || keyData === null) keyData = {};
      else if (typeof keyData !== 'object') {
        throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${prefixFor('importKey')}: ${argument(1)} is not of type JsonWebKey.`);
      }
    } else {
      keyData = dataArgument(keyData, 'importKey', 1);
    }
    algorithm = algorithmArgument(algorithm);
    extractable = Boolean(extractable);
    keyUsages = usagesArgument(keyUsages, 'importKey', 4);
    algorithm = normalizeAlgorithm(algorithm, 'importKey');
    return importKeyNow(keyFormat, keyData, algorithm, extractable, keyUsages);
  }

  async exportKey(keyFormat, key) {
    checkThis(this);
    requiredArguments(arguments.length, 2, prefixFor('exportKey'));
    keyFormat = format(keyFormat, 'exportKey');
    cryptoKeyArgument(key, 'exportKey', 1);
    return exportKeyNow(keyFormat, key);
  }

  async getPublicKey(key, keyUsages) {
    checkThis(this);
    warnExperimental('getPublicKey Web Crypto API method');
    requiredArguments(arguments.length, 2, prefixFor('getPublicKey'));
    cryptoKeyArgument(key, 'getPublicKey', 0);
    keyUsages = usagesArgument(keyUsages, 'getPublicKey', 1);
    const { type, algorithm, keyObject } = slotsOf(key);
    if (type !== 'private') {
      throw domError('key must be a private key', type === 'secret' ? 'NotSupportedError' : 'InvalidAccessError');
    }
    checkUsages(algorithm.name, keyUsages, publicUsages[algorithm.name]);
    const publicKey = new PublicKeyObject(native.keyPublic(keyObject[kKeyId]));
    return newKey(publicKey, structuredClone(algorithm), true, keyUsages);
  }

  async wrapKey(keyFormat, key, wrappingKey, wrapAlgorithm) {
    checkThis(this);
    requiredArguments(arguments.length, 4, prefixFor('wrapKey'));
    keyFormat = format(keyFormat, 'wrapKey');
    cryptoKeyArgument(key, 'wrapKey', 1);
    cryptoKeyArgument(wrappingKey, 'wrapKey', 2);
    wrapAlgorithm = algorithmArgument(wrapAlgorithm);
    let algorithm;
    try {
      algorithm = normalizeAlgorithm(wrapAlgorithm, 'wrapKey');
    } catch {
      algorithm = normalizeAlgorithm(wrapAlgorithm, 'encrypt');
    }
    checkKeyFor(wrappingKey, algorithm, 'wrapKey');
    let bytes = await exportKeyNow(keyFormat, key);
    if (keyFormat === 'jwk') {
      let text = JSON.stringify(bytes);
      if (algorithm.name === 'AES-KW' && text.length % 8) text += ' '.repeat(8 - (text.length % 8));
      bytes = Buffer.from(text);
    }
    return arrayBuffer(await cipher(algorithm, wrappingKey, new Uint8Array(bytes), true));
  }

  async unwrapKey(keyFormat, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
    checkThis(this);
    requiredArguments(arguments.length, 7, prefixFor('unwrapKey'));
    keyFormat = format(keyFormat, 'unwrapKey');
    wrappedKey = dataArgument(wrappedKey, 'unwrapKey', 1);
    cryptoKeyArgument(unwrappingKey, 'unwrapKey', 2);
    unwrapAlgorithm = algorithmArgument(unwrapAlgorithm);
    unwrappedKeyAlgorithm = algorithmArgument(unwrappedKeyAlgorithm);
    extractable = Boolean(extractable);
    keyUsages = usagesArgument(keyUsages, 'unwrapKey', 6);
    let algorithm;
    try {
      algorithm = normalizeAlgorithm(unwrapAlgorithm, 'unwrapKey');
    } catch {
      algorithm = normalizeAlgorithm(unwrapAlgorithm, 'decrypt');
    }
    const importAlgorithm = normalizeAlgorithm(unwrappedKeyAlgorithm, 'importKey');
    checkKeyFor(unwrappingKey, algorithm, 'unwrapKey');
    let keyData = await cipher(algorithm, unwrappingKey, wrappedKey, false);
    if (keyFormat === 'jwk') {
      try {
        keyData = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(keyData));
      } catch {
        throw domError('Invalid imported JWK key', 'DataError');
      }
    }
    return importKeyNow(keyFormat, keyData, importAlgorithm, extractable, keyUsages);
  }

  async encapsulateBits(encapsulationAlgorithm, encapsulationKey) {
    checkThis(this);
    requiredArguments(arguments.length, 2, prefixFor('encapsulateBits'));
    encapsulationAlgorithm = algorithmArgument(encapsulationAlgorithm);
    cryptoKeyArgument(encapsulationKey, 'encapsulateBits', 1);
    return encapsulationUnsupported(encapsulationAlgorithm, 'encapsulateBits');
  }

  async encapsulateKey(encapsulationAlgorithm, encapsulationKey, sharedKeyAlgorithm, extractable, keyUsages) {
    checkThis(this);
    requiredArguments(arguments.length, 5, prefixFor('encapsulateKey'));
    encapsulationAlgorithm = algorithmArgument(encapsulationAlgorithm);
    cryptoKeyArgument(encapsulationKey, 'encapsulateKey', 1);
    sharedKeyAlgorithm = algorithmArgument(sharedKeyAlgorithm);
    extractable = Boolean(extractable);
    keyUsages = usagesArgument(keyUsages, 'encapsulateKey', 4);
    return encapsulationUnsupported(encapsulationAlgorithm, 'encapsulateBits');
  }

  async decapsulateBits(decapsulationAlgorithm, decapsulationKey, ciphertext) {
    checkThis(this);
    requiredArguments(arguments.length, 3, prefixFor('decapsulateBits'));
    decapsulationAlgorithm = algorithmArgument(decapsulationAlgorithm);
    cryptoKeyArgument(decapsulationKey, 'decapsulateBits', 1);
    dataArgument(ciphertext, 'decapsulateBits', 2);
    return encapsulationUnsupported(decapsulationAlgorithm, 'decapsulateBits');
  }

  async decapsulateKey(decapsulationAlgorithm, decapsulationKey, ciphertext, sharedKeyAlgorithm, extractable, keyUsages) {
    checkThis(this);
    requiredArguments(arguments.length, 6, prefixFor('decapsulateKey'));
    decapsulationAlgorithm = algorithmArgument(decapsulationAlgorithm);
    cryptoKeyArgument(decapsulationKey, 'decapsulateKey', 1);
    dataArgument(ciphertext, 'decapsulateKey', 2);
    sharedKeyAlgorithm = algorithmArgument(sharedKeyAlgorithm);
    extractable = Boolean(extractable);
    keyUsages = usagesArgument(keyUsages, 'decapsulateKey', 5);
    return encapsulationUnsupported(decapsulationAlgorithm, 'decapsulateBits');
  }

  static supports(operation, algorithm, lengthOrAdditionalAlgorithm = null) {
    if (this !== SubtleCrypto) throw invalidThis('SubtleCrypto constructor');
    warnExperimental('supports Web Crypto API method');
    const prefix = "Failed to execute 'supports' on 'SubtleCrypto'";
    requiredArguments(arguments.length, 2, prefix);
    operation = domString(operation);
    algorithm = algorithmArgument(algorithm);
    ensureLoaded();
    try {
      // A length out of range is a "no", as any other failure.
      let extra = null;
      if (operation === 'deriveBits') {
        if (lengthOrAdditionalAlgorithm !== null && lengthOrAdditionalAlgorithm !== undefined) {
          extra = enforceRange(lengthOrAdditionalAlgorithm, 4294967295, prefix, argument(2));
        }
      } else if (['deriveKey', 'wrapKey', 'unwrapKey', 'encapsulateKey', 'decapsulateKey'].includes(operation)) {
        extra = algorithmArgument(lengthOrAdditionalAlgorithm);
      }
      return supported(operation, algorithm, extra);
    } catch {
      return false;
    }
  }
}

// Key encapsulation's algorithms (ML-KEM) need OpenSSL 3.5: with this build every algorithm
// is unrecognized, as in node built on an older OpenSSL.
function encapsulationUnsupported(algorithm, operation) {
  normalizeAlgorithm(algorithm, operation);
  throw domError('Unrecognized algorithm name', 'NotSupportedError');
}

// The parameter checks each operation makes before it needs a key; throws when unsupported.
function checkOperation(operation, algorithm, length) {
  switch (operation) {
    case 'digest':
      if (algorithm.name.startsWith('cSHAKE')) checkCshake(algorithm);
      break;
    case 'generateKey':
      if (secretUsages[algorithm.name] !== undefined) secretKeyLength(algorithm);
      else if (keyTypeOf(algorithm.name) === 'ec' && curves[algorithm.namedCurve] === undefined) throw new Error();
      break;
    case 'encrypt':
    case 'decrypt':
      checkCipherParams(algorithm);
      break;
    case 'deriveBits':
      checkDeriveLength(algorithm, length);
      break;
    case 'importKey':
      if (keyTypeOf(algorithm.name) === 'ec' && curves[algorithm.namedCurve] === undefined) throw new Error();
      break;
    default:
  }
}

// SubtleCrypto.supports' answer (throws for "no").
function supported(operation, algorithm, extra) {
  switch (operation) {
    case 'deriveKey': {
      const lengthAlgorithm = normalizeAlgorithm(extra, 'getKeyLength');
      normalizeAlgorithm(extra, 'importKey');
      return supported('deriveBits', algorithm, derivedKeyLength(lengthAlgorithm));
    }
    case 'wrapKey':
    case 'unwrapKey': {
      let normalized;
      try {
        normalized = normalizeAlgorithm(algorithm, operation);
      } catch {
        normalized = normalizeAlgorithm(algorithm, operation === 'wrapKey' ? 'encrypt' : 'decrypt');
      }
      checkOperation('encrypt', normalized);
      return supported(operation === 'wrapKey' ? 'exportKey' : 'importKey', extra);
    }
    case 'encapsulateKey':
    case 'decapsulateKey':
      normalizeAlgorithm(algorithm, 'encapsulateBits');
      return supported('importKey', extra);
    default: {
      if (registered[operation] === undefined || operation === 'getKeyLength') return false;
      const normalized = normalizeAlgorithm(algorithm, operation);
      checkOperation(operation, normalized, extra);
      return true;
    }
  }
}
// The methods are plain functions returning promises (as node's), run by the async bodies above.
for (const name of ['encrypt', 'decrypt', 'sign', 'verify', 'digest', 'generateKey', 'deriveKey', 'deriveBits', 'importKey',
  'exportKey', 'getPublicKey', 'wrapKey', 'unwrapKey', 'encapsulateBits', 'encapsulateKey', 'decapsulateBits',
  'decapsulateKey']) {
  const body = SubtleCrypto.prototype[name];
  const method = { [name](...args) {
    return Reflect.apply(body, this, args);
  } }[name];
  Object.defineProperty(method, 'length', { value: body.length });
  Object.defineProperty(SubtleCrypto.prototype, name, { value: method, writable: true, enumerable: true, configurable: true });
}
Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });
subtle = new SubtleCrypto(kConstruct);

// ---- Crypto ----

let cryptoObject;
function checkCrypto(self) {
  if (self !== cryptoObject) throw invalidThis('Crypto');
}
class Crypto {
  constructor(token) {
    if (token !== kConstruct) throw illegalConstructor();
  }

  get subtle() {
    checkCrypto(this);
    return subtle;
  }

  getRandomValues(array) {
    checkCrypto(this);
    requiredArguments(arguments.length, 1, "Failed to execute 'getRandomValues' on 'Crypto'");
    ensureLoaded();
    return getRandomValues(array);
  }

  randomUUID() {
    checkCrypto(this);
    ensureLoaded();
    return randomUUID();
  }
}
Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });
Object.defineProperty(Crypto.prototype, 'subtle', { enumerable: true });
cryptoObject = new Crypto(kConstruct);

// A CryptoKey's KeyObject (KeyObject.from).
const keyObjectOf = (key) => slots.get(key)?.keyObject;

// keyObject.toCryptoKey(algorithm, extractable, keyUsages): the key imported for the
// algorithm as importKey would (raw bytes, spki or pkcs8), with its errors, now.
function toCryptoKey(keyObject, algorithm, extractable, keyUsages) {
  const prefix = "Failed to execute 'toCryptoKey' on 'KeyObject'";
  algorithm = normalizeAlgorithm(algorithmArgument(algorithm), 'importKey');
  extractable = Boolean(extractable);
  keyUsages = usageSequence(keyUsages, prefix, argument(2));
  if (keySlotsOf(keyObject).type === 'secret') {
    return importKeyNow('raw', new Uint8Array(keyObject[kKeyBytes]), algorithm, extractable, keyUsages);
  }
  const format = keySlotsOf(keyObject).type === 'public' ? 'spki' : 'pkcs8';
  return importKeyNow(format, native.keyExport(keyObject[kKeyId], 'der', format), algorithm, extractable, keyUsages);
}

module.exports = { Crypto, CryptoKey, SubtleCrypto, crypto: cryptoObject, isCryptoKey, keyObjectOf, toCryptoKey, init, ClonedCryptoKey };
