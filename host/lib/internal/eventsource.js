'use strict';
// EventSource (WHATWG HTML's server-sent events), as node 24 has it behind
// --experimental-eventsource: a GET over fetch() with Accept: text/event-stream, the
// text/event-stream parser, reconnection after the stream ends or fails (with Last-Event-ID),
// and failure for good on a status other than 200 or another MIME type. The details follow
// undici's, which node ships: ids and retry take effect when their event is dispatched, the
// Last-Event-ID header stays once sent, and the reconnection timer does not keep the process up.

const { Buffer } = require('buffer');
const { Event, EventTarget } = require('internal/event_target');
const { AbortController } = require('internal/abort_controller');
const { URL, DOMException } = require('internal/web');
const { MIMEType } = require('internal/mime');
const { setTimeout } = require('timers');

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 2;

const kDefaultReconnectionTime = 3000;

const LF = 0x0A;
const CR = 0x0D;
const COLON = 0x3A;
const SPACE = 0x20;
const BOM = [0xEF, 0xBB, 0xBF];

let experimentalWarned = false;

function dictionaryError(value) {
  return new TypeError(`EventSource constructor: Expected ${value} to be one of: Null, Undefined, Object.`);
}

function checkDictionary(value) {
  if (value != null && typeof value !== 'object' && typeof value !== 'function') throw dictionaryError(value);
}

// WebIDL's `unsigned long` without [EnforceRange], as undici converts it (the modulo keeps a
// negative number's sign).
function toUnsignedLong(value) {
  const number = Number(value);
  if (Number.isNaN(number) || number === 0 || !Number.isFinite(number)) return 0;
  return (Math.sign(number) * Math.floor(Math.abs(number))) % 2 ** 32;
}

// The EventSourceInit dictionary, its members read in WebIDL's (sorted) order; `dispatcher`
// and `node` are undici's.
function readInit(init) {
  checkDictionary(init);
  const dispatcher = init?.dispatcher;
  const nodeInit = init?.node === undefined ? {} : init.node;
  checkDictionary(nodeInit);
  const nodeDispatcher = nodeInit?.dispatcher;
  const reconnectionTime = nodeInit?.reconnectionTime;
  const result = {
    dispatcher: nodeDispatcher || dispatcher,
    reconnectionTime: reconnectionTime === undefined ? kDefaultReconnectionTime : toUnsignedLong(reconnectionTime),
  };
  result.withCredentials = Boolean(init?.withCredentials);
  return result;
}

function isEventStream(contentType) {
  if (contentType === null) return false;
  try {
    return new MIMEType(contentType).essence === 'text/event-stream';
  } catch {
    return false;
  }
}

const isAsciiDigits = (text) => /^[0-9]+$/.test(text);

// The text/event-stream parser: bytes in, lines split at CR, LF or CRLF, fields gathered until
// a blank line dispatches them. `settings` holds the source's lastEventId, reconnectionTime and
// origin, which events read and change.
class EventStreamParser {
  #settings;
  #dispatch;
  #pending = null;
  #checkBOM = true;
  // A CR ended the last line: an LF right after it belongs to it.
  #afterCR = false;
  #event = { data: undefined, event: undefined, id: undefined, retry: undefined };

  constructor(settings, dispatch) {
    this.#settings = settings;
    this.#dispatch = dispatch;
  }

  write(chunk) {
    let bytes = this.#pending === null ? chunk : Buffer.concat([this.#pending, chunk]);
    this.#pending = null;
    if (this.#checkBOM) {
      const prefix = Math.min(bytes.length, BOM.length);
      for (let i = 0; i < prefix; i++) {
        if (bytes[i] !== BOM[i]) {
          this.#checkBOM = false;
          break;
        }
      }
      if (this.#checkBOM) {
        if (bytes.length < BOM.length) {
          this.#pending = bytes;
          return;
        }
        bytes = bytes.subarray(BOM.length);
        this.#checkBOM = false;
      }
    }
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (byte === LF && this.#afterCR && i === start) {
        this.#afterCR = false;
        start = i + 1;
        continue;
      }
      this.#afterCR = false;
      if (byte === LF || byte === CR) {
        this.#line(bytes.subarray(start, i));
        this.#afterCR = byte === CR;
        start = i + 1;
      }
    }
    if (start < bytes.length) this.#pending = bytes.subarray(start);
  }

  #line(line) {
    if (line.length === 0) {
      const event = this.#event;
      this.#event = { data: undefined, event: undefined, id: undefined, retry: undefined };
      this.#process(event);
      return;
    }
    const colon = line.indexOf(COLON);
    if (colon === 0) return;
    let field;
    let value = '';
    if (colon === -1) {
      field = line.toString('utf8');
    } else {
      field = line.subarray(0, colon).toString('utf8');
      const valueStart = line[colon + 1] === SPACE ? colon + 2 : colon + 1;
      value = line.subarray(valueStart).toString('utf8');
    }
    const event = this.#event;
    switch (field) {
      case 'data':
        event.data = event.data === undefined ? value : `${event.data}\n${value}`;
        break;
      case 'retry':
        if (isAsciiDigits(value)) event.retry = value;
        break;
      case 'id':
        if (!value.includes('\0')) event.id = value;
        break;
      case 'event':
        if (value.length > 0) event.event = value;
        break;
    }
  }

  #process(event) {
    const settings = this.#settings;
    if (event.retry !== undefined) settings.reconnectionTime = Number.parseInt(event.retry, 10);
    if (event.id !== undefined) settings.lastEventId = event.id;
    if (event.data === undefined) return;
    this.#dispatch(event.event ?? 'message', {
      data: event.data,
      lastEventId: settings.lastEventId,
      origin: settings.origin,
    });
  }
}

class EventSource extends EventTarget {
  #handlers = { open: null, error: null, message: null };
  #url;
  #withCredentials = false;
  #readyState = CONNECTING;
  #dispatcher;
  // lastEventId, reconnectionTime and origin, shared with the parser.
  #settings;
  // Last-Event-ID, sent on every reconnection once an id was seen.
  #lastEventIdHeader = null;
  #controller = null;

  constructor(url, eventSourceInitDict = {}) {
    super();
    require('worker_threads').markAsUncloneable(this);
    if (arguments.length < 1) {
      throw new TypeError('EventSource constructor: 1 argument required, but 0 found.');
    }
    if (!experimentalWarned) {
      experimentalWarned = true;
      process.emitWarning('EventSource is experimental, expect them to change at any time.', { code: 'UNDICI-ES' });
    }
    url = `${url}`.toWellFormed();
    const init = readInit(eventSourceInitDict);
    this.#dispatcher = init.dispatcher;
    this.#settings = { lastEventId: '', reconnectionTime: init.reconnectionTime, origin: undefined };
    let parsed;
    try {
      parsed = new URL(url);
    } catch (err) {
      throw new DOMException(err, 'SyntaxError');
    }
    this.#settings.origin = parsed.origin;
    this.#url = parsed.href;
    this.#withCredentials = init.withCredentials;
    this.#connect();
  }

  get readyState() {
    return this.#readyState;
  }

  get url() {
    return this.#url;
  }

  get withCredentials() {
    return this.#withCredentials;
  }

  #connect() {
    if (this.#readyState === CLOSED) return;
    this.#readyState = CONNECTING;
    const controller = new AbortController();
    this.#controller = controller;
    const headers = [['accept', 'text/event-stream']];
    if (this.#lastEventIdHeader !== null) headers.push(['last-event-id', this.#lastEventIdHeader]);
    const init = {
      headers,
      signal: controller.signal,
      cache: 'no-store',
      redirect: 'follow',
      mode: 'cors',
      credentials: this.#withCredentials ? 'omit' : 'same-origin',
      referrer: '',
      keepalive: true,
    };
    if (this.#dispatcher !== undefined) init.dispatcher = this.#dispatcher;
    require('internal/fetch_client').fetch(this.#url, init).then(
      (response) => this.#onResponse(response, controller),
      () => {
        if (controller.signal.aborted) {
          this.close();
          // undici reports the aborted fetch once the current microtasks are done.
          process.nextTick(() => this.dispatchEvent(new Event('error')));
        } else {
          this.#reconnect();
        }
      });
  }

  #onResponse(response, controller) {
    if (controller.signal.aborted) return;
    if (response.status !== 200 || !isEventStream(response.headers.get('content-type'))) {
      this.close();
      this.dispatchEvent(new Event('error'));
      return;
    }
    this.#readyState = OPEN;
    this.dispatchEvent(new Event('open'));
    this.#settings.origin = new URL(response.url).origin;
    const parser = new EventStreamParser(this.#settings, (type, init) => {
      this.dispatchEvent(new (require('worker_threads').MessageEvent)(type, init));
    });
    const reader = response.body.getReader();
    const pump = () => reader.read().then(({ done, value }) => {
      if (done) {
        this.#reconnect();
        return;
      }
      parser.write(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      return pump();
    }, () => {
      if (!controller.signal.aborted) this.#reconnect();
    });
    pump();
  }

  // WHATWG HTML's "reestablish the connection": error, wait, then connect again.
  #reconnect() {
    if (this.#readyState === CLOSED) return;
    this.#readyState = CONNECTING;
    this.dispatchEvent(new Event('error'));
    setTimeout(() => {
      if (this.#readyState !== CONNECTING) return;
      if (this.#settings.lastEventId.length > 0) this.#lastEventIdHeader = this.#settings.lastEventId;
      this.#connect();
    }, this.#settings.reconnectionTime)?.unref();
  }

  close() {
    if (!(#readyState in this)) {
      const err = new TypeError('Illegal invocation');
      err.code = 'ERR_INVALID_THIS';
      throw err;
    }
    if (this.#readyState === CLOSED) return;
    this.#readyState = CLOSED;
    this.#controller.abort();
  }

  static #handler(target, type) {
    return target.#handlers[type];
  }

  // undici's on<event> setters: the old handler is removed, a new one goes to the end of the
  // listeners; a non-callable object is kept but listens with a function doing nothing.
  static #setHandler(target, type, value) {
    const handlers = target.#handlers;
    if (handlers[type]) target.removeEventListener(type, handlers[type]);
    const isObject = value !== null && (typeof value === 'object' || typeof value === 'function');
    if (!isObject) {
      handlers[type] = null;
      return;
    }
    target.addEventListener(type, typeof value === 'function' ? value : () => {});
    handlers[type] = value;
  }

  get onopen() {
    return EventSource.#handler(this, 'open');
  }

  set onopen(value) {
    EventSource.#setHandler(this, 'open', value);
  }

  get onmessage() {
    return EventSource.#handler(this, 'message');
  }

  set onmessage(value) {
    EventSource.#setHandler(this, 'message', value);
  }

  get onerror() {
    return EventSource.#handler(this, 'error');
  }

  set onerror(value) {
    EventSource.#setHandler(this, 'error', value);
  }
}

{
  for (const [name, value] of [['CONNECTING', CONNECTING], ['OPEN', OPEN], ['CLOSED', CLOSED]]) {
    const descriptor = { value, enumerable: true, writable: false, configurable: false };
    Object.defineProperty(EventSource, name, descriptor);
    Object.defineProperty(EventSource.prototype, name, descriptor);
  }
  for (const name of ['close', 'onerror', 'onmessage', 'onopen', 'readyState', 'url', 'withCredentials']) {
    Object.defineProperty(EventSource.prototype, name, { enumerable: true });
  }
}

module.exports = { EventSource };
