'use strict';
// Blob and File (W3C File API), and the blob: URLs of URL.createObjectURL.

const { codedError, invalidArgType } = require('internal/errors');
const { kType, invalidThis, inspectCustom, customInspect } = require('internal/webstreams/util');

const kParts = Symbol('kParts');
const { kClone, kDeserialize, markTransferMode } = require('internal/worker/js_transferable');

function invalidArgValue(name, value) {
  return require('internal/errors').invalidArgValue(name, value);
}

const encoder = new (require('internal/web').TextEncoder)();

function normalizeLineEndings(text) {
  const eol = require('os').EOL;
  return text.replace(/\r\n|\r|\n/g, eol);
}

// The bytes of one blob part, copied.
function partBytes(part, endings) {
  if (typeof part === 'string') {
    return encoder.encode(endings === 'native' ? normalizeLineEndings(part) : part);
  }
  if (isBlob(part)) return part[kParts];
  if (part instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && part instanceof SharedArrayBuffer)) {
    return new Uint8Array(part.slice(0));
  }
  if (ArrayBuffer.isView(part)) {
    return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
  }
  const text = `${part}`;
  return encoder.encode(endings === 'native' ? normalizeLineEndings(text) : text);
}

function concat(parts) {
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

function readOptions(options) {
  if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
      `The "options" argument must be a dictionary. ${require('internal/errors').describeReceived(options)}`);
  }
  const endings = options?.endings === undefined ? 'transparent' : `${options.endings}`;
  if (endings !== 'transparent' && endings !== 'native') throw invalidArgValue('options.endings', options.endings);
  return { endings, type: normalizeType(options?.type === undefined ? '' : `${options.type}`) };
}

// A type of other than printable ASCII is the empty string; otherwise lower-cased.
function normalizeType(type) {
  return /^[\x20-\x7E]*$/.test(type) ? type.toLowerCase() : '';
}

function toSequence(sources) {
  if (sources === undefined) return [];
  if (sources === null || (typeof sources !== 'object' && typeof sources !== 'function')
    || typeof sources[Symbol.iterator] !== 'function') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Value cannot be converted to sequence.');
  }
  return [...sources];
}

function isBlob(value) {
  return value !== null && typeof value === 'object' && kParts in value;
}

const kCreate = Symbol('kCreate');

// The bytes a clone carries: the blob's own, without the rest of a buffer it shares.
function ownBytes(bytes) {
  return bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

class Blob {
  #type;
  constructor(sources = [], options = undefined) {
    markTransferMode(this, true, false);
    if (sources === kCreate) {
      this[kParts] = options.bytes;
      this.#type = options.type;
      return;
    }
    const parts = toSequence(sources);
    const { endings, type } = readOptions(options);
    this[kParts] = concat(parts.map((part) => partBytes(part, endings)));
    this.#type = type;
  }

  [kClone]() {
    return { data: { bytes: ownBytes(this[kParts]), type: this.#type }, deserializeInfo: 'internal/blob:Blob' };
  }

  [kDeserialize]({ bytes, type }) {
    this[kParts] = bytes;
    this.#type = type;
  }

  get type() {
    if (!isBlob(this)) throw invalidThis('Blob');
    return this.#type;
  }

  get size() {
    if (!isBlob(this)) throw invalidThis('Blob');
    return this[kParts].byteLength;
  }

  slice(start = 0, end = this.size, contentType = '') {
    if (!isBlob(this)) throw invalidThis('Blob');
    const size = this.size;
    const clamp = (value) => {
      value = Math.trunc(Number(value)) || 0;
      return value < 0 ? Math.max(size + value, 0) : Math.min(value, size);
    };
    const from = clamp(start);
    const to = clamp(end);
    const bytes = this[kParts].subarray(from, Math.max(from, to));
    return new Blob(kCreate, { bytes, type: normalizeType(`${contentType}`) });
  }

  arrayBuffer() {
    if (!isBlob(this)) return Promise.reject(invalidThis('Blob'));
    const bytes = this[kParts];
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }

  text() {
    if (!isBlob(this)) return Promise.reject(invalidThis('Blob'));
    return Promise.resolve(new (require('internal/web').TextDecoder)().decode(this[kParts]));
  }

  bytes() {
    if (!isBlob(this)) return Promise.reject(invalidThis('Blob'));
    return Promise.resolve(this[kParts].slice());
  }

  stream() {
    if (!isBlob(this)) throw invalidThis('Blob');
    const bytes = this[kParts];
    const chunkSize = 65536 * 2;
    let offset = 0;
    const { ReadableStream } = require('internal/webstreams/readablestream');
    return new ReadableStream({
      type: 'bytes',
      pull(controller) {
        if (offset >= bytes.byteLength) {
          controller.close();
          controller.byobRequest?.respond(0);
          return;
        }
        const end = Math.min(offset + chunkSize, bytes.byteLength);
        const request = controller.byobRequest;
        if (request !== null) {
          const n = Math.min(end - offset, request.view.byteLength);
          request.view.set(bytes.subarray(offset, offset + n));
          offset += n;
          request.respond(n);
        } else {
          controller.enqueue(bytes.slice(offset, end));
          offset = end;
        }
        if (offset >= bytes.byteLength) {
          controller.close();
        }
      },
    });
  }

  textStream() {
    if (!isBlob(this)) throw invalidThis('Blob');
    const { TextDecoderStream } = require('internal/webstreams/encoding');
    return this.stream().pipeThrough(new TextDecoderStream());
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, 'Blob', { size: this.size, type: this.type }, depth, options, inspect);
  }
}

class File extends Blob {
  #name;
  #lastModified;
  constructor(fileBits, fileName, options = {}) {
    if (arguments.length < 2) {
      throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "fileBits" and "fileName" arguments must be specified');
    }
    super(fileBits, options);
    this.#name = `${fileName}`;
    const lastModified = options?.lastModified;
    this.#lastModified = lastModified === undefined ? Date.now() : Math.trunc(Number(lastModified)) || 0;
  }

  [kClone]() {
    const data = { bytes: ownBytes(this[kParts]), type: this.type, name: this.#name, lastModified: this.#lastModified };
    return { data, deserializeInfo: 'internal/blob:ClonedFile' };
  }

  [kDeserialize]({ bytes, type, name, lastModified }) {
    super[kDeserialize]({ bytes, type });
    this.#name = name;
    this.#lastModified = lastModified;
  }

  get name() {
    if (!(#name in this)) throw invalidThis('File');
    return this.#name;
  }

  get lastModified() {
    if (!(#name in this)) throw invalidThis('File');
    return this.#lastModified;
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, 'File', {
      size: this.size, type: this.type, name: this.#name, lastModified: this.#lastModified,
    }, depth, options, inspect);
  }
}

// What a cloned File is made from before its fields are read back.
function ClonedFile() {
  return new File([], '');
}

Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });
Object.defineProperty(File.prototype, Symbol.toStringTag, { value: 'File', configurable: true });
for (const name of ['type', 'size', 'slice', 'arrayBuffer', 'text', 'bytes', 'stream', 'textStream']) {
  Object.defineProperty(Blob.prototype, name, { enumerable: true });
}
for (const name of ['name', 'lastModified']) Object.defineProperty(File.prototype, name, { enumerable: true });

// ---- blob: URLs ----
const objectURLs = new Map();

function createObjectURL(obj) {
  if (!isBlob(obj)) throw invalidArgType('obj', 'an instance of Blob', obj);
  const id = require('crypto').randomUUID();
  const url = `blob:nodedata:${id}`;
  objectURLs.set(id, obj);
  return url;
}

function idOf(url) {
  if (!url.startsWith('blob:nodedata:')) return undefined;
  const rest = url.slice('blob:nodedata:'.length);
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

function revokeObjectURL(url) {
  if (arguments.length === 0) {
    throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "url" argument must be specified');
  }
  const id = idOf(`${url}`);
  if (id !== undefined) objectURLs.delete(id);
}

function resolveObjectURL(url) {
  url = `${url}`;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'blob:') return undefined;
  const id = idOf(parsed.href);
  const blob = id === undefined ? undefined : objectURLs.get(id);
  if (blob === undefined) return undefined;
  // A new Blob over the same bytes, as node hands out.
  return new Blob(kCreate, { bytes: blob[kParts], type: blob.type });
}

module.exports = { Blob, File, ClonedFile, isBlob, createObjectURL, revokeObjectURL, resolveObjectURL, kType };
