'use strict';
// child_process: spawn/exec/execFile (children run under tokio::process, see
// runtime/child.rs) and their synchronous forms.

const { Buffer } = require('buffer');
const EventEmitter = require('events');
const { codedError, invalidArgType } = require('internal/errors');

const { signals } = require('os').constants;

function normalizeStdio(stdio) {
  if (stdio === undefined) return ['pipe', 'pipe', 'pipe'];
  if (typeof stdio === 'string') return [stdio, stdio, stdio];
  return [0, 1, 2].map((fd) => {
    const entry = stdio[fd];
    if (entry === undefined || entry === null || entry === 'pipe' || entry === 'overlapped') return 'pipe';
    if (entry === fd || entry === 'inherit' || entry === process[['stdin', 'stdout', 'stderr'][fd]]) return 'inherit';
    if (typeof entry === 'number') return 'inherit';
    return entry === 'ignore' ? 'ignore' : 'pipe';
  });
}

// The command, arguments and environment a spawn runs, with node's shell handling.
function normalizeSpawn(file, args, options) {
  if (typeof file !== 'string') throw invalidArgType('file', 'of type string', file);
  if (file.length === 0) {
    const err = new TypeError("The argument 'file' cannot be empty. Received ''");
    err.code = 'ERR_INVALID_ARG_VALUE';
    throw err;
  }
  if (!Array.isArray(args)) {
    if (args !== undefined && args !== null && typeof args !== 'object') throw invalidArgType('args', 'an instance of Array', args);
    options = args;
    args = [];
  }
  options = { ...options };
  let command = file;
  let argv = args.map(String);
  if (options.shell) {
    const shell = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    argv = ['-c', [file, ...argv].join(' ')];
    command = shell;
  }
  const env = Object.entries(options.env ?? process.env).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
  return { command, argv, env, options };
}

function spawnSync(file, args, options) {
  const normalized = normalizeSpawn(file, args, options);
  const { command, argv, env } = normalized;
  options = normalized.options;
  let input = options.input;
  if (typeof input === 'string') input = Buffer.from(input, options.encoding && options.encoding !== 'buffer' ? options.encoding : 'utf8');
  const killSignal = typeof options.killSignal === 'string' ? signals[options.killSignal] : options.killSignal;
  const raw = binding.spawnSync(command, argv, options.cwd ?? null, env, input, normalizeStdio(options.stdio),
    options.timeout ?? 0, killSignal ?? signals.SIGTERM);
  if (raw.error) {
    const error = new Error(`spawnSync ${command} ${raw.error}`);
    Object.assign(error, { errno: raw.errno, code: raw.error, syscall: `spawnSync ${command}`, path: command, spawnargs: argv });
    return { error, status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null };
  }
  const decode = (bytes) => {
    if (bytes === null) return null;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    return options.encoding && options.encoding !== 'buffer' ? buffer.toString(options.encoding) : buffer;
  };
  const stdout = decode(raw.stdout);
  const stderr = decode(raw.stderr);
  return { pid: raw.pid, output: [null, stdout, stderr], stdout, stderr, status: raw.status, signal: raw.signal };
}

function checkExecResult(result, commandText) {
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const stderr = result.stderr ? result.stderr.toString() : '';
    const error = new Error(`Command failed: ${commandText}${stderr ? `\n${stderr}` : ''}`);
    Object.assign(error, { status: result.status, signal: result.signal, output: result.output, pid: result.pid, stdout: result.stdout, stderr: result.stderr });
    throw error;
  }
  return result.stdout;
}

function execSync(command, options = {}) {
  const stdio = options.stdio ?? ['pipe', 'pipe', 'inherit'];
  const result = spawnSync(command, [], { ...options, shell: options.shell ?? true, stdio });
  return checkExecResult(result, command);
}

function execFileSync(file, args, options) {
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = { stdio: ['pipe', 'pipe', 'inherit'], ...options };
  return checkExecResult(spawnSync(file, args, options), [file, ...args].join(' '));
}

// ---- asynchronous children ----

const children = new Map();
let nextChild = 1;

internals.childEvent = function (id, kind, a, b) {
  if (id === 0) parentChannel?.onEvent(kind, a, b);
  else children.get(id)?.onEvent(kind, a, b);
};

// ---- IPC channels (fork): JSON lines over a socket pair, node's 'json' serialization ----
// `id` is the child the channel leads to (0: this process's parent); `fd` is the channel's fd.
class Channel {
  #target;
  #id;
  #fd;
  #onClosed;
  #pending = '';
  #writes = new Map();
  #nextWrite = 1;

  constructor(target, id, fd, onClosed) {
    this.#target = target;
    this.#id = id;
    this.#fd = fd;
    this.#onClosed = onClosed;
    target.connected = true;
    target.send = (message, handle, options, callback) => this.#send(message, [handle, options, callback].find((f) => typeof f === 'function'));
    target.disconnect = () => this.#disconnect();
  }

  #send(message, callback) {
    if (message === undefined) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
    if (!this.#target.connected) {
      const err = codedError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
      process.nextTick(() => (callback ? callback(err) : this.#target.emit('error', err)));
      return false;
    }
    const request = this.#nextWrite++;
    this.#writes.set(request, callback);
    binding.childWrite(this.#id, Buffer.from(`${JSON.stringify(message)}\n`), -request, this.#fd);
    return true;
  }

  #disconnect() {
    if (!this.#target.connected) {
      this.#target.emit('error', codedError(Error, 'ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected'));
      return;
    }
    binding.childCloseInput(this.#id, this.#fd);
    this.#closed(false);
  }

  // `byPeer`: the other side closed the channel (not our disconnect()).
  #closed(byPeer) {
    if (!this.#target.connected) return;
    this.#target.connected = false;
    process.nextTick(() => {
      this.#target.emit('disconnect');
      this.#onClosed?.(byPeer);
    });
  }

  // Whether an event was this channel's (its fd's output, or one of its writes).
  onEvent(kind, a, b) {
    if (kind === 'written' && a < 0) {
      const callback = this.#writes.get(-a);
      this.#writes.delete(-a);
      callback?.(b ?? null);
      return true;
    }
    if (kind !== 'output' || a !== this.#fd) return false;
    if (b === null) {
      this.#closed(true);
      return true;
    }
    this.#pending += Buffer.from(b.buffer, b.byteOffset, b.length).toString();
    let newline;
    while ((newline = this.#pending.indexOf('\n')) !== -1) {
      const line = this.#pending.slice(0, newline);
      this.#pending = this.#pending.slice(newline + 1);
      const message = JSON.parse(line);
      // node's internal messages (cmd NODE_*) are not the program's.
      if (typeof message?.cmd === 'string' && message.cmd.startsWith('NODE_')) continue;
      if (this.#target.connected) this.#target.emit('message', message);
    }
    return true;
  }
}

// A process forked by node or anode talks to its parent through process.send/'message'; the
// channel keeps it alive while it has 'message' or 'disconnect' listeners.
let parentChannel = null;
function openParentChannel() {
  const fd = Number(process.env.NODE_CHANNEL_FD);
  delete process.env.NODE_CHANNEL_FD;
  delete process.env.NODE_CHANNEL_SERIALIZATION_MODE;
  if (!binding.ipcOpen(fd)) return;
  let holding = false;
  const update = (adding) => {
    const hold = process.connected && process.listenerCount('message') + process.listenerCount('disconnect') + adding > 0;
    if (hold !== holding) binding.refLoop(hold ? 1 : -1);
    holding = hold;
  };
  parentChannel = new Channel(process, 0, fd, () => update(0));
  process.channel = { fd, ref() {}, unref() {} };
  process.on('newListener', (event) => {
    if (event === 'message' || event === 'disconnect') update(1);
  });
  process.on('removeListener', (event) => {
    if (event === 'message' || event === 'disconnect') update(0);
  });
}

function signalNumber(signal) {
  if (signal === undefined || signal === null) return signals.SIGTERM;
  if (typeof signal === 'number') return signal;
  const number = signals[signal];
  if (number === undefined) {
    const err = new TypeError(`Unknown signal: ${signal}`);
    err.code = 'ERR_UNKNOWN_SIGNAL';
    throw err;
  }
  return number;
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
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
    this._id = 0;
    this._writes = new Map();
  }

  spawn(options) {
    const { Readable, Writable } = require('stream');
    const { command, argv, env } = options;
    const modes = normalizeStdio(options.stdio);
    const ipcFd = Array.isArray(options.stdio) ? options.stdio.indexOf('ipc') : -1;
    this.spawnfile = command;
    this.spawnargs = [options.argv0 ?? command, ...argv];
    this._id = nextChild++;
    const pid = binding.spawn(this._id, command, argv, options.cwd ?? null, env, modes, options.argv0 ?? null, ipcFd);
    if (typeof pid === 'object') {
      const err = new Error(`spawn ${command} ${pid.error}`);
      Object.assign(err, { errno: pid.errno, code: pid.error, syscall: `spawn ${command}`, path: command, spawnargs: argv });
      this._spawnErrno = pid.errno;
      process.nextTick(() => {
        this.emit('error', err);
        this._maybeClose();
      });
      for (const [fd, mode] of modes.entries()) {
        if (mode !== 'pipe') continue;
        const stream = fd === 0 ? new Writable({ write(c, e, cb) { cb(); } }) : new Readable({ read() {} });
        this.stdio[fd] = stream;
        process.nextTick(() => stream.destroy());
      }
      [this.stdin, this.stdout, this.stderr] = this.stdio;
      return err;
    }
    this.pid = pid;
    children.set(this._id, this);
    if (ipcFd >= 0) {
      this._closesNeeded++;
      // As in node, 'close' waits for the channel only when the child closes it: after the
      // parent's own disconnect() no 'close' comes.
      this._channel = new Channel(this, this._id, ipcFd, (byPeer) => byPeer && this._maybeClose());
    }
    if (modes[0] === 'pipe') {
      const child = this;
      let nextWrite = 1;
      this.stdin = new Writable({
        write(chunk, encoding, callback) {
          const request = nextWrite++;
          child._writes.set(request, callback);
          if (!binding.childWrite(child._id, chunk, request)) {
            child._writes.delete(request);
            callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' }));
          }
        },
        final(callback) {
          binding.childCloseInput(child._id);
          callback();
        },
        destroy(err, callback) {
          binding.childCloseInput(child._id);
          callback(err);
        },
      });
    }
    for (const fd of [1, 2]) {
      if (modes[fd] !== 'pipe') continue;
      const stream = new Readable({ read() {} });
      stream.on('close', () => this._maybeClose());
      this._closesNeeded++;
      this.stdio[fd] = stream;
    }
    this.stdio[0] = this.stdin;
    [, this.stdout, this.stderr] = this.stdio;
    process.nextTick(() => this.emit('spawn'));
    return null;
  }

  onEvent(kind, a, b) {
    if (this._channel?.onEvent(kind, a, b)) return;
    if (kind === 'output') {
      const stream = this.stdio[a];
      if (b === null) stream?.push(null);
      else stream?.push(Buffer.from(b.buffer, b.byteOffset, b.length));
    } else if (kind === 'written') {
      const callback = this._writes.get(a);
      this._writes.delete(a);
      callback?.(b ?? undefined);
    } else if (kind === 'exit') {
      children.delete(this._id);
      this.exitCode = a;
      this.signalCode = b;
      if (this.stdin && !this.stdin.destroyed) this.stdin.destroy();
      this.emit('exit', a, b);
      // Output nobody reads is drained so that 'close' follows, as node's flushStdio does.
      for (const stream of [this.stdout, this.stderr]) {
        if (stream?.readable && !stream._readableState.readableListening) stream.resume();
      }
      this._maybeClose();
    }
  }

  _maybeClose() {
    this._closesGot++;
    if (this._closesGot === this._closesNeeded) {
      process.nextTick(() => this.emit('close', this.exitCode ?? this._spawnErrno ?? null, this.signalCode));
    }
  }

  kill(signal) {
    const number = signalNumber(signal);
    if (this.pid === undefined || this.exitCode !== null || this.signalCode !== null) return false;
    const result = binding.kill(this.pid, number);
    if (result === 0) {
      this.killed = true;
      return true;
    }
    return false;
  }

  ref() {
    if (this._id) binding.childRef(this._id, true);
  }

  unref() {
    if (this._id) binding.childRef(this._id, false);
  }
}

function spawn(file, args, options) {
  const normalized = normalizeSpawn(file, args, options);
  const child = new ChildProcess();
  child.spawn({ ...normalized.options, command: normalized.command, argv: normalized.argv, env: normalized.env });
  if (normalized.options.timeout > 0) {
    const timer = setTimeout(() => child.kill(normalized.options.killSignal), normalized.options.timeout);
    child.once('exit', () => clearTimeout(timer));
  }
  normalized.options.signal?.addEventListener('abort', () => child.kill(normalized.options.killSignal), { once: true });
  return child;
}

// fork(modulePath, args, options): node (here anode) running `modulePath`, with an IPC channel.
function fork(modulePath, args, options) {
  if (modulePath instanceof URL) modulePath = require('url').fileURLToPath(modulePath);
  if (typeof modulePath !== 'string') throw invalidArgType('modulePath', 'of type string or an instance of URL', modulePath);
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = { ...options };
  let stdio = options.stdio ?? (options.silent ? 'pipe' : 'inherit');
  if (typeof stdio === 'string') stdio = [stdio, stdio, stdio, 'ipc'];
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
  return spawn(options.execPath ?? process.execPath, [...execArgv, modulePath, ...args], { ...options, stdio, shell: false });
}

function execFile(file, args, options, callback) {
  if (typeof args === 'function') {
    callback = args;
    args = [];
    options = {};
  } else if (!Array.isArray(args)) {
    callback = options;
    options = args;
    args = [];
  }
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  options = { encoding: 'utf8', timeout: 0, maxBuffer: 1024 * 1024, killSignal: 'SIGTERM', ...options };
  const child = spawn(file, args, { ...options, timeout: 0 });
  const stdout = [];
  const stderr = [];
  let size = 0;
  let error = null;
  let timer = null;
  const commandText = [file, ...args].join(' ');
  const kill = () => {
    child.stdout?.destroy();
    child.stderr?.destroy();
    child.kill(options.killSignal);
  };
  const decode = (chunks) => {
    const buffer = Buffer.concat(chunks);
    return options.encoding && options.encoding !== 'buffer' ? buffer.toString(options.encoding) : buffer;
  };
  const collect = (into) => (chunk) => {
    size += chunk.length;
    if (size > options.maxBuffer) {
      error = new RangeError(`${into === stdout ? 'stdout' : 'stderr'} maxBuffer length exceeded`);
      error.code = 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER';
      kill();
      return;
    }
    into.push(chunk);
  };
  child.stdout?.on('data', collect(stdout));
  child.stderr?.on('data', collect(stderr));
  if (options.timeout > 0) {
    timer = setTimeout(() => {
      kill();
      timer = null;
    }, options.timeout);
  }
  let done = false;
  const finish = (code, signal) => {
    if (done) return;
    done = true;
    if (timer) clearTimeout(timer);
    const out = decode(stdout);
    const err = decode(stderr);
    if (!callback) return;
    if (error === null && code === 0 && signal === null) return callback(null, out, err);
    if (error === null) {
      error = new Error(`Command failed: ${commandText}\n${err}`);
      Object.assign(error, { code, killed: child.killed, signal, cmd: commandText });
    } else {
      Object.assign(error, { cmd: commandText });
    }
    callback(error, out, err);
  };
  child.on('close', finish);
  child.on('error', (err) => {
    error = err;
    Object.assign(err, { cmd: commandText });
  });
  return child;
}

function exec(command, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  return execFile(command, [], { ...options, shell: options?.shell ?? true }, callback);
}

function promisified(run) {
  return (...args) => {
    let child;
    const promise = new Promise((resolve, reject) => {
      child = run(...args, (err, stdout, stderr) => {
        if (err) reject(Object.assign(err, { stdout, stderr }));
        else resolve({ stdout, stderr });
      });
    });
    promise.child = child;
    return promise;
  };
}
const customPromisify = Symbol.for('nodejs.util.promisify.custom');
Object.defineProperty(exec, customPromisify, { value: promisified(exec), enumerable: false });
Object.defineProperty(execFile, customPromisify, { value: promisified(execFile), enumerable: false });

internals.openParentChannel = openParentChannel;
module.exports = { ChildProcess, spawn, fork, exec, execFile, spawnSync, execSync, execFileSync };
