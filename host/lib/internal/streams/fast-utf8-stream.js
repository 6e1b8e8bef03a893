'use strict';
// fs.Utf8Stream: a fast writer to a file or descriptor (node's port of sonic-boom). Writes
// are queued as strings (or Buffers in contentMode 'buffer') of at most maxWrite, written
// once minLength is reached, synchronously or not; 'drain', 'write', 'drop', 'ready',
// 'finish' and 'close' as node emits them.

const EventEmitter = require('events');
const { Buffer } = require('buffer');
const path = require('path');
const { codedError } = require('internal/errors');

const BUSY_WRITE_TIMEOUT = 100;
const MAX_WRITE = 16 * 1024;
const kEmptyBuffer = Buffer.allocUnsafe(0);

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms) {
  Atomics.wait(sleepCell, 0, 0, ms);
}

function destroyedError() {
  return codedError(Error, 'ERR_INVALID_STATE', 'Invalid state: Utf8Stream is destroyed');
}

// How many UTF-16 code units of `text` the first `bytes` of its UTF-8 encoding hold whole:
// a character split by a partial write is written again in full.
function unitsInBytes(text, bytes) {
  let used = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.codePointAt(index);
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (used + size > bytes) break;
    used += size;
    index += code >= 0x10000 ? 2 : 1;
  }
  return index;
}

// After a write of `n` bytes: what is left of the chunk being written, and of the total
// (counted in code units for strings).
function releaseWritingBuf(writingBuf, len, n) {
  if (typeof writingBuf === 'string') n = unitsInBytes(writingBuf, n);
  len = Math.max(len - n, 0);
  writingBuf = writingBuf.slice(n);
  return { writingBuf, len };
}

function mergeBuf(bufs, len) {
  if (bufs.length === 0) return kEmptyBuffer;
  if (bufs.length === 1) return bufs[0];
  return Buffer.concat(bufs, len);
}

class Utf8Stream extends EventEmitter {
  #len = 0;
  #fd = -1;
  #bufs = [];
  #lens = [];
  #writing = false;
  #ending = false;
  #reopening = false;
  #opening = false;
  #asyncDrainScheduled = false;
  #flushPending = false;
  #hwm;
  #file = null;
  #destroyed = false;
  #minLength;
  #maxLength;
  #maxWrite;
  #periodicFlush;
  #periodicFlushTimer;
  #sync;
  #fsync;
  #append;
  #mode;
  #retryEAGAIN;
  #mkdir;
  #contentMode;
  #writingBuf;
  #fs;

  constructor(options = {}) {
    super();
    let { fd, dest } = options;
    const {
      minLength, maxLength, maxWrite, periodicFlush, sync, append = true, mkdir, retryEAGAIN, fsync, contentMode, mode,
    } = options;
    fd ||= dest;
    this.#fs = { ...require('fs'), ...options.fs };
    this.#hwm = Math.max(minLength || 0, 16387);
    this.#minLength = minLength || 0;
    this.#maxLength = maxLength || 0;
    this.#maxWrite = maxWrite || MAX_WRITE;
    this.#periodicFlush = periodicFlush || 0;
    this.#sync = sync || false;
    this.#fsync = fsync || false;
    this.#append = append || false;
    this.#mode = mode;
    this.#retryEAGAIN = retryEAGAIN || (() => true);
    this.#mkdir = mkdir || false;
    this.writable = true;

    if (contentMode === 'buffer') {
      this.#contentMode = 'buffer';
      this.#writingBuf = kEmptyBuffer;
    } else if (contentMode === undefined || contentMode === 'utf8') {
      this.#contentMode = 'utf8';
      this.#writingBuf = '';
    } else {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The property 'options.contentMode' must be one of: 'buffer', 'utf8'. Received ${require('internal/inspect').inspect(contentMode)}`);
    }

    if (typeof fd === 'number') {
      this.#fd = fd;
      process.nextTick(() => this.emit('ready'));
    } else if (typeof fd === 'string') {
      this.#openFile(fd);
    } else {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
        `The "fd" argument must be one of type number or string. ${require('internal/errors').describeReceived(fd)}`);
    }
    if (this.#minLength >= this.#maxWrite) {
      throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE',
        `The argument 'minLength' should be smaller than maxWrite (${this.#maxWrite}). Received ${this.#minLength}`);
    }

    this.on('newListener', (name) => {
      if (name === 'drain') this.#asyncDrainScheduled = false;
    });

    if (this.#periodicFlush !== 0) {
      this.#periodicFlushTimer = setInterval(() => this.flush(null), this.#periodicFlush);
      this.#periodicFlushTimer.unref();
    }
  }

  get append() { return this.#append; }
  get contentMode() { return this.#contentMode; }
  get fd() { return this.#fd; }
  get file() { return this.#file; }
  get fsync() { return this.#fsync; }
  get maxLength() { return this.#maxLength; }
  get minLength() { return this.#minLength; }
  get mkdir() { return this.#mkdir; }
  get mode() { return this.#mode; }
  get periodicFlush() { return this.#periodicFlush; }
  get sync() { return this.#sync; }
  get writing() { return this.#writing; }

  write(data) {
    if (this.#destroyed) throw destroyedError();
    return this.#contentMode === 'buffer' ? this.#writeBuffer(data) : this.#writeUtf8(data);
  }

  #writeUtf8(data) {
    const len = this.#len + data.length;
    const bufs = this.#bufs;
    if (this.#maxLength && len > this.#maxLength) {
      this.emit('drop', data);
      return this.#len < this.#hwm;
    }
    if (bufs.length === 0 || bufs[bufs.length - 1].length + data.length > this.#maxWrite) {
      bufs.push(`${data}`);
    } else {
      bufs[bufs.length - 1] += data;
    }
    this.#len = len;
    if (!this.#writing && this.#len >= this.#minLength) this.#actualWrite();
    return this.#len < this.#hwm;
  }

  #writeBuffer(data) {
    const len = this.#len + data.length;
    const bufs = this.#bufs;
    const lens = this.#lens;
    if (this.#maxLength && len > this.#maxLength) {
      this.emit('drop', data);
      return this.#len < this.#hwm;
    }
    if (bufs.length === 0 || lens[lens.length - 1] + data.length > this.#maxWrite) {
      bufs.push([data]);
      lens.push(data.length);
    } else {
      bufs[bufs.length - 1].push(data);
      lens[lens.length - 1] += data.length;
    }
    this.#len = len;
    if (!this.#writing && this.#len >= this.#minLength) this.#actualWrite();
    return this.#len < this.#hwm;
  }

  flush(callback) {
    if (callback != null && typeof callback !== 'function') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
        `The "cb" argument must be of type function. ${require('internal/errors').describeReceived(callback)}`);
    }
    if (this.#destroyed) {
      const error = destroyedError();
      if (callback) {
        callback(error);
        return;
      }
      throw error;
    }
    if (this.#minLength <= 0) {
      callback?.();
      return;
    }
    if (callback) this.#flushCallbackOnDrain(callback);
    if (this.#writing) return;
    if (this.#bufs.length === 0) {
      if (this.#contentMode === 'buffer') {
        this.#bufs.push([]);
        this.#lens.push(0);
      } else {
        this.#bufs.push('');
      }
    }
    this.#actualWrite();
  }

  #flushCallbackOnDrain(callback) {
    this.#flushPending = true;
    const onDrain = () => {
      // With fsync on, every write was synced already.
      if (!this.#fsync) {
        try {
          this.#fs.fsync(this.#fd, (err) => {
            this.#flushPending = false;
            callback(err);
          });
        } catch (err) {
          callback(err);
        }
      } else {
        this.#flushPending = false;
        callback();
      }
      this.off('error', onError);
    };
    const onError = (err) => {
      this.#flushPending = false;
      callback(err);
      this.off('drain', onDrain);
    };
    this.once('drain', onDrain);
    this.once('error', onError);
  }

  flushSync() {
    if (this.#destroyed) throw destroyedError();
    if (this.#fd < 0) throw codedError(Error, 'ERR_INVALID_STATE', 'Invalid state: Utf8Stream is not ready yet');
    if (this.#contentMode === 'buffer') {
      if (!this.#writing && this.#writingBuf.length > 0) {
        this.#bufs.unshift([this.#writingBuf]);
        this.#writingBuf = kEmptyBuffer;
      }
      let buf = kEmptyBuffer;
      while (this.#bufs.length || buf.length) {
        if (buf.length <= 0) buf = mergeBuf(this.#bufs[0], this.#lens[0]);
        try {
          const n = this.#fs.writeSync(this.#fd, buf);
          buf = buf.subarray(n);
          this.#len = Math.max(this.#len - n, 0);
          if (buf.length <= 0) {
            this.#bufs.shift();
            this.#lens.shift();
          }
        } catch (err) {
          const shouldRetry = err.code === 'EAGAIN' || err.code === 'EBUSY';
          if (shouldRetry && !this.#retryEAGAIN(err, buf.length, this.#len - buf.length)) throw err;
          sleep(BUSY_WRITE_TIMEOUT);
        }
      }
    } else {
      if (!this.#writing && this.#writingBuf.length > 0) {
        this.#bufs.unshift(this.#writingBuf);
        this.#writingBuf = '';
      }
      let buf = '';
      while (this.#bufs.length || buf) {
        if (buf.length <= 0) buf = this.#bufs[0];
        try {
          const n = this.#fs.writeSync(this.#fd, buf, 'utf8');
          const released = releaseWritingBuf(buf, this.#len, n);
          buf = released.writingBuf;
          this.#len = released.len;
          if (buf.length <= 0) this.#bufs.shift();
        } catch (err) {
          const shouldRetry = err.code === 'EAGAIN' || err.code === 'EBUSY';
          if (shouldRetry && !this.#retryEAGAIN(err, buf.length, this.#len - buf.length)) throw err;
          sleep(BUSY_WRITE_TIMEOUT);
        }
      }
    }
    try {
      this.#fs.fsyncSync(this.#fd);
    } catch {
      // A descriptor that cannot be synced (a pipe) is fine.
    }
  }

  reopen(file) {
    if (this.#destroyed) throw destroyedError();
    if (this.#opening) {
      this.once('ready', () => this.reopen(file));
      return;
    }
    if (this.#ending) return;
    if (!this.#file) {
      throw codedError(Error, 'ERR_OPERATION_FAILED', 'Operation failed: Unable to reopen a file descriptor, you must pass a file to SonicBoom');
    }
    if (file) this.#file = file;
    this.#reopening = true;
    if (this.#writing) return;
    const fd = this.#fd;
    this.once('ready', () => {
      if (fd !== this.#fd) {
        this.#fs.close(fd, (err) => {
          if (err) this.emit('error', err);
        });
      }
    });
    this.#openFile(this.#file);
  }

  end() {
    if (this.#destroyed) throw destroyedError();
    if (this.#opening) {
      this.once('ready', () => this.end());
      return;
    }
    if (this.#ending) return;
    this.#ending = true;
    if (this.#writing) return;
    if (this.#len > 0 && this.#fd >= 0) this.#actualWrite();
    else this.#actualClose();
  }

  destroy() {
    if (this.#destroyed) return;
    this.#actualClose();
  }

  #openFile(file) {
    this.#opening = true;
    this.#writing = true;
    this.#asyncDrainScheduled = false;
    const fileOpened = (err, fd) => {
      if (err) {
        this.#reopening = false;
        this.#writing = false;
        this.#opening = false;
        if (this.#sync) {
          process.nextTick(() => {
            if (this.listenerCount('error') > 0) this.emit('error', err);
          });
        } else {
          this.emit('error', err);
        }
        return;
      }
      const reopening = this.#reopening;
      this.#fd = fd;
      this.#file = file;
      this.#reopening = false;
      this.#opening = false;
      this.#writing = false;
      if (this.#sync) process.nextTick(() => this.emit('ready'));
      else this.emit('ready');
      if (this.#destroyed) return;
      if ((!this.#writing && this.#len > this.#minLength) || this.#flushPending) this.#actualWrite();
      else if (reopening) process.nextTick(() => this.emit('drain'));
    };
    const flags = this.#append ? 'a' : 'w';
    const mode = this.#mode;
    if (this.#sync) {
      try {
        if (this.#mkdir) this.#fs.mkdirSync(path.dirname(file), { recursive: true });
        const fd = this.#fs.openSync(file, flags, mode);
        fileOpened(null, fd);
      } catch (err) {
        fileOpened(err);
        throw err;
      }
    } else if (this.#mkdir) {
      this.#fs.mkdir(path.dirname(file), { recursive: true }, (err) => {
        if (err) return fileOpened(err);
        this.#fs.open(file, flags, mode, fileOpened);
      });
    } else {
      this.#fs.open(file, flags, mode, fileOpened);
    }
  }

  #fsWrite() {
    if (this.#contentMode === 'buffer') this.#fs.write(this.#fd, this.#writingBuf, this.#release);
    else this.#fs.write(this.#fd, this.#writingBuf, 'utf8', this.#release);
  }

  #fsWriteSync() {
    if (this.#contentMode === 'buffer') return this.#fs.writeSync(this.#fd, this.#writingBuf);
    return this.#fs.writeSync(this.#fd, this.#writingBuf, 'utf8');
  }

  #actualWrite() {
    this.#writing = true;
    if (this.#contentMode === 'buffer') {
      this.#writingBuf = this.#writingBuf.length ? this.#writingBuf : mergeBuf(this.#bufs.shift() ?? [], this.#lens.shift());
    } else {
      this.#writingBuf ||= this.#bufs.shift() || '';
    }
    if (this.#sync) {
      let written;
      try {
        written = this.#fsWriteSync();
      } catch (err) {
        this.#release(err);
        return;
      }
      this.#release(null, written);
    } else {
      this.#fsWrite();
    }
  }

  // Called back after each write (and with no error by the synchronous path too).
  #release = (err, n) => {
    if (err) {
      if ((err.code === 'EAGAIN' || err.code === 'EBUSY')
        && this.#retryEAGAIN(err, this.#writingBuf.length, this.#len - this.#writingBuf.length)) {
        if (this.#sync) {
          // Synchronous writes should not see EAGAIN, but they do (a non-blocking pipe).
          try {
            sleep(BUSY_WRITE_TIMEOUT);
            this.#release(undefined, 0);
          } catch (retryErr) {
            this.#release(retryErr);
          }
        } else {
          setTimeout(() => this.#fsWrite(), BUSY_WRITE_TIMEOUT);
        }
      } else {
        this.#writing = false;
        this.emit('error', err);
      }
      return;
    }

    this.emit('write', n);
    let released = this.#contentMode === 'buffer'
      ? { writingBuf: this.#writingBuf.subarray(n), len: Math.max(this.#len - n, 0) }
      : releaseWritingBuf(this.#writingBuf, this.#len, n);
    this.#len = released.len;
    this.#writingBuf = released.writingBuf;

    if (this.#writingBuf.length) {
      if (!this.#sync) {
        this.#fsWrite();
        return;
      }
      try {
        do {
          const written = this.#fsWriteSync();
          released = this.#contentMode === 'buffer'
            ? { writingBuf: this.#writingBuf.subarray(written), len: Math.max(this.#len - written, 0) }
            : releaseWritingBuf(this.#writingBuf, this.#len, written);
          this.#len = released.len;
          this.#writingBuf = released.writingBuf;
        } while (this.#writingBuf.length);
      } catch (writeErr) {
        this.#release(writeErr);
        return;
      }
    }

    if (this.#fsync) this.#fs.fsyncSync(this.#fd);

    const len = this.#len;
    if (this.#reopening) {
      this.#writing = false;
      this.#reopening = false;
      this.reopen();
    } else if (len > this.#minLength) {
      this.#actualWrite();
    } else if (this.#ending) {
      if (len > 0) {
        this.#actualWrite();
      } else {
        this.#writing = false;
        this.#actualClose();
      }
    } else {
      this.#writing = false;
      if (this.#sync) {
        if (!this.#asyncDrainScheduled) {
          this.#asyncDrainScheduled = true;
          process.nextTick(() => this.#emitDrain());
        }
      } else {
        this.emit('drain');
      }
    }
  };

  #emitDrain() {
    if (this.listenerCount('drain') === 0) return;
    this.#asyncDrainScheduled = false;
    this.emit('drain');
  }

  #actualClose() {
    if (this.#fd === -1) {
      this.once('ready', () => this.#actualClose());
      return;
    }
    if (this.#periodicFlushTimer !== undefined) clearInterval(this.#periodicFlushTimer);
    this.#destroyed = true;
    this.#bufs = [];
    this.#lens = [];
    const done = (err) => {
      if (err) {
        this.emit('error', err);
        return;
      }
      if (this.#ending && !this.#writing) this.emit('finish');
      this.emit('close');
    };
    const closeWrapped = () => {
      // An fsync error is not the close's.
      if (this.#fd !== 1 && this.#fd !== 2) this.#fs.close(this.#fd, done);
      else done();
    };
    if (this.#fsync) {
      // Every write was synced already.
      closeWrapped();
      return;
    }
    try {
      this.#fs.fsync(this.#fd, closeWrapped);
    } catch {
      // A descriptor that cannot be synced.
    }
  }
}

module.exports = { Utf8Stream };
