'use strict';
// worker_threads: Worker (a thread with its own isolate and loop, see runtime/worker.rs),
// parentPort and workerData inside it, and MessageChannel ports within one thread. Messages
// are structured clones made by V8's serializer; shared array buffers stay shared.

const EventEmitter = require('events');
const path = require('path');
const { codedError, invalidArgType } = require('internal/errors');

const { isMainThread, threadId } = binding.config;

// postMessage's second argument as an array: an iterable transfer list, or options whose
// `transfer` is one (node reads both).
function transferListOf(transfer) {
  if (transfer === undefined || transfer === null) return undefined;
  const iterable = (value) => typeof value[Symbol.iterator] === 'function';
  const isObject = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function';
  if (!isObject(transfer)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Optional transferList argument must be an iterable');
  }
  if (iterable(transfer)) return [...transfer];
  const option = transfer.transfer;
  if (option === undefined) return undefined;
  if (!isObject(option) || !iterable(option)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Optional options.transfer argument must be an iterable');
  }
  return [...option];
}

// ---- MessagePort ----
let portsToDeliver = [];
internals.deliverPortMessages = function () {
  const ports = portsToDeliver;
  portsToDeliver = [];
  for (const port of ports) port.deliver();
};

// A port keeps the loop alive while it has 'message' listeners, unless unref()ed or closed.
class MessagePort extends EventEmitter {
  #queue = [];
  #other = null;
  #started = false;
  #scheduled = false;
  #closed = false;
  #unrefed = false;
  #holdsLoop = false;

  constructor() {
    super();
    // Adding a 'message' listener starts the port (the listener is added right after).
    this.on('newListener', (event) => {
      if (event === 'message') this.#start(1);
    });
    this.on('removeListener', (event) => {
      if (event === 'message') this.#updateRef();
    });
  }

  static entangle(a, b) {
    a.#other = b;
    b.#other = a;
  }

  postMessage(value, transfer) {
    const list = transferListOf(transfer);
    if (list?.includes(this)) throw new DOMException('Transfer list contains source port', 'DataCloneError');
    const copy = binding.structuredClone(value, list);
    if (!this.#closed && this.#other !== null) this.#other.enqueue(copy);
  }

  enqueue(value) {
    if (this.#closed) return;
    this.#queue.push(value);
    this.#schedule();
  }

  takeMessage() {
    return this.#queue.length > 0 ? { message: this.#queue.shift() } : undefined;
  }

  // Messages are delivered from the loop's poll phase, as node's port wake-ups are.
  #schedule() {
    if (!this.#started || this.#scheduled || this.#queue.length === 0) return;
    this.#scheduled = true;
    portsToDeliver.push(this);
    if (portsToDeliver.length === 1) binding.wakeLoop('deliverPortMessages');
  }

  deliver() {
    this.#scheduled = false;
    while (this.#started && !this.#closed && this.#queue.length > 0) this.emit('message', this.#queue.shift());
  }

  #updateRef(addingListeners = 0) {
    const listening = this.listenerCount('message') + addingListeners > 0;
    const hold = !this.#closed && !this.#unrefed && this.#started && listening;
    if (hold !== this.#holdsLoop) {
      this.#holdsLoop = hold;
      binding.refLoop(hold ? 1 : -1);
    }
  }

  #start(addingListeners) {
    this.#started = true;
    this.#updateRef(addingListeners);
    this.#schedule();
  }

  start() {
    this.#start(0);
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue = [];
    this.#updateRef();
    const other = this.#other;
    setImmediate(() => this.emit('close'));
    if (other !== null) other.close();
  }

  ref() {
    this.#unrefed = false;
    this.#updateRef();
  }

  unref() {
    this.#unrefed = true;
    this.#updateRef();
  }

  hasRef() {
    return this.#holdsLoop;
  }
}

class MessageChannel {
  constructor() {
    this.port1 = new MessagePort();
    this.port2 = new MessagePort();
    MessagePort.entangle(this.port1, this.port2);
  }
}

function receiveMessageOnPort(port) {
  if (!(port instanceof MessagePort)) throw invalidArgType('port', 'an instance of MessagePort', port);
  return port.takeMessage();
}

// ---- inside a worker: parentPort and workerData ----
class ParentPort extends MessagePort {
  postMessage(value, transfer) {
    binding.parentPostMessage(value, transferListOf(transfer));
  }
}

const parentPort = isMainThread ? null : new ParentPort();
const workerData = isMainThread ? null : binding.workerData();
internals.parentPortMessage = (value) => parentPort.enqueue(value);

// ---- Worker ----
const workers = new Map();

function workerEntry(filename, options) {
  if (options.eval) {
    if (typeof filename !== 'string') throw invalidArgType('filename', 'of type string', filename);
    return filename;
  }
  if (filename instanceof URL || (typeof filename === 'string' && filename.startsWith('file:'))) {
    return require('url').fileURLToPath(filename);
  }
  if (typeof filename !== 'string') throw invalidArgType('filename', 'of type string or an instance of URL', filename);
  if (!path.isAbsolute(filename) && !/^\.\.?[\\/]/.test(filename)) {
    throw codedError(TypeError, 'ERR_WORKER_PATH', 'The worker script or module filename must be an absolute path or a ' +
      `relative path starting with './' or '../'. Received "${filename}"`);
  }
  return path.resolve(filename);
}

class Worker extends EventEmitter {
  #refed = true;
  #exitCode = undefined;

  constructor(filename, options = {}) {
    super();
    const entry = workerEntry(filename, options);
    const argv = Array.isArray(options.argv) ? options.argv.map(String) : [];
    this.threadId = binding.workerSpawn(entry, Boolean(options.eval), options.workerData, argv);
    this.resourceLimits = {};
    workers.set(this.threadId, this);
    binding.refLoop(1);
  }

  postMessage(value, transfer) {
    const list = transferListOf(transfer);
    if (this.#exitCode === undefined) binding.workerPostMessage(this.threadId, value, list);
  }

  terminate(callback) {
    if (typeof callback === 'function') {
      process.emitWarning('Passing a callback to worker.terminate() is deprecated. It returns a Promise instead.',
        'DeprecationWarning', 'DEP0132');
      this.once('exit', (code) => callback(null, code));
    }
    if (this.#exitCode !== undefined) return Promise.resolve();
    const exited = new Promise((resolve) => this.once('exit', resolve));
    binding.workerTerminate(this.threadId);
    return exited;
  }

  ref() {
    if (!this.#refed && this.#exitCode === undefined) binding.refLoop(1);
    this.#refed = true;
  }

  unref() {
    if (this.#refed && this.#exitCode === undefined) binding.refLoop(-1);
    this.#refed = false;
  }

  // Events the worker's thread posts to this one.
  static event(id, kind, value) {
    const worker = workers.get(id);
    if (worker === undefined) return;
    if (kind === 'exit') {
      workers.delete(id);
      worker.#exitCode = value;
      if (worker.#refed) binding.refLoop(-1);
      worker.threadId = -1;
      worker.emit('exit', value);
    } else {
      worker.emit(kind, value);
    }
  }
}
internals.workerEvent = Worker.event;

// Marks an object so that a transfer list holding it is a DataCloneError (a primitive is left).
function markAsUntransferable(object) {
  binding.markAsUntransferable(object);
}

function isMarkedAsUntransferable(object) {
  return binding.isMarkedAsUntransferable(object);
}

module.exports = {
  isMainThread, threadId, parentPort, workerData, resourceLimits: {},
  Worker, MessageChannel, MessagePort, receiveMessageOnPort, markAsUntransferable, isMarkedAsUntransferable,
};
