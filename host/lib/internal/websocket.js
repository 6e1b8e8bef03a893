'use strict';
// The WebSocket client (WHATWG WebSockets, as node 24's undici behaves): the opening
// handshake is an HTTP/1.1 upgrade over http or https, the frames are tungstenite's
// (runtime/websocket.rs), the events are the standard's: open, message, error, close.

const { Event, EventTarget, defineEventHandler } = require('internal/event_target');
const { DOMException } = require('internal/per_context/domexception');

const frames = binding.websocket();

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

const kNoBytes = new Uint8Array(0);

// RFC 6455 §4.2.2: what the server's Sec-WebSocket-Accept derives from.
const kAcceptGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function requiredArguments(interfaceName, count) {
  return new TypeError(`${interfaceName} constructor: 1 argument required, but ${count} found.`);
}

// An HTTP token (RFC 9110 §5.6.2), which a subprotocol name must be.
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function readProtocols(protocols) {
  if (protocols === undefined) return [];
  if (protocols !== null && typeof protocols === 'object' && typeof protocols[Symbol.iterator] !== 'function') {
    // A WebSocketInit dictionary (undici's): { protocols }.
    return readProtocols(protocols.protocols);
  }
  const list = typeof protocols === 'string' || typeof protocols?.[Symbol.iterator] !== 'function'
    ? [`${protocols}`]
    : Array.from(protocols, (protocol) => `${protocol}`);
  const seen = new Set();
  for (const protocol of list) {
    const folded = protocol.toLowerCase();
    if (!tokenPattern.test(protocol) || seen.has(folded)) {
      throw new DOMException('Invalid Sec-WebSocket-Protocol value', 'SyntaxError');
    }
    seen.add(folded);
  }
  return list;
}

class CloseEvent extends Event {
  #wasClean;
  #code;
  #reason;
  constructor(type, init = undefined) {
    if (arguments.length === 0) throw requiredArguments('CloseEvent', 0);
    super(type, init);
    this.#wasClean = Boolean(init?.wasClean);
    this.#code = init?.code === undefined ? 0 : Number(init.code) & 0xFFFF;
    this.#reason = init?.reason === undefined ? '' : `${init.reason}`;
  }
  get wasClean() {
    return this.#wasClean;
  }
  get code() {
    return this.#code;
  }
  get reason() {
    return this.#reason;
  }
}

// What a failed connection reports (undici's ErrorEvent; not a global).
class ErrorEvent extends Event {
  #message;
  #filename;
  #lineno;
  #colno;
  #error;
  constructor(type, init = undefined) {
    if (arguments.length === 0) throw requiredArguments('ErrorEvent', 0);
    super(type, init);
    this.#message = init?.message === undefined ? '' : `${init.message}`;
    this.#filename = init?.filename === undefined ? '' : `${init.filename}`;
    this.#lineno = init?.lineno === undefined ? 0 : Number(init.lineno) >>> 0;
    this.#colno = init?.colno === undefined ? 0 : Number(init.colno) >>> 0;
    this.#error = init?.error;
  }
  get message() {
    return this.#message;
  }
  get filename() {
    return this.#filename;
  }
  get lineno() {
    return this.#lineno;
  }
  get colno() {
    return this.#colno;
  }
  get error() {
    return this.#error;
  }
}

class WebSocket extends EventTarget {
  #url;
  #readyState = CONNECTING;
  #protocol = '';
  #binaryType = 'blob';
  #bufferedAmount = 0;
  #request;
  #socket;
  #connection;
  // Sends wait behind a Blob being read, to keep their order.
  #sendChain = null;
  #closeSent = false;
  #closeReceived = null;
  #failed = false;

  constructor(url, protocols = undefined) {
    if (arguments.length === 0) throw requiredArguments('WebSocket', 0);
    super();
    let parsed;
    try {
      parsed = new URL(`${url}`);
    } catch (err) {
      throw new DOMException(`${err}`, 'SyntaxError');
    }
    if (parsed.protocol === 'http:') parsed.protocol = 'ws:';
    else if (parsed.protocol === 'https:') parsed.protocol = 'wss:';
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
      throw new DOMException('expected a ws: or wss: url', 'SyntaxError');
    }
    if (parsed.hash !== '' || parsed.href.endsWith('#')) throw new DOMException('hash', 'SyntaxError');
    const list = readProtocols(protocols);
    this.#url = parsed;
    this.#connect(list);
  }

  close(code = undefined, reason = undefined) {
    this.#check();
    if (code !== undefined) {
      code = Number(code);
      code = Number.isNaN(code) ? 0 : Math.min(Math.max(Math.round(code), 0), 65535);
      if (code !== 1000 && (code < 3000 || code > 4999)) throw new DOMException('invalid code', 'InvalidAccessError');
    }
    if (reason !== undefined) {
      reason = `${reason}`.toWellFormed();
      const length = Buffer.byteLength(reason);
      if (length > 123) {
        throw new DOMException(`Reason must be less than 123 bytes; received ${length}`, 'SyntaxError');
      }
    }
    if (this.#readyState === CLOSING || this.#readyState === CLOSED) return;
    if (this.#readyState === CONNECTING) {
      this.#fail();
      return;
    }
    this.#readyState = CLOSING;
    this.#sendClose(code ?? (reason !== undefined ? 1000 : undefined), reason ?? '');
  }

  send(data) {
    this.#check();
    if (arguments.length === 0) throw new TypeError('WebSocket.send: 1 argument required, but 0 found.');
    if (this.#readyState === CONNECTING) throw new DOMException('Sent before connected.', 'InvalidStateError');
    const { isBlob } = require('internal/blob');
    if (isBlob(data)) {
      this.#bufferedAmount += data.size;
      const previous = this.#sendChain ?? Promise.resolve();
      const chain = previous.then(() => data.arrayBuffer()).then((buffer) => {
        this.#bufferedAmount -= buffer.byteLength;
        this.#sendFrame(new Uint8Array(buffer), true);
      });
      this.#sendChain = chain;
      chain.then(() => {
        if (this.#sendChain === chain) this.#sendChain = null;
      });
      return;
    }
    let payload;
    let binary = true;
    if (typeof data === 'string') {
      payload = data;
      binary = false;
    } else if (ArrayBuffer.isView(data)) {
      payload = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } else if (data instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && data instanceof SharedArrayBuffer)) {
      payload = new Uint8Array(data);
    } else {
      payload = `${data}`;
      binary = false;
    }
    if (this.#sendChain !== null) {
      const size = binary ? payload.byteLength : Buffer.byteLength(payload);
      this.#bufferedAmount += size;
      const copy = binary ? payload.slice() : payload;
      this.#sendChain = this.#sendChain.then(() => {
        this.#bufferedAmount -= size;
        this.#sendFrame(copy, binary);
      });
      return;
    }
    this.#sendFrame(payload, binary);
  }

  get readyState() {
    this.#check();
    return this.#readyState;
  }

  get bufferedAmount() {
    this.#check();
    return this.#bufferedAmount;
  }

  get url() {
    this.#check();
    return this.#url.href;
  }

  get extensions() {
    this.#check();
    return '';
  }

  get protocol() {
    this.#check();
    return this.#protocol;
  }

  #check() {
    void this.#url;
  }

  get binaryType() {
    this.#check();
    return this.#binaryType;
  }

  set binaryType(type) {
    this.#check();
    if (type === 'blob' || type === 'arraybuffer') this.#binaryType = type;
  }

  // ---- the connection ----

  #connect(protocols) {
    const { randomBytes } = require('crypto');
    const url = this.#url;
    const secure = url.protocol === 'wss:';
    const key = randomBytes(16).toString('base64');
    const headers = {
      'sec-websocket-key': key,
      'sec-websocket-version': '13',
      'upgrade': 'websocket',
      'connection': 'upgrade',
    };
    if (protocols.length > 0) headers['sec-websocket-protocol'] = protocols.join(', ');
    const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const request = require(secure ? 'https' : 'http').request({
      hostname,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: { host: url.host, ...headers },
    });
    this.#request = request;
    request.on('upgrade', (response, socket, head) => {
      this.#request = undefined;
      if (!this.#handshakeAccepted(response, key, protocols)) {
        socket.destroy();
        this.#fail();
        return;
      }
      this.#open(socket, head, response.headers['sec-websocket-protocol'] ?? '');
    });
    request.on('response', (response) => {
      this.#request = undefined;
      response.resume();
      this.#fail();
    });
    request.on('error', () => {
      this.#request = undefined;
      this.#fail();
    });
    request.end();
  }

  // The server's answer accepts this connection (RFC 6455 §4.1): 101, the upgrade headers,
  // the key's hash, no extension (none was offered) and one of the protocols asked for.
  #handshakeAccepted(response, key, protocols) {
    const headers = response.headers;
    if (response.statusCode !== 101) return false;
    if (headers.upgrade?.toLowerCase() !== 'websocket') return false;
    if (!headers.connection?.toLowerCase().split(',').some((token) => token.trim() === 'upgrade')) return false;
    const { createHash } = require('crypto');
    if (headers['sec-websocket-accept'] !== createHash('sha1').update(key + kAcceptGuid).digest('base64')) return false;
    if (headers['sec-websocket-extensions'] !== undefined) return false;
    const protocol = headers['sec-websocket-protocol'];
    return protocol === undefined || protocols.includes(protocol);
  }

  #open(socket, head, protocol) {
    this.#socket = socket;
    this.#connection = frames.create();
    this.#protocol = protocol;
    socket.setNoDelay?.(true);
    socket.on('data', (chunk) => this.#receive(chunk));
    socket.on('error', () => {});
    socket.on('close', () => this.#socketClosed());
    this.#readyState = OPEN;
    this.dispatchEvent(new Event('open'));
    if (head !== undefined && head.length > 0) this.#receive(head);
  }

  #write(outgoing, size = 0) {
    if (outgoing.byteLength === 0 || this.#socket === undefined || this.#socket.destroyed) {
      this.#bufferedAmount -= size;
      return;
    }
    this.#socket.write(outgoing, () => {
      this.#bufferedAmount -= size;
    });
  }

  #sendFrame(payload, binary) {
    const size = binary ? payload.byteLength : Buffer.byteLength(payload);
    this.#bufferedAmount += size;
    // Once closing, data counts as buffered but is not sent (the standard's rule).
    if (this.#readyState !== OPEN || this.#connection === undefined) return;
    const [events, outgoing] = frames.send(this.#connection, payload, binary);
    this.#write(outgoing, size);
    this.#handle(events);
  }

  #sendClose(code, reason) {
    if (this.#closeSent || this.#connection === undefined) return;
    this.#closeSent = true;
    const [events, outgoing] = frames.close(this.#connection, code, reason);
    this.#write(outgoing);
    this.#handle(events);
  }

  // Reads the messages the bytes complete, each dispatched before the next is read.
  #receive(chunk) {
    let input = chunk;
    while (this.#connection !== undefined && !this.#failed) {
      const [events, outgoing] = frames.receive(this.#connection, input);
      this.#write(outgoing);
      if (events.length === 0) return;
      this.#handle(events);
      input = kNoBytes;
    }
  }

  #handle(events) {
    for (const [kind, data] of events) {
      if (kind === 'text' || kind === 'binary') {
        if (this.#readyState !== OPEN) continue;
        let value = data;
        if (kind === 'binary') {
          value = this.#binaryType === 'arraybuffer'
            ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
            : new (require('internal/blob').Blob)([data]);
        }
        const { MessageEvent } = require('worker_threads');
        this.dispatchEvent(new MessageEvent('message', { data: value, origin: this.#url.origin }));
      } else if (kind === 'close') {
        this.#closeReceived = data;
        this.#readyState = CLOSING;
        // The framing replied with our close frame; the server ends the connection.
        this.#closeSent = true;
        this.#socket?.end();
      } else if (kind === 'error') {
        this.#fail();
        return;
      }
    }
  }

  // Failing the connection (the standard's "fail the WebSocket connection"): it ends, an
  // error event fires, then close with 1006.
  #fail() {
    if (this.#failed || this.#readyState === CLOSED) return;
    this.#failed = true;
    this.#readyState = CLOSING;
    if (this.#request !== undefined) {
      this.#request.destroy();
      this.#request = undefined;
    }
    if (this.#socket !== undefined) {
      this.#socket.destroy();
    } else {
      this.#finish(false, 1006, '');
    }
  }

  #socketClosed() {
    if (this.#readyState === CLOSED) return;
    const received = this.#closeReceived;
    const clean = received !== null && this.#closeSent && !this.#failed;
    this.#finish(clean, received !== null && !this.#failed ? received[0] : 1006, received !== null && !this.#failed ? received[1] : '');
  }

  #finish(wasClean, code, reason) {
    const failed = this.#failed;
    this.#readyState = CLOSED;
    if (this.#connection !== undefined) {
      frames.release(this.#connection);
      this.#connection = undefined;
    }
    process.nextTick(() => {
      if (failed) this.dispatchEvent(new ErrorEvent('error', { error: new TypeError() }));
      this.dispatchEvent(new CloseEvent('close', { wasClean, code, reason }));
    });
  }
}

// The prototype's shape as undici's: methods, attributes, handlers, binaryType, constants.
{
  const binaryType = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'binaryType');
  delete WebSocket.prototype.binaryType;
  for (const name of ['close', 'send', 'readyState', 'bufferedAmount', 'url', 'extensions', 'protocol']) {
    Object.defineProperty(WebSocket.prototype, name, { enumerable: true });
  }
  for (const name of ['open', 'error', 'close', 'message']) defineEventHandler(WebSocket.prototype, name);
  Object.defineProperty(WebSocket.prototype, 'binaryType', { ...binaryType, enumerable: true });
  for (const [name, value] of [['CONNECTING', CONNECTING], ['OPEN', OPEN], ['CLOSING', CLOSING], ['CLOSED', CLOSED]]) {
    Object.defineProperty(WebSocket, name, { value, enumerable: true });
    Object.defineProperty(WebSocket.prototype, name, { value, enumerable: true });
  }
  Object.defineProperty(WebSocket.prototype, Symbol.toStringTag, { value: 'WebSocket', configurable: true });
  for (const Class of [CloseEvent, ErrorEvent]) {
    for (const name of Object.getOwnPropertyNames(Class.prototype)) {
      if (name !== 'constructor') Object.defineProperty(Class.prototype, name, { enumerable: true });
    }
    Object.defineProperty(Class.prototype, Symbol.toStringTag, { value: Class.name, configurable: true });
  }
}

module.exports = { WebSocket, CloseEvent };
