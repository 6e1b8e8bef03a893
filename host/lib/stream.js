'use strict';
// stream: Readable, Writable, Duplex, Transform and PassThrough with node's buffering,
// flowing/paused modes, backpressure and destroy semantics, plus pipeline and finished.
// Constructors are plain functions so that `Readable.call(this)` subclasses work as in node.

const EventEmitter = require('events');
const { Buffer } = require('buffer');
const { AbortError, codedError, invalidArgType } = require('internal/errors');

// Node's coded stream errors: `Error [ERR_STREAM_PREMATURE_CLOSE]: Premature close`.
function streamError(Kind, code, message) {
  return require('internal/errors').codedError(Kind, code, message);
}

const prematureClose = () => streamError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close');

let defaultHighWaterMark = 64 * 1024;
let defaultObjectModeHighWaterMark = 16;
const getDefaultHighWaterMark = (objectMode) => (objectMode ? defaultObjectModeHighWaterMark : defaultHighWaterMark);
const setDefaultHighWaterMark = (objectMode, value) => {
  require('internal/errors').validateInteger(value, 'value', 0);
  if (objectMode) defaultObjectModeHighWaterMark = value;
  else defaultHighWaterMark = value;
};

const unknownEncoding = (encoding) => codedError(TypeError, 'ERR_UNKNOWN_ENCODING', require('util').format('Unknown encoding: %s', encoding));

function defaultEncodingOf(options) {
  const encoding = options?.defaultEncoding;
  if (encoding == null || encoding === 'utf8' || encoding === 'utf-8') return 'utf8';
  if (!Buffer.isEncoding(encoding)) throw unknownEncoding(encoding);
  return encoding;
}

// The duplex keys (readableHighWaterMark, writableHighWaterMark) count only for a Duplex.
function highWaterMarkOf(options, duplexKey, objectMode, isDuplex) {
  const value = options?.highWaterMark ?? (isDuplex ? options?.[duplexKey] : null);
  if (value === undefined || value === null) return getDefaultHighWaterMark(objectMode);
  if (!Number.isInteger(value) || value < 0) {
    const name = isDuplex ? `options.${duplexKey}` : 'options.highWaterMark';
    const received = require('internal/inspect').inspect(value);
    throw streamError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}' is invalid. Received ${received}`);
  }
  return value;
}

// ---- legacy Stream ----

function Stream(options) {
  EventEmitter.call(this, options);
}
Object.setPrototypeOf(Stream.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Stream, EventEmitter);

Stream.prototype.pipe = function pipe(dest, options) {
  const source = this;
  const ondata = (chunk) => {
    if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
  };
  const ondrain = () => {
    if (source.readable && source.resume) source.resume();
  };
  source.on('data', ondata);
  dest.on('drain', ondrain);
  if (options?.end !== false) source.on('end', () => dest.end());
  dest.emit('pipe', source);
  return dest;
};

// ---- destroy, shared by both sides ----

function destroy(err, callback) {
  const readableState = this._readableState;
  const writableState = this._writableState;
  const state = writableState ?? readableState;
  if (state.destroyed) {
    if (typeof callback === 'function') callback();
    return this;
  }
  if (err) {
    if (writableState && !writableState.errored) writableState.errored = err;
    if (readableState && !readableState.errored) readableState.errored = err;
  }
  if (writableState) writableState.destroyed = true;
  if (readableState) readableState.destroyed = true;
  const finish = (er) => {
    if (er) {
      if (writableState && !writableState.errored) writableState.errored = er;
      if (readableState && !readableState.errored) readableState.errored = er;
    }
    if (writableState) writableState.closed = true;
    if (readableState) readableState.closed = true;
    if (typeof callback === 'function') callback(er);
    process.nextTick(emitErrorCloseNT, this, er);
  };
  const run = () => {
    try {
      this._destroy(err || null, finish);
    } catch (thrown) {
      finish(thrown);
    }
  };
  if (state.constructed === false) this.once('__constructed', run);
  else run();
  return this;
}

function emitErrorCloseNT(stream, err) {
  const readableState = stream._readableState;
  const writableState = stream._writableState;
  const state = writableState ?? readableState;
  if (err && !state.errorEmitted) {
    if (writableState) writableState.errorEmitted = true;
    if (readableState) readableState.errorEmitted = true;
    stream.emit('error', err);
  }
  if (state.emitClose && !state.closeEmitted) {
    if (writableState) writableState.closeEmitted = true;
    if (readableState) readableState.closeEmitted = true;
    stream.emit('close');
  }
}

function errorOrDestroy(stream, err) {
  const state = stream._writableState ?? stream._readableState;
  if (state.destroyed || state.errorEmitted) return;
  const autoDestroy = (stream._readableState?.autoDestroy ?? true) && (stream._writableState?.autoDestroy ?? true);
  if (autoDestroy) stream.destroy(err);
  else if (err) {
    if (stream._writableState && !stream._writableState.errored) stream._writableState.errored = err;
    if (stream._readableState && !stream._readableState.errored) stream._readableState.errored = err;
    state.errorEmitted = true;
    process.nextTick(() => stream.emit('error', err));
  }
}

function construct(stream) {
  if (typeof stream._construct !== 'function') return;
  const states = [stream._readableState, stream._writableState].filter(Boolean);
  for (const state of states) state.constructed = false;
  process.nextTick(() => {
    stream._construct((err) => {
      for (const state of states) state.constructed = true;
      stream.emit('__constructed');
      if (err) return errorOrDestroy(stream, err);
      if (stream._readableState?.needReadable) stream.read(0);
      if (stream._writableState) {
        clearBuffer(stream, stream._writableState);
        finishMaybe(stream, stream._writableState);
      }
    });
  });
}

function takeImplementations(stream, options, names) {
  for (const name of names) {
    if (typeof options?.[name] === 'function') stream[`_${name}`] = options[name];
  }
}

// ---- Readable ----

function ReadableState(options, isDuplex) {
  this.objectMode = Boolean(options?.objectMode || (isDuplex && options?.readableObjectMode));
  this.highWaterMark = highWaterMarkOf(options, 'readableHighWaterMark', this.objectMode, isDuplex);
  this.buffer = [];
  this.length = 0;
  this.pipes = [];
  this.flowing = null;
  this.ended = false;
  this.endEmitted = false;
  this.reading = false;
  this.constructed = true;
  this.sync = true;
  this.needReadable = false;
  this.emittedReadable = false;
  this.readableListening = false;
  this.resumeScheduled = false;
  this.errorEmitted = false;
  this.emitClose = options?.emitClose !== false;
  this.autoDestroy = options?.autoDestroy !== false;
  this.destroyed = false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this.defaultEncoding = defaultEncodingOf(options);
  this.dataEmitted = false;
  this.decoder = null;
  this.encoding = null;
  if (options?.encoding) {
    const { StringDecoder } = require('string_decoder');
    this.decoder = new StringDecoder(options.encoding);
    this.encoding = options.encoding;
  }
}

function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  const isDuplex = this instanceof Duplex;
  this._readableState = new ReadableState(options, isDuplex);
  takeImplementations(this, options, ['read', 'destroy', 'construct']);
  // Once per stream: Duplex and Transform come through here too.
  if (options?.signal) addAbortSignal(options.signal, this);
  Stream.call(this, options);
  construct(this);
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);
Readable.ReadableState = ReadableState;

Readable.prototype.destroy = destroy;
Readable.prototype._destroy = function (err, callback) {
  callback(err);
};
Readable.prototype._read = function () {
  throw streamError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _read() method is not implemented');
};

function chunkOf(stream, state, chunk, encoding) {
  if (state.objectMode) return chunk;
  if (typeof chunk === 'string') {
    encoding ||= state.defaultEncoding;
    return state.encoding === encoding ? chunk : Buffer.from(chunk, encoding);
  }
  if (chunk instanceof Buffer) return chunk;
  if (ArrayBuffer.isView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw invalidArgType('chunk', 'of type string or an instance of Buffer, TypedArray, or DataView', chunk);
}

function readableAddChunk(stream, chunk, encoding, addToFront) {
  const state = stream._readableState;
  if (chunk === null) {
    state.reading = false;
    onEofChunk(stream, state);
    return false;
  }
  try {
    chunk = chunkOf(stream, state, chunk, encoding);
  } catch (err) {
    errorOrDestroy(stream, err);
    return false;
  }
  if (addToFront) {
    if (state.endEmitted) {
      errorOrDestroy(stream, streamError(Error, 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event'));
      return false;
    }
    if (state.destroyed || state.errored) return false;
    addChunk(stream, state, chunk, true);
  } else if (state.ended) {
    errorOrDestroy(stream, streamError(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'));
    return false;
  } else if (state.destroyed || state.errored) {
    return false;
  } else {
    state.reading = false;
    if (state.decoder && typeof chunk !== 'string' && !state.objectMode) {
      chunk = state.decoder.write(chunk);
      if (chunk.length === 0) {
        maybeReadMore(stream, state);
        return state.length < state.highWaterMark;
      }
    }
    addChunk(stream, state, chunk, false);
  }
  return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}

function addChunk(stream, state, chunk, addToFront) {
  if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
    state.dataEmitted = true;
    stream.emit('data', chunk);
  } else {
    state.length += state.objectMode ? 1 : chunk.length;
    if (addToFront) state.buffer.unshift(chunk);
    else state.buffer.push(chunk);
    if (state.needReadable) emitReadable(stream);
  }
  maybeReadMore(stream, state);
}

Readable.prototype.push = function push(chunk, encoding) {
  return readableAddChunk(this, chunk, encoding, false);
};

Readable.prototype.unshift = function unshift(chunk, encoding) {
  return readableAddChunk(this, chunk, encoding, true);
};

Readable.prototype.isPaused = function isPaused() {
  const state = this._readableState;
  return state.paused === true || state.flowing === false;
};

Readable.prototype.setEncoding = function setEncoding(encoding) {
  const { StringDecoder } = require('string_decoder');
  const state = this._readableState;
  const decoder = new StringDecoder(encoding);
  state.decoder = decoder;
  state.encoding = decoder.encoding;
  const text = state.buffer.map((chunk) => decoder.write(chunk)).join('');
  state.buffer = text ? [text] : [];
  state.length = text.length;
  return this;
};

function howMuchToRead(n, state) {
  if (n <= 0 || (state.length === 0 && state.ended)) return 0;
  if (state.objectMode) return 1;
  if (Number.isNaN(n)) return state.flowing && state.length ? state.buffer[0].length : state.length;
  if (n <= state.length) return n;
  return state.ended ? state.length : 0;
}

Readable.prototype.read = function read(n) {
  n = n === undefined ? NaN : Number.parseInt(n, 10);
  const state = this._readableState;
  const requested = n;
  if (n > state.highWaterMark) state.highWaterMark = Math.min(2 ** 30, 2 ** Math.ceil(Math.log2(n)));
  if (n !== 0) state.emittedReadable = false;
  if (n === 0 && state.needReadable && ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
    if (state.length === 0 && state.ended) endReadable(this);
    else emitReadable(this);
    return null;
  }
  n = howMuchToRead(n, state);
  if (n === 0 && state.ended) {
    if (state.length === 0) endReadable(this);
    return null;
  }
  let doRead = state.needReadable;
  if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
  if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) doRead = false;
  if (doRead) {
    state.reading = true;
    state.sync = true;
    if (state.length === 0) state.needReadable = true;
    try {
      this._read(state.highWaterMark);
    } catch (err) {
      errorOrDestroy(this, err);
    }
    state.sync = false;
    if (!state.reading) n = howMuchToRead(requested, state);
  }
  let result = n > 0 ? fromList(n, state) : null;
  if (result === null) {
    state.needReadable = state.length <= state.highWaterMark;
    n = 0;
  } else {
    state.length -= n;
  }
  if (state.length === 0) {
    if (!state.ended) state.needReadable = true;
    if (requested !== n && state.ended) endReadable(this);
  }
  if (result !== null && !state.errorEmitted && !state.closeEmitted) {
    state.dataEmitted = true;
    this.emit('data', result);
  }
  return result;
};

function fromList(n, state) {
  if (state.length === 0) return null;
  if (state.objectMode) return state.buffer.shift();
  const { buffer } = state;
  if (n >= state.length) {
    const all = state.decoder ? buffer.join('') : buffer.length === 1 ? buffer[0] : Buffer.concat(buffer, state.length);
    state.buffer = [];
    return all;
  }
  if (n < buffer[0].length) {
    const head = buffer[0].slice(0, n);
    buffer[0] = buffer[0].slice(n);
    return head;
  }
  const parts = [];
  let remaining = n;
  while (remaining > 0) {
    const chunk = buffer[0];
    if (chunk.length <= remaining) {
      parts.push(buffer.shift());
      remaining -= chunk.length;
    } else {
      parts.push(chunk.slice(0, remaining));
      buffer[0] = chunk.slice(remaining);
      remaining = 0;
    }
  }
  return state.decoder ? parts.join('') : Buffer.concat(parts, n);
}

function onEofChunk(stream, state) {
  if (state.ended) return;
  if (state.decoder) {
    const rest = state.decoder.end();
    if (rest.length) {
      state.buffer.push(rest);
      state.length += state.objectMode ? 1 : rest.length;
    }
  }
  state.ended = true;
  if (state.sync) {
    emitReadable(stream);
  } else {
    state.needReadable = false;
    state.emittedReadable = true;
    emitReadableNT(stream);
  }
}

function emitReadable(stream) {
  const state = stream._readableState;
  state.needReadable = false;
  if (!state.emittedReadable) {
    state.emittedReadable = true;
    process.nextTick(emitReadableNT, stream);
  }
}

function emitReadableNT(stream) {
  const state = stream._readableState;
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit('readable');
    state.emittedReadable = false;
  }
  state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
  flow(stream);
}

function maybeReadMore(stream, state) {
  if (!state.readingMore && state.constructed) {
    state.readingMore = true;
    process.nextTick(maybeReadMoreNT, stream, state);
  }
}

function maybeReadMoreNT(stream, state) {
  while (!state.reading && !state.ended && (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
    const length = state.length;
    stream.read(0);
    if (length === state.length) break;
  }
  state.readingMore = false;
}

function flow(stream) {
  const state = stream._readableState;
  while (state.flowing && stream.read() !== null);
}

Readable.prototype.on = function on(event, listener) {
  const result = Stream.prototype.on.call(this, event, listener);
  const state = this._readableState;
  if (event === 'data') {
    state.readableListening = this.listenerCount('readable') > 0;
    if (state.flowing !== false) this.resume();
  } else if (event === 'readable') {
    if (!state.endEmitted && !state.readableListening) {
      state.readableListening = state.needReadable = true;
      state.flowing = false;
      state.emittedReadable = false;
      if (state.length) emitReadable(this);
      else if (!state.reading) process.nextTick(() => this.read(0));
    }
  }
  return result;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.removeListener = function removeListener(event, listener) {
  const result = Stream.prototype.removeListener.call(this, event, listener);
  if (event === 'readable') process.nextTick(updateReadableListening, this);
  return result;
};
Readable.prototype.off = Readable.prototype.removeListener;

function updateReadableListening(stream) {
  const state = stream._readableState;
  state.readableListening = stream.listenerCount('readable') > 0;
  if (state.resumeScheduled && state.paused === false) state.flowing = true;
  else if (stream.listenerCount('data') > 0) stream.resume();
  else if (!state.readableListening) state.flowing = null;
}

Readable.prototype.resume = function resume() {
  const state = this._readableState;
  if (!state.flowing) {
    state.flowing = !state.readableListening;
    if (!state.resumeScheduled) {
      state.resumeScheduled = true;
      process.nextTick(resumeNT, this, state);
    }
  }
  state.paused = false;
  return this;
};

function resumeNT(stream, state) {
  if (!state.reading) stream.read(0);
  state.resumeScheduled = false;
  stream.emit('resume');
  flow(stream);
  if (state.flowing && !state.reading) stream.read(0);
}

Readable.prototype.pause = function pause() {
  const state = this._readableState;
  if (state.flowing !== false) {
    state.flowing = false;
    this.emit('pause');
  }
  state.paused = true;
  return this;
};

function endReadable(stream) {
  const state = stream._readableState;
  if (!state.endEmitted) {
    state.ended = true;
    process.nextTick(endReadableNT, state, stream);
  }
}

function endReadableNT(state, stream) {
  if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
    state.endEmitted = true;
    stream.emit('end');
    const writable = stream._writableState;
    if (writable && !writable.ending && stream.allowHalfOpen === false) {
      stream.end();
    } else if (state.autoDestroy && (!writable || (writable.autoDestroy && (writable.finished || writable.writable === false)))) {
      stream.destroy();
    }
  }
}

Readable.prototype.pipe = function pipe(dest, options) {
  const source = this;
  const state = this._readableState;
  state.pipes.push(dest);
  const doEnd = options?.end !== false && dest !== process.stdout && dest !== process.stderr;
  let awaitingDrain = false;
  const ondrain = () => {
    if (awaitingDrain) {
      awaitingDrain = false;
      if (source.listenerCount('data') > 0) source.resume();
    }
  };
  const ondata = (chunk) => {
    if (dest.write(chunk) === false && !awaitingDrain) {
      awaitingDrain = true;
      dest.once('drain', ondrain);
      source.pause();
    }
  };
  const onend = () => dest.end();
  const onerror = (err) => {
    cleanup();
    if (dest.listenerCount('error') === 0) errorOrDestroy(dest, err);
  };
  const onclose = () => {
    cleanup();
  };
  const cleanup = () => {
    dest.removeListener('close', onclose);
    dest.removeListener('finish', onclose);
    dest.removeListener('drain', ondrain);
    dest.removeListener('error', onerror);
    dest.removeListener('unpipe', onunpipe);
    source.removeListener('end', onend);
    source.removeListener('data', ondata);
  };
  const onunpipe = (readable) => {
    if (readable === source) cleanup();
  };
  source.on('data', ondata);
  if (doEnd) source.once('end', onend);
  dest.on('error', onerror);
  dest.once('close', onclose);
  dest.once('finish', onclose);
  dest.on('unpipe', onunpipe);
  dest.emit('pipe', source);
  if (dest.writableNeedDrain === true) source.pause();
  else if (!state.flowing) source.resume();
  return dest;
};

Readable.prototype.unpipe = function unpipe(dest) {
  const state = this._readableState;
  const targets = dest === undefined ? state.pipes.splice(0) : state.pipes.splice(state.pipes.indexOf(dest) >>> 0, state.pipes.includes(dest) ? 1 : 0);
  if (state.pipes.length === 0) this.pause();
  for (const target of targets) target.emit('unpipe', this, { hasUnpiped: false });
  return this;
};

Readable.prototype[Symbol.asyncIterator] = function () {
  return readableIterator(this);
};

Readable.prototype.iterator = function (options) {
  return readableIterator(this, options);
};

async function* readableIterator(stream, options) {
  let wake = () => {};
  const next = () => new Promise((resolve) => { wake = resolve; });
  let error = null;
  let done = false;
  stream.on('readable', () => wake());
  const cleanup = finished(stream, { writable: false }, (err) => {
    error = err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE' ? err : error;
    if (err?.code === 'ERR_STREAM_PREMATURE_CLOSE' && !stream._readableState.endEmitted) error = err;
    done = true;
    wake();
  });
  try {
    for (;;) {
      const chunk = stream.destroyed ? null : stream.read();
      if (chunk !== null) yield chunk;
      else if (error) throw error;
      else if (done) return;
      else await next();
    }
  } finally {
    cleanup();
    if (options?.destroyOnReturn !== false && !stream._readableState.endEmitted) stream.destroy(null);
  }
}

Readable.from = function from(iterable, options) {
  return require('internal/streams/from')(Readable, iterable, options);
};

Readable.prototype.wrap = function wrap(old) {
  old.on('data', (chunk) => {
    if (!this.push(chunk)) old.pause?.();
  });
  old.on('end', () => this.push(null));
  old.on('error', (err) => errorOrDestroy(this, err));
  this._read = () => old.resume?.();
  return this;
};

const readableGetters = {
  readable: {
    get() {
      const r = this._readableState;
      return Boolean(r) && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
    },
    set(value) {
      if (this._readableState) this._readableState.readable = Boolean(value);
    },
  },
  readableDidRead: { get() { return this._readableState.dataEmitted; } },
  readableAborted: { get() { const r = this._readableState; return Boolean(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted); } },
  readableHighWaterMark: { get() { return this._readableState.highWaterMark; } },
  readableBuffer: { get() { return this._readableState.buffer; } },
  readableFlowing: {
    get() { return this._readableState.flowing; },
    set(value) { this._readableState.flowing = value; },
  },
  readableLength: { get() { return this._readableState.length; } },
  readableObjectMode: { get() { return this._readableState.objectMode; } },
  readableEncoding: { get() { return this._readableState.encoding; } },
  readableEnded: { get() { return this._readableState.endEmitted; } },
  errored: { get() { return (this._writableState ?? this._readableState).errored; } },
  closed: { get() { return (this._writableState ?? this._readableState).closed; } },
  destroyed: {
    get() { return (this._writableState ?? this._readableState).destroyed; },
    set(value) {
      if (this._readableState) this._readableState.destroyed = value;
      if (this._writableState) this._writableState.destroyed = value;
    },
  },
};
for (const [name, descriptor] of Object.entries(readableGetters)) {
  Object.defineProperty(Readable.prototype, name, { ...descriptor, enumerable: false, configurable: true });
}

// ---- Writable ----

function WritableState(options, isDuplex) {
  this.objectMode = Boolean(options?.objectMode || (isDuplex && options?.writableObjectMode));
  this.highWaterMark = highWaterMarkOf(options, 'writableHighWaterMark', this.objectMode, isDuplex);
  this.decodeStrings = options?.decodeStrings !== false;
  this.defaultEncoding = defaultEncodingOf(options);
  this.length = 0;
  this.writing = false;
  this.corked = 0;
  this.sync = true;
  this.buffered = [];
  this.ending = false;
  this.ended = false;
  this.finished = false;
  this.finalCalled = false;
  this.prefinished = false;
  this.destroyed = false;
  this.errored = null;
  this.errorEmitted = false;
  this.closed = false;
  this.closeEmitted = false;
  this.emitClose = options?.emitClose !== false;
  this.autoDestroy = options?.autoDestroy !== false;
  this.needDrain = false;
  this.constructed = true;
  this.onFinished = [];
  this.pendingCallbacks = 0;
}

function Writable(options) {
  const isDuplex = this instanceof Duplex;
  if (!isDuplex && !Function.prototype[Symbol.hasInstance].call(Writable, this)) return new Writable(options);
  this._writableState = new WritableState(options, isDuplex);
  takeImplementations(this, options, ['write', 'writev', 'destroy', 'final', 'construct']);
  if (options?.signal) addAbortSignal(options.signal, this);
  Stream.call(this, options);
  construct(this);
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);
Writable.WritableState = WritableState;

Object.defineProperty(Writable, Symbol.hasInstance, {
  value(object) {
    if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
    if (this !== Writable) return false;
    return Boolean(object?._writableState instanceof WritableState);
  },
});

Writable.prototype.destroy = destroy;
Writable.prototype._destroy = Readable.prototype._destroy;
Writable.prototype._write = function (chunk, encoding, callback) {
  if (this._writev) this._writev([{ chunk, encoding }], callback);
  else throw streamError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _write() method is not implemented');
};
Writable.prototype._writev = null;

Writable.prototype.write = function write(chunk, encoding, callback) {
  const state = this._writableState;
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = state.defaultEncoding;
  } else {
    if (!encoding) encoding = state.defaultEncoding;
    else if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) throw unknownEncoding(encoding);
    if (typeof callback !== 'function') callback = () => {};
  }
  if (chunk === null) throw streamError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      if (state.decodeStrings !== false) {
        chunk = Buffer.from(chunk, encoding);
        encoding = 'buffer';
      }
    } else if (chunk instanceof Buffer) {
      encoding = 'buffer';
    } else if (ArrayBuffer.isView(chunk)) {
      chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      encoding = 'buffer';
    } else {
      throw invalidArgType('chunk', 'of type string or an instance of Buffer, TypedArray, or DataView', chunk);
    }
  }
  let err;
  if (state.ending) err = streamError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
  else if (state.destroyed) err = streamError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed');
  if (err) {
    process.nextTick(callback, err);
    errorOrDestroy(this, err);
    return false;
  }
  state.pendingCallbacks++;
  const length = state.objectMode ? 1 : chunk.length;
  state.length += length;
  const ok = state.length < state.highWaterMark;
  if (!ok) state.needDrain = true;
  if (state.writing || state.corked || state.errored || !state.constructed) {
    state.buffered.push({ chunk, encoding, callback });
  } else {
    doWrite(this, state, [{ chunk, encoding, callback }], length);
  }
  return ok && !state.errored && !state.destroyed;
};

function doWrite(stream, state, entries, length) {
  state.writing = true;
  state.writeLength = length;
  state.sync = true;
  const onwrite = (err) => afterWriteDone(stream, state, entries, err);
  if (state.destroyed) onwrite(streamError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed'));
  else if (entries.length > 1) stream._writev(entries, onwrite);
  else stream._write(entries[0].chunk, entries[0].encoding, onwrite);
  state.sync = false;
}

function afterWriteDone(stream, state, entries, err) {
  const sync = state.sync;
  state.writing = false;
  state.length -= state.writeLength;
  state.writeLength = 0;
  if (err) {
    if (!state.errored) state.errored = err;
    const fail = () => {
      for (const entry of [...entries, ...state.buffered.splice(0)]) {
        state.pendingCallbacks--;
        entry.callback(err);
      }
      errorOrDestroy(stream, err);
    };
    if (sync) process.nextTick(fail);
    else fail();
    return;
  }
  if (state.buffered.length > 0) clearBuffer(stream, state);
  const after = () => {
    if (!state.ending && !stream.destroyed && state.length === 0 && state.needDrain) {
      state.needDrain = false;
      stream.emit('drain');
    }
    for (const entry of entries) {
      state.pendingCallbacks--;
      entry.callback(null);
    }
    finishMaybe(stream, state);
  };
  if (sync) process.nextTick(after);
  else after();
}

function clearBuffer(stream, state) {
  if (state.corked || state.writing || state.destroyed || !state.constructed || state.buffered.length === 0) return;
  if (state.buffered.length > 1 && stream._writev) {
    const entries = state.buffered.splice(0);
    const length = state.objectMode ? entries.length : entries.reduce((sum, entry) => sum + entry.chunk.length, 0);
    doWrite(stream, state, entries, length);
    return;
  }
  while (state.buffered.length > 0 && !state.writing && !state.destroyed) {
    const entry = state.buffered.shift();
    doWrite(stream, state, [entry], state.objectMode ? 1 : entry.chunk.length);
  }
}

Writable.prototype.cork = function cork() {
  this._writableState.corked++;
};

Writable.prototype.uncork = function uncork() {
  const state = this._writableState;
  if (state.corked) {
    state.corked--;
    if (!state.writing) clearBuffer(this, state);
  }
};

Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  if (typeof encoding === 'string') encoding = encoding.toLowerCase();
  if (!Buffer.isEncoding(encoding)) throw unknownEncoding(encoding);
  this._writableState.defaultEncoding = encoding;
  return this;
};

Writable.prototype.end = function end(chunk, encoding, callback) {
  const state = this._writableState;
  if (typeof chunk === 'function') {
    callback = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  let err;
  if (chunk !== null && chunk !== undefined) {
    const ok = this.write(chunk, encoding);
    if (ok === false && state.errored) err = state.errored;
  }
  if (state.corked) {
    state.corked = 1;
    this.uncork();
  }
  if (err) {
    // already reported through write
  } else if (!state.errored && !state.ending) {
    state.ending = true;
    finishMaybe(this, state, true);
    state.ended = true;
  } else if (state.finished) {
    err = streamError(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished');
  } else if (state.destroyed) {
    err = streamError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call end after a stream was destroyed');
  }
  if (typeof callback === 'function') {
    if (err || state.finished) process.nextTick(callback, err);
    else state.onFinished.push(callback);
  }
  return this;
};

function needsFinish(state) {
  return state.ending && !state.destroyed && state.constructed && state.length === 0 && !state.errored
    && state.buffered.length === 0 && !state.finished && !state.writing && !state.errorEmitted && !state.closeEmitted;
}

function prefinish(stream, state) {
  if (state.prefinished || state.finalCalled) return;
  if (typeof stream._final === 'function' && !state.destroyed) {
    state.finalCalled = true;
    state.sync = true;
    state.pendingCallbacks++;
    const onFinal = (err) => {
      state.pendingCallbacks--;
      if (err) {
        for (const callback of state.onFinished.splice(0)) callback(err);
        errorOrDestroy(stream, err);
      } else if (needsFinish(state)) {
        state.prefinished = true;
        stream.emit('prefinish');
        state.pendingCallbacks++;
        process.nextTick(finish, stream, state);
      }
    };
    try {
      stream._final(onFinal);
    } catch (err) {
      onFinal(err);
    }
    state.sync = false;
  } else {
    state.prefinished = true;
    stream.emit('prefinish');
  }
}

function finishMaybe(stream, state, sync) {
  if (!needsFinish(state)) return;
  prefinish(stream, state);
  if (state.pendingCallbacks === 0 && state.prefinished) {
    state.pendingCallbacks++;
    if (sync) process.nextTick(finish, stream, state);
    else finish(stream, state);
  }
}

function finish(stream, state) {
  state.pendingCallbacks--;
  if (state.finished || state.errorEmitted || state.destroyed) return;
  state.finished = true;
  for (const callback of state.onFinished.splice(0)) callback(null);
  stream.emit('finish');
  if (state.autoDestroy) {
    const readable = stream._readableState;
    if (!readable || (readable.autoDestroy && (readable.endEmitted || readable.readable === false))) stream.destroy();
  }
}

const writableGetters = {
  writable: {
    get() {
      const w = this._writableState;
      return Boolean(w) && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
    },
    set(value) {
      if (this._writableState) this._writableState.writable = Boolean(value);
    },
  },
  writableFinished: { get() { return this._writableState?.finished ?? false; } },
  writableObjectMode: { get() { return this._writableState?.objectMode ?? false; } },
  writableBuffer: { get() { return this._writableState?.buffered.map((entry) => entry.chunk) ?? []; } },
  writableEnded: { get() { return this._writableState?.ending ?? false; } },
  writableNeedDrain: { get() { const w = this._writableState; return Boolean(w) && !w.destroyed && !w.ending && w.needDrain; } },
  writableHighWaterMark: { get() { return this._writableState?.highWaterMark; } },
  writableCorked: { get() { return this._writableState?.corked ?? 0; } },
  writableLength: { get() { return this._writableState?.length; } },
  writableAborted: { get() { const w = this._writableState; return Boolean(w.writable !== false && (w.destroyed || w.errored) && !w.finished); } },
  errored: readableGetters.errored,
  closed: readableGetters.closed,
  destroyed: readableGetters.destroyed,
};
for (const [name, descriptor] of Object.entries(writableGetters)) {
  Object.defineProperty(Writable.prototype, name, { ...descriptor, enumerable: false, configurable: true });
}

// ---- Duplex, Transform, PassThrough ----

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  this._writableState = new WritableState(options, true);
  takeImplementations(this, options, ['write', 'writev', 'final']);
  Readable.call(this, options);
  this.allowHalfOpen = options?.allowHalfOpen !== false;
  if (options?.readable === false) {
    this._readableState.readable = false;
    this._readableState.ended = true;
    this._readableState.endEmitted = true;
  }
  if (options?.writable === false) {
    this._writableState.writable = false;
    this._writableState.ending = true;
    this._writableState.ended = true;
    this._writableState.finished = true;
  }
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);
for (const name of ['write', 'cork', 'uncork', 'setDefaultEncoding', 'end', '_write']) {
  Duplex.prototype[name] = Writable.prototype[name];
}
Duplex.prototype._writev = null;
for (const name of Object.keys(writableGetters)) {
  if (!['errored', 'closed', 'destroyed'].includes(name)) {
    Object.defineProperty(Duplex.prototype, name, Object.getOwnPropertyDescriptor(Writable.prototype, name));
  }
}

function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  Duplex.call(this, options);
  this._readableState.sync = false;
  this._pendingTransform = null;
  takeImplementations(this, options, ['transform', 'flush']);
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

Transform.prototype._transform = function () {
  throw streamError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _transform() method is not implemented');
};

Transform.prototype._final = function (callback) {
  const done = (err, data) => {
    if (err) return callback(err);
    if (data !== null && data !== undefined) this.push(data);
    this.push(null);
    callback();
  };
  if (typeof this._flush === 'function' && !this.destroyed) this._flush(done);
  else done();
};

Transform.prototype._write = function (chunk, encoding, callback) {
  const readable = this._readableState;
  const length = readable.length;
  this._transform(chunk, encoding, (err, data) => {
    if (err) return callback(err);
    if (data !== null && data !== undefined) this.push(data);
    if (this._writableState.ended || length === readable.length || readable.length < readable.highWaterMark) callback();
    else this._pendingTransform = callback;
  });
};

Transform.prototype._read = function () {
  if (this._pendingTransform) {
    const callback = this._pendingTransform;
    this._pendingTransform = null;
    callback();
  }
};

function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);
PassThrough.prototype._transform = function (chunk, encoding, callback) {
  callback(null, chunk);
};

// ---- finished, pipeline, addAbortSignal ----

const isReadableStream = (stream) => typeof stream?.pipe === 'function' && typeof stream.on === 'function' && stream._readableState?.readable !== false && (stream._readableState !== undefined || typeof stream.read === 'function');
const isWritableStream = (stream) => typeof stream?.write === 'function' && typeof stream.on === 'function' && stream._writableState?.writable !== false;

function finished(stream, options, callback) {
  if (arguments.length === 2) {
    callback = options;
    options = {};
  } else if (options == null) options = {};
  else require('internal/errors').validateObject(options, 'options');
  if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
  if (!isWebStream(stream) && !require('internal/streams/utils').isNodeStream(stream)) {
    throw invalidArgType('stream', 'an instance of ReadableStream, WritableStream, or Stream', stream);
  }
  if (isWebStream(stream)) {
    let aborted = false;
    const settle = (...args) => {
      if (aborted) return;
      aborted = true;
      process.nextTick(() => callback.apply(stream, args));
    };
    const signal = options.signal;
    if (signal) {
      const onAbort = () => {
        if (aborted) return;
        aborted = true;
        const err = new Error('The operation was aborted', { cause: signal.reason });
        err.name = 'AbortError';
        err.code = 'ABORT_ERR';
        callback.call(stream, err);
      };
      if (signal.aborted) process.nextTick(onAbort);
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    require('internal/webstreams/util').whenStreamSettles(stream).then(() => settle(), settle);
    return () => {};
  }
  let done = false;
  const once = (err) => {
    if (done) return;
    done = true;
    callback.call(stream, err);
  };
  const readable = options.readable ?? isReadableStream(stream);
  const writable = options.writable ?? isWritableStream(stream);
  const rState = stream._readableState;
  const wState = stream._writableState;
  let readableEnded = !readable || rState?.endEmitted === true;
  let writableFinished = !writable || wState?.finished === true;
  const onend = () => {
    readableEnded = true;
    if (writableFinished) once();
  };
  const onfinish = () => {
    writableFinished = true;
    if (readableEnded) once();
  };
  const onerror = (err) => once(err);
  const onclose = () => {
    const errored = wState?.errored ?? rState?.errored;
    if (errored) return once(errored);
    if (!readableEnded || !writableFinished) return once(prematureClose());
    once();
  };
  stream.on('end', onend);
  stream.on('finish', onfinish);
  if (options.error !== false) stream.on('error', onerror);
  stream.on('close', onclose);
  const closed = wState?.closed || rState?.closed;
  if (closed) process.nextTick(onclose);
  else if (readableEnded && writableFinished && (rState || wState)) process.nextTick(once);
  return function cleanup() {
    stream.removeListener('end', onend);
    stream.removeListener('finish', onfinish);
    stream.removeListener('error', onerror);
    stream.removeListener('close', onclose);
  };
}

function toStream(value, index, previous, isLast) {
  if (typeof value === 'function') {
    const output = value(previous);
    if (output && typeof output.then === 'function') return { promise: output };
    if (!require('internal/streams/utils').isIterable(output) && !(output && typeof output.on === 'function')) {
      const { describeReceived } = require('internal/errors');
      let [input, name] = ['AsyncIterable', `transform[${index - 1}]`];
      if (index === 0) [input, name] = ['Iterable, AsyncIterable or Stream', 'source'];
      else if (isLast) [input, name] = ['AsyncIterable or Promise', 'destination'];
      throw codedError(TypeError, 'ERR_INVALID_RETURN_VALUE',
        `Expected ${input} to be returned from the "${name}" function but got ${describeReceived(output).replace(/^Received /, '')}.`);
    }
    // The function read `previous` itself: its output is not piped into.
    return { ...toStream(output, index, undefined, isLast), consumed: true };
  }
  if (value && typeof value.on === 'function') return { stream: value };
  // A string is an iterable of its characters.
  if (typeof value === 'string') return { stream: Readable.from(value[Symbol.iterator](), { objectMode: true }) };
  const utils = require('internal/streams/utils');
  if (utils.isReadableStream(value)) return { stream: Readable.fromWeb(value, { objectMode: true }) };
  if (utils.isWritableStream(value)) return { stream: Writable.fromWeb(value, { objectMode: true }) };
  if (utils.isTransformStream(value)) return { stream: Duplex.fromWeb(value, { objectMode: true }) };
  if (value && (value[Symbol.asyncIterator] || value[Symbol.iterator]) && typeof value !== 'string') {
    return { stream: Readable.from(value, { objectMode: true }) };
  }
  throw invalidArgType(`streams[${index}]`, 'of type Stream, Iterable, AsyncIterable, or Function', value);
}

function pipeline(...streams) {
  const callback = streams.pop();
  if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
  if (Array.isArray(streams[0]) && streams.length === 1) streams = streams[0];
  if (streams.length < 2) throw streamError(TypeError, 'ERR_MISSING_ARGS', 'The "streams" argument must be specified');
  let error;
  let pending = 0;
  const destroys = [];
  const finish = (err) => {
    if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
    if (err) for (const destroyStream of destroys) destroyStream(err);
    if (--pending === 0) process.nextTick(callback, error);
  };
  let previous;
  let last;
  streams.forEach((value, index) => {
    const isLast = index === streams.length - 1;
    const { stream, promise, consumed } = toStream(value, index, previous, isLast);
    if (promise) {
      pending++;
      promise.then((result) => { last = result; finish(); }, finish);
      previous = undefined;
      return;
    }
    pending++;
    const reading = !isLast;
    const writing = index > 0;
    finished(stream, { readable: reading, writable: writing }, (err) => finish(err));
    destroys.push((err) => {
      if (!stream.destroyed && !(stream.writableFinished && stream.readableEnded)) stream.destroy(err);
    });
    if (previous && !consumed) {
      if (previous.pipe) previous.pipe(stream);
    }
    previous = stream;
    last = stream;
  });
  return last;
}

function addAbortSignal(signal, stream) {
  const abortError = () => Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason });
  if (isWebStream(stream)) {
    // A web stream errors through its controller.
    const { kState } = require('internal/webstreams/util');
    const onAbort = () => stream[kState].controller.error(abortError());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return stream;
  }
  const onAbort = () => stream.destroy(abortError());
  if (signal.aborted) onAbort();
  else {
    signal.addEventListener('abort', onAbort, { once: true });
    finished(stream, () => signal.removeEventListener('abort', onAbort));
  }
  return stream;
}

// The WHATWG streams' side of isReadable/isErrored/isDisturbed and the toWeb/fromWeb adapters.
function isWebStream(value) {
  const { kType } = require('internal/webstreams/util');
  return value?.[kType] === 'ReadableStream' || value?.[kType] === 'WritableStream';
}
function webStreamState(stream) {
  return stream[require('internal/webstreams/util').kState].state;
}
const adapters = () => require('internal/webstreams/adapters');
Readable.toWeb = function toWeb(streamReadable, options) {
  return adapters().newReadableStreamFromStreamReadable(streamReadable, options);
};
Readable.fromWeb = function fromWeb(readableStream, options) {
  return adapters().newStreamReadableFromReadableStream(readableStream, options);
};
Writable.toWeb = function toWeb(streamWritable) {
  return adapters().newWritableStreamFromStreamWritable(streamWritable);
};
Writable.fromWeb = function fromWeb(writableStream, options) {
  return adapters().newStreamWritableFromWritableStream(writableStream, options);
};
Duplex.toWeb = function toWeb(duplex) {
  return adapters().newReadableWritablePairFromDuplex(duplex);
};
Duplex.from = function from(body) {
  return require('internal/streams/duplexify').duplexify(body, 'body');
};
Duplex.fromWeb = function fromWeb(pair, options) {
  return adapters().newStreamDuplexFromReadableWritablePair(pair, options);
};

// Readable's iterator helpers: the stream-returning ones wrap their async generator in Readable.from.
{
  const { streamReturningOperators, promiseReturningOperators } = require('internal/streams/operators');
  const define = (name, operator, wrap) => {
    const method = function (...args) {
      if (new.target) throw streamError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
      const result = Reflect.apply(operator, this, args);
      return wrap ? Readable.from(result) : result;
    };
    Object.defineProperty(method, 'name', { value: operator.name });
    Object.defineProperty(method, 'length', { value: operator.length });
    Object.defineProperty(Readable.prototype, name, { value: method, enumerable: false, configurable: true, writable: true });
  };
  for (const [name, operator] of Object.entries(streamReturningOperators)) define(name, operator, name !== 'compose');
  for (const [name, operator] of Object.entries(promiseReturningOperators)) define(name, operator, false);
}

Readable.prototype[Symbol.asyncDispose] = async function () {
  let error;
  if (!this.destroyed) {
    error = this.readableEnded ? null : new AbortError();
    this.destroy(error);
  }
  await new Promise((resolve, reject) => {
    finished(this, (err) => (err && err !== error ? reject(err) : resolve(null)));
  });
};

Writable.prototype[Symbol.asyncDispose] = async function () {
  let error;
  if (!this.destroyed) {
    error = this.writableFinished ? null : new AbortError();
    this.destroy(error);
  }
  await new Promise((resolve, reject) => {
    finished(this, (err) => (err && err.name !== 'AbortError' ? reject(err) : resolve(null)));
  });
};

const kIsDestroyed = Symbol('kIsDestroyed');

// stream.destroy(): destroys any stream-like value (http requests are aborted); a stream that
// has not finished is destroyed with an AbortError.
function destroyStream(stream, err) {
  const utils = require('internal/streams/utils');
  if (!stream || utils.isDestroyed(stream) || stream[kIsDestroyed]) return;
  const isFinished = utils.isNodeStream(stream) && !utils.isReadable(stream) && !utils.isWritable(stream);
  if (!err && !isFinished) err = new AbortError();
  const isRequest = (value) => Boolean(value?.setHeader && typeof value.abort === 'function');
  if (typeof stream._consuming === 'boolean' && typeof stream._dumped === 'boolean' && typeof stream.req?.upgradeOrConnect === 'undefined') {
    stream.socket = null;
    stream.destroy(err);
  } else if (isRequest(stream)) {
    stream.abort();
  } else if (isRequest(stream.req)) {
    stream.req.abort();
  } else if (typeof stream.destroy === 'function') {
    stream.destroy(err);
  } else if (typeof stream.close === 'function') {
    stream.close();
  } else if (err) {
    process.nextTick(() => stream.emit('error', err));
  } else {
    process.nextTick(() => stream.emit('close'));
  }
  if (!stream.destroyed) stream[kIsDestroyed] = true;
}

const promises = {
  pipeline: (...streams) => new Promise((resolve, reject) => {
    pipeline(...streams, (err, value) => (err ? reject(err) : resolve(value)));
  }),
  finished: (stream, options) => new Promise((resolve, reject) => {
    finished(stream, options, (err) => (err ? reject(err) : resolve()));
  }),
};

// util.promisify(stream.pipeline) and util.promisify(stream.finished) are the promises API's.
for (const name of ['pipeline', 'finished']) {
  Object.defineProperty({ pipeline, finished }[name], require('util').promisify.custom, {
    enumerable: true,
    get() { return promises[name]; },
  });
}

Object.assign(Stream, {
  Stream,
  Readable,
  Writable,
  Duplex,
  Transform,
  PassThrough,
  pipeline,
  finished,
  addAbortSignal,
  promises,
  getDefaultHighWaterMark,
  setDefaultHighWaterMark,
  duplexPair: (options) => require('internal/streams/duplexpair')(options),
  destroy: destroyStream,
  compose: (...streams) => require('internal/streams/compose')(...streams),
  isDestroyed: (stream) => (stream?.[kIsDestroyed] ? true : require('internal/streams/utils').isDestroyed(stream)),
  isWritable: (stream) => (isWebStream(stream) ? webStreamState(stream) === 'writable' : require('internal/streams/utils').isWritable(stream)),
  isReadable: (stream) => (isWebStream(stream) ? webStreamState(stream) === 'readable' : Boolean(stream?.readable)),
  isErrored: (stream) => (isWebStream(stream) ? webStreamState(stream) === 'errored' : Boolean(stream?.errored)),
  isDisturbed: (stream) => (isWebStream(stream)
    ? require('internal/webstreams/readablestream').isDisturbed(stream)
    : Boolean(stream?._readableState?.dataEmitted || stream?._readableState?.endEmitted)),
  _isArrayBufferView: ArrayBuffer.isView,
  _isUint8Array: (value) => value instanceof Uint8Array,
  _uint8ArrayToBuffer: (chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
});

module.exports = Stream;
