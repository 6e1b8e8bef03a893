'use strict';
// Duplex.from(body): a Duplex from a stream, a web stream, a { readable, writable } pair, an
// (async) iterable, an async generator function of the written chunks, a promise or a Blob.

const { AbortError, invalidArgType, invalidReturnValue } = require('internal/errors');
const utils = require('internal/streams/utils');

function stream() {
  return require('stream');
}

// The written chunks as an async iterable handed to fn; each write's callback runs once fn's
// iteration has taken the chunk.
function fromAsyncGenerator(fn) {
  // The generator takes `promise`, a write or final resolves it through `resolve`; each is
  // replaced once used, so a write never resolves a promise the generator has already awaited.
  let { promise, resolve } = Promise.withResolvers();
  const controller = new AbortController();
  const { signal } = controller;
  const source = (async function* written() {
    for (;;) {
      const current = promise;
      promise = null;
      const { chunk, done, callback } = await current;
      process.nextTick(callback);
      if (done) return;
      if (signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
      ({ promise, resolve } = Promise.withResolvers());
      yield chunk;
    }
  })();
  const value = fn(source, { signal });
  const settle = (result) => {
    const settleWritten = resolve;
    resolve = null;
    settleWritten(result);
  };
  return {
    value,
    write(chunk, encoding, callback) {
      settle({ chunk, done: false, callback });
    },
    final(callback) {
      settle({ done: true, callback });
    },
    destroy(err, callback) {
      controller.abort();
      // A generator waiting for the next written chunk sees the end of them instead.
      if (resolve) settle({ done: true, callback: () => {} });
      callback(err);
    },
  };
}

function destroyer(target, err) {
  if (target) stream().destroy(target, err);
}

// A Duplex whose sides forward to a node Readable and/or Writable.
function fromPair({ readable: source, writable: sink }) {
  const { Duplex, Readable } = stream();
  const r = source && typeof source.read !== 'function' ? new Readable({ objectMode: true }).wrap(source) : source;
  const w = sink;
  let readable = Boolean(utils.isReadable(r));
  let writable = Boolean(utils.isWritable(w));
  let ondrain = null;
  let onfinish = null;
  let forgetReadable = null;
  let onclose;
  const d = new Duplex({
    readableObjectMode: Boolean(r?.readableObjectMode),
    writableObjectMode: Boolean(w?.writableObjectMode),
    readable,
    writable,
  });
  const take = (callback) => {
    if (callback) callback();
  };
  function onfinished(err) {
    const callback = onclose;
    onclose = null;
    if (callback) callback(err);
    else if (err) d.destroy(err);
  }
  if (writable) {
    stream().finished(w, (err) => {
      writable = false;
      if (err) destroyer(r, err);
      onfinished(err);
    });
    d._write = function (chunk, encoding, callback) {
      if (w.write(chunk, encoding)) callback();
      else ondrain = callback;
    };
    d._final = function (callback) {
      w.end();
      onfinish = callback;
    };
    w.on('drain', () => {
      const callback = ondrain;
      ondrain = null;
      take(callback);
    });
    w.on('finish', () => {
      const callback = onfinish;
      onfinish = null;
      take(callback);
    });
  }
  if (readable) {
    stream().finished(r, (err) => {
      readable = false;
      if (err) destroyer(w, err);
      onfinished(err);
    });
    forgetReadable = utils.pumpReadableInto(d, r);
  }
  d._destroy = function (err, callback) {
    if (!err && onclose !== null) err = new AbortError();
    if (forgetReadable) forgetReadable();
    ondrain = null;
    onfinish = null;
    if (onclose === null) {
      callback(err);
    } else {
      onclose = callback;
      destroyer(w, err);
      destroyer(r, err);
    }
  };
  return d;
}

function duplexify(body, name) {
  const { Duplex, Readable, Writable } = stream();
  const fromIterable = require('internal/streams/from');
  if (utils.isDuplexNodeStream(body)) return body;
  if (utils.isReadableNodeStream(body)) return fromPair({ readable: body });
  if (utils.isWritableNodeStream(body)) return fromPair({ writable: body });
  if (utils.isNodeStream(body)) return fromPair({ readable: false, writable: false });
  if (utils.isReadableStream(body)) return fromPair({ readable: Readable.fromWeb(body) });
  if (utils.isWritableStream(body)) return fromPair({ writable: Writable.fromWeb(body) });
  if (typeof body === 'function') {
    const { value, write, final, destroy } = fromAsyncGenerator(body);
    // A constructor-like function (as node:test's spec reporter) gives the duplex itself.
    if (utils.isDuplexNodeStream(value)) return value;
    if (utils.isIterable(value)) {
      return fromIterable(Duplex, value, { objectMode: true, write, final, destroy });
    }
    const then = value?.then;
    if (typeof then === 'function') {
      let d;
      const promise = then.call(value, (result) => {
        if (result != null) throw invalidReturnValue('nully', 'body', result);
      }, (err) => destroyer(d, err));
      d = new Duplex({
        objectMode: true,
        readable: false,
        write,
        final(callback) {
          final(async () => {
            try {
              await promise;
              process.nextTick(callback, null);
            } catch (err) {
              process.nextTick(callback, err);
            }
          });
        },
        destroy,
      });
      return d;
    }
    throw invalidReturnValue('Iterable, AsyncIterable or AsyncFunction', name, value);
  }
  if (body instanceof require('buffer').Blob) return duplexify(body.arrayBuffer(), name);
  if (utils.isIterable(body)) return fromIterable(Duplex, body, { objectMode: true, writable: false });
  if (utils.isReadableStream(body?.readable) && utils.isWritableStream(body?.writable)) return Duplex.fromWeb(body);
  if (typeof body?.writable === 'object' || typeof body?.readable === 'object') {
    const readable = body?.readable
      ? (utils.isReadableNodeStream(body.readable) ? body.readable : duplexify(body.readable)) : undefined;
    const writable = body?.writable
      ? (utils.isWritableNodeStream(body.writable) ? body.writable : duplexify(body.writable)) : undefined;
    return fromPair({ readable, writable });
  }
  const then = body?.then;
  if (typeof then === 'function') {
    let d;
    then.call(body, (value) => {
      if (value != null) d.push(value);
      d.push(null);
    }, (err) => destroyer(d, err));
    d = new Duplex({ objectMode: true, writable: false, read() {} });
    return d;
  }
  throw invalidArgType(name, 'of type function or an instance of Blob, ReadableStream, WritableStream, Stream, Iterable, AsyncIterable, or Promise or { readable, writable } pair', body);
}

module.exports = { duplexify, destroyer };
