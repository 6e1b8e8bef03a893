'use strict';
// node:inspector: sessions on V8's inspector of this thread (or, from a worker, of the main
// thread), and the main thread's inspector server (open(), url(), close()).

const EventEmitter = require('events');
const { codedError, validateFunction, validateInteger, validateObject, validateString } = require('internal/errors');
const { isMainThread } = require('worker_threads');

const natives = binding.inspector();

const alreadyConnected = () =>
  codedError(Error, 'ERR_INSPECTOR_ALREADY_CONNECTED', 'The inspector session is already connected');
const notConnected = () => codedError(Error, 'ERR_INSPECTOR_NOT_CONNECTED', 'Session is not connected');
const closed = () => codedError(Error, 'ERR_INSPECTOR_CLOSED', 'Session was closed');

class Session extends EventEmitter {
  #session = null;
  #nextId = 1;
  #callbacks = new Map();

  connect() {
    if (this.#session !== null) throw alreadyConnected();
    binding.permission().checkOrThrow('Inspector', 'Connect');
    this.#session = natives.connect((message) => this.#onMessage(message));
  }

  connectToMainThread() {
    if (isMainThread) throw codedError(Error, 'ERR_INSPECTOR_NOT_WORKER', 'Current thread is not a worker');
    if (this.#session !== null) throw alreadyConnected();
    this.#session = natives.connectToMainThread((message) => queueMicrotask(() => this.#onMessage(message)));
  }

  #onMessage(text) {
    const message = JSON.parse(text);
    try {
      if (message.id) {
        const callback = this.#callbacks.get(message.id);
        this.#callbacks.delete(message.id);
        if (callback === undefined) return;
        if (message.error) {
          const { code, message: reason } = message.error;
          callback(codedError(Error, 'ERR_INSPECTOR_COMMAND', `Inspector error ${code}: ${reason}`));
        } else {
          callback(null, message.result);
        }
      } else {
        this.emit(message.method, message);
        this.emit('inspectorNotification', message);
      }
    } catch (error) {
      process.emitWarning(error);
    }
  }

  post(method, params, callback) {
    validateString(method, 'method');
    if (!callback && typeof params === 'function') {
      callback = params;
      params = null;
    }
    if (params) validateObject(params, 'params');
    if (callback) validateFunction(callback, 'callback');
    if (this.#session === null) throw notConnected();
    const id = this.#nextId++;
    const message = { id, method };
    if (params) message.params = params;
    if (callback) this.#callbacks.set(id, callback);
    natives.dispatch(this.#session, JSON.stringify(message));
  }

  disconnect() {
    if (this.#session === null) return;
    natives.disconnect(this.#session);
    this.#session = null;
    for (const callback of this.#callbacks.values()) process.nextTick(callback, closed());
    this.#callbacks.clear();
    this.#nextId = 1;
  }
}

// Node's test of a host the server may listen on without a warning.
function isLoopback(host) {
  const lower = host.toLowerCase();
  return lower === 'localhost' || lower.startsWith('127.') || lower.startsWith('[::1]') || lower.startsWith('[0:0:0:0:0:0:0:1]');
}

function open(port, host, wait) {
  if (natives.isEnabled()) {
    throw codedError(Error, 'ERR_INSPECTOR_ALREADY_ACTIVATED',
      'Inspector is already activated. Close it with inspector.close() before activating it again.');
  }
  // As node, the arguments are not checked, but for a port that would not fit 16 bits.
  if (Number.isInteger(port) && port >= 0 && port <= 0xffffffff) validateInteger(port, 'port', 0, 65535);
  if (host && !isLoopback(host)) {
    process.emitWarning('Binding the inspector to a public IP with an open port is insecure, ' +
      'as it allows external hosts to connect to the inspector ' +
      'and perform a remote code execution attack. ' +
      'Documentation can be found at ' +
      'https://nodejs.org/api/cli.html#--inspecthostport', 'SecurityWarning');
  }
  natives.open(port, host);
  notifyDebugEnabled();
  if (wait) waitForDebugger();
  return { __proto__: null, [Symbol.dispose]() { natives.close(); } };
}

// As node's inspector agent tells the process once its server runs: an 'internalMessage'
// (cluster's primary passes it on to its workers), emitted as a MakeCallback on process
// (through the domain trampoline while domains are in use).
function notifyDebugEnabled() {
  const message = { cmd: 'NODE_DEBUG_ENABLED' };
  const trampoline = internals.domainTrampoline;
  if (trampoline !== undefined) trampoline.call(process, process.emit, 'internalMessage', message);
  else process.emit('internalMessage', message);
}

function close() {
  natives.close();
}

function url() {
  return natives.url();
}

function waitForDebugger() {
  if (!natives.waitForDebugger()) throw codedError(Error, 'ERR_INSPECTOR_NOT_ACTIVE', 'Inspector is not active');
}

module.exports = {
  open,
  close,
  url,
  waitForDebugger,
  console: internals.inspectorConsole,
  Session,
  Network: require('internal/inspector/network').Network,
  DOMStorage: require('internal/inspector/dom_storage').DOMStorage,
};
