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

// A blob's content is a list of pieces: bytes in memory ({ bytes }), or a range of a file as
// it was when opened ({ file: { path, size, mtimeMs }, start, end }), read when asked for.

// The pieces of one blob part (bytes copied).
function partPieces(part, endings) {
  if (typeof part === 'string') {
    return [{ bytes: encoder.encode(endings === 'native' ? normalizeLineEndings(part) : part) }];
  }
  if (isBlob(part)) return part[kParts];
  if (part instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && part instanceof SharedArrayBuffer)) {
    return [{ bytes: new Uint8Array(part.slice(0)) }];
  }
  if (ArrayBuffer.isView(part)) {
    return [{ bytes: new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength)) }];
  }
  const text = `${part}`;
  return [{ bytes: encoder.encode(endings === 'native' ? normalizeLineEndings(text) : text) }];
}

function concatBytes(list) {
  let length = 0;
  for (const bytes of list) length += bytes.byteLength;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const bytes of list) {
    joined.set(bytes, offset);
    offset += bytes.byteLength;
  }
  return joined;
}

// The pieces of several parts as one list, neighbouring bytes joined.
function concatPieces(lists) {
  const pieces = [];
  let run = [];
  const flush = () => {
    if (run.length > 0) pieces.push({ bytes: run.length === 1 ? run[0] : concatBytes(run) });
    run = [];
  };
  for (const list of lists) {
    for (const piece of list) {
      if (piece.bytes !== undefined) {
        if (piece.bytes.byteLength > 0) run.push(piece.bytes);
      } else {
        flush();
        pieces.push(piece);
      }
    }
  }
  flush();
  return pieces;
}

function pieceSize(piece) {
  return piece.bytes !== undefined ? piece.bytes.byteLength : piece.end - piece.start;
}

function piecesSize(pieces) {
  let size = 0;
  for (const piece of pieces) size += pieceSize(piece);
  return size;
}

// The pieces of bytes [from, to) of a blob (a file's pieces kept even when empty: reading
// them still checks the file).
function slicePieces(pieces, from, to) {
  const sliced = [];
  let offset = 0;
  for (const piece of pieces) {
    const size = pieceSize(piece);
    const start = Math.max(from - offset, 0);
    const end = Math.min(to - offset, size);
    offset += size;
    if (end < start || (end === start && piece.bytes !== undefined)) continue;
    if (piece.bytes !== undefined) sliced.push({ bytes: piece.bytes.subarray(start, end) });
    else sliced.push({ file: piece.file, start: piece.start + start, end: piece.start + end });
  }
  return sliced;
}

function hasFilePieces(pieces) {
  return pieces.some((piece) => piece.file !== undefined);
}

function notReadable() {
  const { DOMException } = require('internal/per_context/domexception');
  return new DOMException('The blob could not be read', 'NotReadableError');
}

// Bytes [start, end) of a file piece, refused if the file changed since it was opened.
async function readFileRange(file, start, end) {
  const fsPromises = require('fs').promises;
  let handle;
  try {
    handle = await fsPromises.open(file.path, 'r');
    const stats = await handle.stat();
    if (stats.size !== file.size || stats.mtimeMs !== file.mtimeMs) throw notReadable();
    const bytes = new Uint8Array(end - start);
    let filled = 0;
    while (filled < bytes.byteLength) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.byteLength - filled, start + filled);
      if (bytesRead === 0) throw notReadable();
      filled += bytesRead;
    }
    return bytes;
  } catch (err) {
    if (err?.name === 'NotReadableError') throw err;
    throw notReadable();
  } finally {
    await handle?.close();
  }
}

// All of a blob's bytes.
async function readPieces(pieces) {
  if (!hasFilePieces(pieces)) return concatBytes(pieces.map((piece) => piece.bytes));
  const list = [];
  for (const piece of pieces) {
    list.push(piece.bytes !== undefined ? piece.bytes : await readFileRange(piece.file, piece.start, piece.end));
  }
  return concatBytes(list);
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

// The bytes a clone carries: the blob's own, without the rest of a buffer it shares. Blobs
// over files stay with their thread, as node's.
function cloneBytes(pieces) {
  if (hasFilePieces(pieces)) {
    throw codedError(Error, 'ERR_INVALID_STATE', 'Invalid state: File-backed Blobs are not cloneable');
  }
  const bytes = concatBytes(pieces.map((piece) => piece.bytes));
  return bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

class Blob {
  #type;
  constructor(sources = [], options = undefined) {
    markTransferMode(this, true, false);
    if (sources === kCreate) {
      this[kParts] = options.pieces;
      this.#type = options.type;
      return;
    }
    const parts = toSequence(sources);
    const { endings, type } = readOptions(options);
    this[kParts] = concatPieces(parts.map((part) => partPieces(part, endings)));
    this.#type = type;
  }

  [kClone]() {
    return { data: { bytes: cloneBytes(this[kParts]), type: this.#type }, deserializeInfo: 'internal/blob:Blob' };
  }

  [kDeserialize]({ bytes, type }) {
    this[kParts] = bytes.byteLength > 0 ? [{ bytes }] : [];
    this.#type = type;
  }

  get type() {
    if (!isBlob(this)) throw invalidThis('Blob');
    return this.#type;
  }

  get size() {
    if (!isBlob(this)) throw invalidThis('Blob');
    return piecesSize(this[kParts]);
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
    const pieces = slicePieces(this[kParts], from, Math.max(from, to));
    return new Blob(kCreate, { pieces, type: normalizeType(`${contentType}`) });
  }

  arrayBuffer() {
    if (!isBlob(this)) return Promise.reject(invalidThis('Blob'));
    return readPieces(this[kParts]).then((bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }

  text() {
    if (!isBlob(this)) return Promise.reject(invalidThis('Blob'));
    return readPieces(this[kParts]).then((bytes) => new (require('internal/web').TextDecoder)().decode(bytes));
  }

  bytes() {
    if (!isBlob(this)) return Promise.reject(invalidThis('Blob'));
    return readPieces(this[kParts]).then((bytes) => (bytes.buffer.byteLength === bytes.byteLength ? bytes : bytes.slice()));
  }

  stream() {
    if (!isBlob(this)) throw invalidThis('Blob');
    const pieces = this[kParts];
    const chunkSize = 65536 * 2;
    // Where the reading is: the piece, and the offset in it.
    let index = 0;
    let offset = 0;
    const next = async () => {
      while (index < pieces.length) {
        const piece = pieces[index];
        const size = pieceSize(piece);
        const end = Math.min(offset + chunkSize, size);
        // A file's piece is read, and so checked, even when it holds nothing.
        const chunk = piece.bytes !== undefined ? piece.bytes.slice(offset, end)
          : await readFileRange(piece.file, piece.start + offset, piece.start + end);
        offset = end;
        if (offset >= size) {
          index++;
          offset = 0;
        }
        if (chunk.byteLength > 0) return chunk;
      }
      return null;
    };
    const { ReadableStream } = require('internal/webstreams/readablestream');
    return new ReadableStream({
      type: 'bytes',
      async pull(controller) {
        const chunk = await next();
        if (chunk === null) {
          controller.close();
          controller.byobRequest?.respond(0);
          return;
        }
        const request = controller.byobRequest;
        if (request !== null && request.view.byteLength >= chunk.byteLength) {
          request.view.set(chunk);
          request.respond(chunk.byteLength);
        } else {
          controller.enqueue(chunk);
        }
        if (index >= pieces.length) controller.close();
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
    // As node converts it: unary plus (a bigint throws), NaN as 0.
    const modified = lastModified === undefined ? Date.now() : +lastModified;
    this.#lastModified = Number.isNaN(modified) ? 0 : modified;
  }

  [kClone]() {
    const data = { bytes: cloneBytes(this[kParts]), type: this.type, name: this.#name, lastModified: this.#lastModified };
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
  return new Blob(kCreate, { pieces: blob[kParts], type: blob.type });
}

// fs.openAsBlob: a Blob over the file as it is now; reading it after the file changed is a
// NotReadableError.
function openAsBlob(path, options = {}) {
  const { toPath } = require('internal/fs/utils');
  const { validateObject, validateString } = require('internal/errors');
  path = toPath(path);
  validateObject(options, 'options');
  const type = options.type ?? '';
  validateString(type, 'options.type');
  let stats;
  try {
    stats = require('fs').statSync(path);
  } catch (err) {
    if (err.code === 'ERR_ACCESS_DENIED') throw err;
    stats = undefined;
  }
  if (stats === undefined || !stats.isFile()) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Unable to open file as blob');
  }
  const file = { path: require('path').resolve(path), size: stats.size, mtimeMs: stats.mtimeMs };
  return Promise.resolve(new Blob(kCreate, { pieces: [{ file, start: 0, end: stats.size }], type }));
}

module.exports = { Blob, File, ClonedFile, isBlob, createObjectURL, revokeObjectURL, resolveObjectURL, openAsBlob, kType };
