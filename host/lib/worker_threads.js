'use strict';
// worker_threads: Worker (a thread with its own isolate and loop, see runtime/worker.rs),
// parentPort and workerData inside it, and MessageChannel ports within one thread. Messages
// are structured clones made by V8's serializer; shared array buffers stay shared.

const workerBinding = binding.worker();
const processMethods = binding.processMethods();
const EventEmitter = require('events');
const path = require('path');
const {
  codedError, invalidArgType, invalidThis, missingArgs, outOfRange, validateObject,
} = require('internal/errors');
const { Event } = require('internal/web');
const {
  EventTarget, NodeEventTarget, defineEventHandler, kCreateEvent, kNewListener, kRemoveListener,
} = require('internal/event_target');
const { initAsyncResource, destroyResource } = require('internal/async_hooks');

const { isMainThread, isInternalThread, threadId } = binding.config;

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
  const invalid = () => codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Optional options.transfer argument must be an iterable');
  if (!isObject(option) || !iterable(option)) throw invalid();
  const iterator = option[Symbol.iterator]();
  if (!isObject(iterator) || typeof iterator.next !== 'function') throw invalid();
  const list = [];
  for (let step = iterator.next(); !step.done; step = iterator.next()) list.push(step.value);
  return list;
}

// ---- MessagePort ----
// A MessageChannel's ends live in Rust (runtime/worker/ports.rs): any thread posts to one,
// the thread it was created on (or transferred to) receives. A parentPort is a port of its
// own kind: its messages come from the Worker object through the worker's task queue.
const ports = workerBinding.ports();
const kCreate = Symbol('kCreate');
const kDeliver = Symbol('kDeliver');
const kDetach = Symbol('kDetach');
const kReceiveOne = Symbol('kReceiveOne');
const kEnqueue = Symbol('kEnqueue');
const kInspect = Symbol('kInspect');
const kPortId = Symbol('kPortId');
const kMoveOut = Symbol('kMoveOut');
const kIsClosed = Symbol('kIsClosed');

const closedPortError = () => codedError(Error, 'ERR_CLOSED_MESSAGE_PORT', 'Cannot send data on closed MessagePort');

// Ports received on this thread, by id; held weakly (a port nothing references closes when
// collected), and strongly while they keep the loop alive.
const livePorts = new Map();
const loopHoldingPorts = new Set();
const portCollected = new FinalizationRegistry((id) => {
  if (livePorts.get(id)?.deref() === undefined) livePorts.delete(id);
  ports.close(id);
});

let portsToDeliver = [];
internals.deliverPortMessages = function () {
  const queued = portsToDeliver;
  portsToDeliver = [];
  for (const port of queued) port[kDeliver]();
};
// A port whose object was collected is closed, as its finalizer would.
internals.portWake = (id) => {
  const port = livePorts.get(id)?.deref();
  if (port !== undefined) return port[kDeliver]();
  livePorts.delete(id);
  ports.close(id);
  return true;
};
internals.portFromTransfer = (id, contextGlobal) => (contextGlobal === undefined
  ? new PortImpl(kCreate, id) : MovedPort.create(contextGlobal, id));

// Ports transferred by a message that was sent: they now belong to the receiving side.
function detachTransferred(list) {
  if (list === undefined) return;
  for (const item of list) {
    if (item instanceof PortImpl) item[kDetach]();
    else movedPorts.get(item)?.[kDetach]();
  }
}

// The number of messages one wake-up delivers before letting the loop turn.
const kDeliveryBatch = 1000;

let MessageEventClass;
const kCurrentPorts = Symbol('kCurrentPorts');

// A port is a NodeEventTarget: on('message') listeners get the message itself, 'message'
// event listeners (and onmessage) a MessageEvent carrying it and the ports it brought.
class PortEvents extends NodeEventTarget {
  constructor() {
    super();
    this[kCurrentPorts] = undefined;
  }

  [kCreateEvent](value, type) {
    if (type === 'message' || type === 'messageerror') {
      return new MessageEventClass(type, { data: value, ports: this[kCurrentPorts] ?? [] });
    }
    return super[kCreateEvent](value, type);
  }
}

class PortImpl extends PortEvents {
  #id = null;
  #queue = [];
  #started = false;
  #scheduled = false;
  #closed = false;
  // Set by ref() and the first 'message' listener, cleared by unref() and the last one's
  // removal, as node's ports; a refed port holds the loop until its 'close' is emitted.
  #refed = false;
  #closeEmitted = false;
  #holdsLoop = false;
  #delivering = false;
  // close() was called while messages were being delivered: those already queued go first.
  #closePending = false;
  #handlers = { message: null, messageerror: null };

  constructor(token, id = null) {
    if (token !== kCreate) throw codedError(TypeError, 'ERR_CONSTRUCT_CALL_INVALID', 'Constructor cannot be called');
    super();
    initAsyncResource(this, 'MESSAGEPORT');
    if (id !== null) {
      this.#id = id;
      ports.attach(this, id);
      this.#track();
    }
  }

  // The first 'message' listener refs and starts the port.
  [kNewListener](size, type, ...rest) {
    super[kNewListener](size, type, ...rest);
    if (type !== 'message' || size !== 1) return;
    this.#refed = true;
    this.#start();
  }

  // With no 'message' listener left the port stops (later messages wait in its queue) and
  // is unrefed.
  [kRemoveListener](size, type, ...rest) {
    super[kRemoveListener](size, type, ...rest);
    if (type !== 'message' || size !== 0) return;
    this.#started = false;
    this.#refed = false;
    this.#updateRef();
  }

  static pair(first, second) {
    const [firstId, secondId] = ports.pair(first, second);
    first.#id = firstId;
    second.#id = secondId;
    first.#track();
    second.#track();
  }

  #track() {
    livePorts.set(this.#id, new WeakRef(this));
    portCollected.register(this, this.#id, this);
  }

  postMessage(value, transfer) {
    if (arguments.length === 0) {
      throw codedError(TypeError, 'ERR_MISSING_ARGS', 'Not enough arguments to MessagePort.postMessage');
    }
    const list = transferListOf(transfer);
    if (list?.includes(this)) throw new DOMException('Transfer list contains source port', 'DataCloneError');
    const postedToItself = ports.post(this.#id ?? 0, value, list);
    detachTransferred(list);
    if (postedToItself) {
      process.emitWarning('The target port was posted to itself, and the communication channel was lost');
      this.close();
    }
  }

  // A parentPort's message from the Worker object.
  [kEnqueue](value) {
    if (this.#closed) return;
    this.#queue.push(value);
    this.#schedule();
  }

  // The next message: [value], null when the other end closed, undefined for none.
  #receive(onlyClose) {
    if (this.#id !== null) return ports.receive(this.#id, onlyClose);
    if (onlyClose || this.#queue.length === 0) return undefined;
    return [this.#queue.shift()];
  }

  [kReceiveOne]() {
    if (this.#closed) return undefined;
    const item = this.#receive(false);
    if (item === null) {
      this.#closeLocally();
      return undefined;
    }
    return item === undefined ? undefined : { message: item[0] };
  }

  // Messages are delivered from the loop's poll phase, as node's port wake-ups are.
  #schedule() {
    if (this.#id !== null) {
      if (this.#started) ports.notify(this.#id);
      return;
    }
    if (!this.#started || this.#scheduled || this.#queue.length === 0) return;
    this.#scheduled = true;
    portsToDeliver.push(this);
    if (portsToDeliver.length === 1) processMethods.wakeLoop('deliverPortMessages');
  }

  // Delivers what the port has queued; true when the rest waits for a later turn of the loop
  // (or for start()), so that the wake-up is not repeated now.
  [kDeliver]() {
    this.#scheduled = false;
    if (this.#delivering) return true;
    this.#delivering = true;
    let budget = kDeliveryBatch;
    let drained = false;
    try {
      while (!this.#closed) {
        // A port not started still hears that the other end closed.
        let item;
        let failure;
        try {
          item = this.#receive(!this.#started);
        } catch (err) {
          // A message that cannot be deserialized here is a 'messageerror' instead.
          failure = err;
        }
        if (failure === undefined && (item === undefined || item === null)) {
          drained = true;
          if (item === null) this.#closePending = true;
          return !this.#started;
        }
        if (failure !== undefined) {
          this.emit('messageerror', failure);
        } else {
          this[kCurrentPorts] = item[1];
          try {
            this.emit('message', item[0]);
          } finally {
            this[kCurrentPorts] = undefined;
          }
        }
        // Each message is a callback of its own, as in node: ticks and microtasks run after it.
        internals.processTicksAndRejections();
        if (--budget === 0 && !this.#closePending) return true;
      }
      drained = true;
      return true;
    } finally {
      this.#delivering = false;
      if (this.#closePending) {
        this.#closePending = false;
        this.#closeLocally();
      } else if (!drained && !this.#closed) {
        // The rest after the loop has turned (timers and immediates run in between).
        setImmediate(() => {
          if (this.#id !== null) ports.notify(this.#id);
          else this[kDeliver]();
        });
      }
    }
  }

  #updateRef() {
    const hold = this.#refed && !this.#closeEmitted;
    if (hold !== this.#holdsLoop) {
      this.#holdsLoop = hold;
      processMethods.refLoop(hold ? 1 : -1);
      if (hold) loopHoldingPorts.add(this);
      else loopHoldingPorts.delete(this);
    }
  }

  #start() {
    if (this.#closed) return;
    this.#started = true;
    this.#updateRef();
    this.#schedule();
  }

  start() {
    this.#start();
  }

  // Closed by this side, by the other end or by being transferred away.
  #closeLocally() {
    if (this.#closed) return false;
    if (this.#delivering) {
      this.#closePending = true;
      return false;
    }
    this.#closed = true;
    this.#queue = [];
    this.#updateRef();
    if (this.#id !== null) {
      ports.close(this.#id);
      livePorts.delete(this.#id);
      portCollected.unregister(this);
    }
    setImmediate(() => {
      this.#closeEmitted = true;
      this.#updateRef();
      destroyResource(this);
      this.emit('close');
    });
    return true;
  }

  // moveMessagePortToContext: the port's id, which a port of the other context takes over;
  // this one is left inert (no 'close' is emitted).
  get [kIsClosed]() {
    return this.#closed || this.#id === null;
  }

  [kMoveOut]() {
    const id = this.#id;
    livePorts.delete(id);
    portCollected.unregister(this);
    this.#id = null;
    this.#closed = true;
    this.#queue = [];
    this.#refed = false;
    this.#updateRef();
    return id;
  }

  [kDetach]() {
    if (this.#id !== null) {
      livePorts.delete(this.#id);
      portCollected.unregister(this);
      this.#id = null;
    }
    this.#closeLocally();
  }

  close(callback) {
    if (typeof callback === 'function') this.once('close', callback);
    this.#closeLocally();
  }

  ref() {
    this.#refed = true;
    this.#updateRef();
  }

  unref() {
    this.#refed = false;
    this.#updateRef();
  }

  hasRef() {
    return this.#holdsLoop;
  }

  get [kPortId]() {
    return this.#id;
  }

  [kInspect](options, inspect) {
    return `MessagePort [EventTarget] ${inspect({ active: !this.#closed, refed: this.#holdsLoop }, options)}`;
  }

  #setHandler(type, handler) {
    const previous = this.#handlers[type];
    if (previous !== null) this.removeEventListener(type, previous);
    this.#handlers[type] = typeof handler === 'function' ? handler : null;
    if (this.#handlers[type] !== null) this.addEventListener(type, this.#handlers[type]);
  }

  get onmessage() { return this.#handlers.message; }
  set onmessage(handler) { this.#setHandler('message', handler); }
  get onmessageerror() { return this.#handlers.messageerror; }
  set onmessageerror(handler) { this.#setHandler('messageerror', handler); }

}

// MessagePort is the class of ports, but not a constructor anyone may call.
function MessagePort() {
  throw codedError(TypeError, 'ERR_CONSTRUCT_CALL_INVALID', 'Constructor cannot be called');
}
MessagePort.prototype = PortImpl.prototype;
Object.defineProperty(PortEvents.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value(depth, options, inspect) { return depth < 0 ? this : this[kInspect](options, inspect); }, configurable: true, writable: true,
});
Object.defineProperty(PortImpl.prototype, 'constructor', { value: MessagePort, writable: true, configurable: true });
Object.defineProperty(MessagePort, Symbol.hasInstance, { value: (value) => value instanceof PortImpl });
// Its statics (the EventTarget brands among them) are PortImpl's.
Object.setPrototypeOf(MessagePort, PortImpl);

function MessageChannel() {
  if (new.target === undefined) {
    throw codedError(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', 'Cannot call constructor without `new`');
  }
  this.port1 = new PortImpl(kCreate);
  this.port2 = new PortImpl(kCreate);
  PortImpl.pair(this.port1, this.port2);
}

function receiveMessageOnPort(port) {
  if (port instanceof BroadcastChannel) port = port[kBroadcastPort] ?? port;
  if (!(port instanceof PortImpl)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "port" argument must be a MessagePort instance');
  }
  return port[kReceiveOne]();
}

// ---- moveMessagePortToContext ----
// A port moved to a vm context is an object of that context (internal/per_context/messageport,
// compiled there); its MovedPort here receives its messages, made in that context, and hands
// them to its onmessage (onmessageerror for one that cannot be made there). As node's, it is
// refed until closed and delivers once started.
const movedPorts = new WeakMap();
const contextPortKits = new WeakMap();

function contextPortKit(contextGlobal) {
  let kit = contextPortKits.get(contextGlobal);
  if (kit === undefined) {
    const load = (name) => {
      const module = { exports: {} };
      binding.compileBuiltin(name, contextGlobal)(module.exports, require, module, binding, internals, process);
      return module.exports;
    };
    const { DOMException } = load('internal/per_context/domexception');
    kit = load('internal/per_context/messageport').messagePortKit(movedPortNatives, DOMException);
    contextPortKits.set(contextGlobal, kit);
  }
  return kit;
}

class MovedPort {
  #id;
  #contextGlobal;
  #kit;
  #port;
  #started = false;
  #delivering = false;
  #refed = false;
  // 'closing' once close() ran, 'closed' once its handle is gone (hasRef() is then undefined).
  #state = 'open';

  static create(contextGlobal, id) {
    const record = new MovedPort(contextGlobal, id);
    return record.#port;
  }

  constructor(contextGlobal, id) {
    this.#id = id;
    this.#contextGlobal = contextGlobal;
    this.#kit = contextPortKit(contextGlobal);
    this.#port = this.#kit.newPort();
    ports.attach(this.#port, id);
    movedPorts.set(this.#port, this);
    livePorts.set(id, new WeakRef(this));
    portCollected.register(this, id, this);
    this.ref();
  }

  post(value, transfer) {
    const list = transferListOf(transfer);
    if (list?.includes(this.#port)) throw this.#kit.dataCloneError('Transfer list contains source port');
    let postedToItself;
    try {
      postedToItself = ports.post(this.#state === 'open' ? this.#id : 0, value, list);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'DataCloneError') throw this.#kit.dataCloneError(err.message);
      throw err;
    }
    detachTransferred(list);
    if (postedToItself) {
      process.emitWarning('The target port was posted to itself, and the communication channel was lost');
      this.close();
    }
  }

  start() {
    if (this.#state !== 'open') return;
    this.#started = true;
    ports.notify(this.#id);
  }

  ref() {
    if (this.#state !== 'open' || this.#refed) return;
    this.#refed = true;
    processMethods.refLoop(1);
    loopHoldingPorts.add(this);
  }

  unref() {
    if (!this.#refed) return;
    this.#refed = false;
    processMethods.refLoop(-1);
    loopHoldingPorts.delete(this);
  }

  hasRef() {
    return this.#state === 'closed' ? undefined : this.#refed;
  }

  close() {
    if (this.#state !== 'open') return;
    this.unref();
    this.#state = 'closing';
    if (this.#id !== null) {
      ports.close(this.#id);
      livePorts.delete(this.#id);
      portCollected.unregister(this);
    }
    setImmediate(() => { this.#state = 'closed'; });
  }

  [kDetach]() {
    if (this.#id !== null) {
      livePorts.delete(this.#id);
      portCollected.unregister(this);
      this.#id = null;
    }
    this.close();
  }

  get [kIsClosed]() {
    return this.#state !== 'open' || this.#id === null;
  }

  // Moved on again: as PortImpl's.
  [kMoveOut]() {
    const id = this.#id;
    livePorts.delete(id);
    portCollected.unregister(this);
    this.#id = null;
    this.unref();
    this.#state = 'closed';
    return id;
  }

  // As PortImpl's: true when the rest waits for a later turn of the loop (or for start()).
  [kDeliver]() {
    if (this.#delivering) return true;
    this.#delivering = true;
    let drained = false;
    try {
      for (let budget = kDeliveryBatch; budget > 0 && this.#state === 'open'; budget--) {
        let item;
        let failure;
        try {
          item = ports.receive(this.#id, !this.#started, this.#contextGlobal);
        } catch (err) {
          failure = err;
        }
        if (failure !== undefined) {
          this.#kit.emitMessage(this.#port, failure, [], 'messageerror');
        } else if (item === undefined) {
          drained = true;
          return !this.#started;
        } else if (item === null) {
          drained = true;
          this.close();
          return true;
        } else {
          this.#kit.emitMessage(this.#port, item[0], item[1], 'message');
        }
        internals.processTicksAndRejections();
      }
      drained = this.#state !== 'open';
      return true;
    } finally {
      this.#delivering = false;
      if (!drained) setImmediate(() => { if (this.#state === 'open') ports.notify(this.#id); });
    }
  }
}

// What a moved port's methods (made in its context) call.
const movedPortNatives = {
  post: (port, value, transfer) => movedPorts.get(port).post(value, transfer),
  start: (port) => movedPorts.get(port).start(),
  close: (port) => movedPorts.get(port).close(),
  ref: (port) => movedPorts.get(port).ref(),
  unref: (port) => movedPorts.get(port).unref(),
  hasRef: (port) => movedPorts.get(port).hasRef(),
};

function moveMessagePortToContext(port, contextifiedSandbox) {
  const source = port instanceof PortImpl ? port : movedPorts.get(port);
  if (source === undefined) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "port" argument must be a MessagePort instance');
  }
  if (source[kIsClosed]) throw closedPortError();
  const contextGlobal = internals.vmContextGlobal?.(contextifiedSandbox);
  if (contextGlobal === undefined) throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Invalid context argument');
  return MovedPort.create(contextGlobal, source[kMoveOut]());
}

// ---- BroadcastChannel ----
// A channel's messages reach every other BroadcastChannel of its name in the process. Each
// listens on a port of its own (runtime/worker/ports.rs keeps the ports of each name); the
// port's messages are dispatched on the channel as MessageEvents.
const kBroadcastPort = Symbol('kBroadcastPort');

class BroadcastChannel extends EventTarget {
  #name;
  #port;
  #onPortMessage;

  constructor(name) {
    if (arguments.length === 0) throw missingArgs('name');
    super();
    this.#name = `${name}`;
    this.#port = new PortImpl(kCreate, ports.broadcastJoin(this.#name));
    this.#onPortMessage = (data) => this.dispatchEvent(new MessageEvent('message', { data }));
    this.#port.on('message', this.#onPortMessage);
  }

  static #check(channel) {
    if (channel === null || typeof channel !== 'object' || !(#name in channel)) throw invalidThis('BroadcastChannel');
  }

  get [kBroadcastPort]() {
    return this.#port;
  }

  get name() {
    BroadcastChannel.#check(this);
    return this.#name;
  }

  close() {
    BroadcastChannel.#check(this);
    if (this.#port === undefined) return;
    this.#port.off('message', this.#onPortMessage);
    this.#port.close();
    this.#port = undefined;
  }

  postMessage(message) {
    BroadcastChannel.#check(this);
    if (arguments.length === 0) throw missingArgs('message');
    if (this.#port === undefined) throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
    ports.broadcastPost(this.#port[kPortId], this.#name, message);
  }

  ref() {
    BroadcastChannel.#check(this);
    this.#port?.ref();
    return this;
  }

  unref() {
    BroadcastChannel.#check(this);
    this.#port?.unref();
    return this;
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    BroadcastChannel.#check(this);
    if (depth < 0) return 'BroadcastChannel';
    const nested = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `BroadcastChannel ${inspect({ name: this.#name, active: this.#port !== undefined }, nested)}`;
  }
}
defineEventHandler(BroadcastChannel.prototype, 'message');
defineEventHandler(BroadcastChannel.prototype, 'messageerror');

// ---- inside a worker: parentPort and workerData ----
class ParentPort extends PortImpl {
  postMessage(value, transfer) {
    const list = transferListOf(transfer);
    workerBinding.parentPostMessage(value, list);
    detachTransferred(list);
  }
}

// (An internal thread has none: its workerData is for the builtin it runs.)
const parentPort = isMainThread || isInternalThread ? null : new ParentPort(kCreate);
// What the Worker object sent its thread: the user's workerData and the stdio channel's
// port. Read when first asked for: the ports it carries are made by JS this module defines.
let envelope = null;
function workerEnvelope() {
  envelope ??= workerBinding.workerData() ?? { workerData: null, stdio: null, hasStdin: false, name: '' };
  return envelope;
}
const workerEnvironmentData = require('internal/worker');
if (!isMainThread && !isInternalThread) workerEnvironmentData.inheritEnvironmentData(() => workerEnvelope().environmentData);
let workerData = null;
let workerDataRead = isMainThread || isInternalThread;
internals.internalThreadData = () => workerEnvelope().workerData;
function getWorkerData() {
  if (!workerDataRead) {
    workerDataRead = true;
    workerData = workerEnvelope().workerData;
  }
  return workerData;
}
// The worker thread's process.stdin, stdout and stderr, made when first used.
let threadStdio;
internals.workerThreadStdio = () => {
  const { stdio, hasStdin } = workerEnvelope();
  threadStdio ??= require('internal/worker/io').workerStdio(stdio, hasStdin);
  return threadStdio;
};
internals.flushWorkerStdio = () => threadStdio?.flush();
internals.tracksUnmanagedFds = () => workerEnvelope().trackUnmanagedFds === true;
internals.parentPortMessage = (value) => parentPort?.[kEnqueue](value);

// ---- Worker ----
const workers = new Map();

// What the worker runs: [code or path, whether it is code]. A data: URL is imported by a
// module, as node's worker does.
function workerEntry(filename, options) {
  if (options.eval) {
    if (typeof filename !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The property 'options.eval' must be false when 'filename' is not a string. Received ${require('util').inspect(options.eval)}`);
    }
    return [filename, true];
  }
  if (filename instanceof URL) {
    if (filename.protocol === 'data:') return [`import ${JSON.stringify(`${filename}`)}`, true];
    return [require('url').fileURLToPath(filename), false];
  }
  if (typeof filename !== 'string') throw invalidArgType('filename', 'of type string or an instance of URL', filename);
  if (!path.isAbsolute(filename) && !/^\.\.?[\\/]/.test(filename)) throw workerPathError(filename);
  return [path.resolve(filename), false];
}

function workerPathError(filename) {
  const hint = (filename.startsWith('file://') ? ' Wrap file:// URLs with `new URL`.' : '') +
    (filename.startsWith('data:text/javascript') ? ' Wrap data: URLs with `new URL`.' : '');
  return codedError(TypeError, 'ERR_WORKER_PATH', 'The worker script or module filename must be an absolute path or a ' +
    `relative path starting with './' or '../'.${hint} Received "${filename}"`);
}

// Worker's `env: SHARE_ENV`: the thread reads and writes its parent's variables.
const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');

// How workerSpawn takes options.env: true to share the parent's variables, null for a copy
// of them (the default, process.env), or the [name, value] pairs of the object given.
function environmentOf(env) {
  if (env === SHARE_ENV) return true;
  if (env === undefined || env === null || env === process.env) return null;
  if (typeof env !== 'object') {
    throw invalidArgType('options.env', 'of type object or one of undefined, null, or worker_threads.SHARE_ENV', env);
  }
  return Object.entries(env).map(([name, value]) => [name, `${value}`]);
}

// resourceLimits as workerSpawn takes them: [young, old, code range, stack] MB, -1 for none.
const resourceLimitNames = ['maxYoungGenerationSizeMb', 'maxOldGenerationSizeMb', 'codeRangeSizeMb', 'stackSizeMb'];
function parseResourceLimits(limits) {
  const parsed = new Float64Array(resourceLimitNames.length).fill(-1);
  if (typeof limits !== 'object' || limits === null) return parsed;
  resourceLimitNames.forEach((name, index) => {
    if (typeof limits[name] === 'number') parsed[index] = limits[name];
  });
  // V8 needs some old generation to start with.
  if (parsed[1] !== -1) parsed[1] = Math.max(parsed[1], 2);
  return parsed;
}

function makeResourceLimits(values) {
  if (values === undefined) return {};
  return Object.fromEntries(resourceLimitNames.map((name, index) => [name, values[index]]));
}

// The async resource of a worker's thread (type 'WORKER'): it answers hasRef() until the
// worker's 'exit' has been emitted, as node's native handle does until it is closed.
class WorkerHandle {
  #isRefed;

  constructor(isRefed) {
    this.#isRefed = isRefed;
    initAsyncResource(this, 'WORKER');
  }

  hasRef() {
    return this.#isRefed?.();
  }

  close() {
    this.#isRefed = undefined;
    destroyResource(this);
  }
}

// The port a Worker's messages come through in node (its public port, type 'MESSAGEPORT'):
// refed by worker.ref() and the worker's first 'message' listener, unrefed by worker.unref()
// and the last one's removal; while refed it holds the loop, until the worker's exit.
class WorkerPortHandle {
  #refed = false;
  #closed = false;

  constructor(worker) {
    initAsyncResource(this, 'MESSAGEPORT');
    worker.on('newListener', (name) => {
      if (name === 'message' && worker.listenerCount('message') === 0) this.ref();
    });
    worker.on('removeListener', (name) => {
      if (name === 'message' && worker.listenerCount('message') === 0) this.unref();
    });
  }

  #setRef(refed) {
    if (this.#closed || refed === this.#refed) return;
    this.#refed = refed;
    processMethods.refLoop(refed ? 1 : -1);
  }

  ref() { this.#setRef(true); }
  unref() { this.#setRef(false); }
  hasRef() { return this.#refed; }

  close() {
    this.#setRef(false);
    this.#closed = true;
    destroyResource(this);
  }
}

// What worker.startCpuProfile() and startHeapProfile() give: stop() ends the profile once.
function profileHandleClass(name) {
  return {
    [name]: class {
      #stop;
      #stopped = null;
      constructor(stop) {
        this.#stop = stop;
      }

      stop() {
        this.#stopped ??= this.#stop();
        return this.#stopped;
      }
    },
  }[name];
}
const CPUProfileHandle = profileHandleClass('CPUProfileHandle');
const HeapProfileHandle = profileHandleClass('HeapProfileHandle');

// An internal thread (node's InternalWorker) runs a builtin module and is not announced to
// 'worker' listeners or the worker_threads diagnostics channel.
const kInternalEntry = Symbol('kInternalEntry');
internals.createInternalWorker = (id, options) => new Worker(id, { ...options, [kInternalEntry]: true });

class Worker extends EventEmitter {
  #handle;
  #portHandle;
  #refed = true;
  #exitCode = undefined;
  #stdio;
  #threadName;
  // Whether terminate() holds the loop until 'exit' (an unref'ed worker's promise settles).
  #stopHoldsLoop = false;
  // cpuUsage() and getHeapSnapshot() calls waiting for the thread's answer, by request
  // number: what to make of the answer, and how to fail.
  #threadRequests = new Map();
  #nextThreadRequest = 1;

  constructor(filename, options = {}) {
    super();
    const internal = options[kInternalEntry] === true;
    const [entry, isEval] = internal ? [filename, false] : workerEntry(filename, options);
    if (options.name !== undefined && typeof options.name !== 'string') {
      throw invalidArgType('options.name', 'of type string', options.name);
    }
    const name = options.name || 'WorkerThread';
    if (options.argv !== undefined && !Array.isArray(options.argv)) {
      throw invalidArgType('options.argv', 'an instance of Array', options.argv);
    }
    const argv = options.argv?.map(String) ?? [];
    const environment = environmentOf(options.env);
    if (options.execArgv !== undefined && !Array.isArray(options.execArgv)) {
      throw invalidArgType('options.execArgv', 'an instance of Array', options.execArgv);
    }
    // A `--` ends the options, as on a command line; it is no option itself.
    const execArgv = options.execArgv?.map(String);
    const optionsEnd = execArgv?.indexOf('--') ?? -1;
    if (optionsEnd !== -1) execArgv.length = optionsEnd;
    const transferList = options.transferList === undefined ? undefined : transferListOf(options.transferList);
    const channel = new MessageChannel();
    const sent = {
      workerData: options.workerData, stdio: channel.port2, hasStdin: Boolean(options.stdin), name,
      trackUnmanagedFds: Boolean(options.trackUnmanagedFds ?? true),
      environmentData: workerEnvironmentData.environmentDataMap(),
    };
    const spawned = workerBinding.workerSpawn(entry, isEval, sent, argv,
      [...(transferList ?? []), channel.port2], environment, execArgv, parseResourceLimits(options.resourceLimits), internal, name);
    if (Array.isArray(spawned)) throw codedError(Error, spawned[0], spawned[1]);
    this.threadId = spawned;
    this.performance = {
      eventLoopUtilization: function eventLoopUtilization(utilization1, utilization2) {
        return require('internal/perf/performance').workerEventLoopUtilization(spawned, utilization1, utilization2);
      }.bind(this),
    };
    this.#handle = new WorkerHandle(() => this.#refed);
    this.#portHandle = new WorkerPortHandle(this);
    detachTransferred(transferList);
    this.#stdio = require('internal/worker/io').parentStdio(channel.port1, options);
    this.#threadName = name;
    workers.set(this.threadId, this);
    processMethods.refLoop(1);
    if (internal) return;
    const created = require('diagnostics_channel').channel('worker_threads');
    if (created.hasSubscribers) created.publish({ worker: this });
    process.nextTick(() => process.emit('worker', this));
  }

  get resourceLimits() {
    if (this.#exitCode !== undefined) return {};
    return makeResourceLimits(workerBinding.workerResourceLimits(this.threadId));
  }

  get threadName() {
    return this.#exitCode === undefined ? this.#threadName : null;
  }

  postMessage(value, transfer) {
    const list = transferListOf(transfer);
    if (this.#exitCode === undefined) {
      workerBinding.workerPostMessage(this.threadId, value, list);
      detachTransferred(list);
    }
  }

  terminate(callback) {
    if (typeof callback === 'function') {
      process.emitWarning('Passing a callback to worker.terminate() is deprecated. It returns a Promise instead.',
        'DeprecationWarning', 'DEP0132');
      this.once('exit', (code) => callback(null, code));
    }
    if (this.#exitCode !== undefined) return Promise.resolve();
    const exited = new Promise((resolve) => this.once('exit', resolve));
    if (!this.#refed && !this.#stopHoldsLoop) {
      this.#stopHoldsLoop = true;
      processMethods.refLoop(1);
    }
    workerBinding.workerTerminate(this.threadId);
    return exited;
  }

  [Symbol.asyncDispose]() {
    return this.terminate();
  }

  // The CPU time the worker's thread has used ({ user, system } microseconds), or the time
  // since `prev`.
  cpuUsage(prev) {
    if (prev) {
      validateObject(prev, 'prev');
      for (const name of ['user', 'system']) {
        const value = prev[name];
        if (typeof value !== 'number') throw invalidArgType(`prev.${name}`, 'of type number', value);
        if (!(value >= 0 && value <= Number.MAX_SAFE_INTEGER)) {
          throw outOfRange(`prev.${name}`, `>= 0 && <= ${Number.MAX_SAFE_INTEGER}`, value);
        }
      }
    }
    return this.#askThread(workerBinding.workerCpuUsage, ([user, system]) => (prev
      ? { user: user - prev.user, system: system - prev.system } : { user, system }));
  }

  // A readable stream of a heap snapshot of the worker's thread.
  getHeapSnapshot(options) {
    const { validateSnapshotOptions, heapSnapshotStream } = require('internal/heap_utils');
    validateSnapshotOptions(options);
    return this.#askThread(workerBinding.workerHeapSnapshot, ([snapshot]) => heapSnapshotStream(Buffer.from(snapshot)));
  }

  // v8.getHeapStatistics() of the worker's thread, as a null-prototype object whose
  // does_zap_garbage is a boolean.
  getHeapStatistics() {
    return this.#askThread(this.#threadCommand('heapStatistics', 0), ([reply]) => {
      const stats = { __proto__: null, ...JSON.parse(reply) };
      stats.does_zap_garbage = Boolean(stats.does_zap_garbage);
      return stats;
    });
  }

  // A CPU or heap profile of the worker's thread: a handle whose stop() gives the profile's
  // JSON (the same on every call).
  startCpuProfile() {
    return this.#startProfile('startCpu', CPUProfileHandle);
  }

  startHeapProfile() {
    return this.#startProfile('startHeap', HeapProfileHandle);
  }

  #startProfile(command, Handle) {
    return this.#askThread(this.#threadCommand(command, 0), ([reply]) => {
      const { id, error } = JSON.parse(reply);
      if (error) return Promise.reject(codedError(Error, error[0], error[1]));
      return new Handle(() => this.#askThread(this.#threadCommand('stop', id), ([profile]) => profile));
    });
  }

  // An #askThread request for the worker thread's internal/profilers workerProfileCommand.
  #threadCommand(command, id) {
    return (threadId, request) => workerBinding.workerProfile(threadId, request, command, id);
  }

  // Sends a request to the worker's thread; the promise settles with `answer` of what comes
  // back as its 'threadAnswer' event, or rejects once the worker has exited.
  #askThread(ask, answer) {
    return new Promise((resolve, reject) => {
      const request = this.#nextThreadRequest++;
      if (this.#exitCode !== undefined || !ask(this.threadId, request)) {
        reject(codedError(Error, 'ERR_WORKER_NOT_RUNNING', 'Worker instance not running'));
        return;
      }
      this.#threadRequests.set(request, { answer, resolve, reject });
    });
  }

  get stdin() { return this.#stdio.stdin; }
  get stdout() { return this.#stdio.stdout; }
  get stderr() { return this.#stdio.stderr; }

  ref() {
    if (!this.#refed && this.#exitCode === undefined) processMethods.refLoop(1);
    this.#refed = true;
    this.#portHandle.ref();
  }

  unref() {
    if (this.#refed && this.#exitCode === undefined) processMethods.refLoop(-1);
    this.#refed = false;
    this.#portHandle.unref();
  }

  // Events the worker's thread posts to this one.
  static event(id, kind, value) {
    const worker = workers.get(id);
    if (worker === undefined) return;
    if (kind === 'exit' || kind === 'exitOutOfMemory') {
      workers.delete(id);
      worker.#stdio.drain();
      worker.#exitCode = value;
      if (worker.#refed) processMethods.refLoop(-1);
      if (worker.#stopHoldsLoop) processMethods.refLoop(-1);
      worker.threadId = -1;
      worker.#portHandle.close();
      for (const { reject } of worker.#threadRequests.values()) {
        reject(codedError(Error, 'ERR_WORKER_NOT_RUNNING', 'Worker instance not running'));
      }
      worker.#threadRequests.clear();
      if (kind === 'exitOutOfMemory') {
        worker.emit('error', codedError(Error, 'ERR_WORKER_OUT_OF_MEMORY',
          'Worker terminated due to reaching memory limit: JS heap out of memory'));
      }
      try {
        worker.emit('exit', value);
      } finally {
        worker.#handle.close();
      }
    } else if (kind === 'threadAnswer') {
      const [request, ...parts] = value;
      const { answer, resolve } = worker.#threadRequests.get(request);
      worker.#threadRequests.delete(request);
      resolve(answer(parts));
    } else if (kind === 'errorSymbol') {
      worker.emit('error', Symbol.for(value));
    } else if (kind === 'errorObject') {
      worker.emit('error', rebuildError(value));
    } else if (kind === 'initFailed') {
      worker.emit('error', codedError(Error, 'ERR_WORKER_INIT_FAILED', `Worker initialization failure: ${value}`));
    } else {
      worker.emit(kind, value);
    }
  }
}
internals.workerEvent = Worker.event;

// ---- a worker's uncaught exception, on its way to the Worker's 'error' event ----
// As node's error serialization: an error goes as the name of its built-in constructor and
// the descriptors of all its properties (own and inherited, getters read; those that throw,
// functions and symbols left out), and arrives as an object of that prototype with them.
const errorConstructors = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };

function errorProperties(object, target) {
  const all = { __proto__: null };
  if (object === null) return all;
  Object.assign(all, errorProperties(Object.getPrototypeOf(object), target));
  for (const key of Object.getOwnPropertyNames(object)) {
    let descriptor;
    try {
      descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (descriptor.get !== undefined && key !== '__proto__') {
        descriptor.value = Reflect.apply(descriptor.get, target, []);
        delete descriptor.get;
        delete descriptor.set;
      }
    } catch {
      continue;
    }
    if (key === 'cause') {
      descriptor.value = describeError(descriptor.value);
      all[key] = descriptor;
    } else if ('value' in descriptor && typeof descriptor.value !== 'function' && typeof descriptor.value !== 'symbol') {
      all[key] = descriptor;
    }
  }
  return all;
}

// [kind, value, fallback]: 'error' with { constructor, properties } for an error, 'symbol'
// with a symbol's description, else 'value' with the value itself; `fallback` (its
// inspection) goes when the value cannot be cloned.
function describeError(error) {
  try {
    if (typeof error === 'symbol') return ['symbol', error.description ?? ''];
    if (typeof error === 'object' && error !== null && Object.prototype.toString.call(error) === '[object Error]') {
      for (let proto = Object.getPrototypeOf(error); proto !== null; proto = Object.getPrototypeOf(proto)) {
        const name = Object.prototype.hasOwnProperty.call(proto, 'constructor') ? proto.constructor?.name : undefined;
        if (Object.prototype.hasOwnProperty.call(errorConstructors, name) && errorConstructors[name].prototype === proto) {
          return ['error', { constructor: name, properties: errorProperties(error, error) }, error];
        }
      }
    }
    return ['value', error, require('internal/inspect').inspect(error)];
  } catch {
    return ['value', error, '[unserializable error]'];
  }
}
internals.describeWorkerError = describeError;
internals.rebuildWorkerError = rebuildError;

function rebuildError({ constructor, properties }) {
  Object.defineProperty(properties, Symbol.toStringTag, {
    value: { value: 'Error', configurable: true }, enumerable: true, configurable: true, writable: true,
  });
  if (properties.cause !== undefined && 'value' in properties.cause) properties.cause.value = rebuildCause(properties.cause.value);
  return Object.create(errorConstructors[constructor].prototype, properties);
}

function rebuildCause([kind, value]) {
  if (kind === 'error') return rebuildError(value);
  if (kind === 'symbol') return Symbol.for(value);
  return value;
}

// ---- postMessageToThread ----
// A message to any thread by its id, emitted there as process 'workerMessage'; the promise
// settles with how it fared (runtime/worker/messaging.rs), or at the timeout.
const kMessageDelivered = 0;
const kMessageNoListener = 1;
const pendingThreadMessages = new Map();
let nextThreadMessage = 1;

internals.workerMessage = (value, source) => {
  try {
    return process.emit('workerMessage', value, source) ? kMessageDelivered : kMessageNoListener;
  } catch {
    return 2;
  }
};
internals.workerMessageOutcome = (request, outcome) => pendingThreadMessages.get(request)?.(outcome);

async function postMessageToThread(targetThreadId, value, transferList, timeout) {
  if (typeof transferList === 'number' && timeout === undefined) {
    timeout = transferList;
    transferList = [];
  }
  if (timeout !== undefined) {
    if (typeof timeout !== 'number') throw invalidArgType('timeout', 'of type number', timeout);
    if (!(timeout >= 0)) throw outOfRange('timeout', '>= 0', timeout);
  }
  if (targetThreadId === threadId) {
    throw codedError(Error, 'ERR_WORKER_MESSAGING_SAME_THREAD', 'Cannot sent a message to the same thread');
  }
  const failed = () => codedError(Error, 'ERR_WORKER_MESSAGING_FAILED', 'Cannot find the destination thread or listener');
  // With no such thread the transfer list is not looked at, as in node.
  const running = workerBinding.threadRunning(targetThreadId);
  const list = running ? transferListOf(transferList) : undefined;
  const request = nextThreadMessage++;
  let timer;
  const outcome = new Promise((resolve) => {
    pendingThreadMessages.set(request, resolve);
    // A wait longer than a timer can hold is a wait without end.
    if (timeout !== undefined && timeout <= 0x7fffffff) timer = setTimeout(() => resolve('timed-out'), timeout);
  });
  // The wait itself holds no loop, as node's Atomics.waitAsync.
  let result;
  try {
    if (running && workerBinding.postToThread(targetThreadId, threadId, request, value, list)) detachTransferred(list);
    else pendingThreadMessages.get(request)(kMessageNoListener);
    result = await outcome;
  } finally {
    pendingThreadMessages.delete(request);
    clearTimeout(timer);
  }
  if (result === 'timed-out') {
    throw codedError(Error, 'ERR_WORKER_MESSAGING_TIMEOUT', 'Sending a message to another thread timed out');
  }
  if (result === kMessageNoListener) throw failed();
  if (result !== kMessageDelivered) {
    throw codedError(Error, 'ERR_WORKER_MESSAGING_ERRORED', 'The destination thread threw an error while processing the message');
  }
}

// Marks an object so that a transfer list holding it is a DataCloneError (a primitive is left).
function markAsUntransferable(object) {
  workerBinding.markAsUntransferable(object);
}

function isMarkedAsUntransferable(object) {
  return workerBinding.isMarkedAsUntransferable(object);
}

// Marks an object so that cloning it is a DataCloneError (array buffers and primitives are left).
function markAsUncloneable(object) {
  workerBinding.markAsUncloneable(object);
}

// The MessageEvent constructor's WebIDL errors (node's comes from undici): plain TypeErrors
// showing values as WebIDL's Stringify does.
function messageEventError(detail) {
  return new TypeError(`MessageEvent constructor: ${detail}`);
}

function webidlString(value) {
  if (typeof value === 'symbol') return `Symbol(${value.description})`;
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    return require('internal/inspect').inspect(value);
  }
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'bigint') return `${value}n`;
  return `${value}`;
}

class MessageEvent extends Event {
  #data;
  #origin;
  #lastEventId;
  #source;
  #ports;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw messageEventError('1 argument required, but 0 found.');
    if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
      throw messageEventError(`Expected ${webidlString(options)} to be one of: Null, Undefined, Object.`);
    }
    const source = options?.source ?? null;
    if (source !== null && !(source instanceof MessagePort)) {
      throw messageEventError(`Expected eventInitDict.source ("${webidlString(source)}") to be an instance of MessagePort.`);
    }
    let eventPorts = [];
    if (options?.ports !== undefined) {
      const given = options.ports;
      if (given === null || typeof given[Symbol.iterator] !== 'function') {
        throw messageEventError(`eventInitDict.ports (${webidlString(given)}) is not iterable.`);
      }
      eventPorts = [...given];
      eventPorts.forEach((port, index) => {
        if (!(port instanceof MessagePort)) {
          throw messageEventError(
            `Expected eventInitDict.ports[${index}] ("${webidlString(port)}") to be an instance of MessagePort.`);
        }
      });
    }
    super(type, options);
    this.#data = options?.data ?? null;
    this.#origin = `${options?.origin ?? ''}`;
    this.#lastEventId = `${options?.lastEventId ?? ''}`;
    this.#source = source;
    this.#ports = Object.freeze(eventPorts);
  }

  static #check(event, name) {
    if (!(#data in event)) throw invalidThis('MessageEvent');
    return name;
  }

  get data() { MessageEvent.#check(this); return this.#data; }
  get origin() { MessageEvent.#check(this); return this.#origin; }
  get lastEventId() { MessageEvent.#check(this); return this.#lastEventId; }
  get source() { MessageEvent.#check(this); return this.#source; }
  get ports() { MessageEvent.#check(this); return this.#ports; }
}
MessageEventClass = MessageEvent;

module.exports = {
  isInternalThread, isMainThread, threadId, parentPort, resourceLimits: makeResourceLimits(workerBinding.workerResourceLimits()), SHARE_ENV,
  Worker, MessageChannel, MessagePort, BroadcastChannel, receiveMessageOnPort, postMessageToThread, markAsUntransferable, isMarkedAsUntransferable, moveMessagePortToContext,
  markAsUncloneable, MessageEvent, getEnvironmentData: workerEnvironmentData.getEnvironmentData,
  setEnvironmentData: workerEnvironmentData.setEnvironmentData,
};
Object.defineProperty(module.exports, 'locks', {
  enumerable: true, configurable: true, get: () => require('internal/locks').getLockManager(),
});
Object.defineProperty(module.exports, 'threadName', {
  enumerable: true, configurable: true, get: () => (isMainThread ? '' : workerEnvelope().name),
});
Object.defineProperty(module.exports, 'workerData', {
  enumerable: true, configurable: true, get: getWorkerData, set(value) { workerData = value; workerDataRead = true; },
});
