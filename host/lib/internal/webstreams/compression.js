'use strict';
// CompressionStream and DecompressionStream: zlib's streams behind a TransformStream.

const { kState, codedError, inspectCustom, customInspect } = require('internal/webstreams/util');
const { createTransformStream } = require('internal/webstreams/transformstream');

let zlib;
const formats = ['deflate', 'deflate-raw', 'gzip', 'brotli'];

function readFormat(format, className) {
  const name = `${format}`;
  if (!formats.includes(name)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `Failed to construct '${className}': 1st argument '${name}' is not a valid enum value of type CompressionFormat.`);
  }
  return name;
}

function chunkError(chunk) {
  if (chunk === null) return codedError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
  const { invalidArgType } = require('internal/errors');
  return invalidArgType('chunk', 'of type string or an instance of Buffer, TypedArray, or DataView', chunk);
}

function isBufferSource(chunk) {
  const shared = (buffer) => typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer;
  if (ArrayBuffer.isView(chunk)) return !shared(chunk.buffer);
  return chunk instanceof ArrayBuffer;
}

// Engine errors reach the stream as TypeErrors carrying the engine's code (as node's do).
function asTypeError(err) {
  if (err instanceof TypeError) return err;
  const error = new TypeError(undefined, { cause: err });
  if (err?.code !== undefined) error.code = err.code;
  return error;
}

// A TransformStream whose chunks go through `engine` (a zlib Transform).
function engineTransform(engine) {
  let controller;
  let failure = null;
  const waiters = new Set();
  const fail = (err) => {
    if (failure !== null) return;
    failure = asTypeError(err);
    try {
      controller.error(failure);
    } catch {
      // Already errored or closed.
    }
    for (const waiter of waiters) waiter.reject(failure);
    waiters.clear();
  };
  engine.on('data', (chunk) => {
    if (failure === null) controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  engine.on('error', fail);
  const wait = (start) => new Promise((resolve, reject) => {
    if (failure !== null) {
      reject(failure);
      return;
    }
    const waiter = { reject };
    waiters.add(waiter);
    start(() => {
      waiters.delete(waiter);
      if (failure !== null) reject(failure);
      else resolve();
    });
  });
  const stream = createTransformStream((chunk) => {
    if (typeof chunk === 'string') return wait((done) => engine.write(chunk, () => done()));
    if (!isBufferSource(chunk)) {
      const err = chunkError(chunk);
      fail(err);
      return Promise.reject(err);
    }
    const bytes = ArrayBuffer.isView(chunk)
      ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : new Uint8Array(chunk);
    // The engine may keep the bytes past this call; the writer may reuse its buffer.
    return wait((done) => engine.write(Buffer.from(bytes), () => done()));
  }, () => wait((done) => {
    engine.once('end', done);
    engine.end();
  }), () => {
    engine.destroy();
    return Promise.resolve();
  // As node's stream over the engine, the output side holds what the engine would before
  // writes wait for a reader: its high-water mark, in bytes.
  }, 1, engine.readableHighWaterMark, (chunk) => chunk.byteLength);
  controller = stream[kState].controller;
  return stream;
}

class CompressionStream {
  #transform;
  constructor(format) {
    format = readFormat(format, 'CompressionStream');
    zlib ??= require('zlib');
    const engine = format === 'deflate' ? zlib.createDeflate()
      : format === 'deflate-raw' ? zlib.createDeflateRaw()
        : format === 'gzip' ? zlib.createGzip() : zlib.createBrotliCompress();
    this.#transform = engineTransform(engine);
  }

  get readable() {
    return this.#transform.readable;
  }

  get writable() {
    return this.#transform.writable;
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, {
      readable: this.readable, writable: this.writable,
    }, depth, options, inspect);
  }
}

class DecompressionStream {
  #transform;
  constructor(format) {
    format = readFormat(format, 'DecompressionStream');
    zlib ??= require('zlib');
    const options = { rejectGarbageAfterEnd: true };
    const engine = format === 'deflate' ? zlib.createInflate(options)
      : format === 'deflate-raw' ? zlib.createInflateRaw(options)
        : format === 'gzip' ? zlib.createGunzip(options) : zlib.createBrotliDecompress(options);
    this.#transform = engineTransform(engine);
  }

  get readable() {
    return this.#transform.readable;
  }

  get writable() {
    return this.#transform.writable;
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, {
      readable: this.readable, writable: this.writable,
    }, depth, options, inspect);
  }
}

for (const C of [CompressionStream, DecompressionStream]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
  for (const name of ['readable', 'writable']) Object.defineProperty(C.prototype, name, { enumerable: true });
}

module.exports = { CompressionStream, DecompressionStream };
