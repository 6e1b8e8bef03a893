'use strict';
// util.MIMEType and util.MIMEParams: MIME types parsed and serialized as the WHATWG MIME
// Sniffing standard says (https://mimesniff.spec.whatwg.org/#parsing-a-mime-type).

const { codedError } = require('internal/errors');

const HTTP_WHITESPACE = '\t\n\r ';
const NOT_TOKEN = /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const NOT_QUOTED_STRING_TOKEN = /[^\t\u0020-\u007E\u0080-\u00FF]/;

function invalidSyntax(production, text, invalidIndex = -1) {
  const at = invalidIndex === -1 ? '' : ` at ${invalidIndex}`;
  return codedError(TypeError, 'ERR_INVALID_MIME_SYNTAX', `The MIME syntax for a ${production} in "${text}" is invalid${at}`);
}

const isWhitespace = (char) => HTTP_WHITESPACE.includes(char);

function trimWhitespace(text) {
  let start = 0;
  let end = text.length;
  while (start < end && isWhitespace(text[start])) start++;
  while (end > start && isWhitespace(text[end - 1])) end--;
  return text.slice(start, end);
}

function trimTrailingWhitespace(text) {
  let end = text.length;
  while (end > 0 && isWhitespace(text[end - 1])) end--;
  return text.slice(0, end);
}

// A token (a type, subtype or parameter name), or the error naming its production.
function checkToken(production, text) {
  const invalidIndex = text.search(NOT_TOKEN);
  if (text.length === 0 || invalidIndex !== -1) throw invalidSyntax(production, text, invalidIndex);
  return text;
}

// The parameters after the subtype, from `position` (at a ';'), into `params` (first wins).
function parseParameters(input, position, params) {
  while (position < input.length) {
    position++;
    while (position < input.length && isWhitespace(input[position])) position++;
    let nameEnd = position;
    while (nameEnd < input.length && input[nameEnd] !== ';' && input[nameEnd] !== '=') nameEnd++;
    const name = input.slice(position, nameEnd).toLowerCase();
    position = nameEnd;
    if (position < input.length) {
      if (input[position] === ';') continue;
      position++;
    }
    if (position >= input.length) break;
    let value;
    if (input[position] === '"') {
      [value, position] = collectQuotedString(input, position);
      while (position < input.length && input[position] !== ';') position++;
    } else {
      let valueEnd = position;
      while (valueEnd < input.length && input[valueEnd] !== ';') valueEnd++;
      value = trimTrailingWhitespace(input.slice(position, valueEnd));
      position = valueEnd;
      if (value === '') continue;
    }
    if (name !== '' && !NOT_TOKEN.test(name) && !NOT_QUOTED_STRING_TOKEN.test(value) && !params.has(name)) {
      params.set(name, value);
    }
  }
}

// An HTTP quoted string's value (escapes removed) starting at the '"' at `position`, and
// the position after it.
function collectQuotedString(input, position) {
  let value = '';
  position++;
  for (;;) {
    while (position < input.length && input[position] !== '"' && input[position] !== '\\') value += input[position++];
    if (position >= input.length) break;
    const quoteOrBackslash = input[position++];
    if (quoteOrBackslash !== '\\') break;
    if (position >= input.length) {
      value += '\\';
      break;
    }
    value += input[position++];
  }
  return [value, position];
}

function serializeValue(value) {
  if (value !== '' && !NOT_TOKEN.test(value)) return value;
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

let parseParametersInto;

class MIMEParams {
  #data = new Map();

  // Every method goes through here, so a foreign receiver gets V8's brand-check TypeError.
  #map() {
    return this.#data;
  }

  delete(name) {
    this.#map().delete(`${name}`.toLowerCase());
  }

  get(name) {
    const value = this.#map().get(`${name}`.toLowerCase());
    return value === undefined ? null : value;
  }

  has(name) {
    return this.#map().has(`${name}`.toLowerCase());
  }

  set(name, value) {
    const data = this.#map();
    name = `${name}`;
    value = `${value}`;
    checkToken('parameter name', name);
    const invalidValueIndex = value.search(NOT_QUOTED_STRING_TOKEN);
    if (invalidValueIndex !== -1) throw invalidSyntax('parameter value', value, invalidValueIndex);
    data.set(name.toLowerCase(), value);
  }

  entries() {
    return this.#map().entries();
  }

  keys() {
    return this.#map().keys();
  }

  values() {
    return this.#map().values();
  }

  toString() {
    let text = '';
    for (const [name, value] of this.#map()) text += `${text === '' ? '' : ';'}${name}=${serializeValue(value)}`;
    return text;
  }

  toJSON() {
    return this.toString();
  }

  static {
    parseParametersInto = (params, input, position) => parseParameters(input, position, params.#data);
  }
}
MIMEParams.prototype[Symbol.iterator] = MIMEParams.prototype.entries;

class MIMEType {
  #type;
  #subtype;
  #params;

  constructor(input) {
    input = `${input}`;
    const text = trimWhitespace(input);
    const slash = text.indexOf('/');
    const type = slash === -1 ? text : text.slice(0, slash);
    const invalidTypeIndex = type.search(NOT_TOKEN);
    if (type.length === 0 || invalidTypeIndex !== -1 || slash === -1) {
      throw invalidSyntax('type', input, invalidTypeIndex);
    }
    let subtypeEnd = slash + 1;
    while (subtypeEnd < text.length && text[subtypeEnd] !== ';') subtypeEnd++;
    const subtype = trimTrailingWhitespace(text.slice(slash + 1, subtypeEnd));
    const invalidSubtypeIndex = subtype.search(NOT_TOKEN);
    if (subtype.length === 0 || invalidSubtypeIndex !== -1) throw invalidSyntax('subtype', input, invalidSubtypeIndex);
    this.#type = type.toLowerCase();
    this.#subtype = subtype.toLowerCase();
    this.#params = new MIMEParams();
    parseParametersInto(this.#params, text, subtypeEnd);
  }

  // A MIMEType, or null where the constructor would throw.
  static parse(input) {
    try {
      return new MIMEType(input);
    } catch {
      return null;
    }
  }

  get type() {
    return this.#type;
  }

  set type(value) {
    this.#type = checkToken('type', `${value}`).toLowerCase();
  }

  get subtype() {
    return this.#subtype;
  }

  set subtype(value) {
    this.#subtype = checkToken('subtype', `${value}`).toLowerCase();
  }

  get essence() {
    return `${this.#type}/${this.#subtype}`;
  }

  get params() {
    return this.#params;
  }

  toString() {
    const params = `${this.#params}`;
    return `${this.#type}/${this.#subtype}${params === '' ? '' : `;${params}`}`;
  }

  toJSON() {
    return this.toString();
  }
}

module.exports = { MIMEParams, MIMEType };
