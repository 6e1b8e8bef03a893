'use strict';
// buffer: Buffer as a Uint8Array subclass (node's FastBuffer), with node's encodings.

const { invalidArgType } = require('internal/errors');
const kMaxLength = 2 ** 32;
const kStringMaxLength = 2 ** 29 - 24;

class FastBuffer extends Uint8Array {
  // eslint-disable-next-line no-useless-constructor
  constructor(bufferOrLength, byteOffset, length) {
    super(bufferOrLength, byteOffset, length);
  }
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
Buffer.allocUnsafe = function allocUnsafe(size) {
  validateSize(size);
  return new FastBuffer(size);
};
Buffer.allocUnsafeSlow = Buffer.allocUnsafe;

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') {
    const bytes = encode(value, normalizeEncoding(encodingOrOffset));
    return new FastBuffer(bytes.buffer, bytes.byteOffset, bytes.length);
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
    if (ArrayBuffer.isView(value)) {
      const copy = new FastBuffer(value.length);
      for (let i = 0; i < value.length; i++) copy[i] = value[i];
      return copy;
    }
    const primitive = value.valueOf?.();
    if (primitive !== undefined && primitive !== null && primitive !== value) return Buffer.from(primitive, encodingOrOffset, length);
    if (typeof value.length === 'number' || Array.isArray(value)) {
      const buffer = new FastBuffer(value.length >>> 0);
      for (let i = 0; i < buffer.length; i++) buffer[i] = value[i];
      return buffer;
    }
    if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
    if (typeof value[Symbol.toPrimitive] === 'function') return Buffer.from(value[Symbol.toPrimitive]('string'), encodingOrOffset, length);
  }
  throw invalidArgType('first argument',
    'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
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
proto.toString = function toString(encoding, start = 0, end = this.length) {
  if (arguments.length === 0) return binding.utf8Decode(this, false, true);
  start = Math.max(0, start | 0);
  end = Math.min(this.length, end === undefined ? this.length : end | 0);
  if (end <= start) return '';
  return decode(this.subarray(start, end), normalizeEncoding(encoding));
};
proto.toLocaleString = proto.toString;
proto.equals = function equals(other) {
  if (!(other instanceof Uint8Array)) throw invalidArgType('otherBuffer', 'an instance of Buffer or Uint8Array', other);
  return Buffer.compare(this, other) === 0;
};
proto.compare = function compare(target, targetStart = 0, targetEnd = target.length, sourceStart = 0, sourceEnd = this.length) {
  return Buffer.compare(this.subarray(sourceStart, sourceEnd), target.subarray(targetStart, targetEnd));
};
proto.copy = function copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
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
proto.write = function write(string, offset = 0, length, encoding) {
  if (typeof offset === 'string') {
    encoding = offset;
    offset = 0;
  } else if (typeof length === 'string') {
    encoding = length;
    length = undefined;
  }
  const bytes = encode(string, normalizeEncoding(encoding));
  const count = Math.min(bytes.length, length ?? Infinity, this.length - offset);
  this.set(bytes.subarray(0, count), offset);
  return count;
};
proto.fill = function fill(value, offset = 0, end = this.length, encoding) {
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
proto.indexOf = function indexOf(value, byteOffset = 0, encoding) {
  const needle = typeof value === 'number' ? Uint8Array.of(value & 255) : typeof value === 'string' ? encode(value, normalizeEncoding(encoding)) : value;
  if (byteOffset < 0) byteOffset = Math.max(0, this.length + byteOffset);
  outer: for (let i = byteOffset; i <= this.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
    return i;
  }
  return needle.length === 0 ? Math.min(byteOffset, this.length) : -1;
};
proto.includes = function includes(value, byteOffset, encoding) {
  return this.indexOf(value, byteOffset, encoding) !== -1;
};
proto.toJSON = function toJSON() {
  return { type: 'Buffer', data: Array.from(this) };
};
proto[Symbol.for('nodejs.util.inspect.custom')] = function inspect() {
  const max = 50;
  const bytes = Array.from(this.subarray(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const more = this.length > max ? ` ... ${this.length - max} more byte${this.length - max > 1 ? 's' : ''}` : '';
  return `<${this.constructor.name} ${bytes}${more}>`;
};

// read/write of fixed-width numbers, through a DataView over the same memory.
function view(buffer) {
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
function checkOffset(buffer, offset, width) {
  if (typeof offset !== 'number') throw invalidArgType('offset', 'of type number', offset);
  if (!Number.isInteger(offset) || offset < 0 || offset + width > buffer.length) {
    const err = new RangeError(`The value of "offset" is out of range. It must be >= 0 and <= ${buffer.length - width}. Received ${offset}`);
    err.code = 'ERR_OUT_OF_RANGE';
    throw err;
  }
}
for (const [name, width, getter, setter] of [
  ['UInt8', 1, 'getUint8', 'setUint8'], ['Int8', 1, 'getInt8', 'setInt8'],
  ['UInt16', 2, 'getUint16', 'setUint16'], ['Int16', 2, 'getInt16', 'setInt16'],
  ['UInt32', 4, 'getUint32', 'setUint32'], ['Int32', 4, 'getInt32', 'setInt32'],
  ['Float', 4, 'getFloat32', 'setFloat32'], ['Double', 8, 'getFloat64', 'setFloat64'],
  ['BigUInt64', 8, 'getBigUint64', 'setBigUint64'], ['BigInt64', 8, 'getBigInt64', 'setBigInt64'],
]) {
  const endians = width === 1 ? [['', false]] : [['LE', true], ['BE', false]];
  for (const [suffix, little] of endians) {
    proto[`read${name}${suffix}`] = function (offset = 0) {
      checkOffset(this, offset, width);
      return view(this)[getter](offset, little);
    };
    proto[`write${name}${suffix}`] = function (value, offset = 0) {
      checkOffset(this, offset, width);
      view(this)[setter](offset, value, little);
      return offset + width;
    };
    if (name.startsWith('UInt') || name.startsWith('BigUInt')) {
      const alias = name.replace('UInt', 'Uint');
      proto[`read${alias}${suffix}`] = proto[`read${name}${suffix}`];
      proto[`write${alias}${suffix}`] = proto[`write${name}${suffix}`];
    }
  }
}

internals.bufferPrototype = Buffer.prototype;
module.exports = {
  Buffer,
  kMaxLength,
  kStringMaxLength,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
  SlowBuffer: Buffer.allocUnsafeSlow,
  atob: require('internal/web').atob,
  btoa: require('internal/web').btoa,
  isUtf8: (input) => {
    try {
      binding.utf8Decode(input, true, true);
      return true;
    } catch {
      return false;
    }
  },
};
