'use strict';
// The debugger client's connection to an inspector server: the target's WebSocket path read
// from /json, an HTTP upgrade to it, then the Chrome DevTools Protocol in WebSocket frames
// (tungstenite's, through the binding the WebSocket global uses). Method calls are promises
// of their results; events are emitted as 'debugEvent' (method, params) and by name.

const { EventEmitter, once } = require('events');
const http = require('http');
const { createHash, randomBytes } = require('crypto');
const { codedError } = require('internal/errors');

const frames = binding.websocket();
const kNoBytes = new Uint8Array(0);
// RFC 6455 §1.3: what the server's Sec-WebSocket-Accept derives from.
const kAcceptGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const debuggerError = (message) => codedError(Error, 'ERR_DEBUGGER_ERROR', message);

// A protocol error as the client reports it: its message and code.
function protocolError({ code, message }) {
  const error = debuggerError(`${message}`);
  error.code = code;
  return error;
}

class InspectClient extends EventEmitter {
  #request = null;
  #socket = null;
  #connection = null;
  #lastId = 0;
  #pending = new Map();

  reset() {
    this.#request?.destroy();
    this.#socket?.destroy();
    if (this.#connection !== null) frames.release(this.#connection);
    this.#request = null;
    this.#socket = null;
    this.#connection = null;
    this.#lastId = 0;
    this.#pending = new Map();
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
      const [, outgoing] = frames.send(this.#connection, JSON.stringify({ id, method, params }), false);
      this.#socket.write(outgoing);
    });
  }

  async connect(port, host) {
    this.host = host;
    this.port = port;
    const targets = await fetchJSON(host, port, '/json');
    const { pathname, search } = new URL(targets[0].webSocketDebuggerUrl);
    return this.#upgrade(`${pathname}${search}`);
  }

  #upgrade(path) {
    this.reset();
    const key = randomBytes(16).toString('base64');
    const request = this.#request = http.request({
      host: this.host,
      port: this.port,
      path,
      headers: { 'Connection': 'Upgrade', 'Upgrade': 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13' },
    });
    request.on('error', (error) => this.emit('error', error));
    // A server that answers without upgrading: its answer is shown.
    request.on('response', (response) => {
      if (response.statusCode >= 400) process.stderr.write(`Unexpected HTTP code: ${response.statusCode}\n`);
      response.pipe(process.stderr);
    });
    // Settles on 'ready' or the first 'error', leaving no listener behind either way.
    const ready = once(this, 'ready');
    request.on('upgrade', (response, socket, head) => {
      const accept = response.headers['sec-websocket-accept'];
      if (accept !== createHash('sha1').update(key + kAcceptGuid).digest('base64')) {
        throw debuggerError(`WebSocket secret mismatch: ${key} did not match ${accept}`);
      }
      this.#socket = socket;
      this.#connection = frames.create();
      socket.on('data', (chunk) => this.#receive(socket, chunk));
      socket.on('close', () => this.emit('close'));
      this.emit('ready');
      if (head.length > 0) this.#receive(socket, head);
    });
    request.end();
    return ready;
  }

  // The messages the bytes complete, each handled before the next is read.
  #receive(socket, chunk) {
    let input = chunk;
    while (this.#socket === socket) {
      const [events, outgoing] = frames.receive(this.#connection, input);
      if (outgoing.byteLength > 0) socket.write(outgoing);
      if (events.length === 0) return;
      for (const [kind, data] of events) {
        if (kind === 'close' || kind === 'error') {
          this.reset();
          return;
        }
        if (kind === 'text' || kind === 'binary') this.#message(String(kind === 'text' ? data : Buffer.from(data)));
        if (this.#socket !== socket) return;
      }
      input = kNoBytes;
    }
  }

  #message(text) {
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
