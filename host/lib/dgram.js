'use strict';
// node:dgram — UDP sockets. The native side (binding.dgram(), host/src/runtime/dgram.rs)
// owns each socket by id; this file keeps node's state machine (bind, connect, the queue of
// sends made before the bind finished) and its errors.

const { Buffer } = require('buffer');
const EventEmitter = require('events');
const {
  codedError, invalidArgType, invalidArgValue, outOfRange, validateFunction, validateObject, validateString,
} = require('internal/errors');
const { _errnoException: errnoException, _exceptionWithHostPort: exceptionWithHostPort, deprecate, promisify } = require('util');

const { isIP, validatePort } = require('internal/netaddr');
const { initAsyncResource, runAsResource, destroyResource } = require('internal/async_hooks');
const { kResourceName, addHandleSource, addRequestSource } = require('internal/process/active_resources');

const native = binding.dgram();

const BIND_STATE_UNBOUND = 0;
const BIND_STATE_BINDING = 1;
const BIND_STATE_BOUND = 2;

const CONNECT_STATE_DISCONNECTED = 0;
const CONNECT_STATE_CONNECTING = 1;
const CONNECT_STATE_CONNECTED = 2;

// Bind flags as the native side reads them.
const FLAG_REUSE_ADDR = 1;
const FLAG_IPV6_ONLY = 2;
const FLAG_REUSE_PORT = 4;

const kStateSymbol = Symbol('state symbol');
// --test-udp-no-try-send: no send completes at once; each goes through the send queue.
const queueSends = internals.getOptionValue('--test-udp-no-try-send') === true;
const handles = new Map();
let nextHandleId = 1;
addHandleSource(() => handles.values());
addRequestSource(() => sendRequests.values());

let dnsModule;
const defaultLookup = (...args) => (dnsModule ??= require('dns')).lookup(...args);

// One native UDP socket, in the shape node's lib code expects of its UDP wrap.
class UDP {
  constructor(ipv6, lookup) {
    this.id = nextHandleId++;
    this.ipv6 = ipv6;
    this.refed = true;
    const family = ipv6 ? 6 : 4;
    this.lookup = (address, callback) => {
      address ||= ipv6 ? '::1' : '127.0.0.1';
      // The default lookup answers an IP literal of the socket's own family itself.
      if (lookup === defaultLookup && isIP(address) === family) {
        process.nextTick(callback, null, address, family);
        return;
      }
      lookup(address, family, callback);
    };
    this.owner = null;
    handles.set(this.id, this);
    initAsyncResource(this, 'UDPWRAP');
  }
  bind(ip, port, flags) { return native.bind(this.id, this.ipv6, ip, port, flags); }
  open(fd) { return native.open(this.id, fd); }
  recvStart() { return native.recvStart(this.id); }
  recvStop() { return native.recvStop(this.id); }
  send(list, port, ip, request) { return native.send(this.id, list, ip, port, request, queueSends); }
  connect(ip, port) { return native.connect(this.id, ip, port); }
  disconnect() { return native.disconnect(this.id); }
  address(peer) { return native.sockname(this.id, peer); }
  option(name, ...values) { return native.option(this.id, name, ...values); }
  bufferSize(size, receive) { return native.bufferSize(this.id, size, receive); }
  getSendQueueSize() { return native.queue(this.id)[0]; }
  getSendQueueCount() { return native.queue(this.id)[1]; }
  hasRef() { return this.refed; }
  get fd() { return native.fd(this.id); }
  get [kResourceName]() { return 'UDPWrap'; }
  ref() { this.refed = true; native.ref(this.id, true); }
  unref() { this.refed = false; native.ref(this.id, false); }
  close() {
    native.close(this.id);
    handles.delete(this.id);
    destroyResource(this);
  }
}

const sendRequests = new Map();
let nextSendRequest = 1;

internals.dgramEvent = function (id, kind, a, b) {
  if (kind === 'sent') {
    native.sent(id);
    const request = sendRequests.get(a);
    sendRequests.delete(a);
    if (request !== undefined) {
      const error = b < 0 ? exceptionWithHostPort(b, 'send', request.address, request.port) : null;
      runAsResource(request, request.callback, undefined, [error, b < 0 ? undefined : b]);
      destroyResource(request);
    }
    return;
  }
  const handle = handles.get(id);
  if (handle === undefined || handle.owner === null) return;
  const socket = handle.owner;
  if (kind === 'message') {
    // A datagram from an address the receive block list holds is dropped.
    if (socket[kReceiveBlockList]?.check(b.address, b.family.toLowerCase())) return;
    const message = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    b.size = message.length;
    runAsResource(handle, socket.emit, socket, ['message', message, b]);
  } else if (kind === 'error') {
    runAsResource(handle, socket.emit, socket, ['error', errnoException(a, 'recvmsg')]);
  }
};

function validateNumber(value, name) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
}

function validateUint32(value, name) {
  validateNumber(value, name);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < 0 || value > 4294967295) throw outOfRange(name, '>= 0 && <= 4294967295', value);
}

function newHandle(type, lookup) {
  if (lookup !== undefined) validateFunction(lookup, 'lookup');
  else lookup = defaultLookup;
  if (type === 'udp4') return new UDP(false, lookup);
  if (type === 'udp6') return new UDP(true, lookup);
  throw codedError(TypeError, 'ERR_SOCKET_BAD_TYPE', 'Bad socket type specified. Valid types are: udp4, udp6');
}

function bufferArgTypeError(name, value) {
  return invalidArgType(name, 'of type string or an instance of Buffer, TypedArray, or DataView', value);
}

const kReceiveBlockList = Symbol('receiveBlockList');
const kSendBlockList = Symbol('sendBlockList');

function ipBlocked(ip) {
  return codedError(Error, 'ERR_IP_BLOCKED', `IP(${ip}) is blocked by net.BlockList`);
}

// Whether the send block list holds `ip`.
function sendBlocked(socket, ip) {
  return socket[kSendBlockList]?.check(ip, `ipv${isIP(ip)}`) ?? false;
}

function Socket(type, listener) {
  EventEmitter.call(this);
  let options;
  let lookup;
  if (type !== null && typeof type === 'object') {
    options = type;
    type = options.type;
    lookup = options.lookup;
  }
  for (const name of ['recvBufferSize', 'sendBufferSize']) {
    if (options?.[name] !== undefined) validateUint32(options[name], `options.${name}`);
  }
  for (const [name, key] of [['receiveBlockList', kReceiveBlockList], ['sendBlockList', kSendBlockList]]) {
    if (options?.[name] === undefined) continue;
    if (!require('net').BlockList.isBlockList(options[name])) {
      throw invalidArgType(`options.${name}`, 'an instance of net.BlockList', options[name]);
    }
    this[key] = options[name];
  }
  const handle = newHandle(type, lookup);
  handle.owner = this;
  this.type = type;
  if (typeof listener === 'function') this.on('message', listener);
  this[kStateSymbol] = {
    handle,
    receiving: false,
    bindState: BIND_STATE_UNBOUND,
    connectState: CONNECT_STATE_DISCONNECTED,
    queue: undefined,
    reuseAddr: options?.reuseAddr,
    reusePort: options?.reusePort,
    ipv6Only: options?.ipv6Only,
    recvBufferSize: options?.recvBufferSize,
    sendBufferSize: options?.sendBufferSize,
  };
  if (options?.signal !== undefined) {
    const { signal } = options;
    if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
      throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
    }
    const onAborted = () => {
      if (this[kStateSymbol].handle) this.close();
    };
    if (signal.aborted) onAborted();
    else {
      signal.addEventListener('abort', onAborted, { once: true });
      this.once('close', () => signal.removeEventListener('abort', onAborted));
    }
  }
  const channel = require('diagnostics_channel').channel('udp.socket');
  if (channel.hasSubscribers) channel.publish({ socket: this });
}
Object.setPrototypeOf(Socket.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Socket, EventEmitter);

function createSocket(type, listener) {
  return new Socket(type, listener);
}

function healthCheck(socket) {
  if (!socket[kStateSymbol].handle) throw codedError(Error, 'ERR_SOCKET_DGRAM_NOT_RUNNING', 'Not running');
}

function bufferSize(socket, size, receive) {
  if (size >>> 0 !== size) throw codedError(TypeError, 'ERR_SOCKET_BAD_BUFFER_SIZE', 'Buffer size must be a positive integer');
  const result = socket[kStateSymbol].handle.bufferSize(size, receive);
  if (result < 0) {
    const [code, message] = require('util').getSystemErrorMap().get(result) ?? ['UNKNOWN', 'unknown error'];
    const syscall = receive ? 'uv_recv_buffer_size' : 'uv_send_buffer_size';
    const info = { errno: result, code, message, syscall };
    const err = codedError(Error, 'ERR_SOCKET_BUFFER_SIZE', `Could not get or set buffer size: ${syscall} returned ${code} (${message})`);
    Object.setPrototypeOf(err, systemErrorPrototype());
    err.info = info;
    for (const key of ['errno', 'syscall']) {
      Object.defineProperty(err, key, {
        get() { return info[key]; },
        set(value) { info[key] = value; },
        enumerable: true,
        configurable: true,
      });
    }
    throw err;
  }
  return result;
}

let systemErrorProto;
function systemErrorPrototype() {
  if (systemErrorProto) return systemErrorProto;
  systemErrorProto = Object.create(Error.prototype, {
    name: { value: 'SystemError', writable: true, configurable: true },
    toString: {
      value() { return `${this.name} [${this.code}]: ${this.message}`; },
      writable: true,
      configurable: true,
    },
  });
  return systemErrorProto;
}

function bindFlags(state) {
  let flags = 0;
  if (state.reuseAddr) flags |= FLAG_REUSE_ADDR;
  if (state.ipv6Only) flags |= FLAG_IPV6_ONLY;
  if (state.reusePort) flags |= FLAG_REUSE_PORT;
  return flags;
}

function startListening(socket, deferred = false) {
  const state = socket[kStateSymbol];
  state.handle.recvStart();
  state.receiving = true;
  state.bindState = BIND_STATE_BOUND;
  if (state.recvBufferSize) bufferSize(socket, state.recvBufferSize, true);
  if (state.sendBufferSize) bufferSize(socket, state.sendBufferSize, false);
  if (!deferred) socket.emit('listening');
  else {
    process.nextTick(() => {
      if (state.handle) socket.emit('listening');
    });
  }
}

function guessHandleType(fd) {
  return native.fdType(fd);
}

Socket.prototype.bind = function (port_, address_ /* , callback */) {
  let port = port_;
  healthCheck(this);
  const state = this[kStateSymbol];
  if (state.bindState !== BIND_STATE_UNBOUND) throw codedError(Error, 'ERR_SOCKET_ALREADY_BOUND', 'Socket is already bound');
  state.bindState = BIND_STATE_BINDING;

  const callback = arguments.length && arguments[arguments.length - 1];
  if (typeof callback === 'function') {
    const removeListeners = () => {
      this.removeListener('error', removeListeners);
      this.removeListener('listening', onListening);
    };
    const onListening = () => {
      removeListeners();
      callback.call(this);
    };
    this.on('error', removeListeners);
    this.on('listening', onListening);
  }

  if (port !== null && typeof port === 'object' && Number.isInteger(port.fd) && port.fd > 0 && port.fd <= 0x7fffffff) {
    const type = guessHandleType(port.fd);
    if (type !== 'UDP') throw codedError(TypeError, 'ERR_INVALID_FD_TYPE', `Unsupported fd type: ${type}`);
    const err = state.handle.open(port.fd);
    if (err) throw errnoException(err, 'open');
    startListening(this);
    return this;
  }

  let address;
  let exclusive = false;
  if (port !== null && typeof port === 'object') {
    address = port.address || '';
    exclusive = Boolean(port.exclusive);
    port = port.port;
  } else {
    address = typeof address_ === 'function' ? '' : address_;
  }
  if (!address) address = this.type === 'udp4' ? '0.0.0.0' : '::';

  state.handle.lookup(address, (err, ip) => {
    if (!state.handle) return; // Closed meanwhile.
    if (err) {
      state.bindState = BIND_STATE_UNBOUND;
      this.emit('error', err);
      return;
    }
    // reusePort sockets each bind for themselves (the kernel spreads datagrams among them).
    if (require('cluster').isWorker && !exclusive && !state.reusePort) {
      bindSharedHandle(this, { address: ip, port, addressType: this.type, fd: -1, flags: bindFlags(state) });
      return;
    }
    const result = state.handle.bind(ip, port || 0, bindFlags(state));
    if (result) {
      const ex = exceptionWithHostPort(result, 'bind', ip, port);
      state.bindState = BIND_STATE_UNBOUND;
      this.emit('error', ex);
      return;
    }
    startListening(this);
  });
  return this;
};

// A cluster worker's non-exclusive bind: the primary binds the socket and every worker
// that binds the same address gets its handle.
function bindSharedHandle(socket, options) {
  const state = socket[kStateSymbol];
  require('cluster')._getServer(socket, options, (err, handle) => {
    if (err) {
      state.bindState = BIND_STATE_UNBOUND;
      socket.emit('error', exceptionWithHostPort(err, 'bind', options.address, options.port));
      return;
    }
    // Closed while the primary answered.
    if (!state.handle) return handle.close();
    const previous = state.handle;
    handle.lookup = previous.lookup;
    handle.owner = socket;
    previous.owner = null;
    previous.close();
    state.handle = handle;
    startListening(socket);
  });
}

// The bind without a lookup: a numeric address, bound now; 'listening' follows on the next
// tick unless the socket closed by then.
Socket.prototype.bindSync = function (options = {}) {
  healthCheck(this);
  validateObject(options, 'options');
  const state = this[kStateSymbol];
  const port = validatePort(options.port ?? 0, 'options.port');
  let address = options.address;
  if (address === undefined) address = this.type === 'udp4' ? '0.0.0.0' : '::';
  else {
    validateString(address, 'options.address');
    if (isIP(address) === 0) {
      throw invalidArgValue('options.address', address, 'must be a numeric IP address; bindSync does not perform DNS resolution');
    }
  }
  if (state.bindState !== BIND_STATE_UNBOUND) throw codedError(Error, 'ERR_SOCKET_ALREADY_BOUND', 'Socket is already bound');
  const err = state.handle.bind(address, port, bindFlags(state));
  if (err) throw exceptionWithHostPort(err, 'bind', address, port);
  startListening(this, true);
  return this.address();
};

// The connect without a lookup: binds first when unbound; 'connect' follows on the next
// tick unless the socket closed by then.
Socket.prototype.connectSync = function (port, address) {
  port = validatePort(port, 'Port', false);
  if (address === undefined) address = this.type === 'udp4' ? '127.0.0.1' : '::1';
  else {
    validateString(address, 'address');
    if (isIP(address) === 0) {
      throw invalidArgValue('address', address, 'must be a numeric IP address; connectSync does not perform DNS resolution');
    }
  }
  healthCheck(this);
  const state = this[kStateSymbol];
  if (state.connectState !== CONNECT_STATE_DISCONNECTED) {
    throw codedError(Error, 'ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected');
  }
  if (state.bindState === BIND_STATE_BINDING) throw codedError(Error, 'ERR_SOCKET_ALREADY_BOUND', 'Socket is already bound');
  if (sendBlocked(this, address)) throw ipBlocked(address);
  if (state.bindState === BIND_STATE_UNBOUND) this.bindSync();
  const err = state.handle.connect(address, port);
  if (err) throw exceptionWithHostPort(err, 'connect', address, port);
  state.connectState = CONNECT_STATE_CONNECTED;
  process.nextTick(() => {
    if (state.handle) this.emit('connect');
  });
};

Socket.prototype.connect = function (port, address, callback) {
  port = validatePort(port, 'Port', false);
  if (typeof address === 'function') {
    callback = address;
    address = '';
  } else if (address === undefined) {
    address = '';
  }
  validateString(address, 'address');
  const state = this[kStateSymbol];
  if (state.connectState !== CONNECT_STATE_DISCONNECTED) {
    throw codedError(Error, 'ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected');
  }
  state.connectState = CONNECT_STATE_CONNECTING;
  if (state.bindState === BIND_STATE_UNBOUND) this.bind({ port: 0, exclusive: true }, null);
  if (state.bindState !== BIND_STATE_BOUND) {
    enqueue(this, connectNow.bind(this, port, address, callback));
    return;
  }
  connectNow.call(this, port, address, callback);
};

function connectNow(port, address, callback) {
  const state = this[kStateSymbol];
  if (callback) this.once('connect', callback);
  state.handle.lookup(address, (ex, ip) => {
    if (!state.handle) return;
    if (!ex && sendBlocked(this, ip)) ex = ipBlocked(ip);
    if (!ex) {
      const err = state.handle.connect(ip, port);
      if (err) ex = exceptionWithHostPort(err, 'connect', address, port);
    }
    if (ex) {
      state.connectState = CONNECT_STATE_DISCONNECTED;
      process.nextTick(() => {
        if (callback) {
          this.removeListener('connect', callback);
          callback(ex);
        } else {
          this.emit('error', ex);
        }
      });
      return;
    }
    state.connectState = CONNECT_STATE_CONNECTED;
    process.nextTick(() => this.emit('connect'));
  });
}

Socket.prototype.disconnect = function () {
  const state = this[kStateSymbol];
  if (state.connectState !== CONNECT_STATE_CONNECTED) throw codedError(Error, 'ERR_SOCKET_DGRAM_NOT_CONNECTED', 'Not connected');
  const err = state.handle.disconnect();
  if (err) throw errnoException(err, 'connect');
  state.connectState = CONNECT_STATE_DISCONNECTED;
};

Socket.prototype.sendto = function (buffer, offset, length, port, address, callback) {
  validateNumber(offset, 'offset');
  validateNumber(length, 'length');
  validateNumber(port, 'port');
  validateString(address, 'address');
  this.send(buffer, offset, length, port, address, callback);
};

function sliceBuffer(buffer, offset, length) {
  if (typeof buffer === 'string') buffer = Buffer.from(buffer);
  else if (!ArrayBuffer.isView(buffer)) throw bufferArgTypeError('buffer', buffer);
  offset >>>= 0;
  length >>>= 0;
  if (offset > buffer.byteLength) throw codedError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"offset" is outside of buffer bounds');
  if (offset + length > buffer.byteLength) throw codedError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"length" is outside of buffer bounds');
  return Buffer.from(buffer.buffer, buffer.byteOffset + offset, length);
}

function fixBufferList(list) {
  const fixed = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const chunk = list[i];
    if (typeof chunk === 'string') fixed[i] = Buffer.from(chunk);
    else if (!ArrayBuffer.isView(chunk)) return null;
    else fixed[i] = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  return fixed;
}

function enqueue(socket, action) {
  const state = socket[kStateSymbol];
  if (state.queue === undefined) {
    state.queue = [];
    socket.once(EventEmitter.errorMonitor, onListenError);
    socket.once('listening', onListenSuccess);
  }
  state.queue.push(action);
}

function onListenSuccess() {
  this.removeListener(EventEmitter.errorMonitor, onListenError);
  const state = this[kStateSymbol];
  const queue = state.queue;
  state.queue = undefined;
  for (const action of queue) action();
}

function onListenError() {
  this.removeListener('listening', onListenSuccess);
  this[kStateSymbol].queue = undefined;
}

// send(buffer, offset, length, port, address, callback) and its shorter forms; a connected
// socket takes no port or address.
Socket.prototype.send = function (buffer, offset, length, port, address, callback) {
  let list;
  const state = this[kStateSymbol];
  const connected = state.connectState === CONNECT_STATE_CONNECTED;
  if (!connected) {
    if (address || (port && typeof port !== 'function')) {
      buffer = sliceBuffer(buffer, offset, length);
    } else {
      callback = port;
      port = offset;
      address = length;
    }
  } else {
    if (typeof length === 'number') {
      buffer = sliceBuffer(buffer, offset, length);
      if (typeof port === 'function') {
        callback = port;
        port = null;
      }
    } else {
      callback = offset;
    }
    if (port || address) throw codedError(Error, 'ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected');
  }

  if (!Array.isArray(buffer)) {
    if (typeof buffer === 'string') list = [Buffer.from(buffer)];
    else if (!ArrayBuffer.isView(buffer)) throw bufferArgTypeError('buffer', buffer);
    else list = [buffer];
  } else if (!(list = fixBufferList(buffer))) {
    throw bufferArgTypeError('buffer list arguments', buffer);
  }

  if (!connected) port = validatePort(port, 'Port', false);
  if (typeof callback !== 'function') callback = undefined;
  if (typeof address === 'function') {
    callback = address;
    address = undefined;
  } else if (address != null) {
    validateString(address, 'address');
  }

  healthCheck(this);
  if (state.bindState === BIND_STATE_UNBOUND) this.bind({ port: 0, exclusive: true }, null);
  if (list.length === 0) list.push(Buffer.alloc(0));
  if (state.bindState !== BIND_STATE_BOUND) {
    enqueue(this, this.send.bind(this, list, port, address, callback));
    return;
  }
  const afterLookup = (ex, ip) => sendNow(ex, this, ip, list, address, port, callback);
  if (!connected) state.handle.lookup(address, afterLookup);
  else afterLookup(null, null);
};

function sendNow(ex, socket, ip, list, address, port, callback) {
  const state = socket[kStateSymbol];
  if (ex) {
    if (typeof callback === 'function') process.nextTick(callback, ex);
    else process.nextTick(() => socket.emit('error', ex));
    return;
  }
  if (!state.handle) return;
  if (port && sendBlocked(socket, ip)) {
    if (typeof callback === 'function') process.nextTick(callback, ipBlocked(ip));
    return;
  }
  const id = nextSendRequest++;
  const result = state.handle.send(list, port ? port : undefined, port ? ip : null, id);
  if (result === 0) {
    // Only a send that waits becomes an async resource (node's UDPSENDWRAP), as in node.
    const request = { callback, address, port, [kResourceName]: 'SendWrap' };
    initAsyncResource(request, 'UDPSENDWRAP');
    if (callback) sendRequests.set(id, request);
    else destroyResource(request);
    return;
  }
  if (!callback) return;
  if (result >= 1) process.nextTick(callback, null, result - 1);
  else process.nextTick(callback, exceptionWithHostPort(result, 'send', address, port));
}

Socket.prototype.close = function (callback) {
  const state = this[kStateSymbol];
  const queue = state.queue;
  if (typeof callback === 'function') this.on('close', callback);
  if (queue !== undefined) {
    queue.push(this.close.bind(this));
    return this;
  }
  healthCheck(this);
  stopReceiving(this);
  state.handle.close();
  state.handle = null;
  process.nextTick(() => this.emit('close'));
  return this;
};

Socket.prototype[Symbol.asyncDispose] = async function () {
  if (!this[kStateSymbol].handle) return;
  return promisify(this.close).call(this);
};

function stopReceiving(socket) {
  const state = socket[kStateSymbol];
  if (!state.receiving) return;
  state.handle.recvStop();
  state.receiving = false;
}

Socket.prototype.address = function () {
  healthCheck(this);
  const out = this[kStateSymbol].handle.address(false);
  if (typeof out === 'number') throw errnoException(out, 'getsockname');
  return out;
};

Socket.prototype.remoteAddress = function () {
  healthCheck(this);
  const state = this[kStateSymbol];
  if (state.connectState !== CONNECT_STATE_CONNECTED) throw codedError(Error, 'ERR_SOCKET_DGRAM_NOT_CONNECTED', 'Not connected');
  const out = state.handle.address(true);
  if (typeof out === 'number') throw errnoException(out, 'getpeername');
  return out;
};

function setOption(socket, name, syscall, ...values) {
  const err = socket[kStateSymbol].handle.option(name, ...values);
  if (err) throw errnoException(err, syscall);
}

Socket.prototype.setBroadcast = function (flag) {
  setOption(this, 'broadcast', 'setBroadcast', flag ? 1 : 0);
};

Socket.prototype.setTTL = function (ttl) {
  validateNumber(ttl, 'ttl');
  setOption(this, 'ttl', 'setTTL', ttl);
  return ttl;
};

Socket.prototype.setMulticastTTL = function (ttl) {
  validateNumber(ttl, 'ttl');
  setOption(this, 'multicastTTL', 'setMulticastTTL', ttl);
  return ttl;
};

Socket.prototype.setMulticastLoopback = function (flag) {
  setOption(this, 'multicastLoopback', 'setMulticastLoopback', flag ? 1 : 0);
  return flag;
};

Socket.prototype.setMulticastInterface = function (interfaceAddress) {
  healthCheck(this);
  validateString(interfaceAddress, 'interfaceAddress');
  setOption(this, 'multicastInterface', 'setMulticastInterface', interfaceAddress);
};

function missingArgs(name) {
  return codedError(TypeError, 'ERR_MISSING_ARGS', `The "${name}" argument must be specified`);
}

Socket.prototype.addMembership = function (multicastAddress, interfaceAddress) {
  healthCheck(this);
  if (!multicastAddress) throw missingArgs('multicastAddress');
  setOption(this, 'addMembership', 'addMembership', `${multicastAddress}`, interfaceAddress == null ? null : `${interfaceAddress}`);
};

Socket.prototype.dropMembership = function (multicastAddress, interfaceAddress) {
  healthCheck(this);
  if (!multicastAddress) throw missingArgs('multicastAddress');
  setOption(this, 'dropMembership', 'dropMembership', `${multicastAddress}`, interfaceAddress == null ? null : `${interfaceAddress}`);
};

Socket.prototype.addSourceSpecificMembership = function (sourceAddress, groupAddress, interfaceAddress) {
  healthCheck(this);
  validateString(sourceAddress, 'sourceAddress');
  validateString(groupAddress, 'groupAddress');
  setOption(this, 'addSourceSpecificMembership', 'addSourceSpecificMembership', sourceAddress, groupAddress,
            interfaceAddress == null ? null : `${interfaceAddress}`);
};

Socket.prototype.dropSourceSpecificMembership = function (sourceAddress, groupAddress, interfaceAddress) {
  healthCheck(this);
  validateString(sourceAddress, 'sourceAddress');
  validateString(groupAddress, 'groupAddress');
  setOption(this, 'dropSourceSpecificMembership', 'dropSourceSpecificMembership', sourceAddress, groupAddress,
            interfaceAddress == null ? null : `${interfaceAddress}`);
};

Socket.prototype.ref = function () {
  this[kStateSymbol].handle?.ref();
  return this;
};

Socket.prototype.unref = function () {
  this[kStateSymbol].handle?.unref();
  return this;
};

Socket.prototype.setRecvBufferSize = function (size) {
  bufferSize(this, size, true);
};

Socket.prototype.setSendBufferSize = function (size) {
  bufferSize(this, size, false);
};

Socket.prototype.getRecvBufferSize = function () {
  return bufferSize(this, 0, true);
};

Socket.prototype.getSendBufferSize = function () {
  return bufferSize(this, 0, false);
};

Socket.prototype.getSendQueueSize = function () {
  return this[kStateSymbol].handle.getSendQueueSize();
};

Socket.prototype.getSendQueueCount = function () {
  return this[kStateSymbol].handle.getSendQueueCount();
};

// The private fields node deprecated (DEP0112).
for (const [name, field] of [['_handle', 'handle'], ['_receiving', 'receiving'], ['_bindState', 'bindState'],
  ['_queue', 'queue'], ['_reuseAddr', 'reuseAddr']]) {
  Object.defineProperty(Socket.prototype, name, {
    get: deprecate(function () { return this[kStateSymbol][field]; }, `Socket.prototype.${name} is deprecated`, 'DEP0112'),
    set: deprecate(function (value) { this[kStateSymbol][field] = value; }, `Socket.prototype.${name} is deprecated`, 'DEP0112'),
    configurable: true,
  });
}

Socket.prototype._healthCheck = deprecate(function () {
  healthCheck(this);
}, 'Socket.prototype._healthCheck() is deprecated', 'DEP0112');

Socket.prototype._stopReceiving = deprecate(function () {
  stopReceiving(this);
}, 'Socket.prototype._stopReceiving() is deprecated', 'DEP0112');

function _createSocketHandle(address, port, addressType, fd, flags) {
  const handle = newHandle(addressType);
  if (Number.isInteger(fd) && fd >= 0) {
    const err = guessHandleType(fd) === 'UDP' ? handle.open(fd) : -22; // UV_EINVAL
    if (err) {
      handle.close();
      return err;
    }
  } else if (port || address) {
    const err = handle.bind(address, port || 0, flags);
    if (err) {
      handle.close();
      return err;
    }
  }
  return handle;
}

// What cluster's primary binds for its workers and what a received UDP descriptor becomes.
internals.createUDPHandle = _createSocketHandle;
internals.UDPHandle = UDP;
internals.udpHandleFromFd = (fd, type) => _createSocketHandle(undefined, 0, type, fd, 0);

module.exports = {
  _createSocketHandle: deprecate(_createSocketHandle, 'dgram._createSocketHandle() is deprecated', 'DEP0112'),
  createSocket,
  Socket,
};
