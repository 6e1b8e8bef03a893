'use strict';
// Argument handling shared by fs, its streams, Dir and FileHandle, with node's errors.

const { Buffer } = require('buffer');
const { invalidArgType, invalidArgValue, validateInteger } = require('internal/errors');

const kFileHandleRef = Symbol('kRef');
const kFileHandleUnref = Symbol('kUnref');
const kFileHandleBrand = Symbol('kFileHandle');

const isFileHandle = (value) => value !== null && typeof value === 'object' && value[kFileHandleBrand] === true;

function assertEncoding(encoding) {
  if (encoding && encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
    throw invalidArgValue('encoding', encoding, 'is invalid encoding');
  }
}

// An options argument as node's getOptions takes it: nothing or a function (a callback in
// its place) gives the defaults, a string is the encoding, else it must be an object.
function getOptions(options, defaults) {
  if (options === undefined || options === null || typeof options === 'function') return defaults;
  if (typeof options === 'string') {
    assertEncoding(options);
    return { ...defaults, encoding: options };
  }
  if (typeof options !== 'object') throw invalidArgType('options', 'of type string or an instance of Object', options);
  if (options.encoding !== 'buffer') assertEncoding(options.encoding);
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

function validateAbortSignal(signal, name) {
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
    throw invalidArgType(name, 'an instance of AbortSignal', signal);
  }
}

function nullBytes(name, value) {
  return invalidArgValue(name, value, 'must be a string, Uint8Array, or URL without null bytes');
}

// A path argument as a string: a string, Buffer/Uint8Array or file: URL without NUL bytes.
function toPath(value, name = 'path') {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw nullBytes(name, value);
    return value;
  }
  if (value instanceof Uint8Array) {
    if (value.includes(0)) throw nullBytes(name, value);
    return Buffer.from(value).toString();
  }
  if (value instanceof URL) {
    const path = require('url').fileURLToPath(value);
    if (path.includes('\u0000')) throw nullBytes(name, path);
    return path;
  }
  throw invalidArgType(name, 'of type string or an instance of Buffer or URL', value);
}

// A path for the fs binding: as toPath, except that a Buffer/Uint8Array whose bytes are not
// UTF-8 stays bytes (the binding takes those as the file name, as the OS does).
function toBindingPath(value, name = 'path') {
  const path = toPath(value, name);
  return value instanceof Uint8Array && !require('buffer').isUtf8(value) ? new Uint8Array(value) : path;
}

const validatePath = (value, name) => { toPath(value, name); };

function toFd(fd) {
  validateInteger(fd, 'fd', 0, 2 ** 31 - 1);
  return fd;
}

module.exports = {
  assertEncoding, getOptions, isFileHandle, kFileHandleBrand, kFileHandleRef, kFileHandleUnref, toBindingPath, toFd, toPath, validatePath,
};
