'use strict';
// ReadableStream with its default and byte controllers, default and BYOB readers, tee,
// pipeTo/pipeThrough, async iteration and ReadableStream.from (WHATWG Streams §4).

const {
  kState, kType, invalidState, invalidThis, invalidArgType, invalidArgValue, codedError, isBrand,
  deferred, resolvedDeferred, rejectedDeferred, markHandled, promiseCall,
  dequeueValue, enqueueValueWithSize, resetQueue,
  extractHighWaterMark, extractSizeAlgorithm, optionalFunction, validateDictionary,
  isDetached, transferArrayBuffer, canTransferArrayBuffer, copyDataBlockBytes,
  inspectCustom, customInspect,
} = require('internal/webstreams/util');

const isReadableStream = (value) => isBrand(value, 'ReadableStream');
const isDefaultController = (value) => isBrand(value, 'ReadableStreamDefaultController');
const isByteController = (value) => isBrand(value, 'ReadableByteStreamController');
const isDefaultReader = (value) => isBrand(value, 'ReadableStreamDefaultReader');
const isBYOBReader = (value) => isBrand(value, 'ReadableStreamBYOBReader');
const isBYOBRequest = (value) => isBrand(value, 'ReadableStreamBYOBRequest');

const kCreate = Symbol('kCreate');

const { kTransfer, kTransferList, kDeserialize, markTransferMode } = require('internal/worker/js_transferable');
const transfer = () => require('internal/webstreams/transfer');

// ---------------------------------------------------------------- ReadableStream

class ReadableStream {
  constructor(underlyingSource = null, strategy = {}) {
    this[kType] = 'ReadableStream';
    markTransferMode(this, false, true);
    if (underlyingSource === kCreate) {
      initializeReadableStream(this);
      return;
    }
    validateDictionary(underlyingSource, 'source');
    validateDictionary(strategy, 'strategy');
    initializeReadableStream(this);
    const type = underlyingSource?.type;
    if (type !== undefined && `${type}` === 'bytes') {
      if (strategy?.size !== undefined) {
        throw invalidArgValue('strategy.size', strategy.size, "must be undefined when type is 'bytes'");
      }
      const hwm = extractHighWaterMark(strategy, 0);
      setUpByteControllerFromSource(this, underlyingSource, hwm);
    } else if (type !== undefined) {
      throw invalidArgValue('source.type', type);
    } else {
      const size = extractSizeAlgorithm(strategy);
      const hwm = extractHighWaterMark(strategy, 1);
      setUpDefaultControllerFromSource(this, underlyingSource, hwm, size);
    }
  }

  get locked() {
    if (!isReadableStream(this)) throw invalidThis('ReadableStream');
    return isLocked(this);
  }

  [kTransferList]() {
    return transfer().newChannel(this);
  }

  [kTransfer]() {
    return transfer().transferReadable(this);
  }

  [kDeserialize]({ port }) {
    transfer().setUpCrossRealmReadable(this, port);
  }

  cancel(reason = undefined) {
    if (!isReadableStream(this)) return Promise.reject(invalidThis('ReadableStream'));
    if (isLocked(this)) return Promise.reject(invalidState('ReadableStream is locked'));
    return readableStreamCancel(this, reason);
  }

  getReader(options = undefined) {
    if (!isReadableStream(this)) throw invalidThis('ReadableStream');
    validateDictionary(options, 'options');
    const mode = options?.mode;
    if (mode === undefined) return new ReadableStreamDefaultReader(this);
    if (`${mode}` !== 'byob') throw invalidArgValue('options.mode', mode);
    return new ReadableStreamBYOBReader(this);
  }

  pipeThrough(transform, options = {}) {
    if (!isReadableStream(this)) throw invalidThis('ReadableStream');
    const readable = transform?.readable;
    if (!isReadableStream(readable)) {
      throw invalidArgType('transform.readable', 'an instance of ReadableStream', readable);
    }
    const writable = transform?.writable;
    if (!isWritableStream(writable)) {
      throw invalidArgType('transform.writable', 'an instance of WritableStream', writable);
    }
    const { preventClose, preventAbort, preventCancel, signal } = pipeOptions(options);
    if (isLocked(this)) throw invalidState('The ReadableStream is locked');
    if (writableStreamIsLocked(writable)) throw invalidState('The WritableStream is locked');
    const promise = readableStreamPipeTo(this, writable, preventClose, preventAbort, preventCancel, signal);
    markHandled(promise);
    return readable;
  }

  pipeTo(destination, options = {}) {
    try {
      if (!isReadableStream(this)) throw invalidThis('ReadableStream');
      if (!isWritableStream(destination)) {
        throw invalidArgType('transform.writable', 'an instance of WritableStream', destination);
      }
      const { preventClose, preventAbort, preventCancel, signal } = pipeOptions(options);
      if (isLocked(this)) throw invalidState('The ReadableStream is locked');
      if (writableStreamIsLocked(destination)) throw invalidState('The WritableStream is locked');
      return readableStreamPipeTo(this, destination, preventClose, preventAbort, preventCancel, signal);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  tee() {
    if (!isReadableStream(this)) throw invalidThis('ReadableStream');
    return readableStreamTee(this, false);
  }

  values(options = undefined) {
    if (!isReadableStream(this)) throw invalidThis('ReadableStream');
    validateDictionary(options, 'options');
    const preventCancel = Boolean(options?.preventCancel);
    return createAsyncIterator(this, preventCancel);
  }

  [Symbol.asyncIterator](options) {
    return this.values(options);
  }

  static from(iterable) {
    return readableStreamFromIterable(iterable);
  }

  [inspectCustom](depth, options, inspect) {
    const state = this[kState];
    return customInspect(this, this.constructor.name, {
      locked: this.locked,
      state: state.state,
      supportsBYOB: isByteController(state.controller),
    }, depth, options, inspect);
  }
}

function pipeOptions(options) {
  validateDictionary(options, 'options');
  const signal = options?.signal;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
  }
  return {
    preventClose: Boolean(options?.preventClose),
    preventAbort: Boolean(options?.preventAbort),
    preventCancel: Boolean(options?.preventCancel),
    signal,
  };
}

function isAbortSignal(value) {
  return value instanceof globalThis.AbortSignal;
}

function initializeReadableStream(stream) {
  stream[kState] = {
    state: 'readable',
    reader: undefined,
    storedError: undefined,
    disturbed: false,
    controller: undefined,
    // Settles when the stream closes or errors (stream.finished's view of it).
    isClosed: undefined,
  };
}

function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm = 1, size = () => 1) {
  const stream = new ReadableStream(kCreate);
  const controller = Object.create(ReadableStreamDefaultController.prototype);
  controller[kType] = 'ReadableStreamDefaultController';
  setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, size);
  return stream;
}

function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
  const stream = new ReadableStream(kCreate);
  const controller = Object.create(ReadableByteStreamController.prototype);
  controller[kType] = 'ReadableByteStreamController';
  setUpByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
  return stream;
}

function isLocked(stream) {
  return stream[kState].reader !== undefined;
}

function isDisturbed(stream) {
  return stream[kState].disturbed;
}

function readableStreamCancel(stream, reason) {
  const state = stream[kState];
  state.disturbed = true;
  if (state.state === 'closed') return Promise.resolve();
  if (state.state === 'errored') return Promise.reject(state.storedError);
  readableStreamClose(stream);
  const reader = state.reader;
  if (isBYOBReader(reader)) {
    const requests = reader[kState].readIntoRequests;
    reader[kState].readIntoRequests = [];
    for (const request of requests) request.close(undefined);
  }
  return state.controller[kCancel](reason).then(() => undefined);
}

function readableStreamClose(stream) {
  const state = stream[kState];
  state.state = 'closed';
  state.isClosed?.resolve(undefined);
  const reader = state.reader;
  if (reader === undefined) return;
  reader[kState].closed.resolve(undefined);
  if (isDefaultReader(reader)) {
    const requests = reader[kState].readRequests;
    reader[kState].readRequests = [];
    for (const request of requests) request.close();
  }
}

function readableStreamError(stream, error) {
  const state = stream[kState];
  state.state = 'errored';
  state.storedError = error;
  state.isClosed?.reject(error);
  const reader = state.reader;
  if (reader === undefined) return;
  reader[kState].closed.reject(error);
  markHandled(reader[kState].closed.promise);
  if (isDefaultReader(reader)) {
    const requests = reader[kState].readRequests;
    reader[kState].readRequests = [];
    for (const request of requests) request.error(error);
  } else {
    const requests = reader[kState].readIntoRequests;
    reader[kState].readIntoRequests = [];
    for (const request of requests) request.error(error);
  }
}

function addReadRequest(stream, request) {
  stream[kState].reader[kState].readRequests.push(request);
}

function fulfillReadRequest(stream, chunk, done) {
  const reader = stream[kState].reader;
  const request = reader[kState].readRequests.shift();
  if (done) request.close();
  else request.chunk(chunk);
}

function getNumReadRequests(stream) {
  return stream[kState].reader[kState].readRequests.length;
}

function hasDefaultReader(stream) {
  return isDefaultReader(stream[kState].reader);
}

function hasBYOBReader(stream) {
  return isBYOBReader(stream[kState].reader);
}

function getNumReadIntoRequests(stream) {
  return stream[kState].reader[kState].readIntoRequests.length;
}

function addReadIntoRequest(stream, request) {
  stream[kState].reader[kState].readIntoRequests.push(request);
}

function fulfillReadIntoRequest(stream, chunk, done) {
  const request = stream[kState].reader[kState].readIntoRequests.shift();
  if (done) request.close(chunk);
  else request.chunk(chunk);
}

// ---------------------------------------------------------------- readers

function readerGenericInitialize(reader, stream) {
  const state = stream[kState];
  reader[kState].stream = stream;
  state.reader = reader;
  if (state.state === 'readable') reader[kState].closed = deferred();
  else if (state.state === 'closed') reader[kState].closed = resolvedDeferred(undefined);
  else {
    reader[kState].closed = rejectedDeferred(state.storedError);
  }
}

function readerGenericCancel(reader, reason) {
  return readableStreamCancel(reader[kState].stream, reason);
}

function readerGenericRelease(reader) {
  const stream = reader[kState].stream;
  const error = invalidState('Reader released');
  if (stream[kState].state === 'readable') {
    reader[kState].closed.reject(error);
  } else {
    reader[kState].closed = rejectedDeferred(error);
  }
  markHandled(reader[kState].closed.promise);
  stream[kState].controller[kRelease]();
  stream[kState].reader = undefined;
  reader[kState].stream = undefined;
}

class ReadableStreamDefaultReader {
  constructor(stream) {
    this[kType] = 'ReadableStreamDefaultReader';
    if (!isReadableStream(stream)) throw invalidArgType('stream', 'an instance of ReadableStream', stream);
    if (isLocked(stream)) throw invalidState('ReadableStream is locked');
    this[kState] = { stream: undefined, readRequests: [], closed: undefined };
    readerGenericInitialize(this, stream);
  }

  read() {
    if (!isDefaultReader(this)) return Promise.reject(invalidThis('ReadableStreamDefaultReader'));
    if (this[kState].stream === undefined) {
      return Promise.reject(invalidState('The reader is not attached to a stream'));
    }
    const result = deferred();
    defaultReaderRead(this, {
      chunk: (value) => result.resolve({ value, done: false }),
      close: () => result.resolve({ value: undefined, done: true }),
      error: (e) => result.reject(e),
    });
    return result.promise;
  }

  releaseLock() {
    if (!isDefaultReader(this)) throw invalidThis('ReadableStreamDefaultReader');
    if (this[kState].stream === undefined) return;
    defaultReaderRelease(this);
  }

  get closed() {
    if (!isDefaultReader(this)) return Promise.reject(invalidThis('ReadableStreamDefaultReader'));
    return this[kState].closed.promise;
  }

  cancel(reason = undefined) {
    if (!isDefaultReader(this)) return Promise.reject(invalidThis('ReadableStreamDefaultReader'));
    if (this[kState].stream === undefined) {
      return Promise.reject(invalidState('The reader is not attached to a stream'));
    }
    return readerGenericCancel(this, reason);
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, {
      stream: this[kState].stream,
      readRequests: this[kState].readRequests.length,
      close: this[kState].closed.promise,
    }, depth, options, inspect);
  }
}

function defaultReaderRead(reader, request) {
  const stream = reader[kState].stream;
  const state = stream[kState];
  state.disturbed = true;
  if (state.state === 'closed') request.close();
  else if (state.state === 'errored') request.error(state.storedError);
  else state.controller[kPull](request);
}

function defaultReaderRelease(reader) {
  readerGenericRelease(reader);
  const error = invalidState('Releasing reader');
  const requests = reader[kState].readRequests;
  reader[kState].readRequests = [];
  for (const request of requests) request.error(error);
}

class ReadableStreamBYOBReader {
  constructor(stream) {
    this[kType] = 'ReadableStreamBYOBReader';
    if (!isReadableStream(stream)) throw invalidArgType('stream', 'an instance of ReadableStream', stream);
    if (isLocked(stream)) throw invalidState('ReadableStream is locked');
    if (!isByteController(stream[kState].controller)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
        'The argument \'stream\' must be a byte stream. Received ' + require('internal/inspect').inspect(stream));
    }
    this[kState] = { stream: undefined, readIntoRequests: [], closed: undefined };
    readerGenericInitialize(this, stream);
  }

  read(view, options = {}) {
    if (!isBYOBReader(this)) return Promise.reject(invalidThis('ReadableStreamBYOBReader'));
    if (!ArrayBuffer.isView(view)) {
      return Promise.reject(invalidArgType('view', 'an instance of Buffer, TypedArray, or DataView', view));
    }
    try {
      validateDictionary(options, 'options');
    } catch (err) {
      return Promise.reject(err);
    }
    const min = options?.min ?? 1;
    const invalidMin = (reason) => codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The property 'options.min' must be ${reason}. Received ${min}`);
    if (typeof min !== 'number') return Promise.reject(invalidArgType('options.min', 'of type number', min));
    if (!Number.isInteger(min)) return Promise.reject(invalidMin('an integer'));
    if (min <= 0) return Promise.reject(invalidMin('greater than 0'));
    if (view.byteLength === 0 || view.buffer.byteLength === 0 || isDetached(view.buffer)) {
      return Promise.reject(invalidState('View or Viewed ArrayBuffer is zero-length or detached'));
    }
    const isDataView = view instanceof DataView;
    const length = isDataView ? view.byteLength : view.length;
    if (min > length) {
      return Promise.reject(codedError(RangeError, 'ERR_OUT_OF_RANGE',
        `The value of "options.min" is out of range. It must be <= view.${isDataView ? 'byteLength' : 'length'}. Received ${min}`));
    }
    if (this[kState].stream === undefined) {
      return Promise.reject(invalidState('The reader is not attached to a stream'));
    }
    const result = deferred();
    byobReaderRead(this, view, min, {
      chunk: (value) => result.resolve({ value, done: false }),
      close: (value) => result.resolve({ value, done: true }),
      error: (e) => result.reject(e),
    });
    return result.promise;
  }

  releaseLock() {
    if (!isBYOBReader(this)) throw invalidThis('ReadableStreamBYOBReader');
    if (this[kState].stream === undefined) return;
    readerGenericRelease(this);
    const error = invalidState('Releasing reader');
    const requests = this[kState].readIntoRequests;
    this[kState].readIntoRequests = [];
    for (const request of requests) request.error(error);
  }

  get closed() {
    if (!isBYOBReader(this)) return Promise.reject(invalidThis('ReadableStreamBYOBReader'));
    return this[kState].closed.promise;
  }

  cancel(reason = undefined) {
    if (!isBYOBReader(this)) return Promise.reject(invalidThis('ReadableStreamBYOBReader'));
    if (this[kState].stream === undefined) {
      return Promise.reject(invalidState('The reader is not attached to a stream'));
    }
    return readerGenericCancel(this, reason);
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, {
      stream: this[kState].stream,
      requestIntoRequests: this[kState].readIntoRequests.length,
      close: this[kState].closed.promise,
    }, depth, options, inspect);
  }
}

function byobReaderRead(reader, view, min, request) {
  const stream = reader[kState].stream;
  stream[kState].disturbed = true;
  if (stream[kState].state === 'errored') request.error(stream[kState].storedError);
  else byteControllerPullInto(stream[kState].controller, view, min, request);
}

// ---------------------------------------------------------------- default controller

const kCancel = Symbol('kCancel');
const kPull = Symbol('kPull');
const kRelease = Symbol('kRelease');

class ReadableStreamDefaultController {
  constructor() {
    throw codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }

  get desiredSize() {
    if (!isDefaultController(this)) throw invalidThis('ReadableStreamDefaultController');
    return defaultControllerGetDesiredSize(this);
  }

  close() {
    if (!isDefaultController(this)) throw invalidThis('ReadableStreamDefaultController');
    if (!defaultControllerCanCloseOrEnqueue(this)) throw invalidState('Controller is already closed');
    defaultControllerClose(this);
  }

  enqueue(chunk = undefined) {
    if (!isDefaultController(this)) throw invalidThis('ReadableStreamDefaultController');
    if (!defaultControllerCanCloseOrEnqueue(this)) throw invalidState('Controller is already closed');
    defaultControllerEnqueue(this, chunk);
  }

  error(error = undefined) {
    if (!isDefaultController(this)) throw invalidThis('ReadableStreamDefaultController');
    defaultControllerError(this, error);
  }

  [kCancel](reason) {
    resetQueue(this[kState]);
    const result = this[kState].cancelAlgorithm(reason);
    defaultControllerClearAlgorithms(this);
    return result;
  }

  [kPull](request) {
    const state = this[kState];
    const stream = state.stream;
    if (state.queue.length > 0) {
      const chunk = dequeueValue(state);
      if (state.closeRequested && state.queue.length === 0) {
        defaultControllerClearAlgorithms(this);
        readableStreamClose(stream);
      } else {
        defaultControllerCallPullIfNeeded(this);
      }
      request.chunk(chunk);
    } else {
      addReadRequest(stream, request);
      defaultControllerCallPullIfNeeded(this);
    }
  }

  [kRelease]() {}

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, {}, depth, options, inspect);
  }
}

function setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, size) {
  controller[kState] = {
    stream, queue: [], queueTotalSize: 0, started: false, closeRequested: false, pullAgain: false, pulling: false,
    strategySizeAlgorithm: size, strategyHWM: hwm, pullAlgorithm, cancelAlgorithm,
  };
  stream[kState].controller = controller;
  let startResult;
  try {
    startResult = startAlgorithm();
  } catch (err) {
    throw err;
  }
  Promise.resolve(startResult).then(() => {
    controller[kState].started = true;
    defaultControllerCallPullIfNeeded(controller);
  }, (e) => defaultControllerError(controller, e));
}

function setUpDefaultControllerFromSource(stream, source, hwm, size) {
  const controller = Object.create(ReadableStreamDefaultController.prototype);
  controller[kType] = 'ReadableStreamDefaultController';
  const start = optionalFunction(source, 'start', 'source');
  const pull = optionalFunction(source, 'pull', 'source');
  const cancel = optionalFunction(source, 'cancel', 'source');
  setUpDefaultController(stream, controller,
    start ? () => Reflect.apply(start, source, [controller]) : () => undefined,
    pull ? () => promiseCall(pull, source, controller) : () => Promise.resolve(),
    cancel ? (reason) => promiseCall(cancel, source, reason) : () => Promise.resolve(),
    hwm, size);
}

function defaultControllerCallPullIfNeeded(controller) {
  const state = controller[kState];
  if (!defaultControllerShouldCallPull(controller)) return;
  if (state.pulling) {
    state.pullAgain = true;
    return;
  }
  state.pulling = true;
  state.pullAlgorithm(controller).then(() => {
    state.pulling = false;
    if (state.pullAgain) {
      state.pullAgain = false;
      defaultControllerCallPullIfNeeded(controller);
    }
  }, (e) => defaultControllerError(controller, e));
}

function defaultControllerShouldCallPull(controller) {
  const state = controller[kState];
  const stream = state.stream;
  if (!defaultControllerCanCloseOrEnqueue(controller)) return false;
  if (!state.started) return false;
  if (isLocked(stream) && hasDefaultReader(stream) && getNumReadRequests(stream) > 0) return true;
  return defaultControllerGetDesiredSize(controller) > 0;
}

function defaultControllerClearAlgorithms(controller) {
  const state = controller[kState];
  state.pullAlgorithm = undefined;
  state.cancelAlgorithm = undefined;
  state.strategySizeAlgorithm = undefined;
}

function defaultControllerClose(controller) {
  if (!defaultControllerCanCloseOrEnqueue(controller)) return;
  const state = controller[kState];
  state.closeRequested = true;
  if (state.queue.length === 0) {
    defaultControllerClearAlgorithms(controller);
    readableStreamClose(state.stream);
  }
}

function defaultControllerEnqueue(controller, chunk) {
  if (!defaultControllerCanCloseOrEnqueue(controller)) return;
  const state = controller[kState];
  const stream = state.stream;
  if (isLocked(stream) && hasDefaultReader(stream) && getNumReadRequests(stream) > 0) {
    fulfillReadRequest(stream, chunk, false);
  } else {
    let size;
    try {
      size = state.strategySizeAlgorithm(chunk);
    } catch (err) {
      defaultControllerError(controller, err);
      throw err;
    }
    try {
      enqueueValueWithSize(state, chunk, size);
    } catch (err) {
      defaultControllerError(controller, err);
      throw err;
    }
  }
  defaultControllerCallPullIfNeeded(controller);
}

function defaultControllerError(controller, error) {
  const state = controller[kState];
  const stream = state.stream;
  if (stream[kState].state !== 'readable') return;
  resetQueue(state);
  defaultControllerClearAlgorithms(controller);
  readableStreamError(stream, error);
}

function defaultControllerGetDesiredSize(controller) {
  const state = controller[kState];
  const streamState = state.stream[kState].state;
  if (streamState === 'errored') return null;
  if (streamState === 'closed') return 0;
  return state.strategyHWM - state.queueTotalSize;
}

function defaultControllerHasBackpressure(controller) {
  return !defaultControllerShouldCallPull(controller);
}

function defaultControllerCanCloseOrEnqueue(controller) {
  const state = controller[kState];
  return !state.closeRequested && state.stream[kState].state === 'readable';
}

// ---------------------------------------------------------------- byte controller

class ReadableStreamBYOBRequest {
  constructor() {
    throw codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }

  get view() {
    if (!isBYOBRequest(this)) throw invalidThis('ReadableStreamBYOBRequest');
    return this[kState].view;
  }

  respond(bytesWritten) {
    if (!isBYOBRequest(this)) throw invalidThis('ReadableStreamBYOBRequest');
    const { controller, view } = this[kState];
    if (controller === undefined) throw invalidState('This BYOB request has been invalidated');
    bytesWritten = toUnsignedLongLong(bytesWritten, 'bytesWritten');
    if (view.byteLength === 0 || isDetached(view.buffer)) {
      throw invalidState('View or Viewed ArrayBuffer is zero-length or detached');
    }
    byteControllerRespond(controller, bytesWritten);
  }

  respondWithNewView(view) {
    if (!isBYOBRequest(this)) throw invalidThis('ReadableStreamBYOBRequest');
    if (!ArrayBuffer.isView(view)) throw invalidArgType('view', 'an instance of ArrayBufferView', view);
    const { controller } = this[kState];
    if (controller === undefined) throw invalidState('This BYOB request has been invalidated');
    if (isDetached(view.buffer)) throw invalidState('Viewed ArrayBuffer is detached');
    byteControllerRespondWithNewView(controller, view);
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, {
      view: this.view,
      controller: this[kState].controller,
    }, depth, options, inspect);
  }
}

function toUnsignedLongLong(value, name) {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be >= 0. Received ${value}`);
  }
  return Math.trunc(n);
}

class ReadableByteStreamController {
  constructor() {
    throw codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }

  get byobRequest() {
    if (!isByteController(this)) throw invalidThis('ReadableByteStreamController');
    return byteControllerGetBYOBRequest(this);
  }

  get desiredSize() {
    if (!isByteController(this)) throw invalidThis('ReadableByteStreamController');
    return byteControllerGetDesiredSize(this);
  }

  close() {
    if (!isByteController(this)) throw invalidThis('ReadableByteStreamController');
    const state = this[kState];
    if (state.closeRequested) throw invalidState('Controller is already closed');
    if (state.stream[kState].state !== 'readable') throw invalidState('ReadableStream is already closed');
    byteControllerClose(this);
  }

  enqueue(chunk) {
    if (!isByteController(this)) throw invalidThis('ReadableByteStreamController');
    if (!ArrayBuffer.isView(chunk)) throw invalidArgType('chunk', 'an instance of ArrayBufferView', chunk);
    const state = this[kState];
    if (chunk.byteLength === 0) throw invalidState('chunk ArrayBuffer is zero-length or detached');
    if (chunk.buffer.byteLength === 0 || isDetached(chunk.buffer)) {
      throw invalidState('chunk ArrayBuffer is zero-length or detached');
    }
    if (state.closeRequested) throw invalidState('Controller is already closed');
    if (state.stream[kState].state !== 'readable') throw invalidState('ReadableStream is already closed');
    byteControllerEnqueue(this, chunk);
  }

  error(error = undefined) {
    if (!isByteController(this)) throw invalidThis('ReadableByteStreamController');
    byteControllerError(this, error);
  }

  [kCancel](reason) {
    byteControllerClearPendingPullIntos(this);
    resetQueue(this[kState]);
    const result = this[kState].cancelAlgorithm(reason);
    byteControllerClearAlgorithms(this);
    return result;
  }

  [kPull](request) {
    const state = this[kState];
    const stream = state.stream;
    if (state.queueTotalSize > 0) {
      byteControllerFillReadRequestFromQueue(this, request);
      return;
    }
    const size = state.autoAllocateChunkSize;
    if (size !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBuffer(size);
      } catch (err) {
        request.error(err);
        return;
      }
      state.pendingPullIntos.push({
        buffer, bufferByteLength: size, byteOffset: 0, byteLength: size, bytesFilled: 0, minimumFill: 1,
        elementSize: 1, viewConstructor: Uint8Array, readerType: 'default',
      });
    }
    addReadRequest(stream, request);
    byteControllerCallPullIfNeeded(this);
  }

  [kRelease]() {
    const state = this[kState];
    if (state.pendingPullIntos.length > 0) {
      const first = state.pendingPullIntos[0];
      first.readerType = 'none';
      state.pendingPullIntos = [first];
    }
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, {}, depth, options, inspect);
  }
}

function setUpByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, autoAllocateChunkSize) {
  controller[kState] = {
    stream, queue: [], queueTotalSize: 0, started: false, closeRequested: false, pullAgain: false, pulling: false,
    byobRequest: null, strategyHWM: hwm, pullAlgorithm, cancelAlgorithm, autoAllocateChunkSize, pendingPullIntos: [],
  };
  stream[kState].controller = controller;
  const startResult = startAlgorithm();
  Promise.resolve(startResult).then(() => {
    controller[kState].started = true;
    byteControllerCallPullIfNeeded(controller);
  }, (e) => byteControllerError(controller, e));
}

function setUpByteControllerFromSource(stream, source, hwm) {
  const controller = Object.create(ReadableByteStreamController.prototype);
  controller[kType] = 'ReadableByteStreamController';
  const start = optionalFunction(source, 'start', 'source');
  const pull = optionalFunction(source, 'pull', 'source');
  const cancel = optionalFunction(source, 'cancel', 'source');
  let autoAllocateChunkSize = source?.autoAllocateChunkSize;
  if (autoAllocateChunkSize !== undefined) {
    autoAllocateChunkSize = Number(autoAllocateChunkSize);
    if (!Number.isInteger(autoAllocateChunkSize) || autoAllocateChunkSize <= 0) {
      throw codedError(RangeError, 'ERR_OUT_OF_RANGE',
        `The value of "source.autoAllocateChunkSize" is out of range. It must be > 0. Received ${source.autoAllocateChunkSize}`);
    }
  }
  setUpByteController(stream, controller,
    start ? () => Reflect.apply(start, source, [controller]) : () => undefined,
    pull ? () => promiseCall(pull, source, controller) : () => Promise.resolve(),
    cancel ? (reason) => promiseCall(cancel, source, reason) : () => Promise.resolve(),
    hwm, autoAllocateChunkSize);
}

function byteControllerGetBYOBRequest(controller) {
  const state = controller[kState];
  if (state.byobRequest === null && state.pendingPullIntos.length > 0) {
    const first = state.pendingPullIntos[0];
    const view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
    const request = Object.create(ReadableStreamBYOBRequest.prototype);
    request[kType] = 'ReadableStreamBYOBRequest';
    request[kState] = { controller, view };
    state.byobRequest = request;
  }
  return state.byobRequest;
}

function byteControllerGetDesiredSize(controller) {
  const state = controller[kState];
  const streamState = state.stream[kState].state;
  if (streamState === 'errored') return null;
  if (streamState === 'closed') return 0;
  return state.strategyHWM - state.queueTotalSize;
}

function byteControllerCallPullIfNeeded(controller) {
  const state = controller[kState];
  if (!byteControllerShouldCallPull(controller)) return;
  if (state.pulling) {
    state.pullAgain = true;
    return;
  }
  state.pulling = true;
  state.pullAlgorithm(controller).then(() => {
    state.pulling = false;
    if (state.pullAgain) {
      state.pullAgain = false;
      byteControllerCallPullIfNeeded(controller);
    }
  }, (e) => byteControllerError(controller, e));
}

function byteControllerShouldCallPull(controller) {
  const state = controller[kState];
  const stream = state.stream;
  if (stream[kState].state !== 'readable') return false;
  if (state.closeRequested) return false;
  if (!state.started) return false;
  if (hasDefaultReader(stream) && getNumReadRequests(stream) > 0) return true;
  if (hasBYOBReader(stream) && getNumReadIntoRequests(stream) > 0) return true;
  return byteControllerGetDesiredSize(controller) > 0;
}

function byteControllerClearAlgorithms(controller) {
  controller[kState].pullAlgorithm = undefined;
  controller[kState].cancelAlgorithm = undefined;
}

function byteControllerInvalidateBYOBRequest(controller) {
  const state = controller[kState];
  if (state.byobRequest === null) return;
  state.byobRequest[kState].controller = undefined;
  state.byobRequest[kState].view = null;
  state.byobRequest = null;
}

function byteControllerClearPendingPullIntos(controller) {
  byteControllerInvalidateBYOBRequest(controller);
  controller[kState].pendingPullIntos = [];
}

function byteControllerClose(controller) {
  const state = controller[kState];
  if (state.closeRequested || state.stream[kState].state !== 'readable') return;
  if (state.queueTotalSize > 0) {
    state.closeRequested = true;
    return;
  }
  if (state.pendingPullIntos.length > 0) {
    const first = state.pendingPullIntos[0];
    if (first.bytesFilled % first.elementSize !== 0) {
      const error = invalidState('Partial read');
      byteControllerError(controller, error);
      throw error;
    }
  }
  byteControllerClearAlgorithms(controller);
  readableStreamClose(state.stream);
}

function byteControllerError(controller, error) {
  const state = controller[kState];
  if (state.stream[kState].state !== 'readable') return;
  byteControllerClearPendingPullIntos(controller);
  resetQueue(state);
  byteControllerClearAlgorithms(controller);
  readableStreamError(state.stream, error);
}

function byteControllerEnqueue(controller, chunk) {
  const state = controller[kState];
  const stream = state.stream;
  if (state.closeRequested || stream[kState].state !== 'readable') return;
  const { buffer, byteOffset, byteLength } = chunk;
  if (isDetached(buffer)) throw invalidState('chunk\'s buffer is detached');
  const transferredBuffer = transferArrayBuffer(buffer);
  if (state.pendingPullIntos.length > 0) {
    const first = state.pendingPullIntos[0];
    if (isDetached(first.buffer)) throw invalidState('The BYOB request\'s buffer has been detached');
    byteControllerInvalidateBYOBRequest(controller);
    first.buffer = transferArrayBuffer(first.buffer);
    if (first.readerType === 'none') byteControllerEnqueueDetachedPullIntoToQueue(controller, first);
  }
  if (hasDefaultReader(stream)) {
    byteControllerProcessReadRequestsUsingQueue(controller);
    if (getNumReadRequests(stream) === 0) {
      byteControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    } else {
      if (state.pendingPullIntos.length > 0) byteControllerShiftPendingPullInto(controller);
      fulfillReadRequest(stream, new Uint8Array(transferredBuffer, byteOffset, byteLength), false);
    }
  } else if (hasBYOBReader(stream)) {
    byteControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    byteControllerProcessPullIntoDescriptorsUsingQueue(controller);
  } else {
    byteControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
  }
  byteControllerCallPullIfNeeded(controller);
}

function byteControllerEnqueueChunkToQueue(controller, buffer, byteOffset, byteLength) {
  const state = controller[kState];
  state.queue.push({ buffer, byteOffset, byteLength });
  state.queueTotalSize += byteLength;
}

function byteControllerEnqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
  let clone;
  try {
    clone = buffer.slice(byteOffset, byteOffset + byteLength);
  } catch (err) {
    byteControllerError(controller, err);
    throw err;
  }
  byteControllerEnqueueChunkToQueue(controller, clone, 0, byteLength);
}

function byteControllerEnqueueDetachedPullIntoToQueue(controller, pullInto) {
  if (pullInto.bytesFilled > 0) {
    byteControllerEnqueueClonedChunkToQueue(controller, pullInto.buffer, pullInto.byteOffset, pullInto.bytesFilled);
  }
  byteControllerShiftPendingPullInto(controller);
}

function byteControllerFillPullIntoFromQueue(controller, pullInto) {
  const state = controller[kState];
  const maxBytesToCopy = Math.min(state.queueTotalSize, pullInto.byteLength - pullInto.bytesFilled);
  const maxBytesFilled = pullInto.bytesFilled + maxBytesToCopy;
  let totalBytesToCopyRemaining = maxBytesToCopy;
  let ready = false;
  const remainderBytes = maxBytesFilled % pullInto.elementSize;
  const maxAlignedBytes = maxBytesFilled - remainderBytes;
  if (maxAlignedBytes >= pullInto.minimumFill) {
    totalBytesToCopyRemaining = maxAlignedBytes - pullInto.bytesFilled;
    ready = true;
  }
  const queue = state.queue;
  while (totalBytesToCopyRemaining > 0) {
    const head = queue[0];
    const bytesToCopy = Math.min(totalBytesToCopyRemaining, head.byteLength);
    const destStart = pullInto.byteOffset + pullInto.bytesFilled;
    copyDataBlockBytes(pullInto.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
    if (head.byteLength === bytesToCopy) queue.shift();
    else {
      head.byteOffset += bytesToCopy;
      head.byteLength -= bytesToCopy;
    }
    state.queueTotalSize -= bytesToCopy;
    byteControllerFillHeadPullInto(controller, bytesToCopy, pullInto);
    totalBytesToCopyRemaining -= bytesToCopy;
  }
  return ready;
}

function byteControllerFillHeadPullInto(controller, size, pullInto) {
  pullInto.bytesFilled += size;
}

function byteControllerFillReadRequestFromQueue(controller, request) {
  const state = controller[kState];
  const entry = state.queue.shift();
  state.queueTotalSize -= entry.byteLength;
  byteControllerHandleQueueDrain(controller);
  request.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
}

function byteControllerHandleQueueDrain(controller) {
  const state = controller[kState];
  if (state.queueTotalSize === 0 && state.closeRequested) {
    byteControllerClearAlgorithms(controller);
    readableStreamClose(state.stream);
  } else {
    byteControllerCallPullIfNeeded(controller);
  }
}

function byteControllerProcessPullIntoDescriptorsUsingQueue(controller) {
  const state = controller[kState];
  while (state.pendingPullIntos.length > 0) {
    if (state.queueTotalSize === 0) return;
    const pullInto = state.pendingPullIntos[0];
    if (byteControllerFillPullIntoFromQueue(controller, pullInto)) {
      byteControllerShiftPendingPullInto(controller);
      byteControllerCommitPullInto(state.stream, pullInto);
    }
  }
}

function byteControllerProcessReadRequestsUsingQueue(controller) {
  const state = controller[kState];
  const reader = state.stream[kState].reader;
  while (reader[kState].readRequests.length > 0) {
    if (state.queueTotalSize === 0) return;
    const request = reader[kState].readRequests.shift();
    byteControllerFillReadRequestFromQueue(controller, request);
  }
}

function byteControllerShiftPendingPullInto(controller) {
  return controller[kState].pendingPullIntos.shift();
}

function byteControllerConvertPullInto(pullInto) {
  const elements = pullInto.bytesFilled / pullInto.elementSize;
  // A Buffer view comes back a Buffer, made without Buffer()'s deprecated constructor.
  if (pullInto.viewConstructor === Buffer) return Buffer.from(pullInto.buffer, pullInto.byteOffset, elements);
  return new pullInto.viewConstructor(pullInto.buffer, pullInto.byteOffset, elements);
}

function byteControllerCommitPullInto(stream, pullInto) {
  let done = false;
  if (stream[kState].state === 'closed') done = true;
  const filledView = byteControllerConvertPullInto(pullInto);
  if (pullInto.readerType === 'default') fulfillReadRequest(stream, filledView, done);
  else fulfillReadIntoRequest(stream, filledView, done);
}

function byteControllerPullInto(controller, view, min, request) {
  const state = controller[kState];
  const stream = state.stream;
  let elementSize = 1;
  let viewConstructor = DataView;
  if (!(view instanceof DataView)) {
    elementSize = view.constructor.BYTES_PER_ELEMENT;
    viewConstructor = view.constructor;
  }
  const minimumFill = min * elementSize;
  const { byteOffset, byteLength } = view;
  let buffer;
  try {
    buffer = transferArrayBuffer(view.buffer);
  } catch (err) {
    request.error(err);
    return;
  }
  const pullInto = {
    buffer, bufferByteLength: buffer.byteLength, byteOffset, byteLength, bytesFilled: 0, minimumFill,
    elementSize, viewConstructor, readerType: 'byob',
  };
  if (state.pendingPullIntos.length > 0) {
    state.pendingPullIntos.push(pullInto);
    addReadIntoRequest(stream, request);
    return;
  }
  if (stream[kState].state === 'closed') {
    request.close(byteControllerConvertPullInto(pullInto));
    return;
  }
  if (state.queueTotalSize > 0) {
    if (byteControllerFillPullIntoFromQueue(controller, pullInto)) {
      const filledView = byteControllerConvertPullInto(pullInto);
      byteControllerHandleQueueDrain(controller);
      request.chunk(filledView);
      return;
    }
    if (state.closeRequested) {
      const error = invalidState('ReadableStream is closed');
      byteControllerError(controller, error);
      request.error(error);
      return;
    }
  }
  state.pendingPullIntos.push(pullInto);
  addReadIntoRequest(stream, request);
  byteControllerCallPullIfNeeded(controller);
}

function byteControllerRespond(controller, bytesWritten) {
  const state = controller[kState];
  const first = state.pendingPullIntos[0];
  const streamState = state.stream[kState].state;
  if (streamState === 'closed') {
    if (bytesWritten !== 0) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The argument 'bytesWritten' is invalid. Received ${bytesWritten}`);
    }
  } else {
    if (bytesWritten === 0) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The argument 'bytesWritten' is invalid. Received ${bytesWritten}`);
    }
    if (first.bytesFilled + bytesWritten > first.byteLength) {
      throw codedError(RangeError, 'ERR_OUT_OF_RANGE',
        `The value of "bytesWritten" is out of range. It must be <= ${first.byteLength - first.bytesFilled}. Received ${bytesWritten}`);
    }
  }
  first.buffer = transferArrayBuffer(first.buffer);
  byteControllerRespondInternal(controller, bytesWritten);
}

function byteControllerRespondInternal(controller, bytesWritten) {
  const state = controller[kState];
  const first = state.pendingPullIntos[0];
  byteControllerInvalidateBYOBRequest(controller);
  if (state.stream[kState].state === 'closed') {
    byteControllerRespondInClosedState(controller, first);
  } else {
    byteControllerRespondInReadableState(controller, bytesWritten, first);
  }
  byteControllerCallPullIfNeeded(controller);
}

function byteControllerRespondInClosedState(controller, first) {
  if (first.readerType === 'none') byteControllerShiftPendingPullInto(controller);
  const stream = controller[kState].stream;
  if (hasBYOBReader(stream)) {
    while (getNumReadIntoRequests(stream) > 0) {
      const pullInto = byteControllerShiftPendingPullInto(controller);
      byteControllerCommitPullInto(stream, pullInto);
    }
  }
}

function byteControllerRespondInReadableState(controller, bytesWritten, pullInto) {
  byteControllerFillHeadPullInto(controller, bytesWritten, pullInto);
  if (pullInto.readerType === 'none') {
    byteControllerEnqueueDetachedPullIntoToQueue(controller, pullInto);
    byteControllerProcessPullIntoDescriptorsUsingQueue(controller);
    return;
  }
  if (pullInto.bytesFilled < pullInto.minimumFill) return;
  byteControllerShiftPendingPullInto(controller);
  const remainderSize = pullInto.bytesFilled % pullInto.elementSize;
  if (remainderSize > 0) {
    const end = pullInto.byteOffset + pullInto.bytesFilled;
    byteControllerEnqueueClonedChunkToQueue(controller, pullInto.buffer, end - remainderSize, remainderSize);
  }
  pullInto.bytesFilled -= remainderSize;
  byteControllerCommitPullInto(controller[kState].stream, pullInto);
  byteControllerProcessPullIntoDescriptorsUsingQueue(controller);
}

function byteControllerRespondWithNewView(controller, view) {
  const state = controller[kState];
  const first = state.pendingPullIntos[0];
  const streamState = state.stream[kState].state;
  if (streamState === 'closed') {
    if (view.byteLength !== 0) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'The argument \'view\' is invalid. Received a non-zero-length view for a closed stream');
    }
  } else if (view.byteLength === 0) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'The argument \'view\' is invalid. Received a zero-length view');
  }
  if (first.byteOffset + first.bytesFilled !== view.byteOffset) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', 'The argument \'view\' has an invalid byteOffset');
  }
  if (first.bufferByteLength !== view.buffer.byteLength) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', 'The argument \'view\' has an invalid buffer length');
  }
  if (first.bytesFilled + view.byteLength > first.byteLength) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', 'The argument \'view\' has an invalid byteLength');
  }
  const viewByteLength = view.byteLength;
  first.buffer = transferArrayBuffer(view.buffer);
  byteControllerRespondInternal(controller, viewByteLength);
}

// ---------------------------------------------------------------- tee

function readableStreamTee(stream, cloneForBranch2) {
  if (isByteController(stream[kState].controller)) return byteStreamTee(stream);
  return defaultTee(stream, cloneForBranch2);
}

function defaultTee(stream, cloneForBranch2) {
  const reader = new ReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgain = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelPromise = deferred();

  function pullAlgorithm() {
    if (reading) {
      readAgain = true;
      return Promise.resolve();
    }
    reading = true;
    defaultReaderRead(reader, {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgain = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled2 && cloneForBranch2) {
            try {
              chunk2 = structuredClone(chunk2);
            } catch (err) {
              defaultControllerError(branch1[kState].controller, err);
              defaultControllerError(branch2[kState].controller, err);
              cancelPromise.resolve(readableStreamCancel(stream, err));
              return;
            }
          }
          if (!canceled1) defaultControllerEnqueue(branch1[kState].controller, chunk1);
          if (!canceled2) defaultControllerEnqueue(branch2[kState].controller, chunk2);
          reading = false;
          if (readAgain) pullAlgorithm();
        });
      },
      close() {
        reading = false;
        if (!canceled1) defaultControllerClose(branch1[kState].controller);
        if (!canceled2) defaultControllerClose(branch2[kState].controller);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      error() {
        reading = false;
      },
    });
    return Promise.resolve();
  }

  function cancel1(reason) {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  function cancel2(reason) {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  branch1 = createReadableStream(() => undefined, pullAlgorithm, cancel1);
  branch2 = createReadableStream(() => undefined, pullAlgorithm, cancel2);
  reader[kState].closed.promise.catch((r) => {
    defaultControllerError(branch1[kState].controller, r);
    defaultControllerError(branch2[kState].controller, r);
    if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
  });
  return [branch1, branch2];
}

function byteStreamTee(stream) {
  let reader = new ReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgainForBranch1 = false;
  let readAgainForBranch2 = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelPromise = deferred();

  function forwardReaderError(thisReader) {
    thisReader[kState].closed.promise.catch((r) => {
      if (thisReader !== reader) return;
      byteControllerError(branch1[kState].controller, r);
      byteControllerError(branch2[kState].controller, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
  }

  function pullWithDefaultReader() {
    if (isBYOBReader(reader)) {
      readerGenericRelease(reader);
      const requests = reader[kState].readIntoRequests;
      reader[kState].readIntoRequests = [];
      const error = invalidState('Releasing reader');
      for (const request of requests) request.error(error);
      reader = new ReadableStreamDefaultReader(stream);
      forwardReaderError(reader);
    }
    defaultReaderRead(reader, {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled1 && !canceled2) {
            try {
              chunk2 = new Uint8Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
            } catch (err) {
              byteControllerError(branch1[kState].controller, err);
              byteControllerError(branch2[kState].controller, err);
              cancelPromise.resolve(readableStreamCancel(stream, err));
              return;
            }
          }
          if (!canceled1) byteControllerEnqueue(branch1[kState].controller, chunk1);
          if (!canceled2) byteControllerEnqueue(branch2[kState].controller, chunk2);
          reading = false;
          if (readAgainForBranch1) pull1();
          else if (readAgainForBranch2) pull2();
        });
      },
      close() {
        reading = false;
        if (!canceled1) byteControllerClose(branch1[kState].controller);
        if (!canceled2) byteControllerClose(branch2[kState].controller);
        if (branch1[kState].controller[kState].pendingPullIntos.length > 0) {
          byteControllerRespond(branch1[kState].controller, 0);
        }
        if (branch2[kState].controller[kState].pendingPullIntos.length > 0) {
          byteControllerRespond(branch2[kState].controller, 0);
        }
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      error() {
        reading = false;
      },
    });
  }

  function pullWithBYOBReader(view, forBranch2) {
    if (isDefaultReader(reader)) {
      defaultReaderRelease(reader);
      reader = new ReadableStreamBYOBReader(stream);
      forwardReaderError(reader);
    }
    const byobBranch = forBranch2 ? branch2 : branch1;
    const otherBranch = forBranch2 ? branch1 : branch2;
    byobReaderRead(reader, view, 1, {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!otherCanceled) {
            let clonedChunk;
            try {
              clonedChunk = new Uint8Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
            } catch (err) {
              byteControllerError(byobBranch[kState].controller, err);
              byteControllerError(otherBranch[kState].controller, err);
              cancelPromise.resolve(readableStreamCancel(stream, err));
              return;
            }
            if (!byobCanceled) byteControllerRespondWithNewView(byobBranch[kState].controller, chunk);
            byteControllerEnqueue(otherBranch[kState].controller, clonedChunk);
          } else if (!byobCanceled) {
            byteControllerRespondWithNewView(byobBranch[kState].controller, chunk);
          }
          reading = false;
          if (readAgainForBranch1) pull1();
          else if (readAgainForBranch2) pull2();
        });
      },
      close(chunk) {
        reading = false;
        const byobCanceled = forBranch2 ? canceled2 : canceled1;
        const otherCanceled = forBranch2 ? canceled1 : canceled2;
        if (!byobCanceled) byteControllerClose(byobBranch[kState].controller);
        if (!otherCanceled) byteControllerClose(otherBranch[kState].controller);
        if (chunk !== undefined) {
          if (!byobCanceled) byteControllerRespondWithNewView(byobBranch[kState].controller, chunk);
          if (!otherCanceled && otherBranch[kState].controller[kState].pendingPullIntos.length > 0) {
            byteControllerRespond(otherBranch[kState].controller, 0);
          }
        }
        if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
      },
      error() {
        reading = false;
      },
    });
  }

  function pull1() {
    if (reading) {
      readAgainForBranch1 = true;
      return Promise.resolve();
    }
    reading = true;
    const request = byteControllerGetBYOBRequest(branch1[kState].controller);
    if (request === null) pullWithDefaultReader();
    else pullWithBYOBReader(request[kState].view, false);
    return Promise.resolve();
  }

  function pull2() {
    if (reading) {
      readAgainForBranch2 = true;
      return Promise.resolve();
    }
    reading = true;
    const request = byteControllerGetBYOBRequest(branch2[kState].controller);
    if (request === null) pullWithDefaultReader();
    else pullWithBYOBReader(request[kState].view, true);
    return Promise.resolve();
  }

  function cancel1(reason) {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  function cancel2(reason) {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  branch1 = createReadableByteStream(() => undefined, pull1, cancel1);
  branch2 = createReadableByteStream(() => undefined, pull2, cancel2);
  forwardReaderError(reader);
  return [branch1, branch2];
}

// ---------------------------------------------------------------- async iteration

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

function createAsyncIterator(stream, preventCancel) {
  const reader = new ReadableStreamDefaultReader(stream);
  let ongoing;
  let finished = false;

  function nextSteps() {
    if (finished) return Promise.resolve({ value: undefined, done: true });
    if (reader[kState].stream === undefined) {
      return Promise.reject(invalidState('The reader is not attached to a stream'));
    }
    const result = deferred();
    defaultReaderRead(reader, {
      chunk: (value) => result.resolve({ value, done: false }),
      close: () => {
        finished = true;
        defaultReaderRelease(reader);
        result.resolve({ value: undefined, done: true });
      },
      error: (e) => {
        finished = true;
        defaultReaderRelease(reader);
        result.reject(e);
      },
    });
    return result.promise;
  }

  async function returnSteps(value) {
    if (finished) return { value, done: true };
    finished = true;
    if (reader[kState].stream === undefined) {
      throw invalidState('The reader is not attached to a stream');
    }
    if (!preventCancel) {
      const result = readerGenericCancel(reader, value);
      defaultReaderRelease(reader);
      await result;
      return { value, done: true };
    }
    defaultReaderRelease(reader);
    return { value, done: true };
  }

  const iterator = Object.create(AsyncIteratorPrototype, {
    next: {
      value: function next() {
        ongoing = ongoing ? ongoing.then(nextSteps, nextSteps) : nextSteps();
        return ongoing;
      },
      writable: true,
      configurable: true,
    },
    return: {
      value: function (value) {
        const steps = () => returnSteps(value);
        ongoing = ongoing ? ongoing.then(steps, steps) : steps();
        return ongoing;
      },
      writable: true,
      configurable: true,
    },
    [Symbol.toStringTag]: { value: 'ReadableStream AsyncIterator', configurable: true },
  });
  return iterator;
}

// ---------------------------------------------------------------- from

function readableStreamFromIterable(iterable) {
  const isObject = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function';
  const method = iterable[Symbol.asyncIterator];
  let iterator;
  if (method === undefined || method === null) {
    const syncMethod = iterable[Symbol.iterator];
    if (typeof syncMethod !== 'function') {
      const { inspect } = require('internal/inspect');
      throw codedError(TypeError, 'ERR_ARG_NOT_ITERABLE', `${inspect(iterable)} must be iterable`);
    }
    const syncIterator = Reflect.apply(syncMethod, iterable, []);
    if (!isObject(syncIterator)) {
      throw invalidState('The iterator method must return an object');
    }
    iterator = createAsyncFromSyncIterator(syncIterator);
  } else {
    if (typeof method !== 'function') {
      const { inspect } = require('internal/inspect');
      throw codedError(TypeError, 'ERR_ARG_NOT_ITERABLE', `${inspect(iterable)} must be iterable`);
    }
    iterator = Reflect.apply(method, iterable, []);
    if (!isObject(iterator)) {
      throw invalidState('The iterator method must return an object');
    }
  }
  const nextMethod = iterator.next;
  let stream;
  stream = createReadableStream(() => undefined, async () => {
    const result = await Reflect.apply(nextMethod, iterator, []);
    if (result === null || typeof result !== 'object') {
      throw codedError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: The promise returned by the iterator.next() method must fulfill with an object');
    }
    if (result.done) defaultControllerClose(stream[kState].controller);
    else defaultControllerEnqueue(stream[kState].controller, await result.value);
  }, async (reason) => {
    const returnMethod = iterator.return;
    if (returnMethod === undefined || returnMethod === null) return;
    const result = await Reflect.apply(returnMethod, iterator, [reason]);
    if (result === null || typeof result !== 'object') {
      throw codedError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: The promise returned by the iterator.return() method must fulfill with an object');
    }
  }, 0);
  return stream;
}

function createAsyncFromSyncIterator(syncIterator) {
  const next = syncIterator.next;
  return {
    async next() {
      const result = Reflect.apply(next, syncIterator, []);
      return { done: result.done, value: await result.value };
    },
    async return(value) {
      const method = syncIterator.return;
      if (method === undefined || method === null) return { done: true, value };
      const result = Reflect.apply(method, syncIterator, [value]);
      return { done: result.done, value: await result.value };
    },
  };
}

// ---------------------------------------------------------------- pipeTo

let writable;
function writableInternals() {
  writable ??= require('internal/webstreams/writablestream');
  return writable;
}
function isWritableStream(value) {
  return isBrand(value, 'WritableStream');
}
function writableStreamIsLocked(stream) {
  return writableInternals().isWritableStreamLocked(stream);
}

function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
  const W = writableInternals();
  const reader = new ReadableStreamDefaultReader(source);
  const writer = W.acquireWriter(dest);
  source[kState].disturbed = true;
  let shuttingDown = false;
  let currentWrite = Promise.resolve();
  const promise = deferred();
  let abortAlgorithm;

  if (signal !== undefined) {
    abortAlgorithm = () => {
      const error = signal.reason;
      const actions = [];
      if (!preventAbort) {
        actions.push(() => (dest[kState].state === 'writable' ? W.writableStreamAbort(dest, error) : Promise.resolve()));
      }
      if (!preventCancel) {
        actions.push(() => (source[kState].state === 'readable' ? readableStreamCancel(source, error) : Promise.resolve()));
      }
      shutdownWithAction(() => Promise.all(actions.map((action) => action())), true, error);
    };
    if (signal.aborted) {
      abortAlgorithm();
      return promise.promise;
    }
    signal.addEventListener('abort', abortAlgorithm, { once: true });
  }

  async function pipeStep() {
    if (shuttingDown) return true;
    await writer[kState].ready.promise;
    return new Promise((resolve, reject) => {
      defaultReaderRead(reader, {
        chunk(chunk) {
          currentWrite = W.writerWrite(writer, chunk).then(undefined, () => {});
          resolve(false);
        },
        close: () => resolve(true),
        error: reject,
      });
    });
  }

  async function pipeLoop() {
    while (!await pipeStep());
  }

  // Errors must be propagated forward
  isOrBecomesErrored(source, reader[kState].closed.promise, (storedError) => {
    if (!preventAbort) shutdownWithAction(() => W.writableStreamAbort(dest, storedError), true, storedError);
    else shutdown(true, storedError);
  });
  // Errors must be propagated backward
  isOrBecomesErrored(dest, writer[kState].closed.promise, (storedError) => {
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, storedError), true, storedError);
    else shutdown(true, storedError);
  });
  // Closing must be propagated forward
  isOrBecomesClosed(source, reader[kState].closed.promise, () => {
    if (!preventClose) shutdownWithAction(() => W.writerCloseWithErrorPropagation(writer));
    else shutdown();
  });
  // Closing must be propagated backward
  if (W.writableStreamCloseQueuedOrInFlight(dest) || dest[kState].state === 'closed') {
    const destClosed = new TypeError('the destination writable stream closed before all data could be piped to it');
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, destClosed), true, destClosed);
    else shutdown(true, destClosed);
  }

  markHandled(pipeLoop());

  function waitForWritesToFinish() {
    const oldCurrentWrite = currentWrite;
    return oldCurrentWrite.then(() => (oldCurrentWrite !== currentWrite ? waitForWritesToFinish() : undefined));
  }

  function isOrBecomesErrored(stream, closedPromise, action) {
    if (stream[kState].state === 'errored') action(stream[kState].storedError);
    else closedPromise.catch(action);
  }

  function isOrBecomesClosed(stream, closedPromise, action) {
    if (stream[kState].state === 'closed') action();
    else closedPromise.then(action, () => {});
  }

  function shutdownWithAction(action, originalIsError, originalError) {
    if (shuttingDown) return;
    shuttingDown = true;
    const run = () => {
      action().then(() => finalize(originalIsError, originalError), (e) => finalize(true, e));
    };
    if (dest[kState].state === 'writable' && !W.writableStreamCloseQueuedOrInFlight(dest)) {
      waitForWritesToFinish().then(run);
    } else {
      run();
    }
  }

  function shutdown(isError, error) {
    if (shuttingDown) return;
    shuttingDown = true;
    if (dest[kState].state === 'writable' && !W.writableStreamCloseQueuedOrInFlight(dest)) {
      waitForWritesToFinish().then(() => finalize(isError, error));
    } else {
      finalize(isError, error);
    }
  }

  function finalize(isError, error) {
    W.writerRelease(writer);
    defaultReaderRelease(reader);
    if (signal !== undefined) signal.removeEventListener('abort', abortAlgorithm);
    if (isError) promise.reject(error);
    else promise.resolve(undefined);
  }

  return promise.promise;
}

for (const C of [ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamDefaultController,
  ReadableByteStreamController, ReadableStreamBYOBRequest]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
  for (const name of Object.getOwnPropertyNames(C.prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(C.prototype, name, { enumerable: true });
  }
}
Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
  value: ReadableStream.prototype.values, enumerable: false, writable: true, configurable: true,
});
Object.defineProperty(ReadableStream, 'from', { enumerable: true });

module.exports = {
  ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamDefaultController,
  ReadableByteStreamController, ReadableStreamBYOBRequest,
  isReadableStream, isLocked, isDisturbed, readableStreamCancel, createReadableStream, createReadableByteStream,
  defaultControllerEnqueue, defaultControllerClose, defaultControllerError, defaultControllerGetDesiredSize,
  defaultControllerCanCloseOrEnqueue, defaultControllerHasBackpressure, defaultReaderRead, defaultReaderRelease,
  byteControllerEnqueue, byteControllerClose, byteControllerError,
  readableStreamTee, readableStreamPipeTo, setUpDefaultControllerFromSource, kCreate,
};
