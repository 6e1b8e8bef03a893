'use strict';
// The debugger client's connection to an inspector server: the target's WebSocket URL read
// from /json, then the Chrome DevTools Protocol over the global WebSocket. Method calls are
// promises of their results; events are emitted as 'debugEvent' (method, params) and by name.

const { EventEmitter } = require('events');
const http = require('http');
const { codedError } = require('internal/errors');

const debuggerError = (message) => codedError(Error, 'ERR_DEBUGGER_ERROR', message);

// A protocol error as the client reports it: its message, its data when given, its code.
function protocolError({ code, data, message }) {
  const error = debuggerError(data ? `${message} - ${data}` : message);
  error.code = code;
  return error;
}

class InspectClient extends EventEmitter {
  #socket = null;
  #lastId = 0;
  #pending = new Map();

  reset() {
    const socket = this.#socket;
    this.#socket = null;
    this.#lastId = 0;
    this.#pending = new Map();
    if (socket !== null) socket.close();
  }

  callMethod(method, params) {
    return new Promise((resolve, reject) => {
      if (this.#socket === null) {
        reject(debuggerError('Use `run` to start the app again.'));
        return;
      }
      const id = ++this.#lastId;
      this.#pending.set(id, (error, result) => {
        if (error) reject(protocolError(error));
        else resolve(Object.keys(result).length ? result : undefined);
      });
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  async connect(port, host) {
    const targets = await fetchJSON(host, port, '/json');
    const { pathname } = new URL(targets[0].webSocketDebuggerUrl);
    return this.#open(`ws://${host.includes(':') ? `[${host}]` : host}:${port}${pathname}`);
  }

  #open(url) {
    this.reset();
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      let opened = false;
      socket.addEventListener('open', () => {
        opened = true;
        this.#socket = socket;
        this.emit('ready');
        resolve();
      });
      socket.addEventListener('error', () => {
        if (!opened) reject(debuggerError(`Could not connect to ${url}`));
      });
      socket.addEventListener('close', () => {
        if (!opened) return;
        if (this.#socket === socket) this.reset();
        this.emit('close');
      });
      socket.addEventListener('message', ({ data }) => {
        if (this.#socket !== socket) return;
        try {
          this.#receive(String(data));
        } catch (error) {
          process.nextTick(() => { throw error; });
        }
      });
    });
  }

  #receive(text) {
    if (text[0] !== '{' || text[text.length - 1] !== '}') {
      throw debuggerError(`Payload does not look like JSON: ${text}`);
    }
    let message;
    try {
      message = JSON.parse(text);
    } catch (error) {
      error.string = text;
      throw error;
    }
    const { id, method, params, result, error } = message;
    if (id) {
      const settle = this.#pending.get(id);
      if (settle !== undefined) {
        this.#pending.delete(id);
        settle(error, result);
      }
    } else if (method) {
      this.emit('debugEvent', method, params);
      this.emit(method, params);
    } else {
      throw debuggerError(`Unsupported response: ${text}`);
    }
  }
}

function fetchJSON(host, port, path) {
  return new Promise((resolve, reject) => {
    const request = http.get({ host, port, path });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks = [];
      response.on('error', reject);
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        if (response.statusCode !== 200) {
          reject(debuggerError(`Unexpected ${response.statusCode}: ${body}`));
          return;
        }
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(debuggerError(`Response didn't contain JSON: ${body}`));
        }
      });
    });
  });
}

module.exports = { InspectClient, debuggerError };
