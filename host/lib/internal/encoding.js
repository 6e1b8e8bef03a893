'use strict';
// TextEncoder and TextDecoder (the WHATWG Encoding Standard): UTF-8 out, every encoding of
// the standard in, decoded natively (encoding_rs), streaming, fatal or with U+FFFD.

const encodingBinding = binding.encoding();
const utilBinding = binding.util();
const { codedError, invalidArgType, invalidThis, validateString } = require('internal/errors');

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

// The object a web class shows when inspected: its fields, under a prototype naming the
// instance's class (which inspect does not print, not being an instance of it).
function inspectShown(self, Class, fields) {
  const constructor = self.constructor ?? Class;
  return Object.assign({ __proto__: { constructor } }, fields);
}

// Past the depth, `[Name]`.
function inspectTooDeep(self, Class, options) {
  return options.stylize(`[${(self.constructor ?? Class).name}]`, 'special');
}

class TextEncoder {
  #encoding = 'utf-8';
  static #check(self) {
    if (self === null || typeof self !== 'object' || !(#encoding in self)) throw invalidThis('TextEncoder');
  }
  get encoding() {
    TextEncoder.#check(this);
    return this.#encoding;
  }
  encode(input = '') {
    TextEncoder.#check(this);
    return encodingBinding.utf8Encode(`${input}`);
  }
  encodeInto(src, dest) {
    TextEncoder.#check(this);
    validateString(src, 'src');
    if (!(dest instanceof Uint8Array)) throw invalidArgType('dest', 'an instance of Uint8Array', dest);
    const [read, written] = encodingBinding.encodeInto(src, dest);
    return { read, written };
  }
  [inspectCustom](depth, options, inspect) {
    TextEncoder.#check(this);
    if (typeof depth === 'number' && depth < 0) return inspectTooDeep(this, TextEncoder, options);
    return inspect(inspectShown(this, TextEncoder, { encoding: this.#encoding }), options);
  }
}

// The single-byte encodings, which node decodes in JS: a bad input is described as its
// JS validators do.
const singleByteEncodings = new Set(['ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6',
  'iso-8859-7', 'iso-8859-8', 'iso-8859-8-i', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16',
  'koi8-r', 'koi8-u', 'macintosh', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253',
  'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic', 'x-user-defined']);

function encodingNotSupported(name) {
  return codedError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${name}" encoding is not supported`);
}

function validateOptions(options) {
  if (options !== null && (typeof options !== 'object' || Array.isArray(options))) {
    throw invalidArgType('options', 'of type object', options);
  }
}

// What decode() accepts: an ArrayBuffer, a SharedArrayBuffer or a view of one.
function isDecodable(input) {
  if (ArrayBuffer.isView(input)) return true;
  const kind = utilBinding.kind(input);
  return kind === 'arraybuffer' || kind === 'sharedarraybuffer';
}

class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  #decoder;
  constructor(encoding = 'utf-8', options = {}) {
    encoding = `${encoding}`;
    validateOptions(options);
    const name = encodingBinding.encodingForLabel(encoding.toLowerCase());
    if (name === undefined) throw encodingNotSupported(encoding);
    if (name === 'replacement') throw encodingNotSupported(name);
    this.#encoding = name;
    this.#fatal = Boolean(options?.fatal);
    this.#ignoreBOM = Boolean(options?.ignoreBOM);
    this.#decoder = encodingBinding.textDecoderCreate(this, name, this.#ignoreBOM);
  }
  static #check(self) {
    if (self === null || typeof self !== 'object' || !(#encoding in self)) throw invalidThis('TextDecoder');
  }
  decode(input = undefined, options = {}) {
    TextDecoder.#check(this);
    validateOptions(options);
    if (input === undefined) input = new Uint8Array(0);
    if (!isDecodable(input)) throw this.#invalidInput(input);
    return encodingBinding.textDecode(this.#decoder, input, Boolean(options?.stream), this.#fatal);
  }
  get encoding() {
    TextDecoder.#check(this);
    return this.#encoding;
  }
  get fatal() {
    TextDecoder.#check(this);
    return this.#fatal;
  }
  get ignoreBOM() {
    TextDecoder.#check(this);
    return this.#ignoreBOM;
  }
  // Node words a bad input by the path that decodes the encoding.
  #invalidInput(input) {
    if (singleByteEncodings.has(this.#encoding)) {
      return invalidArgType('input', 'an instance of ArrayBuffer or ArrayBufferView', input);
    }
    const name = this.#encoding === 'utf-8' ? 'list' : 'input';
    return codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
      `The "${name}" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.`);
  }
  [inspectCustom](depth, options, inspect) {
    TextDecoder.#check(this);
    if (typeof depth === 'number' && depth < 0) return inspectTooDeep(this, TextDecoder, options);
    const shown = inspectShown(this, TextDecoder, { encoding: this.#encoding, fatal: this.#fatal, ignoreBOM: this.#ignoreBOM });
    // Node's decoder shows its fields with inspect's defaults, not the caller's options.
    return `${shown.constructor.name} ${inspect(shown)}`;
  }
}

for (const [Class, names] of [[TextEncoder, ['encode', 'encodeInto', 'encoding']],
  [TextDecoder, ['decode', 'encoding', 'fatal', 'ignoreBOM']]]) {
  for (const name of names) Object.defineProperty(Class.prototype, name, { enumerable: true });
  Object.defineProperty(Class.prototype, Symbol.toStringTag, { value: Class.name, configurable: true });
}

module.exports = { TextEncoder, TextDecoder };
