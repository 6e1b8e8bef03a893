'use strict';
// net: TCP and Unix-domain sockets and servers, and sockets over an existing descriptor,
// built on stream.Duplex over the native handles of runtime/net.rs (tokio sockets). A
// handle's events come back through internals.netEvent.

const EventEmitter = require('events');
const stream = require('stream');
const { Buffer } = require('buffer');
const {
  codedError, invalidArgType, invalidArgValue, outOfRange, validateBoolean, validateFunction, validateInteger,
  validateObject, validateString,
} = require('internal/errors');
const { getSystemErrorName, getSystemErrorMessage, _exceptionWithHostPort: exceptionWithHostPort } = require('util');
const { kResourceName, addHandleSource, addRequestSource } = require('internal/process/active_resources');
const { enqueueCloseCallback } = require('internal/timers');
const { kClone, kDeserialize, markTransferMode } = require('internal/worker/js_transferable');
// The diagnostics channels node publishes sockets and listening on.
const channels = {
  get clientSocket() {
    return require('diagnostics_channel').channel('net.client.socket');
  },
  get serverSocket() {
    return require('diagnostics_channel').channel('net.server.socket');
  },
  get serverListen() {
    return require('diagnostics_channel').tracingChannel('net.server.listen');
  },
};

const native = binding.net();

// ---- errors, as node's internal/errors makes them ----

function errnoException(errno, syscall, original) {
  const code = getSystemErrorName(errno);
  const err = new Error(original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  return err;
}

function uvExceptionWithHostPort(errno, syscall, address, port) {
  const code = getSystemErrorName(errno);
  let details = '';
  if (port && port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  const err = new Error(`${syscall} ${code}: ${getSystemErrorMessage(errno)}${details}`);
  err.code = code;
  err.errno = errno;
  err.syscall = syscall;
  err.address = address;
  if (port) err.port = port;
  return err;
}

// getaddrinfo's EAI_* codes (glibc) as libuv's errors.
const eaiErrors = new Map([
  [-9, ['EAI_ADDRFAMILY', -3000]], [-3, ['EAI_AGAIN', -3001]], [-1, ['EAI_BADFLAGS', -3002]],
  [-4, ['EAI_FAIL', -3004]], [-6, ['EAI_FAMILY', -3005]], [-10, ['EAI_MEMORY', -3006]],
  [-5, ['ENOTFOUND', -3007]], [-2, ['ENOTFOUND', -3008]], [-8, ['EAI_SERVICE', -3010]],
  [-7, ['EAI_SOCKTYPE', -3011]], [-12, ['EAI_OVERFLOW', -3009]],
]);

function lookupError(eai, hostname) {
  const [code, errno] = eaiErrors.get(eai) ?? ['EAI_FAIL', -3004];
  const err = new Error(`getaddrinfo ${code} ${hostname}`);
  err.errno = errno;
  err.code = code;
  err.syscall = 'getaddrinfo';
  err.hostname = hostname;
  return err;
}

// ---- addresses ----

const { isIP, isIPv4, isIPv6 } = require('internal/netaddr');

function isLegalPort(port) {
  if ((typeof port !== 'number' && typeof port !== 'string') || (typeof port === 'string' && port.trim().length === 0)) return false;
  return +port === (+port >>> 0) && port <= 0xFFFF;
}

function validatePort(port, name = 'Port', allowZero = true) {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim().length === 0) ||
      +port !== (+port >>> 0) || port > 0xFFFF || (port === 0 && !allowZero)) {
    const { inspect } = require('internal/inspect');
    throw codedError(RangeError, 'ERR_SOCKET_BAD_PORT',
      `${name} should be ${allowZero ? '>=' : '>'} 0 and < 65536. Received ${typeof port === 'string' ? `type string (${inspect(port)})` : describeValue(port)}.`);
  }
  return port | 0;
}

function describeValue(value) {
  const { inspect } = require('internal/inspect');
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return `function ${value.name}`;
  if (typeof value === 'object') return value.constructor?.name ? `an instance of ${value.constructor.name}` : inspect(value, { depth: -1 });
  return `type ${typeof value} (${inspect(value)})`;
}

function validateNumber(value, name) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
}

function validateInt32(value, name, min = -2147483648, max = 2147483647) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

// ---- native handles ----

const handles = new Map();
const requests = new Map();
let nextRequest = 1;

// A write, shutdown or lookup that completes later, as node's WriteWrap, ShutdownWrap and
// GetAddrInfoReqWrap.
class PendingRequest {
  constructor(name, oncomplete) {
    this[kResourceName] = name;
    this.oncomplete = oncomplete;
  }
}

// One native socket or server, as node's TCP/Pipe wraps. A connecting socket's handle
// exists before its native socket does (its id is 0 until the connect starts).
class NativeHandle {
  constructor(type, id = 0) {
    this.type = type; // 'TCP', 'PIPE' or 'TTY'
    this.id = 0;
    this.reading = false;
    this.refed = true;
    this.closed = false;
    this.owner = null;
    this.onread = null;
    this.onconnection = null;
    this.onconnect = null;
    this.bytesRead = 0;
    this.bytesWritten = 0;
    if (id) this.attach(id);
  }

  attach(id) {
    this.id = id;
    handles.set(id, this);
    if (!this.refed) native.setRef(id, false);
  }

  get fd() {
    return this.id ? native.fd(this.id) : -1;
  }

  // A closed handle cannot read again (libuv's EINVAL for a closing handle).
  readStart() {
    if (this.closed) return -22;
    this.reading = true;
    return this.id ? native.readStart(this.id) : 0;
  }

  readStop() {
    this.reading = false;
    return this.id && !this.closed ? native.readStop(this.id) : 0;
  }

  ref() {
    this.refed = true;
    if (this.id) native.setRef(this.id, true);
  }

  unref() {
    this.refed = false;
    if (this.id) native.setRef(this.id, false);
  }

  // A listener that only holds its socket for others (a cluster primary's shared handle).
  setAccepting(on) {
    if (this.id) native.setAccepting(this.id, on);
  }

  hasRef() {
    return this.refed && !this.closed;
  }

  get [kResourceName]() {
    if (this.type === 'TTY') return 'TTYWrap';
    if (this.type === 'PIPE') return 'PipeWrap';
    return this.onconnection !== null ? 'TCPServerWrap' : 'TCPSocketWrap';
  }

  getAsyncId() {
    return -1;
  }

  setNoDelay(on) {
    return this.id && this.type === 'TCP' ? native.setNoDelay(this.id, on) : 0;
  }

  setKeepAlive(on, delaySeconds, intervalSeconds, count) {
    return this.id && this.type === 'TCP' ? native.setKeepAlive(this.id, on, delaySeconds, intervalSeconds, count) : 0;
  }

  setTypeOfService(tos) {
    return this.id && this.type === 'TCP' ? native.setTypeOfService(this.id, tos) : 0;
  }

  getTypeOfService() {
    return this.id && this.type === 'TCP' ? native.getTypeOfService(this.id) : 0;
  }

  getsockname(out) {
    if (!this.id) return -9; // EBADF
    const result = native.sockname(this.id);
    if (typeof result === 'number') return result;
    Object.assign(out, result);
    return 0;
  }

  getpeername(out) {
    if (!this.id) return -9;
    const result = native.peername(this.id);
    if (typeof result === 'number') return result;
    Object.assign(out, result);
    return 0;
  }

  // 0 when written at once, 1 when the write completes later (callback(errno)), or an errno.
  write(bytes, callback) {
    if (!this.id) return -9;
    const request = nextRequest++;
    const result = native.write(this.id, bytes, request);
    return this.#wrote(result, request, bytes.length, callback);
  }

  // As write(), of chunks with their encodings (strings are encoded natively, as node's
  // StreamBase writes them, without a Buffer each): `chunks` as chunksToWrite() makes them.
  writeChunks({ list, byteLength }, callback) {
    if (!this.id) return -9;
    const request = nextRequest++;
    const result = native.writeChunks(this.id, list, request);
    return this.#wrote(result, request, byteLength, callback);
  }

  #wrote(result, request, byteLength, callback) {
    if (result === 1) requests.set(request, new PendingRequest('WriteWrap', callback));
    if (result >= 0) this.bytesWritten += byteLength;
    return result;
  }

  shutdown(callback) {
    if (!this.id) return -107; // ENOTCONN
    const request = nextRequest++;
    const result = native.shutdown(this.id, request);
    if (result === 0) requests.set(request, new PendingRequest('ShutdownWrap', callback));
    return result;
  }

  close(callback, reset = false) {
    if (this.closed) return;
    this.closed = true;
    if (this.id) {
      native.close(this.id, reset, Boolean(this.shared));
      handles.delete(this.id);
    }
    if (typeof callback === 'function') enqueueCloseCallback(callback);
  }

  event(kind, a, b) {
    switch (kind) {
      case 'read':
        if (a !== null) this.bytesRead += a.length;
        this.onread?.(a, 0);
        break;
      case 'readError':
        this.onread?.(null, a);
        break;
      case 'written':
      case 'shutdown': {
        const pending = requests.get(a);
        requests.delete(a);
        pending?.oncomplete(b);
        break;
      }
      case 'connect':
        this.onconnect?.(a);
        break;
      case 'connection':
        this.onconnection?.(a < 0 ? a : 0, a < 0 ? null : new NativeHandle(this.type, a));
        break;
    }
  }
}

internals.netEvent = function (id, kind, a, b) {
  handles.get(id)?.event(kind, a, b);
};

const lookups = new Map();
let nextLookup = 1;

addHandleSource(() => handles.values());
addRequestSource(function* netRequests() {
  yield* requests.values();
  yield* lookups.values();
});

internals.netLookup = function (request, eai, list) {
  const pending = lookups.get(request);
  lookups.delete(request);
  pending?.oncomplete(eai, list);
};

// dns.lookup's results (`all`: every address) from the system resolver, off the JS thread.
function systemLookup(hostname, options, callback) {
  // dns.lookup's hints: ADDRCONFIG, ALL and V4MAPPED only.
  if (((options.hints ?? 0) & ~(1024 | 256 | 2048)) !== 0) throw invalidArgValue('hints', options.hints);
  const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family | 0;
  const request = nextLookup++;
  lookups.set(request, new PendingRequest('GetAddrInfoReqWrap', (eai, list) => {
    if (eai !== 0) return callback(lookupError(eai, hostname));
    const addresses = [];
    for (let i = 0; i < list.length; i += 2) addresses.push({ address: list[i], family: list[i + 1] });
    if (options.all) return callback(null, addresses);
    if (addresses.length === 0) return callback(lookupError(-2, hostname));
    callback(null, addresses[0].address, addresses[0].family);
  }));
  const addrconfig = (options.hints ?? 0) & 1024; // dns.ADDRCONFIG
  native.lookup(hostname, family, Boolean(addrconfig), request);
}

function createHandle(fd, isServer) {
  validateInt32(fd, 'fd', 0);
  const type = native.guessHandleType(fd);
  if (type !== 'PIPE' && type !== 'TCP') {
    throw codedError(TypeError, 'ERR_INVALID_FD_TYPE', `Unsupported fd type: ${type}`);
  }
  return new NativeHandle(type);
}

// ---- argument normalization ----

const normalizedArgsSymbol = Symbol('normalizedArgs');

function isPipeName(s) {
  return typeof s === 'string' && toNumber(s) === false;
}

function toNumber(x) {
  return (x = Number(x)) >= 0 ? x : false;
}

function normalizeArgs(args) {
  let arr;
  if (args.length === 0) {
    arr = [{}, null];
    arr[normalizedArgsSymbol] = true;
    return arr;
  }
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) {
    options = arg0;
  } else if (isPipeName(arg0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  if (typeof cb !== 'function') arr = [options, null];
  else arr = [options, cb];
  arr[normalizedArgsSymbol] = true;
  return arr;
}

// ---- Socket ----

const kTimeout = Symbol('timeout');
const kBytesRead = Symbol('kBytesRead');
const kBytesWritten = Symbol('kBytesWritten');
const kSetNoDelay = Symbol('kSetNoDelay');
const kSetKeepAlive = Symbol('kSetKeepAlive');
const kSetKeepAliveInitialDelay = Symbol('kSetKeepAliveInitialDelay');
const kSetKeepAliveInterval = Symbol('kSetKeepAliveInterval');
const kSetKeepAliveCount = Symbol('kSetKeepAliveCount');
const kSetTOS = Symbol('kSetTOS');

let autoSelectFamilyDefault = true;
let autoSelectFamilyAttemptTimeoutDefault = 250;

function initSocketHandle(self) {
  self._undestroy?.();
  self._sockname = null;
  if (self._handle) {
    self._handle.owner = self;
    self._handle.onread = (buffer, errno) => onStreamRead(self, buffer, errno);
  }
}

// With the `onread` option, data goes to the caller's buffer and callback, not the stream,
// one buffer's worth at a time while the socket reads; what arrives while it is paused
// waits for resume() (null: the end).
function drainToOnread(self) {
  const queue = self[kOnreadQueue];
  while (queue.length > 0 && self._handle?.reading) {
    const data = queue[0];
    if (data === null) {
      queue.shift();
      endOfStream(self);
      return;
    }
    const target = self[kBufferGen] ? self[kBufferGen]() : self[kBuffer];
    const count = Math.min(target.length, data.length);
    target.set(data.subarray(0, count));
    if (count === data.length) queue.shift();
    else queue[0] = data.subarray(count);
    if (self[kBufferCb].call(self, count, target) === false && self._handle) {
      self._handle.reading = false;
      self._handle.readStop();
    }
  }
}

function endOfStream(self) {
  if (self._readableState.endEmitted) return;
  // libuv asks for a buffer before the read that finds the end, too.
  if (self[kBufferGen]) self[kBufferGen]();
  self.push(null);
  self.read(0);
}

// The socket whose handle's read is being delivered, while it is: what a reader of that
// socket does in it is a callback from the read (node's parser that consumes a handle), after
// which the ticks run, as after any callback from native code.
let socketInRead = null;
internals.runTicksInRead = function (socket) {
  if (socketInRead !== socket) return;
  socketInRead = null;
  try {
    internals.processTicksAndRejections();
  } finally {
    socketInRead = socket;
  }
};

function onStreamRead(self, buffer, errno) {
  if (self[kBuffer] && !errno) {
    if (buffer !== null) self._unrefTimer();
    self[kOnreadQueue].push(buffer);
    drainToOnread(self);
    return;
  }
  if (buffer !== null) {
    self._unrefTimer();
    const outer = socketInRead;
    socketInRead = self;
    let pushed;
    try {
      pushed = self.push(buffer);
    } finally {
      socketInRead = outer;
    }
    if (!pushed && self._handle?.reading) {
      self._handle.reading = false;
      if (!self.destroyed) self._handle.readStop();
    }
    return;
  }
  if (errno) {
    self.destroy(errnoException(errno, 'read'));
    return;
  }
  endOfStream(self);
}

function tryReadStart(socket) {
  socket._handle.reading = true;
  const err = socket._handle.readStart();
  if (err) socket.destroy(errnoException(err, 'read'));
  if (socket[kBuffer] && socket[kOnreadQueue].length > 0) process.nextTick(drainToOnread, socket);
}

function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (options?.objectMode) {
    throw invalidArgValue('options.objectMode', options.objectMode, 'is not supported');
  } else if (options?.readableObjectMode || options?.writableObjectMode) {
    const name = options.readableObjectMode ? 'readableObjectMode' : 'writableObjectMode';
    throw invalidArgValue(`options.${name}`, options[name], 'is not supported');
  }
  if (typeof options?.keepAliveInitialDelay !== 'undefined') {
    validateNumber(options.keepAliveInitialDelay, 'options.keepAliveInitialDelay');
    if (options.keepAliveInitialDelay < 0) options.keepAliveInitialDelay = 0;
  }
  this.connecting = false;
  this._hadError = false;
  this._handle = null;
  this._parent = null;
  this._host = null;
  this[kTimeout] = null;
  this._pendingData = null;
  this._pendingEncoding = '';
  this._bytesDispatched = 0;

  if (typeof options === 'number') options = { fd: options };
  else options = { ...options };
  const allowHalfOpen = Boolean(options.allowHalfOpen);
  // The stream ends each side itself; the socket decides (on 'end') whether to end its writing side.
  options.allowHalfOpen = true;
  options.emitClose = false;
  options.autoDestroy = true;
  options.decodeStrings = false;
  // The socket's own abort handling (below) replaces the stream's.
  stream.Duplex.call(this, { ...options, signal: undefined });
  this.allowHalfOpen = allowHalfOpen;

  if (options.handle) {
    this._handle = options.handle;
  } else if (options.fd !== undefined) {
    const { fd } = options;
    this._handle = createHandle(fd, false);
    const id = native.openFd(fd, false, 0);
    if (id < 0) throw errnoException(id, 'open');
    this._handle.attach(id);
  }

  this[kSetNoDelay] = Boolean(options.noDelay);
  this[kSetKeepAlive] = Boolean(options.keepAlive);
  this[kSetKeepAliveInitialDelay] = ~~(options.keepAliveInitialDelay / 1000);

  this.on('end', onReadableStreamEnd);
  initSocketHandle(this);

  const onread = options.onread;
  if (onread !== null && typeof onread === 'object' &&
      (onread.buffer instanceof Uint8Array || typeof onread.buffer === 'function') && typeof onread.callback === 'function') {
    if (typeof onread.buffer === 'function') {
      this[kBuffer] = true;
      this[kBufferGen] = onread.buffer;
    } else {
      this[kBuffer] = onread.buffer;
    }
    this[kBufferCb] = onread.callback;
    this[kOnreadQueue] = [];
  }

  if (this._handle && options.readable !== false) {
    if (options.pauseOnCreate) {
      this._handle.reading = false;
      this._handle.readStop();
      this.readableFlowing = false;
    } else if (!options.manualStart) {
      this.read(0);
    }
  }

  if (options.signal) addClientAbortSignalOption(this, options);

  this.server = null;
  this._server = null;
  this[kBytesRead] = 0;
  this[kBytesWritten] = 0;
  if (options.blockList) {
    if (!BlockList.isBlockList(options.blockList)) {
      throw invalidArgType('options.blockList', 'an instance of net.BlockList', options.blockList);
    }
    this.blockList = options.blockList;
  }
}
Object.setPrototypeOf(Socket.prototype, stream.Duplex.prototype);
Object.setPrototypeOf(Socket, stream.Duplex);

function addClientAbortSignalOption(self, options) {
  const { signal } = options;
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
    throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
  }
  let disposable;
  function onAbort() {
    disposable?.[Symbol.dispose]?.();
    const err = new Error('The operation was aborted');
    err.name = 'AbortError';
    err.code = 'ABORT_ERR';
    err.cause = signal.reason;
    self.destroy(err);
  }
  if (signal.aborted) {
    process.nextTick(onAbort);
  } else {
    signal.addEventListener('abort', onAbort, { once: true });
    self.once('close', () => signal.removeEventListener('abort', onAbort));
  }
}

function onReadableStreamEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
  }
}

function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) return stream.Duplex.prototype.write.call(this, chunk, encoding, cb);
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  const err = new Error('This socket has been ended by the other party');
  err.code = 'EPIPE';
  if (typeof cb === 'function') process.nextTick(cb, err);
  this.destroy(err);
  return false;
}

Socket.prototype._unrefTimer = function _unrefTimer() {
  for (let s = this; s != null; s = s._parent) {
    if (s[kTimeout]) s[kTimeout].refresh();
  }
};

Socket.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (this.destroyed) return this;
  this.timeout = msecs;
  msecs = getTimerDuration(msecs, 'msecs');
  clearTimeout(this[kTimeout]);
  this[kTimeout] = null;
  if (msecs === 0) {
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.removeListener('timeout', callback);
    }
  } else {
    this[kTimeout] = globalThis.setTimeout(() => {
      this[kTimeout] = null;
      this.emit('timeout');
    }, msecs);
    this[kTimeout].unref();
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.once('timeout', callback);
    }
  }
  return this;
};

function getTimerDuration(msecs, name) {
  validateNumber(msecs, name);
  if (msecs < 0 || !Number.isFinite(msecs)) {
    throw outOfRange(name, 'a non-negative finite number', msecs);
  }
  return msecs;
}

Socket.prototype._onTimeout = function _onTimeout() {
  this.emit('timeout');
};

Socket.prototype.setNoDelay = function setNoDelay(enable) {
  if (!this._handle) {
    this[kSetNoDelay] = Boolean(enable);
    return this;
  }
  const newValue = enable === undefined ? true : Boolean(enable);
  if (this._handle.setNoDelay && newValue !== this[kSetNoDelay]) {
    this[kSetNoDelay] = newValue;
    this._handle.setNoDelay(newValue);
  }
  return this;
};

Socket.prototype.setKeepAlive = function setKeepAlive(enable, initialDelayMsecs, intervalMsecs, count) {
  if (enable !== null && typeof enable === 'object') {
    ({ enable, initialDelay: initialDelayMsecs, interval: intervalMsecs, count } = enable);
  }
  enable = Boolean(enable);
  const initialDelay = ~~(initialDelayMsecs / 1000);
  const interval = intervalMsecs === undefined ? undefined : ~~(intervalMsecs / 1000);
  const changed = enable !== this[kSetKeepAlive] || (enable && (this[kSetKeepAliveInitialDelay] !== initialDelay ||
    this[kSetKeepAliveInterval] !== interval || this[kSetKeepAliveCount] !== count));
  if (this._handle && !this._handle.setKeepAlive) return this;
  if (!this._handle || changed) {
    this[kSetKeepAlive] = enable;
    this[kSetKeepAliveInitialDelay] = initialDelay;
    this[kSetKeepAliveInterval] = interval;
    this[kSetKeepAliveCount] = count;
    this._handle?.setKeepAlive(enable, initialDelay, interval, count);
  }
  return this;
};

Socket.prototype.setTypeOfService = function setTypeOfService(tos) {
  if (Number.isNaN(tos)) throw invalidArgType('tos', 'of type number', tos);
  validateInt32(tos, 'tos', 0, 255);
  if (!this._handle || !this._handle.setTypeOfService) {
    this[kSetTOS] = tos;
    return this;
  }
  if (tos !== this[kSetTOS]) {
    this[kSetTOS] = tos;
    const err = this._handle.setTypeOfService(tos);
    if (err) throw errnoException(err, 'setTypeOfService');
  }
  return this;
};

Socket.prototype.getTypeOfService = function getTypeOfService() {
  if (!this._handle || !this._handle.getTypeOfService) return this[kSetTOS] ?? 0;
  const result = this._handle.getTypeOfService();
  if (result < 0) throw errnoException(result, 'getTypeOfService');
  return result;
};

Socket.prototype.address = function address() {
  return this._getsockname();
};

Object.defineProperty(Socket.prototype, '_connecting', {
  get() { return this.connecting; },
});

Object.defineProperty(Socket.prototype, 'pending', {
  get() { return !this._handle || this.connecting; },
  configurable: true,
});

Object.defineProperty(Socket.prototype, 'readyState', {
  get() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  },
});

Object.defineProperty(Socket.prototype, 'bufferSize', {
  get() {
    if (this._handle) return this.writableLength;
    return undefined;
  },
});

Object.defineProperty(Socket.prototype, 'bytesRead', {
  get() { return this._handle ? this._handle.bytesRead : this[kBytesRead]; },
});

Object.defineProperty(Socket.prototype, 'bytesWritten', {
  get() {
    let bytes = this._handle ? this._handle.bytesWritten : this[kBytesWritten];
    const data = this._pendingData;
    const encoding = this._pendingEncoding;
    const writableBuffer = this.writableBuffer;
    if (!writableBuffer) return undefined;
    for (const entry of writableBuffer) {
      bytes += entry.chunk instanceof Buffer ? entry.chunk.length : Buffer.byteLength(entry.chunk, entry.encoding);
    }
    if (Array.isArray(data)) {
      for (const entry of data) {
        bytes += entry.chunk instanceof Buffer ? entry.chunk.length : Buffer.byteLength(entry.chunk, entry.encoding);
      }
    } else if (data) {
      bytes += typeof data !== 'string' ? data.length : Buffer.byteLength(data, encoding);
    }
    return bytes;
  },
});

Socket.prototype._getpeername = function _getpeername() {
  if (!this._handle || this._handle.type !== 'TCP' || this.connecting) return this._peername || {};
  if (!this._peername) {
    const out = {};
    const err = this._handle.getpeername(out);
    if (err) return out;
    this._peername = out;
  }
  return this._peername;
};

function protoGetter(name, callback) {
  Object.defineProperty(Socket.prototype, name, { configurable: false, enumerable: true, get: callback });
}

protoGetter('remoteAddress', function remoteAddress() { return this._getpeername().address; });
protoGetter('remoteFamily', function remoteFamily() { return this._getpeername().family; });
protoGetter('remotePort', function remotePort() { return this._getpeername().port; });

Socket.prototype._getsockname = function _getsockname() {
  if (!this._handle || this._handle.type !== 'TCP') return {};
  if (!this._sockname) {
    const out = {};
    const err = this._handle.getsockname(out);
    if (err) return out;
    this._sockname = out;
  }
  return this._sockname;
};

protoGetter('localAddress', function localAddress() { return this._getsockname().address; });
protoGetter('localPort', function localPort() { return this._getsockname().port; });
protoGetter('localFamily', function localFamily() { return this._getsockname().family; });

Socket.prototype._read = function _read(n) {
  if (this.connecting || !this._handle) {
    this.once('connect', () => this._read(n));
  } else if (!this._handle.reading) {
    tryReadStart(this);
  }
};

const kBuffer = Symbol('kBuffer');
const kBufferGen = Symbol('kBufferGen');
const kBufferCb = Symbol('kBufferCb');
const kOnreadQueue = Symbol('kOnreadQueue');

Socket.prototype.pause = function pause() {
  if (this[kBuffer] && !this.connecting && this._handle && this._handle.reading) {
    this._handle.reading = false;
    if (!this.destroyed) {
      const err = this._handle.readStop();
      if (err) this.destroy(errnoException(err, 'read'));
    }
  }
  return stream.Duplex.prototype.pause.call(this);
};

Socket.prototype.resume = function resume() {
  if (this[kBuffer] && !this.connecting && this._handle && !this._handle.reading) {
    tryReadStart(this);
  }
  return stream.Duplex.prototype.resume.call(this);
};

Socket.prototype.read = function read(n) {
  if (this[kBuffer] && !this.connecting && this._handle && !this._handle.reading) {
    tryReadStart(this);
  }
  return stream.Duplex.prototype.read.call(this, n);
};

Socket.prototype.end = function end(data, encoding, callback) {
  stream.Duplex.prototype.end.call(this, data, encoding, callback);
  return this;
};

Socket.prototype.destroySoon = function destroySoon() {
  if (this.writable) this.end();
  if (this.writableFinished) this.destroy();
  else this.once('finish', this.destroy);
};

Socket.prototype._final = function _final(cb) {
  if (this.connecting) {
    return this.once('connect', () => this._final(cb));
  }
  if (!this._handle) return cb();
  const err = this._handle.shutdown(() => cb());
  if (err !== 0 && err !== -107) return cb(errnoException(err, 'shutdown'));
  if (err === -107) cb();
};

Socket.prototype._destroy = function _destroy(exception, cb) {
  if (this.connecting) this.connecting = false;
  for (let s = this; s != null; s = s._parent) {
    clearTimeout(s[kTimeout]);
  }
  if (this._handle) {
    const isException = Boolean(exception);
    this[kBytesRead] = this._handle.bytesRead;
    this[kBytesWritten] = this._handle.bytesWritten;
    const handle = this._handle;
    const reset = this.resetAndClosing === true;
    this.resetAndClosing = false;
    handle.onread = () => {};
    handle.close(() => this.emit('close', isException), reset);
    this._handle = null;
    this._sockname = null;
    cb(exception);
  } else {
    cb(exception);
    process.nextTick(() => this.emit('close', Boolean(exception)));
  }
  if (this._server) {
    this._server._connections--;
    if (this._server._emitCloseIfDrained) this._server._emitCloseIfDrained();
  }
};

Socket.prototype.resetAndDestroy = function resetAndDestroy() {
  if (this._handle) {
    if (this._handle.type !== 'TCP') {
      throw codedError(Error, 'ERR_INVALID_HANDLE_TYPE', 'This handle type cannot be sent');
    }
    if (this.connecting) {
      this.once('connect', () => this.resetAndDestroy());
      return this;
    }
    this.resetAndClosing = true;
    this.destroy();
    return this;
  }
  const err = codedError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed');
  this.destroy(err);
  return this;
};

Socket.prototype._writeGeneric = function _writeGeneric(writev, data, encoding, cb) {
  if (this.connecting) {
    this._pendingData = data;
    this._pendingEncoding = encoding;
    const onClose = () => {
      cb(codedError(Error, 'ERR_SOCKET_CLOSED_BEFORE_CONNECTION', 'Socket closed before the connection was established'));
    };
    this.once('connect', function connect() {
      this.off('close', onClose);
      this._writeGeneric(writev, data, encoding, cb);
    });
    this.once('close', onClose);
    return;
  }
  this._pendingData = null;
  this._pendingEncoding = '';
  if (!this._handle) {
    cb(codedError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
    return false;
  }
  this._unrefTimer();
  const handle = this._handle;
  const done = (errno) => {
    if (errno < 0) {
      const err = errnoException(errno, 'write');
      cb(err);
      return;
    }
    this._unrefTimer();
    cb();
  };
  let result;
  if (typeof handle.writeChunks === 'function') {
    result = handle.writeChunks(writev ? chunksToWrite(data) : chunksToWrite([{ chunk: data, encoding }]), done);
  } else {
    let bytes;
    if (writev) {
      const chunks = data.allBuffers ? data.map((entry) => entry.chunk ?? entry) :
        data.map((entry) => (typeof entry.chunk === 'string' ? Buffer.from(entry.chunk, entry.encoding) : entry.chunk));
      bytes = Buffer.concat(chunks);
    } else {
      bytes = typeof data === 'string' ? Buffer.from(data, encoding) : data;
    }
    if (!(bytes instanceof Uint8Array)) bytes = Buffer.from(bytes);
    result = handle.write(bytes, done);
  }
  if (result < 0) {
    cb(errnoException(result, 'write'));
    return;
  }
  if (result === 0) cb();
};

// The chunks of a write (entries `{ chunk, encoding }`, or bare chunks when all are buffers)
// for Handle.writeChunks(): pairs of a chunk and how the native side takes it. Strings in
// UTF-8 or Latin-1 go as they are; others become their bytes here.
const CHUNK_BYTES = 0;
const CHUNK_UTF8 = 1;
const CHUNK_LATIN1 = 2;
function chunksToWrite(entries) {
  const list = [];
  let byteLength = 0;
  for (const entry of entries) {
    let chunk = entry?.chunk ?? entry;
    if (typeof chunk === 'string') {
      const encoding = entry.encoding;
      if (encoding === 'utf8' || encoding === 'utf-8') {
        list.push(chunk, CHUNK_UTF8);
        byteLength += Buffer.byteLength(chunk, 'utf8');
        continue;
      }
      if (encoding === 'latin1' || encoding === 'binary') {
        list.push(chunk, CHUNK_LATIN1);
        byteLength += chunk.length;
        continue;
      }
      chunk = Buffer.from(chunk, encoding);
    } else if (!(chunk instanceof Uint8Array)) {
      chunk = Buffer.from(chunk);
    }
    list.push(chunk, CHUNK_BYTES);
    byteLength += chunk.length;
  }
  return { list, byteLength };
}

Socket.prototype._writev = function _writev(chunks, cb) {
  this._writeGeneric(true, chunks, '', cb);
};

Socket.prototype._write = function _write(data, encoding, cb) {
  this._writeGeneric(false, data, encoding, cb);
};

Socket.prototype.ref = function ref() {
  if (!this._handle) {
    this.once('connect', this.ref);
    return this;
  }
  this._handle.ref();
  return this;
};

Socket.prototype.unref = function unref() {
  if (!this._handle) {
    this.once('connect', this.unref);
    return this;
  }
  this._handle.unref();
  return this;
};

Socket.prototype.connect = function connect(...args) {
  let normalized;
  if (Array.isArray(args[0]) && args[0][normalizedArgsSymbol]) normalized = args[0];
  else normalized = normalizeArgs(args);
  const options = normalized[0];
  const cb = normalized[1];
  if (options.port === undefined && options.path == null) {
    throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "options" or "port" or "path" argument must be specified');
  }
  if (channels.clientSocket.hasSubscribers) channels.clientSocket.publish({ socket: this });

  if (cb !== null) this.once('connect', cb);
  if (options.timeout) this.setTimeout(options.timeout);
  if (this.write !== Socket.prototype.write) this.write = Socket.prototype.write;

  if (this.destroyed) {
    this._handle = null;
    this._peername = null;
    this._sockname = null;
    this._undestroy();
  }

  const { path } = options;
  const pipe = Boolean(path);
  if (!this._handle) {
    this._handle = new NativeHandle(pipe ? 'PIPE' : 'TCP');
    initSocketHandle(this);
  }
  this._unrefTimer();
  this.connecting = true;

  if (pipe) {
    validateString(path, 'options.path');
    internalConnect(this, path);
  } else {
    lookupAndConnect(this, options);
  }
  return this;
};

Socket.prototype._undestroy = function _undestroy() {
  const r = this._readableState;
  const w = this._writableState;
  if (r) {
    r.constructed = true;
    r.closed = false;
    r.closeEmitted = false;
    r.destroyed = false;
    r.errored = null;
    r.errorEmitted = false;
    r.reading = false;
    r.ended = r.readable === false;
    r.endEmitted = r.readable === false;
  }
  if (w) {
    w.constructed = true;
    w.destroyed = false;
    w.closed = false;
    w.closeEmitted = false;
    w.errored = null;
    w.errorEmitted = false;
    w.finalCalled = false;
    w.prefinished = false;
    w.ended = w.writable === false;
    w.ending = w.writable === false;
    w.finished = w.writable === false;
  }
};

function socketToDnsFamily(family) {
  switch (family) {
    case 'IPv4': return 4;
    case 'IPv6': return 6;
  }
  return family;
}

function lookupAndConnect(self, options) {
  const { localAddress, localPort } = options;
  if (options.host != null && typeof options.host !== 'string') throw invalidArgType('options.host', 'of type string', options.host);
  const host = options.host || 'localhost';
  if (host.includes('\0')) throw invalidArgValue('options.host', host, 'must be a string without null bytes');
  let { port, autoSelectFamilyAttemptTimeout, autoSelectFamily } = options;

  if (localAddress && !isIP(localAddress)) {
    throw codedError(TypeError, 'ERR_INVALID_IP_ADDRESS', `Invalid IP address: ${localAddress}`);
  }
  if (localPort) validateNumber(localPort, 'options.localPort');
  if (typeof port !== 'undefined') {
    if (typeof port !== 'number' && typeof port !== 'string') {
      throw invalidArgType('options.port', 'one of type number or string', port);
    }
    validatePort(port);
  }
  port |= 0;

  if (autoSelectFamily != null) validateBoolean(autoSelectFamily, 'options.autoSelectFamily');
  else autoSelectFamily = autoSelectFamilyDefault;
  if (autoSelectFamilyAttemptTimeout != null) {
    validateInt32(autoSelectFamilyAttemptTimeout, 'options.autoSelectFamilyAttemptTimeout', 1);
    if (autoSelectFamilyAttemptTimeout < 10) autoSelectFamilyAttemptTimeout = 10;
  } else {
    autoSelectFamilyAttemptTimeout = autoSelectFamilyAttemptTimeoutDefault;
  }

  const addressType = isIP(host);
  if (addressType) {
    process.nextTick(() => {
      if (self.connecting) internalConnect(self, host, port, addressType, localAddress, localPort);
    });
    return;
  }

  if (options.lookup != null) validateFunction(options.lookup, 'options.lookup');
  const dnsopts = { family: socketToDnsFamily(options.family), hints: options.hints || 0 };
  if (dnsopts.family !== 4 && dnsopts.family !== 6 && dnsopts.hints === 0) dnsopts.hints = 1024; // dns.ADDRCONFIG
  self._host = host;
  const lookup = options.lookup || systemLookup;

  if (dnsopts.family !== 4 && dnsopts.family !== 6 && !localAddress && autoSelectFamily) {
    dnsopts.all = true;
    lookupAndConnectMultiple(self, lookup, host, options, dnsopts, port, localAddress, localPort, autoSelectFamilyAttemptTimeout);
    return;
  }

  lookup(host, dnsopts, function emitLookup(err, ip, family) {
    self.emit('lookup', err, ip, family, host);
    if (!self.connecting) return;
    if (err) {
      process.nextTick(connectErrorNT, self, err);
    } else if (typeof ip !== 'string' || !isIP(ip)) {
      process.nextTick(connectErrorNT, self, codedError(TypeError, 'ERR_INVALID_IP_ADDRESS', `Invalid IP address: ${ip}`));
    } else if (family !== 4 && family !== 6) {
      process.nextTick(connectErrorNT, self, invalidAddressFamily(family, options.host, options.port));
    } else {
      self._unrefTimer();
      internalConnect(self, ip, port, family, localAddress, localPort);
    }
  });
}

function invalidAddressFamily(family, host, port) {
  const err = codedError(RangeError, 'ERR_INVALID_ADDRESS_FAMILY', `Invalid address family: ${family} ${host}:${port}`);
  err.host = host;
  err.port = port;
  return err;
}

function lookupAndConnectMultiple(self, lookup, host, options, dnsopts, port, localAddress, localPort, timeout) {
  lookup(host, dnsopts, function emitLookup(err, addresses) {
    if (!self.connecting) return;
    if (err) {
      self.emit('lookup', err, undefined, undefined, host);
      process.nextTick(connectErrorNT, self, err);
      return;
    }
    const validAddresses = [[], []];
    const validIps = [[], []];
    let destinations;
    for (const address of addresses) {
      const { address: ip, family } = address;
      self.emit('lookup', err, ip, family, host);
      if (!self.connecting) return;
      if (isIP(ip) && (family === 4 || family === 6)) {
        destinations ||= family === 6 ? { 6: 0, 4: 1 } : { 4: 0, 6: 1 };
        const destination = destinations[family];
        if (!validIps[destination].includes(ip)) {
          validAddresses[destination].push(address);
          validIps[destination].push(ip);
        }
      }
    }
    if (!validAddresses[0].length && !validAddresses[1].length) {
      const { address: firstIp, family: firstFamily } = addresses[0] ?? {};
      if (!isIP(firstIp)) {
        process.nextTick(connectErrorNT, self, codedError(TypeError, 'ERR_INVALID_IP_ADDRESS', `Invalid IP address: ${firstIp}`));
      } else if (firstFamily !== 4 && firstFamily !== 6) {
        process.nextTick(connectErrorNT, self, invalidAddressFamily(firstFamily, options.host, options.port));
      }
      return;
    }
    const toAttempt = [];
    for (let i = 0, l = Math.max(validAddresses[0].length, validAddresses[1].length); i < l; i++) {
      if (i in validAddresses[0]) toAttempt.push(validAddresses[0][i]);
      if (i in validAddresses[1]) toAttempt.push(validAddresses[1][i]);
    }
    if (toAttempt.length === 1) {
      const { address: ip, family } = toAttempt[0];
      self._unrefTimer();
      internalConnect(self, ip, port, family, localAddress, localPort);
      return;
    }
    self.autoSelectFamilyAttemptedAddresses = [];
    const context = { socket: self, addresses: toAttempt, current: 0, port, localPort, timeout, timer: null, errors: [] };
    self._unrefTimer();
    internalConnectMultiple(context);
  });
}

function connectErrorNT(self, err) {
  self.destroy(err);
}

// A 'net' performance entry of a TCP connection's setup, made when someone observes them.
const perfObserve = require('internal/perf/observe');
const kPerfConnect = Symbol('kPerfConnect');
function startConnectPerf(socket, host, port) {
  if (perfObserve.hasObserver('net')) {
    perfObserve.startPerf(socket, kPerfConnect, { type: 'net', name: 'connect', detail: { host, port } });
  }
}

function internalConnect(self, address, port, addressType, localAddress, localPort) {
  if (!self.connecting) return;
  let id;
  if (addressType === 4 || addressType === 6) {
    if (self.blockList?.check(address, `ipv${addressType}`)) {
      self.destroy(codedError(Error, 'ERR_IP_BLOCKED', `IP(${address}) is blocked by net.BlockList`));
      return;
    }
    self.emit('connectionAttempt', address, port, addressType);
    const local = localAddress || (localPort ? (addressType === 4 ? '0.0.0.0' : '::') : undefined);
    const result = native.tcpConnect(address, port, local ?? null, localPort | 0);
    if (Array.isArray(result)) {
      const [errno, syscall] = result;
      if (syscall === 'bind') {
        self.destroy(exceptionWithHostPort(errno, 'bind', local, localPort));
      } else {
        self.destroy(exceptionWithHostPort(errno, 'connect', address, port));
      }
      return;
    }
    id = result;
    startConnectPerf(self, address, port);
  } else {
    id = native.pipeConnect(address);
  }
  const handle = self._handle;
  handle.attach(id);
  handle.onconnect = (status) => afterConnect(self, handle, status, { address, port, addressType, localAddress, localPort });
}

function afterConnect(self, handle, status, req) {
  if (self.destroyed || self._handle !== handle) return;
  self.connecting = false;
  self._sockname = null;
  if (status === 0) {
    if (self[kPerfConnect] !== undefined && perfObserve.hasObserver('net')) perfObserve.stopPerf(self, kPerfConnect);
    if (self[kSetNoDelay]) self._handle.setNoDelay(true);
    if (self[kSetKeepAlive]) {
      self._handle.setKeepAlive(true, self[kSetKeepAliveInitialDelay], self[kSetKeepAliveInterval], self[kSetKeepAliveCount]);
    }
    if (self[kSetTOS] !== undefined) self._handle.setTypeOfService(self[kSetTOS]);
    if (self._handle.reading) self._handle.readStart();
    self._unrefTimer();
    self.emit('connect');
    self.emit('ready');
    if (self.readable && !self.isPaused()) self.read(0);
  } else {
    let details;
    if (req.localAddress && req.localPort) details = `${req.localAddress}:${req.localPort}`;
    const ex = exceptionWithHostPort(status, 'connect', req.address, req.port, details);
    if (details) {
      ex.localAddress = req.localAddress;
      ex.localPort = req.localPort;
    }
    self.emit('connectionAttemptFailed', req.address, req.port, req.addressType, ex);
    self.destroy(ex);
  }
}

function internalConnectMultiple(context, canceled) {
  clearTimeout(context.timer);
  const self = context.socket;
  if (!self.connecting) return;
  if (context.current === context.addresses.length) {
    if (canceled) return;
    let error;
    if (context.errors.length === 1) {
      error = context.errors[0];
    } else {
      error = new AggregateError(context.errors, '');
      error.code = context.errors[0]?.code;
    }
    self.destroy(error);
    return;
  }
  const current = context.current++;
  const { address, family: addressType } = context.addresses[current];
  if (current > 0) self[kReinitializeHandle]();
  self.autoSelectFamilyAttemptedAddresses.push(`${address}:${context.port}`);
  self.emit('connectionAttempt', address, context.port, addressType);
  if (self.blockList?.check(address, `ipv${addressType}`)) {
    context.errors.push(codedError(Error, 'ERR_IP_BLOCKED', `IP(${address}) is blocked by net.BlockList`));
    internalConnectMultiple(context);
    return;
  }
  const result = native.tcpConnect(address, context.port, null, context.localPort | 0);
  if (Array.isArray(result)) {
    const ex = exceptionWithHostPort(result[0], result[1], address, context.port);
    context.errors.push(ex);
    self.emit('connectionAttemptFailed', address, context.port, addressType, ex);
    internalConnectMultiple(context);
    return;
  }
  startConnectPerf(self, address, context.port);
  const handle = self._handle;
  handle.attach(result);
  handle.onconnect = (status) => {
    clearTimeout(context.timer);
    if (self._handle !== handle || self.destroyed) return;
    if (status !== 0) {
      const ex = exceptionWithHostPort(status, 'connect', address, context.port);
      context.errors.push(ex);
      self.emit('connectionAttemptFailed', address, context.port, addressType, ex);
      internalConnectMultiple(context);
      return;
    }
    afterConnect(self, handle, 0, { address, port: context.port, addressType });
  };
  if (current < context.addresses.length - 1) {
    context.timer = setTimeout(() => {
      if (self._handle !== handle) return;
      self.emit('connectionAttemptTimeout', address, context.port, addressType);
      internalConnectMultiple(context, true);
    }, context.timeout);
    context.timer.unref();
  }
}

const kReinitializeHandle = Symbol('kReinitializeHandle');
Socket.prototype[kReinitializeHandle] = function reinitializeHandle() {
  const old = this._handle;
  old?.close();
  this._handle = new NativeHandle('TCP');
  if (old && !old.refed) this._handle.unref();
  this._handle.reading = old?.reading ?? false;
  initSocketHandle(this);
};

// ---- Server ----

function Server(options, connectionListener) {
  if (!(this instanceof Server)) return new Server(options, connectionListener);
  EventEmitter.call(this);
  if (typeof options === 'function') {
    connectionListener = options;
    options = {};
    this.on('connection', connectionListener);
  } else if (options == null || typeof options === 'object') {
    options = { ...options };
    if (typeof connectionListener === 'function') this.on('connection', connectionListener);
  } else {
    throw invalidArgType('options', 'of type object', options);
  }
  if (typeof options.keepAliveInitialDelay !== 'undefined') {
    validateNumber(options.keepAliveInitialDelay, 'options.keepAliveInitialDelay');
    if (options.keepAliveInitialDelay < 0) options.keepAliveInitialDelay = 0;
  }
  if (typeof options.highWaterMark !== 'undefined') {
    validateNumber(options.highWaterMark, 'options.highWaterMark');
    if (options.highWaterMark < 0) options.highWaterMark = stream.getDefaultHighWaterMark();
  }
  this._connections = 0;
  this._handle = null;
  this._usingWorkers = false;
  this._workers = [];
  this._unref = false;
  this._listeningId = 1;
  this.allowHalfOpen = options.allowHalfOpen || false;
  this.pauseOnConnect = Boolean(options.pauseOnConnect);
  this.noDelay = Boolean(options.noDelay);
  this.keepAlive = Boolean(options.keepAlive);
  this.keepAliveInitialDelay = ~~(options.keepAliveInitialDelay / 1000);
  this.highWaterMark = options.highWaterMark ?? stream.getDefaultHighWaterMark();
  if (options.blockList) {
    if (!BlockList.isBlockList(options.blockList)) {
      throw invalidArgType('options.blockList', 'an instance of net.BlockList', options.blockList);
    }
    this.blockList = options.blockList;
  }
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);

function createServerHandle(address, port, addressType, fd, flags = {}) {
  let id;
  let type;
  if (typeof fd === 'number' && fd >= 0) {
    try {
      type = createHandle(fd, true).type;
    } catch (e) {
      return -22; // EINVAL
    }
    id = native.openFd(fd, true, flags.backlog ?? 511);
  } else if (port === -1 && addressType === -1) {
    type = 'PIPE';
    id = native.pipeListen(address, flags.backlog);
  } else {
    type = 'TCP';
    id = native.tcpListen(address, port, flags.backlog ?? 511, Boolean(flags.ipv6Only), Boolean(flags.reusePort));
  }
  if (id < 0) return id;
  const handle = new NativeHandle(type, id);
  handle.listening = true;
  return handle;
}

const UV_EADDRINUSE = -98;

Server.prototype._listen2 = function setupListenHandle(address, port, addressType, backlog, fd, flags) {
  // A handle given to listen() is listening already.
  if (!this._handle) {
    flags = { backlog: backlog || 511, ...flags };
    let rval = null;
    if (!address && typeof fd !== 'number') {
      // The IPv6 any-address (dual-stack) first, else IPv4's.
      rval = createServerHandle('::', port, 6, fd, flags);
      if (typeof rval === 'number' && rval !== UV_EADDRINUSE) {
        rval = null;
        address = '0.0.0.0';
        addressType = 4;
      } else {
        address = '::';
        addressType = 6;
      }
    }
    if (rval === null) rval = createServerHandle(address, port, addressType, fd, flags);
    if (typeof rval === 'number') {
      const error = uvExceptionWithHostPort(rval, 'listen', address, port);
      if (channels.serverListen.hasSubscribers) channels.serverListen.error.publish({ server: this, error });
      process.nextTick(() => this.emit('error', error));
      return;
    }
    this._handle = rval;
  }
  this._handle.onconnection = (errno, clientHandle) => onconnection(this, errno, clientHandle);
  this._handle.owner = this;
  if (this._unref) this.unref();
  this._connectionKey = `${addressType}:${address}:${port}`;
  if (channels.serverListen.hasSubscribers) channels.serverListen.asyncEnd.publish({ server: this });
  process.nextTick(() => {
    if (this._handle) this.emit('listening');
  });
};

let cluster;
// A cluster worker's server listens on a handle the primary gives it (see internal/cluster/child).
function listenInCluster(server, address, port, addressType, backlog, fd, exclusive, flags, options) {
  cluster ??= require('cluster');
  if (cluster.isPrimary || exclusive) {
    server._listen2(address, port, addressType, backlog, fd, flags);
    return;
  }
  const serverQuery = { address, port, addressType, fd, flags, backlog, ...options };
  const listeningId = server._listeningId;
  cluster._getServer(server, serverQuery, (err, handle) => {
    if (listeningId !== server._listeningId) {
      handle?.close();
      return;
    }
    if (!err && port > 0 && handle?.getsockname) {
      const out = {};
      if (handle.getsockname(out) === 0 && out.port !== port) err = UV_EADDRINUSE;
    }
    if (err) {
      server.emit('error', uvExceptionWithHostPort(err, 'bind', address, port));
      return;
    }
    server._handle = handle;
    server._listen2(address, port, addressType, backlog, fd, flags);
  });
}

// child_process and cluster make handles over the descriptors IPC messages bring.
internals.netHandleFromFd = function (fd, listen) {
  const type = native.guessHandleType(fd);
  const id = native.openFd(fd, listen, 511);
  if (id < 0) return id;
  const handle = new NativeHandle(type === 'TCP' ? 'TCP' : 'PIPE', id);
  handle.listening = listen;
  // The sender's copy may go on listening after this one closes.
  handle.shared = listen;
  return handle;
};
internals.NetNativeHandle = NativeHandle;

Server.prototype.listen = function listen(...args) {
  const normalized = normalizeArgs(args);
  let options = normalized[0];
  const cb = normalized[1];
  if (this._handle) {
    throw codedError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.');
  }
  if (channels.serverListen.hasSubscribers) channels.serverListen.asyncStart.publish({ server: this, options });
  if (cb !== null) this.once('listening', cb);
  const backlogFromArgs = toNumber(args.length > 1 && args[1]) || toNumber(args.length > 2 && args[2]);
  options = options._handle || options.handle || options;
  const flags = { ipv6Only: Boolean(options.ipv6Only), reusePort: Boolean(options.reusePort) };
  // A newer call makes what an earlier one still waits for (a handle from the cluster
  // primary, a host lookup) void.
  this._listeningId++;

  if (options instanceof NativeHandle) {
    this._handle = options;
    listenInCluster(this, null, -1, -1, backlogFromArgs, undefined, true);
    return this;
  }
  addServerAbortSignalOption(this, options);
  if (typeof options.fd === 'number' && options.fd >= 0) {
    listenInCluster(this, null, null, null, backlogFromArgs, options.fd);
    return this;
  }
  if (args.length === 0 || typeof args[0] === 'function' ||
      (typeof options.port === 'undefined' && 'port' in options) || options.port === null) {
    options.port = 0;
  }
  let backlog;
  if (typeof options.port === 'number' || typeof options.port === 'string') {
    validatePort(options.port, 'options.port');
    backlog = options.backlog || backlogFromArgs;
    if (options.reusePort === true) options.exclusive = true;
    if (options.host) {
      lookupAndListen(this, options.port | 0, options.host, backlog, options.exclusive, flags);
    } else {
      listenInCluster(this, null, options.port | 0, 4, backlog, undefined, options.exclusive, flags);
    }
    return this;
  }
  if (options.path && isPipeName(options.path)) {
    // An abstract socket ('\0name') has no file to give modes to.
    if (options.path[0] === '\0' && (options.readableAll || options.writableAll)) {
      throw invalidArgValue('options', options,
        'can not set readableAll or writableAllt to true when path is abstract unix socket');
    }
    const pipeName = this._pipeName = options.path;
    backlog = options.backlog || backlogFromArgs;
    listenInCluster(this, pipeName, -1, -1, backlog, undefined, options.exclusive);
    if (!this._handle) return this;
    if (options.readableAll || options.writableAll) {
      const mode = (options.readableAll ? 0o444 : 0) | (options.writableAll ? 0o222 : 0);
      try {
        require('fs').chmodSync(pipeName, 0o600 | mode);
      } catch (err) {
        this._handle.close();
        this._handle = null;
        throw err;
      }
    }
    return this;
  }
  if (!('port' in options || 'path' in options)) {
    throw invalidArgValue('options', options, 'must have the property "port" or "path"');
  }
  throw invalidArgValue('options', options, 'is invalid');
};

function addServerAbortSignalOption(self, options) {
  if (options?.signal === undefined) return;
  const { signal } = options;
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
    throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
  }
  const onAborted = () => self.close();
  if (signal.aborted) {
    process.nextTick(onAborted);
  } else {
    signal.addEventListener('abort', onAborted, { once: true });
    self.once('close', () => signal.removeEventListener('abort', onAborted));
  }
}

function lookupAndListen(self, port, address, backlog, exclusive, flags) {
  const listeningId = self._listeningId;
  systemLookup(address, {}, (err, ip, addressType) => {
    // A server closed before its address resolved does not listen.
    if (listeningId !== self._listeningId) return;
    if (err) {
      self.emit('error', err);
    } else {
      addressType = ip ? addressType : 4;
      listenInCluster(self, ip, port, addressType, backlog, undefined, exclusive, flags);
    }
  });
}

Object.defineProperty(Server.prototype, 'listening', {
  get() { return Boolean(this._handle); },
  configurable: true,
  enumerable: true,
});

Server.prototype.address = function address() {
  if (this._handle && this._handle.type === 'TCP') {
    const out = {};
    const err = this._handle.getsockname(out);
    if (err) throw errnoException(err, 'address');
    return out;
  } else if (this._pipeName) {
    return this._pipeName;
  }
  return null;
};

function onconnection(self, errno, clientHandle) {
  if (errno) {
    self.emit('error', errnoException(errno, 'accept'));
    return;
  }
  if (self.maxConnections != null && self._connections >= self.maxConnections) {
    if (clientHandle.type === 'TCP' && self.listenerCount('drop') > 0) {
      const local = {};
      const peer = {};
      clientHandle.getsockname(local);
      clientHandle.getpeername(peer);
      self.emit('drop', {
        localAddress: local.address, localPort: local.port, localFamily: local.family,
        remoteAddress: peer.address, remotePort: peer.port, remoteFamily: peer.family,
      });
    }
    clientHandle.close();
    return;
  }
  if (self.blockList && clientHandle.type === 'TCP') {
    const peer = {};
    clientHandle.getpeername(peer);
    if (peer.address && self.blockList.check(peer.address, peer.family?.toLowerCase())) {
      clientHandle.close();
      return;
    }
  }
  const socket = new Socket({
    handle: clientHandle,
    allowHalfOpen: self.allowHalfOpen,
    pauseOnCreate: self.pauseOnConnect,
    readable: true,
    writable: true,
    readableHighWaterMark: self.highWaterMark,
    writableHighWaterMark: self.highWaterMark,
  });
  if (self.noDelay && clientHandle.type === 'TCP') {
    socket[kSetNoDelay] = true;
    clientHandle.setNoDelay(true);
  }
  if (self.keepAlive && clientHandle.type === 'TCP') {
    socket[kSetKeepAlive] = true;
    socket[kSetKeepAliveInitialDelay] = self.keepAliveInitialDelay;
    clientHandle.setKeepAlive(true, self.keepAliveInitialDelay);
  }
  self._connections++;
  socket.server = self;
  socket._server = self;
  if (channels.serverSocket.hasSubscribers) channels.serverSocket.publish({ socket });
  self.emit('connection', socket);
}

Server.prototype.getConnections = function getConnections(cb) {
  function end(err, connections) {
    process.nextTick(cb, err, connections);
  }
  if (!this._usingWorkers) {
    end(null, this._connections);
    return this;
  }
  // Connections sent to other processes are counted there.
  let left = this._workers.length;
  let total = this._connections;
  const onCount = (err, count) => {
    if (left < 0) return;
    if (err) {
      left = -1;
      end(err);
      return;
    }
    total += count;
    if (--left === 0) end(null, total);
  };
  for (const worker of this._workers) worker.getConnections(onCount);
  return this;
};

// A process this server's connections were sent to (a SocketListSend, internal/socket_list):
// getConnections and close ask it about them until it exits.
Server.prototype._setupWorker = function _setupWorker(socketList) {
  this._usingWorkers = true;
  this._workers.push(socketList);
  socketList.once('exit', (list) => {
    const index = this._workers.indexOf(list);
    this._workers.splice(index, 1);
  });
};

Server.prototype.close = function close(cb) {
  if (typeof cb === 'function') {
    if (!this._handle) {
      this.once('close', function close() {
        cb(codedError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.'));
      });
    } else {
      this.once('close', cb);
    }
  }
  if (this._handle) {
    this._handle.close();
    this._handle = null;
  }
  this._listeningId++;
  if (this._usingWorkers && this._workers.length > 0) {
    // 'close' waits for the connections other processes hold; the extra count keeps it from
    // coming while they are asked.
    let left = this._workers.length;
    const onWorkerClose = () => {
      if (--left !== 0) return;
      this._connections = 0;
      this._emitCloseIfDrained();
    };
    this._connections++;
    for (const worker of this._workers) worker.close(onWorkerClose);
  } else {
    this._emitCloseIfDrained();
  }
  return this;
};

Server.prototype[Symbol.asyncDispose] = async function asyncDispose() {
  if (!this._handle) return;
  await new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

Server.prototype._emitCloseIfDrained = function _emitCloseIfDrained() {
  if (this._handle || this._connections) return;
  process.nextTick(() => this.emit('close'));
};

Server.prototype[EventEmitter.captureRejectionSymbol] = function onRejection(err, event, socket) {
  if (event === 'connection') socket.destroy(err);
  else this.emit('error', err);
};

Server.prototype.ref = function ref() {
  this._unref = false;
  this._handle?.ref();
  return this;
};

Server.prototype.unref = function unref() {
  this._unref = true;
  this._handle?.unref();
  return this;
};

// ---- BlockList and SocketAddress ----

function parseIPv4(text) {
  return text.split('.').reduce((value, part) => value * 256n + BigInt(Number(part)), 0n);
}

function parseIPv6(text) {
  text = text.split('%')[0];
  let tail = [];
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const value = parseIPv4(v4[1]);
    tail = [Number(value >> 16n), Number(value & 0xffffn)].map((n) => n.toString(16));
    text = text.slice(0, -v4[1].length) + (text.endsWith(`::${v4[1]}`) ? '' : '0');
    if (text.endsWith(':0') && !v4) text = text.slice(0, -2);
  }
  let head;
  let rest = [];
  if (text.includes('::')) {
    const [a, b] = text.split('::');
    head = a ? a.split(':') : [];
    rest = b ? b.split(':') : [];
  } else {
    head = text ? text.split(':') : [];
  }
  if (v4 && !text.includes('::')) head = head.slice(0, -1);
  const groups = [...head, ...Array(Math.max(0, 8 - head.length - rest.length - tail.length)).fill('0'), ...rest, ...tail];
  return groups.slice(0, 8).reduce((value, group) => value * 65536n + BigInt(parseInt(group || '0', 16)), 0n);
}

// An address as a 128-bit number in IPv6 space (IPv4 as ::ffff:a.b.c.d).
function addressKey(address, family) {
  if (family === 'ipv4') return 0xffff00000000n + parseIPv4(address);
  return parseIPv6(address);
}

const kSocketAddressHandle = Symbol('kHandle');

class SocketAddress {
  static isSocketAddress(value) {
    return value?.[kSocketAddressHandle] !== undefined;
  }

  constructor(options = {}) {
    validateObject(options, 'options');
    let { family = 'ipv4' } = options;
    const { address = family === 'ipv4' ? '127.0.0.1' : '::', port = 0, flowlabel = 0 } = options;
    if (typeof family?.toLowerCase === 'function') family = family.toLowerCase();
    if (family !== 'ipv4' && family !== 'ipv6') {
      throw invalidArgValue('options.family', options.family, 'must be one of: \'ipv4\', \'ipv6\'');
    }
    validateString(address, 'options.address');
    const validPort = validatePort(port, 'Port');
    validateInteger(flowlabel, 'options.flowlabel', 0, 2 ** 32 - 1);
    if ((family === 'ipv4' && !isIPv4(address)) || (family === 'ipv6' && !isIPv6(address))) {
      throw invalidArgValue('options.address', address);
    }
    this[kSocketAddressHandle] = { address, port: validPort, family, flowlabel };
  }

  get address() { return this[kSocketAddressHandle].address; }
  get port() { return this[kSocketAddressHandle].port; }
  get family() { return this[kSocketAddressHandle].family; }
  get flowlabel() { return this[kSocketAddressHandle].flowlabel; }

  toJSON() {
    return { address: this.address, port: this.port, family: this.family, flowlabel: this.flowlabel };
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    return `SocketAddress ${inspect(this.toJSON(), { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }

  static parse(input) {
    validateString(input, 'input');
    try {
      const { hostname: address, port } = new URL(`http://${input}`);
      if (address.startsWith('[') && address.endsWith(']')) {
        return new SocketAddress({ address: address.slice(1, -1), port: port | 0, family: 'ipv6' });
      }
      return new SocketAddress({ address, port: port | 0 });
    } catch {
      return undefined;
    }
  }
}

const kBlockListHandle = Symbol('kHandle');
const kBlockListMatchers = Symbol('kMatchers');
// A collected BlockList lets go of its rules (`holder` is its { id }).
const blockListRegistry = new FinalizationRegistry((holder) => native.blockListFree(holder.id));

// A rule's test of an address key, from the rule's text (as BlockList.rules shows it).
function ruleMatcher(text) {
  const [, kind, familyName, spec] = /^(Address|Range|Subnet): (IPv4|IPv6) (.+)$/.exec(text);
  const family = familyName.toLowerCase();
  if (kind === 'Address') {
    const key = addressKey(spec, family);
    return (k) => k === key;
  }
  if (kind === 'Range') {
    const dash = spec.indexOf('-');
    const side = (address) => addressKey(address, isIPv4(address) ? 'ipv4' : 'ipv6');
    const from = side(spec.slice(0, dash));
    const to = side(spec.slice(dash + 1));
    return (k) => k >= from && k <= to;
  }
  const slash = spec.lastIndexOf('/');
  const base = addressKey(spec.slice(0, slash), family);
  const hostBits = BigInt((family === 'ipv4' ? 32 : 128) - Number(spec.slice(slash + 1)));
  const mask = ((1n << 128n) - 1n) ^ ((1n << hostBits) - 1n);
  const masked = base & mask;
  return (k) => (k & mask) === masked;
}

// The rules are native (runtime/net.rs) so that the list's clones, in messages to this
// thread or a worker, share them as node's do.
class BlockList {
  static isBlockList(value) {
    return value?.[kBlockListHandle] !== undefined;
  }

  constructor() {
    this[kBlockListHandle] = { id: native.blockListNew() };
    this[kBlockListMatchers] = { version: 0, matchers: [] };
    blockListRegistry.register(this, this[kBlockListHandle]);
    markTransferMode(this, true, false);
  }

  [kClone]() {
    return { data: { token: native.blockListExport(this[kBlockListHandle].id) }, deserializeInfo: 'net:BlockList' };
  }

  [kDeserialize]({ token }) {
    const holder = this[kBlockListHandle];
    native.blockListFree(holder.id);
    holder.id = native.blockListImport(token);
    this[kBlockListMatchers] = { version: -1, matchers: [] };
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    return `BlockList ${inspect({ rules: this.rules }, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }

  #family(family, name = 'family') {
    validateString(family, name);
    const lower = family.toLowerCase();
    if (lower !== 'ipv4' && lower !== 'ipv6') {
      throw invalidArgValue(name, family, 'must be one of: \'ipv4\', \'ipv6\'');
    }
    return lower;
  }

  #address(address, family, name = 'address') {
    if (SocketAddress.isSocketAddress(address)) return address;
    validateString(address, name);
    family = this.#family(family);
    return new SocketAddress({ address, family });
  }

  #add(text) {
    native.blockListAdd(this[kBlockListHandle].id, text);
  }

  addAddress(address, family = 'ipv4') {
    const socketAddress = this.#address(address, family);
    this.#add(`Address: ${socketAddress.family === 'ipv4' ? 'IPv4' : 'IPv6'} ${socketAddress.address}`);
  }

  addRange(start, end, family = 'ipv4') {
    const startAddress = this.#address(start, family, 'start');
    const endAddress = this.#address(end, family, 'end');
    const from = addressKey(startAddress.address, startAddress.family);
    const to = addressKey(endAddress.address, endAddress.family);
    if (from > to) throw invalidArgValue('start', start, 'must come before end');
    this.#add(`Range: ${startAddress.family === 'ipv4' ? 'IPv4' : 'IPv6'} ${startAddress.address}-${endAddress.address}`);
  }

  addSubnet(network, prefix, family = 'ipv4') {
    const networkAddress = this.#address(network, family, 'network');
    const bits = networkAddress.family === 'ipv4' ? 32 : 128;
    validateInteger(prefix, 'prefix', 0, bits);
    this.#add(`Subnet: ${networkAddress.family === 'ipv4' ? 'IPv4' : 'IPv6'} ${networkAddress.address}/${prefix}`);
  }

  // The rules' tests, made again when any holder of the list changed it.
  #matchers() {
    const cache = this[kBlockListMatchers];
    const id = this[kBlockListHandle].id;
    const version = native.blockListVersion(id);
    if (version !== cache.version) {
      cache.matchers = native.blockListRules(id).map(ruleMatcher);
      cache.version = version;
    }
    return cache.matchers;
  }

  check(address, family = 'ipv4') {
    let socketAddress;
    if (SocketAddress.isSocketAddress(address)) {
      socketAddress = address;
    } else {
      validateString(address, 'address');
      validateString(family, 'family');
      try {
        socketAddress = new SocketAddress({ address, family });
      } catch {
        return false;
      }
    }
    const key = addressKey(socketAddress.address, socketAddress.family);
    return this.#matchers().some((matches) => matches(key));
  }

  get rules() {
    return native.blockListRules(this[kBlockListHandle].id);
  }

  toJSON() {
    return this.rules;
  }

  fromJSON(data) {
    const rules = typeof data === 'string' ? JSON.parse(data) : data;
    if (!Array.isArray(rules)) throw invalidArgType('data', 'an instance of Array', data);
    for (const rule of [...rules].reverse()) {
      const match = /^(Address|Range|Subnet): (IPv4|IPv6) (.+)$/.exec(rule);
      if (!match) continue;
      const family = match[2].toLowerCase();
      if (match[1] === 'Address') this.addAddress(match[3], family);
      else if (match[1] === 'Range') {
        const [start, end] = match[3].split('-');
        this.addRange(start, end, family);
      } else {
        const slash = match[3].lastIndexOf('/');
        this.addSubnet(match[3].slice(0, slash), Number(match[3].slice(slash + 1)), family);
      }
    }
  }
}

// ---- module ----

function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

function connect(...args) {
  const normalized = normalizeArgs(args);
  const [options] = normalized;
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(normalized);
}

function getDefaultAutoSelectFamily() {
  return autoSelectFamilyDefault;
}

function setDefaultAutoSelectFamily(value) {
  validateBoolean(value, 'value');
  autoSelectFamilyDefault = value;
}

function getDefaultAutoSelectFamilyAttemptTimeout() {
  return autoSelectFamilyAttemptTimeoutDefault;
}

function setDefaultAutoSelectFamilyAttemptTimeout(value) {
  validateInt32(value, 'value', 1);
  if (value < 10) value = 10;
  autoSelectFamilyAttemptTimeoutDefault = value;
}

if (internals.getOptionValue('--network-family-autoselection') === false) autoSelectFamilyDefault = false;
const attemptTimeoutOption = internals.getOptionValue('--network-family-autoselection-attempt-timeout');
if (typeof attemptTimeoutOption === 'string' && attemptTimeoutOption !== '') {
  autoSelectFamilyAttemptTimeoutDefault = Math.max(10, Number(attemptTimeoutOption));
}

module.exports = {
  _createServerHandle: createServerHandle,
  _normalizeArgs: normalizeArgs,
  get _setSimultaneousAccepts() { return function _setSimultaneousAccepts() {}; },
  BlockList,
  SocketAddress,
  connect,
  createConnection: connect,
  createServer,
  isIP,
  isIPv4,
  isIPv6,
  Server,
  Socket,
  Stream: Socket,
  getDefaultAutoSelectFamily,
  setDefaultAutoSelectFamily,
  getDefaultAutoSelectFamilyAttemptTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout,
};

// For tls: a TLSSocket's own TCP handle under its TLS layer, and the hook that replaces it
// between connection attempts.
internals.netHandle = (type) => new NativeHandle(type);
internals.netReinitializeHandle = kReinitializeHandle;
