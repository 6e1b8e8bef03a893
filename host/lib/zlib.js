'use strict';
// zlib: deflate/inflate (zlib, gzip, raw, auto-detecting unzip), brotli and zstd as
// Transform streams, their one-shot callback and *Sync forms, and crc32, with node's
// options, flush modes and errors. Each stream owns a native engine (runtime/zlib.rs): the
// *Sync forms run it on the JS thread, streams and callbacks run it off the JS thread and
// get the result back through the loop.

const { Buffer, kMaxLength } = require('buffer');
const { Transform, finished } = require('stream');
const { codedError, invalidArgType, outOfRange, validateBoolean, validateFunction } = require('internal/errors');
const { bindToFrame } = require('internal/async_hooks');

const native = binding.zlib();

const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1,
  Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3,
  Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4897, DEFLATE: 1, INFLATE: 2, GZIP: 3,
  GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
  ZSTD_DECOMPRESS: 11, ZSTD_COMPRESS: 10, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15,
  Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
  Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9,
  Z_DEFAULT_LEVEL: -1, BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1,
  BROTLI_OPERATION_FINISH: 2, BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0,
  BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0,
  BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11,
  BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24,
  BROTLI_LARGE_MAX_WINDOW_BITS: 30, BROTLI_DEFAULT_WINDOW: 22, BROTLI_PARAM_LGBLOCK: 3,
  BROTLI_MIN_INPUT_BLOCK_BITS: 16, BROTLI_MAX_INPUT_BLOCK_BITS: 24,
  BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5,
  BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8,
  BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1,
  BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3,
  BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0, BROTLI_DECODER_PARAM_LARGE_WINDOW: 1,
  BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2,
  BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1,
  BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
  BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
  BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
  BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
  BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
  BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
  BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
  BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
  BROTLI_DECODER_ERROR_UNREACHABLE: -31, ZSTD_e_continue: 0, ZSTD_e_flush: 1, ZSTD_e_end: 2,
  ZSTD_fast: 1, ZSTD_dfast: 2, ZSTD_greedy: 3, ZSTD_lazy: 4, ZSTD_lazy2: 5, ZSTD_btlazy2: 6,
  ZSTD_btopt: 7, ZSTD_btultra: 8, ZSTD_btultra2: 9, ZSTD_c_compressionLevel: 100,
  ZSTD_c_windowLog: 101, ZSTD_c_hashLog: 102, ZSTD_c_chainLog: 103, ZSTD_c_searchLog: 104,
  ZSTD_c_minMatch: 105, ZSTD_c_targetLength: 106, ZSTD_c_strategy: 107,
  ZSTD_c_enableLongDistanceMatching: 160, ZSTD_c_ldmHashLog: 161, ZSTD_c_ldmMinMatch: 162,
  ZSTD_c_ldmBucketSizeLog: 163, ZSTD_c_ldmHashRateLog: 164, ZSTD_c_contentSizeFlag: 200,
  ZSTD_c_checksumFlag: 201, ZSTD_c_dictIDFlag: 202, ZSTD_c_nbWorkers: 400, ZSTD_c_jobSize: 401,
  ZSTD_c_overlapLog: 402, ZSTD_d_windowLogMax: 100, ZSTD_CLEVEL_DEFAULT: 3,
  ZSTD_error_no_error: 0, ZSTD_error_GENERIC: 1, ZSTD_error_prefix_unknown: 10,
  ZSTD_error_version_unsupported: 12, ZSTD_error_frameParameter_unsupported: 14,
  ZSTD_error_frameParameter_windowTooLarge: 16, ZSTD_error_corruption_detected: 20,
  ZSTD_error_checksum_wrong: 22, ZSTD_error_literals_headerWrong: 24,
  ZSTD_error_dictionary_corrupted: 30, ZSTD_error_dictionary_wrong: 32,
  ZSTD_error_dictionaryCreation_failed: 34, ZSTD_error_parameter_unsupported: 40,
  ZSTD_error_parameter_combination_unsupported: 41, ZSTD_error_parameter_outOfBound: 42,
  ZSTD_error_tableLog_tooLarge: 44, ZSTD_error_maxSymbolValue_tooLarge: 46,
  ZSTD_error_maxSymbolValue_tooSmall: 48, ZSTD_error_stabilityCondition_notRespected: 50,
  ZSTD_error_stage_wrong: 60, ZSTD_error_init_missing: 62, ZSTD_error_memory_allocation: 64,
  ZSTD_error_workSpace_tooSmall: 66, ZSTD_error_dstSize_tooSmall: 70, ZSTD_error_srcSize_wrong: 72,
  ZSTD_error_dstBuffer_null: 74, ZSTD_error_noForwardProgress_destFull: 80,
  ZSTD_error_noForwardProgress_inputEmpty: 82,
};
Object.freeze(constants);

const {
  Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH, Z_MIN_CHUNK,
  Z_MIN_WINDOWBITS, Z_MAX_WINDOWBITS, Z_MIN_LEVEL, Z_MAX_LEVEL, Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL,
  Z_DEFAULT_CHUNK, Z_DEFAULT_COMPRESSION, Z_DEFAULT_STRATEGY, Z_DEFAULT_WINDOWBITS,
  Z_DEFAULT_MEMLEVEL, Z_FIXED, DEFLATE, DEFLATERAW, INFLATE, INFLATERAW, GZIP, GUNZIP, UNZIP,
  BROTLI_DECODE, BROTLI_ENCODE, ZSTD_COMPRESS, ZSTD_DECOMPRESS, BROTLI_OPERATION_PROCESS,
  BROTLI_OPERATION_FLUSH, BROTLI_OPERATION_FINISH, BROTLI_OPERATION_EMIT_METADATA,
  ZSTD_e_continue, ZSTD_e_flush, ZSTD_e_end,
} = constants;

const codes = {
  Z_OK: constants.Z_OK, Z_STREAM_END: constants.Z_STREAM_END, Z_NEED_DICT: constants.Z_NEED_DICT,
  Z_ERRNO: constants.Z_ERRNO, Z_STREAM_ERROR: constants.Z_STREAM_ERROR,
  Z_DATA_ERROR: constants.Z_DATA_ERROR, Z_MEM_ERROR: constants.Z_MEM_ERROR,
  Z_BUF_ERROR: constants.Z_BUF_ERROR, Z_VERSION_ERROR: constants.Z_VERSION_ERROR,
};
for (const name of Object.keys(codes)) codes[codes[name]] = name;

const ownerSymbol = Symbol('owner_symbol');
const kFlushFlag = Symbol('kFlushFlag');
const kError = Symbol('kError');

const isArrayBufferView = ArrayBuffer.isView;
const isAnyArrayBuffer = (value) => value instanceof ArrayBuffer ||
  (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer) ||
  ['ArrayBuffer', 'SharedArrayBuffer'].includes(Object.prototype.toString.call(value).slice(8, -1));

// ---- the native handles (node's binding.Zlib, BrotliEncoder, ...) ----

const pendingWrites = new Map();
let nextRequest = 1;

internals.zlibWriteDone = function (request, result) {
  const done = pendingWrites.get(request);
  pendingWrites.delete(request);
  done(result);
};

// One engine and its write state; `write` runs it off the JS thread, `writeSync` on it.
// Errors go to `onerror(message, errno, code)`, as node's handles report them. The state is
// private: a handle shows what node's does (onerror and its owner).
class CompressionHandle {
  #mode;
  #id = -1;
  #writeState = null;
  #callback = null;
  #writeInProgress = false;
  #pendingClose = false;

  constructor(mode) {
    this.#mode = mode;
  }

  // Makes the engine from `create`'s arguments after the mode.
  adopt(createArgs, writeState, callback) {
    const created = native.create(this.#mode, ...createArgs);
    if (Array.isArray(created)) {
      this.onerror?.(...created);
      return false;
    }
    if (created < 0) return false;
    this.#id = created;
    this.#writeState = writeState;
    this.#callback = callback;
    return true;
  }

  #finishWrite(result) {
    const [availOut, availIn, error] = result;
    if (error) {
      this.#writeInProgress = false;
      this.onerror(...error);
      return false;
    }
    this.#writeState[0] = availOut;
    this.#writeState[1] = availIn;
    return true;
  }

  writeSync(flush, input, inOff, inLen, out, outOff, outLen) {
    if (this.#id < 0) return;
    const [inView, outView] = windowsOf(input, inOff, inLen, out, outOff, outLen);
    this.#finishWrite(native.write(this.#id, flush, inView, outView));
  }

  write(flush, input, inOff, inLen, out, outOff, outLen) {
    if (this.#id < 0) return;
    const [inView, outView] = windowsOf(input, inOff, inLen, out, outOff, outLen);
    const request = nextRequest++;
    this.#writeInProgress = true;
    pendingWrites.set(request, bindToFrame((result) => {
      this.#writeInProgress = false;
      if (!this.#finishWrite(result)) return;
      this.#callback.call(this);
      if (this.#pendingClose) this.close();
    }));
    native.write(this.#id, flush, inView, outView, request);
  }

  params(level, strategy) {
    if (this.#id < 0) return;
    const error = native.params(this.#id, level, strategy);
    if (error) this.onerror(...error);
  }

  reset() {
    if (this.#writeInProgress) throw new Error('Cannot reset zlib stream while a write is in progress');
    if (this.#id < 0) return;
    const error = native.reset(this.#id);
    if (error) this.onerror(...error);
  }

  close() {
    if (this.#writeInProgress) {
      this.#pendingClose = true;
      return;
    }
    this.#pendingClose = false;
    if (this.#id >= 0) native.close(this.#id);
    this.#id = -1;
  }
}

// The input and output windows as views, checked against the buffers' real lengths (the
// engine reads and writes them in place).
const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const viewLength = Object.getOwnPropertyDescriptor(typedArrayPrototype, 'byteLength').get;
const viewOffset = Object.getOwnPropertyDescriptor(typedArrayPrototype, 'byteOffset').get;
function windowOf(view, offset, length, which) {
  const isDataView = view instanceof DataView;
  const realLength = isDataView ? view.byteLength : viewLength.call(view);
  if (!(offset >= 0 && length >= 0 && offset + length <= realLength)) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `${which} buffer is out of bounds`);
  }
  const start = isDataView ? view.byteOffset : viewOffset.call(view);
  return new Uint8Array(view.buffer, start + offset, length);
}
function windowsOf(input, inOff, inLen, out, outOff, outLen) {
  return [windowOf(input, inOff, inLen, 'input'), windowOf(out, outOff, outLen, 'output')];
}

class Zlib extends CompressionHandle {
  init(windowBits, level, memLevel, strategy, writeState, callback, dictionary, rejectGarbageAfterEnd) {
    return this.adopt([windowBits, level, memLevel, strategy, dictionary, rejectGarbageAfterEnd], writeState, callback);
  }

  get jsref() { return this[ownerSymbol]; }
  set jsref(value) { this[ownerSymbol] = value; }
}

class BrotliEncoder extends CompressionHandle {
  init(params, writeState, callback, dictionary) {
    return this.adopt([params, dictionary], writeState, callback);
  }
}

class BrotliDecoder extends BrotliEncoder {}

class ZstdCompress extends CompressionHandle {
  constructor(mode = ZSTD_COMPRESS) { super(mode); }

  init(params, pledgedSrcSize, writeState, callback) {
    return this.adopt([params, pledgedSrcSize], writeState, callback);
  }
}

class ZstdDecompress extends ZstdCompress {
  constructor() { super(ZSTD_DECOMPRESS); }
}

// ---- argument checks ----

function validateFiniteNumber(number, name) {
  if (number === undefined) return false;
  if (Number.isFinite(number)) return true;
  if (Number.isNaN(number)) return false;
  if (typeof number !== 'number') throw invalidArgType(name, 'of type number', number);
  throw outOfRange(name, 'a finite number', number);
}

function checkRangesOrGetDefault(number, name, lower, upper, def) {
  if (!validateFiniteNumber(number, name)) return def;
  if (number < lower || number > upper) throw outOfRange(name, `>= ${lower} and <= ${upper}`, number);
  return number;
}

function bufferTooLarge(max) {
  return codedError(RangeError, 'ERR_BUFFER_TOO_LARGE', `Cannot create a Buffer larger than ${max} bytes`);
}

function genericError(message, errno, code) {
  const error = new Error(message);
  error.errno = errno;
  error.code = code;
  return error;
}

// ---- one-shot forms ----

function zlibBuffer(engine, buffer, callback) {
  validateFunction(callback, 'callback');
  if (isArrayBufferView(buffer) && !(buffer instanceof Uint8Array)) {
    buffer = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } else if (isAnyArrayBuffer(buffer)) {
    buffer = Buffer.from(buffer);
  }
  engine.buffers = null;
  engine.nread = 0;
  engine.cb = callback;
  engine.on('data', zlibBufferOnData);
  engine.on('error', zlibBufferOnError);
  engine.on('end', zlibBufferOnEnd);
  engine.end(buffer);
}

function zlibBufferOnData(chunk) {
  if (!this.buffers) this.buffers = [chunk];
  else this.buffers.push(chunk);
  this.nread += chunk.length;
  if (this.nread > this._maxOutputLength) {
    this.close();
    this.removeAllListeners('end');
    this.cb(bufferTooLarge(this._maxOutputLength));
  }
}

function zlibBufferOnError(err) {
  this.removeAllListeners('end');
  this.cb(err);
}

function zlibBufferOnEnd() {
  let buffer;
  if (this.nread === 0) buffer = Buffer.alloc(0);
  else buffer = this.buffers.length === 1 ? this.buffers[0] : Buffer.concat(this.buffers, this.nread);
  this.close();
  if (this._info) this.cb(null, { buffer, engine: this });
  else this.cb(null, buffer);
}

function zlibBufferSync(engine, buffer) {
  if (typeof buffer === 'string') {
    buffer = Buffer.from(buffer);
  } else if (!isArrayBufferView(buffer)) {
    if (isAnyArrayBuffer(buffer)) buffer = Buffer.from(buffer);
    else throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer', buffer);
  }
  buffer = processChunkSync(engine, buffer, engine._finishFlushFlag);
  if (engine._info) return { buffer, engine };
  return buffer;
}

function zlibOnError(message, errno, code) {
  const self = this[ownerSymbol];
  const error = genericError(message, errno, code);
  self.destroy(error);
  self[kError] = error;
}

// ---- the stream base ----

// The lowest and highest flush flag of zlib, brotli and zstd, by node's _flushBoundIdx.
const FLUSH_BOUNDS = [
  [Z_NO_FLUSH, Z_BLOCK],
  [BROTLI_OPERATION_PROCESS, BROTLI_OPERATION_EMIT_METADATA],
  [ZSTD_e_continue, ZSTD_e_end],
];

function flushBoundIndexOf(mode) {
  if (mode === BROTLI_ENCODE || mode === BROTLI_DECODE) return 1;
  if (mode === ZSTD_COMPRESS || mode === ZSTD_DECOMPRESS) return 2;
  return 0;
}

function ZlibBase(opts, mode, handle, { flush, finishFlush, fullFlush }) {
  let chunkSize = Z_DEFAULT_CHUNK;
  let maxOutputLength = kMaxLength;
  const flushBoundIdx = flushBoundIndexOf(mode);
  const [lowestFlush, highestFlush] = FLUSH_BOUNDS[flushBoundIdx];
  if (opts) {
    chunkSize = opts.chunkSize;
    if (!validateFiniteNumber(chunkSize, 'options.chunkSize')) chunkSize = Z_DEFAULT_CHUNK;
    else if (chunkSize < Z_MIN_CHUNK) throw outOfRange('options.chunkSize', `>= ${Z_MIN_CHUNK}`, chunkSize);
    flush = checkRangesOrGetDefault(opts.flush, 'options.flush', lowestFlush, highestFlush, flush);
    finishFlush = checkRangesOrGetDefault(opts.finishFlush, 'options.finishFlush', lowestFlush, highestFlush, finishFlush);
    maxOutputLength = checkRangesOrGetDefault(opts.maxOutputLength, 'options.maxOutputLength', 1, kMaxLength, kMaxLength);
    if (opts.encoding || opts.objectMode || opts.writableObjectMode) {
      opts = { ...opts, encoding: null, objectMode: false, writableObjectMode: false };
    }
  }
  Transform.call(this, { autoDestroy: true, ...opts });
  this[kError] = null;
  this.bytesWritten = 0;
  this._handle = handle;
  handle[ownerSymbol] = this;
  handle.onerror = zlibOnError;
  this._outBuffer = Buffer.allocUnsafe(chunkSize);
  this._outOffset = 0;
  this._chunkSize = chunkSize;
  this._defaultFlushFlag = flush;
  this._finishFlushFlag = finishFlush;
  this._defaultFullFlushFlag = fullFlush;
  this._flushBoundIdx = flushBoundIdx;
  this._info = opts?.info;
  this._maxOutputLength = maxOutputLength;
  this._rejectGarbageAfterEnd = rejectGarbageAfterEndOption(opts);
}

function rejectGarbageAfterEndOption(opts) {
  const reject = opts?.rejectGarbageAfterEnd;
  if (reject === undefined) return false;
  validateBoolean(reject, 'options.rejectGarbageAfterEnd');
  return reject;
}
Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
Object.setPrototypeOf(ZlibBase, Transform);

Object.defineProperty(ZlibBase.prototype, '_closed', {
  configurable: true,
  enumerable: true,
  get() { return !this._handle; },
});

let bytesReadWarned = false;
Object.defineProperty(ZlibBase.prototype, 'bytesRead', {
  configurable: true,
  enumerable: true,
  get() {
    if (!bytesReadWarned) {
      bytesReadWarned = true;
      process.emitWarning('zlib.bytesRead is deprecated and will change its meaning in the future. Use zlib.bytesWritten instead.', 'DeprecationWarning', 'DEP0108');
    }
    return this.bytesWritten;
  },
  set(value) {
    if (!bytesReadWarned) {
      bytesReadWarned = true;
      process.emitWarning('Setting zlib.bytesRead is deprecated. This feature will be removed in the future.', 'DeprecationWarning', 'DEP0108');
    }
    this.bytesWritten = value;
  },
});

ZlibBase.prototype.reset = function reset() {
  if (!this._handle) throw assertionError('zlib binding closed');
  return this._handle.reset();
};

ZlibBase.prototype._flush = function _flush(callback) {
  this._transform(Buffer.alloc(0), '', callback);
};

// Which of two flushes is the stronger (for the last chunk's flag).
const flushOrder = [Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH];
const flushStrength = [];
flushOrder.forEach((flag, strength) => { flushStrength[flag] = strength; });
const strongerFlush = (a, b) => (flushStrength[a] > flushStrength[b] ? a : b);

// Empty buffers that carry a flush flag through write() to _transform.
const flushBuffers = [];
for (const flag of flushOrder) {
  flushBuffers[flag] = Buffer.from(new ArrayBuffer(0));
  flushBuffers[flag][kFlushFlag] = flag;
}

ZlibBase.prototype.flush = function flush(kind, callback) {
  if (typeof kind === 'function' || (kind === undefined && !callback)) {
    callback = kind;
    kind = this._defaultFullFlushFlag;
  }
  const [lowestFlush, highestFlush] = FLUSH_BOUNDS[this._flushBoundIdx];
  kind = checkRangesOrGetDefault(kind, 'kind', lowestFlush, highestFlush, this._defaultFullFlushFlag);
  if (this.writableFinished) {
    if (callback) process.nextTick(callback);
  } else if (this.writableEnded) {
    if (callback) this.once('end', callback);
  } else {
    this.write(flushBuffers[kind], '', callback);
  }
};

ZlibBase.prototype.close = function close(callback) {
  if (callback) finished(this, callback);
  this.destroy();
};

ZlibBase.prototype._destroy = function _destroy(err, callback) {
  closeEngine(this);
  callback(err);
};

ZlibBase.prototype._transform = function _transform(chunk, encoding, cb) {
  let flushFlag = this._defaultFlushFlag;
  if (typeof chunk[kFlushFlag] === 'number') flushFlag = chunk[kFlushFlag];
  if (this.writableEnded && this.writableLength === chunk.byteLength) {
    flushFlag = strongerFlush(flushFlag, this._finishFlushFlag);
  }
  processChunk(this, chunk, flushFlag, cb);
};

ZlibBase.prototype._processChunk = function _processChunk(chunk, flushFlag, cb) {
  if (typeof cb === 'function') processChunk(this, chunk, flushFlag, cb);
  else return processChunkSync(this, chunk, flushFlag);
};

function assertionError(message) {
  const { AssertionError } = require('assert');
  return new AssertionError({ message });
}

function processChunkSync(self, chunk, flushFlag) {
  let availInBefore = chunk.byteLength;
  let availOutBefore = self._chunkSize - self._outOffset;
  let inOff = 0;
  const buffers = [];
  let nread = 0;
  let inputRead = 0;
  const state = self._writeState;
  const handle = self._handle;
  let buffer = self._outBuffer;
  let offset = self._outOffset;
  const chunkSize = self._chunkSize;

  let error;
  self.on('error', (er) => { error = er; });

  let availInAfter;
  while (true) {
    handle.writeSync(flushFlag, chunk, inOff, availInBefore, buffer, offset, availOutBefore);
    if (error) throw error;
    else if (self[kError]) throw self[kError];
    const availOutAfter = state[0];
    availInAfter = state[1];
    const inDelta = availInBefore - availInAfter;
    inputRead += inDelta;
    const have = availOutBefore - availOutAfter;
    if (have > 0) {
      const out = buffer.slice(offset, offset + have);
      offset += have;
      buffers.push(out);
      nread += out.byteLength;
      if (nread > self._maxOutputLength) {
        closeEngine(self);
        throw bufferTooLarge(self._maxOutputLength);
      }
    }
    if (availOutAfter === 0 || offset >= chunkSize) {
      availOutBefore = chunkSize;
      offset = 0;
      buffer = Buffer.allocUnsafe(chunkSize);
    }
    if (availOutAfter === 0) {
      inOff += inDelta;
      availInBefore = availInAfter;
    } else {
      break;
    }
  }

  self.bytesWritten = inputRead;
  closeEngine(self);
  if (availInAfter > 0 && self._rejectGarbageAfterEnd) throw trailingJunk();
  if (nread === 0) return Buffer.alloc(0);
  return buffers.length === 1 ? buffers[0] : Buffer.concat(buffers, nread);
}

function processChunk(self, chunk, flushFlag, cb) {
  const handle = self._handle;
  if (!handle) return process.nextTick(cb);
  handle.buffer = chunk;
  handle.cb = cb;
  handle.availOutBefore = self._chunkSize - self._outOffset;
  handle.availInBefore = chunk.byteLength;
  handle.inOff = 0;
  handle.flushFlag = flushFlag;
  handle.write(flushFlag, chunk, 0, handle.availInBefore, self._outBuffer, self._outOffset, handle.availOutBefore);
}

// Runs with the handle as `this` when a write finished off the JS thread.
function processCallback() {
  const handle = this;
  const self = this[ownerSymbol];
  const state = self._writeState;

  if (self.destroyed) {
    this.buffer = null;
    this.cb();
    return;
  }

  const availOutAfter = state[0];
  const availInAfter = state[1];
  const inDelta = handle.availInBefore - availInAfter;
  self.bytesWritten += inDelta;

  const have = handle.availOutBefore - availOutAfter;
  let streamBufferIsFull = false;
  if (have > 0) {
    const out = self._outBuffer.slice(self._outOffset, self._outOffset + have);
    self._outOffset += have;
    streamBufferIsFull = !self.push(out);
  }

  if (self.destroyed) {
    this.cb();
    return;
  }

  if (availOutAfter === 0 || self._outOffset >= self._chunkSize) {
    handle.availOutBefore = self._chunkSize;
    self._outOffset = 0;
    self._outBuffer = Buffer.allocUnsafe(self._chunkSize);
  }

  if (availOutAfter === 0) {
    // The output window filled up: run again on the rest of the input.
    handle.inOff += inDelta;
    handle.availInBefore = availInAfter;
    const again = () => handle.write(handle.flushFlag, this.buffer, handle.inOff, handle.availInBefore, self._outBuffer, self._outOffset, self._chunkSize);
    if (!streamBufferIsFull) {
      again();
    } else {
      const oldRead = self._read;
      self._read = (n) => {
        self._read = oldRead;
        again();
        self._read(n);
      };
    }
    return;
  }

  if (availInAfter > 0) {
    // Output room left but input unread: the compressed stream ended before the input did.
    if (self._rejectGarbageAfterEnd) {
      const err = trailingJunk();
      self.destroy(err);
      this.cb(err);
      return;
    }
    self.push(null);
  }

  this.buffer = null;
  this.cb();
}

function trailingJunk() {
  return codedError(TypeError, 'ERR_TRAILING_JUNK_AFTER_STREAM_END', 'Trailing junk found after the end of the compressed stream');
}

function closeEngine(engine) {
  engine._handle?.close();
  engine._handle = null;
}

// ---- zlib's streams ----

const zlibDefaultOpts = { flush: Z_NO_FLUSH, finishFlush: Z_FINISH, fullFlush: Z_FULL_FLUSH };

function ZlibStream(opts, mode) {
  let windowBits = Z_DEFAULT_WINDOWBITS;
  let level = Z_DEFAULT_COMPRESSION;
  let memLevel = Z_DEFAULT_MEMLEVEL;
  let strategy = Z_DEFAULT_STRATEGY;
  let dictionary;
  if (opts) {
    // On the decompression side windowBits 0 means "the window size the header says".
    if ((opts.windowBits == null || opts.windowBits === 0) && (mode === INFLATE || mode === GUNZIP || mode === UNZIP)) {
      windowBits = 0;
    } else {
      const min = Z_MIN_WINDOWBITS + (mode === GZIP ? 1 : 0);
      windowBits = checkRangesOrGetDefault(opts.windowBits, 'options.windowBits', min, Z_MAX_WINDOWBITS, Z_DEFAULT_WINDOWBITS);
    }
    level = checkRangesOrGetDefault(opts.level, 'options.level', Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_COMPRESSION);
    memLevel = checkRangesOrGetDefault(opts.memLevel, 'options.memLevel', Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_MEMLEVEL);
    strategy = checkRangesOrGetDefault(opts.strategy, 'options.strategy', Z_DEFAULT_STRATEGY, Z_FIXED, Z_DEFAULT_STRATEGY);
    dictionary = opts.dictionary;
    if (dictionary !== undefined && !isArrayBufferView(dictionary)) {
      if (isAnyArrayBuffer(dictionary)) dictionary = Buffer.from(dictionary);
      else throw invalidArgType('options.dictionary', 'an instance of Buffer, TypedArray, DataView, or ArrayBuffer', dictionary);
    }
  }
  const handle = new Zlib(mode);
  this._writeState = new Uint32Array(2);
  // Also stops a gunzip at the end of its first member.
  const rejectGarbageAfterEnd = rejectGarbageAfterEndOption(opts);
  handle.init(windowBits, level, memLevel, strategy, this._writeState, processCallback, dictionary, rejectGarbageAfterEnd);
  ZlibBase.call(this, opts, mode, handle, zlibDefaultOpts);
  this._level = level;
  this._strategy = strategy;
  this._mode = mode;
}
Object.setPrototypeOf(ZlibStream.prototype, ZlibBase.prototype);
Object.setPrototypeOf(ZlibStream, ZlibBase);

function paramsAfterFlushCallback(level, strategy, callback) {
  if (!this._handle) throw assertionError('zlib binding closed');
  this._handle.params(level, strategy);
  if (!this.destroyed) {
    this._level = level;
    this._strategy = strategy;
    if (callback) callback();
  }
}

ZlibStream.prototype.params = function params(level, strategy, callback) {
  checkRangesOrGetDefault(level, 'level', Z_MIN_LEVEL, Z_MAX_LEVEL);
  checkRangesOrGetDefault(strategy, 'strategy', Z_DEFAULT_STRATEGY, Z_FIXED);
  if (this._level !== level || this._strategy !== strategy) {
    this.flush(Z_SYNC_FLUSH, paramsAfterFlushCallback.bind(this, level, strategy, callback));
  } else {
    process.nextTick(callback);
  }
};

let instantiationWarned = false;
function withoutNew(ctor, opts) {
  if (!instantiationWarned) {
    instantiationWarned = true;
    process.emitWarning(`Instantiating ${ctor.name} without the 'new' keyword has been deprecated.`, 'DeprecationWarning', 'DEP0184');
  }
  return new ctor(opts);
}

function zlibClass(name, mode, adjust) {
  const ctor = {
    [name]: function (opts) {
      if (adjust) opts = adjust(opts);
      if (!(this instanceof ctor)) return withoutNew(ctor, opts);
      ZlibStream.call(this, opts, mode);
    },
  }[name];
  ctor.prototype = Object.create(ZlibStream.prototype, { constructor: { value: ctor, writable: true, configurable: true } });
  Object.setPrototypeOf(ctor, ZlibStream);
  return ctor;
}

const Deflate = zlibClass('Deflate', DEFLATE);
const Inflate = zlibClass('Inflate', INFLATE);
const Gzip = zlibClass('Gzip', GZIP);
const Gunzip = zlibClass('Gunzip', GUNZIP);
const DeflateRaw = zlibClass('DeflateRaw', DEFLATERAW, (opts) => {
  // zlib refuses raw deflate with an 8-bit window; node asks for 9 instead.
  if (opts && opts.windowBits === 8) opts.windowBits = 9;
  return opts;
});
const InflateRaw = zlibClass('InflateRaw', INFLATERAW);
const Unzip = zlibClass('Unzip', UNZIP);

// ---- brotli ----

const maxParamOf = (prefix) => Math.max(...Object.entries(constants).map(([key, value]) => (key.startsWith(prefix) ? value : 0)));
const kMaxBrotliParam = maxParamOf('BROTLI_PARAM_');
const brotliInitParams = new Uint32Array(kMaxBrotliParam + 1);
const brotliDefaultOpts = { flush: BROTLI_OPERATION_PROCESS, finishFlush: BROTLI_OPERATION_FINISH, fullFlush: BROTLI_OPERATION_FLUSH };

function initializationFailed(message = 'Initialization failed') {
  return codedError(Error, 'ERR_ZLIB_INITIALIZATION_FAILED', message);
}

// Fills `array` (all -1 first) from `opts.params`, with node's checks.
function collectParams(opts, array, maxParam, invalidParam) {
  array.fill(-1);
  if (!opts?.params) return;
  for (const origKey of Object.keys(opts.params)) {
    const key = +origKey;
    if (Number.isNaN(key) || key < 0 || key > maxParam || (array[key] | 0) !== -1) throw invalidParam(origKey);
    const value = opts.params[origKey];
    if (typeof value !== 'number' && typeof value !== 'boolean') {
      throw invalidArgType('options.params[key]', 'of type number', value);
    }
    array[key] = value;
  }
}

function Brotli(opts, mode) {
  collectParams(opts, brotliInitParams, kMaxBrotliParam, (key) => codedError(RangeError, 'ERR_BROTLI_INVALID_PARAM', `${key} is not a valid Brotli parameter`));
  let dictionary = opts?.dictionary;
  if (dictionary !== undefined && !isArrayBufferView(dictionary)) {
    if (isAnyArrayBuffer(dictionary)) dictionary = Buffer.from(dictionary);
    else throw invalidArgType('options.dictionary', 'an instance of Buffer, TypedArray, DataView, or ArrayBuffer', dictionary);
  }
  const handle = mode === BROTLI_DECODE ? new BrotliDecoder(mode) : new BrotliEncoder(mode);
  this._writeState = new Uint32Array(2);
  if (!handle.init(brotliInitParams, this._writeState, processCallback, dictionary)) throw initializationFailed();
  ZlibBase.call(this, opts, mode, handle, brotliDefaultOpts);
}
Object.setPrototypeOf(Brotli.prototype, ZlibStream.prototype);
Object.setPrototypeOf(Brotli, ZlibStream);

function brotliClass(name, mode) {
  const ctor = {
    [name]: function (opts) {
      if (!(this instanceof ctor)) return withoutNew(ctor, opts);
      Brotli.call(this, opts, mode);
    },
  }[name];
  ctor.prototype = Object.create(Brotli.prototype, { constructor: { value: ctor, writable: true, configurable: true } });
  Object.setPrototypeOf(ctor, Brotli);
  return ctor;
}

const BrotliCompress = brotliClass('BrotliCompress', BROTLI_ENCODE);
const BrotliDecompress = brotliClass('BrotliDecompress', BROTLI_DECODE);

// ---- zstd ----

const zstdDefaultOpts = { flush: ZSTD_e_continue, finishFlush: ZSTD_e_end, fullFlush: ZSTD_e_flush };
const kMaxZstdCParam = maxParamOf('ZSTD_c_');
const kMaxZstdDParam = maxParamOf('ZSTD_d_');
const zstdInitCParams = new Uint32Array(kMaxZstdCParam + 1);
const zstdInitDParams = new Uint32Array(kMaxZstdDParam + 1);

class Zstd extends ZlibBase {
  constructor(opts, mode, initParams, maxParam) {
    collectParams(opts, initParams, maxParam, (key) => codedError(RangeError, 'ERR_ZSTD_INVALID_PARAM', `${key} is not a valid zstd parameter`));
    const handle = mode === ZSTD_COMPRESS ? new ZstdCompress() : new ZstdDecompress();
    const pledgedSrcSize = opts?.pledgedSrcSize ?? undefined;
    const writeState = new Uint32Array(2);
    if (!handle.init(initParams, pledgedSrcSize, writeState, processCallback)) {
      throw initializationFailed('Setting parameter failed');
    }
    super(opts, mode, handle, zstdDefaultOpts);
    this._writeState = writeState;
  }
}

class ZstdCompressStream extends Zstd {
  constructor(opts) { super(opts, ZSTD_COMPRESS, zstdInitCParams, kMaxZstdCParam); }
}
Object.defineProperty(ZstdCompressStream, 'name', { value: 'ZstdCompress' });

class ZstdDecompressStream extends Zstd {
  constructor(opts) { super(opts, ZSTD_DECOMPRESS, zstdInitDParams, kMaxZstdDParam); }
}
Object.defineProperty(ZstdDecompressStream, 'name', { value: 'ZstdDecompress' });

// ---- exports ----

function convenience(ctor, sync) {
  if (sync) {
    return function syncBufferWrapper(buffer, opts) {
      return zlibBufferSync(new ctor(opts), buffer);
    };
  }
  return function asyncBufferWrapper(buffer, opts, callback) {
    if (typeof opts === 'function') {
      callback = opts;
      opts = {};
    }
    return zlibBuffer(new ctor(opts), buffer, callback);
  };
}

function crc32(data, value = 0) {
  if (typeof data !== 'string' && !isArrayBufferView(data)) {
    throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }
  if (typeof value !== 'number') throw invalidArgType('value', 'of type number', value);
  if (!Number.isInteger(value)) throw outOfRange('value', 'an integer', value);
  if (value < 0 || value > 4294967295) throw outOfRange('value', '>= 0 && <= 4294967295', value);
  return native.crc32(data, value);
}

module.exports = {
  crc32,
  Deflate,
  Inflate,
  Gzip,
  Gunzip,
  DeflateRaw,
  InflateRaw,
  Unzip,
  BrotliCompress,
  BrotliDecompress,
  ZstdCompress: ZstdCompressStream,
  ZstdDecompress: ZstdDecompressStream,
  deflate: convenience(Deflate, false),
  deflateSync: convenience(Deflate, true),
  gzip: convenience(Gzip, false),
  gzipSync: convenience(Gzip, true),
  deflateRaw: convenience(DeflateRaw, false),
  deflateRawSync: convenience(DeflateRaw, true),
  unzip: convenience(Unzip, false),
  unzipSync: convenience(Unzip, true),
  inflate: convenience(Inflate, false),
  inflateSync: convenience(Inflate, true),
  gunzip: convenience(Gunzip, false),
  gunzipSync: convenience(Gunzip, true),
  inflateRaw: convenience(InflateRaw, false),
  inflateRawSync: convenience(InflateRaw, true),
  brotliCompress: convenience(BrotliCompress, false),
  brotliCompressSync: convenience(BrotliCompress, true),
  brotliDecompress: convenience(BrotliDecompress, false),
  brotliDecompressSync: convenience(BrotliDecompress, true),
  zstdCompress: convenience(ZstdCompressStream, false),
  zstdCompressSync: convenience(ZstdCompressStream, true),
  zstdDecompress: convenience(ZstdDecompressStream, false),
  zstdDecompressSync: convenience(ZstdDecompressStream, true),
};

for (const ctor of [Deflate, Inflate, DeflateRaw, InflateRaw, Gzip, Gunzip, Unzip, BrotliCompress, BrotliDecompress, ZstdCompressStream, ZstdDecompressStream]) {
  Object.defineProperty(module.exports, `create${ctor.name}`, {
    configurable: true,
    enumerable: true,
    // node 24's create* functions are anonymous property values: their name is 'value'.
    value: function (options) { return new ctor(options); },
  });
}
Object.defineProperties(module.exports, {
  constants: { configurable: false, enumerable: true, value: constants },
  codes: { enumerable: true, writable: false, value: Object.freeze(codes) },
});

// The legacy top-level constants (not brotli's).
for (const [key, value] of Object.entries(constants)) {
  if (key.startsWith('BROTLI')) continue;
  Object.defineProperty(module.exports, key, { enumerable: false, value, writable: false });
}
