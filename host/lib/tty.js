'use strict';
// tty: isatty and the stream classes for terminals.

const { invalidArgType } = require('internal/errors');

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && binding.isatty(fd);
}

const ttyBinding = binding.tty();
const kReading = Symbol('kReading');

// ---- reading a descriptor as a stream (a terminal, or a pipe until net's sockets do it) ----

const readers = new Map();

function startReading(stream) {
  if (stream[kReading]) return;
  stream[kReading] = true;
  readers.set(stream.fd, stream);
  binding.refLoop(1);
  ttyBinding.readStart(stream.fd);
}

function stopReading(stream) {
  if (!stream[kReading]) return;
  stream[kReading] = false;
  binding.refLoop(-1);
  ttyBinding.readStop(stream.fd);
}

internals.ttyRead = function ttyRead(fd, chunk) {
  const stream = readers.get(fd);
  if (stream === undefined || stream.destroyed) return;
  if (chunk === null) {
    stopReading(stream);
    stream.push(null);
  } else if (typeof chunk === 'number') {
    stopReading(stream);
    stream.destroy(require('util')._errnoException(chunk, 'read'));
  } else {
    const { Buffer } = require('buffer');
    // A stream without room for more stops reading until it asks again.
    if (!stream.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) stopReading(stream);
  }
};

// A Readable over fd whose reads happen off the JS thread and only while it wants data.
function FdReadable(fd, options) {
  const { Readable } = require('stream');
  Readable.call(this, { highWaterMark: 0, ...options });
  this.fd = fd;
  this[kReading] = false;
}

function linkFdReadable() {
  const { Readable } = require('stream');
  Object.setPrototypeOf(FdReadable.prototype, Readable.prototype);
  Object.setPrototypeOf(FdReadable, Readable);
}
linkFdReadable();

FdReadable.prototype._read = function _read() {
  startReading(this);
};

FdReadable.prototype._destroy = function _destroy(err, callback) {
  stopReading(this);
  readers.delete(this.fd);
  callback(err);
};

// process.stdin and friends stop reading once paused, so that a paused stdin does not keep
// the process alive (node's onpause in getStdin).
function stopReadingWhenPaused(stream) {
  stream.on('pause', () => process.nextTick(() => {
    if (stream[kReading] && !stream.readableFlowing) {
      stream._readableState.reading = false;
      stopReading(stream);
    }
  }));
}

function ReadStream(fd, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(fd, options);
  if (!Number.isInteger(fd)) throw invalidArgType('fd', 'of type number', fd);
  FdReadable.call(this, fd, options);
  this.isRaw = false;
  this.isTTY = true;
}

// A net.Socket over a terminal that writes synchronously, as node's on POSIX.
function WriteStream(fd) {
  if (!(this instanceof WriteStream)) return new WriteStream(fd);
  if (!Number.isInteger(fd)) throw invalidArgType('fd', 'of type number', fd);
  const { FdWriteHandle } = require('internal/stdio');
  require('net').Socket.call(this, { readableHighWaterMark: 0, handle: new FdWriteHandle('TTY', fd), manualStart: true });
  this.fd = fd;
  this._type = 'tty';
  this.isTTY = true;
  const size = ttyBinding.windowSize(fd);
  if (size !== undefined) [this.columns, this.rows] = size;
}

function linkStreams() {
  const { Socket } = require('net');
  Object.setPrototypeOf(ReadStream.prototype, FdReadable.prototype);
  Object.setPrototypeOf(ReadStream, FdReadable);
  Object.setPrototypeOf(WriteStream.prototype, Socket.prototype);
  Object.setPrototypeOf(WriteStream, Socket);
}
linkStreams();

ReadStream.prototype.setRawMode = function setRawMode(flag) {
  flag = Boolean(flag);
  const errno = ttyBinding.setRawMode(this.fd, flag);
  if (errno) {
    this.emit('error', require('util')._errnoException(-errno, 'setRawMode'));
    return this;
  }
  this.isRaw = flag;
  return this;
};
WriteStream.prototype.getColorDepth = function getColorDepth(env) {
  return require('internal/tty').getColorDepth(env);
};
WriteStream.prototype.hasColors = function hasColors(count, env) {
  if (env === undefined && (count === undefined || (typeof count === 'object' && count !== null))) {
    env = count;
    count = 16;
  }
  return 2 ** this.getColorDepth(env) >= count;
};
WriteStream.prototype.getWindowSize = function getWindowSize() {
  return [this.columns, this.rows];
};
// The terminal's size read again; 'resize' when it changed (on SIGWINCH for process.stdout).
WriteStream.prototype._refreshSize = function _refreshSize() {
  const size = ttyBinding.windowSize(this.fd);
  if (size === undefined) return;
  const [columns, rows] = size;
  if (columns === this.columns && rows === this.rows) return;
  this.columns = columns;
  this.rows = rows;
  this.emit('resize');
};
WriteStream.prototype.cursorTo = function cursorTo(x, y, callback) {
  return require('internal/readline').cursorTo(this, x, y, callback);
};
WriteStream.prototype.moveCursor = function moveCursor(dx, dy, callback) {
  return require('internal/readline').moveCursor(this, dx, dy, callback);
};
WriteStream.prototype.clearLine = function clearLine(dir, callback) {
  return require('internal/readline').clearLine(this, dir, callback);
};
WriteStream.prototype.clearScreenDown = function clearScreenDown(callback) {
  return require('internal/readline').clearScreenDown(this, callback);
};

// process.stdin as node makes it for what fd 0 is: a tty.ReadStream for a terminal, an
// fs.ReadStream for a file or character device, else (a pipe or socket) a stream over the fd.
internals.createStdin = function createStdin() {
  let kind = 'unknown';
  try {
    const stats = require('fs').fstatSync(0);
    kind = stats.isFile() || stats.isCharacterDevice() ? 'file' : 'pipe';
  } catch {}
  let stdin;
  if (isatty(0)) {
    stdin = new ReadStream(0);
  } else if (kind === 'file') {
    stdin = require('fs').createReadStream(null, { fd: 0, autoClose: false });
  } else {
    stdin = new FdReadable(0);
  }
  stdin.fd = 0;
  if (!(kind === 'file' && !isatty(0))) stopReadingWhenPaused(stdin);
  return stdin;
};

module.exports = { isatty, ReadStream, WriteStream };
