'use strict';
// buffer: Buffer as a Uint8Array subclass (node's FastBuffer), with node's encodings.

const encodingBinding = binding.encoding();
const utilBinding = binding.util();
const workerBinding = binding.worker();
const { codedError, invalidArgType, invalidArgValue, outOfRange, validateInteger } = require('internal/errors');
const { addBufferPrototypeMethods, outOfBounds, validateNumber } = require('internal/buffer');
// V8's largest typed array.
const kMaxLength = 2 ** 53 - 1;
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
  // A detached buffer's bytes are none (V8 makes no view of a detached ArrayBuffer).
  if (buffer.byteLength === 0) return new Uint8Array(0);
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

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Lookup = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) base64Lookup[base64Alphabet.charCodeAt(i)] = i;
base64Lookup['-'.charCodeAt(0)] = 62;
base64Lookup['_'.charCodeAt(0)] = 63;

// Bytes for a string in an encoding.
function encode(string, encoding) {
  switch (encoding) {
    case 'utf8':
      return encodingBinding.utf8Encode(string);
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
  return encodingBinding.utf8Encode(string);
}

// A string from bytes in an encoding.
function decode(bytes, encoding) {
  switch (encoding) {
    case 'utf8':
      return encodingBinding.utf8Decode(bytes, false, true);
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
  return encodingBinding.utf8Decode(bytes, false, true);
}

const isAnyArrayBuffer = (value) => {
  const kind = utilBinding.kind(value);
  return kind === 'arraybuffer' || kind === 'sharedarraybuffer';
};
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const isUint8Array = (value) => typedArrayTag.call(value) === 'Uint8Array';

function unknownEncoding(encoding) {
  return codedError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
}
// An encoding's canonical name, or undefined for one node does not know.
function lookupEncoding(encoding) {
  if (encoding === undefined || encoding === null || encoding === '') return 'utf8';
  return encodings.get(`${encoding}`.toLowerCase());
}
function bufferOrUint8Array(name, value) {
  return invalidArgType(name, 'an instance of Buffer or Uint8Array', value);
}

const validateOffset = (value, name, min = 0, max = kMaxLength) => validateInteger(value, name, min, max);

Buffer.alloc = function alloc(size, fill, encoding) {
  validateNumber(size, 'size', 0, kMaxLength);
  const buffer = new FastBuffer(size);
  if (fill !== undefined && fill !== 0 && size > 0) return fillBuffer(buffer, fill, 0, buffer.length, encoding);
  return buffer;
};
// Small buffers share pools of Buffer.poolSize bytes, as node's do: allocUnsafe, from() of a
// string or an array-like and concat below half the pool size take its next 8-byte-aligned
// slice. A pool is never transferred to a worker (node marks it untransferable). Every pool is a
// fresh ArrayBuffer and no slice is handed out twice, so unsafe allocations are always zeroed
// (what --zero-fill-buffers asks for).
let pool;
let poolOffset = 0;
function allocate(size) {
  if (size <= 0) return new FastBuffer();
  if (size >= Buffer.poolSize >>> 1) return new FastBuffer(size);
  if (pool === undefined || size > pool.byteLength - poolOffset) {
    pool = new ArrayBuffer(Buffer.poolSize);
    workerBinding.markAsUntransferable(pool);
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
  validateNumber(size, 'size', 0, kMaxLength);
  return allocate(size);
};
Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return new FastBuffer(size);
};

function fromString(string, encoding) {
  let normalized = 'utf8';
  if (typeof encoding === 'string' && encoding.length !== 0) {
    normalized = lookupEncoding(encoding);
    if (normalized === undefined) throw unknownEncoding(encoding);
  }
  return allocateCopy(encode(string, normalized));
}
// A view of an ArrayBuffer (a resizable one's view without a length follows its size).
function fromArrayBuffer(arrayBuffer, byteOffset, length) {
  byteOffset = byteOffset === undefined ? 0 : +byteOffset || 0;
  const max = arrayBuffer.byteLength - byteOffset;
  if (max < 0) throw outOfBounds('offset');
  if (length === undefined) return new FastBuffer(arrayBuffer, byteOffset);
  length = +length;
  if (length > 0) {
    if (length > max) throw outOfBounds('length');
  } else {
    length = 0;
  }
  return new FastBuffer(arrayBuffer, byteOffset, length);
}
function fromArrayLike(items) {
  if (items.length <= 0) return new FastBuffer();
  const buffer = allocate(items.length);
  Uint8Array.prototype.set.call(buffer, items, 0);
  return buffer;
}
function fromObject(value) {
  if (value.length !== undefined || isAnyArrayBuffer(value.buffer)) {
    if (typeof value.length !== 'number') return new FastBuffer();
    return fromArrayLike(value);
  }
  if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArrayLike(value.data);
  return undefined;
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);
  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const primitive = value.valueOf && value.valueOf();
    if (primitive !== null && primitive !== undefined && primitive !== value &&
        (typeof primitive === 'string' || typeof primitive === 'object')) {
      return from(primitive, encodingOrOffset, length);
    }
    const buffer = fromObject(value);
    if (buffer !== undefined) return buffer;
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const string = value[Symbol.toPrimitive]('string');
      if (typeof string === 'string') return fromString(string, encodingOrOffset);
    }
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
Buffer.isEncoding = (encoding) => typeof encoding === 'string' && encoding.length !== 0 &&
  encodings.has(encoding.toLowerCase());

// Node's base64 length estimate: three bytes per four characters, less trailing padding.
function base64ByteLength(string) {
  let length = string.length;
  if (string.charCodeAt(length - 1) === 0x3d) length--;
  if (length > 1 && string.charCodeAt(length - 1) === 0x3d) length--;
  return (length * 3) >>> 2;
}
Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw invalidArgType('string', 'of type string or an instance of Buffer or ArrayBuffer', string);
  }
  if (string.length === 0) return 0;
  // An encoding node does not know counts as UTF-8.
  switch (lookupEncoding(encoding) ?? 'utf8') {
    case 'ascii':
    case 'latin1':
      return string.length;
    case 'utf16le':
      return string.length * 2;
    case 'hex':
      return string.length >>> 1;
    case 'base64':
    case 'base64url':
      return base64ByteLength(string);
    default:
      return encodingBinding.utf8ByteLength(string);
  }
};

// -1, 0 or 1 as a[aStart, aEnd) sorts before, with or after b[bStart, bEnd).
function compareRanges(a, aStart, aEnd, b, bStart, bEnd) {
  const count = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < count; i++) {
    const x = a[aStart + i];
    const y = b[bStart + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  return aLength > bLength ? 1 : aLength < bLength ? -1 : 0;
}
Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw bufferOrUint8Array('buf1', buf1);
  if (!isUint8Array(buf2)) throw bufferOrUint8Array('buf2', buf2);
  if (buf1 === buf2) return 0;
  return compareRanges(buf1, 0, buf1.length, buf2, 0, buf2.length);
};

// Node's integer coercion for copy(): a safe integer, floored, or `fallback`.
function toInteger(value, fallback) {
  value = +value;
  if (!Number.isNaN(value) && value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER) {
    return value % 1 === 0 ? value : Math.floor(value);
  }
  return fallback;
}
// Copies source[sourceStart, sourceEnd) into target at targetStart, as much as fits.
function copyBytes(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.byteLength - targetStart) sourceEnd = sourceStart + target.byteLength - targetStart;
  let count = sourceEnd - sourceStart;
  const available = source.byteLength - sourceStart;
  if (count > available) count = available;
  if (count <= 0) return 0;
  const bytes = new Uint8Array(source.buffer, source.byteOffset + sourceStart, count);
  new Uint8Array(target.buffer, target.byteOffset + targetStart, count).set(bytes);
  return count;
}
function copy(source, target, targetStart, sourceStart, sourceEnd) {
  if (!ArrayBuffer.isView(source)) throw bufferOrUint8Array('source', source);
  if (!ArrayBuffer.isView(target)) throw bufferOrUint8Array('target', target);
  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = Number.isInteger(targetStart) ? targetStart : toInteger(targetStart, 0);
    if (targetStart < 0) throw outOfRange('targetStart', '>= 0', targetStart);
  }
  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = Number.isInteger(sourceStart) ? sourceStart : toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > source.byteLength) {
      throw outOfRange('sourceStart', `>= 0 && <= ${source.byteLength}`, sourceStart);
    }
  }
  if (sourceEnd === undefined) {
    sourceEnd = source.byteLength;
  } else {
    sourceEnd = Number.isInteger(sourceEnd) ? sourceEnd : toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
  }
  if (targetStart >= target.byteLength || sourceStart >= sourceEnd) return 0;
  return copyBytes(source, target, targetStart, sourceStart, sourceEnd);
}

Buffer.concat = function concat(list, length) {
  if (!Array.isArray(list)) throw invalidArgType('list', 'an instance of Array', list);
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (!isUint8Array(list[i])) throw bufferOrUint8Array(`list[${i}]`, list[i]);
      length += typedArrayLength.call(list[i]);
    }
  } else {
    validateOffset(length, 'length');
  }
  const buffer = Buffer.allocUnsafe(length);
  let position = 0;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isUint8Array(item)) throw bufferOrUint8Array(`list[${i}]`, item);
    position += copyBytes(item, buffer, position, 0, typedArrayLength.call(item));
  }
  if (position < length) Uint8Array.prototype.fill.call(buffer, 0, position, length);
  return buffer;
};

const proto = Buffer.prototype;
// The *Slice methods, by encoding (filled in below, where they are defined). Node's toString
// slices with these, so it also works on a plain Uint8Array; without arguments it reads the
// buffer's `length` (observable when shadowed), with them the typed array's.
const sliceMethods = {};
proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return sliceMethods.utf8.call(this, 0, this.length);
  const length = typedArrayLength.call(this);
  if (start <= 0) start = 0;
  else if (start >= length) return '';
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > length) end = length;
  else end = Math.trunc(end) || 0;
  if (end <= start) return '';
  let normalized = 'utf8';
  if (encoding !== undefined) {
    normalized = encodings.get(`${encoding}`.toLowerCase());
    if (normalized === undefined) throw unknownEncoding(encoding);
  }
  return sliceMethods[normalized].call(this, start, end);
};
proto.toLocaleString = proto.toString;
proto.equals = function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) throw bufferOrUint8Array('otherBuffer', otherBuffer);
  if (this === otherBuffer) return true;
  return compareRanges(this, 0, this.length, otherBuffer, 0, otherBuffer.length) === 0;
};
proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) throw bufferOrUint8Array('target', target);
  if (arguments.length === 1) return compareRanges(this, 0, this.length, target, 0, target.length);
  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, 'targetStart');
  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, 'targetEnd', 0, target.length);
  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, 'sourceStart');
  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
  if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
  if (targetStart >= targetEnd) return 1;
  if (sourceStart > this.length) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "sourceStart" is out of range.');
  if (targetStart > target.length) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "targetStart" is out of range.');
  return compareRanges(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
};
proto.copy = function copyTo(target, targetStart, sourceStart, sourceEnd) {
  return copy(this, target, targetStart, sourceStart, sourceEnd);
};
// Node's slice and subarray clamp start and end into the buffer, negative ones from its end.
function clampIndex(index, length) {
  index = Math.trunc(index);
  if (index === 0 || Number.isNaN(index)) return 0;
  if (index < 0) return Math.max(index + length, 0);
  return Math.min(index, length);
}
proto.subarray = function subarray(start, end) {
  const length = typedArrayLength.call(this);
  start = clampIndex(start, length);
  end = end === undefined ? length : clampIndex(end, length);
  return new FastBuffer(this.buffer, this.byteOffset + start, end > start ? end - start : 0);
};
proto.slice = function slice(start, end) {
  return this.subarray(start, end);
};
proto.write = function write(string, offset, length, encoding) {
  if (offset === undefined) return writeString(this, string, 0, this.length, 'utf8');
  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateOffset(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  let normalized = 'utf8';
  if (encoding) {
    normalized = encodings.get(`${encoding}`.toLowerCase());
    if (normalized === undefined) throw unknownEncoding(encoding);
  }
  return writeString(this, string, offset, length, normalized);
};

// fill(value[, offset[, end]][, encoding]): value a number, a string in an encoding, or bytes.
function fillBuffer(buffer, value, offset, end, encoding) {
  let bytes;
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buffer.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buffer.length;
    }
    const normalized = lookupEncoding(encoding);
    if (normalized === undefined) {
      if (typeof encoding !== 'string') throw invalidArgType('encoding', 'of type string', encoding);
      throw unknownEncoding(encoding);
    }
    if (value.length === 0) {
      value = 0;
    } else {
      bytes = encode(value, normalized);
    }
  }
  if (offset === undefined) {
    offset = 0;
    end = buffer.length;
  } else {
    validateOffset(offset, 'offset');
    if (end === undefined) end = buffer.length;
    else validateOffset(end, 'end', 0, buffer.length);
    if (offset >= end) return buffer;
  }
  if (bytes === undefined && isUint8Array(value)) bytes = value;
  else if (bytes === undefined && ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (bytes === undefined) {
    const byte = typeof value === 'number' ? value : (Number(value) >>> 0) & 255;
    if (offset > end || end > typedArrayLength.call(buffer)) throw outOfBounds();
    Uint8Array.prototype.fill.call(buffer, byte, offset, end);
    return buffer;
  }
  if (bytes.length === 0) throw invalidArgValue('value', value);
  if (end > typedArrayLength.call(buffer)) throw outOfBounds();
  const target = bytesOf(buffer);
  if (bytes.buffer === target.buffer) bytes = bytes.slice();
  for (let i = offset, j = 0; i < end; i++) {
    target[i] = bytes[j];
    if (++j === bytes.length) j = 0;
  }
  return buffer;
}
proto.fill = function fill(value, offset, end, encoding) {
  return fillBuffer(this, value, offset, end, encoding);
};

// Where `needle` occurs in `haystack` (byte arrays, or 16-bit unit arrays for UTF-16): the first
// match at or after `start` going forward, the last at or before it going backward.
function findSequence(haystack, needle, start, forward) {
  const last = haystack.length - needle.length;
  if (forward) {
    outer: for (let i = start; i <= last; i++) {
      for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  }
  outer: for (let i = Math.min(start, last); i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
// Node's starting point for a search of `needleLength` bytes from `offset`; -1 for none.
function searchStart(length, offset, needleLength, forward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset;
    return forward || needleLength === 0 ? 0 : -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  return forward ? -1 : length - 1;
}
function indexOfBytes(buffer, needle, offset, utf16, forward) {
  const haystack = bytesOf(buffer);
  const start = searchStart(haystack.length, offset, needle.length, forward);
  if (needle.length === 0) return start;
  if (haystack.length === 0 || start <= -1) return -1;
  if ((forward && needle.length + start > haystack.length) || needle.length > haystack.length) return -1;
  if (!utf16) return findSequence(haystack, needle, start, forward);
  if (haystack.length < 2 || needle.length < 2) return -1;
  // UTF-16 matches start at even byte offsets only.
  const units = (bytes) => {
    const out = new Uint16Array(bytes.length >>> 1);
    for (let i = 0; i < out.length; i++) out[i] = bytes[i * 2] | (bytes[i * 2 + 1] << 8);
    return out;
  };
  const found = findSequence(units(haystack), units(needle), start >>> 1, forward);
  return found === -1 ? -1 : found * 2;
}
function bidirectionalIndexOf(buffer, value, byteOffset, encoding, forward) {
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : (buffer.length || buffer.byteLength);
  byteOffset = Math.trunc(byteOffset);
  if (typeof value === 'number') {
    const length = typedArrayLength.call(buffer);
    const start = searchStart(length, byteOffset, 1, forward);
    if (start <= -1 || length === 0) return -1;
    return findSequence(bytesOf(buffer), [(value >>> 0) & 255], start, forward);
  }
  const normalized = encoding === undefined ? 'utf8' : encodings.get(`${encoding}`.toLowerCase());
  if (typeof value === 'string') {
    if (normalized === undefined) throw unknownEncoding(encoding);
    return indexOfBytes(buffer, encode(value, normalized), byteOffset, normalized === 'utf16le', forward);
  }
  if (isUint8Array(value)) return indexOfBytes(buffer, value, byteOffset, normalized === 'utf16le', forward);
  throw invalidArgType('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
}
proto.indexOf = function indexOf(value, byteOffset, encoding) {
  return bidirectionalIndexOf(this, value, byteOffset, encoding, true);
};
proto.lastIndexOf = function lastIndexOf(value, byteOffset, encoding) {
  return bidirectionalIndexOf(this, value, byteOffset, encoding, false);
};
proto.includes = function includes(value, byteOffset, encoding) {
  return bidirectionalIndexOf(this, value, byteOffset, encoding, true) !== -1;
};
proto.toJSON = function toJSON() {
  return { type: 'Buffer', data: Array.from(this) };
};

let inspectMaxBytes = 50;
// <Buffer 01 02 ... n more bytes>, then the buffer's own non-index properties (all of them
// with showHidden).
proto.inspect = proto[Symbol.for('nodejs.util.inspect.custom')] = function inspect(recurseTimes, ctx) {
  const length = typedArrayLength.call(this);
  const shown = Math.min(inspectMaxBytes, length);
  let out = Array.from(bytesOf(this).subarray(0, shown), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const remaining = length - inspectMaxBytes;
  if (remaining > 0) out += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx) {
    const extras = { __proto__: null };
    let any = false;
    for (const key of Reflect.ownKeys(this)) {
      if (typeof key === 'string' && /^(0|[1-9][0-9]*)$/.test(key) && +key < 2 ** 32 - 1) continue;
      if (!ctx.showHidden && !Object.prototype.propertyIsEnumerable.call(this, key)) continue;
      extras[key] = this[key];
      any = true;
    }
    if (any) {
      if (length !== 0) out += ', ';
      // Drops "[Object: null prototype] {" and " }".
      out += require('internal/inspect').inspect(extras, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${out}>`;
};

// <encoding>Slice(start, end) and <encoding>Write(string, offset, length), as node's native
// buffer methods: integer indexes, out-of-range ones refused.
function sliceIndex(value, fallback) {
  if (value === undefined) return fallback;
  const index = Math.trunc(+value) || 0;
  if (index < 0) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'Index out of range');
  return index;
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
  // Enumerable and anonymous, as node's (which its native binding adds).
  sliceMethods[encoding] = [function (start, end) {
    if (!ArrayBuffer.isView(this)) throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a buffer');
    const size = typedArrayLength.call(this);
    start = sliceIndex(start, 0);
    end = sliceIndex(end, size);
    if (end < start) end = start;
    if (end > size) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'Index out of range');
    return decode(bytesOf(this).subarray(start, end), encoding);
  }][0];
  Object.defineProperty(proto, `${name}Slice`, {
    value: sliceMethods[encoding],
    writable: true,
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(proto, `${name}Write`, {
    value: [function (string, offset, length) {
      return writeString(this, string, offset, length, encoding);
    }][0],
    writable: true,
    enumerable: true,
    configurable: true,
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

addBufferPrototypeMethods(proto);

// The methods in node's order of definition, which for-in over a buffer and
// Object.keys(Buffer.prototype) show.
function methodsInNodeOrder() {
  const endians = (name) => [`${name}LE`, `${name}BE`];
  const integers = (name) => [`${name}LE`, `${name}32LE`, `${name}16LE`, `${name}8`, `${name}BE`, `${name}32BE`, `${name}16BE`];
  const eachOperation = (types, names) => ['read', 'write'].flatMap((op) => types.flatMap((type) => names(op + type)));
  const encodings = ['ascii', 'base64', 'base64url', 'latin1', 'hex', 'ucs2', 'utf8'];
  return [
    ...eachOperation(['BigUInt64', 'BigUint64', 'BigInt64'], endians),
    ...eachOperation(['UInt', 'Uint', 'Int'], integers),
    ...eachOperation(['Float', 'Double'], endians),
    ...['Slice', 'Write'].flatMap((kind) => encodings.map((encoding) => encoding + kind)),
    'parent', 'offset', 'copy', 'toString', 'equals', 'inspect', 'compare', 'indexOf', 'lastIndexOf', 'includes',
    'fill', 'write', 'toJSON', 'subarray', 'slice', 'swap16', 'swap32', 'swap64', 'toLocaleString',
  ];
}
// `parent` and `offset` are not configurable: they are defined in their place here.
const viewGetters = { __proto__: null, parent: 'buffer', offset: 'byteOffset' };
for (const name of methodsInNodeOrder()) {
  const property = viewGetters[name];
  if (property) {
    Object.defineProperty(proto, name, {
      enumerable: true,
      get() {
        return this instanceof Buffer ? this[property] : undefined;
      },
    });
    continue;
  }
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  delete proto[name];
  Object.defineProperty(proto, name, descriptor);
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

// SlowBuffer (DEP0030): allocUnsafeSlow under the old name, with a warning once.
let slowBufferWarned = false;
function SlowBuffer(size) {
  if (!slowBufferWarned && !process.noDeprecation) {
    slowBufferWarned = true;
    process.emitWarning('SlowBuffer() is deprecated. Please use Buffer.allocUnsafeSlow()', 'DeprecationWarning', 'DEP0030');
  }
  return Buffer.allocUnsafeSlow(size);
}

// transcode(source, from, to): the bytes of `source` in encoding `from` re-encoded in `to`,
// among ascii, latin1, utf8 and utf16le, as node's ICU conversion does: a character the target
// cannot hold becomes '?' in ascii and latin1; malformed UTF-8 becomes U+FFFD, except into
// UTF-16 (an error, as is a lone surrogate from UTF-16 into UTF-8).
function transcodeError(code, errno) {
  return Object.assign(new Error(`Unable to transcode Buffer [${code}]`), { code, errno });
}
const transcodable = new Set(['ascii', 'latin1', 'utf8', 'utf16le']);
function latin1Text(bytes, replaceAbove) {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += bytes[i] > replaceAbove ? '\ufffd' : String.fromCharCode(bytes[i]);
  return text;
}
function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) throw bufferOrUint8Array('source', source);
  if (source.length === 0) return Buffer.alloc(0);
  const from = lookupEncoding(fromEncoding);
  const to = lookupEncoding(toEncoding);
  if (!transcodable.has(from) || !transcodable.has(to)) throw transcodeError('U_ILLEGAL_ARGUMENT_ERROR', 1);
  const bytes = bytesOf(source);
  let text;
  if (from === 'ascii') {
    text = latin1Text(bytes, to === 'utf16le' ? 0xff : 0x7f);
  } else if (from === 'latin1') {
    text = latin1Text(bytes, 0xff);
  } else if (from === 'utf8') {
    try {
      text = encodingBinding.utf8Decode(bytes, to === 'utf16le', true);
    } catch {
      throw transcodeError('U_INVALID_CHAR_FOUND', 10);
    }
  } else {
    const units = new Uint16Array(bytes.length >>> 1);
    for (let i = 0; i < units.length; i++) units[i] = bytes[i * 2] | (bytes[i * 2 + 1] << 8);
    text = '';
    for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
    if (to === 'utf16le') {
      text = text.toWellFormed();
      if (bytes.length % 2 === 1) text += '\ufffd';
    } else if (to === 'utf8' && !text.isWellFormed()) {
      throw transcodeError('U_INVALID_CHAR_FOUND', 10);
    }
  }
  if (to === 'ascii' || to === 'latin1') {
    const max = to === 'ascii' ? 0x7f : 0xff;
    const out = [];
    for (const character of text) {
      const code = character.codePointAt(0);
      out.push(code > max ? 0x3f : code);
    }
    return allocateCopy(out);
  }
  return allocateCopy(encode(text, to));
}

module.exports = {
  Buffer,
  SlowBuffer,
  transcode,
  isUtf8: (input) => {
    const bytes = validationBytes(input);
    if (bytes.length === 0) return true;
    try {
      encodingBinding.utf8Decode(bytes, true, true);
      return true;
    } catch {
      return false;
    }
  },
  isAscii: (input) => validationBytes(input).every((byte) => byte < 0x80),
  kMaxLength,
  kStringMaxLength,
  btoa: require('internal/web').btoa,
  atob: require('internal/web').atob,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
};
Object.defineProperty(module.exports, 'INSPECT_MAX_BYTES', {
  configurable: true,
  enumerable: true,
  get() {
    return inspectMaxBytes;
  },
  set(value) {
    validateNumber(value, 'INSPECT_MAX_BYTES', 0);
    inspectMaxBytes = value;
  },
});
Object.assign(module.exports, { Blob, resolveObjectURL, File });
