'use strict';
// process.stdout, stderr and stdin as node builds them for what the descriptor is: a tty
// stream for a terminal, an fs stream for a file, a net.Socket for a pipe or socket, and an
// empty source or a sink for anything else. Writes to a terminal or pipe are synchronous, as
// node's are on Linux, so output keeps its order with what native code prints; a stdio
// output cannot be destroyed for real, and destroying stdin leaves fd 0 open (its stream
// reads through a copy of the descriptor).

const processMethods = binding.processMethods();
const { kResourceName, addHandleSource } = require('internal/process/active_resources');

const writeHandles = new Set();
addHandleSource(() => writeHandles.values());

// The handle under a stdio net.Socket or tty.WriteStream: each write goes out whole before
// it returns (0, or a negative errno such as EPIPE, which the socket reports as node does).
// (Fields, defined on the handle: a setter a program put on Object.prototype is not called.)
class FdWriteHandle {
  type; // 'TTY', 'PIPE' or 'TCP'
  fd;
  refed = true;
  closed = false;
  reading = false;
  owner = null;
  onread = null;
  reader = null;
  bytesRead = 0;
  bytesWritten = 0;

  constructor(type, fd) {
    this.type = type;
    this.fd = fd;
    writeHandles.add(this);
  }

  get [kResourceName]() {
    if (this.type === 'TTY') return 'TTYWrap';
    return this.type === 'PIPE' ? 'PipeWrap' : 'TCPSocketWrap';
  }

  write(bytes) {
    if (this.closed) return -9; // EBADF
    const result = processMethods.stdioWrite(this.fd, bytes);
    if (result === 0) this.bytesWritten += bytes.length;
    return result;
  }

  // Nothing is ever queued, so the write side is done at once; the descriptor stays open.
  shutdown(callback) {
    process.nextTick(callback, 0);
    return 0;
  }

  setBlocking() {
    return 0;
  }

  // A terminal's writer reads too, as node's TTY handle does (process.stdout.on('data') gets
  // what is typed): through a TTY stream handle made on the first read. Others are write-only.
  readStart() {
    if (this.type !== 'TTY' || this.closed) return -22; // EINVAL
    if (this.reader === null) {
      try {
        this.reader = new (require('internal/tty').ttyHandleClass())(this.fd);
      } catch (err) {
        return err.errno;
      }
      if (!this.refed) this.reader.unref();
      this.reader.onread = (buffer, errno) => {
        if (buffer !== null) this.bytesRead += buffer.length;
        this.onread?.(buffer, errno);
      };
    }
    this.reading = true;
    return this.reader.readStart();
  }

  readStop() {
    this.reading = false;
    return this.reader?.readStop() ?? 0;
  }

  getAsyncId() {
    return -1;
  }

  getWindowSize(size) {
    const dimensions = binding.tty().windowSize(this.fd);
    if (dimensions === undefined) return -25; // ENOTTY
    [size[0], size[1]] = dimensions;
    return 0;
  }

  ref() {
    this.refed = true;
    this.reader?.ref();
  }

  unref() {
    this.refed = false;
    this.reader?.unref();
  }

  hasRef() {
    return this.refed && !this.closed;
  }

  close(callback) {
    if (this.closed) return;
    this.closed = true;
    writeHandles.delete(this);
    this.reader?.close();
    if (typeof callback === 'function') setImmediate(callback);
  }
}

// A stdio stream's destroy ends nothing: it emits 'close' and is usable again.
function dummyDestroy(err, callback) {
  callback(err);
  this._undestroy();
  if (!this._writableState.emitClose) process.nextTick(() => this.emit('close'));
}

function createWritableStdioStream(fd) {
  let stream;
  const type = binding.net().guessHandleType(fd);
  switch (type) {
    case 'TTY':
      stream = new (require('tty').WriteStream)(fd);
      stream._type = 'tty';
      break;
    case 'FILE': {
      const SyncWriteStream = require('internal/fs/sync_write_stream');
      stream = new SyncWriteStream(fd, { autoClose: false });
      stream._type = 'fs';
      break;
    }
    case 'PIPE':
    case 'TCP': {
      const { Socket } = require('net');
      stream = new Socket({ handle: new FdWriteHandle(type, fd), readable: false, writable: true });
      stream._type = 'pipe';
      break;
    }
    default: {
      const { Writable } = require('stream');
      stream = new Writable({ write: (chunk, encoding, callback) => callback() });
    }
  }
  stream.fd = fd;
  stream._isStdio = true;
  stream.destroySoon = stream.destroy;
  stream._destroy = dummyDestroy;
  return stream;
}

// process.stdin, paused until read: reading it keeps the process alive, a paused stdin stops
// reading (one tick after 'pause', as node's onpause) so that it does not.
function createStdin() {
  const fd = 0;
  let stdin;
  switch (binding.net().guessHandleType(fd)) {
    case 'TTY':
      // Writable, as node's is: what is written goes to the terminal.
      stdin = new (require('tty').ReadStream)(fd);
      break;
    case 'FILE':
      stdin = new (require('fs').ReadStream)(null, { fd, autoClose: false });
      break;
    case 'PIPE':
    case 'TCP':
      stdin = new (require('net').Socket)({ fd, readable: true, writable: false, manualStart: true });
      // stdin cannot be end()ed.
      stdin._writableState.ended = true;
      break;
    default: {
      const { Readable } = require('stream');
      stdin = new Readable({ read() {} });
      stdin.push(null);
    }
  }
  stdin.fd = fd;
  if (stdin._handle?.readStop) {
    stdin._handle.reading = false;
    stdin._readableState.reading = false;
    stdin._handle.readStop();
  }
  function onpause() {
    if (!stdin._handle) return;
    if (stdin._handle.reading && !stdin.readableFlowing) {
      stdin._readableState.reading = false;
      stdin._handle.reading = false;
      stdin._handle.readStop();
    }
  }
  stdin.on('pause', () => process.nextTick(onpause));
  return stdin;
}

module.exports = { FdWriteHandle, createWritableStdioStream, createStdin };
