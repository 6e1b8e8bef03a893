'use strict';
// TransformStream and its default controller (WHATWG Streams §6).

const {
  kState, kType, invalidThis, invalidState, invalidArgValue, codedError, isBrand, deferred, promiseCall,
  extractHighWaterMark, extractSizeAlgorithm, optionalFunction, validateDictionary,
  inspectCustom, customInspect,
} = require('internal/webstreams/util');
const R = require('internal/webstreams/readablestream');
const W = require('internal/webstreams/writablestream');

const { kTransfer, kTransferList, kDeserialize, markTransferMode } = require('internal/worker/js_transferable');

const isTransformStream = (value) => isBrand(value, 'TransformStream');
const isController = (value) => isBrand(value, 'TransformStreamDefaultController');

class TransformStream {
  constructor(transformer = null, writableStrategy = {}, readableStrategy = {}) {
    this[kType] = 'TransformStream';
    markTransferMode(this, false, true);
    validateDictionary(transformer, 'transformer');
    validateDictionary(writableStrategy, 'writableStrategy');
    validateDictionary(readableStrategy, 'readableStrategy');
    if (transformer?.readableType !== undefined) throw invalidArgValue('transformer.readableType', transformer.readableType);
    if (transformer?.writableType !== undefined) throw invalidArgValue('transformer.writableType', transformer.writableType);
    const readableHWM = extractHighWaterMark(readableStrategy, 0);
    const readableSize = extractSizeAlgorithm(readableStrategy);
    const writableHWM = extractHighWaterMark(writableStrategy, 1);
    const writableSize = extractSizeAlgorithm(writableStrategy);
    const start = optionalFunction(transformer, 'start', 'transformer');
    const startPromise = deferred();
    initializeTransformStream(this, startPromise.promise, writableHWM, writableSize, readableHWM, readableSize);
    setUpControllerFromTransformer(this, transformer);
    if (start) {
      startPromise.resolve(Reflect.apply(start, transformer, [this[kState].controller]));
    } else {
      startPromise.resolve(undefined);
    }
  }

  get readable() {
    if (!isTransformStream(this)) throw invalidThis('TransformStream');
    return this[kState].readable;
  }

  get writable() {
    if (!isTransformStream(this)) throw invalidThis('TransformStream');
    return this[kState].writable;
  }

  // Transferred as its two streams, which move with it.
  [kTransferList]() {
    return [this[kState].readable, this[kState].writable];
  }

  [kTransfer]() {
    const { readable, writable } = this[kState];
    const { DOMException } = require('internal/per_context/domexception');
    if (readable.locked) throw new DOMException('Cannot transfer a locked ReadableStream', 'DataCloneError');
    if (writable.locked) throw new DOMException('Cannot transfer a locked WritableStream', 'DataCloneError');
    return { data: { readable, writable }, deserializeInfo: 'internal/webstreams/transfer:TransferredTransformStream' };
  }

  [kDeserialize]({ readable, writable }) {
    this[kState].readable = readable;
    this[kState].writable = writable;
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, {
      readable: this.readable,
      writable: this.writable,
      backpressure: this[kState].backpressure,
    }, depth, options, inspect);
  }
}

function initializeTransformStream(stream, startPromise, writableHWM, writableSize, readableHWM, readableSize) {
  const state = {
    readable: undefined, writable: undefined, backpressure: undefined, backpressureChangePromise: undefined,
    controller: undefined,
  };
  stream[kState] = state;
  const startAlgorithm = () => startPromise;
  state.writable = W.createWritableStream(startAlgorithm,
    (chunk) => sinkWrite(stream, chunk),
    () => sinkClose(stream),
    (reason) => sinkAbort(stream, reason),
    writableHWM, writableSize);
  state.readable = R.createReadableStream(startAlgorithm,
    () => sourcePull(stream),
    (reason) => sourceCancel(stream, reason),
    readableHWM, readableSize);
  setBackpressure(stream, true);
}

function createTransformStream(transform, flush = () => Promise.resolve(), cancel = () => Promise.resolve(),
  writableHWM = 1, readableHWM = 0, readableSize = () => 1) {
  const stream = Object.create(TransformStream.prototype);
  stream[kType] = 'TransformStream';
  markTransferMode(stream, false, true);
  const startPromise = deferred();
  initializeTransformStream(stream, startPromise.promise, writableHWM, () => 1, readableHWM, readableSize);
  const controller = Object.create(TransformStreamDefaultController.prototype);
  controller[kType] = 'TransformStreamDefaultController';
  setUpController(stream, controller, transform, flush, cancel);
  startPromise.resolve(undefined);
  return stream;
}

// A transferred TransformStream before its streams are read back: their ends live elsewhere.
function createTransferredTransformStream() {
  const stream = Object.create(TransformStream.prototype);
  stream[kType] = 'TransformStream';
  markTransferMode(stream, false, true);
  stream[kState] = {
    readable: undefined, writable: undefined, backpressure: undefined, backpressureChangePromise: undefined,
    controller: undefined,
  };
  return stream;
}

function errorStream(stream, error) {
  R.defaultControllerError(stream[kState].readable[kState].controller, error);
  errorWritableAndUnblockWrite(stream, error);
}

function errorWritableAndUnblockWrite(stream, error) {
  controllerClearAlgorithms(stream[kState].controller);
  W.controllerErrorIfNeeded(stream[kState].writable[kState].controller, error);
  unblockWrite(stream);
}

function unblockWrite(stream) {
  if (stream[kState].backpressure) setBackpressure(stream, false);
}

function setBackpressure(stream, backpressure) {
  const state = stream[kState];
  if (state.backpressureChangePromise !== undefined) state.backpressureChangePromise.resolve(undefined);
  state.backpressureChangePromise = deferred();
  state.backpressure = backpressure;
}

class TransformStreamDefaultController {
  constructor() {
    throw codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }

  get desiredSize() {
    if (!isController(this)) throw invalidThis('TransformStreamDefaultController');
    const readableController = this[kState].stream[kState].readable[kState].controller;
    return R.defaultControllerGetDesiredSize(readableController);
  }

  enqueue(chunk = undefined) {
    if (!isController(this)) throw invalidThis('TransformStreamDefaultController');
    controllerEnqueue(this, chunk);
  }

  error(reason = undefined) {
    if (!isController(this)) throw invalidThis('TransformStreamDefaultController');
    errorStream(this[kState].stream, reason);
  }

  terminate() {
    if (!isController(this)) throw invalidThis('TransformStreamDefaultController');
    controllerTerminate(this);
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, { stream: this[kState].stream }, depth, options, inspect);
  }
}

function setUpController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
  controller[kState] = { stream, transformAlgorithm, flushAlgorithm, cancelAlgorithm, finishPromise: undefined };
  stream[kState].controller = controller;
}

function setUpControllerFromTransformer(stream, transformer) {
  const controller = Object.create(TransformStreamDefaultController.prototype);
  controller[kType] = 'TransformStreamDefaultController';
  const transform = optionalFunction(transformer, 'transform', 'transformer');
  const flush = optionalFunction(transformer, 'flush', 'transformer');
  const cancel = optionalFunction(transformer, 'cancel', 'transformer');
  setUpController(stream, controller,
    transform ? (chunk) => promiseCall(transform, transformer, chunk, controller) : (chunk) => {
      try {
        controllerEnqueue(controller, chunk);
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err);
      }
    },
    flush ? () => promiseCall(flush, transformer, controller) : () => Promise.resolve(),
    cancel ? (reason) => promiseCall(cancel, transformer, reason) : () => Promise.resolve());
}

function controllerClearAlgorithms(controller) {
  controller[kState].transformAlgorithm = undefined;
  controller[kState].flushAlgorithm = undefined;
  controller[kState].cancelAlgorithm = undefined;
}

function controllerEnqueue(controller, chunk) {
  const stream = controller[kState].stream;
  const readableController = stream[kState].readable[kState].controller;
  if (!R.defaultControllerCanCloseOrEnqueue(readableController)) {
    throw invalidState('Unable to enqueue');
  }
  try {
    R.defaultControllerEnqueue(readableController, chunk);
  } catch (err) {
    errorWritableAndUnblockWrite(stream, err);
    throw stream[kState].readable[kState].storedError;
  }
  const backpressure = R.defaultControllerHasBackpressure(readableController);
  if (backpressure !== stream[kState].backpressure) setBackpressure(stream, true);
}

function controllerPerformTransform(controller, chunk) {
  const stream = controller[kState].stream;
  return controller[kState].transformAlgorithm(chunk).then(undefined, (r) => {
    errorStream(stream, r);
    throw r;
  });
}

function controllerTerminate(controller) {
  const stream = controller[kState].stream;
  const readableController = stream[kState].readable[kState].controller;
  R.defaultControllerClose(readableController);
  errorWritableAndUnblockWrite(stream, new TypeError('Plugging closed'));
}

function sinkWrite(stream, chunk) {
  const controller = stream[kState].controller;
  if (stream[kState].backpressure) {
    return stream[kState].backpressureChangePromise.promise.then(() => {
      const writable = stream[kState].writable;
      if (writable[kState].state === 'erroring') throw writable[kState].storedError;
      return transformOrFinish(stream, controller, chunk);
    });
  }
  return transformOrFinish(stream, controller, chunk);
}

// A write that races a cancel (which has begun finishing the stream and cleared its
// algorithms) settles as the finish does: rejected with the writable side's error.
function transformOrFinish(stream, controller, chunk) {
  if (controller[kState].transformAlgorithm !== undefined) return controllerPerformTransform(controller, chunk);
  return controller[kState].finishPromise.promise.then(() => {
    throw stream[kState].writable[kState].storedError;
  });
}

function sinkAbort(stream, reason) {
  const controller = stream[kState].controller;
  if (controller[kState].finishPromise !== undefined) return controller[kState].finishPromise.promise;
  const readable = stream[kState].readable;
  const finish = deferred();
  controller[kState].finishPromise = finish;
  const cancelPromise = controller[kState].cancelAlgorithm(reason);
  controllerClearAlgorithms(controller);
  cancelPromise.then(() => {
    if (readable[kState].state === 'errored') finish.reject(readable[kState].storedError);
    else {
      R.defaultControllerError(readable[kState].controller, reason);
      finish.resolve(undefined);
    }
  }, (r) => {
    R.defaultControllerError(readable[kState].controller, r);
    finish.reject(r);
  });
  return finish.promise;
}

function sinkClose(stream) {
  const controller = stream[kState].controller;
  if (controller[kState].finishPromise !== undefined) return controller[kState].finishPromise.promise;
  const readable = stream[kState].readable;
  const finish = deferred();
  controller[kState].finishPromise = finish;
  const flushPromise = controller[kState].flushAlgorithm();
  controllerClearAlgorithms(controller);
  flushPromise.then(() => {
    if (readable[kState].state === 'errored') finish.reject(readable[kState].storedError);
    else {
      R.defaultControllerClose(readable[kState].controller);
      finish.resolve(undefined);
    }
  }, (r) => {
    R.defaultControllerError(readable[kState].controller, r);
    finish.reject(r);
  });
  return finish.promise;
}

function sourcePull(stream) {
  setBackpressure(stream, false);
  return stream[kState].backpressureChangePromise.promise;
}

function sourceCancel(stream, reason) {
  const controller = stream[kState].controller;
  if (controller[kState].finishPromise !== undefined) return controller[kState].finishPromise.promise;
  const writable = stream[kState].writable;
  const finish = deferred();
  controller[kState].finishPromise = finish;
  const cancelPromise = controller[kState].cancelAlgorithm(reason);
  controllerClearAlgorithms(controller);
  cancelPromise.then(() => {
    if (writable[kState].state === 'errored') finish.reject(writable[kState].storedError);
    else {
      W.controllerErrorIfNeeded(writable[kState].controller, reason);
      unblockWrite(stream);
      finish.resolve(undefined);
    }
  }, (r) => {
    W.controllerErrorIfNeeded(writable[kState].controller, r);
    unblockWrite(stream);
    finish.reject(r);
  });
  return finish.promise;
}

for (const C of [TransformStream, TransformStreamDefaultController]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
  for (const name of Object.getOwnPropertyNames(C.prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(C.prototype, name, { enumerable: true });
  }
}

module.exports = {
  TransformStream, TransformStreamDefaultController, isTransformStream, createTransformStream, createTransferredTransformStream,
};
