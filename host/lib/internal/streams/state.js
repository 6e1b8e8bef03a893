'use strict';
// highWaterMark options and the process-wide defaults (stream.getDefaultHighWaterMark).

const { Buffer } = require('buffer');
const { codedError, validateInteger } = require('internal/errors');

let defaultHighWaterMark = 64 * 1024;
let defaultObjectModeHighWaterMark = 16;

function getDefaultHighWaterMark(objectMode) {
  return objectMode ? defaultObjectModeHighWaterMark : defaultHighWaterMark;
}

function setDefaultHighWaterMark(objectMode, value) {
  validateInteger(value, 'value', 0);
  if (objectMode) defaultObjectModeHighWaterMark = value;
  else defaultHighWaterMark = value;
}

// options.highWaterMark, else (for a Duplex) the side's own key, else the default.
function getHighWaterMark(state, options, duplexKey, isDuplex) {
  const value = options.highWaterMark ?? (isDuplex ? options[duplexKey] : null);
  if (value != null) {
    if (!Number.isInteger(value) || value < 0) {
      const name = isDuplex ? `options.${duplexKey}` : 'options.highWaterMark';
      const received = require('internal/inspect').inspect(value);
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}' is invalid. Received ${received}`);
    }
    return Math.floor(value);
  }
  return getDefaultHighWaterMark(state.objectMode);
}

function unknownEncoding(encoding) {
  return codedError(TypeError, 'ERR_UNKNOWN_ENCODING', require('util').format('Unknown encoding: %s', encoding));
}

function defaultEncodingOf(options) {
  const encoding = options?.defaultEncoding;
  if (encoding == null || encoding === 'utf8' || encoding === 'utf-8') return 'utf8';
  if (!Buffer.isEncoding(encoding)) throw unknownEncoding(encoding);
  return encoding;
}

module.exports = { defaultEncodingOf, getDefaultHighWaterMark, getHighWaterMark, setDefaultHighWaterMark, unknownEncoding };
