'use strict';
// Diffie-Hellman for crypto: DiffieHellman (a prime and generator given or generated),
// DiffieHellmanGroup (RFC 2409/3526's MODP groups by node's names), ECDH on a named curve
// with ECDH.convertKey, and crypto.diffieHellman's agreement between two KeyObjects (DH, EC,
// X25519, X448), with node's errors. Each object keeps its parameters and key bytes here;
// the natives (host/src/runtime/crypto/dh.rs) compute from them.
// crypto.js hands this module what it needs through setup().

const { Buffer } = require('buffer');
const {
  codedError, invalidArgType, invalidArgValue, validateFunction, validateInteger, validateObject, validateString,
} = require('internal/errors');
const { keySlotsOf, isKeyObject } = require('internal/crypto/keyslots');

const kBinaryTypes = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';
const kDhInputTypes = 'one of type number or string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';
const kDefaultGenerator = 2;
const kCompressed = 2;
const kUncompressed = 4;
const kHybrid = 6;
const kHandle = Symbol('kHandle');

// Each object's state sits behind its handle (shown by inspect as node's native handle is).
const states = new WeakMap();
const handleClasses = {
  DiffieHellman: class DiffieHellman {},
  DiffieHellmanGroup: class DiffieHellmanGroup {},
  ECDH: class ECDH {},
};
function attachState(self, kind, state) {
  const handle = new handleClasses[kind]();
  states.set(handle, state);
  self[kHandle] = handle;
}
const stateOf = (self) => states.get(self[kHandle]);

let native;
let kKeyId;
let createPrivateKey;
let createPublicKey;
let startJob;

const validateInt32 = (value, name) => validateInteger(value, name, -(2 ** 31), 2 ** 31 - 1);
const operationFailed = (message) => codedError(Error, 'ERR_CRYPTO_OPERATION_FAILED', message);

// A key argument as bytes: strings in `encoding` (utf8 for 'buffer'), views and ArrayBuffers.
function keyBytes(value, name, encoding) {
  if (typeof value === 'string') return Buffer.from(value, encoding === 'buffer' || !encoding ? 'utf8' : encoding);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer)) {
    return Buffer.from(value);
  }
  throw invalidArgType(name, kBinaryTypes, value);
}

// A big-endian number's bytes without leading zeros (what OpenSSL's BN_bn2bin gives back).
function minimal(bytes) {
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  return Buffer.from(bytes.subarray(start));
}

function encode(bytes, encoding) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding && encoding !== 'buffer' ? buffer.toString(encoding) : buffer;
}

function defineVerifyError(self, value) {
  Object.defineProperty(self, 'verifyError', { value, enumerable: true, writable: false, configurable: false });
}

function DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding) {
  if (!(this instanceof DiffieHellman)) return new DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding);
  if (typeof sizeOrKey !== 'number' && typeof sizeOrKey !== 'string' && !ArrayBuffer.isView(sizeOrKey) &&
      !(sizeOrKey instanceof ArrayBuffer) && !(typeof SharedArrayBuffer === 'function' && sizeOrKey instanceof SharedArrayBuffer)) {
    throw invalidArgType('sizeOrKey', kDhInputTypes, sizeOrKey);
  }
  if (typeof sizeOrKey === 'number') validateInt32(sizeOrKey, 'sizeOrKey');
  // An encoding that is not one shifts the arguments: (prime, generator, generatorEncoding).
  if (keyEncoding && !Buffer.isEncoding(keyEncoding) && keyEncoding !== 'buffer') {
    genEncoding = generator;
    generator = keyEncoding;
    keyEncoding = false;
  }
  keyEncoding = keyEncoding || 'buffer';
  genEncoding = genEncoding || 'buffer';
  if (!generator) {
    generator = kDefaultGenerator;
  } else if (typeof generator === 'number') {
    validateInt32(generator, 'generator');
  } else if (typeof generator === 'string') {
    generator = keyBytes(generator, 'generator', genEncoding);
  } else if (!ArrayBuffer.isView(generator) && !(generator instanceof ArrayBuffer)) {
    throw invalidArgType('generator', kDhInputTypes, generator);
  }
  let prime;
  if (typeof sizeOrKey === 'number') {
    if (typeof generator !== 'number') throw invalidArgType('generator', 'of type number', generator);
    let generated;
    [prime, generated] = native.dhGenerateGroup(sizeOrKey, generator);
    generator = generated;
  } else {
    prime = keyBytes(sizeOrKey, 'sizeOrKey', keyEncoding);
    if (typeof generator === 'number') {
      generator = numberBytes(generator);
    } else {
      generator = keyBytes(generator, 'generator');
    }
  }
  const verifyError = native.dhCheck(prime, generator);
  attachState(this, 'DiffieHellman', { prime: minimal(prime), generator: minimal(generator), publicKey: undefined, privateKey: undefined });
  defineVerifyError(this, verifyError);
}

function numberBytes(value) {
  const bytes = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from(bytes);
}

function DiffieHellmanGroup(name) {
  if (!(this instanceof DiffieHellmanGroup)) return new DiffieHellmanGroup(name);
  const prime = typeof name === 'string' ? native.dhGroupPrime(name) : undefined;
  if (prime === undefined) throw codedError(Error, 'ERR_CRYPTO_UNKNOWN_DH_GROUP', 'Unknown DH group');
  const generator = Buffer.from([kDefaultGenerator]);
  const verifyError = native.dhCheck(prime, generator);
  attachState(this, 'DiffieHellmanGroup', { prime: Buffer.from(prime), generator, publicKey: undefined, privateKey: undefined });
  defineVerifyError(this, verifyError);
}

const dhMethods = {
  generateKeys(encoding) {
    const state = stateOf(this);
    const keys = native.dhGenerateKeys(state.prime, state.generator, state.privateKey);
    if (keys === undefined) throw operationFailed('Key generation failed');
    state.publicKey = minimal(keys[0]);
    state.privateKey = minimal(keys[1]);
    return encode(state.publicKey, encoding);
  },

  computeSecret(key, inputEncoding, outputEncoding) {
    const state = stateOf(this);
    const peer = keyBytes(key, 'key', inputEncoding);
    // Without a private key node's secret is the prime's size of zeros.
    if (state.privateKey === undefined) return encode(Buffer.alloc(state.prime.length), outputEncoding);
    const secret = native.dhComputeSecret(state.prime, state.generator, state.privateKey, peer);
    if (typeof secret === 'number') {
      if (secret > 0 && secret & 1) throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Supplied key is too small');
      if (secret > 0 && secret & 2) throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Supplied key is too large');
      throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYTYPE', 'Unspecified validation error');
    }
    return encode(secret, outputEncoding);
  },

  getPrime(encoding) {
    return encode(stateOf(this).prime, encoding);
  },

  getGenerator(encoding) {
    return encode(stateOf(this).generator, encoding);
  },

  getPublicKey(encoding) {
    const key = stateOf(this).publicKey;
    if (key === undefined) throw codedError(Error, 'ERR_CRYPTO_INVALID_STATE', 'No public key - did you forget to generate one?');
    return encode(key, encoding);
  },

  getPrivateKey(encoding) {
    const key = stateOf(this).privateKey;
    if (key === undefined) throw codedError(Error, 'ERR_CRYPTO_INVALID_STATE', 'No private key - did you forget to generate one?');
    return encode(key, encoding);
  },
};

function defineMethods(prototype, methods) {
  for (const [name, method] of Object.entries(methods)) {
    Object.defineProperty(prototype, name, { value: method, writable: true, enumerable: true, configurable: true });
  }
}

defineMethods(DiffieHellmanGroup.prototype, dhMethods);
defineMethods(DiffieHellman.prototype, {
  ...dhMethods,
  setPublicKey(key, encoding) {
    stateOf(this).publicKey = minimal(keyBytes(key, 'key', encoding));
    return this;
  },
  setPrivateKey(key, encoding) {
    stateOf(this).privateKey = minimal(keyBytes(key, 'key', encoding));
    return this;
  },
});

function pointFormat(format) {
  if (format) {
    if (format === 'compressed') return kCompressed;
    if (format === 'hybrid') return kHybrid;
    if (format !== 'uncompressed') throw codedError(TypeError, 'ERR_CRYPTO_ECDH_INVALID_FORMAT', `Invalid ECDH format: ${format}`);
  }
  return kUncompressed;
}

const invalidCurve = () => codedError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
const notAPoint = () => operationFailed('Failed to convert Buffer to EC_POINT');

function ECDH(curve) {
  if (!(this instanceof ECDH)) return new ECDH(curve);
  validateString(curve, 'curve');
  if (!native.ecdhCurve(curve)) throw invalidCurve();
  attachState(this, 'ECDH', { curve, publicKey: undefined, privateKey: undefined });
}

let warnedSetPublicKey = false;
defineMethods(ECDH.prototype, {
  computeSecret(key, inputEncoding, outputEncoding) {
    const state = stateOf(this);
    const peer = keyBytes(key, 'key', inputEncoding);
    if (state.privateKey === undefined) throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYPAIR', 'Invalid key pair');
    const secret = native.ecdhComputeSecret(state.curve, state.privateKey, peer);
    if (secret === undefined) {
      throw codedError(Error, 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY', 'Public key is not valid for specified curve');
    }
    return encode(secret, outputEncoding);
  },

  setPrivateKey(key, encoding) {
    const state = stateOf(this);
    const privateKey = keyBytes(key, 'key', encoding);
    const publicKey = native.ecdhPublicOf(state.curve, privateKey);
    if (publicKey === undefined) {
      throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYTYPE', 'Private key is not valid for specified curve.');
    }
    state.privateKey = minimal(privateKey);
    state.publicKey = Buffer.from(publicKey);
    return this;
  },

  setPublicKey(key, encoding) {
    if (!warnedSetPublicKey) {
      warnedSetPublicKey = true;
      process.emitWarning('ecdh.setPublicKey() is deprecated.', 'DeprecationWarning', 'DEP0031');
    }
    const state = stateOf(this);
    const point = native.ecdhConvert(state.curve, keyBytes(key, 'key', encoding), kUncompressed);
    if (point === undefined) throw notAPoint();
    state.publicKey = Buffer.from(point);
    return this;
  },

  getPrivateKey(encoding) {
    const key = stateOf(this).privateKey;
    if (key === undefined) throw operationFailed('Failed to get ECDH private key');
    return encode(key, encoding);
  },

  generateKeys(encoding, format) {
    const state = stateOf(this);
    const [privateKey, publicKey] = native.ecdhGenerateKeys(state.curve);
    state.privateKey = minimal(privateKey);
    state.publicKey = Buffer.from(publicKey);
    return this.getPublicKey(encoding, format);
  },

  getPublicKey(encoding, format) {
    const state = stateOf(this);
    const form = pointFormat(format);
    if (state.publicKey === undefined) throw operationFailed('Failed to get ECDH public key');
    const point = form === kUncompressed ? state.publicKey : native.ecdhConvert(state.curve, state.publicKey, form);
    return encode(point, encoding);
  },
});

ECDH.convertKey = function convertKey(key, curve, inputEncoding, outputEncoding, format) {
  validateString(curve, 'curve');
  const bytes = keyBytes(key, 'key', inputEncoding);
  const form = pointFormat(format);
  if (!native.ecdhCurve(curve)) throw invalidCurve();
  const point = native.ecdhConvert(curve, bytes, form);
  if (point === undefined) throw notAPoint();
  return encode(point, outputEncoding);
};

// ---- crypto.diffieHellman ----

const kAgreementTypes = ['dh', 'ec', 'x25519', 'x448'];

// A private (or, unless isPrivate, public) key argument as a KeyObject: a KeyObject, a
// CryptoKey's, or what createPrivateKey/createPublicKey take.
function agreementKey(value, name, isPrivate) {
  if (isKeyObject(value)) {
    const { type } = keySlotsOf(value);
    if (type === 'secret' || (isPrivate && type !== 'private')) {
      throw codedError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE',
        `Invalid key object type ${type}, expected ${isPrivate ? 'private' : 'private or public'}.`);
    }
    return value;
  }
  const keyObject = require('internal/crypto/webcrypto').keyObjectOf(value);
  if (keyObject !== undefined) return agreementKey(keyObject, name, isPrivate);
  if (typeof value !== 'string' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer) &&
      (value === null || typeof value !== 'object')) {
    throw invalidArgType(name,
      'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', value);
  }
  return isPrivate ? createPrivateKey(value, name) : createPublicKey(value, name);
}

function diffieHellman(options, callback) {
  validateObject(options, 'options');
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (options.privateKey === undefined) throw invalidArgValue('options.privateKey', undefined);
  const privateKey = agreementKey(options.privateKey, 'options.privateKey', true);
  if (options.publicKey === undefined) throw invalidArgValue('options.publicKey', undefined);
  const publicKey = agreementKey(options.publicKey, 'options.publicKey', false);
  // The keys' own types, not their (overridable) asymmetricKeyType getters.
  const privateType = native.keyInfo(privateKey[kKeyId])[0];
  const publicType = native.keyInfo(publicKey[kKeyId])[0];
  if (privateType !== publicType || !kAgreementTypes.includes(privateType)) {
    throw codedError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY',
      `Incompatible key types for Diffie-Hellman: ${privateType} and ${publicType}`);
  }
  if (callback === undefined) return encode(native.diffieHellmanKeys(privateKey[kKeyId], publicKey[kKeyId]));
  native.diffieHellmanKeys(privateKey[kKeyId], publicKey[kKeyId], startJob('DHBitsJob', (error, secret) => {
    if (error !== undefined) callback(error);
    else callback(null, encode(secret));
  }));
  return undefined;
}

function setup(internals) {
  ({ native, kKeyId, createPrivateKey, createPublicKey, startJob } = internals);
}

const getDiffieHellman = (name) => new DiffieHellmanGroup(name);

module.exports = {
  DiffieHellman, DiffieHellmanGroup, ECDH, diffieHellman, agreementKey, setup,
  createDiffieHellman: (sizeOrKey, keyEncoding, generator, genEncoding) =>
    new DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding),
  getDiffieHellman,
  createDiffieHellmanGroup: getDiffieHellman,
  createECDH: (curve) => new ECDH(curve),
};
