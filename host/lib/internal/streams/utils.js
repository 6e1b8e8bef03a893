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

function isDestroyed(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return Boolean(stream.destroyed || state?.destroyed);
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

module.exports = {
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
};
