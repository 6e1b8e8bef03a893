'use strict';
// _tls_wrap: TLSSocket, tls.Server and tls.connect. A TLSSocket is a net.Socket whose handle
// is a TLSHandle (node's TLSWrap): it takes over a TCP handle (its own, or a connected
// net.Socket's) or wraps any duplex stream, feeds what that transport reads to the OpenSSL
// connection of runtime/tls.rs and writes back what OpenSSL produces; the socket reads and
// writes plaintext through it as through any handle.

const EventEmitter = require('events');
const net = require('net');
const stream = require('stream');
const { Buffer } = require('buffer');
const {
  codedError, invalidArgType, invalidArgValue, validateFunction, validateInteger, validateObject, validateString,
} = require('internal/errors');
const common = require('_tls_common');
const { StreamTransport } = require('internal/js_stream_socket');

const native = binding.tls();

const kConnectOptions = Symbol('connect-options');
const kErrorEmitted = Symbol('error-emitted');
const kHandshakeTimeout = Symbol('handshake-timeout');
const kEnableTrace = Symbol('enableTrace');
let tlsTracingWarned = false;
const kRes = Symbol('res');
const kSNICallback = Symbol('snicallback');
const kALPNCallback = Symbol('alpncallback');
const kPskCallback = Symbol('pskcallback');
const kPskIdentityHint = Symbol('pskidentityhint');
const kIsVerified = Symbol('verified');
const kPendingSession = Symbol('pendingSession');

const connRegistry = new FinalizationRegistry((id) => native.connFree(id));

const UV_ECANCELED = -125;

function connResetException(message) {
  const err = new Error(message);
  err.code = 'ECONNRESET';
  return err;
}

function toBuffer(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

// The TLS layer over a transport handle, as node's TLSWrap.
class TLSHandle {
  constructor(parent, context, isServer) {
    this._parent = parent;
    this._parentWrap = null;
    this._secureContext = context;
    this.connId = native.connNew(context.context.id, isServer);
    if (Array.isArray(this.connId)) throw common.opensslError(this.connId);
    connRegistry.register(this, this.connId, this);
    this.isServer = isServer;
    this.reading = false;
    this.owner = null;
    this.onread = null;
    this.started = false;
    this.secure = false;
    this.failed = false;
    this.plainQueue = [];
    this.pendingWrites = [];
    this.closed = false;
    this.helloPaused = false;
    this.pendingShutdown = null;
    this.transportEnded = false;
    this.writeQueueSize = 0;
    this.heldCiphertext = null;
    // Renegotiations within tls.CLIENT_RENEG_WINDOW seconds, and when the last handshake began.
    this.handshakes = 0;
    this.lastHandshakeTime = 0;
    parent.onread = (buffer, errno) => this._onTransportRead(buffer, errno);
  }

  get type() { return this._parent.type; }
  get id() { return this._parent.id; }
  get fd() { return this._parent.fd; }
  get bytesRead() { return this._parent.bytesRead; }
  get bytesWritten() { return this._parent.bytesWritten; }
  get onconnect() { return this._parent.onconnect; }
  set onconnect(fn) { this._parent.onconnect = fn; }
  attach(id) { this._parent.attach(id); }
  ref() { this._parent.ref(); }
  unref() { this._parent.unref(); }
  hasRef() { return this._parent.hasRef(); }
  getAsyncId() { return -1; }
  setNoDelay(on) { return this._parent.setNoDelay ? this._parent.setNoDelay(on) : 0; }
  setKeepAlive(...args) { return this._parent.setKeepAlive ? this._parent.setKeepAlive(...args) : 0; }
  setTypeOfService(tos) { return this._parent.setTypeOfService ? this._parent.setTypeOfService(tos) : 0; }
  getTypeOfService() { return this._parent.getTypeOfService ? this._parent.getTypeOfService() : 0; }
  getsockname(out) { return this._parent.getsockname(out); }
  getpeername(out) { return this._parent.getpeername(out); }

  set(option, value, second) {
    const result = native.connSet(this.connId, option, value, second);
    if (Array.isArray(result)) throw common.opensslError(result);
  }

  // Starts the transport reading and, for a client, the handshake.
  start() {
    if (this.started || this.closed) return;
    this.started = true;
    this._parent.readStart();
    this._process(native.cycle(this.connId));
  }

  readStart() {
    this.reading = true;
    if (this.plainQueue.length > 0) process.nextTick(() => this._deliverQueued());
    return 0;
  }

  readStop() {
    this.reading = false;
    return 0;
  }

  _deliverQueued() {
    while (this.reading && this.plainQueue.length > 0 && !this.closed) {
      const chunk = this.plainQueue.shift();
      this.onread?.(chunk, 0);
    }
  }

  _deliver(chunk) {
    if (this.reading && this.plainQueue.length === 0) this.onread?.(chunk, 0);
    else this.plainQueue.push(chunk);
  }

  _onTransportRead(buffer, errno) {
    if (this.closed) return;
    if (errno) {
      this.onread?.(null, errno);
      return;
    }
    if (buffer === null) {
      // The transport ended: what was read is all there is.
      this.transportEnded = true;
      this._deliver(null);
      if (!this.secure && this.pendingShutdown) {
        const shutdown = this.pendingShutdown;
        this.pendingShutdown = null;
        shutdown();
      }
      return;
    }
    this._process(native.receive(this.connId, buffer));
  }

  // What the transport's previous owner (a socket this one took over) queued goes out first,
  // as node's wrapHasActiveWriteFromPrevOwner: ciphertext waits until those writes are done.
  holdUntilWritten(wrap) {
    this.heldCiphertext = [];
    wrap.write(Buffer.alloc(0), () => {
      const held = this.heldCiphertext;
      this.heldCiphertext = null;
      for (const [bytes, callback] of held) this._sendCiphertext(bytes, callback);
    });
  }

  _sendCiphertext(bytes, callback) {
    if (this.heldCiphertext) {
      this.heldCiphertext.push([bytes, callback]);
      return;
    }
    if (this._parent.closed) {
      callback?.(-32);
      return;
    }
    const result = this._parent.write(toBuffer(bytes), (errno) => callback?.(errno));
    if (result === 0) callback && process.nextTick(callback, 0);
    else if (result < 0) callback && process.nextTick(callback, result);
  }

  _process(outcomes) {
    // Whether OpenSSL has more to do once JS has heard of what came so far.
    let again = false;
    for (const outcome of outcomes) {
      if (this.closed) return;
      switch (outcome[0]) {
        case 'out':
          this._sendCiphertext(outcome[1]);
          break;
        case 'plain':
          this._deliver(toBuffer(outcome[1]));
          break;
        case 'handshake':
          this.secure = true;
          again = true;
          this.owner?._onHandshakeDone();
          if (!this.closed) this._flushPendingWrites();
          break;
        case 'hello':
          this.helloPaused = true;
          this.owner?._onClientHello({
            servername: outcome[1], protocols: outcome[2], sessionId: toBuffer(outcome[3]), tlsTicket: outcome[4],
            OCSPRequest: outcome[5],
          });
          break;
        case 'error': {
          this.failed = true;
          this.owner?._onTLSError(common.opensslError(outcome[1]));
          break;
        }
        case 'thrown':
          this.failed = true;
          this.owner?._onTLSError(outcome[1]);
          break;
        case 'end':
          this._deliver(null);
          break;
        case 'keylog':
          this.owner?.emit('keylog', toBuffer(outcome[1]));
          break;
        case 'handshakeStart':
          if (this.isServer) this.owner?._onHandshakeStart();
          break;
        case 'session':
          this.owner?._onNewSession(toBuffer(outcome[1]), toBuffer(outcome[2]));
          break;
        case 'ocsp':
          this.owner?.emit('OCSPResponse', outcome[1] === null ? null : toBuffer(outcome[1]));
          break;
        case 'again':
          again = true;
          break;
      }
    }
    if (again && !this.closed) this._process(native.cycle(this.connId));
  }

  // Resumes a handshake paused at the ClientHello.
  resumeHello() {
    if (!this.helloPaused || this.closed) return;
    this.helloPaused = false;
    this.set('resumeHello', true);
    this._process(native.cycle(this.connId));
  }

  _flushPendingWrites() {
    const pending = this.pendingWrites;
    this.pendingWrites = [];
    for (const [bytes, callback] of pending) this._encrypt(bytes, callback);
    const shutdown = this.pendingShutdown;
    this.pendingShutdown = null;
    shutdown?.();
  }

  _encrypt(bytes, callback) {
    const outcomes = native.write(this.connId, bytes);
    let sent = false;
    for (const outcome of outcomes) {
      if (outcome[0] === 'out') {
        this._sendCiphertext(outcome[1], callback);
        sent = true;
      } else if (outcome[0] === 'error') {
        callback(-32);
        this._process([outcome]);
        return;
      }
    }
    if (!sent) process.nextTick(callback, 0);
  }

  write(bytes, callback) {
    if (this.closed) return -9;
    // Plaintext bytes not yet through to the transport (node's writeQueueSize).
    this.writeQueueSize += bytes.length;
    const done = callback;
    callback = (status) => {
      this.writeQueueSize -= bytes.length;
      done(status);
    };
    if (!this.secure) {
      this.pendingWrites.push([bytes, callback]);
      // A client's first write starts its handshake, as SSL_write does.
      if (!this.isServer) this.start();
      return 1;
    }
    this._encrypt(bytes, callback);
    return 1;
  }

  shutdown(callback) {
    if (this.closed) return -107;
    const finish = () => {
      const outcomes = native.shutdown(this.connId);
      for (const outcome of outcomes) if (outcome[0] === 'out') this._sendCiphertext(outcome[1]);
      const result = this._parent.shutdown(callback);
      if (result !== 0) process.nextTick(callback, result);
    };
    if (!this.secure && !this.failed && !this.transportEnded) {
      this.pendingShutdown = finish;
      return 0;
    }
    finish();
    return 0;
  }

  // Closes the transport: through the net.Socket that still owns it, if one does (that
  // socket ends with it), then frees the OpenSSL connection.
  close(callback, reset) {
    if (this.closed) return;
    this.closed = true;
    if (this.owner) this.owner.ssl = null;
    const done = () => {
      this.destroySSL();
      if (typeof callback === 'function') callback();
    };
    const wrap = this._parentWrap;
    if (wrap instanceof net.Socket && wrap._handle === this._parent) {
      wrap.once('close', done);
      if (reset) wrap.resetAndDestroy();
      else wrap.destroy();
      return;
    }
    // A transport that closed already (its socket was destroyed) ends the TLS socket at once.
    if (this._parent.closed) return done();
    this._parent.close(done, reset);
  }

  // Frees the OpenSSL connection now; the handle stays, doing nothing more for TLS. Writes
  // still waiting for the handshake are canceled.
  destroySSL() {
    const pending = this.pendingWrites;
    this.pendingWrites = [];
    for (const [, callback] of pending) callback(UV_ECANCELED);
    if (this.connId === 0) return;
    connRegistry.unregister(this);
    native.connFree(this.connId);
    this.connId = 0;
  }

  // --- what the connection knows ---
  verifyError() {
    const result = native.verifyError(this.connId);
    if (!result) return null;
    const err = new Error(result[1]);
    err.code = result[0];
    return err;
  }
  getPeerCertificate(detailed) { return native.peerCertificate(this.connId, detailed); }
  getCertificate() { return native.certificate(this.connId); }
  info(what) { return native.info(this.connId, what); }
}

// ---- TLSSocket ----

function TLSSocket(socket, opts) {
  const tlsOptions = { ...opts };
  let enableTrace = tlsOptions.enableTrace;
  if (enableTrace == null) {
    enableTrace = internals.getOptionValue('--trace-tls');
    if (enableTrace && !tlsTracingWarned) {
      tlsTracingWarned = true;
      process.emitWarning('Enabling --trace-tls can expose sensitive data in the resulting log output.');
    }
  } else if (typeof enableTrace !== 'boolean') {
    throw invalidArgType('options.enableTrace', 'of type boolean', enableTrace);
  }

  if (tlsOptions.ALPNProtocols) require('tls').convertALPNProtocols(tlsOptions.ALPNProtocols, tlsOptions);
  if (tlsOptions.isServer && tlsOptions.SNICallback !== undefined && typeof tlsOptions.SNICallback !== 'function') {
    throw invalidArgType('options.SNICallback', 'of type function', tlsOptions.SNICallback);
  }

  this._tlsOptions = tlsOptions;
  this._secureEstablished = false;
  this._securePending = false;
  this._newSessionPending = false;
  this._controlReleased = false;
  this.secureConnecting = true;
  this._SNICallback = null;
  this[kALPNCallback] = null;
  this.servername = null;
  this.alpnProtocol = null;
  this.authorized = false;
  this.authorizationError = null;
  this[kRes] = null;
  this[kIsVerified] = false;
  this[kPendingSession] = null;

  let wrap = null;
  let handle = null;
  if (socket) {
    if (socket instanceof net.Socket && socket._handle) {
      wrap = socket;
      handle = socket._handle;
    } else {
      if (!(socket instanceof stream.Duplex) && typeof socket.pipe !== 'function') {
        // node wraps any stream-like object.
      }
      wrap = socket;
      handle = new StreamTransport(socket);
    }
  }

  this.encrypted = true;
  net.Socket.call(this, {
    handle: this._wrapHandle(wrap, handle),
    ...tlsOptions,
    // A wrapped socket's half-open setting carries over.
    allowHalfOpen: socket ? socket.allowHalfOpen : tlsOptions.allowHalfOpen,
    pauseOnCreate: tlsOptions.pauseOnConnect,
    manualStart: true,
  });
  this.ssl = this._handle;
  this.on('error', this._tlsError);
  this.once('close', onSocketCloseDestroySSL);
  this._init(socket, wrap);
  if (enableTrace && this._handle) this._handle.set('trace', true);
  process.nextTick(initRead, this, socket);
}
Object.setPrototypeOf(TLSSocket.prototype, net.Socket.prototype);
Object.setPrototypeOf(TLSSocket, net.Socket);

// The OpenSSL connection goes once the socket has closed, outside the close's own call.
function onSocketCloseDestroySSL() {
  setImmediate(destroySSL, this);
  this[kRes] = null;
}

function destroySSL(tlsSocket) {
  tlsSocket._destroySSL();
}

function initRead(tlsSocket, socket) {
  const ssl = tlsSocket._handle;
  if (!ssl) return;
  // What a taken-over socket read before it was wrapped is the start of the TLS stream (a
  // stream's buffered data comes through its transport).
  if (socket && socket._handle === ssl._parent && socket.readableLength) {
    let buf;
    while ((buf = socket.read()) !== null) ssl._process(native.receive(ssl.connId, buf));
  }
  // A server over a socket already connected (or a stream) starts at once.
  if (tlsSocket._tlsOptions.isServer && (!socket || !tlsSocket.connecting)) ssl.start();
  // Reading starts even when paused (pauseOnConnect): the handshake needs it; a socket still
  // connecting starts on its 'connect'.
  tlsSocket.read(0);
}

TLSSocket.prototype._wrapHandle = function _wrapHandle(wrap, handle) {
  const options = this._tlsOptions;
  if (!handle) handle = internals.netHandle(options.pipe ? 'PIPE' : 'TCP');
  const context = options.secureContext || options.credentials || common.createSecureContext(options);
  const res = new TLSHandle(handle, context, Boolean(options.isServer));
  res._parentWrap = wrap;
  if (wrap instanceof net.Socket && wrap._handle === handle && wrap.writableLength > 0 && !wrap.writableEnded) {
    res.holdUntilWritten(wrap);
  }
  res.reading = false;
  this[kRes] = res;
  this[kErrorEmitted] = false;
  return res;
};

TLSSocket.prototype[internals.netReinitializeHandle] = function reinitializeHandle() {
  const old = this._handle;
  const parent = internals.netHandle('TCP');
  if (old) old._parent.close();
  const res = new TLSHandle(parent, old._secureContext, Boolean(this._tlsOptions.isServer));
  res.reading = old.reading;
  res.owner = this;
  res.onread = old.onread;
  this._handle = res;
  this.ssl = res;
  this[kRes] = res;
  const servername = this._tlsOptions.servername ?? this[kConnectOptions]?.servername;
  this._configureClient(res);
  if (servername) res.set('servername', servername);
};

TLSSocket.prototype._configureClient = function _configureClient(ssl) {
  const options = this._tlsOptions;
  ssl.set('verify', Boolean(options.requestCert), Boolean(options.rejectUnauthorized));
  if (options.ALPNProtocols) ssl.set('alpn', options.ALPNProtocols);
  if (options.session) ssl.set('session', toBufferish(options.session));
  if (options.requestOCSP) ssl.set('requestOCSP', true);
  if (this.listenerCount('keylog') > 0) ssl.set('keylog', true);
  if (this.listenerCount('session') > 0) ssl.set('sessionEvents', true);
};

function toBufferish(value) {
  return typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
}

TLSSocket.prototype._init = function _init(socket, wrap) {
  const options = this._tlsOptions;
  const ssl = this._handle;
  this.server = options.server;

  const requestCert = Boolean(options.requestCert) || !options.isServer;
  const rejectUnauthorized = Boolean(options.rejectUnauthorized);
  this._requestCert = requestCert;
  this._rejectUnauthorized = rejectUnauthorized;

  if (options.isServer) {
    ssl.set('verify', Boolean(options.requestCert), rejectUnauthorized);
    ssl.set('pauseHello', true);
    if (options.ALPNProtocols) ssl.set('alpn', options.ALPNProtocols);
    this._SNICallback = options.SNICallback;
    this[kALPNCallback] = options.ALPNCallback ?? null;
    if (this.server) {
      if (this.server.listenerCount('newSession') > 0) ssl.set('sessionEvents', true);
      if (this.server.listenerCount('keylog') > 0) {
        ssl.set('keylog', true);
        this.on('keylog', (line) => this.server.emit('keylog', line, this));
      }
    }
  } else {
    ssl.set('verify', false, false);
    if (options.ALPNProtocols) ssl.set('alpn', options.ALPNProtocols);
    if (options.session) ssl.set('session', toBufferish(options.session));
    if (options.requestOCSP) ssl.set('requestOCSP', true);
  }

  if (options.pskCallback) {
    validateFunction(options.pskCallback, 'pskCallback');
    this[kPskCallback] = options.pskCallback;
    const exchange = options.isServer ? onPskServerCallback : onPskClientCallback;
    ssl.set('psk', (...args) => exchange.call(this, ...args));
    if (options.pskIdentityHint) {
      validateString(options.pskIdentityHint, 'options.pskIdentityHint');
      if (native.connSet(ssl.connId, 'pskIdentityHint', options.pskIdentityHint) === false) {
        this._onTLSError(codedError(Error, 'ERR_TLS_PSK_SET_IDENTITY_HINT_FAILED', 'Failed to set PSK identity hint'));
      }
    }
  }

  if (keylogFile()) {
    ssl.set('keylog', true);
    this.on('keylog', writeKeylog);
  }

  this.on('newListener', (event) => {
    if (event === 'keylog' && this._handle) this._handle.set('keylog', true);
    if (event === 'session' && this._handle) this._handle.set('sessionEvents', true);
  });

  if (socket) this._parent = socket;
  if (socket instanceof net.Socket) {
    // A socket still connecting (or not yet told to) starts the handshake once it connects.
    this.connecting = socket.connecting || !socket._handle;
    socket.once('connect', () => {
      this.connecting = false;
      this.emit('connect');
    });
  }
  if (wrap) {
    if (typeof wrap.on === 'function') wrap.on('error', (err) => this._emitTLSError(err));
    // The wrapped socket ends with this one (a server counts its connections by it).
    if (wrap instanceof net.Socket) {
      this.once('close', () => { if (!wrap.destroyed) wrap.destroy(); });
      wrap.once('close', () => this.destroy());
    }
  } else {
    this.connecting = true;
  }
};

// --tls-keylog's file, opened for appending at its first line.
let keylogPath;
let keylogFd = null;
function keylogFile() {
  keylogPath ??= internals.getOptionValue('--tls-keylog');
  return keylogPath;
}

function writeKeylog(line) {
  const fs = require('fs');
  keylogFd ??= fs.openSync(keylogPath, 'a');
  fs.writeSync(keylogFd, line);
}

TLSSocket.prototype._destroySSL = function _destroySSL() {
  if (!this.ssl) return;
  this.ssl.destroySSL();
  this.ssl = null;
  this[kRes] = null;
  this[kPendingSession] = null;
  this[kIsVerified] = false;
};

TLSSocket.prototype._tlsError = function _tlsError(err) {
  this.emit('_tlsError', err);
  if (this._controlReleased) return err;
  return null;
};

TLSSocket.prototype._emitTLSError = function _emitTLSError(err) {
  const e = this._tlsError(err);
  if (e) this.emit('error', e);
};

// An error of the TLS layer itself (node's TLSWrap onerror).
TLSSocket.prototype._onTLSError = function _onTLSError(err) {
  if (this._hadError) return;
  this._hadError = true;
  if (!this._secureEstablished) {
    this._closeAfterHandlingError = true;
    this.destroy(err);
  } else if (this._tlsOptions.isServer && this._rejectUnauthorized && /peer did not return a certificate/.test(err.message)) {
    this.destroy();
  } else {
    this._emitTLSError(err);
  }
};

TLSSocket.prototype._releaseControl = function _releaseControl() {
  if (this._controlReleased) return false;
  this._controlReleased = true;
  this.removeListener('error', this._tlsError);
  return true;
};

TLSSocket.prototype._handleTimeout = function _handleTimeout() {
  this._emitTLSError(codedError(Error, 'ERR_TLS_HANDSHAKE_TIMEOUT', 'TLS handshake timeout'));
};

TLSSocket.prototype._onHandshakeDone = function _onHandshakeDone() {
  if (!this._handle) return;
  if (this._newSessionPending) {
    this._securePending = true;
    return;
  }
  this._finishInit();
};

TLSSocket.prototype._finishInit = function _finishInit() {
  if (!this._handle) return;
  const alpn = this._handle.info('alpn');
  this.alpnProtocol = alpn === undefined ? false : alpn;
  // The server's name as the client asked for it (SNI), on both sides; false without one.
  const servername = this._handle.info('servername');
  this.servername = servername === undefined ? false : servername;
  this._secureEstablished = true;
  this.secureConnecting = false;
  if (this._tlsOptions.handshakeTimeout > 0) this.setTimeout(0, this._handleTimeout);
  this.emit('secure');
};

TLSSocket.prototype._onNewSession = function _onNewSession(sessionId, session) {
  if (this._tlsOptions.isServer) {
    const server = this.server;
    if (!server || server.listenerCount('newSession') === 0) return;
    this._newSessionPending = true;
    let once = false;
    const done = () => {
      if (once) return;
      once = true;
      if (!this._handle) return;
      this._newSessionPending = false;
      if (this._securePending) {
        this._securePending = false;
        this._finishInit();
      }
    };
    // A listener that throws is the server's error, not the connection's.
    try {
      server.emit('newSession', sessionId, session, done);
    } catch (err) {
      server.emit('error', err);
    }
    return;
  }
  if (this[kIsVerified]) this.emit('session', session);
  else this[kPendingSession] = session;
};

// A server's pskCallback, called by OpenSSL for the client's identity: the key (a buffer,
// or an object with one as `psk`), or nothing to refuse the identity.
function onPskServerCallback(identity, maxPskLen) {
  const ret = this[kPskCallback](this, identity);
  if (ret == null) return undefined;
  let psk;
  if (ArrayBuffer.isView(ret)) {
    psk = ret;
  } else {
    if (typeof ret !== 'object') throw invalidArgType('ret', 'of type object or an instance of Buffer, TypedArray, or DataView', ret);
    psk = ret.psk;
    validateBufferSource(psk, 'psk');
  }
  if (psk.length > maxPskLen) throw invalidArgValue('psk', psk, `Pre-shared key exceeds ${maxPskLen} bytes`);
  return psk;
}

// A client's pskCallback, called by OpenSSL with the server's identity hint (or null):
// [key, identity], or nothing to go without PSK.
function onPskClientCallback(hint, maxPskLen, maxIdentityLen) {
  const ret = this[kPskCallback](hint);
  if (ret == null) return undefined;
  validateObject(ret, 'ret');
  validateBufferSource(ret.psk, 'psk');
  if (ret.psk.length > maxPskLen) throw invalidArgValue('psk', ret.psk, `Pre-shared key exceeds ${maxPskLen} bytes`);
  validateString(ret.identity, 'identity');
  if (Buffer.byteLength(ret.identity) > maxIdentityLen) {
    throw invalidArgValue('identity', ret.identity, `PSK identity exceeds ${maxIdentityLen} bytes`);
  }
  return [ret.psk, ret.identity];
}

function validateBufferSource(value, name) {
  if (!ArrayBuffer.isView(value)) throw invalidArgType(name, 'an instance of Buffer, TypedArray, or DataView', value);
}

// A handshake callback's `(err, value)` continuation: a second call, an error, or the socket
// closed meanwhile destroys the socket; else `next(value)` goes on.
function handshakeContinuation(socket, next) {
  let once = false;
  return (err, value) => {
    if (once) return socket.destroy(codedError(Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'));
    once = true;
    if (err) return socket.destroy(err);
    if (!socket._handle) return socket.destroy(codedError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
    next(value);
  };
}

// The server's ClientHello pause: 'resumeSession', then SNICallback, then 'OCSPRequest', then
// ALPNCallback.
TLSSocket.prototype._onClientHello = function _onClientHello(hello) {
  const server = this.server;
  const afterSession = () => {
    if (!this._handle || this.destroyed) return;
    const servername = hello.servername;
    if (servername) this.servername = servername;
    const sni = this._SNICallback;
    const afterSNI = () => {
      if (!this._handle || this.destroyed) return;
      if (!hello.OCSPRequest || !server || server.listenerCount('OCSPRequest') === 0) return afterOCSP();
      const context = (this._handle._sniContext ?? server._sharedCreds).context;
      try {
        server.emit('OCSPRequest', context.getCertificate(), context.getIssuer(), handshakeContinuation(this, (response) => {
          if (response) this._handle.set('ocspResponse', toBufferish(response));
          afterOCSP();
        }));
      } catch (err) {
        this.destroy(err);
      }
    };
    const afterOCSP = () => {
      if (!this._handle || this.destroyed) return;
      if (this[kALPNCallback] && hello.protocols.length > 0) {
        let selected;
        try {
          selected = this[kALPNCallback].call(this, { servername: servername || undefined, protocols: hello.protocols });
        } catch (err) {
          this.destroy(err);
          return;
        }
        if (selected !== undefined && !hello.protocols.includes(selected)) {
          this.destroy(codedError(TypeError, 'ERR_TLS_ALPN_CALLBACK_INVALID_RESULT',
            `ALPN callback returned a value (${selected}) that did not match any of the client's offered protocols (${hello.protocols.join(', ')})`));
          return;
        }
        this._handle.set('alpnChoice', selected === undefined ? null : selected);
      }
      this._handle.resumeHello();
    };
    if (!servername || !sni) return afterSNI();
    // What a callback throws fails the handshake with it, as an error it passes on does.
    try {
      sni.call(this, servername, handshakeContinuation(this, (context) => {
        if (context) {
          const secureContext = context.context instanceof Object && context.context.id ? context : null;
          if (!secureContext) return this.destroy(new Error('Invalid SNI context'));
          this._handle.set('context', secureContext.context.id);
          this._handle._sniContext = secureContext;
        }
        afterSNI();
      }));
    } catch (err) {
      this.destroy(err);
    }
  };
  if (hello.sessionId.length > 0 && !hello.tlsTicket && server && server.listenerCount('resumeSession') > 0) {
    try {
      server.emit('resumeSession', hello.sessionId, handshakeContinuation(this, (session) => {
        if (session) this._handle.set('session', toBufferish(session));
        afterSession();
      }));
    } catch (err) {
      this.destroy(err);
    }
    return;
  }
  afterSession();
};

TLSSocket.prototype._start = function _start() {
  if (this.connecting) {
    this.once('connect', this._start);
    return;
  }
  if (!this._handle) return;
  this._handle.start();
};

TLSSocket.prototype.setServername = function setServername(name) {
  validateString(name, 'name');
  if (this._tlsOptions.isServer) {
    throw codedError(Error, 'ERR_TLS_SNI_FROM_SERVER', 'Cannot issue SNI from a TLS server-side socket');
  }
  this._handle.set('servername', name);
};

TLSSocket.prototype.setSession = function setSession(session) {
  if (typeof session === 'string') session = Buffer.from(session, 'latin1');
  this._handle.set('session', session);
};

TLSSocket.prototype.getPeerCertificate = function getPeerCertificate(detailed) {
  if (this._handle) {
    return common.translatePeerCertificate(this._handle.getPeerCertificate(Boolean(detailed))) || {};
  }
  return null;
};

TLSSocket.prototype.getCertificate = function getCertificate() {
  if (this._handle) return common.translatePeerCertificate(this._handle.getCertificate()) || {};
  return null;
};

TLSSocket.prototype.getPeerX509Certificate = function getPeerX509Certificate() {
  const cert = this._handle?.getPeerCertificate(true);
  if (!cert) return undefined;
  return require('internal/crypto/x509').certificateFromChain(cert);
};

TLSSocket.prototype.getX509Certificate = function getX509Certificate() {
  const cert = this._handle?.getCertificate();
  if (!cert) return undefined;
  const { X509Certificate } = require('internal/crypto/x509');
  return new X509Certificate(toBuffer(cert.raw));
};

TLSSocket.prototype.getCipher = function getCipher() {
  // Undefined while there is no cipher yet (mid-handshake), as node's getCurrentCipher.
  if (this._handle) return native.cipher(this._handle.connId);
  return null;
};

TLSSocket.prototype.getProtocol = function getProtocol() {
  if (this._handle) return this._handle.info('protocol') ?? null;
  return null;
};

TLSSocket.prototype.getSession = function getSession() {
  if (this._handle) {
    const der = this._handle.info('session');
    return der ? toBuffer(der) : undefined;
  }
  return undefined;
};

TLSSocket.prototype.getTLSTicket = function getTLSTicket() {
  if (this._handle) {
    const ticket = this._handle.info('ticket');
    return ticket ? toBuffer(ticket) : undefined;
  }
  return undefined;
};

TLSSocket.prototype.isSessionReused = function isSessionReused() {
  return Boolean(this._handle?.info('reused'));
};

TLSSocket.prototype.getEphemeralKeyInfo = function getEphemeralKeyInfo() {
  if (!this._handle) return null;
  if (this._tlsOptions.isServer) return {};
  const info = this._handle.info('ephemeralKey');
  if (!info) return {};
  if (info[0] === 'DH') return { type: 'DH', size: Number(info[2]) };
  return { type: info[0], name: info[1], size: Number(info[2]) };
};

TLSSocket.prototype.getFinished = function getFinished() {
  const bytes = this._handle?.info('finished');
  return bytes ? toBuffer(bytes) : undefined;
};

TLSSocket.prototype.getPeerFinished = function getPeerFinished() {
  const bytes = this._handle?.info('peerFinished');
  return bytes ? toBuffer(bytes) : undefined;
};

TLSSocket.prototype.getSharedSigalgs = function getSharedSigalgs() {
  return this._handle?.info('sharedSigalgs') ?? [];
};

TLSSocket.prototype.setMaxSendFragment = function setMaxSendFragment(size) {
  validateInteger(size, 'size', -(2 ** 31), 2 ** 31 - 1);
  if (!this._handle) return false;
  if (size < 512 || size > 16384) return false;
  this._handle.set('maxSendFragment', size);
  return true;
};

TLSSocket.prototype.exportKeyingMaterial = function exportKeyingMaterial(length, label, context) {
  validateInteger(length, 'length', 1, 2 ** 31 - 1);
  validateString(label, 'label');
  if (context !== undefined && !ArrayBuffer.isView(context)) {
    throw invalidArgType('context', 'an instance of Buffer, TypedArray, or DataView', context);
  }
  if (!this._secureEstablished) {
    throw codedError(Error, 'ERR_TLS_INVALID_STATE', 'TLS socket connection must be securely established');
  }
  const result = native.exportKeyingMaterial(this._handle.connId, length, label, context);
  if (Array.isArray(result)) throw common.opensslError(result);
  return toBuffer(result);
};

TLSSocket.prototype.disableRenegotiation = function disableRenegotiation() {
  this._disableRenegotiation = true;
};

// A server's handshake began: past the first, each is a client's renegotiation, refused when
// disabled or beyond tls.CLIENT_RENEG_LIMIT within tls.CLIENT_RENEG_WINDOW seconds.
TLSSocket.prototype._onHandshakeStart = function _onHandshakeStart() {
  const handle = this._handle;
  if (!handle) return;
  const tls = require('tls');
  const now = performance.now();
  if (now - handle.lastHandshakeTime >= tls.CLIENT_RENEG_WINDOW * 1000) handle.handshakes = 0;
  const first = handle.lastHandshakeTime === 0;
  handle.lastHandshakeTime = now;
  if (first) return;
  if (++handle.handshakes > tls.CLIENT_RENEG_LIMIT) {
    this._emitTLSError(codedError(Error, 'ERR_TLS_SESSION_ATTACK', 'TLS session renegotiation attack detected'));
    return;
  }
  if (this._disableRenegotiation) {
    this._emitTLSError(codedError(Error, 'ERR_TLS_RENEGOTIATION_DISABLED', 'TLS session renegotiation disabled for this socket'));
  }
};

TLSSocket.prototype.renegotiate = function renegotiate(options, callback) {
  validateObject(options, 'options');
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (this.destroyed) return false;
  let requestCert = !!this._requestCert;
  let rejectUnauthorized = !!this._rejectUnauthorized;
  if (options.requestCert !== undefined) requestCert = !!options.requestCert;
  if (options.rejectUnauthorized !== undefined) rejectUnauthorized = !!options.rejectUnauthorized;
  if (requestCert !== this._requestCert || rejectUnauthorized !== this._rejectUnauthorized) {
    this._handle.set('verify', requestCert, rejectUnauthorized);
    this._requestCert = requestCert;
    this._rejectUnauthorized = rejectUnauthorized;
  }
  const result = native.renegotiate(this._handle.connId);
  if (Array.isArray(result)) {
    const err = common.opensslError(result);
    if (callback) process.nextTick(callback, err);
    return false;
  }
  this._handle._process(native.cycle(this._handle.connId));
  if (callback) this.once('secure', () => callback(null));
  return true;
};

// OpenSSL's protocol trace of this connection, on stderr (nothing once it has closed, as node).
TLSSocket.prototype.enableTrace = function enableTrace() {
  this._handle?.set('trace', true);
};

TLSSocket.prototype.setKeyCert = function setKeyCert(context) {
  if (!(context instanceof common.SecureContext)) context = common.createSecureContext(context);
  this._handle.set('context', context.context.id);
};

for (const name of ['getCipher', 'getProtocol']) {
  Object.defineProperty(TLSSocket.prototype[name], 'name', { value: name });
}

// ---- server side ----

function onServerSocketSecure() {
  if (this._requestCert) {
    const verifyError = this._handle.verifyError();
    if (verifyError) {
      this.authorizationError = verifyError.code;
      if (this._rejectUnauthorized) this.destroy();
    } else {
      this.authorized = true;
    }
  }
  if (!this.destroyed && this._releaseControl()) {
    this._tlsOptions.server.emit('secureConnection', this);
  }
}

function onSocketTLSError(err) {
  if (!this._controlReleased && !this[kErrorEmitted]) {
    this[kErrorEmitted] = true;
    this._tlsOptions.server.emit('tlsClientError', err, this);
  }
}

function onSocketClose(err) {
  if (!err && !this._controlReleased && !this[kErrorEmitted] && this._tlsOptions.server) {
    this[kErrorEmitted] = true;
    const error = connResetException('socket hang up');
    this._tlsOptions.server.emit('tlsClientError', error, this);
  }
}

function tlsConnectionListener(rawSocket) {
  const socket = new TLSSocket(rawSocket, {
    secureContext: this._sharedCreds,
    isServer: true,
    server: this,
    requestCert: this.requestCert,
    rejectUnauthorized: this.rejectUnauthorized,
    handshakeTimeout: this[kHandshakeTimeout],
    ALPNProtocols: this.ALPNProtocols,
    ALPNCallback: this.ALPNCallback,
    SNICallback: this[kSNICallback] || SNICallback,
    pskCallback: this[kPskCallback],
    pskIdentityHint: this[kPskIdentityHint],
    pauseOnConnect: this.pauseOnConnect,
    enableTrace: this[kEnableTrace],
  });
  socket.on('secure', onServerSocketSecure);
  socket[kErrorEmitted] = false;
  socket.on('close', onSocketClose);
  socket.on('_tlsError', onSocketTLSError);
  if (this[kHandshakeTimeout] > 0) socket.setTimeout(this[kHandshakeTimeout], socket._handleTimeout);
}

function SNICallback(servername, callback) {
  const contexts = this.server._contexts;
  for (let i = contexts.length - 1; i >= 0; i--) {
    const [regexp, context] = contexts[i];
    if (regexp.test(servername)) {
      callback(null, context);
      return;
    }
  }
  callback(null, undefined);
}

function Server(options, listener) {
  if (!(this instanceof Server)) return new Server(options, listener);
  if (typeof options === 'function') {
    listener = options;
    options = {};
  } else if (options == null || typeof options === 'object') {
    options = options ?? {};
  } else {
    throw invalidArgType('options', 'of type object', options);
  }

  this._contexts = [];
  this.requestCert = options.requestCert === true;
  this.rejectUnauthorized = options.rejectUnauthorized !== false;

  this.ALPNProtocols = undefined;
  if (options.ALPNProtocols) require('tls').convertALPNProtocols(options.ALPNProtocols, this);
  this.ALPNCallback = options.ALPNCallback;
  if (this.ALPNCallback !== undefined) {
    validateFunction(this.ALPNCallback, 'options.ALPNCallback');
    if (options.ALPNProtocols) {
      throw codedError(TypeError, 'ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS',
        'The ALPNCallback and ALPNProtocols TLS options are mutually exclusive');
    }
  }

  this.setSecureContext(options);
  if (this[kPskCallback]) validateFunction(this[kPskCallback], 'options.pskCallback');
  if (this[kPskIdentityHint]) validateString(this[kPskIdentityHint], 'options.pskIdentityHint');
  this[kHandshakeTimeout] = options.handshakeTimeout || (120 * 1000);
  this[kEnableTrace] = options.enableTrace;
  this[kSNICallback] = options.SNICallback;
  if (typeof this[kHandshakeTimeout] !== 'number') {
    throw invalidArgType('options.handshakeTimeout', 'of type number', options.handshakeTimeout);
  }
  if (this[kSNICallback] !== undefined && typeof this[kSNICallback] !== 'function') {
    throw invalidArgType('options.SNICallback', 'of type function', options.SNICallback);
  }

  net.Server.call(this, options, tlsConnectionListener);
  if (listener) this.on('secureConnection', listener);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

Server.prototype.setSecureContext = function setSecureContext(options) {
  validateObject(options, 'options');
  this.key = options.key;
  this.cert = options.cert;
  this.ca = options.ca;
  this.passphrase = options.passphrase;
  this.pfx = options.pfx;
  this.ciphers = options.ciphers;
  this.ecdhCurve = options.ecdhCurve;
  this.dhparam = options.dhparam;
  this.honorCipherOrder = options.honorCipherOrder !== undefined ? Boolean(options.honorCipherOrder) : true;
  this.secureOptions = options.secureOptions;
  this.secureProtocol = options.secureProtocol;
  this.minVersion = options.minVersion;
  this.maxVersion = options.maxVersion;
  this.crl = options.crl;
  this.sigalgs = options.sigalgs;
  this.privateKeyIdentifier = options.privateKeyIdentifier;
  this.privateKeyEngine = options.privateKeyEngine;
  if (options.sessionIdContext) {
    this.sessionIdContext = options.sessionIdContext;
  } else {
    this.sessionIdContext = require('crypto').createHash('sha1').update(process.argv.join(' ')).digest('hex').slice(0, 32);
  }
  if (options.sessionTimeout) this.sessionTimeout = options.sessionTimeout;
  if (options.ticketKeys) this.ticketKeys = options.ticketKeys;
  if (options.pskCallback) this[kPskCallback] = options.pskCallback;
  if (options.pskIdentityHint) this[kPskIdentityHint] = options.pskIdentityHint;

  this._sharedCreds = common.createSecureContext({
    key: this.key, passphrase: this.passphrase, cert: this.cert, clientCertEngine: this.clientCertEngine,
    ca: this.ca, ciphers: this.ciphers, sigalgs: this.sigalgs, ecdhCurve: this.ecdhCurve, dhparam: this.dhparam,
    minVersion: this.minVersion, maxVersion: this.maxVersion, secureProtocol: this.secureProtocol,
    secureOptions: this.secureOptions, honorCipherOrder: this.honorCipherOrder, crl: this.crl,
    sessionIdContext: this.sessionIdContext, ticketKeys: this.ticketKeys, sessionTimeout: this.sessionTimeout,
    pfx: this.pfx,
  });
};

Server.prototype._getServerData = function _getServerData() {
  return { ticketKeys: this.getTicketKeys().toString('hex') };
};

Server.prototype._setServerData = function _setServerData(data) {
  this.setTicketKeys(Buffer.from(data.ticketKeys, 'hex'));
};

Server.prototype.getTicketKeys = function getTicketKeys() {
  return this._sharedCreds.context.getTicketKeys();
};

Server.prototype.setTicketKeys = function setTicketKeys(keys) {
  if (!ArrayBuffer.isView(keys)) throw invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', keys);
  if (keys.byteLength !== 48) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Session ticket keys must be a 48-byte buffer');
  }
  this._sharedCreds.context.setTicketKeys(keys);
};

Server.prototype.setOptions = function setOptions() {};

Server.prototype.addContext = function addContext(servername, context) {
  if (!servername) {
    throw codedError(TypeError, 'ERR_TLS_REQUIRED_SERVER_NAME', '"servername" is required parameter for Server.addContext');
  }
  const re = new RegExp(`^${servername.replace(/([.^$+?\-\\[\]{}])/g, '\\$1').replaceAll('*', '[^.]*')}$`, 'i');
  const secureContext = context instanceof common.SecureContext ? context : common.createSecureContext(context);
  this._contexts.push([re, secureContext]);
};

Server.prototype[EventEmitter.captureRejectionSymbol] = function(err, event, sock) {
  if (event === 'secureConnection') sock.destroy(err);
  else EventEmitter.prototype[EventEmitter.captureRejectionSymbol]?.call(this, err, event, sock);
};

function createServer(options, listener) {
  return new Server(options, listener);
}

// ---- client side ----

function onConnectSecure() {
  const options = this[kConnectOptions];
  let verifyError = this._handle.verifyError();
  if (!verifyError && !this.isSessionReused()) {
    const hostname = options.servername || options.host || (options.socket && options.socket._host) || 'localhost';
    const cert = this.getPeerCertificate(true);
    verifyError = options.checkServerIdentity(hostname, cert);
  }
  if (verifyError) {
    this.authorized = false;
    this.authorizationError = verifyError.code || verifyError.message;
    if (options.rejectUnauthorized) {
      this.destroy(verifyError);
      return;
    }
    this.emit('secureConnect');
  } else {
    this.authorized = true;
    this.emit('secureConnect');
  }
  this[kIsVerified] = true;
  const session = this[kPendingSession];
  this[kPendingSession] = null;
  if (session) this.emit('session', session);
  this.removeListener('end', onConnectEnd);
}

function onConnectEnd() {
  if (!this._hadError) {
    const options = this[kConnectOptions];
    this._hadError = true;
    const error = connResetException('Client network socket disconnected before secure TLS connection was established');
    error.path = options.path;
    error.host = options.host;
    error.port = options.port;
    error.localAddress = options.localAddress;
    this.destroy(error);
  }
}

function normalizeConnectArgs(listArgs) {
  const args = net._normalizeArgs(listArgs);
  const options = args[0];
  const cb = args[1];
  if (listArgs[1] !== null && typeof listArgs[1] === 'object') {
    Object.assign(options, listArgs[1]);
  } else if (listArgs[2] !== null && typeof listArgs[2] === 'object') {
    Object.assign(options, listArgs[2]);
  }
  return cb ? [options, cb] : [options];
}

let insecureWarningEmitted = false;
function allowUnauthorizedByEnv() {
  const allow = process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
  if (allow && !insecureWarningEmitted) {
    insecureWarningEmitted = true;
    process.emitWarning("Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to '0' makes TLS connections " +
      'and HTTPS requests insecure by disabling certificate verification.');
  }
  return allow;
}

function connect(...args) {
  args = normalizeConnectArgs(args);
  let options = args[0];
  const cb = args[1];
  const allowUnauthorized = allowUnauthorizedByEnv();
  const tls = require('tls');
  options = {
    rejectUnauthorized: !allowUnauthorized,
    ciphers: tls.DEFAULT_CIPHERS,
    checkServerIdentity: tls.checkServerIdentity,
    minDHSize: 1024,
    ...options,
  };
  if (!options.keepAlive) options.singleUse = true;
  validateFunction(options.checkServerIdentity, 'options.checkServerIdentity');
  if (typeof options.minDHSize !== 'number') {
    throw invalidArgType('options.minDHSize', 'of type number', options.minDHSize);
  }
  if (options.minDHSize <= 0) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE',
      `The value of "options.minDHSize" is out of range. It must be > 0. Received ${options.minDHSize}`);
  }
  const context = options.secureContext || tls.createSecureContext(options);
  const tlssock = new TLSSocket(options.socket, {
    allowHalfOpen: options.allowHalfOpen,
    pipe: !!options.path,
    secureContext: context,
    isServer: false,
    requestCert: true,
    rejectUnauthorized: options.rejectUnauthorized !== false,
    session: options.session,
    ALPNProtocols: options.ALPNProtocols,
    pskCallback: options.pskCallback,
    requestOCSP: options.requestOCSP,
    enableTrace: options.enableTrace,
    highWaterMark: options.highWaterMark,
    onread: options.onread,
    signal: options.signal,
  });
  options.rejectUnauthorized = options.rejectUnauthorized !== false;
  tlssock[kConnectOptions] = options;
  if (cb) tlssock.once('secureConnect', cb);

  if (!options.socket) {
    if (options.timeout) tlssock.setTimeout(options.timeout);
    tlssock.connect(options, tlssock._start);
  }
  tlssock._releaseControl();
  if (options.session) tlssock.setSession(options.session);
  if (options.servername) {
    if (net.isIP(options.servername) && !connect.ipServernameWarned) {
      connect.ipServernameWarned = true;
      process.emitWarning('Setting the TLS ServerName to an IP address is not permitted by RFC 6066. ' +
        'This will be ignored in a future version.', 'DeprecationWarning', 'DEP0123');
    }
    tlssock.setServername(options.servername);
  }
  if (options.socket) tlssock._start();
  tlssock.on('secure', onConnectSecure);
  tlssock.prependListener('end', onConnectEnd);
  return tlssock;
}

module.exports = {
  TLSSocket,
  Server,
  createServer,
  connect,
};
