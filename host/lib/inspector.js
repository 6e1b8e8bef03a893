'use strict';
// node:inspector: sessions on V8's inspector of this thread (or, from a worker, of the main
// thread). No inspector server runs in this runtime: open() throws, url() is undefined.

const EventEmitter = require('events');
const { codedError, validateFunction, validateObject, validateString } = require('internal/errors');
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

function open() {
  throw codedError(Error, 'ERR_INSPECTOR_NOT_AVAILABLE', 'Inspector is not available');
}

// Nothing to stop while no server runs.
function close() {}

function url() {
  return undefined;
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
};
