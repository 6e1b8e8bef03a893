'use strict';
// crypto: hashes and HMACs (md5, sha1, sha2, sha3), crypto.hash, PBKDF2, random bytes,
// integers and UUIDs, getRandomValues and timingSafeEqual, with node's errors. Ciphers,
// keys, signatures and the SubtleCrypto API are not implemented.

const { Buffer } = require('buffer');
const { Transform } = require('stream');
const { codedError, invalidArgType, validateFunction, validateString } = require('internal/errors');
const { DOMException } = require('internal/web');

const hashNames = binding.hashNames();

// OpenSSL's other names for the same digests.
function digestName(algorithm) {
  const name = algorithm.toLowerCase();
  return name.startsWith('rsa-') ? name.slice(4).replace('sha512/', 'sha512-') : name;
}

const isView = ArrayBuffer.isView;

function toBytes(data, encoding, name) {
  if (typeof data === 'string') {
    if (encoding === 'hex' && data.length % 2 !== 0) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The argument 'encoding' is invalid for data of length ${data.length}. Received 'hex'`);
    }
    return Buffer.from(data, encoding);
  }
  if (isView(data)) return data;
  throw invalidArgType(name, 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

function keyBytes(key, encoding) {
  if (typeof key === 'string') return Buffer.from(key, encoding);
  if (isView(key)) return key;
  if (key instanceof ArrayBuffer || key instanceof SharedArrayBuffer) return new Uint8Array(key);
  throw invalidArgType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
}

function output(bytes, encoding) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding === undefined || encoding === 'buffer' ? buffer : buffer.toString(encoding);
}

// A digest's native state is freed when it is taken, else when its object is collected.
const states = new FinalizationRegistry((id) => binding.hashFree(id));
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
LazyTransform.prototype._transform = function (chunk, encoding, callback) {
  this.update(chunk, encoding);
  callback();
};
LazyTransform.prototype._flush = function (callback) {
  this.push(this.digest());
  callback();
};

const kState = Symbol('kState');

function Hash(algorithm, options) {
  if (!(this instanceof Hash)) return new Hash(algorithm, options);
  const id = algorithm instanceof Hash ? binding.hashCopy(algorithm[kState].id) : newState(algorithm, undefined);
  if (id < 0) throw new Error('Digest method not supported');
  this[kState] = { id, done: false };
  states.register(this, id, this[kState]);
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);

function newState(algorithm, key) {
  validateString(algorithm, 'algorithm');
  return binding.hashNew(digestName(algorithm), key);
}

Hash.prototype.update = function update(data, encoding) {
  const state = this[kState];
  if (state.done) throw finalized();
  binding.hashUpdate(state.id, toBytes(data, encoding, 'data'));
  return this;
};

Hash.prototype.digest = function digest(encoding) {
  const state = this[kState];
  if (state.done) throw finalized();
  state.done = true;
  states.unregister(state);
  return output(binding.hashDigest(state.id), encoding);
};

Hash.prototype.copy = function copy(options) {
  if (this[kState].done) throw finalized();
  return new Hash(this, options);
};

function Hmac(algorithm, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(algorithm, key, options);
  validateString(algorithm, 'hmac');
  const bytes = keyBytes(key, options?.encoding);
  const id = binding.hashNew(digestName(algorithm), bytes);
  if (id < 0) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${algorithm}`);
  this[kState] = { id, done: false };
  states.register(this, id, this[kState]);
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);

Hmac.prototype.update = Hash.prototype.update;

// A second digest gives an empty result, as node's.
Hmac.prototype.digest = function digest(encoding) {
  const state = this[kState];
  if (state.done) return output(new Uint8Array(0), encoding);
  state.done = true;
  states.unregister(state);
  return output(binding.hashDigest(state.id), encoding);
};

function hash(algorithm, data, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  if (typeof data !== 'string' && !isView(data)) throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  return new Hash(algorithm).update(data).digest(outputEncoding);
}

// ---- PBKDF2 ----
function pbkdf2Arguments(password, salt, iterations, keylen, digest) {
  validateString(digest, 'digest');
  const passwordBytes = binaryArgument(password, 'password');
  const saltBytes = binaryArgument(salt, 'salt');
  validateInteger(iterations, 'iterations', 1, 2147483647);
  validateInteger(keylen, 'keylen', 0, 2147483647);
  return [passwordBytes, saltBytes, iterations, keylen, digest];
}

function binaryArgument(value, name) {
  if (typeof value === 'string') return Buffer.from(value);
  if (isView(value)) return value;
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return new Uint8Array(value);
  throw invalidArgType(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', value);
}

function derive(passwordBytes, saltBytes, iterations, keylen, digest) {
  const key = binding.pbkdf2(passwordBytes, saltBytes, iterations, keylen, digestName(digest));
  if (key === undefined) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
  return output(key);
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  return derive(...pbkdf2Arguments(password, salt, iterations, keylen, digest));
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  const args = pbkdf2Arguments(password, salt, iterations, keylen, digest);
  validateFunction(callback, 'callback');
  setImmediate(() => {
    let key;
    try {
      key = derive(...args);
    } catch (err) {
      callback(err);
      return;
    }
    callback(null, key);
  });
}

// ---- random ----
const kMaxLength = 2 ** 31 - 1;

function validateInteger(value, name, min, max) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if (!Number.isInteger(value)) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be an integer. Received ${value}`);
  }
  if (value < min || value > max) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be >= ${min} && <= ${max}. Received ${value}`);
  }
}

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
  binding.randomFill(buffer);
  if (callback === undefined) return buffer;
  setImmediate(() => callback(null, buffer));
  return undefined;
}

function fillArguments(buffer, offset, size) {
  if (!isView(buffer) && !(buffer instanceof ArrayBuffer) && !(buffer instanceof SharedArrayBuffer)) {
    throw invalidArgType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buffer);
  }
  const bytes = isView(buffer) ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : new Uint8Array(buffer);
  validateInteger(offset, 'offset', 0, bytes.length);
  const length = size === undefined ? bytes.length - offset : size;
  validateInteger(length, 'size', 0, bytes.length - offset);
  return bytes.subarray(offset, offset + length);
}

function randomFillSync(buffer, offset = 0, size) {
  binding.randomFill(fillArguments(buffer, offset, size));
  return buffer;
}

function randomFill(buffer, offset, size, callback) {
  if (typeof offset === 'function') [callback, offset, size] = [offset, 0, undefined];
  else if (typeof size === 'function') [callback, size] = [size, undefined];
  const target = fillArguments(buffer, offset, size);
  validateFunction(callback, 'callback');
  binding.randomFill(target);
  setImmediate(() => callback(null, buffer));
}

// Uniform integers in [min, max) by rejection sampling of 48-bit values, as node's.
const RANGE_LIMIT = 2 ** 48;
function randomInt(min, max, callback) {
  if (max === undefined || typeof max === 'function') [min, max, callback] = [0, min, max];
  if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
  if (max <= min) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
  }
  const range = max - min;
  if (!(range <= RANGE_LIMIT)) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max - min" is out of range. It must be <= ${RANGE_LIMIT}. Received ${range}`);
  }
  if (callback !== undefined) validateFunction(callback, 'callback');
  const limit = RANGE_LIMIT - (RANGE_LIMIT % range);
  const bytes = new Uint8Array(6);
  let value;
  do {
    binding.randomFill(bytes);
    value = bytes.reduce((sum, byte) => sum * 256 + byte, 0);
  } while (value >= limit);
  const result = min + (value % range);
  if (callback === undefined) return result;
  process.nextTick(callback, null, result);
  return undefined;
}

function randomUUID(options) {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw invalidArgType('options', 'of type object', options);
  }
  const bytes = new Uint8Array(16);
  binding.randomFill(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Buffer.from(bytes.buffer).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
  binding.randomFill(array);
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

// The Web Crypto object, without SubtleCrypto.
class Crypto {
  getRandomValues(array) {
    return getRandomValues(array);
  }

  randomUUID() {
    return randomUUID();
  }
}
const webcrypto = Object.create(Crypto.prototype);

module.exports = {
  createHash: (algorithm, options) => new Hash(algorithm, options),
  createHmac: (algorithm, key, options) => new Hmac(algorithm, key, options),
  getHashes: () => [...hashNames],
  hash,
  pbkdf2,
  pbkdf2Sync,
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  getRandomValues,
  timingSafeEqual,
  Hash,
  Hmac,
  webcrypto,
  Crypto,
};
