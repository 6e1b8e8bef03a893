'use strict';
// A net handle over a JS duplex stream (node's JSStream), and JSStreamSocket: a net.Socket
// whose handle is one (what `_stream_wrap` exports; TLS wraps a non-socket stream the same way).

const { Socket } = require('net');
const { codedError } = require('internal/errors');

function noop() {}

// What the socket reads is what the stream emits; what it writes goes to stream.write().
// A string or object chunk (a stream with an encoding, or in object mode) is refused when
// `onBadChunk` is given, else written out as a Buffer.
class StreamTransport {
  constructor(duplex, onBadChunk) {
    this.type = 'JSSTREAM';
    this.stream = duplex;
    this.id = 0;
    this.reading = false;
    this.refed = true;
    this.closed = false;
    this.onread = null;
    this.bytesRead = 0;
    this.bytesWritten = 0;
    const ondata = (chunk) => {
      if (this.closed) return;
      if (onBadChunk !== undefined && (typeof chunk === 'string' || duplex.readableObjectMode === true)) {
        duplex.pause();
        duplex.removeListener('data', ondata);
        onBadChunk();
        return;
      }
      if (typeof chunk === 'string') chunk = Buffer.from(chunk);
      this.bytesRead += chunk.length;
      this.onread?.(chunk, 0);
    };
    duplex.on('data', ondata);
    duplex.once('end', () => { if (!this.closed) this.onread?.(null, 0); });
    duplex.on('error', noop);
    duplex.pause();
  }
  readStart() { this.reading = true; this.stream.resume(); return 0; }
  readStop() { this.reading = false; this.stream.pause(); return 0; }
  write(bytes, callback) {
    this.bytesWritten += bytes.length;
    this.stream.write(bytes, (err) => callback(err ? -32 : 0));
    return 1;
  }
  shutdown(callback) { this.stream.end(() => callback(0)); return 0; }
  close(callback) {
    if (this.closed) return;
    this.closed = true;
    this.stream.destroy();
    if (typeof callback === 'function') setImmediate(callback);
  }
  ref() { this.refed = true; }
  unref() { this.refed = false; }
  hasRef() { return this.refed; }
  getAsyncId() { return -1; }
  getsockname() { return -9; }
  getpeername() { return -9; }
}

// The stream's errors are the socket's, and its closing destroys the socket.
class JSStreamSocket extends Socket {
  constructor(stream) {
    let self;
    const handle = new StreamTransport(stream, () => {
      self.emit('error', codedError(Error, 'ERR_STREAM_WRAP', 'Stream has StringDecoder set or is in objectMode'));
    });
    stream.on('error', (err) => self.emit('error', err));
    stream.once('close', () => self.destroy());
    super({ handle, manualStart: true });
    self = this;
    this.stream = stream;
    this.read(0);
  }
}

module.exports = { JSStreamSocket, StreamTransport };
