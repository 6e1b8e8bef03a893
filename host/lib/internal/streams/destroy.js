'use strict';
// destroy(), errorOrDestroy() and _construct scheduling, shared by Readable and Writable (and
// so by Duplex, whose two states move together).

const { AbortError, codedError } = require('internal/errors');
const utils = require('internal/streams/utils');

const kDestroy = Symbol('kDestroy');
const kConstruct = Symbol('kConstruct');

function multipleCallback() {
  return codedError(Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times');
}

function recordError(err, wState, rState) {
  if (!err) return;
  err.stack; // eslint-disable-line no-unused-expressions -- keeps the stack from where it was raised
  if (wState && !wState.errored) wState.errored = err;
  if (rState && !rState.errored) rState.errored = err;
}

// Two errors from one operation: an AggregateError of both when they differ, else the one given.
function aggregateTwoErrors(inner, outer) {
  if (inner && outer && inner !== outer) {
    if (Array.isArray(outer.errors)) {
      outer.errors.push(inner);
      return outer;
    }
    const err = new AggregateError([outer, inner], outer.message);
    err.code = outer.code;
    return err;
  }
  return inner || outer;
}

function destroy(err, callback) {
  const rState = this._readableState;
  const wState = this._writableState;
  const state = wState || rState;
  if (wState?.destroyed || rState?.destroyed) {
    if (typeof callback === 'function') callback();
    return this;
  }
  recordError(err, wState, rState);
  if (wState) wState.destroyed = true;
  if (rState) rState.destroyed = true;
  if (!state.constructed) {
    this.once(kDestroy, function onConstructed(constructErr) {
      runDestroy(this, aggregateTwoErrors(constructErr, err), callback);
    });
  } else {
    runDestroy(this, err, callback);
  }
  return this;
}

function runDestroy(stream, err, callback) {
  let called = false;
  const onDestroy = (destroyErr) => {
    if (called) return;
    called = true;
    const rState = stream._readableState;
    const wState = stream._writableState;
    recordError(destroyErr, wState, rState);
    if (wState) wState.closed = true;
    if (rState) rState.closed = true;
    if (typeof callback === 'function') callback(destroyErr);
    if (destroyErr) process.nextTick(emitErrorCloseNT, stream, destroyErr);
    else process.nextTick(emitCloseNT, stream);
  };
  try {
    stream._destroy(err || null, onDestroy);
  } catch (thrown) {
    onDestroy(thrown);
  }
}

function emitErrorCloseNT(stream, err) {
  emitErrorNT(stream, err);
  emitCloseNT(stream);
}

function emitCloseNT(stream) {
  const rState = stream._readableState;
  const wState = stream._writableState;
  if (wState) wState.closeEmitted = true;
  if (rState) rState.closeEmitted = true;
  if (wState?.emitClose || rState?.emitClose) stream.emit('close');
}

function emitErrorNT(stream, err) {
  const rState = stream._readableState;
  const wState = stream._writableState;
  if (wState?.errorEmitted || rState?.errorEmitted) return;
  if (wState) wState.errorEmitted = true;
  if (rState) rState.errorEmitted = true;
  stream.emit('error', err);
}

function undestroy() {
  const rState = this._readableState;
  const wState = this._writableState;
  if (rState) {
    rState.constructed = true;
    rState.closed = false;
    rState.closeEmitted = false;
    rState.destroyed = false;
    rState.errored = null;
    rState.errorEmitted = false;
    rState.reading = false;
    rState.ended = rState.readable === false;
    rState.endEmitted = rState.readable === false;
  }
  if (wState) {
    wState.constructed = true;
    wState.destroyed = false;
    wState.closed = false;
    wState.closeEmitted = false;
    wState.errored = null;
    wState.errorEmitted = false;
    wState.finalCalled = false;
    wState.prefinished = false;
    wState.ended = wState.writable === false;
    wState.ending = wState.writable === false;
    wState.finished = wState.writable === false;
  }
}

// An error from inside the stream: destroys it when it auto-destroys, else only records and
// emits the error.
function errorOrDestroy(stream, err, sync) {
  const rState = stream._readableState;
  const wState = stream._writableState;
  if (wState?.destroyed || rState?.destroyed) return;
  if (rState?.autoDestroy || wState?.autoDestroy) {
    stream.destroy(err);
  } else if (err) {
    recordError(err, wState, rState);
    if (sync) process.nextTick(emitErrorNT, stream, err);
    else emitErrorNT(stream, err);
  }
}

// Runs stream._construct on the next tick; `onConstructed` runs once it has called back
// without error. A Duplex comes here from both its sides: the second only adds its callback.
function construct(stream, onConstructed) {
  if (typeof stream._construct !== 'function') return;
  const rState = stream._readableState;
  const wState = stream._writableState;
  if (rState) rState.constructed = false;
  if (wState) wState.constructed = false;
  stream.once(kConstruct, onConstructed);
  if (stream.listenerCount(kConstruct) > 1) return;
  process.nextTick(constructNT, stream);
}

function constructNT(stream) {
  let called = false;
  const onConstruct = (err) => {
    if (called) {
      errorOrDestroy(stream, err ?? multipleCallback());
      return;
    }
    called = true;
    const rState = stream._readableState;
    const wState = stream._writableState;
    const state = wState || rState;
    if (rState) rState.constructed = true;
    if (wState) wState.constructed = true;
    if (state.destroyed) stream.emit(kDestroy, err);
    else if (err) errorOrDestroy(stream, err, true);
    else stream.emit(kConstruct);
  };
  try {
    stream._construct((err) => {
      process.nextTick(onConstruct, err);
    });
  } catch (err) {
    process.nextTick(onConstruct, err);
  }
}

// stream.destroy(): destroys any stream-like value (http requests are aborted); a stream that
// has not finished is destroyed with an AbortError.
function destroyer(stream, err) {
  if (!stream || utils.isDestroyed(stream)) return;
  if (!err && !utils.isFinished(stream)) err = new AbortError();
  if (utils.isServerRequest(stream)) {
    stream.socket = null;
    stream.destroy(err);
  } else if (utils.isRequest(stream)) {
    stream.abort();
  } else if (utils.isRequest(stream.req)) {
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
  if (!stream.destroyed) stream[utils.kIsDestroyed] = true;
}

module.exports = {
  aggregateTwoErrors,
  construct,
  destroy,
  destroyer,
  errorOrDestroy,
  multipleCallback,
  undestroy,
};
