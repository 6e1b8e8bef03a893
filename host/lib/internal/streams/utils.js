'use strict';
// What kind of stream a value is, duck-typed as node does so that streams from other
// implementations (readable-stream, hand-made emitters) are accepted too.

function isReadableNodeStream(value, strict = false) {
  return Boolean(value && typeof value.pipe === 'function' && typeof value.on === 'function'
    && (!strict || (typeof value.pause === 'function' && typeof value.resume === 'function'))
    && (!value._writableState || value._readableState?.readable !== false)
    && (!value._writableState || value._readableState));
}

function isWritableNodeStream(value) {
  return Boolean(value && typeof value.write === 'function' && typeof value.on === 'function'
    && (!value._readableState || value._writableState?.writable !== false));
}

function isDuplexNodeStream(value) {
  return Boolean(value && typeof value.pipe === 'function' && value._readableState
    && typeof value.on === 'function' && typeof value.write === 'function');
}

function isNodeStream(value) {
  return Boolean(value && (value._readableState || value._writableState
    || (typeof value.write === 'function' && typeof value.on === 'function')
    || (typeof value.pipe === 'function' && typeof value.on === 'function')));
}

function isReadableStream(value) {
  return Boolean(value && !isNodeStream(value) && typeof value.pipeThrough === 'function'
    && typeof value.getReader === 'function' && typeof value.cancel === 'function');
}

function isWritableStream(value) {
  return Boolean(value && !isNodeStream(value) && typeof value.getWriter === 'function' && typeof value.abort === 'function');
}

function isTransformStream(value) {
  return Boolean(value && !isNodeStream(value) && typeof value.readable === 'object' && typeof value.writable === 'object');
}

function isWebStream(value) {
  return isReadableStream(value) || isWritableStream(value) || isTransformStream(value);
}

function isIterable(value, isAsync) {
  if (value == null) return false;
  if (isAsync === true) return typeof value[Symbol.asyncIterator] === 'function';
  if (isAsync === false) return typeof value[Symbol.iterator] === 'function';
  return typeof value[Symbol.asyncIterator] === 'function' || typeof value[Symbol.iterator] === 'function';
}

// Set by stream.destroy() on a stream-like value that has no destroyed flag of its own.
const kIsDestroyed = Symbol('kIsDestroyed');

function isDestroyed(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return Boolean(stream.destroyed || stream[kIsDestroyed] || state?.destroyed);
}

function isWritableEnded(stream) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableEnded === true) return true;
  const state = stream._writableState;
  if (state?.errored) return false;
  if (typeof state?.ended !== 'boolean') return null;
  return state.ended;
}

function isReadableFinished(stream, strict) {
  if (!isReadableNodeStream(stream)) return null;
  const state = stream._readableState;
  if (state?.errored) return false;
  if (typeof state?.endEmitted !== 'boolean') return null;
  return Boolean(state.endEmitted || (strict === false && state.ended === true && state.length === 0));
}

function isReadable(stream) {
  if (typeof stream?.readable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
}

function isWritable(stream) {
  if (typeof stream?.writable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
}

function isWritableFinished(stream, strict) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableFinished === true) return true;
  const state = stream._writableState;
  if (state?.errored) return false;
  if (typeof state?.finished !== 'boolean') return null;
  return Boolean(state.finished || (strict === false && state.ended === true && state.length === 0));
}

function isFinished(stream, options) {
  if (!isNodeStream(stream)) return null;
  if (isDestroyed(stream)) return true;
  if (options?.readable !== false && isReadable(stream)) return false;
  if (options?.writable !== false && isWritable(stream)) return false;
  return true;
}

function isReadableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  if (stream.readableErrored) return stream.readableErrored;
  return stream._readableState?.errored ?? null;
}

function isWritableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  if (stream.writableErrored) return stream.writableErrored;
  return stream._writableState?.errored ?? null;
}

function isOutgoingMessage(stream) {
  return typeof stream._closed === 'boolean' && typeof stream._defaultKeepAlive === 'boolean'
    && typeof stream._removedConnection === 'boolean' && typeof stream._removedContLen === 'boolean';
}

function isServerResponse(stream) {
  return typeof stream._sent100 === 'boolean' && isOutgoingMessage(stream);
}

function isServerRequest(stream) {
  return typeof stream._consuming === 'boolean' && typeof stream._dumped === 'boolean' && stream.req?.upgradeOrConnect === undefined;
}

function isRequest(stream) {
  return Boolean(stream && stream.setHeader && typeof stream.abort === 'function');
}

function isClosed(stream) {
  if (!isNodeStream(stream)) return null;
  if (typeof stream.closed === 'boolean') return stream.closed;
  const wState = stream._writableState;
  const rState = stream._readableState;
  if (typeof wState?.closed === 'boolean' || typeof rState?.closed === 'boolean') return wState?.closed || rState?.closed;
  if (typeof stream._closed === 'boolean' && isOutgoingMessage(stream)) return stream._closed;
  return null;
}

// Whether the stream will emit 'close' by itself once it is done.
function willEmitClose(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return (!state && isServerResponse(stream)) || Boolean(state && state.autoDestroy && state.emitClose && state.closed === false);
}

// Feeds duplex's readable side from source, a node Readable: each _read moves what source has
// buffered until either side runs out, then waits for source's next 'readable'. Returns a
// function that forgets the wait (for the duplex's _destroy).
function pumpReadableInto(duplex, source) {
  let onreadable = null;
  source.on('readable', () => {
    const resume = onreadable;
    onreadable = null;
    if (resume) resume();
  });
  source.on('end', () => duplex.push(null));
  duplex._read = function () {
    for (;;) {
      const chunk = source.read();
      if (chunk === null) {
        onreadable = duplex._read;
        return;
      }
      if (!duplex.push(chunk)) return;
    }
  };
  return () => {
    onreadable = null;
  };
}

module.exports = {
  kIsDestroyed,
  isClosed,
  isFinished,
  isReadableErrored,
  isRequest,
  isServerRequest,
  isServerResponse,
  isWritableErrored,
  isWritableFinished,
  willEmitClose,
  isDestroyed,
  isDuplexNodeStream,
  isIterable,
  isNodeStream,
  isReadable,
  isReadableFinished,
  isReadableNodeStream,
  isReadableStream,
  isTransformStream,
  isWebStream,
  isWritable,
  isWritableEnded,
  isWritableNodeStream,
  isWritableStream,
  pumpReadableInto,
};
