'use strict';
// The deprecated punycode module (DEP0040, warned about unless required from inside
// node_modules): RFC 3492 Punycode by the idna crate's codec, with punycode.js's domain
// mapping and errors.

if (!binding.isInsideNodeModules()) {
  process.emitWarning('The `punycode` module is deprecated. Please use a userland alternative instead.',
    'DeprecationWarning', 'DEP0040');
}

const natives = binding.perf();

const version = '2.1.0';
const separators = /[\x2E\u3002\uFF0E\uFF61]/g;
const nonAscii = /[^\0-\x7F]/;
const base36Digits = /^[0-9A-Za-z]*$/;

// Code points to a string (lone surrogates included).
function ucs2encode(codePoints) {
  return String.fromCodePoint(...codePoints);
}

// A string to its code points: surrogate pairs joined, lone surrogates kept.
function ucs2decode(string) {
  const output = [];
  for (let i = 0; i < string.length; i++) {
    const unit = string.charCodeAt(i);
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < string.length) {
      const next = string.charCodeAt(i + 1);
      if ((next & 0xFC00) === 0xDC00) {
        output.push(((unit & 0x3FF) << 10) + (next & 0x3FF) + 0x10000);
        i++;
        continue;
      }
    }
    output.push(unit);
  }
  return output;
}

function decode(input) {
  input = `${input}`;
  const delimiter = input.lastIndexOf('-');
  const basic = delimiter > 0 ? input.slice(0, delimiter) : '';
  if (nonAscii.test(basic)) throw new RangeError('Illegal input >= 0x80 (not a basic code point)');
  const decoded = natives.punycodeDecode(input);
  if (decoded !== undefined) return decoded;
  const extended = delimiter > 0 ? input.slice(delimiter + 1) : input;
  // The codec fails alike on a bad digit, an input ending inside a number (which one more
  // digit would end) and an overflow; punycode.js tells them apart.
  if (!base36Digits.test(extended) || natives.punycodeDecode(`${input}a`) !== undefined) {
    throw new RangeError('Invalid input');
  }
  throw new RangeError('Overflow: input needs wider integers to process');
}

function encode(input) {
  const encoded = natives.punycodeEncode(`${input}`);
  if (encoded === undefined) throw new RangeError('Overflow: input needs wider integers to process');
  return encoded;
}

// Applies `map` to each label of a domain (or of an email address's domain part).
function mapDomain(domain, map) {
  const parts = domain.split('@');
  let result = '';
  if (parts.length > 1) {
    result = `${parts[0]}@`;
    domain = parts[1];
  }
  const labels = domain.replace(separators, '.').split('.');
  return result + labels.map(map).join('.');
}

function toUnicode(input) {
  return mapDomain(input, (label) => (label.startsWith('xn--') ? decode(label.slice(4).toLowerCase()) : label));
}

function toASCII(input) {
  return mapDomain(input, (label) => (nonAscii.test(label) ? `xn--${encode(label)}` : label));
}

module.exports = {
  version,
  ucs2: { decode: ucs2decode, encode: ucs2encode },
  decode,
  encode,
  toASCII,
  toUnicode,
};
