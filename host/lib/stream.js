'use strict';
// stream: Readable, Writable, Duplex, Transform and PassThrough (internal/streams/*), plus
// pipeline, finished, compose, addAbortSignal and the web stream adapters.
// Constructors are plain functions so that `Readable.call(this)` subclasses work as in node.

const { Buffer } = require('buffer');
const { illegalConstructor } = require('internal/errors');
const Stream = require('internal/streams/legacy');
const { Readable } = require('internal/streams/readable');
const { Writable } = require('internal/streams/writable');
const Duplex = require('internal/streams/duplex');
const { Transform, PassThrough } = require('internal/streams/transform');
const finished = require('internal/streams/end-of-stream');
const { pipeline, pipelinePromise } = require('internal/streams/pipeline');
const { addAbortSignal } = require('internal/streams/add-abort-signal');
const { destroyer } = require('internal/streams/destroy');
const { getDefaultHighWaterMark, setDefaultHighWaterMark } = require('internal/streams/state');
const utils = require('internal/streams/utils');

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

// Readable's iterator helpers: the stream-returning ones wrap their async generator in Readable.from.
{
  const { streamReturningOperators, promiseReturningOperators } = require('internal/streams/operators');
  const define = (name, operator, wrap) => {
    const method = function (...args) {
      if (new.target) throw illegalConstructor();
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

const promises = {
  pipeline: pipelinePromise,
  finished: finished.finished,
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
  destroy: destroyer,
  compose: (...streams) => require('internal/streams/compose')(...streams),
  isDestroyed: utils.isDestroyed,
  isWritable: (stream) => (isWebStream(stream) ? webStreamState(stream) === 'writable' : utils.isWritable(stream)),
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
