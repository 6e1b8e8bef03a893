'use strict';
// A Writable whose writes go to a descriptor synchronously: process.stdout and stderr when
// they are files, as in node.

const { Writable } = require('stream');

class SyncWriteStream extends Writable {
  constructor(fd, options) {
    super({ autoDestroy: true });
    this.fd = fd;
    this.readable = false;
    this.autoClose = options?.autoClose === undefined ? true : options.autoClose;
  }

  _write(chunk, encoding, callback) {
    try {
      require('fs').writeSync(this.fd, chunk);
    } catch (err) {
      callback(err);
      return;
    }
    callback();
  }

  _destroy(err, callback) {
    if (this.fd === null) return callback(err);
    if (this.autoClose) require('fs').closeSync(this.fd);
    this.fd = null;
    callback(err);
  }
}

SyncWriteStream.prototype.destroySoon = SyncWriteStream.prototype.destroy;

module.exports = SyncWriteStream;
