'use strict';
const { Buffer } = require('buffer');
const { codedError, invalidArgType } = require('internal/errors');

// Readable.from and Duplex.from's iterable case: a stream of Kind reading the iterable's values
// (awaited when they are promises), whose destroy throws the error into (or returns) the iterator.
function fromIterable(Kind, iterable, options) {
  if (typeof iterable === 'string' || iterable instanceof Buffer) {
    return new Kind({ objectMode: true, ...options, read() { this.push(iterable); this.push(null); } });
  }
  let iterator;
  let isAsync;
  if (iterable && typeof iterable[Symbol.asyncIterator] === 'function') {
    isAsync = true;
    iterator = iterable[Symbol.asyncIterator]();
  } else if (iterable && typeof iterable[Symbol.iterator] === 'function') {
    isAsync = false;
    iterator = iterable[Symbol.iterator]();
  } else {
    throw invalidArgType('iterable', 'an instance of Iterable', iterable);
  }
  const stream = new Kind({ objectMode: true, highWaterMark: 1, ...options });
  const nullValues = () => codedError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
  let reading = false;
  // A sync iterator whose values turned out to be promises is read like an async one from then on.
  let asyncValues = false;

  async function readAsync() {
    for (;;) {
      try {
        const { value, done } = isAsync ? await iterator.next() : iterator.next();
        if (done) {
          stream.push(null);
          return;
        }
        const chunk = value && typeof value.then === 'function' ? await value : value;
        if (chunk === null) {
          reading = false;
          throw nullValues();
        }
        if (stream.push(chunk)) continue;
        reading = false;
      } catch (err) {
        stream.destroy(err);
      }
      return;
    }
  }

  function readSync() {
    for (;;) {
      try {
        const { value, done } = iterator.next();
        if (done) {
          stream.push(null);
          return;
        }
        if (value && typeof value.then === 'function') {
          asyncValues = true;
          value.then((chunk) => {
            if (chunk === null) {
              reading = false;
              stream.destroy(nullValues());
            } else if (stream.push(chunk)) {
              readAsync();
            } else {
              reading = false;
            }
          }, (err) => stream.destroy(err));
          return;
        }
        if (value === null) {
          reading = false;
          throw nullValues();
        }
        if (stream.push(value)) continue;
        reading = false;
      } catch (err) {
        stream.destroy(err);
      }
      return;
    }
  }

  async function close(error) {
    if (error !== undefined && error !== null && typeof iterator.throw === 'function') {
      const { value, done } = await iterator.throw(error);
      await value;
      if (done) return;
    }
    if (typeof iterator.return === 'function') {
      const { value } = await iterator.return();
      await value;
    }
  }

  stream._read = function () {
    if (reading) return;
    reading = true;
    if (isAsync || asyncValues) readAsync();
    else readSync();
  };
  // The stream's own destroy (Duplex.from's, which ends the written chunks) runs first.
  const ownDestroy = stream._destroy;
  stream._destroy = function (error, callback) {
    ownDestroy.call(this, error, (destroyError) => {
      const combined = destroyError || error;
      close(combined).then(() => process.nextTick(callback, combined),
        (closeError) => process.nextTick(callback, require('internal/streams/destroy').aggregateTwoErrors(combined, closeError)));
    });
  };
  return stream;
}

module.exports = fromIterable;
