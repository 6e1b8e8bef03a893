'use strict';
// stream.compose(...streams): one Duplex that writes into the first stream and reads from the
// last, with the streams piped together between them.

const { AbortError, codedError, invalidArgValue } = require('internal/errors');
const utils = require('internal/streams/utils');
const { destroyer } = require('internal/streams/duplexify');

function compose(...streams) {
  const { Duplex, pipeline, finished } = require('stream');
  if (streams.length === 0) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "streams" argument must be specified');
  if (streams.length === 1) return Duplex.from(streams[0]);
  const given = [...streams];
  const last = streams.length - 1;
  if (typeof streams[0] === 'function') streams[0] = Duplex.from(streams[0]);
  if (typeof streams[last] === 'function') streams[last] = Duplex.from(streams[last]);

  for (let n = 0; n < streams.length; n++) {
    const candidate = streams[n];
    if (!utils.isNodeStream(candidate) && !utils.isWebStream(candidate)) continue;
    if (n < last && !(utils.isReadable(candidate) || utils.isReadableStream(candidate) || utils.isTransformStream(candidate))) {
      throw invalidArgValue(`streams[${n}]`, given[n], 'must be readable');
    }
    if (n > 0 && !(utils.isWritable(candidate) || utils.isWritableStream(candidate) || utils.isTransformStream(candidate))) {
      throw invalidArgValue(`streams[${n}]`, given[n], 'must be writable');
    }
  }

  let ondrain = null;
  let onfinish = null;
  let forgetReadable = null;
  let onclose;
  let d;
  const call = (callback, ...args) => {
    if (callback) callback(...args);
  };

  function onfinished(err) {
    const callback = onclose;
    onclose = null;
    if (callback) callback(err);
    else if (err) d.destroy(err);
    else if (!readable && !writable) d.destroy();
  }

  const head = streams[0];
  const tail = pipeline(streams, onfinished);
  const writable = Boolean(utils.isWritable(head) || utils.isWritableStream(head) || utils.isTransformStream(head));
  const readable = Boolean(utils.isReadable(tail) || utils.isReadableStream(tail) || utils.isTransformStream(tail));

  d = new Duplex({
    writableObjectMode: Boolean(head?.writableObjectMode),
    readableObjectMode: Boolean(tail?.readableObjectMode),
    writable,
    readable,
  });

  if (writable) {
    if (utils.isNodeStream(head)) {
      d._write = function (chunk, encoding, callback) {
        if (head.write(chunk, encoding)) callback();
        else ondrain = callback;
      };
      d._final = function (callback) {
        head.end();
        onfinish = callback;
      };
      head.on('drain', () => {
        const callback = ondrain;
        ondrain = null;
        call(callback);
      });
    } else if (utils.isWebStream(head)) {
      const writer = (utils.isTransformStream(head) ? head.writable : head).getWriter();
      d._write = async function (chunk, encoding, callback) {
        try {
          await writer.ready;
          writer.write(chunk).catch(() => {});
          callback();
        } catch (err) {
          callback(err);
        }
      };
      d._final = async function (callback) {
        try {
          await writer.ready;
          writer.close().catch(() => {});
          onfinish = callback;
        } catch (err) {
          callback(err);
        }
      };
    }
    finished(utils.isTransformStream(tail) ? tail.readable : tail, () => {
      const callback = onfinish;
      onfinish = null;
      call(callback);
    });
  }

  if (readable) {
    if (utils.isNodeStream(tail)) {
      forgetReadable = utils.pumpReadableInto(d, tail);
    } else if (utils.isWebStream(tail)) {
      const reader = (utils.isTransformStream(tail) ? tail.readable : tail).getReader();
      d._read = async function () {
        for (;;) {
          try {
            const { value, done } = await reader.read();
            if (!d.push(value)) return;
            if (done) {
              d.push(null);
              return;
            }
          } catch {
            return;
          }
        }
      };
    }
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
      if (utils.isNodeStream(tail)) destroyer(tail, err);
    }
  };
  return d;
}

module.exports = compose;
