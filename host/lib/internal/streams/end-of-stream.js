'use strict';
// stream.finished(stream[, options], callback): calls back once when the stream has ended,
// finished, errored or closed early (ERR_STREAM_PREMATURE_CLOSE); returns the cleanup.

const { AbortError, codedError, invalidArgType, validateFunction, validateObject } = require('internal/errors');
const utils = require('internal/streams/utils');

const prematureClose = () => codedError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close');

function once(callback) {
  let called = false;
  return function (...args) {
    if (called) return;
    called = true;
    Reflect.apply(callback, this, args);
  };
}

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'an instance of AbortSignal', signal);
  }
}

// Calls `listener` once `signal` aborts; returns the function that stops listening.
function onAbort(signal, listener) {
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

function isWebStream(value) {
  const { kType } = require('internal/webstreams/util');
  return value?.[kType] === 'ReadableStream' || value?.[kType] === 'WritableStream';
}

function eos(stream, options, callback) {
  if (arguments.length === 2) {
    callback = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else {
    validateObject(options, 'options');
  }
  validateFunction(callback, 'callback');
  validateAbortSignal(options.signal, 'options.signal');
  callback = once(callback);

  if (isWebStream(stream)) return eosWeb(stream, options, callback);
  if (!utils.isNodeStream(stream)) {
    throw invalidArgType('stream', 'an instance of ReadableStream, WritableStream, or Stream', stream);
  }

  const readable = options.readable ?? utils.isReadableNodeStream(stream);
  const writable = options.writable ?? utils.isWritableNodeStream(stream);
  const wState = stream._writableState;
  const rState = stream._readableState;

  // A stream that will emit 'close' itself is done at 'close', not at 'end'/'finish'.
  let willEmitClose = utils.willEmitClose(stream)
    && utils.isReadableNodeStream(stream) === readable && utils.isWritableNodeStream(stream) === writable;

  let writableFinished = utils.isWritableFinished(stream, false);
  let readableFinished = utils.isReadableFinished(stream, false);
  const onfinish = () => {
    writableFinished = true;
    if (stream.destroyed) willEmitClose = false;
    if (willEmitClose && (!stream.readable || readable)) return;
    if (!readable || readableFinished) callback.call(stream);
  };
  const onlegacyfinish = () => {
    if (!stream.writable) onfinish();
  };
  const onend = () => {
    readableFinished = true;
    if (stream.destroyed) willEmitClose = false;
    if (willEmitClose && (!stream.writable || writable)) return;
    if (!writable || writableFinished) callback.call(stream);
  };
  const onerror = (err) => {
    callback.call(stream, err);
  };
  let closed = utils.isClosed(stream);
  const onclose = () => {
    closed = true;
    const errored = utils.isWritableErrored(stream) || utils.isReadableErrored(stream);
    if (errored && typeof errored !== 'boolean') return callback.call(stream, errored);
    if (readable && !readableFinished && utils.isReadableNodeStream(stream, true)) {
      if (!utils.isReadableFinished(stream, false)) return callback.call(stream, prematureClose());
    }
    if (writable && !writableFinished) {
      if (!utils.isWritableFinished(stream, false)) return callback.call(stream, prematureClose());
    }
    callback.call(stream);
  };
  const onclosed = () => {
    closed = true;
    const errored = utils.isWritableErrored(stream) || utils.isReadableErrored(stream);
    if (errored && typeof errored !== 'boolean') return callback.call(stream, errored);
    callback.call(stream);
  };
  const onrequest = () => {
    stream.req.on('finish', onfinish);
  };

  if (utils.isRequest(stream)) {
    stream.on('complete', onfinish);
    if (!willEmitClose) stream.on('abort', onclose);
    if (stream.req) onrequest();
    else stream.on('request', onrequest);
  } else if (writable && !wState) {
    // A legacy stream, which has no 'finish'.
    stream.on('end', onlegacyfinish);
    stream.on('close', onlegacyfinish);
  }
  if (!willEmitClose && typeof stream.aborted === 'boolean') stream.on('aborted', onclose);

  stream.on('end', onend);
  stream.on('finish', onfinish);
  if (options.error !== false) stream.on('error', onerror);
  stream.on('close', onclose);

  if (closed) {
    process.nextTick(onclose);
  } else if (wState?.errorEmitted || rState?.errorEmitted) {
    if (!willEmitClose) process.nextTick(onclosed);
  } else if (!readable && (!willEmitClose || utils.isReadable(stream))
    && (writableFinished || utils.isWritable(stream) === false)) {
    process.nextTick(onclosed);
  } else if (!writable && (!willEmitClose || utils.isWritable(stream))
    && (readableFinished || utils.isReadable(stream) === false)) {
    process.nextTick(onclosed);
  } else if (rState && stream.req && stream.aborted) {
    process.nextTick(onclosed);
  }

  const cleanup = () => {
    callback = () => {};
    stream.removeListener('aborted', onclose);
    stream.removeListener('complete', onfinish);
    stream.removeListener('abort', onclose);
    stream.removeListener('request', onrequest);
    if (stream.req) stream.req.removeListener('finish', onfinish);
    stream.removeListener('end', onlegacyfinish);
    stream.removeListener('close', onlegacyfinish);
    stream.removeListener('finish', onfinish);
    stream.removeListener('end', onend);
    stream.removeListener('error', onerror);
    stream.removeListener('close', onclose);
  };

  if (options.signal && !closed) {
    const abort = () => {
      const endCallback = callback;
      cleanup();
      endCallback.call(stream, new AbortError(undefined, { cause: options.signal.reason }));
    };
    callback = listenForAbort(stream, options.signal, abort, callback);
  }
  return cleanup;
}

// Runs `abort` when `signal` aborts (on the next tick if it already has); returns `callback`
// made to stop listening once it runs.
function listenForAbort(stream, signal, abort, callback) {
  if (signal.aborted) {
    process.nextTick(abort);
    return callback;
  }
  const stopListening = onAbort(signal, abort);
  return once((...args) => {
    stopListening();
    callback.apply(stream, args);
  });
}

function eosWeb(stream, options, callback) {
  let aborted = false;
  if (options.signal) {
    const abort = () => {
      aborted = true;
      callback.call(stream, new AbortError(undefined, { cause: options.signal.reason }));
    };
    callback = listenForAbort(stream, options.signal, abort, callback);
  }
  const settle = (...args) => {
    if (!aborted) process.nextTick(() => callback.apply(stream, args));
  };
  require('internal/webstreams/util').whenStreamSettles(stream).then(() => settle(), settle);
  return () => {};
}

function finishedPromise(stream, options) {
  let autoCleanup = false;
  if (options === null) options = {};
  if (options?.cleanup) {
    require('internal/errors').validateBoolean(options.cleanup, 'cleanup');
    autoCleanup = options.cleanup;
  }
  return new Promise((resolve, reject) => {
    const cleanup = eos(stream, options, (err) => {
      if (autoCleanup) cleanup();
      if (err) reject(err);
      else resolve();
    });
  });
}

module.exports = eos;
// stream/promises names it as stream names the callback form.
Object.defineProperty(finishedPromise, 'name', { value: 'finished' });
module.exports.finished = finishedPromise;
module.exports.validateAbortSignal = validateAbortSignal;
module.exports.onAbort = onAbort;
module.exports.once = once;
