'use strict';
// crypto on OpenSSL (the native half is host/src/runtime/crypto/): hashes and HMACs with
// OpenSSL's digest names (XOF output lengths for SHAKE), crypto.hash, PBKDF2, scrypt and HKDF
// (async forms off the JS thread), ciphers (Cipheriv/Decipheriv with the AEAD modes),
// getCiphers/getCipherInfo/getCurves, secret KeyObjects, random bytes, integers and UUIDs,
// getRandomValues, timingSafeEqual and crypto.constants; asymmetric KeyObjects (PEM/DER import
// and export), key pair generation, signatures and RSA public-key encryption (publicEncrypt
// and co.); X509Certificate (internal/crypto/x509.js); with node's errors. JWK for asymmetric
// keys are not implemented; Diffie-Hellman and ECDH are internal/crypto/diffiehellman. Web Crypto is internal/crypto/webcrypto.

const { Buffer } = require('buffer');
const { Transform } = require('stream');
const {
  codedError, invalidArgType, invalidArgValue, outOfRange, validateFunction, validateInteger, validateObject, validateString,
} = require('internal/errors');
const { DOMException } = require('internal/web');
const { initAsyncResource, runAsResource, destroyResource } = require('internal/async_hooks');

const native = binding.crypto();
const isView = ArrayBuffer.isView;
const isAnyArrayBuffer = (value) => value instanceof ArrayBuffer ||
  (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer);
const kMaxLength = 2 ** 31 - 1;

// ---- async jobs: natives run them off the JS thread and report to cryptoJobDone ----
// Each job is an async resource as node's: an instance of its job class (PBKDF2Job, ...) of
// that class's provider type.
const kJobTypes = {
  PBKDF2Job: 'PBKDF2REQUEST', ScryptJob: 'SCRYPTREQUEST', HKDFJob: 'DERIVEBITSREQUEST', DHBitsJob: 'DERIVEBITSREQUEST',
  SecretKeyGenJob: 'KEYGENREQUEST', RsaKeyPairGenJob: 'KEYPAIRGENREQUEST', DsaKeyPairGenJob: 'KEYPAIRGENREQUEST',
  EcKeyPairGenJob: 'KEYPAIRGENREQUEST', NidKeyPairGenJob: 'KEYPAIRGENREQUEST', DhKeyPairGenJob: 'KEYPAIRGENREQUEST',
  CheckPrimeJob: 'CHECKPRIMEREQUEST', RandomPrimeJob: 'RANDOMPRIMEREQUEST', RandomBytesJob: 'RANDOMBYTESREQUEST',
  AESCipherJob: 'CIPHERREQUEST', RSACipherJob: 'CIPHERREQUEST', HmacJob: 'SIGNREQUEST', KmacJob: 'SIGNREQUEST',
  SignJob: 'SIGNREQUEST', HashJob: 'HASHREQUEST', KEMEncapsulateJob: 'DERIVEBITSREQUEST',
  KEMDecapsulateJob: 'DERIVEBITSREQUEST',
};
const jobClasses = new Map();
function jobClass(name) {
  let jobClass = jobClasses.get(name);
  if (jobClass === undefined) {
    jobClass = { [name]: class { constructor(done) { this.done = done; } } }[name];
    jobClasses.set(name, jobClass);
  }
  return jobClass;
}
// The key pair job class for a key type.
function keyPairJob(type) {
  if (type === 'rsa' || type === 'rsa-pss') return 'RsaKeyPairGenJob';
  if (type === 'dsa') return 'DsaKeyPairGenJob';
  if (type === 'ec') return 'EcKeyPairGenJob';
  if (type === 'dh') return 'DhKeyPairGenJob';
  return 'NidKeyPairGenJob';
}
const pendingJobs = new Map();
let nextJob = 1;
internals.cryptoJobDone = function (request, error, bytes) {
  const job = pendingJobs.get(request);
  pendingJobs.delete(request);
  try {
    runAsResource(job, job.done, undefined, [error, bytes]);
  } finally {
    destroyResource(job);
  }
};
function startJob(name, done) {
  const request = nextJob++;
  const job = new (jobClass(name))(done);
  initAsyncResource(job, kJobTypes[name]);
  pendingJobs.set(request, job);
  return request;
}

// Node's names for what a function accepts.
const kBinaryTypes = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';
const kDataTypes = 'of type string or an instance of Buffer, TypedArray, or DataView';

function checkHexLength(data, encoding) {
  if (encoding === 'hex' && data.length % 2 !== 0) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The argument 'encoding' is invalid for data of length ${data.length}. Received 'hex'`);
  }
}

function toBytes(data, encoding, name) {
  if (typeof data === 'string') {
    checkHexLength(data, encoding);
    return Buffer.from(data, encoding);
  }
  if (isView(data)) return data;
  throw invalidArgType(name, kDataTypes, data);
}

// A string (in `encoding`), ArrayBuffer or view as a view.
function binaryArgument(value, name, encoding) {
  if (typeof value === 'string') return Buffer.from(value, encoding);
  if (isView(value)) return value;
  if (isAnyArrayBuffer(value)) return new Uint8Array(value);
  throw invalidArgType(name, kBinaryTypes, value);
}

function output(bytes, encoding) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding === undefined || encoding === 'buffer' ? buffer : buffer.toString(encoding);
}

function toArrayBuffer(bytes) {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

const digestInfo = (name) => native.digestInfo(name);

// ---- hashes and HMACs ----

// A digest's native state is freed when it is taken, else when its object is collected.
const hashStates = new FinalizationRegistry((id) => native.hashFree(id));
const finalized = () => codedError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');

// A Transform whose stream state is made when first used, as node's LazyTransform.
function LazyTransform(options) {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
Object.setPrototypeOf(LazyTransform, Transform);
for (const name of ['_readableState', '_writableState']) {
  Object.defineProperty(LazyTransform.prototype, name, {
    get() {
      Transform.call(this, this._options);
      return this[name];
    },
    set(value) {
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true,
  });
}

const kState = Symbol('kState');

function hashTransform(prototype) {
  prototype._transform = function _transform(chunk, encoding, callback) {
    this.update(chunk, encoding);
    callback();
  };
  prototype._flush = function _flush(callback) {
    this.push(this.digest());
    callback();
  };
}

let warnedShake = false;
function outputLengthOption(options) {
  const length = options !== null && typeof options === 'object' ? options.outputLength : undefined;
  if (length !== undefined) validateInteger(length, 'options.outputLength', 0, 2 ** 32 - 1);
  return length;
}

function warnDefaultShakeLength(algorithm, length) {
  if (length === undefined && !warnedShake && internals.getOptionValue('--pending-deprecation') &&
      /^shake(128|256)$/i.test(algorithm)) {
    warnedShake = true;
    process.emitWarning('Creating SHAKE128/256 digests without an explicit options.outputLength is deprecated.',
      'DeprecationWarning', 'DEP0198');
  }
}

function Hash(algorithm, options) {
  if (!(this instanceof Hash)) return new Hash(algorithm, options);
  const outputLength = outputLengthOption(options);
  let id;
  if (algorithm instanceof Hash) {
    id = native.hashCopy(algorithm[kState].id, outputLength);
  } else {
    validateString(algorithm, 'algorithm');
    warnDefaultShakeLength(algorithm, outputLength);
    id = native.hashNew(algorithm, undefined, outputLength);
  }
  if (id < 0) throw new Error('Digest method not supported');
  this[kState] = { id, done: false };
  hashStates.register(this, id, this[kState]);
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);
hashTransform(Hash.prototype);

Hash.prototype.update = function update(data, encoding) {
  const state = this[kState];
  if (state.done) throw finalized();
  if (!native.hashUpdate(state.id, toBytes(data, encoding, 'data'))) throw new Error('Failed to update digest');
  return this;
};

// The digest's bytes, computed once: a stream's flush takes them without finishing the Hash,
// so digest() still answers (once) afterwards, as node's handle keeps its result.
function hashResult(state) {
  if (state.result === undefined) {
    state.result = native.hashDigest(state.id);
    hashStates.unregister(state);
  }
  return state.result;
}

Hash.prototype.digest = function digest(encoding) {
  const state = this[kState];
  if (state.done) throw finalized();
  state.done = true;
  return output(hashResult(state), encoding);
};

Hash.prototype._flush = function _flush(callback) {
  this.push(Buffer.from(hashResult(this[kState])));
  callback();
};

Hash.prototype.copy = function copy(options) {
  if (this[kState].done) throw finalized();
  return new Hash(this, options);
};

function Hmac(algorithm, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(algorithm, key, options);
  validateString(algorithm, 'hmac');
  const bytes = secretKeyBytes(key, options?.encoding, 'key');
  const id = native.hashNew(algorithm, bytes);
  if (id < 0) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${algorithm}`);
  this[kState] = { id, done: false };
  hashStates.register(this, id, this[kState]);
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);
hashTransform(Hmac.prototype);

Hmac.prototype.update = Hash.prototype.update;

// A second digest gives an empty result, as node's.
Hmac.prototype.digest = function digest(encoding) {
  const state = this[kState];
  if (state.done) return output(new Uint8Array(0), encoding);
  state.done = true;
  hashStates.unregister(state);
  return output(native.hashDigest(state.id), encoding);
};

// crypto.hash(algorithm, data[, options]): options is an output encoding or
// { outputEncoding, outputLength }.
function hash(algorithm, data, options) {
  validateString(algorithm, 'algorithm');
  if (typeof data !== 'string' && !isView(data)) throw invalidArgType('data', kDataTypes, data);
  let outputEncoding = 'hex';
  let outputLength;
  if (typeof options === 'string') {
    outputEncoding = options;
  } else if (options !== undefined) {
    validateObject(options, 'options');
    if (options.outputEncoding !== undefined) outputEncoding = options.outputEncoding;
    outputLength = outputLengthOption(options);
  }
  if (outputEncoding !== 'buffer' && !Buffer.isEncoding(outputEncoding)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The property 'options.outputEncoding' is invalid. Received ${require('internal/inspect').inspect(outputEncoding)}`);
  }
  warnDefaultShakeLength(algorithm, outputLength);
  const info = digestInfo(algorithm);
  if (info === undefined) throw new Error(`Digest method ${algorithm} is not supported`);
  if (outputLength !== undefined && !info[1] && outputLength !== info[0]) {
    throw new Error(`Output length ${outputLength} is invalid for ${algorithm}, which does not support XOF`);
  }
  const bytes = native.hashOneShot(algorithm, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, outputLength);
  if (bytes === undefined) throw new Error(`Digest method ${algorithm} is not supported`);
  return output(bytes, outputEncoding);
}

// Names listed once per lower-cased spelling, sorted (node's filterDuplicateStrings).
function uniqueSorted(names, lower) {
  const byLower = new Map();
  for (const name of names) byLower.set(name.toLowerCase(), lower ? name.toLowerCase() : name);
  return [...byLower.values()].sort();
}
let hashNames;
const getHashes = () => [...(hashNames ??= uniqueSorted(native.hashNames(), false))];

// ---- key derivation ----

function checkDigest(digest) {
  if (digestInfo(digest) === undefined) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
}

// Runs a native derivation now (callback undefined) or as a job calling back with a Buffer
// (or an ArrayBuffer for `arrayBuffer`).
function deriveWith(run, callback, jobName, arrayBuffer) {
  const shape = (bytes) => (arrayBuffer ? toArrayBuffer(bytes) : output(bytes));
  if (callback === undefined) return shape(run(undefined));
  run(startJob(jobName, (error, bytes) => {
    if (error !== undefined) callback(error);
    else callback(null, shape(bytes));
  }));
  return undefined;
}

function pbkdf2Arguments(password, salt, iterations, keylen, digest) {
  validateString(digest, 'digest');
  const passwordBytes = binaryArgument(password, 'password');
  const saltBytes = binaryArgument(salt, 'salt');
  validateInteger(iterations, 'iterations', 1, kMaxLength);
  validateInteger(keylen, 'keylen', 0, kMaxLength);
  checkDigest(digest);
  return (request) => native.pbkdf2(passwordBytes, saltBytes, iterations, keylen, digest, request);
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  return deriveWith(pbkdf2Arguments(password, salt, iterations, keylen, digest));
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  const run = pbkdf2Arguments(password, salt, iterations, keylen, digest);
  validateFunction(callback, 'callback');
  deriveWith(run, callback, 'PBKDF2Job');
}

const scryptDefaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };
function scryptArguments(password, salt, keylen, options) {
  const passwordBytes = binaryArgument(password, 'password');
  const saltBytes = binaryArgument(salt, 'salt');
  validateInteger(keylen, 'keylen', 0, kMaxLength);
  let { N, r, p, maxmem } = scryptDefaults;
  if (options && options !== scryptDefaults) {
    // Each option is read once, so what is validated is what is used.
    const given = {};
    for (const name of ['N', 'cost', 'r', 'blockSize', 'p', 'parallelization', 'maxmem']) given[name] = options[name];
    const pick = (name, alias, fallback) => {
      if (given[name] !== undefined && given[alias] !== undefined) {
        throw codedError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', `Option "${name}" cannot be used in combination with option "${alias}"`);
      }
      const which = given[name] !== undefined ? name : alias;
      const value = given[which];
      if (value === undefined) return fallback;
      validateInteger(value, which, 0, 2 ** 32 - 1);
      return value || fallback;
    };
    N = pick('N', 'cost', N);
    r = pick('r', 'blockSize', r);
    p = pick('p', 'parallelization', p);
    if (given.maxmem !== undefined) {
      validateInteger(given.maxmem, 'maxmem', 0);
      maxmem = given.maxmem || maxmem;
    }
  }
  const problem = native.scrypt(undefined, undefined, keylen, N, r, p, maxmem);
  if (problem !== undefined) {
    throw codedError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', problem ? `Invalid scrypt params: ${problem}` : 'Invalid scrypt params');
  }
  return (request) => native.scrypt(passwordBytes, saltBytes, keylen, N, r, p, maxmem, request);
}

// Argon2 needs OpenSSL 3.2; with this OpenSSL both forms refuse, as node's do.
const argon2Unsupported = () => codedError(Error, 'ERR_CRYPTO_ARGON2_NOT_SUPPORTED', 'Argon2 algorithm not supported');
function argon2() {
  throw argon2Unsupported();
}
function argon2Sync() {
  throw argon2Unsupported();
}

function scryptSync(password, salt, keylen, options = scryptDefaults) {
  return deriveWith(scryptArguments(password, salt, keylen, options));
}

function scrypt(password, salt, keylen, options, callback = scryptDefaults) {
  if (callback === scryptDefaults) {
    callback = options;
    options = scryptDefaults;
  }
  const run = scryptArguments(password, salt, keylen, options);
  validateFunction(callback, 'callback');
  deriveWith(run, callback, 'ScryptJob');
}

function hkdfArguments(digest, ikm, salt, info, length) {
  validateString(digest, 'digest');
  let key;
  if (isKeyObject(ikm)) {
    if (ikm[kKeyType] !== 'secret') {
      throw codedError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${ikm[kKeyType]}, expected secret.`);
    }
    key = ikm[kKeyBytes];
  } else if (typeof ikm === 'string' || isView(ikm) || isAnyArrayBuffer(ikm)) {
    key = binaryArgument(ikm, 'ikm');
  } else {
    throw invalidArgType('ikm', 'of type string or an instance of SecretKeyObject, ArrayBuffer, TypedArray, DataView, or Buffer', ikm);
  }
  const saltBytes = binaryArgument(salt, 'salt');
  const infoBytes = binaryArgument(info, 'info');
  validateInteger(length, 'length', 0, kMaxLength);
  if (infoBytes.byteLength > 1024) {
    throw outOfRange('info', 'must not contain more than 1024 bytes', infoBytes.byteLength);
  }
  const info_ = digestInfo(digest);
  if (info_ === undefined) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
  if (length > info_[0] * 255) throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
  return (request) => native.hkdf(digest, key, saltBytes, infoBytes, length, request);
}

function hkdfSync(digest, ikm, salt, info, length) {
  return deriveWith(hkdfArguments(digest, ikm, salt, info, length), undefined, undefined, true);
}

function hkdf(digest, ikm, salt, info, length, callback) {
  const run = hkdfArguments(digest, ikm, salt, info, length);
  validateFunction(callback, 'callback');
  deriveWith(run, callback, 'HKDFJob', true);
}

// ---- secret keys ----

const { keySlots, keySlotsOf, isKeyObject, keyObjectsEqual, setKeyObjectRestorer } = require('internal/crypto/keyslots');
const { kClone, markTransferMode } = require('internal/worker/js_transferable');
const kKeyBytes = Symbol('kKeyBytes');
const kKeyType = Symbol('kKeyType');
const kKeyId = Symbol('kKeyId');

class KeyObject {
  constructor(type, bytes) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' is invalid. Received ${require('internal/inspect').inspect(type)}`);
    }
    keySlots.set(this, { type, bytes, id: undefined });
    markTransferMode(this, true, false);
  }

  get type() {
    return keySlotsOf(this).type;
  }

  // A new KeyObject holding a CryptoKey's key.
  static from(key) {
    const keyObject = web.keyObjectOf(key);
    if (keyObject === undefined) throw invalidArgType('key', 'an instance of CryptoKey', key);
    if (keyObject[kKeyType] === 'secret') return createSecretKey(keyObject[kKeyBytes]);
    if (keyObject[kKeyType] === 'public') return new PublicKeyObject(native.keyPublic(keyObject[kKeyId]));
    const pkcs8 = native.keyExport(keyObject[kKeyId], 'der', 'pkcs8');
    return new PrivateKeyObject(native.keyImport(pkcs8, 'der', 'pkcs8', true));
  }

  toCryptoKey(algorithm, extractable, keyUsages) {
    return web.toCryptoKey(this, algorithm, extractable, keyUsages);
  }

  equals(otherKeyObject) {
    if (!(isKeyObject(otherKeyObject))) {
      throw invalidArgType('otherKeyObject', 'an instance of KeyObject', otherKeyObject);
    }
    return keyObjectsEqual(this, otherKeyObject);
  }
}

// The internals' names for a key's slots (a real KeyObject's, else ERR_INVALID_THIS).
Object.defineProperties(KeyObject.prototype, {
  [kKeyType]: { get() { return keySlotsOf(this).type; } },
  [kKeyBytes]: { get() { return keySlotsOf(this).bytes; } },
  [kKeyId]: { get() { return keySlotsOf(this).id; } },
  // A copy in a message: the secret's bytes, or the asymmetric key's DER (spki or pkcs8).
  [kClone]: {
    value() {
      const { type, bytes, id } = keySlotsOf(this);
      const material = type === 'secret' ? new Uint8Array(bytes) : native.keyExport(id, 'der', type === 'private' ? 'pkcs8' : 'spki');
      return { data: { type, material }, deserializeInfo: 'internal/crypto/keyslots:ClonedKeyObject' };
    },
  },
});

class SecretKeyObject extends KeyObject {
  constructor(bytes) {
    super('secret', bytes);
  }

  get symmetricKeySize() {
    return keySlotsOf(this, 'secret').bytes.byteLength;
  }

  export(options) {
    if (options !== undefined) {
      validateObject(options, 'options');
      if (options.format === 'jwk') return { kty: 'oct', k: Buffer.from(this[kKeyBytes]).toString('base64url') };
      if (options.format !== undefined && options.format !== 'buffer') {
        throw invalidArgValue('options.format', options.format, "must be one of: undefined, 'buffer', 'jwk'");
      }
    }
    return Buffer.from(this[kKeyBytes]);
  }
}

function createSecretKey(key, encoding) {
  if (typeof key === 'string') key = Buffer.from(key, encoding);
  else if (isAnyArrayBuffer(key)) key = new Uint8Array(key);
  else if (!isView(key)) {
    throw invalidArgType('key', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', key);
  }
  const bytes = new Uint8Array(key.byteLength);
  bytes.set(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
  return new SecretKeyObject(bytes);
}

// A CryptoKey's KeyObject where node still takes a CryptoKey (deprecated, DEP0203), else undefined.
let warnedCryptoKey = false;
function cryptoKeyObject(value) {
  const keyObject = web.keyObjectOf(value);
  if (keyObject !== undefined && !warnedCryptoKey) {
    warnedCryptoKey = true;
    process.emitWarning('Passing a CryptoKey to node:crypto functions is deprecated.', 'DeprecationWarning', 'DEP0203');
  }
  return keyObject;
}

// A symmetric key argument (string, buffer, secret KeyObject, CryptoKey) as a view.
function secretKeyBytes(key, encoding, name) {
  key = cryptoKeyObject(key) ?? key;
  if (isKeyObject(key)) {
    if (key[kKeyType] !== 'secret') {
      throw codedError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key[kKeyType]}, expected secret.`);
    }
    return key[kKeyBytes];
  }
  if (typeof key === 'string') return Buffer.from(key, encoding);
  if (isView(key)) return key;
  if (isAnyArrayBuffer(key)) return new Uint8Array(key);
  throw invalidArgType(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
}

// ---- ciphers ----

const cipherStates = new FinalizationRegistry((id) => native.cipherFree(id));
const invalidState = (operation) => codedError(Error, 'ERR_CRYPTO_INVALID_STATE',
  operation === undefined ? 'Invalid state' : `Invalid state for operation ${operation}`);

function bufferOption(value, name, encoding) {
  if (typeof value === 'string') {
    checkHexLength(value, encoding);
    return Buffer.from(value, encoding);
  }
  if (isView(value)) return value;
  if (isAnyArrayBuffer(value)) return new Uint8Array(value);
  throw invalidArgType(name, kBinaryTypes, value);
}

function uintOption(options, name) {
  const value = options?.[name];
  if (value === undefined) return -1;
  if (value >>> 0 !== value) throw invalidArgValue(`options.${name}`, value);
  return value;
}

function stringOption(options, name) {
  const value = options?.[name];
  if (value !== undefined && typeof value !== 'string') throw invalidArgType(`options.${name}`, 'of type string', value);
  return value;
}

function initCipher(self, cipher, key, iv, options, encrypt) {
  validateString(cipher, 'cipher');
  const encoding = stringOption(options, 'encoding');
  const keyBytes = secretKeyBytes(key, encoding, 'key');
  const ivBytes = iv === null ? null : bufferOption(iv, 'iv');
  const authTagLength = uintOption(options, 'authTagLength');
  const id = native.cipherNew(cipher, keyBytes, ivBytes, encrypt, authTagLength);
  switch (id) {
    case -1: throw codedError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
    case -2: throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
    case -3: throw codedError(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
    case -4: throw codedError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${authTagLength}`);
    case -5: throw codedError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `authTagLength required for ${cipher}`);
    default: break;
  }
  self[kState] = { id, decoder: undefined, gcmDefaultTag: !encrypt && authTagLength === -1 && native.cipherInfo(cipher, -1, -1)?.mode === 'gcm' };
  cipherStates.register(self, id, self[kState]);
  LazyTransform.call(self, options);
}

function decoderFor(state, encoding) {
  const { StringDecoder } = require('string_decoder');
  state.decoder ??= new StringDecoder(encoding);
  return state.decoder;
}

const cipherMethods = {
  _transform(chunk, encoding, callback) {
    this.push(this.update(chunk, encoding));
    callback();
  },

  _flush(callback) {
    try {
      this.push(this.final());
    } catch (err) {
      callback(err);
      return;
    }
    callback();
  },

  update(data, inputEncoding, outputEncoding) {
    if (typeof data === 'string') {
      checkHexLength(data, inputEncoding);
      data = Buffer.from(data, inputEncoding);
    } else if (!isView(data)) {
      throw invalidArgType('data', kDataTypes, data);
    }
    const result = native.cipherUpdate(this[kState].id, data);
    if (result === -1) throw new Error('Trying to add data in unsupported state');
    if (result === -2) throw codedError(RangeError, 'ERR_CRYPTO_INVALID_MESSAGELEN', 'Invalid message length');
    const buffer = output(result);
    if (outputEncoding && outputEncoding !== 'buffer') return decoderFor(this[kState], outputEncoding).write(buffer);
    return buffer;
  },

  final(outputEncoding) {
    const state = this[kState];
    const result = native.cipherFinal(state.id);
    if (result === -1) throw invalidState();
    if (result === -2) throw new Error('Unsupported state or unable to authenticate data');
    const buffer = output(result);
    if (outputEncoding && outputEncoding !== 'buffer') return decoderFor(state, outputEncoding).end(buffer);
    return buffer;
  },

  setAutoPadding(autoPadding) {
    if (!native.cipherSetAutoPadding(this[kState].id, autoPadding === undefined ? true : !!autoPadding)) {
      throw invalidState('setAutoPadding');
    }
    return this;
  },

  setAAD(buffer, options) {
    const encoding = stringOption(options, 'encoding');
    const plaintextLength = uintOption(options, 'plaintextLength');
    const bytes = bufferOption(buffer, 'buffer', encoding);
    const result = native.cipherSetAAD(this[kState].id, bytes, plaintextLength);
    if (result === -1) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'options.plaintextLength required for CCM mode with AAD');
    if (result === -2) throw codedError(RangeError, 'ERR_CRYPTO_INVALID_MESSAGELEN', 'Invalid message length');
    if (!result) throw invalidState('setAAD');
    return this;
  },
};

function Cipheriv(cipher, key, iv, options) {
  if (!(this instanceof Cipheriv)) return new Cipheriv(cipher, key, iv, options);
  initCipher(this, cipher, key, iv, options, true);
}
Object.setPrototypeOf(Cipheriv.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Cipheriv, LazyTransform);
Object.assign(Cipheriv.prototype, cipherMethods);
Cipheriv.prototype.getAuthTag = function getAuthTag() {
  const tag = native.cipherGetAuthTag(this[kState].id);
  if (tag === undefined) throw invalidState('getAuthTag');
  return output(tag);
};

function Decipheriv(cipher, key, iv, options) {
  if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
  initCipher(this, cipher, key, iv, options, false);
}
Object.setPrototypeOf(Decipheriv.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Decipheriv, LazyTransform);
Object.assign(Decipheriv.prototype, cipherMethods);
let warnedShortTag = false;
Decipheriv.prototype.setAuthTag = function setAuthTag(tag, encoding) {
  const bytes = bufferOption(tag, 'buffer', encoding);
  const result = native.cipherSetAuthTag(this[kState].id, bytes);
  if (result === -1) {
    throw codedError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${bytes.byteLength}`);
  }
  if (!result) throw invalidState('setAuthTag');
  if (this[kState].gcmDefaultTag && bytes.byteLength < 16 && !warnedShortTag) {
    warnedShortTag = true;
    process.emitWarning('Using AES-GCM authentication tags of less than 128 bits without specifying the authTagLength ' +
      'option when initializing decryption is deprecated.', 'DeprecationWarning', 'DEP0182');
  }
  return this;
};

let cipherNames;
const getCiphers = () => [...(cipherNames ??= uniqueSorted(native.cipherNames(), false))];
let curveNames;
const getCurves = () => [...(curveNames ??= uniqueSorted(native.curveNames(), false))];

function validateInt32(value, name) {
  validateInteger(value, name, -(2 ** 31), 2 ** 31 - 1);
}

function getCipherInfo(nameOrNid, options) {
  if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') {
    throw invalidArgType('nameOrNid', 'of type string or number', nameOrNid);
  }
  if (typeof nameOrNid === 'number') validateInt32(nameOrNid, 'nameOrNid');
  let keyLength = -1;
  let ivLength = -1;
  if (options !== undefined) {
    validateObject(options, 'options');
    if (options.keyLength !== undefined) {
      validateInt32(options.keyLength, 'options.keyLength');
      keyLength = options.keyLength;
    }
    if (options.ivLength !== undefined) {
      validateInt32(options.ivLength, 'options.ivLength');
      ivLength = options.ivLength;
    }
  }
  return native.cipherInfo(nameOrNid, keyLength, ivLength);
}

// ---- asymmetric keys, key pairs and signatures ----

const keyStates = new FinalizationRegistry((id) => native.keyFree(id));

setKeyObjectRestorer((target, { type, material }) => {
  if (type === 'secret') {
    Object.setPrototypeOf(target, SecretKeyObject.prototype);
    keySlots.set(target, { type, bytes: material, id: undefined });
  } else {
    const isPrivate = type === 'private';
    const id = native.keyImport(material, 'der', isPrivate ? 'pkcs8' : 'spki', isPrivate);
    Object.setPrototypeOf(target, (isPrivate ? PrivateKeyObject : PublicKeyObject).prototype);
    keySlots.set(target, { type, bytes: undefined, id });
    keyStates.register(target, id);
  }
  markTransferMode(target, true, false);
});

class AsymmetricKeyObject extends KeyObject {
  constructor(type, id) {
    super(type, undefined);
    keySlots.get(this).id = id;
    keyStates.register(this, id);
  }

  get asymmetricKeyType() {
    return native.keyInfo(keySlotsOf(this, 'asymmetric').id)[0];
  }

  get asymmetricKeyDetails() {
    const [type, , details] = native.keyInfo(keySlotsOf(this, 'asymmetric').id);
    return type === 'rsa' || type === 'rsa-pss' || type === 'ec' || type === 'dsa' ? { ...details } : {};
  }

  export(options) {
    if (options !== null && typeof options === 'object' && options.format === 'jwk') return exportJwk(this);
    const isPrivate = this[kKeyType] === 'private';
    const keyType = native.keyInfo(this[kKeyId])[0];
    if (options !== null && typeof options === 'object' && kRawFormats.includes(options.format)) {
      const { compressed } = rawKeyEncoding(options, isPrivate, keyType, 'options');
      return output(native.keyToRaw(this[kKeyId], isPrivate, compressed));
    }
    const { format, type, cipher, passphrase } = keyEncoding(options, isPrivate, keyType, 'options');
    const result = native.keyExport(this[kKeyId], format, type, cipher, passphrase);
    if (result === undefined) throw codedError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
    return typeof result === 'string' ? result : output(result);
  }
}

class PublicKeyObject extends AsymmetricKeyObject {
  constructor(id) {
    super('public', id);
  }
}

class PrivateKeyObject extends AsymmetricKeyObject {
  constructor(id) {
    super('private', id);
  }
}

const inspectValue = (value) => require('internal/inspect').inspect(value);

// ---- raw key formats: an OKP key's bytes, an EC key's point (public) or scalar (private) ----

const kRawFormats = ['raw-public', 'raw-private', 'raw-seed'];
const kRawKeyTypes = ['ec', 'ed25519', 'ed448', 'x25519', 'x448'];
// Key types that exist but have no raw form (node's others, the post-quantum ones, need OpenSSL 3.5).
const kNonRawKeyTypes = ['rsa', 'rsa-pss', 'dsa', 'dh'];
const incompatibleKeyEncoding = () =>
  codedError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding is incompatible with the key type');
const isRawFormatOf = (format, isPrivate) => (isPrivate ? format !== 'raw-public' : format === 'raw-public');

// A raw export encoding ({ format: 'raw-*', type }) checked as node does; keyType is undefined
// while a key pair is still to be generated (the pair's export checks it then).
function rawKeyEncoding(options, isPrivate, keyType, name, generatedType) {
  const { format, type } = options;
  if (!isRawFormatOf(format, isPrivate)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}.format' is invalid. Received ${inspectValue(format)}`);
  }
  if (isPrivate && options.passphrase !== undefined) {
    throw codedError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', `The selected key encoding ${format} does not support encryption.`);
  }
  const pointForm = type === undefined || type === 'compressed' || type === 'uncompressed';
  if (generatedType === 'ec' && !isPrivate && !pointForm) throw invalidArgValue(`${name}.type`, type);
  if (keyType === undefined) return { format, type };
  if (!kRawKeyTypes.includes(keyType) || format === 'raw-seed') throw incompatibleKeyEncoding();
  if (keyType === 'ec' && !isPrivate && !pointForm) {
    throw invalidArgValue(`${name}.type`, type, "must be one of: 'compressed', 'uncompressed'");
  }
  return { format, type, compressed: keyType === 'ec' && type === 'compressed' };
}

const isCurveName = (name) => getCurves().includes(name) || ['P-256', 'P-384', 'P-521', 'P-224', 'P-192'].includes(name);

// createPublicKey/createPrivateKey's { key, format: 'raw-*', asymmetricKeyType[, namedCurve] }.
function rawKeyInput(key, name, isPrivate) {
  const { format, asymmetricKeyType, namedCurve } = key;
  if (isPrivate && format === 'raw-public') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}.format' is invalid. Received ${inspectValue(format)}`);
  }
  const data = key.key;
  if (!isView(data) && !isAnyArrayBuffer(data)) {
    throw invalidArgType(`${name}.key`, 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', data);
  }
  validateString(asymmetricKeyType, `${name}.asymmetricKeyType`);
  if (!kRawKeyTypes.includes(asymmetricKeyType) && !kNonRawKeyTypes.includes(asymmetricKeyType)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `Invalid asymmetricKeyType: ${asymmetricKeyType}`);
  }
  if (asymmetricKeyType === 'ec') validateString(namedCurve, `${name}.namedCurve`);
  if (kNonRawKeyTypes.includes(asymmetricKeyType) || format === 'raw-seed') throw incompatibleKeyEncoding();
  if (asymmetricKeyType === 'ec' && !isCurveName(namedCurve)) {
    throw codedError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
  }
  return { format, raw: asymmetricKeyType === 'ec' ? namedCurve : asymmetricKeyType, data: binaryArgument(data, `${name}.key`) };
}

function importRawKey(input, isPrivate) {
  let id;
  try {
    id = native.keyFromRaw(input.raw, input.data, input.format === 'raw-private');
  } catch {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Invalid key data');
  }
  return input.format === 'raw-private' && !isPrivate ? native.keyPublic(id) : id;
}

// A key encoding ({ format, type, cipher, passphrase }) checked as node does.
function keyEncoding(options, isPrivate, keyType, name) {
  validateObject(options, name);
  const { format, type, cipher } = options;
  if (format !== 'pem' && format !== 'der') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}.format' is invalid. Received ${inspectValue(format)}`);
  }
  const types = isPrivate ? ['pkcs1', 'pkcs8', 'sec1'] : ['pkcs1', 'spki'];
  const allowed = type === undefined ? format === 'pem' && !isPrivate : types.includes(type) &&
    (type !== 'pkcs1' || keyType === 'rsa' || keyType === undefined) && (type !== 'sec1' || keyType === 'ec' || keyType === undefined);
  if (!allowed && !(type === undefined && format === 'pem')) {
    if (type !== undefined && types.includes(type)) {
      throw codedError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS',
        `The selected key encoding ${type} can only be used for ${type === 'pkcs1' ? 'RSA' : 'EC'} keys.`);
    }
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}.type' is invalid. Received ${inspectValue(type)}`);
  }
  let passphrase;
  if (isPrivate && cipher !== undefined) {
    validateString(cipher, `${name}.cipher`);
    if (format === 'der' && type !== 'pkcs8') {
      throw codedError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS',
        `The selected key encoding ${type} does not support encryption.`);
    }
    if (options.passphrase === undefined) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}.passphrase' is invalid. Received undefined`);
    }
    passphrase = binaryArgument(options.passphrase, `${name}.passphrase`, options.encoding);
  }
  return { format, type: type ?? (isPrivate ? 'pkcs8' : 'spki'), cipher: isPrivate ? cipher : undefined, passphrase };
}

const kKeyInputTypes = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';

// The key data, format, type and passphrase of createPublicKey/createPrivateKey's argument.
function keyInput(key, name = 'key', isPrivate = false) {
  if (typeof key === 'string' || isView(key) || isAnyArrayBuffer(key)) {
    return { data: binaryArgument(key, name), format: 'pem', type: '' };
  }
  if (key === null || typeof key !== 'object' || isKeyObject(key)) {
    throw invalidArgType(name, `${kKeyInputTypes}. Received ${key === null ? 'null' : typeof key}`.split('. Received')[0], key);
  }
  const { format = 'pem', type, passphrase, encoding } = key;
  if (format === 'jwk') {
    validateObject(key.key, `${name}.key`);
    return { format, jwk: key.key };
  }
  if (kRawFormats.includes(format)) return rawKeyInput(key, name, isPrivate);
  if (format !== 'pem' && format !== 'der') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}.format' is invalid. Received ${inspectValue(format)}`);
  }
  const data = key.key;
  if (typeof data !== 'string' && !isView(data) && !isAnyArrayBuffer(data)) {
    throw invalidArgType(`${name}.key`, kKeyInputTypes, data);
  }
  const types = isPrivate ? ['pkcs1', 'pkcs8', 'sec1'] : ['pkcs1', 'spki', 'pkcs8', 'sec1'];
  if ((format === 'der' && type === undefined) || (type !== undefined && !types.includes(type))) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}.type' is invalid. Received ${inspectValue(type)}`);
  }
  return {
    data: binaryArgument(data, `${name}.key`, encoding),
    format,
    type: type ?? '',
    passphrase: passphrase === undefined || passphrase === null ? undefined : binaryArgument(passphrase, `${name}.passphrase`, encoding),
  };
}

// Whether DER bytes are a PKCS#8 EncryptedPrivateKeyInfo: a SEQUENCE whose first member is a
// SEQUENCE (the encryption algorithm), where a PrivateKeyInfo starts with an INTEGER.
function isEncryptedPrivateKeyInfo(der) {
  const bytes = new Uint8Array(der.buffer, der.byteOffset, der.byteLength);
  if (bytes.length < 2 || bytes[0] !== 0x30) return false;
  const lengthBytes = bytes[1] & 0x80 ? bytes[1] & 0x7f : 0;
  return bytes[2 + lengthBytes] === 0x30;
}

function importKey(input, isPrivate) {
  if (input.format === 'jwk') return importJwk(input.jwk, isPrivate);
  if (input.raw !== undefined) return importRawKey(input, isPrivate);
  if (input.format === 'der' && input.type === 'pkcs8') {
    const encrypted = isEncryptedPrivateKeyInfo(input.data);
    if (input.passphrase === undefined && encrypted) {
      throw codedError(TypeError, 'ERR_MISSING_PASSPHRASE', 'Passphrase required for encrypted key');
    }
    // A plain PrivateKeyInfo is read as such, whatever passphrase came along (as node reads it).
    if (!encrypted) input = { ...input, passphrase: undefined };
  }
  // A public key may come from a private key's DER (pkcs8, sec1, or pkcs1 that is not public).
  if (!isPrivate && input.format === 'der' && input.type !== 'spki') {
    if (input.type === 'pkcs1') {
      try {
        return native.keyImport(input.data, input.format, input.type, false, input.passphrase);
      } catch (error) {
        try {
          return native.keyPublic(importKey(input, true));
        } catch {
          throw error;
        }
      }
    }
    return native.keyPublic(importKey(input, true));
  }
  return native.keyImport(input.data, input.format, input.type, isPrivate, input.passphrase);
}

function createPrivateKey(key) {
  return new PrivateKeyObject(importKey(keyInput(key, 'key', true), true));
}

function createPublicKey(key) {
  if (isKeyObject(key)) {
    if (key[kKeyType] !== 'private') {
      throw codedError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key[kKeyType]}, expected private.`);
    }
    return new PublicKeyObject(native.keyPublic(key[kKeyId]));
  }
  if (key !== null && typeof key === 'object' && isKeyObject(key.key)) return createPublicKey(key.key);
  return new PublicKeyObject(importKey(keyInput(key), false));
}

// ---- JWK (RFC 7517/7518/8037) for RSA, EC (P-256, secp256k1, P-384, P-521) and OKP keys ----

const invalidJwk = (message) => codedError(TypeError, 'ERR_CRYPTO_INVALID_JWK', message);
const jwkCurves = { prime256v1: 'P-256', secp256k1: 'secp256k1', secp384r1: 'P-384', secp521r1: 'P-521' };
const okpJwkNames = { ed25519: 'Ed25519', ed448: 'Ed448', x25519: 'X25519', x448: 'X448' };
const kRsaPublicFields = ['n', 'e'];
const kRsaPrivateFields = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
const base64url = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');

function exportJwk(keyObject) {
  const id = keyObject[kKeyId];
  const isPrivate = keyObject[kKeyType] === 'private';
  const [type, , details] = native.keyInfo(id);
  if (type === 'rsa') {
    const parts = native.keyComponents(id);
    const jwk = { kty: 'RSA' };
    (isPrivate ? kRsaPrivateFields : kRsaPublicFields).forEach((field, index) => {
      jwk[field] = base64url(parts[index]);
    });
    return jwk;
  }
  if (type === 'ec') {
    const crv = jwkCurves[details.namedCurve];
    if (crv === undefined) {
      throw codedError(Error, 'ERR_CRYPTO_JWK_UNSUPPORTED_CURVE', `Unsupported JWK EC curve: ${details.namedCurve}.`);
    }
    const [x, y, d] = native.keyComponents(id);
    const jwk = { kty: 'EC', x: base64url(x), y: base64url(y), crv };
    if (isPrivate) jwk.d = base64url(d);
    return jwk;
  }
  if (okpJwkNames[type] !== undefined) {
    const jwk = { crv: okpJwkNames[type] };
    if (isPrivate) jwk.d = base64url(native.keyToRaw(id, true));
    jwk.x = base64url(native.keyToRaw(id, false));
    jwk.kty = 'OKP';
    return jwk;
  }
  throw codedError(Error, 'ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE', 'Unsupported JWK Key Type.');
}

// A JWK member's bytes (base64url), or `invalid()`'s error when it is not a string.
function jwkBytes(jwk, field, invalid) {
  if (typeof jwk[field] !== 'string') throw invalid();
  return Buffer.from(jwk[field], 'base64url');
}

// The id of the key a JWK holds: the private key it has when `isPrivate`, else its public key.
function importJwk(jwk, isPrivate) {
  const { kty } = jwk;
  if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP') {
    throw invalidJwk(typeof kty === 'string' ? `${kty} is not a supported JWK key type` : 'Invalid JWK format');
  }
  const hasPrivate = jwk.d !== undefined;
  if (isPrivate && !hasPrivate) throw invalidJwk('JWK does not contain private key material');
  let id;
  if (kty === 'RSA') {
    const invalid = () => invalidJwk('Invalid JWK RSA key');
    const parts = (hasPrivate ? kRsaPrivateFields : kRsaPublicFields).map((field) => jwkBytes(jwk, field, invalid));
    id = nativeJwkKey(() => native.keyFromComponents('rsa', '', parts), invalid);
  } else if (kty === 'EC') {
    const invalid = () => invalidJwk('Invalid JWK EC key');
    validateString(jwk.crv, 'key.crv');
    const curve = Object.keys(jwkCurves).find((name) => jwkCurves[name] === jwk.crv);
    if (curve === undefined) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
    const parts = (hasPrivate ? ['x', 'y', 'd'] : ['x', 'y']).map((field) => jwkBytes(jwk, field, invalid));
    id = nativeJwkKey(() => native.keyFromComponents('ec', curve, parts), invalid);
  } else {
    const invalid = () => invalidJwk('Invalid JWK OKP key');
    const type = Object.keys(okpJwkNames).find((name) => okpJwkNames[name] === jwk.crv);
    if (type === undefined) throw invalid();
    const x = jwkBytes(jwk, 'x', invalid);
    id = nativeJwkKey(() => native.keyFromRaw(type, hasPrivate ? jwkBytes(jwk, 'd', invalid) : x, hasPrivate), invalid);
    if (hasPrivate && !Buffer.from(native.keyToRaw(id, false)).equals(x)) throw invalid();
  }
  return hasPrivate && !isPrivate ? native.keyPublic(id) : id;
}

function nativeJwkKey(make, invalid) {
  try {
    return make();
  } catch {
    throw invalid();
  }
}

const { X509Certificate, setKeyClasses } = require('internal/crypto/x509');

// ---- Certificate: Netscape SPKACs ----

// An SPKAC argument's bytes: a string (in `encoding`) or binary, at most 2^31-1 bytes.
function spkacBytes(spkac, encoding) {
  const bytes = binaryArgument(spkac, 'spkac', encoding);
  if (bytes.byteLength > 2 ** 31 - 1) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'spkac is too large');
  return bytes;
}

const spkacMethods = {
  verifySpkac(spkac, encoding) {
    const bytes = spkacBytes(spkac, encoding);
    // node answers an empty SPKAC with an empty string.
    return bytes.byteLength === 0 ? '' : native.certVerifySpkac(bytes);
  },
  exportPublicKey(spkac, encoding) {
    const pem = native.certExportPublicKey(spkacBytes(spkac, encoding));
    return pem === undefined ? '' : output(pem);
  },
  exportChallenge(spkac, encoding) {
    const challenge = native.certExportChallenge(spkacBytes(spkac, encoding));
    return challenge === undefined ? '' : output(challenge);
  },
};

// The legacy class: its methods on both the class and its instances; callable without `new`.
function Certificate() {
  if (!(this instanceof Certificate)) return new Certificate();
}
Object.assign(Certificate, {
  exportChallenge: spkacMethods.exportChallenge,
  exportPublicKey: spkacMethods.exportPublicKey,
  verifySpkac: spkacMethods.verifySpkac,
});
Object.assign(Certificate.prototype, spkacMethods);
setKeyClasses({ KeyObject, PublicKeyObject, kKeyId });

// ---- key pair generation ----

const validateUint32 = (value, name) => validateInteger(value, name, 0, 2 ** 32 - 1);
const validateInt32From = (value, name, min) => validateInteger(value, name, min, 2 ** 31 - 1);
const incompatiblePair = (a, b) => codedError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR',
  `Option "${a}" cannot be used in combination with option "${b}"`);

// The deprecated option `old` (hash, mgf1Hash) of `current`: warns, and must agree.
function deprecatedHashOption(options, old, current) {
  const value = options[old];
  if (value === undefined) return undefined;
  process.emitWarning(`"options.${old}" is deprecated, use "options.${current}" instead.`, 'DeprecationWarning', 'DEP0154');
  validateString(value, `options.${old}`);
  if (options[current] && value !== options[current]) throw invalidArgValue(`options.${old}`, value);
  return value;
}

// The native keyGenerate's arguments after the request for a type's options (node's order of
// checks).
function keyPairParameters(type, options) {
  const params = { modulusLength: 0, publicExponent: 0x10001, curve: '', divisorLength: -1, extra: [] };
  switch (type) {
    case 'rsa':
    case 'rsa-pss': {
      validateObject(options, 'options');
      validateUint32(options.modulusLength, 'options.modulusLength');
      params.modulusLength = options.modulusLength;
      if (options.publicExponent != null) {
        validateUint32(options.publicExponent, 'options.publicExponent');
        params.publicExponent = options.publicExponent;
      }
      if (type === 'rsa') return params;
      const { hashAlgorithm, mgf1HashAlgorithm, saltLength } = options;
      if (saltLength !== undefined) validateInt32From(saltLength, 'options.saltLength', 0);
      if (hashAlgorithm !== undefined) validateString(hashAlgorithm, 'options.hashAlgorithm');
      if (mgf1HashAlgorithm !== undefined) validateString(mgf1HashAlgorithm, 'options.mgf1HashAlgorithm');
      const hash = hashAlgorithm || deprecatedHashOption(options, 'hash', 'hashAlgorithm');
      const mgf1Hash = mgf1HashAlgorithm || deprecatedHashOption(options, 'mgf1Hash', 'mgf1HashAlgorithm');
      if (hash !== undefined && digestInfo(hash) === undefined) {
        throw codedError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${hash}`);
      }
      if (mgf1Hash !== undefined && digestInfo(mgf1Hash) === undefined) {
        throw codedError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid MGF1 digest: ${mgf1Hash}`);
      }
      // As node's: the hash is MGF1's too, and its size the salt's, unless they are given.
      params.extra = [hash, mgf1Hash ?? hash, saltLength ?? (hash === undefined ? undefined : digestInfo(hash)[0])];
      return params;
    }
    case 'dsa':
      validateObject(options, 'options');
      validateUint32(options.modulusLength, 'options.modulusLength');
      params.modulusLength = options.modulusLength;
      if (options.divisorLength != null) {
        validateInt32From(options.divisorLength, 'options.divisorLength', 0);
        params.divisorLength = options.divisorLength;
      }
      return params;
    case 'ec': {
      validateObject(options, 'options');
      const { namedCurve, paramEncoding } = options;
      validateString(namedCurve, 'options.namedCurve');
      if (paramEncoding != null && paramEncoding !== 'named' && paramEncoding !== 'explicit') {
        throw invalidArgValue('options.paramEncoding', paramEncoding);
      }
      if (!isCurveName(namedCurve)) {
        throw codedError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
      }
      params.curve = namedCurve;
      params.extra = [undefined, undefined, undefined, paramEncoding === 'explicit'];
      return params;
    }
    case 'ed25519':
    case 'ed448':
    case 'x25519':
    case 'x448':
      return params;
    case 'dh': {
      validateObject(options, 'options');
      const { group, primeLength, prime, generator } = options;
      if (group != null) {
        if (prime != null) throw incompatiblePair('group', 'prime');
        if (primeLength != null) throw incompatiblePair('group', 'primeLength');
        if (generator != null) throw incompatiblePair('group', 'generator');
        validateString(group, 'options.group');
        if (native.dhGroupPrime(group) === undefined) throw codedError(Error, 'ERR_CRYPTO_UNKNOWN_DH_GROUP', 'Unknown DH group');
        params.curve = group;
        return params;
      }
      if (prime != null) {
        if (primeLength != null) throw incompatiblePair('prime', 'primeLength');
        if (!isView(prime)) throw invalidArgType('options.prime', 'an instance of Buffer, TypedArray, or DataView', prime);
      } else if (primeLength != null) {
        validateInt32From(primeLength, 'options.primeLength', 0);
        params.modulusLength = primeLength;
      } else {
        throw codedError(TypeError, 'ERR_MISSING_OPTION', 'At least one of the group, prime, or primeLength options is required');
      }
      if (generator != null) validateInt32From(generator, 'options.generator', 0);
      params.extra = [undefined, undefined, undefined, false, prime ?? undefined, generator ?? 2];
      return params;
    }
    default:
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' must be a supported key type. Received ${inspectValue(type)}`);
  }
}

function keyPairArguments(type, options) {
  validateString(type, 'type');
  if (options !== undefined) validateObject(options, 'options');
  const params = keyPairParameters(type, options);
  const encodings = {};
  for (const which of ['publicKeyEncoding', 'privateKeyEncoding']) {
    const encoding = options?.[which];
    if (encoding === undefined || encoding === null) continue;
    if (typeof encoding !== 'object') throw invalidArgValue(`options.${which}`, encoding);
    if (encoding.format === 'jwk') {
      encodings[which] = { format: 'jwk' };
      continue;
    }
    if (kRawFormats.includes(encoding.format)) {
      encodings[which] = rawKeyEncoding(encoding, which === 'privateKeyEncoding', undefined, `options.${which}`, type);
      continue;
    }
    encodings[which] = keyEncoding(encoding, which === 'privateKeyEncoding', type, `options.${which}`);
  }
  const finish = ([publicId, privateId]) => {
    const publicKey = new PublicKeyObject(publicId);
    const privateKey = new PrivateKeyObject(privateId);
    return {
      publicKey: encodings.publicKeyEncoding ? publicKey.export(encodings.publicKeyEncoding) : publicKey,
      privateKey: encodings.privateKeyEncoding ? privateKey.export(encodings.privateKeyEncoding) : privateKey,
    };
  };
  const run = (request) => native.keyGenerate(type, params.modulusLength, params.publicExponent, params.curve,
    params.divisorLength, request, ...params.extra);
  return { run, finish };
}

function generateKeyPairSync(type, options) {
  const { run, finish } = keyPairArguments(type, options);
  return finish(run(undefined));
}

function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const { run, finish } = keyPairArguments(type, options);
  run(startJob(keyPairJob(type), (error, ids) => {
    if (error !== undefined) {
      callback(error);
      return;
    }
    let pair;
    try {
      pair = finish(ids);
    } catch (err) {
      callback(err);
      return;
    }
    callback(null, pair.publicKey, pair.privateKey);
  }));
}

// util.promisify(generateKeyPair) resolves to { publicKey, privateKey }.
Object.defineProperty(generateKeyPair, require('internal/util').customPromisifyArgs, {
  value: ['publicKey', 'privateKey'], enumerable: false,
});

// ---- secret key generation (generateKey/generateKeySync) ----

function secretKeyLength(type, options) {
  validateString(type, 'type');
  validateObject(options, 'options');
  const { length } = options;
  if (type === 'hmac') {
    validateInteger(length, 'options.length', 8, 2 ** 31 - 1);
  } else if (type === 'aes') {
    if (length !== 128 && length !== 192 && length !== 256) {
      throw invalidArgValue('options.length', length, 'must be one of: 128, 192, 256');
    }
  } else {
    throw invalidArgValue('type', type, 'must be a supported key type');
  }
  return Math.trunc(length / 8);
}

function randomSecretKey(bytes) {
  const key = new Uint8Array(bytes);
  native.randomFill(key);
  return createSecretKey(key);
}

function generateKeySync(type, options) {
  return randomSecretKey(secretKeyLength(type, options));
}

function generateKey(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const bytes = secretKeyLength(type, options);
  native.randomBytesJob(bytes, startJob('SecretKeyGenJob', (error, key) => {
    if (error !== undefined) callback(error);
    else callback(null, createSecretKey(key));
  }));
}

// ---- signatures ----

const kDsaEncodings = ['der', 'ieee-p1363'];

// A signing or verifying key with its options (padding, saltLength, dsaEncoding).
function signingKey(key, isPrivate, name = 'key') {
  const heldKey = (value) => cryptoKeyObject(value) ?? (isKeyObject(value) ? value : undefined);
  let keyObject = heldKey(key);
  const isOptions = keyObject === undefined && key !== null && typeof key === 'object' && !isView(key) && !isAnyArrayBuffer(key);
  // The options are checked before the key is parsed, as node's are.
  const { padding, saltLength, dsaEncoding = 'der' } = isOptions ? key : {};
  // As node's: any 32-bit integer, else ERR_INVALID_ARG_VALUE.
  if (padding !== undefined && padding !== padding >> 0) throw invalidArgValue('options.padding', padding);
  if (saltLength !== undefined && saltLength !== saltLength >> 0) throw invalidArgValue('options.saltLength', saltLength);
  if (!kDsaEncodings.includes(dsaEncoding)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'key.dsaEncoding' is invalid. Received ${inspectValue(dsaEncoding)}`);
  }
  if (keyObject === undefined && isOptions) keyObject = heldKey(key.key);
  if (keyObject === undefined) {
    const imported = importKey(keyInput(key, name, isPrivate), isPrivate);
    keyObject = isPrivate ? new PrivateKeyObject(imported) : new PublicKeyObject(imported);
  }
  if (isPrivate && keyObject[kKeyType] !== 'private') {
    throw codedError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${keyObject[kKeyType]}, expected private.`);
  }
  if (!isPrivate && keyObject[kKeyType] === 'private') keyObject = createPublicKey(keyObject);
  return { id: keyObject[kKeyId], type: keyObject.asymmetricKeyType, padding: padding ?? -1, saltLength: saltLength ?? null, p1363: dsaEncoding === 'ieee-p1363' };
}

function signatureDigest(algorithm) {
  if (algorithm === null || algorithm === undefined) return '';
  validateString(algorithm, 'algorithm');
  if (digestInfo(algorithm) === undefined) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${algorithm}`);
  return algorithm;
}

// The one-shot sign/verify's `context` option (a context string for Ed25519ctx, Ed448 and
// ML-DSA): checked as node checks it. OpenSSL 3.0 signs with no context string, so a
// non-empty one fails the operation as node's does where OpenSSL lacks them.
function signingContext(key) {
  if (key === null || typeof key !== 'object' || isKeyObject(key) || isView(key) || isAnyArrayBuffer(key)) return 0;
  const { context } = key;
  if (context === undefined) return 0;
  if (!isView(context)) throw invalidArgType('options.context', 'an instance of Buffer, TypedArray, or DataView', context);
  if (context.byteLength > 255) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'context string must be at most 255 bytes');
  return context.byteLength;
}

// The signing job's failure for a context string OpenSSL cannot take.
function contextUnsupported(callback) {
  if (callback !== undefined) return new Error('Deriving bits failed');
  return codedError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Context parameter is unsupported');
}

function oneShotSign(algorithm, data, key, callback) {
  const digest = signatureDigest(algorithm);
  const bytes = binaryArgument(data, 'data');
  if (callback !== undefined) validateFunction(callback, 'callback');
  const context = signingContext(key);
  const k = signingKey(key, true);
  return answer(callback, () => {
    if (context > 0) throw contextUnsupported(callback);
    return output(native.sign(k.id, digest, bytes, k.padding, k.saltLength, k.p1363));
  });
}

// The one-shot sign/verify's result: returned, or (with a callback) passed to it, as is its error.
function answer(callback, compute) {
  if (callback === undefined) return compute();
  let result;
  try {
    result = compute();
  } catch (error) {
    process.nextTick(callback, error);
    return undefined;
  }
  process.nextTick(callback, null, result);
  return undefined;
}

function oneShotVerify(algorithm, data, key, signature, callback) {
  const digest = signatureDigest(algorithm);
  const bytes = binaryArgument(data, 'data');
  const signatureBytes = binaryArgument(signature, 'signature');
  if (callback !== undefined) validateFunction(callback, 'callback');
  const context = signingContext(key);
  const k = signingKey(key, false);
  return answer(callback, () => {
    if (context > 0) throw contextUnsupported(callback);
    return native.verify(k.id, digest, bytes, signatureBytes, k.padding, k.saltLength, k.p1363);
  });
}

const { Writable } = require('stream');

// Sign and Verify gather the data written or updated, then sign or verify it with the digest.
function Sign(algorithm, options) {
  if (!(this instanceof Sign)) return new Sign(algorithm, options);
  validateString(algorithm, 'algorithm');
  if (digestInfo(algorithm) === undefined) throw new Error('Invalid digest');
  this[kState] = { algorithm, chunks: [] };
  Writable.call(this, options);
}
Object.setPrototypeOf(Sign.prototype, Writable.prototype);
Object.setPrototypeOf(Sign, Writable);
Sign.prototype._write = function _write(chunk, encoding, callback) {
  this.update(chunk, encoding);
  callback();
};
Sign.prototype.update = function update(data, encoding) {
  this[kState].chunks.push(Buffer.from(toBytes(data, encoding, 'data')));
  return this;
};
Sign.prototype.sign = function sign(privateKey, outputEncoding) {
  if (!privateKey) throw codedError(Error, 'ERR_CRYPTO_SIGN_KEY_REQUIRED', 'No key provided to sign');
  const k = signingKey(privateKey, true, 'privateKey');
  refuseStreamingEdDSA(k);
  const signature = native.sign(k.id, this[kState].algorithm, Buffer.concat(this[kState].chunks), k.padding, k.saltLength, k.p1363, true);
  return output(signature, outputEncoding);
};

// Ed25519 and Ed448 sign the message itself, so only the one-shot sign/verify take them.
function refuseStreamingEdDSA(key) {
  if (key.type === 'ed25519' || key.type === 'ed448') {
    throw codedError(Error, 'ERR_CRYPTO_UNSUPPORTED_OPERATION', 'Unsupported crypto operation');
  }
}

function Verify(algorithm, options) {
  if (!(this instanceof Verify)) return new Verify(algorithm, options);
  validateString(algorithm, 'algorithm');
  if (digestInfo(algorithm) === undefined) throw new Error('Invalid digest');
  this[kState] = { algorithm, chunks: [] };
  Writable.call(this, options);
}
Object.setPrototypeOf(Verify.prototype, Writable.prototype);
Object.setPrototypeOf(Verify, Writable);
Verify.prototype._write = Sign.prototype._write;
Verify.prototype.update = Sign.prototype.update;
Verify.prototype.verify = function verify(object, signature, sigEncoding) {
  let k;
  try {
    k = signingKey(object, false);
  } catch (error) {
    // node checks the signature's type before its natives parse the key.
    if (!(error instanceof TypeError)) toBytes(signature, sigEncoding, 'signature');
    throw error;
  }
  const bytes = toBytes(signature, sigEncoding, 'signature');
  refuseStreamingEdDSA(k);
  return native.verify(k.id, this[kState].algorithm, Buffer.concat(this[kState].chunks), bytes, k.padding, k.saltLength, k.p1363, true);
};

// ---- RSA public-key encryption ----

const kRsaPkcs1Padding = 1;
const kRsaOaepPadding = 4;

// A private key, else (as node's natives parse either) the public key the input holds; the
// private key's error when it is neither.
function privateOrPublicKey(input) {
  try {
    return createPrivateKey(input);
  } catch (error) {
    try {
      return createPublicKey(input);
    } catch {
      throw error;
    }
  }
}

function rsaFunction(operation, defaultPadding, isPrivate) {
  return function (options, buffer) {
    if (typeof options !== 'string' && (options === null || typeof options !== 'object')) {
      throw invalidArgType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', options);
    }
    let keyObject;
    if (isKeyObject(options)) keyObject = options;
    else if (options !== null && typeof options === 'object' && !isView(options) && !isAnyArrayBuffer(options) &&
      isKeyObject(options.key)) keyObject = options.key;
    else keyObject = isPrivate ? privateOrPublicKey(options) : createPublicKey(options);
    if (isPrivate && keyObject[kKeyType] !== 'private' && (isKeyObject(options) || isKeyObject(options.key))) {
      throw codedError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${keyObject[kKeyType]}, expected private.`);
    }
    const settings = options !== null && typeof options === 'object' && !(isKeyObject(options)) ? options : {};
    const padding = settings.padding || defaultPadding;
    const { oaepHash, encoding } = settings;
    let { oaepLabel } = settings;
    if (oaepHash !== undefined) validateString(oaepHash, 'key.oaepHash');
    if (oaepLabel !== undefined) oaepLabel = binaryArgument(oaepLabel, 'key.oaepLabel', encoding);
    buffer = binaryArgument(buffer, 'buffer', encoding);
    const result = native.rsaCipher(keyObject[kKeyId], operation, buffer, padding, oaepHash, oaepLabel);
    if (result === undefined) throw codedError(Error, 'ERR_OSSL_EVP_INVALID_DIGEST', 'Invalid digest used');
    return output(result);
  };
}

const publicEncrypt = rsaFunction('publicEncrypt', kRsaOaepPadding, false);
const publicDecrypt = rsaFunction('publicDecrypt', kRsaPkcs1Padding, false);
const privateEncrypt = rsaFunction('privateEncrypt', kRsaPkcs1Padding, true);
const privateDecrypt = rsaFunction('privateDecrypt', kRsaOaepPadding, true);

// ---- FIPS: OpenSSL's default properties asking for the FIPS provider ----
const getFips = () => native.fipsEnabled();
function setFips(enable) {
  native.setFips(!!enable);
}

// ---- OpenSSL engines: the one named (or the shared library at that path) as default ----
function setEngine(id, flags) {
  validateString(id, 'id');
  if (flags && typeof flags !== 'number') throw invalidArgType('flags', 'of type number', flags);
  flags >>>= 0;
  if (flags === 0) flags = constants.ENGINE_METHOD_ALL;
  if (binding.permission().enabled) {
    throw codedError(Error, 'ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED',
                     'Programmatic selection of OpenSSL engines is unsupported while the experimental permission model is enabled');
  }
  if (!native.setEngine(id, flags)) throw codedError(Error, 'ERR_CRYPTO_ENGINE_UNKNOWN', `Engine "${id}" was not found`);
}

// ---- the secure heap (--secure-heap, --secure-heap-min): OpenSSL's heap for secrets ----
function secureHeapUsed() {
  const option = (name, fallback) => {
    const value = internals.getOptionValue(name);
    return typeof value === 'string' && value !== '' ? Number(value) : fallback;
  };
  const total = option('--secure-heap', 0);
  const used = native.secureHeapUsed();
  return { total, used, utilization: used / total, min: option('--secure-heap-min', 2) };
}

// ---- constants ----
const defaultCoreCipherList = 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:' +
  'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:' +
  'ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:' +
  'ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:' +
  'HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA';
const defaultCipherList = internals.getOptionValue('--tls-cipher-list') || defaultCoreCipherList;
const constants = Object.freeze(Object.assign(native.constants(), {
  defaultCoreCipherList,
  TLS1_VERSION: 0x301,
  TLS1_1_VERSION: 0x302,
  TLS1_2_VERSION: 0x303,
  TLS1_3_VERSION: 0x304,
  POINT_CONVERSION_COMPRESSED: 2,
  POINT_CONVERSION_UNCOMPRESSED: 4,
  POINT_CONVERSION_HYBRID: 6,
  defaultCipherList,
}));

// ---- random ----
function validateSize(size) {
  if (typeof size !== 'number') throw invalidArgType('size', 'of type number', size);
  if (!(size >= 0 && size <= kMaxLength)) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "size" is out of range. It must be >= 0 && <= ${kMaxLength}. Received ${size}`);
  }
}

function randomBytes(size, callback) {
  validateSize(size);
  if (callback !== undefined) validateFunction(callback, 'callback');
  const buffer = Buffer.allocUnsafe(size);
  if (callback === undefined) {
    native.randomFill(buffer);
    return buffer;
  }
  fillLater(buffer, buffer, callback);
  return undefined;
}

// Fills `target` (a view of `buffer`) from a random-bytes job, then calls back with `buffer`.
function fillLater(target, buffer, callback) {
  native.randomBytesJob(target.byteLength, startJob('RandomBytesJob', (error, bytes) => {
    if (error !== undefined) return callback(error);
    target.set(bytes);
    callback(null, buffer);
  }));
}

const kMaxPossibleLength = Math.min(2 ** 32 - 1, 2 ** 31 - 1);

// Offsets and sizes count elements of a typed array (bytes of anything else).
function fillArguments(buffer, offset, size) {
  if (!isView(buffer) && !isAnyArrayBuffer(buffer)) {
    throw invalidArgType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buffer);
  }
  const bytes = isView(buffer) ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : new Uint8Array(buffer);
  const elementSize = buffer.BYTES_PER_ELEMENT || 1;
  if (typeof offset !== 'number') throw invalidArgType('offset', 'of type number', offset);
  offset *= elementSize;
  const maxLength = Math.min(bytes.length, kMaxPossibleLength);
  if (Number.isNaN(offset) || offset > maxLength || offset < 0) throw outOfRange('offset', `>= 0 && <= ${maxLength}`, offset);
  if (size === undefined) {
    size = bytes.length - offset;
  } else {
    if (typeof size !== 'number') throw invalidArgType('size', 'of type number', size);
    size *= elementSize;
    if (Number.isNaN(size) || size > kMaxPossibleLength || size < 0) {
      throw outOfRange('size', `>= 0 && <= ${kMaxPossibleLength}`, size);
    }
    if (size + offset > bytes.length) throw outOfRange('size + offset', `<= ${bytes.length}`, size + offset);
    size >>>= 0;
  }
  return bytes.subarray(offset, offset + size);
}

function randomFillSync(buffer, offset = 0, size) {
  native.randomFill(fillArguments(buffer, offset, size));
  return buffer;
}

function randomFill(buffer, offset, size, callback) {
  if (typeof offset === 'function') [callback, offset, size] = [offset, 0, undefined];
  else if (typeof size === 'function') [callback, size] = [size, undefined];
  const target = fillArguments(buffer, offset, size);
  validateFunction(callback, 'callback');
  fillLater(target, buffer, callback);
}

// Uniform integers in [min, max) by rejection sampling of 48-bit values, as node's.
const RAND_MAX = 0xFFFF_FFFF_FFFF;
function randomInt(min, max, callback) {
  const minNotSpecified = max === undefined || typeof max === 'function';
  if (minNotSpecified) [min, max, callback] = [0, min, max];
  if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
  if (max <= min) {
    throw outOfRange('max', `greater than the value of "min" (${min})`, max);
  }
  const range = max - min;
  if (!(range <= RAND_MAX)) {
    throw outOfRange(minNotSpecified ? 'max' : 'max - min', `<= ${RAND_MAX}`, range);
  }
  if (callback !== undefined) validateFunction(callback, 'callback');
  const limit = RAND_MAX - (RAND_MAX % range);
  const bytes = new Uint8Array(6);
  let value;
  do {
    native.randomFill(bytes);
    value = bytes.reduce((sum, byte) => sum * 256 + byte, 0);
  } while (value >= limit);
  const result = min + (value % range);
  if (callback === undefined) return result;
  process.nextTick(callback, null, result);
  return undefined;
}

function uuidOptions(options) {
  if (options !== undefined) {
    validateObject(options, 'options');
    if (options.disableEntropyCache !== undefined && typeof options.disableEntropyCache !== 'boolean') {
      throw invalidArgType('options.disableEntropyCache', 'of type boolean', options.disableEntropyCache);
    }
  }
}

function formatUUID(bytes) {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function randomUUID(options) {
  uuidOptions(options);
  const bytes = new Uint8Array(16);
  native.randomFill(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return formatUUID(bytes);
}

// RFC 9562 version 7: 48 bits of Unix milliseconds, then random bits.
function randomUUIDv7(options) {
  uuidOptions(options);
  const bytes = new Uint8Array(16);
  native.randomFill(bytes);
  let now = Date.now();
  for (let i = 5; i >= 0; i--) {
    bytes[i] = now % 256;
    now = Math.floor(now / 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return formatUUID(bytes);
}

// ---- primes ----

const kPrimeInputTypes = 'of type bigint or an instance of ArrayBuffer, TypedArray, Buffer, or DataView';

function unsignedBigIntBytes(value, name) {
  if (value < 0) throw outOfRange(name, '>= 0', value);
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

function primeInput(value, name) {
  if (typeof value === 'bigint') return unsignedBigIntBytes(value, name);
  if (isView(value)) return value;
  if (isAnyArrayBuffer(value)) return new Uint8Array(value);
  throw invalidArgType(name, kPrimeInputTypes, value);
}

const bigintOf = (bytes) => (bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`));

// The native run of generatePrime's options, and how its bytes are handed back.
function primeJob(size, options) {
  validateInteger(size, 'size', 1, 2 ** 31 - 1);
  validateObject(options, 'options');
  const { safe = false, bigint = false } = options;
  let { add, rem } = options;
  require('internal/errors').validateBoolean(safe, 'options.safe');
  require('internal/errors').validateBoolean(bigint, 'options.bigint');
  if (add !== undefined) add = primeInput(add, 'options.add');
  if (rem !== undefined) rem = primeInput(rem, 'options.rem');
  const run = (request) => {
    const result = native.primeGenerate(size, safe, add, rem, request);
    if (typeof result === 'string') throw codedError(RangeError, 'ERR_OUT_OF_RANGE', result);
    return result;
  };
  return { run, shape: (bytes) => (bigint ? bigintOf(bytes) : toArrayBuffer(new Uint8Array(bytes))) };
}

function generatePrimeSync(size, options = {}) {
  const { run, shape } = primeJob(size, options);
  return shape(run(undefined));
}

function generatePrime(size, options, callback) {
  validateInteger(size, 'size', 1, 2 ** 31 - 1);
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  validateFunction(callback, 'callback');
  const { run, shape } = primeJob(size, options);
  run(startJob('RandomPrimeJob', (error, bytes) => (error !== undefined ? callback(error) : callback(undefined, shape(bytes)))));
}

function primeChecks(options) {
  validateObject(options, 'options');
  const { checks = 0 } = options;
  validateInteger(checks, 'options.checks', 0, 2 ** 31 - 1);
  return checks;
}

function checkPrimeSync(candidate, options = {}) {
  candidate = primeInput(candidate, 'candidate');
  return native.primeCheck(candidate, primeChecks(options))[0] === 1;
}

function checkPrime(candidate, options = {}, callback) {
  candidate = primeInput(candidate, 'candidate');
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  validateObject(options, 'options');
  validateFunction(callback, 'callback');
  const checks = primeChecks(options);
  native.primeCheck(candidate, checks, startJob('CheckPrimeJob', (error, result) => (error !== undefined ? callback(error) : callback(undefined, result[0] === 1))));
}

const integerArrays = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  BigInt64Array, BigUint64Array];
function getRandomValues(array) {
  if (!integerArrays.some((type) => array instanceof type)) {
    throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (array.byteLength > 65536) {
    throw new DOMException(`The requested length exceeds 65,536 bytes`, 'QuotaExceededError');
  }
  native.randomFill(array);
  return array;
}

function timingSafeEqual(a, b) {
  if (!isView(a) && !(a instanceof ArrayBuffer)) throw invalidArgType('buf1', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', a);
  if (!isView(b) && !(b instanceof ArrayBuffer)) throw invalidArgType('buf2', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', b);
  const left = isView(a) ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : new Uint8Array(a);
  const right = isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
  if (left.length !== right.length) {
    throw codedError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= left[i] ^ right[i];
  return difference === 0;
}

// Web Crypto (Crypto, CryptoKey, SubtleCrypto) on this module's keys and jobs.
const web = require('internal/crypto/webcrypto');
web.init({
  native, startJob, keyPairJob, createSecretKey, PublicKeyObject, PrivateKeyObject, kKeyId, kKeyBytes, getRandomValues, randomUUID,
});
const { Crypto, crypto: webcrypto } = web;

const dh = require('internal/crypto/diffiehellman');
dh.setup({
  native, KeyObject, kKeyId, startJob,
  createPrivateKey: (key, name) => new PrivateKeyObject(importKey(keyInput(key, name, true), true)),
  createPublicKey: (key, name) => (key !== null && typeof key === 'object' && isKeyObject(key.key)
    ? createPublicKey(key.key) : new PublicKeyObject(importKey(keyInput(key, name), false))),
});

// ---- key encapsulation (KEM) ----

// A KEM operation's bytes, shaped: now (a failure is ERR_CRYPTO_OPERATION_FAILED), or to the
// callback (a failure is node's job error).
function kemResult(run, shape, operation, jobName, callback) {
  if (callback === undefined) {
    let bytes;
    try {
      bytes = run(undefined);
    } catch {
      throw codedError(Error, 'ERR_CRYPTO_OPERATION_FAILED', `Failed to perform ${operation}`);
    }
    return shape(bytes);
  }
  run(startJob(jobName, (error, bytes) => {
    if (error !== undefined) callback(new Error('Deriving bits failed'));
    else callback(null, shape(bytes));
  }));
  return undefined;
}

// The native result packs the secret's length (4 bytes), the secret, then the ciphertext.
function sharedKeyAndCiphertext(packed) {
  const bytes = output(packed);
  const sharedLength = bytes.readUInt32BE(0);
  return { sharedKey: bytes.subarray(4, 4 + sharedLength), ciphertext: bytes.subarray(4 + sharedLength) };
}

function encapsulate(key, callback) {
  const { [kKeyId]: id } = dh.agreementKey(key, 'key', false);
  if (callback !== undefined) validateFunction(callback, 'callback');
  return kemResult((request) => native.kemEncapsulate(id, request), sharedKeyAndCiphertext, 'encapsulation',
    'KEMEncapsulateJob', callback);
}

function decapsulate(key, ciphertext, callback) {
  const { [kKeyId]: id } = dh.agreementKey(key, 'key', true);
  const bytes = binaryArgument(ciphertext, 'ciphertext');
  if (callback !== undefined) validateFunction(callback, 'callback');
  return kemResult((request) => native.kemDecapsulate(id, bytes, request), output, 'decapsulation', 'KEMDecapsulateJob', callback);
}

module.exports = {
  createHash: (algorithm, options) => new Hash(algorithm, options),
  createHmac: (algorithm, key, options) => new Hmac(algorithm, key, options),
  createCipheriv: (cipher, key, iv, options) => new Cipheriv(cipher, key, iv, options),
  createDecipheriv: (cipher, key, iv, options) => new Decipheriv(cipher, key, iv, options),
  createSecretKey,
  createDiffieHellman: dh.createDiffieHellman,
  createDiffieHellmanGroup: dh.createDiffieHellmanGroup,
  createECDH: dh.createECDH,
  diffieHellman: dh.diffieHellman,
  getDiffieHellman: dh.getDiffieHellman,
  DiffieHellman: dh.DiffieHellman,
  DiffieHellmanGroup: dh.DiffieHellmanGroup,
  ECDH: dh.ECDH,
  createPublicKey,
  createPrivateKey,
  generateKeyPair,
  generateKeyPairSync,
  generateKey,
  generateKeySync,
  sign: oneShotSign,
  verify: oneShotVerify,
  createSign: (algorithm, options) => new Sign(algorithm, options),
  createVerify: (algorithm, options) => new Verify(algorithm, options),
  Sign,
  Verify,
  publicEncrypt,
  publicDecrypt,
  privateEncrypt,
  privateDecrypt,
  getHashes,
  getCiphers,
  getCipherInfo,
  getCurves,
  hash,
  pbkdf2,
  pbkdf2Sync,
  scrypt,
  scryptSync,
  argon2,
  argon2Sync,
  hkdf,
  hkdfSync,
  randomBytes,
  randomUUIDv7,
  generatePrime,
  generatePrimeSync,
  checkPrime,
  checkPrimeSync,
  getFips,
  setFips,
  setEngine,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  getRandomValues,
  timingSafeEqual,
  // Constructing them directly is deprecated (createHash/createHmac are not).
  Hash: require('util').deprecate(Hash, 'crypto.Hash constructor is deprecated.', 'DEP0179'),
  Hmac: require('util').deprecate(Hmac, 'crypto.Hmac constructor is deprecated.', 'DEP0181'),
  encapsulate,
  decapsulate,
  Certificate,
  Cipheriv,
  Decipheriv,
  KeyObject,
  X509Certificate,
  secureHeapUsed,
  constants,
  webcrypto,
  Crypto,
};
Object.defineProperty(module.exports, 'subtle', { get: () => webcrypto.subtle, enumerable: true, configurable: false });

// Old names of randomBytes, not enumerated (as node's deprecated aliases).
for (const name of ['pseudoRandomBytes', 'prng', 'rng']) {
  const value = require('internal/warning').pendingDeprecate(randomBytes, `crypto.${name} is deprecated.`, 'DEP0115');
  Object.defineProperty(module.exports, name, { value, writable: true, enumerable: false, configurable: true });
}

let warnedFips = false;
function warnFips() {
  if (!warnedFips) {
    warnedFips = true;
    process.emitWarning('The crypto.fips is deprecated. Please use crypto.getFips()', 'DeprecationWarning', 'DEP0093');
  }
}
Object.defineProperty(module.exports, 'fips', {
  get() {
    warnFips();
    return getFips();
  },
  set(value) {
    warnFips();
    setFips(value);
  },
  enumerable: false,
  configurable: true,
});
