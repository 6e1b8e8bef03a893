'use strict';
// The Buffer methods node keeps in internal/buffer: reading and writing numbers of each
// width and byte order, with node's checks of offsets, values and byte lengths.

const { codedError, invalidArgType, outOfRange } = require('internal/errors');

// Node's validateNumber: a number, optionally within [min, max] (NaN is out of any range).
function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if ((min !== undefined && value < min) || (max !== undefined && value > max) ||
      ((min !== undefined || max !== undefined) && Number.isNaN(value))) {
    const low = min !== undefined ? `>= ${min}` : '';
    const high = max !== undefined ? `<= ${max}` : '';
    throw outOfRange(name, `${low}${low && high ? ' && ' : ''}${high}`, value);
  }
}
function outOfBounds(name) {
  if (name === undefined) {
    return codedError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
  }
  return codedError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', `"${name}" is outside of buffer bounds`);
}

// Node's error for an offset (or, with `name`, a byteLength) that misses the buffer.
function boundsError(value, length, name) {
  if (Math.floor(value) !== value) {
    validateNumber(value, name ?? 'offset');
    throw outOfRange(name ?? 'offset', 'an integer', value);
  }
  if (length < 0) throw outOfBounds();
  throw outOfRange(name ?? 'offset', `>= ${name ? 1 : 0} and <= ${length}`, value);
}
// The `width` bytes at offset must be inside the buffer.
function checkBounds(buffer, offset, width) {
  validateNumber(offset, 'offset');
  if (buffer[offset] === undefined || buffer[offset + width - 1] === undefined) boundsError(offset, buffer.length - width);
}
// A value to write in `width` bytes must be within [min, max].
function checkValue(value, min, max, width) {
  if (!(value > max || value < min)) return;
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

// A number's write of `width` bytes at offset: a single byte's offset is checked before its
// value, wider ones after (a float has no range to check).
function checkNumberWrite(buffer, value, offset, width, min, max) {
  if (width === 1) {
    validateNumber(offset, 'offset');
    if (value > max || value < min) throw outOfRange('value', `>= ${min} and <= ${max}`, value);
    if (buffer[offset] === undefined) boundsError(offset, buffer.length - 1);
  } else {
    if (min !== undefined) checkValue(value, min, max, width);
    checkBounds(buffer, offset, width);
  }
}

// read/write of fixed-width numbers, through a DataView over the same memory.
function view(buffer) {
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
function readFixed(buffer, offset, width, getter, little) {
  checkBounds(buffer, offset, width);
  return view(buffer)[getter](offset, little);
}
function writeFixed(buffer, value, offset, width, setter, little, min, max) {
  if (typeof min === 'bigint') {
    checkValue(value, min, max, width);
    checkBounds(buffer, offset, width);
    if (typeof value !== 'bigint') throw new TypeError('Cannot mix BigInt and other types, use explicit conversions');
  } else {
    value = +value;
    checkNumberWrite(buffer, value, offset, width, min, max);
  }
  view(buffer)[setter](offset, value, little);
  return offset + width;
}
const fixedWidths = [
  ['UInt8', 1, 'Uint8', 0, 0xff], ['Int8', 1, 'Int8', -0x80, 0x7f],
  ['UInt16', 2, 'Uint16', 0, 0xffff], ['Int16', 2, 'Int16', -0x8000, 0x7fff],
  ['UInt32', 4, 'Uint32', 0, 0xffffffff], ['Int32', 4, 'Int32', -0x80000000, 0x7fffffff],
  ['Float', 4, 'Float32'], ['Double', 8, 'Float64'],
  ['BigUInt64', 8, 'BigUint64', 0n, 2n ** 64n - 1n],
  ['BigInt64', 8, 'BigInt64', -(2n ** 63n), 2n ** 63n - 1n],
];
// readIntBE/LE, readUIntBE/LE (byteLength 1 to 6) and their writers.
function checkByteLength(byteLength) {
  if (byteLength !== 1 && byteLength !== 2 && byteLength !== 3 && byteLength !== 4 && byteLength !== 5 && byteLength !== 6) {
    boundsError(byteLength, 6, 'byteLength');
  }
}
function readVariable(buffer, offset, byteLength, little, signed) {
  if (offset === undefined) throw invalidArgType('offset', 'of type number', offset);
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
  checkByteLength(byteLength);
  const top = 2 ** (byteLength * 8);
  const min = signed ? -top / 2 : 0;
  const max = signed ? top / 2 - 1 : top - 1;
  value = +value;
  checkNumberWrite(buffer, value, offset, byteLength, min, max);
  let rest = value < 0 ? value + top : value;
  for (let i = 0; i < byteLength; i++) {
    buffer[offset + (little ? i : byteLength - 1 - i)] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return offset + byteLength;
}

// Adds the readers and writers to Buffer.prototype.
function addBufferPrototypeMethods(proto) {
  for (const [name, width, type, min, max] of fixedWidths) {
    const getter = `get${type}`;
    const setter = `set${type}`;
    const endians = width === 1 ? [['', false]] : [['LE', true], ['BE', false]];
    for (const [suffix, little] of endians) {
      // Node's integer readers declare their offset (length 1); the others default it (length 0).
      proto[`read${name}${suffix}`] = min === undefined || typeof min === 'bigint' ? function (offset = 0) {
        return readFixed(this, offset, width, getter, little);
      } : function (offset) {
        return readFixed(this, offset === undefined ? 0 : offset, width, getter, little);
      };
      proto[`write${name}${suffix}`] = function (value, offset = 0) {
        return writeFixed(this, value, offset, width, setter, little, min, max);
      };
    }
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
}

module.exports = { addBufferPrototypeMethods, outOfBounds, validateNumber };
