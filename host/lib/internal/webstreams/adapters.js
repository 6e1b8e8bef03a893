'use strict';
// Between node's streams and the WHATWG ones: Readable/Writable/Duplex .toWeb and .fromWeb.

const { invalidArgType, codedError } = require('internal/errors');
const { ReadableStream, isReadableStream } = require('internal/webstreams/readablestream');
const { WritableStream, isWritableStream } = require('internal/webstreams/writablestream');
const { CountQueuingStrategy, ByteLengthQueuingStrategy } = require('internal/webstreams/queuingstrategies');

function stream() {
  return require('stream');
}

function abortError(cause) {
  const err = new Error('The operation was aborted', { cause });
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  return err;
}

function isNodeStream(value, kind) {
  const { Readable, Writable, Duplex } = stream();
  const Kind = { Readable, Writable, Duplex }[kind];
  return value instanceof Kind || (kind !== 'Writable' && value instanceof Duplex)
    || (kind === 'Writable' && value instanceof Duplex);
}

function newReadableStreamFromStreamReadable(readable, options = {}) {
  if (!isNodeStream(readable, 'Readable') || typeof readable.read !== 'function') {
    throw invalidArgType('streamReadable', 'an instance of Readable', readable);
  }
  const objectMode = readable.readableObjectMode;
  const hwm = readable.readableHighWaterMark;
  // type 'bytes' makes a byte stream (readable with a BYOB reader); it counts bytes itself.
  const type = options?.type;
  if (type !== undefined && type !== 'bytes') {
    throw require('internal/errors').codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The property 'options.type' must be one of: 'bytes', undefined. Received ${require('internal/inspect').inspect(type)}`);
  }
  const isBytes = type === 'bytes';
  let strategy = options?.strategy
    ?? (objectMode ? new CountQueuingStrategy({ highWaterMark: hwm }) : new ByteLengthQueuingStrategy({ highWaterMark: hwm }));
  if (isBytes) strategy = { highWaterMark: strategy.highWaterMark };
  let controller;
  const onData = (chunk) => {
    if (isBytes) {
      // Enqueuing transfers the memory: a copy, so the chunk's (pooled) buffer stays usable.
      chunk = typeof chunk === 'string' ? new Uint8Array(Buffer.from(chunk)) : new Uint8Array(chunk);
    } else if (Buffer.isBuffer(chunk) && !objectMode) {
      chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) readable.pause();
  };
  const cleanup = stream().finished(readable, (error) => {
    cleanup();
    readable.on('error', () => {});
    if (error) {
      if (error.code === 'ERR_STREAM_PREMATURE_CLOSE') error = abortError(error);
      try {
        controller.error(error);
      } catch {
        // Already closed or errored.
      }
      return;
    }
    try {
      controller.close();
    } catch {
      // Already closed or errored.
    }
  });
  readable.on('data', onData);
  readable.pause();
  return new ReadableStream({
    type: isBytes ? 'bytes' : undefined,
    start(c) {
      controller = c;
    },
    pull() {
      readable.resume();
    },
    cancel(reason) {
      readable.destroy(reason);
    },
  }, strategy);
}

function newStreamReadableFromReadableStream(readableStream, options = {}) {
  if (!isReadableStream(readableStream)) {
    throw invalidArgType('readableStream', 'an instance of ReadableStream', readableStream);
  }
  const { highWaterMark, encoding, objectMode = false, signal } = options ?? {};
  const reader = readableStream.getReader();
  let closed = false;
  const readable = new (stream().Readable)({
    objectMode,
    highWaterMark,
    encoding,
    signal,
    read() {
      reader.read().then(({ value, done }) => {
        if (done) readable.push(null);
        else readable.push(value);
      }, (error) => readable.destroy(error));
    },
    destroy(error, callback) {
      const done = () => process.nextTick(callback, error);
      if (!closed) reader.cancel(error).then(done, done);
      else done();
    },
  });
  reader.closed.then(() => {
    closed = true;
  }, (error) => {
    closed = true;
    readable.destroy(error);
  });
  return readable;
}

function newWritableStreamFromStreamWritable(writable) {
  // Anything with write() and on(): http's OutgoingMessage is no Writable, and a Duplex that
  // is not writable still gets a (closed) WritableStream.
  if (!writable || typeof writable.write !== 'function' || typeof writable.on !== 'function') {
    throw invalidArgType('streamWritable', 'an stream.Writable', writable);
  }
  let controller;
  let backpressure;
  let closed;
  const onDrain = () => backpressure?.resolve();
  writable.on('drain', onDrain);
  const cleanup = stream().finished(writable, (error) => {
    cleanup();
    writable.removeListener('drain', onDrain);
    writable.on('error', () => {});
    if (error) {
      if (error.code === 'ERR_STREAM_PREMATURE_CLOSE') error = abortError(error);
      controller.error(error);
      backpressure?.reject(error);
      closed?.reject(error);
      return;
    }
    closed?.resolve();
  });
  const hwm = writable.writableHighWaterMark;
  const strategy = writable.writableObjectMode
    ? new CountQueuingStrategy({ highWaterMark: hwm }) : { highWaterMark: hwm, size: (chunk) => chunk.byteLength };
  return new WritableStream({
    start(c) {
      controller = c;
    },
    write(chunk) {
      // A byte stream takes an ArrayBuffer as a Buffer over the same memory.
      if (!writable.writableObjectMode && (chunk instanceof ArrayBuffer || chunk instanceof SharedArrayBuffer)) chunk = Buffer.from(chunk);
      if (writable.writableNeedDrain || !writable.write(chunk)) {
        backpressure = Promise.withResolvers();
        return backpressure.promise.finally(() => {
          backpressure = undefined;
        });
      }
      return undefined;
    },
    abort(reason) {
      writable.destroy(reason);
    },
    close() {
      if (closed === undefined && !writable.writableFinished) {
        closed = Promise.withResolvers();
        writable.end();
        return closed.promise;
      }
      return undefined;
    },
  }, strategy);
}

function newStreamWritableFromWritableStream(writableStream, options = {}) {
  if (!isWritableStream(writableStream)) {
    throw invalidArgType('writableStream', 'an instance of WritableStream', writableStream);
  }
  const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options ?? {};
  const writer = writableStream.getWriter();
  let closed = false;
  const writable = new (stream().Writable)({
    highWaterMark,
    objectMode,
    decodeStrings,
    signal,
    writev(chunks, callback) {
      writer.ready.then(() => Promise.all(chunks.map(({ chunk }) => writer.write(chunk))))
        .then(() => callback(), (error) => callback(error));
    },
    write(chunk, encoding, callback) {
      if (typeof chunk === 'string' && decodeStrings && !objectMode) chunk = Buffer.from(chunk, encoding);
      writer.ready.then(() => writer.write(chunk)).then(() => callback(), (error) => callback(error));
    },
    destroy(error, callback) {
      const done = () => process.nextTick(callback, error);
      if (!closed) {
        if (error != null) writer.abort(error).then(done, done);
        else writer.close().then(done, done);
        return;
      }
      done();
    },
    final(callback) {
      if (!closed) writer.close().then(() => callback(), (error) => callback(error));
      else callback();
    },
  });
  writer.closed.then(() => {
    closed = true;
  }, (error) => {
    closed = true;
    writable.destroy(error);
  });
  return writable;
}

function newReadableWritablePairFromDuplex(duplex, options) {
  const readableOptions = { type: options?.readableType ?? options?.type };
  const { Duplex } = stream();
  if (!(duplex instanceof Duplex)) throw invalidArgType('duplex', 'an instance of Duplex', duplex);
  if (!duplex.writable) {
    const writable = new WritableStream();
    writable.close();
    return { readable: newReadableStreamFromStreamReadable(duplex, readableOptions), writable };
  }
  if (!duplex.readable) {
    const readable = new ReadableStream();
    readable.cancel();
    return { readable, writable: newWritableStreamFromStreamWritable(duplex) };
  }
  return {
    readable: newReadableStreamFromStreamReadable(duplex, readableOptions),
    writable: newWritableStreamFromStreamWritable(duplex),
  };
}

function newStreamDuplexFromReadableWritablePair(pair, options = {}) {
  if (pair === null || typeof pair !== 'object') throw invalidArgType('pair', 'of type object', pair);
  const { readable: readableStream, writable: writableStream } = pair;
  if (!isReadableStream(readableStream)) {
    throw invalidArgType('pair.readable', 'an instance of ReadableStream', readableStream);
  }
  if (!isWritableStream(writableStream)) {
    throw invalidArgType('pair.writable', 'an instance of WritableStream', writableStream);
  }
  const { allowHalfOpen = false, objectMode = false, encoding, decodeStrings = true, highWaterMark, signal } = options ?? {};
  const writer = writableStream.getWriter();
  const reader = readableStream.getReader();
  let writableClosed = false;
  let readableClosed = false;
  const duplex = new (stream().Duplex)({
    allowHalfOpen,
    highWaterMark,
    objectMode,
    encoding,
    decodeStrings,
    signal,
    writev(chunks, callback) {
      writer.ready.then(() => Promise.all(chunks.map(({ chunk }) => writer.write(chunk))))
        .then(() => callback(), (error) => callback(error));
    },
    write(chunk, encoding, callback) {
      if (typeof chunk === 'string' && decodeStrings && !objectMode) chunk = Buffer.from(chunk, encoding);
      writer.ready.then(() => writer.write(chunk)).then(() => callback(), (error) => callback(error));
    },
    final(callback) {
      if (!writableClosed) writer.close().then(() => callback(), (error) => callback(error));
      else callback();
    },
    read() {
      reader.read().then(({ value, done }) => {
        if (done) duplex.push(null);
        else duplex.push(value);
      }, (error) => duplex.destroy(error));
    },
    destroy(error, callback) {
      const done = () => process.nextTick(callback, error);
      const actions = [];
      if (!writableClosed) actions.push(error != null ? writer.abort(error) : writer.close());
      if (!readableClosed) actions.push(reader.cancel(error));
      Promise.allSettled(actions).then(done);
    },
  });
  writer.closed.then(() => {
    writableClosed = true;
  }, (error) => {
    writableClosed = true;
    readableClosed = true;
    duplex.destroy(error);
  });
  reader.closed.then(() => {
    readableClosed = true;
  }, (error) => {
    writableClosed = true;
    readableClosed = true;
    duplex.destroy(error);
  });
  return duplex;
}

module.exports = {
  newReadableStreamFromStreamReadable, newStreamReadableFromReadableStream,
  newWritableStreamFromStreamWritable, newStreamWritableFromWritableStream,
  newReadableWritablePairFromDuplex, newStreamDuplexFromReadableWritablePair, codedError,
};
