'use strict';
// stream.addAbortSignal(signal, stream): aborting the signal destroys the stream (a web
// stream errors) with an AbortError.

const { AbortError, invalidArgType } = require('internal/errors');
const utils = require('internal/streams/utils');

function validateAbortSignal(signal, name) {
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
    throw invalidArgType(name, 'an instance of AbortSignal', signal);
  }
}

function isWebStream(value) {
  const { kType } = require('internal/webstreams/util');
  return value?.[kType] === 'ReadableStream' || value?.[kType] === 'WritableStream';
}

function addAbortSignal(signal, stream) {
  validateAbortSignal(signal, 'signal');
  if (!utils.isNodeStream(stream) && !isWebStream(stream)) {
    throw invalidArgType('stream', 'an instance of ReadableStream, WritableStream, or Stream', stream);
  }
  return addAbortSignalNoValidate(signal, stream);
}

function addAbortSignalNoValidate(signal, stream) {
  if (typeof signal !== 'object' || !('aborted' in signal)) return stream;
  const abortError = () => new AbortError(undefined, { cause: signal.reason });
  if (isWebStream(stream)) {
    // A web stream errors through its controller.
    const { kState } = require('internal/webstreams/util');
    const onAbort = () => stream[kState].controller.error(abortError());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return stream;
  }
  const onAbort = () => stream.destroy(abortError());
  if (signal.aborted) {
    onAbort();
  } else {
    signal.addEventListener('abort', onAbort, { once: true });
    require('internal/streams/end-of-stream')(stream, () => signal.removeEventListener('abort', onAbort));
  }
  return stream;
}

module.exports = { addAbortSignal, addAbortSignalNoValidate };
