'use strict';
// querystring: Node's legacy query string parser and serializer.

const { codedError } = require('internal/errors');

function invalidUri() {
  return codedError(URIError, 'ERR_INVALID_URI', 'URI malformed');
}

// Characters escape() leaves as they are: A-Z a-z 0-9 - . _ ~ ! ' ( ) *
const unreserved = /[A-Za-z0-9\-._~!'()*]/;
const hex = (byte) => `%${byte < 16 ? '0' : ''}${byte.toString(16).toUpperCase()}`;

// Percent-encodes UTF-8. Like Node, a surrogate takes the next code unit as its pair
// whatever it is, and a surrogate at the end of the string is an error.
function escape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  let out = '';
  for (let i = 0; i < str.length; i++) {
    let code = str.charCodeAt(i);
    if (code < 0x80) {
      out += unreserved.test(str[i]) ? str[i] : hex(code);
    } else if (code < 0x800) {
      out += hex(0xc0 | (code >> 6)) + hex(0x80 | (code & 0x3f));
    } else if (code < 0xd800 || code >= 0xe000) {
      out += hex(0xe0 | (code >> 12)) + hex(0x80 | ((code >> 6) & 0x3f)) + hex(0x80 | (code & 0x3f));
    } else {
      if (++i >= str.length) throw invalidUri();
      code = 0x10000 + (((code & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
      out += hex(0xf0 | (code >> 18)) + hex(0x80 | ((code >> 12) & 0x3f)) +
        hex(0x80 | ((code >> 6) & 0x3f)) + hex(0x80 | (code & 0x3f));
    }
  }
  return out;
}

const hexValue = (code) => {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
};

// Decodes %XX escapes (and '+' when decodeSpaces) into bytes; anything else is kept, each
// code unit as one byte as Node keeps it.
function unescapeBuffer(s, decodeSpaces) {
  const bytes = [];
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 43 && decodeSpaces) {
      bytes.push(32);
      continue;
    }
    if (code === 37 && i + 2 < s.length) {
      const high = hexValue(s.charCodeAt(i + 1));
      const low = hexValue(s.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        bytes.push(high * 16 + low);
        i += 2;
        continue;
      }
    }
    bytes.push(code & 0xff);
  }
  return Buffer.from(bytes);
}

function unescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return module.exports.unescapeBuffer(s, decodeSpaces).toString();
  }
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return `${v}`;
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeStringified(v, encode) {
  if (typeof v === 'string') return v.length ? encode(v) : '';
  if (typeof v === 'number' && Number.isFinite(v)) return Math.abs(v) < 1e21 ? `${v}` : encode(`${v}`);
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function stringify(obj, sep, eq, options) {
  sep ||= '&';
  eq ||= '=';
  let encode = module.exports.escape;
  if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
  const convert = encode === escape ? encodeStringified : (v, e) => e(stringifyPrimitive(v));
  if (obj === null || typeof obj !== 'object') return '';
  const fields = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const prefix = convert(key, encode) + eq;
    if (Array.isArray(value)) {
      for (const item of value) fields.push(prefix + convert(item, encode));
    } else {
      fields.push(prefix + convert(value, encode));
    }
  }
  return fields.join(sep);
}

// Whether the default decoder has anything to do: a '+' or a valid %XX escape.
function needsDecoding(s) {
  if (s.includes('+')) return true;
  for (let i = s.indexOf('%'); i !== -1 && i < s.length - 2; i = s.indexOf('%', i + 1)) {
    if (hexValue(s.charCodeAt(i + 1)) >= 0 && hexValue(s.charCodeAt(i + 2)) >= 0) return true;
  }
  return false;
}

function parse(qs, sep, eq, options) {
  const obj = { __proto__: null };
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  const separator = !sep ? '&' : String(sep);
  const equals = !eq ? '=' : String(eq);
  let pairs = 1000;
  if (options && typeof options.maxKeys === 'number') pairs = options.maxKeys > 0 ? options.maxKeys : 0;
  let decode = module.exports.unescape;
  if (options && typeof options.decodeURIComponent === 'function') decode = options.decodeURIComponent;
  const custom = decode !== unescape;
  const decodeStr = (s) => {
    if (!custom && !needsDecoding(s)) return s;
    s = s.replace(/\+/g, ' ');
    try {
      return decode(s);
    } catch {
      return module.exports.unescape(s, true);
    }
  };

  const chunks = separator.length ? qs.split(separator) : [qs];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    if (chunk.length > 0) {
      const at = equals.length ? chunk.indexOf(equals) : 0;
      const [rawKey, rawValue] = at === -1 ? [chunk, ''] : [chunk.slice(0, at), chunk.slice(at + equals.length)];
      const key = decodeStr(rawKey);
      const value = decodeStr(rawValue);
      const current = obj[key];
      if (current === undefined) obj[key] = value;
      else if (Array.isArray(current)) current.push(value);
      else obj[key] = [current, value];
    }
    // Every separator uses up one of maxKeys, empty pairs too.
    if (i < chunks.length - 1 && --pairs === 0) break;
  }
  return obj;
}

module.exports = {
  unescapeBuffer,
  unescape,
  escape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};
