'use strict';
// child_process: spawn/exec/execFile (children run under tokio::process, see
// runtime/child.rs) and their synchronous forms.

const childProcess = binding.childProcess();
const { Buffer } = require('buffer');
const EventEmitter = require('events');
const { codedError, invalidArgType, invalidArgValue, outOfRange, validateBoolean, validateObject, validateString } = require('internal/errors');
const { toPath } = require('internal/fs/utils');
const { kResourceName, addHandleSource } = require('internal/process/active_resources');

const { signals } = require('os').constants;

function normalizeStdio(stdio) {
  if (stdio === undefined) return ['pipe', 'pipe', 'pipe'];
  if (typeof stdio === 'string') return [stdio, stdio, stdio];
  return [0, 1, 2].map((fd) => {
    const entry = stdio[fd];
    if (entry === undefined || entry === null || entry === 'pipe' || entry === 'overlapped') return 'pipe';
    if (entry === fd || entry === 'inherit' || entry === process[['stdin', 'stdout', 'stderr'][fd]]) return 'inherit';
    if (typeof entry === 'number') return String(entry);
    return entry === 'ignore' ? 'ignore' : 'pipe';
  });
}

// The command, arguments and environment a spawn runs, with node's shell handling.
// A string argument with a NUL byte cannot reach execve: node refuses it up front.
function checkNullBytes(value, name) {
  if (typeof value === 'string' && value.includes('\u0000')) {
    throw invalidArgValue(name, value, 'must be a string without null bytes');
  }
}

// The checks and shaping of node's normalizeSpawnArguments: the command, its argv (after
// argv[0]), the environment pairs and the options.
let warnedShellArgs = false;
function normalizeSpawn(file, args, options) {
  validateString(file, 'file');
  checkNullBytes(file, 'file');
  if (file.length === 0) throw invalidArgValue('file', file, 'cannot be empty');
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args == null) {
    args = [];
  } else if (typeof args !== 'object') {
    throw invalidArgType('args', 'of type object', args);
  } else {
    options = args;
    args = [];
  }
  args.forEach((arg, index) => checkNullBytes(arg, `args[${index}]`));
  if (options !== undefined) validateObject(options, 'options');
  // Own properties only: an option set on Object.prototype changes nothing.
  options = { __proto__: null, ...options };
  if (options.cwd != null) options.cwd = toPath(options.cwd, 'options.cwd');
  if (options.detached != null) validateBoolean(options.detached, 'options.detached');
  for (const id of ['uid', 'gid']) {
    if (options[id] != null && !(Number.isInteger(options[id]) && options[id] >= -(2 ** 31) && options[id] < 2 ** 31)) {
      throw invalidArgType(`options.${id}`, 'of type int32', options[id]);
    }
  }
  if (options.shell != null && typeof options.shell !== 'boolean' && typeof options.shell !== 'string') {
    throw invalidArgType('options.shell', 'of type boolean or string', options.shell);
  }
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    checkNullBytes(options.argv0, 'options.argv0');
  }
  for (const name of ['windowsHide', 'windowsVerbatimArguments']) {
    if (options[name] != null) validateBoolean(options[name], `options.${name}`);
  }
  let command = file;
  let argv = args.map(String);
  if (options.shell) {
    checkNullBytes(options.shell, 'options.shell');
    if (options.shell === true && argv.length > 0 && !warnedShellArgs) {
      warnedShellArgs = true;
      process.emitWarning('Passing args to a child process with shell option true can lead to security vulnerabilities, ' +
        'as the arguments are not escaped, only concatenated.', 'DeprecationWarning', 'DEP0190');
    }
    const shell = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    argv = ['-c', [file, ...argv].join(' ')];
    command = shell;
  }
  const env = [];
  const source = options.env || process.env;
  // Inherited properties count too, as node's for...in does.
  for (const key in source) {
    const value = source[key];
    if (value === undefined) continue;
    checkNullBytes(key, `options.env['${key}']`);
    checkNullBytes(value, `options.env['${key}']`);
    env.push(`${key}=${value}`);
  }
  // NODE_V8_COVERAGE reaches subprocesses unless their env names it (an empty value stops it).
  const coverage = process.env.NODE_V8_COVERAGE;
  if (options.env && coverage && !Object.hasOwn(options.env, 'NODE_V8_COVERAGE')) {
    env.push(`NODE_V8_COVERAGE=${coverage}`);
  }
  require('internal/process/permission').inheritFlags(env, argv, internals.getOptionValue);
  return { command, argv, env, options };
}

function spawnSync(file, args, options) {
  const normalized = normalizeSpawn(file, args, options);
  const { command, argv, env } = normalized;
  options = normalized.options;
  validateTimeout(options.timeout);
  if (options.maxBuffer != null && !(typeof options.maxBuffer === 'number' && options.maxBuffer >= 0)) {
    throw outOfRange('options.maxBuffer', 'a positive number', options.maxBuffer);
  }
  if (options.killSignal != null && typeof options.killSignal !== 'string' && typeof options.killSignal !== 'number') {
    throw invalidArgType('options.killSignal', 'of type string or number', options.killSignal);
  }
  const killSignal = options.killSignal == null ? signals.SIGTERM : validSignal(options.killSignal);
  let input = options.input;
  if (input != null && typeof input !== 'string' && !ArrayBuffer.isView(input)) {
    throw invalidArgType('options.stdio[0]', 'of type string or an instance of Buffer, TypedArray, or DataView', input);
  }
  if (typeof input === 'string') input = Buffer.from(input, options.encoding && options.encoding !== 'buffer' ? options.encoding : 'utf8');
  const raw = childProcess.spawnSync(command, argv, options.cwd || null, env, input, normalizeStdio(options.stdio),
    options.timeout ?? 0, killSignal, options.argv0 ?? null, options.maxBuffer ?? 1024 * 1024);
  let error;
  if (raw.error) {
    error = new Error(`spawnSync ${command} ${raw.error}`);
    Object.assign(error, { errno: raw.errno, code: raw.error, syscall: `spawnSync ${command}`, path: command, spawnargs: argv });
    if (raw.pid === undefined) return { error, status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null };
  }
  const decode = (bytes) => {
    if (bytes === null) return null;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    return options.encoding && options.encoding !== 'buffer' ? buffer.toString(options.encoding) : buffer;
  };
  const stdout = decode(raw.stdout);
  const stderr = decode(raw.stderr);
  const result = { status: raw.status, signal: raw.signal, output: [null, stdout, stderr], pid: raw.pid, stdout, stderr };
  return error === undefined ? result : { error, ...result };
}

function checkExecResult(result, commandText) {
  // The error carries the whole result (itself included, as `error`), as node's does.
  if (result.error) throw Object.assign(result.error, result);
  if (result.status !== 0) {
    const stderr = result.stderr ? result.stderr.toString() : '';
    const error = new Error(`Command failed: ${commandText}${stderr ? `\n${stderr}` : ''}`);
    Object.assign(error, { status: result.status, signal: result.signal, output: result.output, pid: result.pid, stdout: result.stdout, stderr: result.stderr });
    throw error;
  }
  return result.stdout;
}

// Without a `stdio` option the child's stderr is captured, then written to ours (node's
// way: the error of a failed command carries it too).
function writeCapturedStderr(options, result) {
  if (!options?.stdio && result.stderr) process.stderr.write(result.stderr);
}

function execSync(command, options) {
  options = { __proto__: null, ...options };
  const stdio = options.stdio ?? 'pipe';
  const shell = typeof options.shell === 'string' ? options.shell : true;
  const result = spawnSync(command, [], { ...options, shell, stdio });
  writeCapturedStderr(options, result);
  return checkExecResult(result, command);
}

function execFileSync(file, args, options) {
  ({ args, options } = normalizeExecFileArgs(args, options));
  const result = spawnSync(file, args, { stdio: 'pipe', ...options });
  writeCapturedStderr(options, result);
  return checkExecResult(result, [file, ...args].join(' '));
}

// ---- asynchronous children ----
// A child's stdio pipes are socket pairs whose parent ends are net.Sockets; its exit and its
// IPC channel come from runtime/child.rs as childEvent(id, kind, a, b).

const children = new Map();
let nextChild = 1;

// A running child's handle, as node's ProcessWrap; its owner is the ChildProcess.
class ProcessHandle {
  constructor(pid, owner) {
    this.pid = pid;
    this.owner = owner;
    this.refed = true;
  }
  hasRef() { return this.refed; }
  get [kResourceName]() { return 'ProcessWrap'; }
}

addHandleSource(function* childHandles() {
  for (const child of children.values()) if (child._handle !== null) yield child._handle;
});

internals.childEvent = function (id, kind, a, b) {
  if (id === 0) parentChannel?.onEvent(kind, a, b);
  else children.get(id)?.onEvent(kind, a, b);
};

let net;
let dgram;
function lazyNet() {
  net ??= require('net');
  return net;
}

// ---- handles an IPC message can carry (node's handleConversion) ----
// send(handle, options, wire, channel): the native handle whose descriptor goes along (wire is
// the NODE_HANDLE message); got(message, fd, channel): the object.
const handleConversion = {
  'net.Native': {
    send: (handle) => handle,
    got: (message, fd) => internals.netHandleFromFd(fd, Boolean(message.listening)),
  },
  'net.Server': {
    send: (server) => server._handle,
    got(message, fd) {
      const server = new (lazyNet().Server)();
      server.listen(internals.netHandleFromFd(fd, true));
      return server;
    },
  },
  'net.Socket': {
    send(socket, options, wire, channel) {
      const handle = socket._handle;
      if (!handle) return null;
      if (socket.server) {
        // A server's connection: the server counts it (and waits for it) over there now.
        wire.key = socket.server._connectionKey;
        const known = channel.socketLists.send.has(wire.key);
        const list = channel.socketList('send', wire.key);
        if (!known) socket.server._setupWorker(list);
        if (!options.keepOpen) socket.server._connections--;
      }
      if (!options.keepOpen) {
        // The connection lives on in the receiver; the socket here is left without a handle.
        handle.onread = () => {};
        socket._handle = null;
        socket.setTimeout(0);
        process.nextTick(() => handle.close());
      }
      return handle;
    },
    got(message, fd, channel) {
      const handle = internals.netHandleFromFd(fd, false);
      const socket = new (lazyNet().Socket)({ handle, readable: true, writable: true });
      if (message.key) channel.socketList('got', message.key).add(socket);
      return socket;
    },
  },
  'UDP': {
    send: (handle) => handle,
    got: (message, fd) => internals.udpHandleFromFd(fd, message.dgramType),
  },
  'dgram.Socket': {
    send: (socket) => socket,
    got(message, fd) {
      dgram ??= require('dgram');
      const socket = dgram.createSocket(message.dgramType);
      socket.bind({ fd });
      return socket;
    },
  },
};

function handleType(handle) {
  const { Server, Socket } = lazyNet();
  if (handle instanceof Socket) return 'net.Socket';
  if (handle instanceof Server) return 'net.Server';
  if (handle instanceof internals.NetNativeHandle) return 'net.Native';
  dgram ??= require('dgram');
  if (handle instanceof dgram.Socket) return 'dgram.Socket';
  if (handle instanceof internals.UDPHandle) return 'UDP';
  return null;
}

function dgramFd(socket) {
  const symbol = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'state symbol');
  return socket[symbol]?.handle?.fd ?? -1;
}

// ---- IPC channels (fork) ----
// 'json': JSON lines; 'advanced': v8.serialize()'d messages, each after its 4-byte length.
// Messages whose cmd starts with NODE_ are node's own ('internalMessage'); a handle travels
// as { cmd: 'NODE_HANDLE', type, msg } with its descriptor, and the receiver acknowledges it.
class Channel {
  #target;
  #id;
  #serialization;
  #onClosed;
  #pendingText = '';
  #decoder = null;
  #pendingBytes = null;
  #fds = [];
  #writes = new Map();
  #nextWrite = 1;
  #refed = true;
  #awaitingAck = null;
  #queue = [];
  // Per server connection key, the sockets passed to (send) or from (got) the other side.
  socketLists = { send: new Map(), got: new Map() };

  constructor(target, id, fd, serialization, onClosed) {
    this.#target = target;
    this.#id = id;
    this.#serialization = serialization;
    this.#onClosed = onClosed;
    const channel = this;
    this.handle = {
      fd,
      ref() { channel.ref(); },
      unref() { channel.unref(); },
    };
    target.connected = true;
    target.channel = this.handle;
    target._channel = this.handle;
    target.send = (message, handle, options, callback) => this.#send(message, handle, options, callback);
    target.disconnect = () => this.#disconnect();
    target._send = (message, handle, options, callback) => this.#sendNow(message, handle, options ?? {}, callback);
  }

  socketList(kind, key) {
    const lists = this.socketLists[kind];
    let list = lists.get(key);
    if (list === undefined) {
      const { SocketListSend, SocketListReceive } = require('internal/socket_list');
      list = kind === 'send' ? new SocketListSend(this.#target, key) : new SocketListReceive(this.#target, key);
      lists.set(key, list);
    }
    return list;
  }

  ref() {
    this.#refed = true;
    childProcess.ipcRef(this.#id, true);
  }

  unref() {
    this.#refed = false;
    childProcess.ipcRef(this.#id, false);
  }

  #send(message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
      options = undefined;
    } else if (typeof options === 'function') {
      callback = options;
      options = undefined;
    } else if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw invalidArgType('options', 'of type object', options);
    }
    options = { swallowErrors: false, ...options };
    if (this.#target.connected) return this.#sendNow(message, handle, options, callback);
    const err = codedError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
    if (typeof callback === 'function') process.nextTick(callback, err);
    else process.nextTick(() => this.#target.emit('error', err));
    return false;
  }

  #encode(message) {
    if (this.#serialization === 'advanced') {
      const body = require('v8').serialize(message);
      const frame = Buffer.allocUnsafe(4 + body.length);
      frame.writeUInt32BE(body.length, 0);
      body.copy(frame, 4);
      return frame;
    }
    return Buffer.from(`${JSON.stringify(message)}\n`);
  }

  #sendNow(message, handle, options, callback) {
    if (message === undefined) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
    if (typeof message !== 'string' && typeof message !== 'object' && typeof message !== 'number' && typeof message !== 'boolean') {
      throw invalidArgType('message', 'one of type string, object, number, or boolean', message);
    }
    let fd = -1;
    let passed = null;
    if (handle) {
      const type = handleType(handle);
      if (type === null) throw codedError(TypeError, 'ERR_INVALID_HANDLE_TYPE', 'This handle type cannot be sent');
      // One handle at a time: later messages wait for its acknowledgement, as node's do (and
      // report whether the queue was empty).
      if (this.#awaitingAck) {
        this.#queue.push([message, handle, options, callback]);
        return this.#queue.length === 1;
      }
      const wire = { cmd: 'NODE_HANDLE', type, msg: message };
      if (type === 'dgram.Socket') {
        wire.dgramType = handle.type;
        fd = dgramFd(handle);
      } else if (type === 'UDP') {
        wire.dgramType = handle.ipv6 ? 'udp6' : 'udp4';
        fd = handle.fd;
      } else {
        passed = handleConversion[type].send(handle, options, wire, this);
        if (passed === null) {
          // A socket already closed has nothing to send; node sends the message alone.
          handle = null;
        } else {
          fd = passed.fd;
          // Its listening socket lives on in the receiver after ours closes.
          passed.shared = true;
          if (type === 'net.Native' && passed.listening) wire.listening = true;
        }
      }
      if (handle) {
        message = wire;
        this.#awaitingAck = true;
      }
    } else if (this.#awaitingAck && !(typeof message?.cmd === 'string' && message.cmd === 'NODE_HANDLE_ACK')) {
      this.#queue.push([message, handle, options, callback]);
      return this.#queue.length === 1;
    }
    const request = this.#nextWrite++;
    this.#writes.set(request, callback);
    const waiting = childProcess.ipcWrite(this.#id, this.#encode(message), request, fd);
    if (waiting < 0) {
      this.#writes.delete(request);
      const err = codedError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
      if (typeof callback === 'function') process.nextTick(callback, err);
      else if (!options.swallowErrors) process.nextTick(() => this.#target.emit('error', err));
      return false;
    }
    // Past two reads' worth of bytes waiting, the sender should back off (node's threshold).
    return waiting < 65536 * 2;
  }

  #flushQueue() {
    this.#awaitingAck = null;
    // What was queued goes even after disconnect(), which waits for it.
    while (!this.#awaitingAck && this.#queue.length > 0) {
      const [message, handle, options, callback] = this.#queue.shift();
      this.#sendNow(message, handle, options, callback);
    }
    if (!this.#awaitingAck && this.#disconnecting) this.#finishDisconnect();
  }

  #disconnecting = false;

  #disconnect() {
    if (!this.#target.connected) {
      this.#target.emit('error', codedError(Error, 'ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected'));
      return;
    }
    this.#target.connected = false;
    // Messages waiting for a handle's acknowledgement go first.
    if (this.#awaitingAck) {
      this.#disconnecting = true;
      return;
    }
    this.#finishDisconnect();
  }

  #finishDisconnect() {
    this.#disconnecting = false;
    childProcess.ipcClose(this.#id);
    this.#closeReceived();
    process.nextTick(() => {
      this.#target.emit('disconnect');
      this.#onClosed?.(false);
    });
  }

  #closeReceived() {
    for (const fd of this.#fds) childProcess.closeFd(fd);
    this.#fds = [];
    this.#target.channel = null;
    this.#target._channel = null;
  }

  // The other side closed the channel.
  #ended() {
    this.#closeReceived();
    if (!this.#target.connected) return;
    this.#target.connected = false;
    process.nextTick(() => {
      this.#target.emit('disconnect');
      this.#onClosed?.(true);
    });
  }

  #dispatch(message) {
    if (message !== null && typeof message === 'object' && message.cmd === 'NODE_HANDLE_ACK') {
      this.#flushQueue();
      return;
    }
    let handle;
    if (message !== null && typeof message === 'object' && message.cmd === 'NODE_HANDLE') {
      const fd = this.#fds.shift();
      this.#sendNow({ cmd: 'NODE_HANDLE_ACK' }, undefined, { swallowErrors: true });
      const conversion = handleConversion[message.type];
      if (fd === undefined || conversion === undefined) return;
      handle = conversion.got(message, fd, this);
      message = message.msg;
    }
    if (!this.#target.connected) return;
    const internal = message !== null && typeof message === 'object' && typeof message.cmd === 'string' && message.cmd.startsWith('NODE_');
    // Each message in its own tick: a listener that throws stops none of the others.
    process.nextTick(() => this.#target.emit(internal ? 'internalMessage' : 'message', message, handle));
  }

  onEvent(kind, a, b) {
    if (kind === 'ipcWritten') {
      const callback = this.#writes.get(a);
      this.#writes.delete(a);
      if (typeof callback === 'function') callback(b ?? null);
    } else if (kind === 'ipcEnd') {
      this.#ended();
    } else if (kind === 'ipc') {
      for (const fd of b) this.#fds.push(fd);
      const chunk = Buffer.from(a.buffer, a.byteOffset, a.length);
      if (this.#serialization === 'advanced') this.#readAdvanced(chunk);
      else this.#readJson(chunk);
    }
  }

  #readJson(chunk) {
    // A character split between reads is decoded whole.
    this.#decoder ??= new (require('string_decoder').StringDecoder)('utf8');
    this.#pendingText += this.#decoder.write(chunk);
    let newline;
    while ((newline = this.#pendingText.indexOf('\n')) !== -1) {
      const line = this.#pendingText.slice(0, newline);
      this.#pendingText = this.#pendingText.slice(newline + 1);
      this.#dispatch(JSON.parse(line));
    }
  }

  #readAdvanced(chunk) {
    let bytes = this.#pendingBytes ? Buffer.concat([this.#pendingBytes, chunk]) : chunk;
    const v8 = require('v8');
    while (bytes.length >= 4) {
      const size = bytes.readUInt32BE(0);
      if (bytes.length < 4 + size) break;
      const message = v8.deserialize(bytes.subarray(4, 4 + size));
      bytes = bytes.subarray(4 + size);
      this.#dispatch(message);
    }
    this.#pendingBytes = bytes.length > 0 ? Buffer.from(bytes) : null;
  }
}

// A process forked by node or anode talks to its parent through process.send/'message'; the
// channel keeps it alive while it has 'message' or 'disconnect' listeners (and is not unref'd).
let parentChannel = null;
function openParentChannel() {
  const fd = Number(process.env.NODE_CHANNEL_FD);
  const serialization = process.env.NODE_CHANNEL_SERIALIZATION_MODE === 'advanced' ? 'advanced' : 'json';
  delete process.env.NODE_CHANNEL_FD;
  delete process.env.NODE_CHANNEL_SERIALIZATION_MODE;
  if (!childProcess.ipcOpen(fd)) return;
  parentChannel = new Channel(process, 0, fd, serialization, null);
  let explicit = null;
  const update = (adding) => {
    const listeners = process.listenerCount('message') + process.listenerCount('disconnect') + adding;
    childProcess.ipcRef(0, explicit ?? listeners > 0);
  };
  const { handle } = parentChannel;
  handle.ref = () => {
    explicit = true;
    update(0);
  };
  handle.unref = () => {
    explicit = false;
    update(0);
  };
  process.on('newListener', (event) => {
    if (event === 'message' || event === 'disconnect') update(1);
  });
  process.on('removeListener', (event) => {
    if (event === 'message' || event === 'disconnect') update(0);
  });
}

function signalNumber(signal) {
  if (signal === undefined || signal === null) return signals.SIGTERM;
  if (typeof signal === 'number') {
    if (Object.values(signals).includes(signal) || signal === 0) return signal;
    throw codedError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${signal}`);
  }
  const number = signals[signal];
  if (number === undefined) throw codedError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${signal}`);
  return number;
}

// A signal an option names (node's convertToValidSignal): a signal's number, or its name in
// any case.
function validSignal(signal) {
  if (typeof signal === 'number' && signal !== 0 && Object.values(signals).includes(signal)) return signal;
  if (typeof signal === 'string' && Object.hasOwn(signals, signal.toUpperCase())) return signals[signal.toUpperCase()];
  throw codedError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${signal}`);
}

// What each stdio slot is for the native spawn: 'pipe', 'ignore', 'ipc' or an fd to share.
function stdioSlots(stdio) {
  if (stdio === undefined || stdio === null) stdio = 'pipe';
  if (typeof stdio === 'string') {
    if (stdio === 'inherit') stdio = [0, 1, 2];
    else if (['pipe', 'overlapped', 'ignore'].includes(stdio)) stdio = [stdio, stdio, stdio];
    else throw invalidArgValue('stdio', stdio);
  } else if (!Array.isArray(stdio)) {
    throw invalidArgValue('stdio', stdio);
  }
  while (stdio.length < 3) stdio = [...stdio, undefined];
  let ipc = -1;
  const slots = stdio.map((entry, fd) => {
    if (entry === null || entry === undefined) return fd < 3 ? 'pipe' : 'ignore';
    if (entry === 'pipe' || entry === 'overlapped') return 'pipe';
    if (entry === 'ignore') return 'ignore';
    if (entry === 'inherit') return String(fd);
    if (entry === 'ipc') {
      if (ipc !== -1) throw codedError(Error, 'ERR_IPC_ONE_PIPE', 'Child process can have only one IPC pipe');
      ipc = fd;
      return 'ipc';
    }
    if (typeof entry === 'number') return String(entry);
    if (typeof entry === 'object') {
      const handleFd = entry.fd ?? entry._handle?.fd;
      if (typeof handleFd === 'number' && handleFd >= 0) {
        // A listening socket handed to the child goes on listening there after ours closes.
        const handle = entry._handle ?? entry;
        if (handle.listening) handle.shared = true;
        return String(handleFd);
      }
      if (entry instanceof require('stream').Stream) {
        throw invalidArgValue('stdio', entry);
      }
    }
    throw invalidArgValue('stdio', entry);
  });
  return { slots, ipc };
}

function validateId(value, name) {
  if (value === undefined) return null;
  if (!Number.isInteger(value)) {
    if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be an integer. Received ${value}`);
  }
  return value;
}

class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this._handle = null;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
    this._id = 0;
    const created = require('diagnostics_channel').channel('child_process');
    if (created.hasSubscribers) created.publish({ process: this });
  }

  // options as node's: file, args (argv[0] first), envPairs ('KEY=value'; without them the
  // child gets this process's environment), cwd, stdio, detached, uid, gid, serialization.
  spawn(options) {
    validateObject(options, 'options');
    const { slots, ipc } = stdioSlots(options.stdio);
    if (options.serialization !== undefined && options.serialization !== 'json' && options.serialization !== 'advanced') {
      const inspected = require('internal/inspect').inspect(options.serialization);
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The property 'options.serialization' must be one of: undefined, 'json', 'advanced'. Received ${inspected}`);
    }
    let envPairs = Array.isArray(options.envPairs) ? [...options.envPairs] : null;
    if (ipc !== -1) {
      if (options.envPairs !== undefined && envPairs === null) {
        throw invalidArgType('options.envPairs', 'an instance of Array', options.envPairs);
      }
      envPairs ??= [];
      envPairs.push(`NODE_CHANNEL_SERIALIZATION_MODE=${options.serialization ?? 'json'}`);
    }
    validateString(options.file, 'options.file');
    const command = options.file;
    if (options.args !== undefined && !Array.isArray(options.args)) {
      throw invalidArgType('options.args', 'an instance of Array', options.args);
    }
    const args = options.args ?? [];
    const uid = validateId(options.uid, 'options.uid');
    const gid = validateId(options.gid, 'options.gid');
    this.spawnfile = command;
    this.spawnargs = args;
    this._id = nextChild++;
    const dc = require('diagnostics_channel');
    const spawnTrace = dc.tracingChannel('child_process.spawn');
    if (spawnTrace.start.hasSubscribers) spawnTrace.start.publish({ process: this, options });
    const cwd = typeof options.cwd === 'string' && options.cwd !== '' ? options.cwd : null;
    const result = childProcess.spawn(this._id, command, args.slice(1).map(String), cwd, envPairs, slots,
      args.length > 0 ? String(args[0]) : null, Boolean(options.detached), uid, gid);
    if (result.error !== undefined) {
      const err = new Error(`spawn ${command} ${result.error}`);
      Object.assign(err, { errno: result.errno, code: result.error, syscall: `spawn ${command}`, path: command, spawnargs: args.slice(1) });
      if (spawnTrace.error.hasSubscribers) spawnTrace.error.publish({ process: this, error: err });
      this._spawnErrno = result.errno;
      process.nextTick(() => {
        this.emit('error', err);
        this._maybeClose();
      });
      // The pipes exist, destroyed, as node's do after a failed spawn.
      const { Socket } = lazyNet();
      for (const [fd, slot] of slots.entries()) {
        if (slot !== 'pipe') continue;
        const socket = new Socket();
        this.stdio[fd] = socket;
        process.nextTick(() => socket.destroy());
      }
      [this.stdin, this.stdout, this.stderr] = this.stdio;
      return err;
    }
    this.pid = result.pid;
    this._handle = new ProcessHandle(result.pid, this);
    children.set(this._id, this);
    const { Socket } = lazyNet();
    for (const [fd, slot] of slots.entries()) {
      if (slot !== 'pipe') {
        this.stdio[fd] = null;
        continue;
      }
      const handle = internals.netHandleFromFd(result.fds[fd], false);
      const socket = new Socket({ handle, readable: fd !== 0, writable: fd !== 1 && fd !== 2 });
      if (fd === 0) socket.readable = false;
      if (fd > 0) {
        this._closesNeeded++;
        socket.on('close', () => this._maybeClose());
      }
      this.stdio[fd] = socket;
    }
    [this.stdin, this.stdout, this.stderr] = this.stdio;
    if (ipc !== -1) {
      this._closesNeeded++;
      // As in node, 'close' waits for the channel only when the child closes it: after the
      // parent's own disconnect() no 'close' comes.
      this._ipc = new Channel(this, this._id, ipc, options.serialization === 'advanced' ? 'advanced' : 'json',
        (byPeer) => byPeer && this._maybeClose());
    }
    process.nextTick(() => this.emit('spawn'));
    if (spawnTrace.end.hasSubscribers) spawnTrace.end.publish({ process: this });
    return null;
  }

  onEvent(kind, a, b) {
    if (kind !== 'exit') {
      this._ipc?.onEvent(kind, a, b);
      return;
    }
    if (!this._ipc || !this.connected) children.delete(this._id);
    this._handle = null;
    if (b !== null) this.signalCode = b;
    else this.exitCode = a;
    if (this.stdin && !this.stdin.destroyed) this.stdin.destroy();
    this.emit('exit', this.exitCode, this.signalCode);
    // Output nobody reads is drained so that 'close' follows, as node's flushStdio does.
    process.nextTick(() => {
      for (const stream of this.stdio.slice(1)) {
        if (stream?.readable && !stream._readableState.readableListening) stream.resume();
      }
    });
    this._maybeClose();
  }

  _maybeClose() {
    this._closesGot++;
    if (this._closesGot === this._closesNeeded) {
      children.delete(this._id);
      process.nextTick(() => this.emit('close', this.exitCode ?? this._spawnErrno ?? null, this.signalCode));
    }
  }

  kill(signal) {
    const number = signalNumber(signal);
    if (this._handle === null || this.pid === undefined) return false;
    const result = childProcess.kill(this.pid, number);
    if (result === 0) {
      this.killed = true;
      return true;
    }
    if (result === -3) return false; // ESRCH: gone already
    if (result === -22 || result === -1) {
      this.emit('error', Object.assign(new Error(`kill ${result === -1 ? 'EPERM' : 'EINVAL'}`),
        { errno: result, code: result === -1 ? 'EPERM' : 'EINVAL', syscall: 'kill' }));
    }
    return false;
  }

  ref() {
    if (this._handle !== null) this._handle.refed = true;
    if (this._id) childProcess.childRef(this._id, true);
  }

  unref() {
    if (this._handle !== null) this._handle.refed = false;
    if (this._id) childProcess.childRef(this._id, false);
  }

  [Symbol.dispose]() {
    if (!this.killed) this.kill();
  }
}

function spawn(file, args, options) {
  const normalized = normalizeSpawn(file, args, options);
  options = normalized.options;
  if (options.signal !== undefined && (options.signal === null || typeof options.signal !== 'object' || !('aborted' in options.signal))) {
    throw invalidArgType('options.signal', 'an instance of AbortSignal', options.signal);
  }
  validateTimeout(options.timeout);
  if (options.killSignal !== undefined) signalNumber(options.killSignal);
  const child = new ChildProcess();
  child.spawn({
    __proto__: null, ...options, file: normalized.command, args: [options.argv0 ?? normalized.command, ...normalized.argv], envPairs: normalized.env,
  });
  if (options.timeout > 0) {
    let timer = setTimeout(() => {
      timer = null;
      try {
        child.kill(options.killSignal);
      } catch (err) {
        child.emit('error', err);
      }
    }, options.timeout);
    child.once('exit', () => {
      if (timer) clearTimeout(timer);
    });
  }
  const { signal } = options;
  if (signal) {
    const onAbort = () => {
      if (child.kill(options.killSignal)) child.emit('error', abortError(signal.reason));
    };
    if (signal.aborted) process.nextTick(onAbort);
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      child.once('exit', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return child;
}

function validateTimeout(timeout) {
  if (timeout != null && !(Number.isInteger(timeout) && timeout >= 0)) {
    const received = require('internal/inspect').inspect(timeout);
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE',
      `The value of "timeout" is out of range. It must be an unsigned integer. Received ${received}`);
  }
}

function abortError(cause) {
  const err = new Error('The operation was aborted', cause === undefined ? undefined : { cause });
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  return err;
}

// fork(modulePath, args, options): node (here anode) running `modulePath`, with an IPC channel.
function fork(modulePath, args, options) {
  if (modulePath instanceof URL) modulePath = require('url').fileURLToPath(modulePath);
  if (typeof modulePath !== 'string') throw invalidArgType('modulePath', 'of type string or an instance of URL', modulePath);
  if (args == null) {
    args = [];
  } else if (typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  } else if (!Array.isArray(args)) {
    throw invalidArgType('args', 'an instance of Array', args);
  }
  if (options != null) validateObject(options, 'options');
  options = { __proto__: null, ...options, shell: false };
  let stdio = options.stdio ?? (options.silent ? 'pipe' : 'inherit');
  if (typeof stdio === 'string') stdio = [stdio === 'inherit' ? 0 : stdio, stdio === 'inherit' ? 1 : stdio, stdio === 'inherit' ? 2 : stdio, 'ipc'];
  else if (!stdio.includes('ipc')) {
    throw codedError(Error, 'ERR_CHILD_PROCESS_IPC_REQUIRED',
      "Forked processes must have an IPC channel, missing value 'ipc' in options.stdio");
  }
  let execArgv = options.execArgv ?? process.execArgv;
  if (execArgv === process.execArgv && process._eval != null) {
    // The child must not run the parent's -e code again (and fork itself, and so on).
    const index = execArgv.lastIndexOf(process._eval);
    if (index > 0) execArgv = [...execArgv.slice(0, index - 1), ...execArgv.slice(index + 1)];
  }
  return spawn(options.execPath ?? process.execPath, [...execArgv, modulePath, ...args], { ...options, stdio });
}

// execFile's and execFileSync's (args, options, callback), any of them left out.
function normalizeExecFileArgs(args, options, callback) {
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args !== null && typeof args === 'object') {
    callback = options;
    options = args;
    args = null;
  } else if (typeof args === 'function') {
    callback = args;
    options = null;
    args = null;
  } else if (args != null) {
    throw invalidArgType('args', 'an instance of Array', args);
  }
  args ??= [];
  if (typeof options === 'function') {
    callback = options;
    options = null;
  } else if (options != null) {
    validateObject(options, 'options');
  }
  if (callback != null && typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
  options = { __proto__: null, ...options };
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    checkNullBytes(options.argv0, 'options.argv0');
  }
  return { args, options, callback };
}

function execFile(file, args, options, callback) {
  ({ args, options, callback } = normalizeExecFileArgs(args, options, callback));
  options = { __proto__: null, encoding: 'utf8', timeout: 0, maxBuffer: 1024 * 1024, killSignal: 'SIGTERM', cwd: null, env: null, shell: false, ...options };
  validateTimeout(options.timeout);
  if (options.maxBuffer != null && !(typeof options.maxBuffer === 'number' && options.maxBuffer >= 0)) {
    if (typeof options.maxBuffer !== 'number') throw invalidArgType('options.maxBuffer', 'of type number', options.maxBuffer);
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE',
      `The value of "options.maxBuffer" is out of range. It must be a positive number. Received ${options.maxBuffer}`);
  }
  signalNumber(options.killSignal);
  const child = spawn(file, args, {
    cwd: options.cwd ?? undefined, env: options.env ?? undefined, gid: options.gid, shell: options.shell,
    signal: options.signal, uid: options.uid, argv0: options.argv0,
  });
  const encoding = options.encoding !== 'buffer' && Buffer.isEncoding(options.encoding) ? options.encoding : null;
  const chunks = { stdout: [], stderr: [] };
  const lengths = { stdout: 0, stderr: 0 };
  let killed = false;
  let exited = false;
  let timer = null;
  let ex = null;
  let cmd = file;

  const exithandler = (code, signal) => {
    if (exited) return;
    exited = true;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (!callback) return;
    const merge = (name) => (encoding || child[name]?.readableEncoding ? chunks[name].join('') : Buffer.concat(chunks[name]));
    const stdout = merge('stdout');
    const stderr = merge('stderr');
    if (!ex && code === 0 && signal === null) {
      callback(null, stdout, stderr);
      return;
    }
    if (args.length !== 0) cmd += ` ${args.join(' ')}`;
    if (!ex) {
      ex = new Error(`Command failed: ${cmd}\n${stderr}`);
      Object.assign(ex, {
        code: code < 0 ? require('util').getSystemErrorName(code) : code,
        killed: child.killed || killed,
        signal,
      });
    }
    ex.cmd = cmd;
    callback(ex, stdout, stderr);
  };
  const kill = () => {
    child.stdout?.destroy();
    child.stderr?.destroy();
    killed = true;
    try {
      child.kill(options.killSignal);
    } catch (err) {
      ex = err;
      exithandler();
    }
  };
  if (options.timeout > 0) {
    timer = setTimeout(() => {
      kill();
      timer = null;
    }, options.timeout);
  }
  for (const name of ['stdout', 'stderr']) {
    const stream = child[name];
    if (!stream) continue;
    if (encoding) stream.setEncoding(encoding);
    stream.on('data', (chunk) => {
      if (options.maxBuffer === Infinity) {
        chunks[name].push(chunk);
        return;
      }
      const streamEncoding = stream.readableEncoding;
      const length = streamEncoding ? Buffer.byteLength(chunk, streamEncoding) : chunk.length;
      lengths[name] += length;
      if (lengths[name] > options.maxBuffer) {
        const kept = options.maxBuffer - (lengths[name] - length);
        chunks[name].push(chunk.slice(0, kept));
        ex = codedError(RangeError, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER', `${name} maxBuffer length exceeded`);
        kill();
      } else {
        chunks[name].push(chunk);
      }
    });
  }
  child.addListener('close', exithandler);
  child.addListener('error', (err) => {
    ex = err;
    child.stdout?.destroy();
    child.stderr?.destroy();
    exithandler();
  });
  return child;
}

function exec(command, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  options = { __proto__: null, ...options };
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  return module.exports.execFile(command, options, callback);
}

// util.promisify(exec/execFile): named as the function it promises; bad arguments throw
// at the call, as the function's own do.
function promisified(run) {
  return { [run.name]: (...args) => {
    const { promise, resolve, reject } = Promise.withResolvers();
    promise.child = run(...args, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
    return promise;
  } }[run.name];
}
const customPromisify = Symbol.for('nodejs.util.promisify.custom');
Object.defineProperty(exec, customPromisify, { value: promisified(exec), enumerable: false });
Object.defineProperty(execFile, customPromisify, { value: promisified(execFile), enumerable: false });

internals.openParentChannel = openParentChannel;
module.exports = { ChildProcess, spawn, fork, exec, execFile, spawnSync, execSync, execFileSync };
