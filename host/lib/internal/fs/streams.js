'use strict';
// fs.ReadStream and fs.WriteStream: streams over a descriptor that they open themselves
// (through `options.fs` when given, or a monkey-patched `open()` as older code does), a
// descriptor they are given, or a FileHandle (whose operations they then go through).

const { errorOrDestroy } = require('internal/streams/destroy');
const { Buffer } = require('buffer');
const { Readable, Writable, finished } = require('stream');
const {
  codedError, invalidArgType, outOfRange, validateBoolean, validateFunction, validateInteger,
} = require('internal/errors');
const { getOptions, toFd, validatePath, kFileHandleRef, kFileHandleUnref, isFileHandle } = require('internal/fs/utils');

const kFs = Symbol('kFs');
const kHandle = Symbol('kHandle');
const kIoDone = Symbol('kIoDone');
const kIsPerformingIO = Symbol('kIsPerformingIO');

const lazyFs = () => require('fs');

// Opens the file before the first read or write, unless a descriptor was given.
function construct(callback) {
  const stream = this;
  if (typeof stream.fd === 'number') {
    callback();
    return;
  }
  if (stream.open !== openReadFs && stream.open !== openWriteFs) {
    // Code that replaced open() reports through the 'open' or 'error' event it emits.
    const emit = stream.emit;
    stream.emit = function (...args) {
      if (args[0] === 'open') {
        this.emit = emit;
        callback();
        Reflect.apply(emit, this, args);
      } else if (args[0] === 'error') {
        this.emit = emit;
        callback(args[1]);
      } else {
        Reflect.apply(emit, this, args);
      }
    };
    stream.open();
    return;
  }
  // What open throws is the construction's error (a FileHandle's stream, destroyed before
  // it was constructed, has no descriptor left and cannot open one).
  try {
    stream[kFs].open(stream.path, stream.flags, stream.mode, (err, fd) => {
      if (err) return callback(err);
      stream.fd = fd;
      callback();
      stream.emit('open', stream.fd);
      stream.emit('ready');
    });
  } catch (err) {
    process.nextTick(callback, err);
  }
}

// open() of either stream is a deprecated no-op; one replaced by other code is still called.
const deprecatedOpen = (name) => require('util').deprecate(function open() {}, `${name}.prototype.open() is deprecated`, 'DEP0135');
const openReadFs = deprecatedOpen('ReadStream');
const openWriteFs = deprecatedOpen('WriteStream');

// The fs-like operations of a stream over a FileHandle: its own methods.
function handleOperations(handle) {
  return {
    open() {
      throw codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The open() method is not implemented');
    },
    close(fd, callback) {
      handle[kFileHandleUnref]();
      handle.close().then(() => callback(), callback);
    },
    fsync(fd, callback) {
      handle.sync().then(() => callback(), callback);
    },
    read(fd, buffer, offset, length, position, callback) {
      handle.read(buffer, offset, length, position)
        .then((result) => callback(null, result.bytesRead, result.buffer), (err) => callback(err, 0, buffer));
    },
    write(fd, buffer, offset, length, position, callback) {
      handle.write(buffer, offset, length, position)
        .then((result) => callback(null, result.bytesWritten, result.buffer), (err) => callback(err, 0, buffer));
    },
    writev(fd, buffers, position, callback) {
      handle.writev(buffers, position)
        .then((result) => callback(null, result.bytesWritten, result.buffers), (err) => callback(err, 0, buffers));
    },
  };
}

function closeStream(stream, err, callback) {
  if (!stream.fd) {
    callback(err);
  } else if (stream.flush) {
    stream[kFs].fsync(stream.fd, (flushErr) => closeDescriptor(stream, err || flushErr, callback));
  } else {
    closeDescriptor(stream, err, callback);
  }
}

function closeDescriptor(stream, err, callback) {
  stream[kFs].close(stream.fd, (closeErr) => callback(closeErr || err));
  stream.fd = null;
}

// The descriptor of `options.fd`: a number, or a FileHandle the stream then holds open.
function importFd(stream, options) {
  if (typeof options.fd === 'number') {
    stream[kFs] = options.fs || lazyFs();
    return options.fd;
  }
  if (isFileHandle(options.fd)) {
    if (options.fs) {
      throw codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The FileHandle with fs method is not implemented');
    }
    stream[kHandle] = options.fd;
    stream[kFs] = handleOperations(options.fd);
    options.fd[kFileHandleRef]();
    options.fd.on('close', stream.close.bind(stream));
    return options.fd.fd;
  }
  throw invalidArgType('options.fd', 'of type number or an instance of FileHandle', options.fd);
}

// The part of both constructors that finds the descriptor or the path to open.
function setTarget(stream, path, options, defaultFlags) {
  if (options.fd == null) {
    stream.fd = null;
    stream[kFs] = options.fs || lazyFs();
    validateFunction(stream[kFs].open, 'options.fs.open');
    stream.path = path instanceof URL ? require('url').fileURLToPath(path) : path;
    stream.flags = options.flags === undefined ? defaultFlags : options.flags;
    stream.mode = options.mode === undefined ? 0o666 : options.mode;
    validatePath(stream.path);
  } else {
    stream.fd = toFd(importFd(stream, options));
  }
  options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
}

// The options with those they inherit, as node copies them.
function copyOptions(options) {
  const copy = {};
  for (const key in options) copy[key] = options[key];
  return copy;
}

function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  options = copyOptions(getOptions(options, {}));
  if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
  setTarget(this, path, options, 'r');
  validateFunction(this[kFs].read, 'options.fs.read');
  if (options.autoDestroy) validateFunction(this[kFs].close, 'options.fs.close');

  this.start = options.start;
  this.end = options.end;
  this.pos = undefined;
  this.bytesRead = 0;
  this[kIsPerformingIO] = false;
  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  if (this.end === undefined) {
    this.end = Infinity;
  } else if (this.end !== Infinity) {
    validateInteger(this.end, 'end', 0);
    if (this.start !== undefined && this.start > this.end) {
      throw outOfRange('start', `<= "end" (here: ${this.end})`, this.start);
    }
  }
  Reflect.apply(Readable, this, [options]);
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);

function internalFieldAccessor(name, stateName) {
  const check = (stream) => {
    if (stream === null || typeof stream !== 'object' || !(kFs in stream)) {
      throw codedError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${name}`);
    }
  };
  return {
    get() {
      check(this);
      return this[stateName].autoDestroy;
    },
    set(value) {
      check(this);
      this[stateName].autoDestroy = value;
    },
    configurable: true,
  };
}

Object.defineProperty(ReadStream.prototype, 'autoClose', internalFieldAccessor('ReadStream', '_readableState'));

ReadStream.prototype._construct = construct;
ReadStream.prototype.open = openReadFs;

ReadStream.prototype._read = function (size) {
  const wanted = Math.min(this.end - (this.pos !== undefined ? this.pos : this.bytesRead) + 1, size);
  if (wanted <= 0) {
    this.push(null);
    return;
  }
  const buffer = Buffer.allocUnsafeSlow(wanted);
  this[kIsPerformingIO] = true;
  this[kFs].read(this.fd, buffer, 0, wanted, this.pos, (err, bytesRead, filled) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      // ._destroy() waits for this to close the descriptor.
      this.emit(kIoDone, err);
      return;
    }
    if (err) {
      errorOrDestroy(this, err);
    } else if (bytesRead > 0) {
      if (this.pos !== undefined) this.pos += bytesRead;
      this.bytesRead += bytesRead;
      let chunk = filled;
      if (bytesRead !== filled.length) {
        // A copy, so that a short read does not keep the whole buffer alive.
        chunk = Buffer.allocUnsafeSlow(bytesRead);
        filled.copy(chunk, 0, 0, bytesRead);
      }
      this.push(chunk);
    } else {
      this.push(null);
    }
  });
};

// A descriptor in use by a read or write on the thread pool is closed once that ends.
function destroy(err, callback) {
  if (this[kIsPerformingIO]) this.once(kIoDone, (ioErr) => closeStream(this, err || ioErr, callback));
  else closeStream(this, err, callback);
}

ReadStream.prototype._destroy = destroy;

ReadStream.prototype.close = function (callback) {
  if (typeof callback === 'function') finished(this, callback);
  this.destroy();
};

Object.defineProperty(ReadStream.prototype, 'pending', {
  get() { return this.fd === null; },
  configurable: true,
});

function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  options = copyOptions(getOptions(options, {}));
  options.decodeStrings = true;
  setTarget(this, path, options, 'w');

  const ops = this[kFs];
  if (!ops.write && !ops.writev) throw invalidArgType('options.fs.write', 'of type function', ops.write);
  if (ops.write) validateFunction(ops.write, 'options.fs.write');
  if (ops.writev) validateFunction(ops.writev, 'options.fs.writev');
  if (options.autoDestroy) validateFunction(ops.close, 'options.fs.close');

  this.flush = options.flush;
  if (this.flush == null) {
    this.flush = false;
  } else {
    validateBoolean(this.flush, 'options.flush');
    validateFunction(ops.fsync, 'options.fs.fsync');
  }
  // Either of write and writev is enough; the stream uses what there is.
  if (!ops.write) this._write = null;
  if (!ops.writev) this._writev = null;

  this.start = options.start;
  this.pos = undefined;
  this.bytesWritten = 0;
  this[kIsPerformingIO] = false;
  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  Reflect.apply(Writable, this, [options]);
  if (options.encoding) this.setDefaultEncoding(options.encoding);
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

Object.defineProperty(WriteStream.prototype, 'autoClose', internalFieldAccessor('WriteStream', '_writableState'));

WriteStream.prototype._construct = construct;
WriteStream.prototype.open = openWriteFs;

const streamDestroyed = (method) => codedError(Error, 'ERR_STREAM_DESTROYED', `Cannot call ${method} after a stream was destroyed`);
const writeFailed = (syscall) => {
  const err = codedError(Error, 'ERR_SYSTEM_ERROR', `A system error occurred: ${syscall} failed`);
  err.name = 'SystemError';
  return err;
};

// Writes all of `size` bytes with fs.write (`data` a buffer) or fs.writev (`data` chunks),
// retrying a write that wrote nothing (EAGAIN) up to 5 times.
function writeAll(stream, syscall, data, size, position, callback, retries = 0) {
  const done = (err, bytesWritten, written) => {
    if (err?.code === 'EAGAIN') {
      err = null;
      bytesWritten = 0;
    }
    if (stream.destroyed || err) return callback(err || streamDestroyed(syscall));
    stream.bytesWritten += bytesWritten;
    retries = bytesWritten ? 0 : retries + 1;
    size -= bytesWritten;
    if (position !== undefined && position !== null) position += bytesWritten;
    if (retries > 5) return callback(writeFailed(syscall));
    if (!size) return callback();
    const rest = syscall === 'write' ? written.slice(bytesWritten) : [Buffer.concat(written).slice(bytesWritten)];
    writeAll(stream, syscall, rest, size, position, callback, retries);
  };
  if (syscall === 'write') stream[kFs].write(stream.fd, data, 0, size, position, done);
  else stream[kFs].writev(stream.fd, data, position, done);
}

function afterIo(stream, callback) {
  return (err) => {
    stream[kIsPerformingIO] = false;
    callback(err);
    if (stream.destroyed) stream.emit(kIoDone, err);
  };
}

WriteStream.prototype._write = function (data, encoding, callback) {
  this[kIsPerformingIO] = true;
  writeAll(this, 'write', data, data.length, this.pos, afterIo(this, callback));
  if (this.pos !== undefined) this.pos += data.length;
};

WriteStream.prototype._writev = function (data, callback) {
  const chunks = data.map(({ chunk }) => chunk);
  const size = chunks.reduce((total, chunk) => total + chunk.length, 0);
  this[kIsPerformingIO] = true;
  writeAll(this, 'writev', chunks, size, this.pos, afterIo(this, callback));
  if (this.pos !== undefined) this.pos += size;
};

WriteStream.prototype._destroy = destroy;

WriteStream.prototype.close = function (callback) {
  if (callback) {
    if (this.closed) {
      process.nextTick(callback);
      return;
    }
    this.on('close', callback);
  }
  // An autoClose: false stream is not destroyed by end(); close() still closes it.
  if (!this.autoClose) this.on('finish', this.destroy);
  this.end();
};

// Deprecated alias of end().
WriteStream.prototype.destroySoon = WriteStream.prototype.end;

Object.defineProperty(WriteStream.prototype, 'pending', {
  get() { return this.fd === null; },
  configurable: true,
});

module.exports = { ReadStream, WriteStream };
