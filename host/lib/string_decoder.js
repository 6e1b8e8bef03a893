'use strict';
// string_decoder: decodes a byte stream chunk by chunk, holding back the bytes of a
// character split across chunks.

const { Buffer } = require('buffer');

const aliases = {
  utf8: 'utf8', 'utf-8': 'utf8', ucs2: 'utf16le', 'ucs-2': 'utf16le', utf16le: 'utf16le', 'utf-16le': 'utf16le',
  latin1: 'latin1', binary: 'latin1', base64: 'base64', base64url: 'base64url', hex: 'hex', ascii: 'ascii',
};

function normalizeEncoding(encoding) {
  if (encoding === undefined || encoding === null || encoding === '') return 'utf8';
  const name = aliases[String(encoding).toLowerCase()];
  if (name === undefined) {
    const err = new TypeError(`Unknown encoding: ${encoding}`);
    err.code = 'ERR_UNKNOWN_ENCODING';
    throw err;
  }
  return name;
}

// How many bytes at the end of `bytes` start a character that is not complete yet.
function incompleteTail(bytes, encoding) {
  const length = bytes.length;
  switch (encoding) {
    case 'utf8': {
      for (let back = 1; back <= Math.min(3, length); back++) {
        const byte = bytes[length - back];
        if ((byte & 0xc0) === 0x80) continue;
        const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
        return needed > back ? back : 0;
      }
      return 0;
    }
    case 'utf16le': {
      // Like node: an odd byte is held on its own (a high surrogate before it goes out);
      // a high surrogate at an even end is held for its pair.
      if (length % 2 === 1) return 1;
      if (length >= 2) {
        const unit = bytes[length - 2] | (bytes[length - 1] << 8);
        if (unit >= 0xd800 && unit <= 0xdbff) return 2;
      }
      return 0;
    }
    case 'base64':
    case 'base64url':
      return length % 3;
    default:
      return 0;
  }
}

class Decoder {
  get lastNeed() {
    if (this.pending.length === 0) return 0;
    if (this.encoding === 'utf8') {
      const byte = this.pending[0];
      return (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2) - this.pending.length;
    }
    if (this.encoding === 'utf16le') return (this.pending.length % 2 === 1 ? 1 : 2);
    return 3 - this.pending.length;
  }

  get lastTotal() {
    return this.pending.length + this.lastNeed;
  }

  get lastChar() {
    const chars = Buffer.alloc(4);
    this.pending.copy(chars);
    return chars;
  }

  write(chunk) {
    if (typeof chunk === 'string') return chunk;
    if (!ArrayBuffer.isView(chunk)) {
      const { invalidArgType } = require('internal/errors');
      throw invalidArgType('buf', 'an instance of Buffer, TypedArray, or DataView', chunk);
    }
    if (!Buffer.isBuffer(this?.pending)) {
      throw require('internal/errors').invalidThis('StringDecoder');
    }
    let incoming = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let head = '';
    if (this.encoding === 'utf16le' && this.pending.length === 1 && incoming.length > 0) {
      // Like node, a code unit completed from a held byte is emitted even if it is a high surrogate.
      head = Buffer.from([this.pending[0], incoming[0]]).toString('utf16le');
      this.pending = Buffer.alloc(0);
      incoming = incoming.subarray(1);
    } else if (this.encoding === 'utf16le' && this.pending.length >= 2) {
      // A held high surrogate takes the next two bytes as its pair, whatever they are.
      const take = Math.min(4 - this.pending.length, incoming.length);
      this.pending = Buffer.concat([this.pending, incoming.subarray(0, take)]);
      incoming = incoming.subarray(take);
      if (this.pending.length < 4) return '';
      head = this.pending.toString('utf16le');
      this.pending = Buffer.alloc(0);
    }
    const bytes = this.pending.length > 0 ? Buffer.concat([this.pending, incoming]) : incoming;
    const keep = incompleteTail(bytes, this.encoding);
    this.pending = Buffer.from(bytes.subarray(bytes.length - keep));
    return head + bytes.toString(this.encoding, 0, bytes.length - keep);
  }

  end(chunk) {
    let text = chunk === undefined ? '' : this.write(chunk);
    if (this.pending.length > 0) {
      text += this.encoding === 'utf8' ? '\ufffd' : this.pending.toString(this.encoding);
      this.pending = Buffer.alloc(0);
    }
    return text;
  }

  text(chunk, offset) {
    return this.write(chunk.subarray(offset));
  }
}

// Callable without `new`, as node's function-style StringDecoder is.
// (Called on an object, it makes that object a decoder.)
function StringDecoder(encoding) {
  this.encoding = normalizeEncoding(encoding);
  this.pending = Buffer.alloc(0);
}
StringDecoder.prototype = Decoder.prototype;
Object.defineProperty(Decoder.prototype, 'constructor', { value: StringDecoder, writable: true, configurable: true });

module.exports = { StringDecoder };
