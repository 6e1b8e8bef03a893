'use strict';
// buffer: Buffer as a Uint8Array subclass (node's FastBuffer), with node's encodings.

const { codedError, invalidArgType, outOfRange, validateInteger } = require('internal/errors');
const kMaxLength = 2 ** 32;
const kStringMaxLength = 2 ** 29 - 24;

class FastBuffer extends Uint8Array {
  // eslint-disable-next-line no-useless-constructor
  constructor(bufferOrLength, byteOffset, length) {
    super(bufferOrLength, byteOffset, length);
  }
}

// TypedArray.prototype.length's getter: like node, a receiver that is no typed array is a TypeError.
const typedArrayLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'length').get;

function bytesOf(buffer) {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

// DEP0005, once: for calls from outside node_modules, or from anywhere with
// --pending-deprecation.
let bufferWarned = false;
let nodeModulesChecks = 0;
function warnBufferConstructor() {
  if (bufferWarned || ++nodeModulesChecks > 10000 ||
      (!internals.getOptionValue('--pending-deprecation') && binding.isInsideNodeModules())) {
    return;
  }
  process.emitWarning('Buffer() is deprecated due to security and usability issues. Please use the Buffer.alloc(), ' +
    'Buffer.allocUnsafe(), or Buffer.from() methods instead.', 'DeprecationWarning', 'DEP0005');
  bufferWarned = true;
}

function Buffer(arg, encodingOrOffset, length) {
  warnBufferConstructor();
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw invalidArgType('string', 'of type string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
Buffer.prototype = FastBuffer.prototype;
// Views made from a buffer (subarray, map, filter) are made without Buffer() and its warning.
Object.defineProperty(Buffer, Symbol.species, {
  enumerable: false,
  configurable: true,
  get() {
    return FastBuffer;
  },
});
FastBuffer.prototype.constructor = Buffer;
Object.setPrototypeOf(Buffer, Uint8Array);
Buffer.poolSize = 8 * 1024;

const encodings = new Map([
  ['utf8', 'utf8'], ['utf-8', 'utf8'], ['hex', 'hex'], ['base64', 'base64'], ['base64url', 'base64url'],
  ['ascii', 'ascii'], ['latin1', 'latin1'], ['binary', 'latin1'], ['ucs2', 'utf16le'], ['ucs-2', 'utf16le'],
  ['utf16le', 'utf16le'], ['utf-16le', 'utf16le'],
]);

function normalizeEncoding(encoding) {
  if (encoding === undefined || encoding === null || encoding === '') return 'utf8';
  const normalized = encodings.get(`${encoding}`.toLowerCase());
  if (normalized === undefined) {
    const err = new TypeError(`Unknown encoding: ${encoding}`);
    err.code = 'ERR_UNKNOWN_ENCODING';
    throw err;
  }
  return normalized;
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Lookup = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) base64Lookup[base64Alphabet.charCodeAt(i)] = i;
base64Lookup['-'.charCodeAt(0)] = 62;
base64Lookup['_'.charCodeAt(0)] = 63;

// Bytes for a string in an encoding.
function encode(string, encoding) {
  switch (encoding) {
    case 'utf8':
      return binding.utf8Encode(string);
    case 'latin1':
    case 'ascii': {
      const out = new Uint8Array(string.length);
      for (let i = 0; i < string.length; i++) out[i] = string.charCodeAt(i) & 0xff;
      return out;
    }
    case 'utf16le': {
      const out = new Uint8Array(string.length * 2);
      for (let i = 0; i < string.length; i++) {
        const code = string.charCodeAt(i);
        out[i * 2] = code & 0xff;
        out[i * 2 + 1] = code >> 8;
      }
      return out;
    }
    case 'hex': {
      const length = string.length >>> 1;
      const out = new Uint8Array(length);
      let i = 0;
      for (; i < length; i++) {
        const byte = parseInt(string.substr(i * 2, 2), 16);
        if (Number.isNaN(byte)) break;
        out[i] = byte;
      }
      return out.subarray(0, i);
    }
    case 'base64':
    case 'base64url': {
      const out = new Uint8Array(Math.ceil(string.length * 3 / 4));
      let bits = 0, value = 0, length = 0;
      for (let i = 0; i < string.length; i++) {
        const code = string.charCodeAt(i);
        const digit = code < 256 ? base64Lookup[code] : -1;
        if (digit === -1) {
          if (string[i] === '=') break;
          continue;
        }
        value = (value << 6) | digit;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out[length++] = (value >> bits) & 0xff;
        }
      }
      return out.subarray(0, length);
    }
  }
  return binding.utf8Encode(string);
}

// A string from bytes in an encoding.
function decode(bytes, encoding) {
  switch (encoding) {
    case 'utf8':
      return binding.utf8Decode(bytes, false, true);
    case 'latin1': {
      let out = '';
      for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
      return out;
    }
    case 'ascii': {
      let out = '';
      for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i] & 0x7f);
      return out;
    }
    case 'utf16le': {
      let out = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
      return out;
    }
    case 'hex': {
      let out = '';
      for (let i = 0; i < bytes.length; i++) out += bytes[i].toString(16).padStart(2, '0');
      return out;
    }
    case 'base64':
    case 'base64url': {
      const alphabet = encoding === 'base64' ? base64Alphabet : `${base64Alphabet.slice(0, 62)}-_`;
      let out = '';
      let i = 0;
      for (; i + 2 < bytes.length; i += 3) {
        const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
      }
      if (i < bytes.length) {
        const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8);
        out += alphabet[n >> 18] + alphabet[(n >> 12) & 63];
        if (i + 1 < bytes.length) out += alphabet[(n >> 6) & 63];
        if (encoding === 'base64') out += i + 1 < bytes.length ? '=' : '==';
      }
      return out;
    }
  }
  return binding.utf8Decode(bytes, false, true);
}

function validateSize(size) {
  if (typeof size !== 'number') throw invalidArgType('size', 'of type number', size);
  if (!(size >= 0 && size <= kMaxLength)) {
    const err = new RangeError(`The value of "size" is out of range. It must be >= 0 && <= ${kMaxLength}. Received ${size}`);
    err.code = 'ERR_OUT_OF_RANGE';
    throw err;
  }
}

Buffer.alloc = function alloc(size, fill, encoding) {
  validateSize(size);
  const buffer = new FastBuffer(size);
  if (fill !== undefined && fill !== 0 && size > 0) buffer.fill(fill, encoding);
  return buffer;
};
// Small buffers share pools of Buffer.poolSize bytes, as node's do: allocUnsafe, from() of a
// string or an array-like and concat below half the pool size take its next 8-byte-aligned
// slice. A pool is never transferred to a worker (node marks it untransferable).
let pool;
let poolOffset = 0;
function allocate(size) {
  if (size <= 0) return new FastBuffer();
  if (size >= Buffer.poolSize >>> 1) return new FastBuffer(size);
  if (pool === undefined || size > pool.byteLength - poolOffset) {
    pool = new ArrayBuffer(Buffer.poolSize);
    binding.markAsUntransferable(pool);
    poolOffset = 0;
  }
  const buffer = new FastBuffer(pool, poolOffset, size);
  poolOffset = (poolOffset + size + 7) & ~7;
  return buffer;
}
function allocateCopy(bytes) {
  const buffer = allocate(bytes.length);
  buffer.set(bytes);
  return buffer;
}

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateSize(size);
  return allocate(size);
};
Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateSize(size);
  return new FastBuffer(size);
};

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') {
    return allocateCopy(encode(value, normalizeEncoding(encodingOrOffset)));
  }
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
    const offset = encodingOrOffset === undefined ? 0 : +encodingOrOffset || 0;
    const max = value.byteLength - offset;
    if (max < 0) {
      const err = new RangeError('"offset" is outside of buffer bounds');
      err.code = 'ERR_BUFFER_OUT_OF_BOUNDS';
      throw err;
    }
    return new FastBuffer(value, offset, length === undefined ? max : Math.min(+length || 0, max));
  }
  if (typeof value === 'object' && value !== null) {
    if (ArrayBuffer.isView(value)) return allocateCopy(value);
    const primitive = value.valueOf?.();
    if (primitive !== undefined && primitive !== null && primitive !== value) return Buffer.from(primitive, encodingOrOffset, length);
    if (typeof value.length === 'number' || Array.isArray(value)) {
      const buffer = allocate(value.length >>> 0);
      for (let i = 0; i < buffer.length; i++) buffer[i] = value[i];
      return buffer;
    }
    if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
    if (typeof value[Symbol.toPrimitive] === 'function') return Buffer.from(value[Symbol.toPrimitive]('string'), encodingOrOffset, length);
  }
  throw invalidArgType('first argument',
    'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
};

Buffer.of = function of(...items) {
  const buffer = new FastBuffer(items.length);
  for (let i = 0; i < items.length; i++) buffer[i] = items[i];
  return buffer;
};

// A copy of the bytes of view's elements [offset, offset + length).
Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!ArrayBuffer.isView(view) || view instanceof DataView) throw invalidArgType('view', 'an instance of TypedArray', view);
  const viewLength = typedArrayLength.call(view);
  if (viewLength === 0) return Buffer.alloc(0);
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0);
      if (offset >= viewLength) return Buffer.alloc(0);
    } else {
      offset = 0;
    }
    let end = viewLength;
    if (length !== undefined) {
      validateInteger(length, 'length', 0);
      end = offset + length;
    }
    view = view.slice(offset, end);
  }
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const copy = new FastBuffer(bytes.length);
  copy.set(bytes);
  return copy;
};

Buffer.isBuffer = (value) => value instanceof Buffer;
Buffer.isEncoding = (encoding) => typeof encoding === 'string' && encoding !== '' && encodings.has(encoding.toLowerCase());
Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || string instanceof ArrayBuffer || string instanceof SharedArrayBuffer) return string.byteLength;
    throw invalidArgType('string', 'of type string or an instance of Buffer or ArrayBuffer', string);
  }
  return encode(string, normalizeEncoding(encoding)).length;
};
Buffer.compare = function compare(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
};
Buffer.concat = function concat(list, totalLength) {
  if (!Array.isArray(list)) throw invalidArgType('list', 'an instance of Array', list);
  if (totalLength === undefined) totalLength = list.reduce((n, b) => n + b.length, 0);
  const out = Buffer.allocUnsafe(totalLength);
  let offset = 0;
  for (const item of list) {
    if (!(item instanceof Uint8Array)) throw invalidArgType(`list[${list.indexOf(item)}]`, 'an instance of Buffer or Uint8Array', item);
    const take = Math.min(item.length, totalLength - offset);
    out.set(item.subarray(0, take), offset);
    offset += take;
    if (offset >= totalLength) break;
  }
  out.fill(0, offset);
  return out;
};

const proto = Buffer.prototype;
proto.toString = function toString(encoding, start, end) {
  const length = typedArrayLength.call(this);
  if (arguments.length === 0) return decode(bytesOf(this), 'utf8');
  if (start <= 0) start = 0;
  else if (start >= length) return '';
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > length) end = length;
  else end = Math.trunc(end) || 0;
  if (end <= start) return '';
  return decode(bytesOf(this).subarray(start, end), encoding === undefined ? 'utf8' : normalizeEncoding(encoding));
};
proto.toLocaleString = proto.toString;
proto.equals = function equals(other) {
  if (!(other instanceof Uint8Array)) throw invalidArgType('otherBuffer', 'an instance of Buffer or Uint8Array', other);
  return Buffer.compare(this, other) === 0;
};
proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  targetStart ??= 0;
  targetEnd ??= target.length;
  sourceStart ??= 0;
  sourceEnd ??= this.length;
  return Buffer.compare(this.subarray(sourceStart, sourceEnd), target.subarray(targetStart, targetEnd));
};
proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  targetStart ??= 0;
  sourceStart ??= 0;
  sourceEnd ??= this.length;
  const bytes = this.subarray(sourceStart, Math.min(sourceEnd, sourceStart + target.length - targetStart));
  target.set(bytes, targetStart);
  return bytes.length;
};
proto.slice = function slice(start, end) {
  return this.subarray(start, end);
};
proto.subarray = function subarray(start, end) {
  const view = Uint8Array.prototype.subarray.call(this, start, end);
  return new FastBuffer(view.buffer, view.byteOffset, view.length);
};
proto.write = function write(string, offset, length, encoding) {
  if (offset === undefined) return writeString(this, string, 0, this.length, 'utf8');
  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateInteger(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  return writeString(this, string, offset, length, encoding ? normalizeEncoding(encoding) : 'utf8');
};
proto.fill = function fill(value, offset, end, encoding) {
  offset ??= 0;
  end ??= this.length;
  if (typeof offset === 'string') {
    encoding = offset;
    offset = 0;
    end = this.length;
  }
  if (typeof value === 'string') {
    const bytes = encode(value, normalizeEncoding(encoding));
    if (bytes.length === 0) return Uint8Array.prototype.fill.call(this, 0, offset, end);
    for (let i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
    return this;
  }
  return Uint8Array.prototype.fill.call(this, typeof value === 'number' ? value & 255 : value ? 1 : 0, offset, end);
};
// indexOf and lastIndexOf: where `value` (a byte, a string in `encoding`, or bytes) first or
// last occurs, searching from byteOffset (negative counts from the end).
function searchBytes(buffer, value, byteOffset, encoding, forward) {
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  }
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : buffer.length;
  byteOffset = Math.trunc(byteOffset);
  if (byteOffset < 0) byteOffset += buffer.length;
  let needle;
  if (typeof value === 'number') needle = Uint8Array.of((value >>> 0) & 0xff);
  else if (typeof value === 'string') needle = encode(value, normalizeEncoding(encoding));
  else if (value instanceof Uint8Array) needle = value;
  else throw invalidArgType('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
  const last = buffer.length - needle.length;
  if (forward) {
    if (byteOffset < 0) byteOffset = 0;
    if (needle.length === 0) return Math.min(byteOffset, buffer.length);
    outer: for (let i = byteOffset; i <= last; i++) {
      for (let j = 0; j < needle.length; j++) if (buffer[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  }
  if (byteOffset < 0) return -1;
  if (needle.length === 0) return Math.min(byteOffset, buffer.length);
  outer: for (let i = Math.min(byteOffset, last); i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (buffer[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
proto.indexOf = function indexOf(value, byteOffset, encoding) {
  return searchBytes(this, value, byteOffset, encoding, true);
};
proto.lastIndexOf = function lastIndexOf(value, byteOffset, encoding) {
  return searchBytes(this, value, byteOffset, encoding, false);
};
proto.includes = function includes(value, byteOffset, encoding) {
  return this.indexOf(value, byteOffset, encoding) !== -1;
};
proto.toJSON = function toJSON() {
  return { type: 'Buffer', data: Array.from(this) };
};
proto.inspect = proto[Symbol.for('nodejs.util.inspect.custom')] = function inspect(recurseTimes, ctx) {
  const max = 50;
  const bytes = Array.from(this.subarray(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const more = this.length > max ? ` ... ${this.length - max} more byte${this.length - max > 1 ? 's' : ''}` : '';
  return `<${this.constructor.name} ${bytes}${more}>`;
};

// <encoding>Slice(start, end) and <encoding>Write(string, offset, length), as node's native
// buffer methods: integer indexes, out-of-range ones refused.
function sliceIndex(value, fallback) {
  if (value === undefined) return fallback;
  const index = Math.trunc(+value) || 0;
  if (index < 0) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'Index out of range');
  return index;
}
function outOfBounds(name) {
  return codedError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', `"${name}" is outside of buffer bounds`);
}
// Writes as many whole characters of `string` as fit in `length` bytes at `offset`.
function writeString(buffer, string, offset, length, encoding) {
  if (typeof string !== 'string') throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
  const size = typedArrayLength.call(buffer);
  offset = offset === undefined ? 0 : Math.trunc(+offset) || 0;
  if (offset < 0 || offset > size) throw outOfBounds('offset');
  length = length === undefined ? size - offset : Math.trunc(+length) || 0;
  if (length < 0 || length > size - offset) throw outOfBounds('length');
  const bytes = encode(string, encoding);
  let count = Math.min(bytes.length, length);
  if (count < bytes.length) {
    if (encoding === 'utf8') while (count > 0 && (bytes[count] & 0xc0) === 0x80) count--;
    else if (encoding === 'utf16le') count &= ~1;
  }
  bytesOf(buffer).set(bytes.subarray(0, count), offset);
  return count;
}
for (const [name, encoding] of [
  ['ascii', 'ascii'], ['base64', 'base64'], ['base64url', 'base64url'], ['hex', 'hex'], ['latin1', 'latin1'],
  ['ucs2', 'utf16le'], ['utf8', 'utf8'],
]) {
  Object.defineProperty(proto, `${name}Slice`, {
    value: {
      [`${name}Slice`](start, end) {
        const size = typedArrayLength.call(this);
        start = sliceIndex(start, 0);
        end = sliceIndex(end, size);
        if (end < start) end = start;
        if (end > size) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'Index out of range');
        return decode(bytesOf(this).subarray(start, end), encoding);
      },
    }[`${name}Slice`],
    writable: true,
    configurable: true,
  });
  Object.defineProperty(proto, `${name}Write`, {
    value: {
      [`${name}Write`](string, offset, length) {
        return writeString(this, string, offset, length, encoding);
      },
    }[`${name}Write`],
    writable: true,
    configurable: true,
  });
}

for (const [name, property] of [['offset', 'byteOffset'], ['parent', 'buffer']]) {
  Object.defineProperty(proto, name, {
    enumerable: true,
    get() {
      return this instanceof Buffer ? this[property] : undefined;
    },
  });
}

// swap16/32/64: reverse the byte order of each 2-, 4- or 8-byte unit in place.
for (const width of [2, 4, 8]) {
  proto[`swap${width * 8}`] = {
    [`swap${width * 8}`]() {
      if (this.length % width !== 0) {
        throw codedError(RangeError, 'ERR_INVALID_BUFFER_SIZE', `Buffer size must be a multiple of ${width * 8}-bits`);
      }
      for (let i = 0; i < this.length; i += width) {
        for (let a = i, b = i + width - 1; a < b; a++, b--) [this[a], this[b]] = [this[b], this[a]];
      }
      return this;
    },
  }[`swap${width * 8}`];
}

// Node's checks on an offset into a buffer for `width` bytes, and on the value to write.
function checkBounds(buffer, offset, width) {
  if (typeof offset !== 'number') throw invalidArgType('offset', 'of type number', offset);
  if (buffer[offset] !== undefined && buffer[offset + width - 1] !== undefined) return;
  if (Math.floor(offset) !== offset) throw outOfRange('offset', 'an integer', offset);
  if (buffer.length - width < 0) {
    throw codedError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
  }
  throw outOfRange('offset', `>= 0 and <= ${buffer.length - width}`, offset);
}
function checkValue(value, min, max, width) {
  if (value <= max && value >= min) return;
  const n = typeof min === 'bigint' ? 'n' : '';
  let range;
  if (width > 4) {
    range = min === 0 || min === 0n ?
      `>= 0${n} and < 2${n} ** ${width * 8}${n}` :
      `>= -(2${n} ** ${width * 8 - 1}${n}) and < 2 ** ${width * 8 - 1}${n}`;
  } else {
    range = `>= ${min}${n} and <= ${max}${n}`;
  }
  throw outOfRange('value', range, value);
}
function checkByteLength(byteLength) {
  if (typeof byteLength !== 'number') throw invalidArgType('byteLength', 'of type number', byteLength);
  if (!(byteLength >= 1 && byteLength <= 6 && Number.isInteger(byteLength))) {
    throw outOfRange('byteLength', Number.isInteger(byteLength) ? '>= 1 and <= 6' : 'an integer', byteLength);
  }
}

// read/write of fixed-width numbers, through a DataView over the same memory.
function view(buffer) {
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
for (const [name, width, getter, setter, min, max] of [
  ['UInt8', 1, 'getUint8', 'setUint8', 0, 0xff], ['Int8', 1, 'getInt8', 'setInt8', -0x80, 0x7f],
  ['UInt16', 2, 'getUint16', 'setUint16', 0, 0xffff], ['Int16', 2, 'getInt16', 'setInt16', -0x8000, 0x7fff],
  ['UInt32', 4, 'getUint32', 'setUint32', 0, 0xffffffff], ['Int32', 4, 'getInt32', 'setInt32', -0x80000000, 0x7fffffff],
  ['Float', 4, 'getFloat32', 'setFloat32'], ['Double', 8, 'getFloat64', 'setFloat64'],
  ['BigUInt64', 8, 'getBigUint64', 'setBigUint64', 0n, 2n ** 64n - 1n],
  ['BigInt64', 8, 'getBigInt64', 'setBigInt64', -(2n ** 63n), 2n ** 63n - 1n],
]) {
  const endians = width === 1 ? [['', false]] : [['LE', true], ['BE', false]];
  for (const [suffix, little] of endians) {
    // Node's integer readers declare their offset (length 1); the others default it (length 0).
    proto[`read${name}${suffix}`] = min === undefined || typeof min === 'bigint' ? function (offset = 0) {
      checkBounds(this, offset, width);
      return view(this)[getter](offset, little);
    } : function (offset) {
      if (offset === undefined) offset = 0;
      checkBounds(this, offset, width);
      return view(this)[getter](offset, little);
    };
    proto[`write${name}${suffix}`] = function (value, offset = 0) {
      const big = typeof min === 'bigint';
      if (min !== undefined) checkValue(big ? value : +value, min, max, width);
      checkBounds(this, offset, width);
      if (big && typeof value !== 'bigint') throw new TypeError('Cannot mix BigInt and other types, use explicit conversions');
      view(this)[setter](offset, big ? value : +value, little);
      return offset + width;
    };
  }
}

// readIntBE/LE, readUIntBE/LE (byteLength 1 to 6) and their writers.
function readVariable(buffer, offset, byteLength, little, signed) {
  if (offset === undefined) offset = 0;
  checkByteLength(byteLength);
  checkBounds(buffer, offset, byteLength);
  let value = 0;
  for (let i = 0; i < byteLength; i++) {
    value = value * 256 + buffer[offset + (little ? byteLength - 1 - i : i)];
  }
  const top = 2 ** (byteLength * 8);
  return signed && value >= top / 2 ? value - top : value;
}
function writeVariable(buffer, value, offset, byteLength, little, signed) {
  if (offset === undefined) offset = 0;
  checkByteLength(byteLength);
  const top = 2 ** (byteLength * 8);
  value = +value;
  checkValue(value, signed ? -top / 2 : 0, signed ? top / 2 - 1 : top - 1, byteLength);
  checkBounds(buffer, offset, byteLength);
  let rest = value < 0 ? value + top : value;
  for (let i = 0; i < byteLength; i++) {
    buffer[offset + (little ? i : byteLength - 1 - i)] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return offset + byteLength;
}
for (const [suffix, little] of [['LE', true], ['BE', false]]) {
  proto[`readInt${suffix}`] = function (offset, byteLength) {
    return readVariable(this, offset, byteLength, little, true);
  };
  proto[`readUInt${suffix}`] = function (offset, byteLength) {
    return readVariable(this, offset, byteLength, little, false);
  };
  proto[`writeInt${suffix}`] = function (value, offset, byteLength) {
    return writeVariable(this, value, offset, byteLength, little, true);
  };
  proto[`writeUInt${suffix}`] = function (value, offset, byteLength) {
    return writeVariable(this, value, offset, byteLength, little, false);
  };
}
// Node's lower-case aliases of the unsigned readers and writers.
for (const name of Object.getOwnPropertyNames(proto)) {
  if (/^(read|write)(Big)?UInt/.test(name)) proto[name.replace('UInt', 'Uint')] = proto[name];
}

internals.bufferPrototype = Buffer.prototype;
const { Blob, File, resolveObjectURL } = require('internal/blob');
// The bytes isUtf8/isAscii look at: a typed array's (none once detached) or an ArrayBuffer's.
function validationBytes(input) {
  if (ArrayBuffer.isView(input) && !(input instanceof DataView)) {
    if (input.buffer.detached) return new Uint8Array(0);
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer)) {
    // (Node 24.19 refuses a detached ArrayBuffer; later 24.x releases take it as empty.)
    if (input.detached) throw codedError(Error, 'ERR_INVALID_STATE', 'Cannot validate on a detached buffer');
    return new Uint8Array(input);
  }
  throw invalidArgType('input', 'an instance of ArrayBuffer, Buffer, or TypedArray', input);
}

module.exports = {
  Buffer,
  kMaxLength,
  kStringMaxLength,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
  SlowBuffer: Buffer.allocUnsafeSlow,
  atob: require('internal/web').atob,
  btoa: require('internal/web').btoa,
  isUtf8: (input) => {
    const bytes = validationBytes(input);
    if (bytes.length === 0) return true;
    try {
      binding.utf8Decode(bytes, true, true);
      return true;
    } catch {
      return false;
    }
  },
  Blob,
  resolveObjectURL,
  File,
  isAscii: (input) => validationBytes(input).every((byte) => byte < 0x80),
};
