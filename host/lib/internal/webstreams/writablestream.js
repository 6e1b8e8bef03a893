'use strict';
// WritableStream, its default writer and controller (WHATWG Streams §5).

const {
  kState, kType, invalidState, invalidThis, invalidArgType, invalidArgValue, codedError, isBrand,
  deferred, resolvedDeferred, rejectedDeferred, markHandled, promiseCall,
  dequeueValue, enqueueValueWithSize, peekQueueValue, resetQueue,
  extractHighWaterMark, extractSizeAlgorithm, optionalFunction, validateDictionary,
  inspectCustom, customInspect,
} = require('internal/webstreams/util');

const isWritableStream = (value) => isBrand(value, 'WritableStream');
const isWriter = (value) => isBrand(value, 'WritableStreamDefaultWriter');
const isController = (value) => isBrand(value, 'WritableStreamDefaultController');

const kCreate = Symbol('kCreate');
const kCloseSentinel = Symbol('close');

const { kTransfer, kTransferList, kDeserialize, markTransferMode } = require('internal/worker/js_transferable');
const transfer = () => require('internal/webstreams/transfer');

class WritableStream {
  constructor(underlyingSink = null, strategy = {}) {
    this[kType] = 'WritableStream';
    markTransferMode(this, false, true);
    if (underlyingSink === kCreate) {
      initializeWritableStream(this);
      return;
    }
    validateDictionary(underlyingSink, 'sink');
    validateDictionary(strategy, 'strategy');
    initializeWritableStream(this);
    if (underlyingSink?.type !== undefined) throw invalidArgValue('type', underlyingSink.type);
    const size = extractSizeAlgorithm(strategy);
    const hwm = extractHighWaterMark(strategy, 1);
    setUpControllerFromSink(this, underlyingSink, hwm, size);
  }

  get locked() {
    if (!isWritableStream(this)) throw invalidThis('WritableStream');
    return isWritableStreamLocked(this);
  }

  [kTransferList]() {
    return transfer().newChannel(this);
  }

  [kTransfer]() {
    return transfer().transferWritable(this);
  }

  [kDeserialize]({ port }) {
    transfer().setUpCrossRealmWritable(this, port);
  }

  abort(reason = undefined) {
    if (!isWritableStream(this)) return Promise.reject(invalidThis('WritableStream'));
    if (isWritableStreamLocked(this)) return Promise.reject(invalidState('WritableStream is locked'));
    return writableStreamAbort(this, reason);
  }

  close() {
    if (!isWritableStream(this)) return Promise.reject(invalidThis('WritableStream'));
    if (isWritableStreamLocked(this)) return Promise.reject(invalidState('WritableStream is locked'));
    if (writableStreamCloseQueuedOrInFlight(this)) return Promise.reject(invalidState('Failure closing WritableStream'));
    return writableStreamClose(this);
  }

  getWriter() {
    if (!isWritableStream(this)) throw invalidThis('WritableStream');
    return new WritableStreamDefaultWriter(this);
  }

  [inspectCustom](depth, options, inspect) {
    const state = this[kState];
    return customInspect(this, this.constructor.name, {
      locked: this.locked,
      state: state.state,
    }, depth, options, inspect);
  }
}

function initializeWritableStream(stream) {
  stream[kState] = {
    state: 'writable',
    storedError: undefined,
    writer: undefined,
    controller: undefined,
    inFlightWriteRequest: undefined,
    closeRequest: undefined,
    inFlightCloseRequest: undefined,
    pendingAbortRequest: undefined,
    writeRequests: [],
    backpressure: false,
    // Settles when the stream closes or errors (stream.finished's view of it).
    isClosed: undefined,
  };
}

function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm = 1, size = () => 1) {
  const stream = new WritableStream(kCreate);
  const controller = Object.create(WritableStreamDefaultController.prototype);
  controller[kType] = 'WritableStreamDefaultController';
  setUpController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, size);
  return stream;
}

function isWritableStreamLocked(stream) {
  return stream[kState].writer !== undefined;
}

function writableStreamAbort(stream, reason) {
  const state = stream[kState];
  if (state.state === 'closed' || state.state === 'errored') return Promise.resolve();
  const controllerState = state.controller[kState];
  controllerState.abortController.abort(reason);
  if (state.state === 'closed' || state.state === 'errored') return Promise.resolve();
  if (state.pendingAbortRequest !== undefined) return state.pendingAbortRequest.promise.promise;
  let wasAlreadyErroring = false;
  if (state.state === 'erroring') {
    wasAlreadyErroring = true;
    reason = undefined;
  }
  const promise = deferred();
  state.pendingAbortRequest = { promise, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) writableStreamStartErroring(stream, reason);
  return promise.promise;
}

function writableStreamClose(stream) {
  const state = stream[kState];
  if (state.state === 'closed' || state.state === 'errored') {
    return Promise.reject(invalidState('WritableStream is closed'));
  }
  const promise = deferred();
  state.closeRequest = promise;
  const writer = state.writer;
  if (writer !== undefined && state.backpressure && state.state === 'writable') writer[kState].ready.resolve(undefined);
  controllerClose(state.controller);
  return promise.promise;
}

function writableStreamAddWriteRequest(stream) {
  const promise = deferred();
  stream[kState].writeRequests.push(promise);
  return promise.promise;
}

function writableStreamDealWithRejection(stream, error) {
  if (stream[kState].state === 'writable') {
    writableStreamStartErroring(stream, error);
    return;
  }
  writableStreamFinishErroring(stream);
}

function writableStreamStartErroring(stream, reason) {
  const state = stream[kState];
  const controller = state.controller;
  state.state = 'erroring';
  state.storedError = reason;
  const writer = state.writer;
  if (writer !== undefined) writerEnsureReadyPromiseRejected(writer, reason);
  if (!writableStreamHasOperationMarkedInFlight(stream) && controller[kState].started) {
    writableStreamFinishErroring(stream);
  }
}

function writableStreamFinishErroring(stream) {
  const state = stream[kState];
  state.state = 'errored';
  state.isClosed?.reject(state.storedError);
  state.controller[kState].queue = [];
  state.controller[kState].queueTotalSize = 0;
  const storedError = state.storedError;
  const requests = state.writeRequests;
  state.writeRequests = [];
  for (const request of requests) {
    request.reject(storedError);
  }
  const abortRequest = state.pendingAbortRequest;
  if (abortRequest === undefined) {
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  state.pendingAbortRequest = undefined;
  if (abortRequest.wasAlreadyErroring) {
    abortRequest.promise.reject(storedError);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  const controller = state.controller;
  const result = controller[kState].abortAlgorithm(abortRequest.reason);
  controllerClearAlgorithms(controller);
  result.then(() => {
    abortRequest.promise.resolve(undefined);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
  }, (reason) => {
    abortRequest.promise.reject(reason);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
  });
}

function writableStreamFinishInFlightWrite(stream) {
  stream[kState].inFlightWriteRequest.resolve(undefined);
  stream[kState].inFlightWriteRequest = undefined;
}

function writableStreamFinishInFlightWriteWithError(stream, error) {
  stream[kState].inFlightWriteRequest.reject(error);
  stream[kState].inFlightWriteRequest = undefined;
  writableStreamDealWithRejection(stream, error);
}

function writableStreamFinishInFlightClose(stream) {
  const state = stream[kState];
  state.inFlightCloseRequest.resolve(undefined);
  state.inFlightCloseRequest = undefined;
  if (state.state === 'erroring') {
    state.storedError = undefined;
    if (state.pendingAbortRequest !== undefined) {
      state.pendingAbortRequest.promise.resolve(undefined);
      state.pendingAbortRequest = undefined;
    }
  }
  state.state = 'closed';
  state.isClosed?.resolve(undefined);
  const writer = state.writer;
  if (writer !== undefined) writer[kState].closed.resolve(undefined);
}

function writableStreamFinishInFlightCloseWithError(stream, error) {
  const state = stream[kState];
  state.inFlightCloseRequest.reject(error);
  state.inFlightCloseRequest = undefined;
  if (state.pendingAbortRequest !== undefined) {
    state.pendingAbortRequest.promise.reject(error);
    state.pendingAbortRequest = undefined;
  }
  writableStreamDealWithRejection(stream, error);
}

function writableStreamCloseQueuedOrInFlight(stream) {
  return stream[kState].closeRequest !== undefined || stream[kState].inFlightCloseRequest !== undefined;
}

function writableStreamHasOperationMarkedInFlight(stream) {
  return stream[kState].inFlightWriteRequest !== undefined || stream[kState].inFlightCloseRequest !== undefined;
}

function writableStreamMarkCloseRequestInFlight(stream) {
  const state = stream[kState];
  state.inFlightCloseRequest = state.closeRequest;
  state.closeRequest = undefined;
}

function writableStreamMarkFirstWriteRequestInFlight(stream) {
  const state = stream[kState];
  state.inFlightWriteRequest = state.writeRequests.shift();
}

function writableStreamRejectCloseAndClosedPromiseIfNeeded(stream) {
  const state = stream[kState];
  if (state.closeRequest !== undefined) {
    state.closeRequest.reject(state.storedError);
    state.closeRequest = undefined;
  }
  const writer = state.writer;
  if (writer !== undefined) {
    writer[kState].closed.reject(state.storedError);
    markHandled(writer[kState].closed.promise);
  }
}

function writableStreamUpdateBackpressure(stream, backpressure) {
  const state = stream[kState];
  const writer = state.writer;
  if (writer !== undefined && backpressure !== state.backpressure) {
    if (backpressure) writer[kState].ready = deferred();
    else writer[kState].ready.resolve(undefined);
  }
  state.backpressure = backpressure;
}

// ---------------------------------------------------------------- writer

class WritableStreamDefaultWriter {
  constructor(stream) {
    this[kType] = 'WritableStreamDefaultWriter';
    if (!isWritableStream(stream)) throw invalidArgType('stream', 'an instance of WritableStream', stream);
    if (isWritableStreamLocked(stream)) throw invalidState('WritableStream is locked');
    this[kState] = { stream, ready: undefined, closed: undefined };
    const state = stream[kState];
    state.writer = this;
    if (state.state === 'writable') {
      if (!writableStreamCloseQueuedOrInFlight(stream) && state.backpressure) this[kState].ready = deferred();
      else this[kState].ready = resolvedDeferred(undefined);
      this[kState].closed = deferred();
    } else if (state.state === 'erroring') {
      this[kState].ready = rejectedDeferred(state.storedError);
      this[kState].closed = deferred();
    } else if (state.state === 'closed') {
      this[kState].ready = resolvedDeferred(undefined);
      this[kState].closed = resolvedDeferred(undefined);
    } else {
      this[kState].ready = rejectedDeferred(state.storedError);
      this[kState].closed = rejectedDeferred(state.storedError);
    }
  }

  get closed() {
    if (!isWriter(this)) return Promise.reject(invalidThis('WritableStreamDefaultWriter'));
    return this[kState].closed.promise;
  }

  get desiredSize() {
    if (!isWriter(this)) throw invalidThis('WritableStreamDefaultWriter');
    if (this[kState].stream === undefined) throw invalidState('Writer is not bound to a WritableStream');
    return writerGetDesiredSize(this);
  }

  get ready() {
    if (!isWriter(this)) return Promise.reject(invalidThis('WritableStreamDefaultWriter'));
    return this[kState].ready.promise;
  }

  abort(reason = undefined) {
    if (!isWriter(this)) return Promise.reject(invalidThis('WritableStreamDefaultWriter'));
    if (this[kState].stream === undefined) {
      return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    }
    return writableStreamAbort(this[kState].stream, reason);
  }

  close() {
    if (!isWriter(this)) return Promise.reject(invalidThis('WritableStreamDefaultWriter'));
    const stream = this[kState].stream;
    if (stream === undefined) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    if (writableStreamCloseQueuedOrInFlight(stream)) {
      return Promise.reject(invalidState('Failure to close WritableStream'));
    }
    return writableStreamClose(stream);
  }

  releaseLock() {
    if (!isWriter(this)) throw invalidThis('WritableStreamDefaultWriter');
    if (this[kState].stream === undefined) return;
    writerRelease(this);
  }

  write(chunk = undefined) {
    if (!isWriter(this)) return Promise.reject(invalidThis('WritableStreamDefaultWriter'));
    if (this[kState].stream === undefined) {
      return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    }
    return writerWrite(this, chunk);
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, {
      stream: this[kState].stream,
      close: this[kState].closed.promise,
      ready: this[kState].ready.promise,
      desiredSize: this[kState].stream === undefined ? undefined : writerGetDesiredSize(this),
    }, depth, options, inspect);
  }
}

function acquireWriter(stream) {
  return new WritableStreamDefaultWriter(stream);
}

function writerCloseWithErrorPropagation(writer) {
  const stream = writer[kState].stream;
  const state = stream[kState].state;
  if (writableStreamCloseQueuedOrInFlight(stream) || state === 'closed') return Promise.resolve();
  if (state === 'errored') return Promise.reject(stream[kState].storedError);
  return writableStreamClose(stream);
}

function writerEnsureClosedPromiseRejected(writer, error) {
  if (!writer[kState].closed.settled) writer[kState].closed.reject(error);
  else writer[kState].closed = rejectedDeferred(error);
  markHandled(writer[kState].closed.promise);
}

function writerEnsureReadyPromiseRejected(writer, error) {
  if (!writer[kState].ready.settled) writer[kState].ready.reject(error);
  else writer[kState].ready = rejectedDeferred(error);
  markHandled(writer[kState].ready.promise);
}

function writerGetDesiredSize(writer) {
  const stream = writer[kState].stream;
  const state = stream[kState].state;
  if (state === 'errored' || state === 'erroring') return null;
  if (state === 'closed') return 0;
  return controllerGetDesiredSize(stream[kState].controller);
}

function writerRelease(writer) {
  const stream = writer[kState].stream;
  const error = invalidState('Writer has been released');
  writerEnsureReadyPromiseRejected(writer, error);
  writerEnsureClosedPromiseRejected(writer, error);
  stream[kState].writer = undefined;
  writer[kState].stream = undefined;
}

function writerWrite(writer, chunk) {
  const stream = writer[kState].stream;
  const controller = stream[kState].controller;
  const chunkSize = controllerGetChunkSize(controller, chunk);
  if (stream !== writer[kState].stream) return Promise.reject(invalidState('Writer has been released'));
  const state = stream[kState].state;
  if (state === 'errored') return Promise.reject(stream[kState].storedError);
  if (writableStreamCloseQueuedOrInFlight(stream) || state === 'closed') {
    return Promise.reject(invalidState('WritableStream is closed'));
  }
  if (state === 'erroring') return Promise.reject(stream[kState].storedError);
  const promise = writableStreamAddWriteRequest(stream);
  controllerWrite(controller, chunk, chunkSize);
  return promise;
}

// ---------------------------------------------------------------- controller

class WritableStreamDefaultController {
  constructor() {
    throw codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }

  get signal() {
    if (!isController(this)) throw invalidThis('WritableStreamDefaultController');
    return this[kState].abortController.signal;
  }

  error(error = undefined) {
    if (!isController(this)) throw invalidThis('WritableStreamDefaultController');
    if (this[kState].stream[kState].state !== 'writable') return;
    controllerError(this, error);
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, {}, depth, options, inspect);
  }
}

function setUpController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, size) {
  controller[kState] = {
    stream, queue: [], queueTotalSize: 0, started: false, abortController: new globalThis.AbortController(),
    strategySizeAlgorithm: size, strategyHWM: hwm, writeAlgorithm, closeAlgorithm, abortAlgorithm,
  };
  stream[kState].controller = controller;
  writableStreamUpdateBackpressure(stream, controllerGetBackpressure(controller));
  const startResult = startAlgorithm();
  Promise.resolve(startResult).then(() => {
    controller[kState].started = true;
    controllerAdvanceQueueIfNeeded(controller);
  }, (r) => {
    controller[kState].started = true;
    writableStreamDealWithRejection(stream, r);
  });
}

function setUpControllerFromSink(stream, sink, hwm, size) {
  const controller = Object.create(WritableStreamDefaultController.prototype);
  controller[kType] = 'WritableStreamDefaultController';
  const start = optionalFunction(sink, 'start', 'sink');
  const write = optionalFunction(sink, 'write', 'sink');
  const close = optionalFunction(sink, 'close', 'sink');
  const abort = optionalFunction(sink, 'abort', 'sink');
  setUpController(stream, controller,
    start ? () => Reflect.apply(start, sink, [controller]) : () => undefined,
    write ? (chunk) => promiseCall(write, sink, chunk, controller) : () => Promise.resolve(),
    close ? () => promiseCall(close, sink) : () => Promise.resolve(),
    abort ? (reason) => promiseCall(abort, sink, reason) : () => Promise.resolve(),
    hwm, size);
}

function controllerAdvanceQueueIfNeeded(controller) {
  const state = controller[kState];
  const stream = state.stream;
  if (!state.started) return;
  if (stream[kState].inFlightWriteRequest !== undefined) return;
  const streamState = stream[kState].state;
  if (streamState === 'erroring') {
    writableStreamFinishErroring(stream);
    return;
  }
  if (state.queue.length === 0) return;
  const value = peekQueueValue(state);
  if (value === kCloseSentinel) controllerProcessClose(controller);
  else controllerProcessWrite(controller, value);
}

function controllerClearAlgorithms(controller) {
  const state = controller[kState];
  state.writeAlgorithm = undefined;
  state.closeAlgorithm = undefined;
  state.abortAlgorithm = undefined;
  state.strategySizeAlgorithm = undefined;
}

function controllerClose(controller) {
  enqueueValueWithSize(controller[kState], kCloseSentinel, 0);
  controllerAdvanceQueueIfNeeded(controller);
}

function controllerError(controller, error) {
  const stream = controller[kState].stream;
  controllerClearAlgorithms(controller);
  writableStreamStartErroring(stream, error);
}

function controllerErrorIfNeeded(controller, error) {
  if (controller[kState].stream[kState].state === 'writable') controllerError(controller, error);
}

function controllerGetBackpressure(controller) {
  return controllerGetDesiredSize(controller) <= 0;
}

function controllerGetChunkSize(controller, chunk) {
  const size = controller[kState].strategySizeAlgorithm;
  if (size === undefined) return 1;
  try {
    return size(chunk);
  } catch (err) {
    controllerErrorIfNeeded(controller, err);
    return 1;
  }
}

function controllerGetDesiredSize(controller) {
  return controller[kState].strategyHWM - controller[kState].queueTotalSize;
}

function controllerProcessClose(controller) {
  const state = controller[kState];
  const stream = state.stream;
  writableStreamMarkCloseRequestInFlight(stream);
  dequeueValue(state);
  const closeAlgorithm = state.closeAlgorithm;
  controllerClearAlgorithms(controller);
  closeAlgorithm().then(() => writableStreamFinishInFlightClose(stream),
    (reason) => writableStreamFinishInFlightCloseWithError(stream, reason));
}

function controllerProcessWrite(controller, chunk) {
  const state = controller[kState];
  const stream = state.stream;
  writableStreamMarkFirstWriteRequestInFlight(stream);
  state.writeAlgorithm(chunk).then(() => {
    writableStreamFinishInFlightWrite(stream);
    const streamState = stream[kState].state;
    dequeueValue(state);
    if (!writableStreamCloseQueuedOrInFlight(stream) && streamState === 'writable') {
      writableStreamUpdateBackpressure(stream, controllerGetBackpressure(controller));
    }
    controllerAdvanceQueueIfNeeded(controller);
  }, (reason) => {
    if (stream[kState].state === 'writable') controllerClearAlgorithms(controller);
    writableStreamFinishInFlightWriteWithError(stream, reason);
  });
}

function controllerWrite(controller, chunk, chunkSize) {
  const state = controller[kState];
  try {
    enqueueValueWithSize(state, chunk, chunkSize);
  } catch (err) {
    controllerErrorIfNeeded(controller, err);
    return;
  }
  const stream = state.stream;
  if (!writableStreamCloseQueuedOrInFlight(stream) && stream[kState].state === 'writable') {
    writableStreamUpdateBackpressure(stream, controllerGetBackpressure(controller));
  }
  controllerAdvanceQueueIfNeeded(controller);
}

for (const C of [WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
  for (const name of Object.getOwnPropertyNames(C.prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(C.prototype, name, { enumerable: true });
  }
}

module.exports = {
  WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController,
  isWritableStream, isWritableStreamLocked, createWritableStream, writableStreamAbort, writableStreamClose,
  writableStreamCloseQueuedOrInFlight, acquireWriter, writerWrite, writerRelease, writerCloseWithErrorPropagation,
  writerGetDesiredSize, controllerErrorIfNeeded, controllerError, writableStreamDealWithRejection,
  writableStreamStartErroring, writableStreamUpdateBackpressure, setUpControllerFromSink, kCreate,
};
