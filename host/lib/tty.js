'use strict';
// tty: isatty and the stream classes for terminals.

const ttyBinding = binding.tty();
const { codedError } = require('internal/errors');

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && ttyBinding.isatty(fd);
}

const netBinding = binding.net();

const { ttyHandleClass, ttyInitFailed } = require('internal/tty');

function checkFd(fd) {
  // eslint-disable-next-line no-bitwise
  if (fd >> 0 !== fd || fd < 0) throw codedError(RangeError, 'ERR_INVALID_FD', `"fd" must be a positive integer: ${fd}`);
}

// A net.Socket over a terminal, paused until read (node's tty.ReadStream).
function ReadStream(fd, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(fd, options);
  checkFd(fd);
  const handle = new (ttyHandleClass())(fd);
  require('net').Socket.call(this, { readableHighWaterMark: 0, handle, manualStart: true, ...options });
  this.isRaw = false;
  this.isTTY = true;
}

// A net.Socket over a terminal that writes synchronously, as node's on POSIX.
function WriteStream(fd) {
  if (!(this instanceof WriteStream)) return new WriteStream(fd);
  checkFd(fd);
  const type = netBinding.guessHandleType(fd);
  if (type === 'FILE' || type === 'UNKNOWN') throw ttyInitFailed(-22); // EINVAL, as uv_tty_init
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
  Object.setPrototypeOf(ReadStream.prototype, Socket.prototype);
  Object.setPrototypeOf(ReadStream, Socket);
  Object.setPrototypeOf(WriteStream.prototype, Socket.prototype);
  Object.setPrototypeOf(WriteStream, Socket);
}
linkStreams();

ReadStream.prototype.setRawMode = function setRawMode(flag) {
  flag = Boolean(flag);
  const errno = this._handle?.setRawMode(flag);
  if (errno) {
    this.emit('error', require('util')._errnoException(errno, 'setRawMode'));
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

module.exports = { isatty, ReadStream, WriteStream };
