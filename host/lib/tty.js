'use strict';
// tty: isatty and the stream classes for terminals.

const { invalidArgType } = require('internal/errors');

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && binding.isatty(fd);
}

function ReadStream(fd) {
  if (!Number.isInteger(fd)) throw invalidArgType('fd', 'of type number', fd);
  const { Readable } = require('stream');
  Readable.call(this);
  this.fd = fd;
  this.isRaw = false;
  this.isTTY = true;
}

function WriteStream(fd) {
  if (!Number.isInteger(fd)) throw invalidArgType('fd', 'of type number', fd);
  const { Writable } = require('stream');
  Writable.call(this, { write: (chunk, encoding, callback) => require('fs').write(fd, chunk, (err) => callback(err)) });
  this.fd = fd;
  this.isTTY = true;
  this.columns = 80;
  this.rows = 24;
}

function linkStreams() {
  const { Readable, Writable } = require('stream');
  Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
  Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
}
linkStreams();

ReadStream.prototype.setRawMode = function setRawMode(flag) {
  this.isRaw = Boolean(flag);
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

module.exports = { isatty, ReadStream, WriteStream };
