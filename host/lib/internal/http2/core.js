'use strict';
// http2's sessions and streams. Each Http2Session owns an nghttp2 session (binding.http2())
// and the net or tls socket under it: the socket's bytes go in through `receive`, and `drain`
// gives back what nghttp2 wants sent and the events it produced (headers, data, closes,
// settings, pings, GOAWAY), which are turned here into node's events and stream data.

const EventEmitter = require('events');
const net = require('net');
const tls = require('tls');
const { Duplex } = require('stream');
const { Buffer } = require('buffer');
const { URL } = require('url');
const { AsyncResource } = require('async_hooks');
const { getTimerDuration } = require('internal/timers');
const perf = require('internal/perf/observe');
const {
  AbortError, codedError, invalidArgType, invalidArgValue, outOfRange, validateFunction, validateInteger, validateObject,
} = require('internal/errors');
const {
  constants, errors, nghttpError, errorCodeName, errorCodeOfLibraryError, native, kSensitiveHeaders, kNoPayloadMethods,
  headersToList, headersFromList, checkResponsePseudoHeader, checkTrailerPseudoHeader,
  validateSettings, settingsToList, settingsFromValues, checkIsObject, rawHeadersToObject,
  customSettingsEntries, validateRemoteCustomSettings,
} = require('internal/http2/util');

const {
  NGHTTP2_NO_ERROR, NGHTTP2_CANCEL, NGHTTP2_INTERNAL_ERROR, NGHTTP2_FLAG_END_STREAM,
  NGHTTP2_SESSION_SERVER, NGHTTP2_SESSION_CLIENT, NGHTTP2_DEFAULT_WEIGHT,
} = constants;
const {
  HCAT_RESPONSE: NGHTTP2_HCAT_RESPONSE, HCAT_PUSH_RESPONSE: NGHTTP2_HCAT_PUSH_RESPONSE,
  ERR_STREAM_ID_NOT_AVAILABLE: NGHTTP2_ERR_STREAM_ID_NOT_AVAILABLE, ERR_INVALID_ARGUMENT: NGHTTP2_ERR_INVALID_ARGUMENT,
  ERR_STREAM_CLOSED: NGHTTP2_ERR_STREAM_CLOSED, ERR_STREAM_CLOSING: NGHTTP2_ERR_STREAM_CLOSING,
  ERR_SESSION_CLOSING: NGHTTP2_ERR_SESSION_CLOSING, ERR_PROTO: NGHTTP2_ERR_PROTO,
  ERR_CALLBACK_FAILURE: NGHTTP2_ERR_CALLBACK_FAILURE,
} = require('internal/http2/util').nghttp2;

const EVENT_HEADERS = 1;
const EVENT_DATA = 2;
const EVENT_END = 3;
const EVENT_CLOSE = 4;
const EVENT_SETTINGS = 5;
const EVENT_PING = 6;
const EVENT_GOAWAY = 7;
const EVENT_PRIORITY = 9;
const EVENT_PUSH_PROMISE = 10;
const EVENT_FRAME_ERROR = 11;
const EVENT_WANT_TRAILERS = 12;
const EVENT_WRITE_DONE = 13;
const EVENT_ALTSVC = 14;
const EVENT_ORIGIN = 15;
const EVENT_FRAME_SENT = 16;
const EVENT_INVALID_FRAME = 17;
const EVENT_TERMINATED = 18;

const FRAME_GOAWAY = 7;
// How many origins a client keeps from the server's ORIGIN frames unless maxOriginSetSize says.
const kDefaultMaxOriginSetSize = 128;
const streamEvents = new Set([EVENT_HEADERS, EVENT_DATA, EVENT_END, EVENT_CLOSE, EVENT_WANT_TRAILERS, EVENT_FRAME_ERROR]);

// The diagnostics channels node publishes a stream's life on: http2.client.stream.<event> and
// http2.server.stream.<event>.
function publishStream(stream, event, message) {
  const side = stream instanceof ClientHttp2Stream ? 'client' : 'server';
  const channel = require('diagnostics_channel').channel(`http2.${side}.stream.${event}`);
  if (channel.hasSubscribers) channel.publish({ stream, ...message });
}

const kSession = Symbol('session');
// The session a socket carries (a stream's own session is its kSession: a stream can be the
// socket of another session, as a CONNECT tunnel is).
const kBoundSession = Symbol('boundSession');
const kSocket = Symbol('socket');
const kSocketOwner = Symbol('socketOwner');
const kState = Symbol('state');
const kHandle = Symbol('handle');
const kType = Symbol('type');
const kOptions = Symbol('options');
const kServer = Symbol('server');
const kId = Symbol('id');
const kProtocol = Symbol('protocol');
const kAuthority = Symbol('authority');
const kSentHeaders = Symbol('sentHeaders');
const kSentTrailers = Symbol('sentTrailers');
const kInfoHeaders = Symbol('infoHeaders');
const kTimeout = Symbol('timeout');
const kProxySocket = Symbol('proxySocket');
const kPendingRequests = Symbol('pendingRequests');
const kAsyncResource = Symbol('asyncResource');
const kStats = Symbol('stats');
const kLocalSettings = Symbol('localSettings');
const kRemoteSettings = Symbol('remoteSettings');

let nextWriteId = 1;

function sessionName(type) {
  return type === NGHTTP2_SESSION_SERVER ? 'server' : 'client';
}

// NODE_DEBUG=http2: node's log of what sessions and streams do (its warning comes with the
// first line).
const debug = require('util').debuglog('http2');

function debugSession(session, message, ...args) {
  debug(`Http2Session %s: ${message}`, sessionName(session[kType]), ...args);
}

function debugStream(stream, message, ...args) {
  if (!debug.enabled) return;
  const session = stream[kSession];
  debug(`Http2Stream %s [Http2Session %s]: ${message}`, stream[kId] ?? 'pending',
    sessionName(session === undefined ? undefined : session[kType]), ...args);
}

// NODE_DEBUG_NATIVE=http2 (categories HTTP2SESSION and HTTP2STREAM; a category is on when a
// name given is part of it): the log of node's native half, whose work nghttp2's binding does
// here. Lines name sessions and streams by their async ids, as node's.
const nativeDebug = (() => {
  const wanted = (internals.nodeDebugNative ?? '').split(',').map((name) => name.trim().toUpperCase())
    .filter((name) => name !== '');
  const enabled = (category) => wanted.some((name) => category.includes(name));
  return { session: enabled('HTTP2SESSION'), stream: enabled('HTTP2STREAM') };
})();
const kDebugId = Symbol('debugId');

function sessionLabel(session) {
  session[kDebugId] ??= require('internal/async_hooks').newAsyncId();
  return `Http2Session ${sessionName(session[kType])} (${session[kDebugId]})`;
}

function nativeDebugSession(session, message) {
  if (nativeDebug.session) process._rawDebug(`${sessionLabel(session)} ${message}`);
}

function nativeDebugStream(stream, message) {
  if (!nativeDebug.stream) return;
  const session = stream[kSession];
  process._rawDebug(`HttpStream ${stream[kId]} (${stream[kAsyncResource].asyncId()}) [${sessionLabel(session)}] ${message}`);
}

// ---- sessions ----

// The options nghttp2 takes at creation, in the order binding.http2().create reads them.
function nativeOptions(options) {
  const number = (value) => (typeof value === 'number' ? value : -1);
  return [
    number(options.maxDeflateDynamicTableSize),
    number(options.maxReservedRemoteStreams),
    number(options.maxSendHeaderBlockLength),
    number(options.peerMaxConcurrentStreams),
    number(options.maxSettings),
    options.strictFieldWhitespaceValidation === false ? 0 : 1,
    number(options.maxSessionInvalidFrames),
    number(options.paddingStrategy),
    number(options.maxHeaderListPairs),
    typeof options.maxSessionMemory === 'number' ? Math.max(1, options.maxSessionMemory) : -1,
  ];
}

// Writes what nghttp2 serialized: to a net socket in one buffer; to any other stream a write
// per piece, as node's JSStreamSocket writes each buffer of the session's write (corked).
function writeToSocket(socket, bytes, pieces, callback) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (socket instanceof net.Socket || pieces.length === 1) {
    socket.write(buffer, callback);
    return;
  }
  socket.cork();
  let offset = 0;
  for (let i = 0; i < pieces.length; i++) {
    socket.write(buffer.subarray(offset, offset + pieces[i]), i === pieces.length - 1 ? callback : undefined);
    offset += pieces[i];
  }
  socket.uncork();
}

// The session's listeners on its socket. They reach the session through `owner`, cleared once
// the session is destroyed (and made here, apart from the constructor's scope, so that they do
// not hold the session themselves): a socket that outlives its session does not keep it alive.
function socketListeners(session) {
  const owner = { session };
  return {
    owner,
    data: (chunk) => owner.session?._receive(chunk),
    close: () => {
      if (owner.session !== null) onSocketClose(owner.session);
    },
    error: (err) => {
      if (owner.session !== null) onSocketError(owner.session, err);
    },
    timeout: () => owner.session?._onTimeout(),
  };
}

class Http2Session extends EventEmitter {
  constructor(type, options, socket) {
    super();
    if (socket[kBoundSession] !== undefined) throw errors.SOCKET_BOUND();
    socket[kBoundSession] = this;
    this[kType] = type;
    this[kOptions] = options;
    this[kSocket] = socket;
    this[kState] = {
      connecting: true,
      closed: false,
      destroyed: false,
      destroyCode: NGHTTP2_NO_ERROR,
      goawayCode: null,
      goawayLastStreamID: null,
      streams: new Map(),
      pendingStreams: new Set(),
      pendingAck: 0,
      settingsCallbacks: [],
      pings: [],
      writeCallbacks: new Map(),
      pumping: false,
      pumpAgain: false,
      pumpScheduled: false,
      originSet: undefined,
      // Custom settings (ids nghttp2 does not know): every one this side submitted, and the
      // peer's values for the ids in remoteCustomSettings.
      localCustomSettings: new Map(),
      remoteCustomSettings: new Map(),
    };
    // localSettings and remoteSettings are kept until they change (an ACK, the peer's SETTINGS).
    this[kLocalSettings] = undefined;
    this[kRemoteSettings] = undefined;
    // What the session's 'http2' performance entry reports (pingRTT in nanoseconds, as node's).
    this[kStats] = {
      startTime: perf.performanceNow(), bytesRead: 0, bytesWritten: 0, maxConcurrentStreams: 0, pingRTT: 0,
      streamCount: 0, streamDurationTotal: 0,
    };
    this[kHandle] = native().create(type === NGHTTP2_SESSION_SERVER, nativeOptions(options));
    nativeDebugSession(this, 'session created');
    this[kTimeout] = null;
    this[kProxySocket] = null;
    this.alpnProtocol = undefined;
    this.encrypted = undefined;
    const listeners = socketListeners(this);
    this[kSocketOwner] = listeners.owner;
    this._onSocketData = listeners.data;
    this._onSocketClose = listeners.close;
    this._onSocketError = listeners.error;
    socket.on('close', this._onSocketClose);
    socket.on('error', this._onSocketError);
    socket.on('timeout', listeners.timeout);
    const setup = () => {
      try {
        this._setup();
      } catch (err) {
        socket.destroy(err);
      }
    };
    if (socket.connecting || socket.secureConnecting || (socket instanceof tls.TLSSocket && !socket._secureEstablished && !socket.encrypted)) {
      socket.once(socket instanceof tls.TLSSocket ? 'secureConnect' : 'connect', setup);
    } else {
      setup();
    }
    debugSession(this, 'created');
  }

  _setup() {
    const state = this[kState];
    if (state.destroyed) return;
    debugSession(this, 'setting up session handle');
    if (this[kOptions].remoteCustomSettings) validateRemoteCustomSettings(this[kOptions].remoteCustomSettings);
    const socket = this[kSocket];
    state.connecting = false;
    if (socket.encrypted) {
      this.alpnProtocol = socket.alpnProtocol;
      this.encrypted = true;
    } else {
      this.alpnProtocol = 'h2c';
      this.encrypted = false;
    }
    socket.on('data', this._onSocketData);
    nativeDebugSession(this, 'i/o stream consumed');
    if (socket.isPaused && socket.isPaused()) socket.resume();
    const settings = typeof this[kOptions].settings === 'object' ? this[kOptions].settings : {};
    debugSession(this, 'sending settings');
    this.settings(settings);
    if (this[kType] === NGHTTP2_SESSION_SERVER && Array.isArray(this[kOptions].origins)) {
      this.origin(...this[kOptions].origins);
    }
    if (this[kType] === NGHTTP2_SESSION_CLIENT) updateOriginSet(this);
    this._pump();
    process.nextTick(() => this.emit('connect', this, socket));
  }

  get connecting() { return this[kState].connecting; }
  get closed() { return this[kState].closed; }
  get destroyed() { return this[kState].destroyed; }
  get type() { return this[kType]; }
  get pendingSettingsAck() { return this[kState].pendingAck > 0; }
  get originSet() {
    if (this[kType] === NGHTTP2_SESSION_CLIENT && this.encrypted) return [...(this[kState].originSet || [])];
    return undefined;
  }

  get socket() {
    if (this[kState].unbound) return undefined;
    if (this[kProxySocket] === null) this[kProxySocket] = socketProxy(this);
    return this[kProxySocket];
  }

  get localSettings() {
    if (this[kLocalSettings] !== undefined) return this[kLocalSettings];
    if (this.destroyed || this.connecting) return {};
    const values = native().getSettings(this[kHandle], false);
    return this[kLocalSettings] = settingsFromValues(values, this[kState].localCustomSettings);
  }

  get remoteSettings() {
    if (this[kRemoteSettings] !== undefined) return this[kRemoteSettings];
    if (this.destroyed || this.connecting) return {};
    const values = native().getSettings(this[kHandle], true);
    return this[kRemoteSettings] = settingsFromValues(values, this[kState].remoteCustomSettings);
  }

  get state() {
    if (this.destroyed) return {};
    const values = native().state(this[kHandle]);
    return {
      effectiveLocalWindowSize: values[0],
      effectiveRecvDataLength: values[1],
      nextStreamID: values[2],
      localWindowSize: values[3],
      lastProcStreamID: values[4],
      remoteWindowSize: values[5],
      outboundQueueSize: values[6],
      deflateDynamicTableSize: values[7],
      inflateDynamicTableSize: values[8],
    };
  }

  settings(settings = {}, callback) {
    if (this.destroyed) throw errors.INVALID_SESSION();
    checkIsObject(settings, 'settings');
    settings = validateSettings(settings);
    if (callback !== undefined) validateFunction(callback, 'callback');
    const state = this[kState];
    const max = typeof this[kOptions].maxOutstandingSettings === 'number' ? Math.max(1, this[kOptions].maxOutstandingSettings) : 10;
    state.pendingAck++;
    const submit = () => {
      if (this.destroyed) return;
      debugSession(this, 'submitting settings');
      // Like node, one SETTINGS too many (unacknowledged ones at the limit) ends the session.
      if (state.settingsCallbacks.length >= max) {
        this.destroy(errors.MAX_PENDING_SETTINGS_ACK());
        return;
      }
      const ret = native().settings(this[kHandle], settingsToList(settings));
      if (ret < 0) {
        this.destroy(nghttpError(ret));
        return;
      }
      for (const [id, value] of customSettingsEntries(settings)) state.localCustomSettings.set(id, value);
      state.settingsCallbacks.push({ callback, start: process.hrtime.bigint() });
      this._schedulePump();
    };
    if (this.connecting) {
      this.once('connect', submit);
      return;
    }
    submit();
  }

  ping(payload, callback) {
    if (this.destroyed) throw errors.INVALID_SESSION();
    if (typeof payload === 'function') {
      callback = payload;
      payload = undefined;
    }
    if (payload !== undefined && payload !== null) {
      if (!ArrayBuffer.isView(payload)) throw invalidArgType('payload', 'an instance of Buffer, TypedArray, or DataView', payload);
    }
    if (payload && payload.byteLength !== 8) throw errors.PING_LENGTH();
    validateFunction(callback, 'callback');
    const state = this[kState];
    const max = typeof this[kOptions].maxOutstandingPings === 'number' ? this[kOptions].maxOutstandingPings : 10;
    const bytes = payload ? Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength) : Buffer.alloc(8);
    const entry = { callback, start: process.hrtime.bigint(), payload: bytes, resource: new AsyncResource('HTTP2PING') };
    // One ping over the limit is cancelled at once, as node's binding refuses it.
    if (state.pings.length >= max) {
      settlePing(entry, errors.PING_CANCEL());
      return false;
    }
    state.pings.push(entry);
    const submit = () => {
      if (this.destroyed) return;
      native().ping(this[kHandle], bytes);
      this._schedulePump();
    };
    if (this.connecting) this.once('connect', submit);
    else submit();
    return true;
  }

  goaway(code = NGHTTP2_NO_ERROR, lastStreamID = 0, opaqueData) {
    if (this.destroyed) throw errors.INVALID_SESSION();
    if (opaqueData !== undefined && !ArrayBuffer.isView(opaqueData)) {
      throw invalidArgType('opaqueData', 'an instance of Buffer, TypedArray, or DataView', opaqueData);
    }
    if (typeof code !== 'number') throw invalidArgType('code', 'of type number', code);
    if (typeof lastStreamID !== 'number') throw invalidArgType('lastStreamID', 'of type number', lastStreamID);
    const submit = () => {
      if (this.destroyed) return;
      debugSession(this, 'submitting goaway');
      nativeDebugSession(this, 'submitting goaway');
      native().goaway(this[kHandle], code, lastStreamID > 0 ? lastStreamID : -1, opaqueData);
      this._schedulePump();
    };
    if (this.connecting) this.once('connect', submit);
    else submit();
  }

  setNextStreamID(id) {
    if (this.destroyed) throw errors.INVALID_SESSION();
    if (typeof id !== 'number') throw invalidArgType('id', 'of type number', id);
    if (!(id > 0 && id <= 2 ** 32 - 1)) throw outOfRange('id', '> 0 and <= 4294967295', id);
    const submit = () => {
      if (!this.destroyed) native().setNextStreamID(this[kHandle], id);
    };
    if (this.connecting) this.once('connect', submit);
    else submit();
  }

  setLocalWindowSize(windowSize) {
    if (this.destroyed) throw errors.INVALID_SESSION();
    if (!Number.isInteger(windowSize)) {
      if (typeof windowSize !== 'number') throw invalidArgType('windowSize', 'of type number', windowSize);
      throw outOfRange('windowSize', 'an integer', windowSize);
    }
    if (windowSize < 0 || windowSize > 2 ** 31 - 1) throw outOfRange('windowSize', '>= 0 && <= 2147483647', windowSize);
    const ret = native().setLocalWindowSize(this[kHandle], windowSize);
    if (ret < 0) throw nghttpError(ret);
    this._schedulePump();
  }

  setTimeout(msecs, callback) {
    if (this.destroyed) return this;
    msecs = getTimerDuration(msecs, 'msecs');
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      if (msecs === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    if (typeof this[kSocket].setTimeout === 'function') this[kSocket].setTimeout(msecs);
    return this;
  }

  _onTimeout() {
    if (this.destroyed) return;
    if (!this.emit('timeout')) this.destroy();
  }

  ref() {
    if (this[kSocket] && this[kSocket].ref) this[kSocket].ref();
  }

  unref() {
    if (this[kSocket] && this[kSocket].unref) this[kSocket].unref();
  }

  close(callback) {
    if (this.closed || this.destroyed) return;
    debugSession(this, 'marking session closed');
    this[kState].closed = true;
    if (typeof callback === 'function') this.once('close', callback);
    if (!this.connecting) this.goaway();
    this._maybeDestroy();
  }

  destroy(error = NGHTTP2_NO_ERROR, code) {
    if (this.destroyed) return;
    debugSession(this, 'destroying');
    if (typeof error === 'number') {
      code = error;
      error = code !== NGHTTP2_NO_ERROR ? errors.SESSION_ERROR(code) : undefined;
    }
    if (code === undefined && error != null) code = NGHTTP2_INTERNAL_ERROR;
    closeSession(this, code, error);
  }

  _maybeDestroy(error) {
    if (error == null) {
      const state = this[kState];
      if (!state.closed || state.streams.size > 0 || state.pendingStreams.size > 0) return;
    }
    this.destroy(error);
  }

  _receive(chunk) {
    if (this.destroyed) return;
    nativeDebugSession(this, `receiving ${chunk.length} bytes, offset 0`);
    this[kStats].bytesRead += chunk.length;
    const ret = native().receive(this[kHandle], chunk);
    if (ret === 'ERR_HTTP2_TOO_MANY_INVALID_FRAMES') {
      const err = errors.TOO_MANY_INVALID_FRAMES();
      err.errno = NGHTTP2_ERR_CALLBACK_FAILURE;
      this.destroy(err);
      return;
    }
    if (ret < 0) {
      this.destroy(nghttpError(ret));
      return;
    }
    this._pump();
  }

  // What JS submits (headers, data, resets, settings) goes out on the next turn of the event
  // loop, as node's session schedules its writes with setImmediate: ticks queued meanwhile
  // (such as a write's check for the stream's end) still shape the frames.
  _schedulePump() {
    const state = this[kState];
    if (state.pumpScheduled || state.connecting) return;
    state.pumpScheduled = true;
    setImmediate(() => {
      state.pumpScheduled = false;
      this._pump();
    });
  }

  // Sends what nghttp2 has ready and handles the events it produced; again while bytes
  // received during that (a socket that delivers synchronously) ask for it. What the event
  // handlers submit waits for the scheduled pump.
  _pump() {
    const state = this[kState];
    if (state.destroyed || state.connecting) return;
    if (state.pumping) {
      state.pumpAgain = true;
      return;
    }
    state.pumping = true;
    try {
      for (;;) {
        state.pumpAgain = false;
        if (state.destroyed) break;
        const [bytes, events, error, pieces] = native().drain(this[kHandle]);
        if (nativeDebug.session && bytes !== undefined) {
          nativeDebugSession(this, 'sending pending data');
          for (const length of pieces) nativeDebugSession(this, `nghttp2 has ${length} bytes to send`);
        }
        // As node's, a stream's write is done once the socket has taken the bytes that carry
        // it, not when nghttp2 framed them: a stream's writes wait for the socket's (whose
        // completion node reports on a later turn of the event loop, even for a JS stream).
        let writesDone = null;
        if (bytes !== undefined) {
          const socket = this[kSocket];
          if (!socket.destroyed && socket.writable) {
            writesDone = events.filter((event) => event[0] === EVENT_WRITE_DONE);
            const completeWrites = writesDone.length === 0 ? undefined : () => setImmediate(() => {
              for (const event of writesDone) this._dispatchEvent(event);
            });
            writeToSocket(socket, bytes, pieces, completeWrites);
            this[kStats].bytesWritten += bytes.byteLength;
          }
        }
        for (const event of events) {
          if (event[0] === EVENT_WRITE_DONE && writesDone !== null) continue;
          if (state.destroyed && event[0] !== EVENT_WRITE_DONE) break;
          this._handleEvent(event);
        }
        if (error < 0 && !state.destroyed) {
          this.destroy(nghttpError(error));
          break;
        }
        if (!state.pumpAgain) break;
      }
    } finally {
      state.pumping = false;
    }
  }

  // A stream's events run in the async context its stream was made in (node's streams are
  // HTTP2STREAM resources), so a request's listeners see the AsyncLocalStorage of request().
  _handleEvent(event) {
    if (streamEvents.has(event[0])) {
      const stream = this[kState].streams.get(event[1]);
      if (stream !== undefined) {
        stream[kAsyncResource].runInAsyncScope(this._dispatchEvent, this, event);
        return;
      }
    }
    this._dispatchEvent(event);
  }

  _dispatchEvent(event) {
    const state = this[kState];
    switch (event[0]) {
      case EVENT_HEADERS:
        nativeDebugSession(this, `handle headers frame for stream ${event[1]}`);
        onSessionHeaders(this, event[1], event[2], event[3], event[4], event[5]);
        break;
      case EVENT_PUSH_PROMISE:
        onPushPromise(this, event[1], event[2], event[3], event[4]);
        break;
      case EVENT_DATA: {
        nativeDebugSession(this, `handling data frame for stream ${event[1]}`);
        const stream = state.streams.get(event[1]);
        if (stream !== undefined && !stream.destroyed) {
          const bytes = event[2];
          const stats = stream[kStats];
          stats.bytesRead += bytes.byteLength;
          stats.firstByte ??= perf.performanceNow();
          // A full buffer stops the stream's window from reopening until it is read.
          if (!stream.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) && !stream.destroyed) {
            native().readStop(this[kHandle], event[1]);
          }
        }
        break;
      }
      case EVENT_END: {
        const stream = state.streams.get(event[1]);
        if (stream !== undefined && !stream.destroyed) stream.push(null);
        break;
      }
      case EVENT_CLOSE:
        nativeDebugSession(this, `stream ${event[1]} closed with code: ${event[2]}`);
        onStreamClose(this, event[1], event[2]);
        break;
      case EVENT_SETTINGS:
        nativeDebugSession(this, 'handling settings frame');
        if (event[2]) {
          debugSession(this, 'settings received');
          // An acknowledgement of nothing sent is a connection error, as in node.
          if (state.settingsCallbacks.length === 0) {
            this.destroy(nghttpError(NGHTTP2_ERR_PROTO));
            break;
          }
          state.pendingAck = Math.max(0, state.pendingAck - 1);
          const entry = state.settingsCallbacks.shift();
          const settings = this[kLocalSettings] = settingsFromValues(event[4], state.localCustomSettings);
          if (entry && entry.callback) {
            const duration = Number(process.hrtime.bigint() - entry.start) / 1e6;
            entry.callback(null, settings, duration);
          }
          this.emit('localSettings', settings);
        } else {
          const wanted = this[kOptions].remoteCustomSettings;
          const custom = event[3];
          for (let i = 0; i < custom.length; i += 2) {
            if (Array.isArray(wanted) && wanted.includes(custom[i])) state.remoteCustomSettings.set(custom[i], custom[i + 1]);
          }
          debugSession(this, 'new settings received');
          this[kRemoteSettings] = settingsFromValues(event[4], state.remoteCustomSettings);
          this.emit('remoteSettings', this[kRemoteSettings]);
        }
        break;
      case EVENT_PING: {
        const payload = Buffer.from(event[3].buffer, event[3].byteOffset, 8);
        if (event[2]) {
          const entry = state.pings.shift();
          if (entry === undefined) {
            this.destroy(nghttpError(NGHTTP2_ERR_PROTO));
            break;
          }
          const duration = Number(process.hrtime.bigint() - entry.start) / 1e6;
          this[kStats].pingRTT = Math.round(duration * 1e6);
          settlePing(entry, null, duration, payload);
        } else {
          debugSession(this, 'new ping received');
          this.emit('ping', payload);
        }
        break;
      }
      case EVENT_GOAWAY: {
        const [, , code, lastStreamID, opaque] = event;
        state.goawayCode = code;
        state.goawayLastStreamID = lastStreamID;
        debugSession(this, 'goaway %d received [last stream id: %d]', code, lastStreamID);
        const data = opaque.byteLength > 0 ? Buffer.from(opaque.buffer, opaque.byteOffset, opaque.byteLength) : undefined;
        this.emit('goaway', code, lastStreamID, data);
        if (code === NGHTTP2_NO_ERROR) this.close();
        else this.destroy(errors.SESSION_ERROR(code), NGHTTP2_NO_ERROR);
        break;
      }
      case EVENT_PRIORITY: {
        if (debug.enabled) {
          debug('Http2Stream %s [Http2Session %s]: priority [parent: %d, weight: %d, exclusive: %s]',
            event[1], sessionName(this[kType]), event[2], event[3], event[4]);
        }
        const stream = state.streams.get(event[1]);
        const emitter = stream === undefined ? this : stream;
        emitter.emit('priority', event[1], event[2], event[3], event[4]);
        break;
      }
      case EVENT_FRAME_ERROR: {
        const [, id, type, libraryCode] = event;
        // A frame dropped because its session or stream is closing is no one's concern.
        if (libraryCode === NGHTTP2_ERR_SESSION_CLOSING || libraryCode === NGHTTP2_ERR_STREAM_CLOSED ||
            libraryCode === NGHTTP2_ERR_STREAM_CLOSING) break;
        const code = errorCodeOfLibraryError(libraryCode);
        debugSession(this, 'error sending frame type %d on stream %d, code: %d', type, id, code);
        const stream = state.streams.get(id);
        const emitter = stream || this;
        emitter.emit('frameError', type, code, id);
        // As node's: the stream is reset and the session closed (gracefully) a turn later,
        // giving a GOAWAY nghttp2 may have on its way time to arrive.
        setImmediate(() => {
          if (stream !== undefined && !stream.destroyed) stream.close(code);
          if (!this.destroyed) this.close();
        });
        break;
      }
      case EVENT_WANT_TRAILERS: {
        const stream = state.streams.get(event[1]);
        if (stream === undefined || stream.destroyed) break;
        stream[kState].trailersReady = true;
        if (!stream.emit('wantTrailers')) stream.sendTrailers({});
        break;
      }
      case EVENT_WRITE_DONE: {
        const callback = state.writeCallbacks.get(event[2]);
        if (callback !== undefined) {
          state.writeCallbacks.delete(event[2]);
          callback.done();
        }
        break;
      }
      case EVENT_ALTSVC:
        debugSession(this, 'altsvc received: stream: %d, origin: %s, alt: %s', event[1], event[2], event[3]);
        this.emit('altsvc', event[3], event[2], event[1]);
        break;
      case EVENT_ORIGIN: {
        // ORIGIN frames mean something only on TLS connections; plain text ignores them.
        if (!this.encrypted) break;
        debugSession(this, 'origin received: %j', event[2]);
        state.originSet ??= new Set();
        for (const origin of event[2]) state.originSet.add(origin);
        const max = this[kOptions].maxOriginSetSize ?? kDefaultMaxOriginSetSize;
        if (state.originSet.size > max) {
          this.destroy(errors.TOO_MANY_ORIGINS(max));
          break;
        }
        this.emit('origin', event[2]);
        break;
      }
      case EVENT_FRAME_SENT:
        if (event[2] === FRAME_GOAWAY) state.goawaySent = true;
        break;
      // A frame nghttp2 rejected in a way that ends the session.
      case EVENT_INVALID_FRAME:
        this.destroy(nghttpError(event[3]));
        break;
      // nghttp2 ended the session on its own (a connection error it answered with GOAWAY).
      case EVENT_TERMINATED:
        this.destroy(nghttpError(NGHTTP2_ERR_PROTO));
        break;
      default:
        break;
    }
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, opts) {
    if (typeof depth === 'number' && depth < 0) return this;
    const obj = {
      type: this[kType],
      closed: this.closed,
      destroyed: this.destroyed,
      state: this.state,
      localSettings: this.localSettings,
      remoteSettings: this.remoteSettings,
    };
    return `Http2Session ${require('util').inspect(obj, opts)}`;
  }
}

// A ping's callback runs in the async context of the ping() call (an HTTP2PING resource).
function settlePing(entry, ...args) {
  try {
    entry.resource.runInAsyncScope(entry.callback, null, ...args);
  } finally {
    entry.resource.emitDestroy();
  }
}

function updateOriginSet(session) {
  const socket = session[kSocket];
  const state = session[kState];
  state.originSet ??= new Set();
  // The server's origin: its name as sent in SNI, else its address (an IP needs none).
  let host = socket.servername;
  if (!host) host = socket.remoteFamily === 'IPv6' ? `[${socket.remoteAddress}]` : socket.remoteAddress;
  if (!host) return;
  const port = socket.remotePort == null ? '' : `:${socket.remotePort}`;
  state.originSet.add(new URL(`https://${host}${port}`).origin);
}

// A stand-in for the session's socket: reads and writes would corrupt the HTTP/2 framing,
// so they throw, as node's do; timeouts and ref/unref are the session's; the rest reaches the
// socket while the session holds it (ERR_HTTP2_SOCKET_UNBOUND once the session has closed).
const sessionOwnedSocketMethods = new Set(['setTimeout', 'ref', 'unref']);
const forbiddenSocketMethods = new Set(['destroy', 'emit', 'end', 'pause', 'read', 'resume', 'write', 'setEncoding', 'setKeepAlive', 'setNoDelay']);

function boundSocket(session) {
  if (session[kState].unbound) throw errors.SOCKET_UNBOUND();
  return session[kSocket];
}

// Without a `has` trap, as node 24.19's: `in` asks the session itself.
const sessionSocketHandler = {
  get(session, prop) {
    if (sessionOwnedSocketMethods.has(prop)) return session[prop].bind(session);
    if (forbiddenSocketMethods.has(prop)) throw errors.NO_SOCKET_MANIPULATION();
    const socket = boundSocket(session);
    const value = socket[prop];
    return typeof value === 'function' ? value.bind(socket) : value;
  },
  getPrototypeOf(session) {
    return Reflect.getPrototypeOf(boundSocket(session));
  },
  set(session, prop, value) {
    if (sessionOwnedSocketMethods.has(prop)) {
      session[prop] = value;
      return true;
    }
    if (forbiddenSocketMethods.has(prop)) throw errors.NO_SOCKET_MANIPULATION();
    boundSocket(session)[prop] = value;
    return true;
  },
};

function socketProxy(session) {
  return new Proxy(session, sessionSocketHandler);
}

function onSocketClose(session) {
  const state = session[kState];
  if (state.destroyed) return;
  debugSession(session, 'socket closed');
  const err = state.connecting ? codedError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed') : null;
  for (const stream of [...state.streams.values()]) stream.close(NGHTTP2_CANCEL);
  for (const stream of [...state.pendingStreams]) stream.close(NGHTTP2_CANCEL);
  session[kState].socketClosed = true;
  session.close();
  session._maybeDestroy(err);
}

function onSocketError(session, err) {
  if (session.destroyed) return;
  debugSession(session, 'socket error [%s]', err.message);
  // Node's session writes to the socket's handle itself, and a failed write is not the
  // session's error: the socket's close (or a read error such as ECONNRESET) ends it.
  if (err.syscall === 'write') return;
  if ((err.code === 'ECONNRESET' || err.code === 'EPIPE') && session[kState].goawayCode !== null) {
    session.destroy();
    return;
  }
  session.destroy(err);
}

function closeSession(session, code, error) {
  const state = session[kState];
  debugSession(session, 'start closing/destroying', error);
  nativeDebugSession(session, `terminating session with code ${code}`);
  state.destroyed = true;
  state.destroyCode = code;
  if (typeof session[kSocket].setTimeout === 'function') session[kSocket].setTimeout(0);
  session.removeAllListeners('timeout');
  if (state.pendingStreams.size > 0 || state.streams.size > 0) {
    const cancel = errors.STREAM_CANCEL(error);
    for (const stream of [...state.pendingStreams]) stream.destroy(cancel);
    for (const stream of [...state.streams.values()]) stream.destroy(error);
  }
  for (const entry of state.pings.splice(0)) {
    process.nextTick(settlePing, entry, errors.PING_CANCEL());
  }
  // Unacknowledged SETTINGS are dropped: node never calls their callbacks once the session ends.
  state.settingsCallbacks.length = 0;
  const socket = session[kSocket];
  if (!socket.destroyed && !state.connecting) {
    // A GOAWAY tells the peer why, sent before the socket ends.
    native().goaway(session[kHandle], code, -1);
    const [bytes, , , pieces] = native().drain(session[kHandle]);
    if (bytes !== undefined && socket.writable) {
      writeToSocket(socket, bytes, pieces);
      session[kStats].bytesWritten += bytes.byteLength;
    }
  }
  if (perf.hasObserver('http2')) reportSession(session);
  const writeCallbacks = [...state.writeCallbacks.values()];
  state.writeCallbacks.clear();
  nativeDebugSession(session, 'destroying session');
  native().destroy(session[kHandle]);
  nativeDebugSession(session, 'freeing nghttp2 session');
  socket.removeListener('data', session._onSocketData);
  const server = session[kServer];
  if (server !== undefined && server[kSessions]) server[kSessions].delete(session);
  for (const callback of writeCallbacks) callback.done();
  // The socket is no longer the session's: its proxy refuses use, and it can carry another.
  state.unbound = true;
  if (socket[kBoundSession] === session) socket[kBoundSession] = undefined;
  if (socket && !socket.destroyed) {
    socket.once('close', () => emitClose(session, error));
    if (state.closed) socket.resume();
    socket.end(() => {
      if (!state.closed) setImmediate(() => socket.destroy(error));
    });
  } else {
    process.nextTick(emitClose, session, error);
  }
  session[kSocketOwner].session = null;
}

// The session's 'http2' performance entry, as node reports it when the session ends.
function reportSession(session) {
  const stats = session[kStats];
  const [framesReceived, framesSent] = native().statistics(session[kHandle]);
  const detail = {
    bytesWritten: stats.bytesWritten,
    bytesRead: stats.bytesRead,
    framesReceived,
    framesSent,
    maxConcurrentStreams: stats.maxConcurrentStreams,
    pingRTT: stats.pingRTT,
    streamAverageDuration: stats.streamCount === 0 ? 0 : stats.streamDurationTotal / stats.streamCount,
    streamCount: stats.streamCount,
    type: sessionName(session[kType]),
  };
  const duration = perf.performanceNow() - stats.startTime;
  perf.enqueueWithDetailAccessors(perf.createNodeEntry('Http2Session', 'http2', stats.startTime, duration, detail));
}

// A stream's 'http2' performance entry, when it is destroyed; its times are milliseconds
// from the stream's start.
function reportStream(stream, session) {
  const stats = stream[kStats];
  const now = perf.performanceNow();
  const duration = now - stats.startTime;
  session[kStats].streamDurationTotal += duration;
  if (!perf.hasObserver('http2')) return;
  const since = (time) => (time === undefined ? 0 : time - stats.startTime);
  const detail = {
    bytesRead: stats.bytesRead,
    bytesWritten: stats.bytesWritten,
    id: stream[kId] ?? 0,
    timeToFirstByte: since(stats.firstByte),
    timeToFirstByteSent: since(stats.firstByteSent),
    timeToFirstHeader: since(stats.firstHeader),
  };
  perf.enqueueWithDetailAccessors(perf.createNodeEntry('Http2Stream', 'http2', stats.startTime, duration, detail));
}

function emitClose(session, error) {
  if (session[kState].closeEmitted) return;
  session[kState].closeEmitted = true;
  if (error) session.emit('error', error);
  session.emit('close');
}

class ServerHttp2Session extends Http2Session {
  constructor(options, socket, server) {
    super(NGHTTP2_SESSION_SERVER, options, socket);
    this[kServer] = server;
    if (server) {
      server[kSessions] ??= new Set();
      server[kSessions].add(this);
    }
  }

  get server() { return this[kServer]; }

  altsvc(alt, originOrStream) {
    if (this.destroyed) throw errors.INVALID_SESSION();
    let stream = 0;
    let origin;
    if (typeof alt !== 'string') throw invalidArgType('alt', 'of type string', alt);
    if (!/^[\x21-\x7e ]*$/.test(alt)) throw codedError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in alt');
    if (typeof originOrStream === 'string') {
      let parsed;
      try {
        parsed = new URL(originOrStream);
      } catch {
        throw errors.ALTSVC_INVALID_ORIGIN();
      }
      origin = parsed.origin;
      if (origin === 'null') throw errors.ALTSVC_INVALID_ORIGIN();
    } else if (typeof originOrStream === 'number') {
      if (originOrStream >>> 0 !== originOrStream || originOrStream === 0) {
        throw outOfRange('originOrStream', `> 0 && < ${2 ** 32}`, originOrStream);
      }
      stream = originOrStream;
    } else if (originOrStream !== undefined) {
      if (originOrStream !== null && typeof originOrStream === 'object' && !Array.isArray(originOrStream) && typeof originOrStream.origin === 'string') {
        origin = originOrStream.origin;
        if (!origin || origin === 'null') throw errors.ALTSVC_INVALID_ORIGIN();
      } else {
        throw invalidArgType('originOrStream', 'of type number or string', originOrStream);
      }
    } else {
      throw errors.ALTSVC_INVALID_ORIGIN();
    }
    if ((origin || '').length + alt.length > 16382) throw errors.ALTSVC_LENGTH();
    native().altsvc(this[kHandle], stream, origin || '', alt);
    this._schedulePump();
  }

  origin(...origins) {
    if (this.destroyed) throw errors.INVALID_SESSION();
    if (origins.length === 0) return;
    const list = [];
    let length = 0;
    for (let origin of origins) {
      if (typeof origin === 'object' && origin !== null && typeof origin.origin === 'string') origin = origin.origin;
      else if (typeof origin !== 'string') throw invalidArgType('origin', 'of type string, URL, or object with an origin property', origin);
      else origin = new URL(origin).origin;
      if (origin === 'null') throw errors.INVALID_ORIGIN();
      length += origin.length;
      list.push(origin);
    }
    if (length > 16382) throw errors.ORIGIN_LENGTH();
    const submit = () => {
      if (this.destroyed) return;
      native().origin(this[kHandle], list);
      this._schedulePump();
    };
    if (this.connecting) this.once('connect', submit);
    else submit();
  }
}

class ClientHttp2Session extends Http2Session {
  constructor(options, socket) {
    super(NGHTTP2_SESSION_CLIENT, options, socket);
    this[kPendingRequests] = null;
  }

  // A rejected 'stream' (push) listener destroys that stream; any other, the session.
  [EventEmitter.captureRejectionSymbol](err, event, ...args) {
    if (event === 'stream') args[0].destroy(err);
    else this.destroy(err);
  }

  request(headers, options) {
    debugSession(this, 'initiating request');
    // A session that can make no more streams hands back one that fails on the next tick.
    const unusable = this.destroyed ? errors.INVALID_SESSION() : this.closed ? errors.GOAWAY_SESSION() : undefined;
    if (unusable !== undefined) {
      const stream = new ClientHttp2Stream(this, undefined, {});
      process.nextTick(() => stream.destroy(unusable));
      return stream;
    }
    let raw;
    if (Array.isArray(headers)) {
      raw = headers;
      headers = rawHeadersToObject(raw);
    }
    checkIsObject(headers, 'headers');
    checkIsObject(options, 'options');
    headers = Object.assign({ __proto__: null }, headers);
    options = { ...options };
    if (headers[':method'] === undefined) headers[':method'] = 'GET';
    const method = headers[':method'];
    const connect = method === 'CONNECT';
    if (!connect || headers[':protocol'] !== undefined) {
      if (headers[':authority'] === undefined && headers.host === undefined) headers[':authority'] = this[kAuthority];
      if (headers[':scheme'] === undefined) headers[':scheme'] = this[kProtocol].slice(0, -1);
      if (headers[':path'] === undefined) headers[':path'] = '/';
    } else {
      if (headers[':authority'] === undefined) throw errors.CONNECT_AUTHORITY();
      if (headers[':scheme'] !== undefined) throw errors.CONNECT_SCHEME();
      if (headers[':path'] !== undefined) throw errors.CONNECT_PATH();
    }
    for (const [name, type] of [['endStream', 'boolean'], ['parent', 'number'], ['weight', 'number'],
      ['exclusive', 'boolean'], ['silent', 'boolean'], ['waitForTrailers', 'boolean']]) {
      if (options[name] !== undefined && typeof options[name] !== type) {
        throw invalidArgType(`options.${name}`, `of type ${type}`, options[name]);
      }
    }
    if ('weight' in options) warnPriorityDeprecated();
    if (options.endStream === undefined) options.endStream = kNoPayloadMethods.has(method);
    if (options.signal !== undefined && (options.signal === null || typeof options.signal !== 'object' || !('aborted' in options.signal))) {
      throw invalidArgType('options.signal', 'an instance of AbortSignal', options.signal);
    }
    const list = headersToList(headers, undefined, raw, this[kOptions].strictSingleValueFields !== false);
    const stream = new ClientHttp2Stream(this, undefined, {});
    stream[kSentHeaders] = headers;
    stream[kState].origin = `${headers[':scheme']}://${headers[':authority'] ?? headers.host}`;
    stream[kState].waitForTrailers = !!options.waitForTrailers;
    // As node: a request without a body is ended before it is announced.
    if (options.endStream) stream.end();
    publishStream(stream, 'created', { headers });
    const { signal } = options;
    if (signal) {
      const abort = () => stream.destroy(new AbortError(undefined, { cause: signal.reason }));
      if (signal.aborted) {
        abort();
      } else {
        signal.addEventListener('abort', abort, { once: true });
        stream.once('close', () => signal.removeEventListener('abort', abort));
      }
    }
    const onConnect = () => submitRequest(stream, list, options);
    if (this.connecting) {
      if (this[kPendingRequests] === null) {
        this[kPendingRequests] = [onConnect];
        this.once('connect', () => {
          const pending = this[kPendingRequests];
          this[kPendingRequests] = null;
          for (const submit of pending) submit();
        });
      } else {
        this[kPendingRequests].push(onConnect);
      }
    } else {
      onConnect();
    }
    return stream;
  }
}

// DEP0194, once (whichever use of priority signaling comes first says it): RFC 9113
// deprecated HTTP/2's priority signaling.
let priorityDeprecationWarned = false;
function warnPriorityDeprecated(message = 'Priority signaling has been deprecated as of RFC 9113.') {
  if (priorityDeprecationWarned) return;
  priorityDeprecationWarned = true;
  process.emitWarning(message, 'DeprecationWarning', 'DEP0194');
}

function submitRequest(stream, list, options) {
  const session = stream[kSession];
  if (session === undefined || session.destroyed || stream.destroyed) return;
  if (session.closed) {
    stream.destroy(errors.GOAWAY_SESSION());
    return;
  }
  debugSession(session, 'connected, initializing request');
  // As node, END_STREAM rides on the HEADERS frame only for a request without a payload by
  // its options (a GET, or endStream): one ended before it went out ends with a DATA frame.
  const endStream = Boolean(options.endStream);
  nativeDebugSession(session, 'submitting request');
  const parent = options.parent === undefined ? undefined : options.parent | 0;
  const ret = native().request(
    session[kHandle], list, endStream, !!options.waitForTrailers,
    parent, options.weight === undefined ? NGHTTP2_DEFAULT_WEIGHT : options.weight | 0, !!options.exclusive,
  );
  if (ret < 0) {
    if (ret === NGHTTP2_ERR_STREAM_ID_NOT_AVAILABLE) stream.destroy(errors.OUT_OF_STREAMS());
    else if (ret === NGHTTP2_ERR_INVALID_ARGUMENT) stream.destroy(errors.STREAM_SELF_DEPENDENCY());
    else session.destroy(nghttpError(ret));
    return;
  }
  stream[kState].endStreamSent = endStream;
  nativeDebugSession(session, `request submitted, new stream id ${ret}`);
  stream._init(ret);
  publishStream(stream, 'start', { headers: stream[kSentHeaders] });
  session._schedulePump();
}

function onSessionHeaders(session, id, category, flags, list, sensitive) {
  const state = session[kState];
  if (debug.enabled) debug('Http2Stream %s [Http2Session %s]: headers received', id, sessionName(session[kType]));
  const headers = headersFromList(list, sensitive);
  const endOfStream = (flags & NGHTTP2_FLAG_END_STREAM) !== 0;
  let stream = state.streams.get(id);
  if (stream === undefined) {
    if (session[kType] !== NGHTTP2_SESSION_SERVER) return;
    stream = new ServerHttp2Stream(session, id, {}, headers);
    stream[kStats].firstHeader = perf.performanceNow();
    if (endOfStream) stream[kState].endAfterHeaders = true;
    if (headers[':method'] === 'HEAD') stream[kState].headRequest = true;
    stream[kState].authority = headers[':authority'] ?? headers.host;
    publishStream(stream, 'created', { headers });
    publishStream(stream, 'start', { headers });
    session.emit('stream', stream, headers, flags, list);
    return;
  }
  if (stream.destroyed) return;
  stream[kStats].firstHeader ??= perf.performanceNow();
  const status = headers[':status'];
  let event;
  if (category === NGHTTP2_HCAT_PUSH_RESPONSE || (category === NGHTTP2_HCAT_RESPONSE && stream[kState].push)) {
    event = 'push';
  } else if (category === NGHTTP2_HCAT_RESPONSE) {
    event = !endOfStream && status !== undefined && status >= 100 && status < 200 ? 'headers' : 'response';
  } else if (category === NGHTTP2_HCAT_PUSH_RESPONSE) {
    event = 'push';
  } else if (status !== undefined && status >= 200) {
    event = 'response';
  } else {
    event = endOfStream ? 'trailers' : 'headers';
  }
  debugStream(stream, "emitting stream '%s' event", event);
  if (event === 'headers' && status === 100) stream.emit('continue');
  // 421 Misdirected Request: this connection does not serve the request's origin after all.
  if (event === 'response' && status === 421 && state.originSet !== undefined) state.originSet.delete(stream[kState].origin);
  if (event === 'response' || event === 'push') publishStream(stream, 'finish', { headers, flags });
  stream.emit(event, headers, flags, list);
  if (endOfStream && (event === 'response' || event === 'push')) stream[kState].endAfterHeaders = true;
}

function onPushPromise(session, parentId, id, list, sensitive) {
  const state = session[kState];
  const headers = headersFromList(list, sensitive);
  const stream = new ClientHttp2Stream(session, id, {});
  stream[kState].push = true;
  // As node: announced before its (empty) writable side ends.
  publishStream(stream, 'created', { headers });
  stream.end();
  publishStream(stream, 'start', { headers });
  session.emit('stream', stream, headers, 0, list);
  // The push is refused when nobody listens for it.
  if (session.listenerCount('stream') === 0) stream.close(NGHTTP2_CANCEL);
  void state;
  void parentId;
}

function onStreamClose(session, id, code) {
  const stream = session[kState].streams.get(id);
  if (stream === undefined || stream.destroyed) return;
  nativeDebugStream(stream, `closed with code ${code}`);
  debugStream(stream, 'closed with code %d, closed %s, readable %s', code, stream.closed, stream.readable);
  const state = stream[kState];
  state.rstCode = code;
  state.closed = true;
  publishStream(stream, 'close');
  stream.setTimeout(0);
  stream.removeAllListeners('timeout');
  if (!stream._writableState.ending) {
    if (!state.aborted) {
      state.aborted = true;
      stream.emit('aborted');
    }
    stream.end();
  }
  if (!stream.readable || code !== NGHTTP2_NO_ERROR) {
    stream.destroy();
  } else {
    stream.on('end', () => maybeDestroyStream(stream));
    stream.push(null);
    if (session[kType] === NGHTTP2_SESSION_SERVER && !state.didRead && stream.readableFlowing === null) stream.resume();
    else stream.read(0);
  }
}

// As node's kMaybeDestroy: a closed stream is destroyed once both its sides are done (its
// writes may still wait for the socket when nghttp2 reports the close).
function maybeDestroyStream(stream) {
  if (!stream.destroyed && stream.writableFinished && !stream.readable && stream.closed) stream.destroy();
}

// ---- streams ----

class Http2Stream extends Duplex {
  constructor(session, id, options) {
    options.allowHalfOpen = true;
    options.decodeStrings = false;
    options.autoDestroy = false;
    super(options);
    this[kSession] = session;
    this[kId] = undefined;
    this[kSentHeaders] = undefined;
    this[kSentTrailers] = undefined;
    this[kInfoHeaders] = undefined;
    this[kState] = {
      closed: false,
      rstCode: undefined,
      aborted: false,
      didRead: false,
      headersSent: false,
      trailersReady: false,
      waitForTrailers: false,
      endAfterHeaders: false,
      headRequest: false,
      push: false,
      writeQueueSize: 0,
    };
    this[kTimeout] = null;
    this[kStats] = { startTime: perf.performanceNow(), bytesRead: 0, bytesWritten: 0, firstByte: undefined, firstByteSent: undefined, firstHeader: undefined };
    this[kAsyncResource] = new AsyncResource('HTTP2STREAM');
    // Data arriving does not read ahead: only a consumer's read counts as reading (as in
    // node and http's IncomingMessage), which is what reopens the stream's window.
    this._readableState.readingMore = true;
    this.on('pause', () => {});
    // A stream without its id yet holds its writes until it has one, and then hands them
    // over together.
    this.cork();
    if (id !== undefined) this._init(id);
    else session[kState].pendingStreams.add(this);
  }

  _init(id) {
    const session = this[kSession];
    this[kId] = id;
    session[kState].pendingStreams.delete(this);
    session[kState].streams.set(id, this);
    nativeDebugSession(session, `Adding stream: ${id}`);
    const stats = session[kStats];
    stats.streamCount++;
    stats.maxConcurrentStreams = Math.max(stats.maxConcurrentStreams, session[kState].streams.size);
    if (this[kState].readWanted) {
      nativeDebugStream(this, 'reading starting');
      native().readStart(session[kHandle], id);
    }
    this.uncork();
    this.emit('ready');
  }

  get id() { return this[kId]; }
  get session() { return this[kSession]; }
  get pending() { return this[kId] === undefined; }
  get aborted() { return this[kState].aborted; }
  get closed() { return this[kState].closed; }
  get rstCode() { return this[kState].rstCode; }
  get endAfterHeaders() { return this[kState].endAfterHeaders; }
  get sentHeaders() { return this[kSentHeaders]; }
  get sentTrailers() { return this[kSentTrailers]; }
  get sentInfoHeaders() { return this[kInfoHeaders]; }
  get headersSent() { return this[kState].headersSent; }
  get bufferSize() { return this[kState].writeQueueSize + this.writableLength; }

  [Symbol.for('nodejs.util.inspect.custom')](depth, opts) {
    if (typeof depth === 'number' && depth < 0) return this;
    const obj = {
      id: this[kId] || '<pending>',
      closed: this.closed,
      destroyed: this.destroyed,
      state: this.state,
      readableState: this._readableState,
      writableState: this._writableState,
    };
    return `Http2Stream ${require('util').inspect(obj, opts)}`;
  }

  get state() {
    const session = this[kSession];
    if (this.destroyed || session === undefined || session.destroyed || this[kId] === undefined) return {};
    const values = native().streamState(session[kHandle], this[kId]);
    if (values === undefined) return {};
    return {
      state: values[0],
      weight: values[1],
      sumDependencyWeight: values[2],
      localClose: values[3],
      remoteClose: values[4],
      localWindowSize: values[5],
    };
  }

  setTimeout(msecs, callback) {
    if (this.destroyed) return this;
    msecs = getTimerDuration(msecs, 'msecs');
    if (this[kTimeout]) {
      clearTimeout(this[kTimeout]);
      this[kTimeout] = null;
    }
    // As node, the timer is armed before the callback is checked.
    if (msecs > 0) {
      const arm = () => {
        this[kTimeout] = setTimeout(() => {
          this[kTimeout] = null;
          if (this.destroyed) return;
          this.emit('timeout');
        }, msecs);
        if (this[kTimeout].unref) this[kTimeout].unref();
      };
      arm();
      this[kState].rearmTimeout = arm;
    } else {
      this[kState].rearmTimeout = null;
    }
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      if (msecs === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    return this;
  }

  priority(options) {
    warnPriorityDeprecated('http2Stream.priority is longer supported after priority signalling was deprecated in RFC 9113');
    if (this.destroyed) throw errors.INVALID_STREAM();
    checkIsObject(options, 'options');
    options = { ...options };
    const parent = options.parent | 0;
    if (parent === this[kId]) throw errors.STREAM_SELF_DEPENDENCY();
    const weight = options.weight === undefined ? NGHTTP2_DEFAULT_WEIGHT : options.weight | 0;
    if (options.silent) return;
    const submit = () => {
      const session = this[kSession];
      if (session === undefined || session.destroyed) return;
      native().priority(session[kHandle], this[kId], parent, weight, !!options.exclusive);
      session._schedulePump();
    };
    if (this.pending) this.once('ready', submit);
    else submit();
  }

  sendTrailers(headers) {
    if (this.destroyed || this.closed) throw errors.INVALID_STREAM();
    if (this[kSentTrailers]) throw errors.TRAILERS_ALREADY_SENT();
    if (!this[kState].trailersReady) throw errors.TRAILERS_NOT_READY();
    debugStream(this, 'sending trailers');
    checkIsObject(headers, 'headers');
    headers = Object.assign({ __proto__: null }, headers);
    const list = headersToList(headers, checkTrailerPseudoHeader);
    this[kSentTrailers] = headers;
    this[kState].trailersReady = false;
    const session = this[kSession];
    const ret = native().trailers(session[kHandle], this[kId], list);
    if (ret < 0) {
      this.destroy(nghttpError(ret));
    } else {
      // The trailers are on their way: the stream is now as one that never waited for them
      // (node clears its has-trailers flag), which a writable side that already finished
      // must check again.
      this[kState].waitForTrailers = false;
      if (this instanceof ServerHttp2Stream && this.writableFinished) closeUnreadServerStream(this);
      maybeDestroyStream(this);
    }
    session._schedulePump();
  }

  close(code = NGHTTP2_NO_ERROR, callback) {
    validateInteger(code, 'code', 0, 2 ** 32 - 1);
    if (callback !== undefined) validateFunction(callback, 'callback');
    if (this.closed) return;
    if (callback !== undefined) this.once('close', callback);
    closeStream(this, code);
  }

  _touch() {
    if (this[kState].rearmTimeout && this[kTimeout]) {
      clearTimeout(this[kTimeout]);
      this[kState].rearmTimeout();
    }
  }

  _write(data, encoding, callback) {
    if (this instanceof ClientHttp2Stream) publishStream(this, 'bodyChunkSent', { writev: false, data, encoding });
    this._writeChunks([{ chunk: data, encoding }], callback);
  }

  _writev(chunks, callback) {
    if (this instanceof ClientHttp2Stream) {
      // Buffers only are published as they are; otherwise as { chunk, encoding } entries.
      const data = chunks.allBuffers ? chunks.map(({ chunk }) => chunk) : chunks;
      publishStream(this, 'bodyChunkSent', { writev: true, data, encoding: '' });
    }
    this._writeChunks(chunks, callback);
  }

  _writeChunks(chunks, callback) {
    if (this.pending) {
      this.once('ready', () => this._writeChunks(chunks, callback));
      return;
    }
    if (this.destroyed) return;
    const session = this[kSession];
    if (!this[kState].headersSent && this instanceof ServerHttp2Stream) this.respond();
    this._touch();
    // The callback waits for each chunk and for the end check: as node's, a stream ended
    // right after its last write ends its writable side at once, so END_STREAM goes out in
    // the last DATA frame instead of an empty one after it.
    let remaining = chunks.length + 1;
    let total = 0;
    const state = this[kState];
    const done = () => {
      if (--remaining === 0) {
        state.writeQueueSize -= total;
        callback();
      }
    };
    process.nextTick(() => {
      const writableState = this._writableState;
      if (writableState.ending && writableState.bufferedRequestCount === 0 && !state.waitForTrailers) {
        this._shutdownWritable();
      }
      done();
    });
    for (const { chunk, encoding } of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      if (bytes.byteLength === 0) {
        process.nextTick(done);
        continue;
      }
      total += bytes.byteLength;
      const writeId = nextWriteId++;
      session[kState].writeCallbacks.set(writeId, { done });
      native().write(session[kHandle], this[kId], bytes, writeId);
    }
    state.writeQueueSize += total;
    this[kStats].bytesWritten += total;
    if (total > 0) this[kStats].firstByteSent ??= perf.performanceNow();
    session._schedulePump();
  }

  _final(callback) {
    if (this.pending) {
      this.once('ready', () => this._final(callback));
      return;
    }
    debugStream(this, 'shutting down writable on _final');
    this._shutdownWritable();
    callback();
  }

  // Ends the writable side in nghttp2 (END_STREAM after what is queued), once.
  _shutdownWritable() {
    const state = this[kState];
    if (state.shutdownWritableCalled) {
      debugStream(this, 'shutdownWritable() already called');
      return;
    }
    state.shutdownWritableCalled = true;
    this.on('finish', () => maybeDestroyStream(this));
    const session = this[kSession];
    // As node, a server stream ended before it responded waits for respond() (which then ends
    // it with its headers).
    if (session !== undefined && !session.destroyed && !state.endStreamSent) {
      nativeDebugStream(this, 'writable side shutdown');
      native().end(session[kHandle], this[kId]);
      session._schedulePump();
      if (this instanceof ClientHttp2Stream) publishStream(this, 'bodySent');
    }
  }

  _read() {
    const session = this[kSession];
    if (session === undefined) return;
    if (this.pending) {
      this[kState].readWanted = true;
      return;
    }
    this[kState].didRead = true;
    if (!session.destroyed) {
      nativeDebugStream(this, 'reading starting');
      native().readStart(session[kHandle], this[kId]);
      session._schedulePump();
    }
  }

  _destroy(err, callback) {
    const session = this[kSession];
    const state = this[kState];
    if (session !== undefined) debugStream(this, 'destroying stream');
    if (session !== undefined && this[kId] !== undefined) {
      nativeDebugStream(this, 'destroying stream');
      if (state.closed) nativeDebugStream(this, 'tearing down stream');
    }
    if (this[kTimeout]) {
      clearTimeout(this[kTimeout]);
      this[kTimeout] = null;
    }
    if (session === undefined) {
      callback(err);
      return;
    }
    const sessionState = session[kState];
    const sessionCode = sessionState.goawayCode || sessionState.destroyCode;
    let code = this.closed ? state.rstCode : sessionCode;
    if (err != null) {
      if (sessionCode) code = sessionCode;
      else if (err instanceof AbortError || err.name === 'AbortError') code = NGHTTP2_CANCEL;
      else code = NGHTTP2_INTERNAL_ERROR;
    }
    const hasId = this[kId] !== undefined;
    if (!this.closed) closeStream(this, code, true);
    this.push(null);
    if (hasId) sessionState.streams.delete(this[kId]);
    else sessionState.pendingStreams.delete(this);
    if (err == null && code !== NGHTTP2_NO_ERROR && code !== NGHTTP2_CANCEL) {
      err = errors.STREAM_ERROR(errorCodeName(code));
    }
    this[kSession] = undefined;
    if (hasId) reportStream(this, session);
    this[kAsyncResource].emitDestroy();
    session._maybeDestroy();
    if (err != null) publishStream(this, 'error', { error: err });
    callback(err);
  }
}

// Marks the stream closed and sends RST_STREAM with `code` (at once when forced, when the
// code is an error, or when nothing is still to be written; otherwise once writes finish).
function closeStream(stream, code, force = false) {
  const state = stream[kState];
  state.closed = true;
  state.rstCode = code;
  publishStream(stream, 'close');
  stream.setTimeout(0);
  stream.removeAllListeners('timeout');
  const session = stream[kSession];
  const submit = () => {
    const current = stream[kSession] || session;
    if (current === undefined || current.destroyed || stream[kId] === undefined) return;
    native().rstStream(current[kHandle], stream[kId], code);
    current._schedulePump();
  };
  const { ending } = stream._writableState;
  // A stream closed while it could still write was aborted; its writable side ends.
  if (!ending) {
    if (!state.aborted) {
      state.aborted = true;
      stream.emit('aborted');
    }
    stream.end();
  }
  // A request not yet sent ends its readable side now and is reset once it has its id (its
  // HEADERS still go out first, as node's); destroyed before that, it is never sent.
  if (force && stream[kId] === undefined) return;
  const finish = () => {
    if (stream[kId] !== undefined) {
      submit();
      return;
    }
    stream.push(null);
    stream.once('ready', submit);
  };
  if (!ending || stream.writableFinished || code !== NGHTTP2_NO_ERROR || force) finish();
  else stream.once('finish', finish);
}

// As node: a server stream that responded, sends no trailers and whose request nobody read
// is reset with NO_ERROR once its writable side finished, instead of waiting for a request
// body no one will consume.
function closeUnreadServerStream(stream) {
  const state = stream[kState];
  if (!stream.headersSent || state.waitForTrailers || state.didRead || stream.readableFlowing !== null) return;
  setImmediate(() => {
    if (!stream.closed && !stream.destroyed) stream.close(NGHTTP2_NO_ERROR);
  });
}

class ServerHttp2Stream extends Http2Stream {
  constructor(session, id, options, headers) {
    super(session, id, options);
    this[kProtocol] = headers[':scheme'];
    this[kAuthority] = headers[':authority'] ?? headers.host;
    this.once('finish', () => closeUnreadServerStream(this));
  }

  get headRequest() { return this[kState].headRequest; }

  get pushAllowed() {
    const session = this[kSession];
    return !this.destroyed && !this.closed && session !== undefined && !session.closed && !session.destroyed &&
      session.remoteSettings.enablePush;
  }

  respond(headers, options) {
    if (this.destroyed || this.closed) throw errors.INVALID_STREAM();
    debugStream(this, 'initiating response');
    if (this.headersSent) throw errors.HEADERS_SENT();
    checkIsObject(options, 'options');
    options = { ...options };
    if (options.waitForTrailers !== undefined && typeof options.waitForTrailers !== 'boolean') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.waitForTrailers' is invalid. Received ${require('internal/inspect').inspect(options.waitForTrailers)}`);
    }
    let raw;
    let status;
    if (Array.isArray(headers)) {
      ({ raw, status } = prepareResponseRawHeaders(headers, options));
      headers = rawHeadersToObject(raw);
    } else {
      checkIsObject(headers, 'headers');
      headers = prepareResponseHeaders(headers, options);
      status = headers[':status'];
    }
    if (status === 204 || status === 205 || status === 304 || this[kState].headRequest) options.endStream = true;
    // A stream whose writable side already finished has nothing more to send.
    if (this._writableState.finalCalled && !options.waitForTrailers) options.endStream = true;
    const list = headersToList(headers, checkResponsePseudoHeader, raw, this[kSession][kOptions].strictSingleValueFields !== false);
    const state = this[kState];
    state.headersSent = true;
    state.waitForTrailers = !!options.waitForTrailers;
    this[kSentHeaders] = headers;
    const endStream = !!options.endStream;
    if (endStream) {
      state.endStreamSent = true;
      this.end();
    }
    const session = this[kSession];
    nativeDebugStream(this, 'submitting response');
    const ret = native().respond(session[kHandle], this[kId], list, endStream, state.waitForTrailers);
    if (ret >= 0) nativeDebugStream(this, 'response submitted');
    if (ret < 0) {
      this.destroy(nghttpError(ret));
    } else {
      publishStream(this, 'finish', { headers, flags: endStream ? NGHTTP2_FLAG_END_STREAM : 0 });
    }
    session._schedulePump();
  }

  additionalHeaders(headers) {
    if (this.destroyed || this.closed) throw errors.INVALID_STREAM();
    if (this.headersSent) throw errors.HEADERS_AFTER_RESPOND();
    checkIsObject(headers, 'headers');
    debugStream(this, 'sending additional headers');
    headers = Object.assign({ __proto__: null }, headers);
    if (headers[':status'] !== undefined) {
      const status = headers[':status'] | 0;
      if (status === 101) throw errors.STATUS_101();
      if (status < 100 || status >= 200) throw errors.INVALID_INFO_STATUS(headers[':status']);
      headers[':status'] = status;
    }
    const list = headersToList(headers, checkResponsePseudoHeader);
    this[kInfoHeaders] ??= [];
    this[kInfoHeaders].push(headers);
    const session = this[kSession];
    const ret = native().headers(session[kHandle], this[kId], list, false);
    if (ret < 0) this.destroy(nghttpError(ret));
    session._schedulePump();
  }

  pushStream(headers, options, callback) {
    if (!this.pushAllowed) throw errors.PUSH_DISABLED();
    if (this[kId] % 2 === 0) throw errors.NESTED_PUSH();
    debugStream(this, 'initiating push stream');
    const session = this[kSession];
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    validateFunction(callback, 'callback');
    checkIsObject(options, 'options');
    options = { ...options };
    options.endStream = !!options.endStream;
    checkIsObject(headers, 'headers');
    headers = Object.assign({ __proto__: null }, headers);
    if (headers[':method'] === undefined) headers[':method'] = 'GET';
    if (headers[':authority'] === undefined && headers.host === undefined) headers[':authority'] = this[kAuthority];
    if (headers[':scheme'] === undefined) headers[':scheme'] = this[kProtocol];
    if (headers[':path'] === undefined) headers[':path'] = '/';
    if (headers[':method'] === 'CONNECT') throw errors.INVALID_PSEUDOHEADER(':method');
    const list = headersToList(headers);
    const ret = native().pushPromise(session[kHandle], this[kId], list);
    if (ret <= 0) {
      let err;
      if (ret === NGHTTP2_ERR_STREAM_ID_NOT_AVAILABLE) err = errors.OUT_OF_STREAMS();
      else if (ret === NGHTTP2_ERR_STREAM_CLOSED) err = errors.INVALID_STREAM();
      else err = nghttpError(ret);
      process.nextTick(callback, err);
      return;
    }
    const stream = new ServerHttp2Stream(session, ret, { readable: false }, headers);
    stream[kState].push = true;
    stream[kSentHeaders] = headers;
    publishStream(stream, 'created', { headers });
    publishStream(stream, 'start', { headers });
    stream.push(null);
    // A pushed HEAD has no body: its writable side ends at once, as one pushed with endStream.
    const headRequest = headers[':method'] === 'HEAD';
    if (options.endStream || headRequest) stream.end();
    if (headRequest) stream[kState].headRequest = true;
    session._schedulePump();
    process.nextTick(callback, null, stream, headers, 0);
  }

  respondWithFD(fd, headers, options) {
    respondWithFile(this, fd, headers, options, false);
  }

  respondWithFile(path, headers, options) {
    respondWithFile(this, path, headers, options, true);
  }
}

function utcDate() {
  return new Date().toUTCString();
}

function prepareResponseHeaders(headers, options) {
  headers = Object.assign({ __proto__: null }, headers);
  const status = (headers[':status'] = (headers[':status'] | 0) || 200);
  if (options.sendDate == null || options.sendDate) headers.date ??= utcDate();
  if (status < 200 || status > 599) throw errors.STATUS_INVALID(headers[':status']);
  const neverIndex = headers[kSensitiveHeaders];
  if (neverIndex !== undefined && !Array.isArray(neverIndex)) throw invalidArgValue('headers[http2.neverIndex]', neverIndex);
  return headers;
}

// Raw response headers ([name, value, ...]) keep their names as given: a :status (200) and a
// date are added only when no field of that name, in any case, is there.
function prepareResponseRawHeaders(headers, options) {
  const raw = [...headers];
  raw[kSensitiveHeaders] = headers[kSensitiveHeaders];
  let status;
  let hasDate = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = String(raw[i]).toLowerCase();
    if (name === ':status') status = raw[i + 1] | 0;
    else if (name === 'date') hasDate = true;
  }
  if (!status) {
    status = 200;
    raw.unshift(':status', status);
  }
  if (!hasDate && (options.sendDate == null || options.sendDate)) raw.push('date', utcDate());
  if (status < 200 || status > 599) throw errors.STATUS_INVALID(status);
  const neverIndex = raw[kSensitiveHeaders];
  if (neverIndex !== undefined && !Array.isArray(neverIndex)) throw invalidArgValue('headers[http2.neverIndex]', neverIndex);
  return { raw, status };
}

// respondWithFile / respondWithFD: the response's headers, then the file's bytes (a range of
// them with offset/length) written to the stream.
function respondWithFile(stream, pathOrFd, headers, options, isPath) {
  const fs = require('fs');
  if (stream.destroyed || stream.closed) throw errors.INVALID_STREAM();
  debugStream(stream, isPath ? 'initiating response from file' : 'initiating response from fd');
  if (stream.headersSent) throw errors.HEADERS_SENT();
  checkIsObject(options, 'options');
  options = { ...options };
  if (options.offset !== undefined && typeof options.offset !== 'number') throw invalidArgValue('options.offset', options.offset);
  if (options.length !== undefined && typeof options.length !== 'number') throw invalidArgValue('options.length', options.length);
  if (options.statCheck !== undefined && typeof options.statCheck !== 'function') throw invalidArgValue('options.statCheck', options.statCheck);
  options.offset = options.offset ?? 0;
  options.length = options.length ?? -1;
  if (!isPath) {
    if (typeof pathOrFd === 'object' && pathOrFd !== null && typeof pathOrFd.fd === 'number') pathOrFd = pathOrFd.fd;
    if (typeof pathOrFd !== 'number') throw invalidArgType('fd', 'of type number or an instance of FileHandle', pathOrFd);
  }
  checkIsObject(headers, 'headers');
  headers = prepareResponseHeaders(headers, options);
  const status = headers[':status'];
  if (status === 204 || status === 205 || status === 304) throw errors.PAYLOAD_FORBIDDEN(status);
  const onError = (err) => {
    if (typeof options.onError === 'function') options.onError(err);
    else stream.destroy(err);
  };
  const proceed = (fd, stat, ownFd) => {
    if (stream.destroyed || stream.closed) {
      if (ownFd) fs.close(fd, () => {});
      return;
    }
    if (stat.isDirectory()) {
      if (ownFd) fs.close(fd, () => {});
      onError(errors.SEND_FILE());
      return;
    }
    if (!stat.isFile() && (options.offset !== 0 || options.length !== -1)) {
      if (ownFd) fs.close(fd, () => {});
      onError(errors.SEND_FILE_NOSEEK());
      return;
    }
    if (options.statCheck && options.statCheck.call(stream, stat, headers, options) === false) {
      if (ownFd) fs.close(fd, () => {});
      return;
    }
    let length = options.length;
    if (stat.isFile()) {
      const available = Math.max(0, stat.size - options.offset);
      length = length < 0 ? available : Math.min(length, available);
      // respondWithFD without a statCheck sends the bytes without announcing their length.
      if (headers['content-length'] === undefined && (isPath || options.statCheck)) headers['content-length'] = length;
    }
    // Headers refused only now (a request pseudo-header, say) fail the stream, the file closed.
    try {
      stream.respond(headers, { waitForTrailers: options.waitForTrailers, sendDate: false });
    } catch (err) {
      if (ownFd) fs.close(fd, () => {});
      stream.destroy(err);
      return;
    }
    if (stream[kState].headRequest) {
      if (ownFd) fs.close(fd, () => {});
      return;
    }
    pipeFile(stream, fd, stat.isFile() ? options.offset : -1, stat.isFile() ? length : -1, ownFd, onError);
  };
  if (isPath) {
    fs.open(pathOrFd, 'r', (err, fd) => {
      if (err) {
        onError(err);
        return;
      }
      fs.fstat(fd, (err, stat) => {
        if (err) {
          fs.close(fd, () => {});
          onError(err);
          return;
        }
        proceed(fd, stat, true);
      });
    });
  } else {
    fs.fstat(pathOrFd, (err, stat) => {
      if (err && options.statCheck === undefined) {
        // Node sends an fd without a statCheck unchecked, its headers first: a descriptor
        // it cannot read resets the stream after them.
        if (stream.destroyed || stream.closed) return;
        try {
          stream.respond(headers, { waitForTrailers: options.waitForTrailers, sendDate: false });
        } catch (err) {
          stream.destroy(err);
          return;
        }
        const session = stream[kSession];
        native().rstStream(session[kHandle], stream[kId], NGHTTP2_INTERNAL_ERROR);
        session._schedulePump();
        return;
      }
      if (err) {
        onError(err);
        return;
      }
      proceed(pathOrFd, stat, false);
    });
  }
}

// Writes the file's bytes (from `position`, `length` of them; -1: read on to the end) to the
// stream, reading again once the stream drains.
function pipeFile(stream, fd, position, length, ownFd, onError) {
  const fs = require('fs');
  const finish = () => {
    if (ownFd) fs.close(fd, () => {});
  };
  let remaining = length;
  // A stream closed meanwhile (reset, or its session's socket gone) takes no more of the file.
  const stopped = () => stream.destroyed || stream.closed || stream.writableEnded;
  const readMore = () => {
    if (stopped()) {
      finish();
      return;
    }
    if (remaining === 0) {
      finish();
      stream.end();
      return;
    }
    const size = remaining < 0 ? 65536 : Math.min(65536, remaining);
    fs.read(fd, Buffer.allocUnsafe(size), 0, size, position < 0 ? null : position, (err, bytesRead, buffer) => {
      if (err) {
        finish();
        onError(err);
        return;
      }
      if (bytesRead === 0 || stopped()) {
        finish();
        if (!stopped()) stream.end();
        return;
      }
      if (position >= 0) position += bytesRead;
      if (remaining > 0) remaining -= bytesRead;
      if (stream.write(buffer.subarray(0, bytesRead))) readMore();
      else stream.once('drain', readMore);
    });
  };
  readMore();
}

class ClientHttp2Stream extends Http2Stream {
  constructor(session, id, options) {
    super(session, id, options);
    this[kState].headersSent = true;
  }
}

// ---- servers ----

const kSessions = Symbol('sessions');

function initializeOptions(options) {
  if (options === undefined) options = {};
  validateObject(options, 'options');
  options = { ...options };
  if (options.settings !== undefined) validateObject(options.settings, 'options.settings');
  options.settings = validateSettings(options.settings);
  for (const name of ['maxSessionInvalidFrames', 'maxSessionRejectedStreams']) {
    if (options[name] !== undefined) validateInteger(options[name], `options.${name}`, 0, 2 ** 32 - 1);
  }
  if (options.http1Options !== undefined) validateObject(options.http1Options, 'options.http1Options');
  options.Http1IncomingMessage ??= require('http').IncomingMessage;
  options.Http1ServerResponse ??= require('http').ServerResponse;
  options.Http2ServerRequest ??= require('internal/http2/compat').Http2ServerRequest;
  options.Http2ServerResponse ??= require('internal/http2/compat').Http2ServerResponse;
  options.unknownProtocolTimeout ??= 10000;
  return options;
}

function connectionListener(socket) {
  debug('Http2Session server: received a connection');
  const options = this[kOptions] || {};
  if (socket.alpnProtocol === false || socket.alpnProtocol === 'http/1.1') {
    if (options.allowHTTP1 === true) {
      return require('_http_server')._connectionListener.call(this, socket);
    }
    if (!this.emit('unknownProtocol', socket)) {
      const timer = setTimeout(() => {
        if (!socket.destroyed) socket.destroy();
      }, options.unknownProtocolTimeout);
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
      socket.end('HTTP/1.0 403 Forbidden\r\nContent-Type: text/plain\r\n\r\n' +
        'Missing ALPN Protocol, expected `h2` to be available.\n' +
        'If this is a HTTP request: The server was not configured with the `allowHTTP1` option or a ' +
        'listener for the `unknownProtocol` event.\n');
    }
    return;
  }
  const session = new ServerHttp2Session(options, socket, this);
  session.on('stream', sessionOnStream);
  session.on('error', sessionOnError);
  if (this.timeout) session.setTimeout(this.timeout, sessionOnTimeout);
  this.emit('session', session);
}

function sessionOnStream(stream, headers, flags, rawHeaders) {
  const server = this[kServer];
  if (server !== undefined) server.emit('stream', stream, headers, flags, rawHeaders);
}

function sessionOnError(error) {
  const server = this[kServer];
  if (server !== undefined) server.emit('sessionError', error, this);
}

function sessionOnTimeout() {
  const server = this[kServer];
  if (this.destroyed || this.closed) return;
  if (server !== undefined && !server.emit('timeout', this)) this.destroy();
}

function setupCompat(event) {
  if (event === 'request') {
    this.removeListener('newListener', setupCompat);
    const options = this[kOptions];
    const { onServerStream } = require('internal/http2/compat');
    this.on('stream', onServerStream.bind(this, options.Http2ServerRequest, options.Http2ServerResponse));
  }
}

function closeAllSessions(server) {
  const sessions = server[kSessions];
  if (sessions === undefined) return;
  for (const session of sessions) session.close();
}

// allowHTTP1: the server also serves HTTP/1.1 connections through http's connection
// handling, which keeps its options and connection list on the server.
function storeHttp1Options(server, options) {
  if (options.allowHTTP1 === true) {
    const httpServer = require('_http_server');
    // The HTTP/1 fallback takes http.createServer's options from http1Options, its classes
    // from there or from the older Http1IncomingMessage / Http1ServerResponse.
    const http1Options = { ...options, ...options.http1Options };
    http1Options.IncomingMessage = options.http1Options?.IncomingMessage ?? options.Http1IncomingMessage;
    http1Options.ServerResponse = options.http1Options?.ServerResponse ?? options.Http1ServerResponse;
    httpServer.storeHTTPOptions.call(server, http1Options);
    server.httpAllowHalfOpen = false;
    server.maxHeadersCount = null;
    server.on('listening', httpServer.setupConnectionsTracking);
  }
}

function closeHttp1Connections(server) {
  if (server[kOptions].allowHTTP1 === true) {
    const httpServer = require('_http_server');
    httpServer.Server.prototype.closeIdleConnections.call(server);
    clearInterval(server[httpServer.kConnectionsCheckingInterval]);
  }
}

class Http2Server extends net.Server {
  constructor(options, requestListener) {
    options = initializeOptions(options);
    super(options, connectionListener);
    this[kOptions] = options;
    this.timeout = 0;
    storeHttp1Options(this, options);
    this.on('newListener', setupCompat);
    if (typeof requestListener === 'function') this.on('request', requestListener);
  }
}

class Http2SecureServer extends tls.Server {
  constructor(options, requestListener) {
    options = initializeOptions(options);
    const tlsOptions = { ...options };
    if (tlsOptions.ALPNProtocols === undefined && tlsOptions.ALPNCallback === undefined) {
      tlsOptions.ALPNProtocols = options.allowHTTP1 === true ? ['h2', 'http/1.1'] : ['h2'];
    }
    super(tlsOptions, connectionListener);
    this[kOptions] = options;
    this.timeout = 0;
    storeHttp1Options(this, options);
    this.on('newListener', setupCompat);
    if (typeof requestListener === 'function') this.on('request', requestListener);
    this.on('tlsClientError', function onTlsClientError(err, socket) {
      if (!this.emit('sessionError', err, socket) && socket && !socket.destroyed) socket.destroy(err);
    });
  }
}

// What both servers add to their transport's server: timeouts, settings updates, and a
// close that also ends their sessions and HTTP/1 connections.
for (const [Server, Base] of [[Http2Server, net.Server], [Http2SecureServer, tls.Server]]) {
  const methods = {
    setTimeout(msecs, callback) {
      this.timeout = msecs;
      if (callback !== undefined) {
        validateFunction(callback, 'callback');
        this.on('timeout', callback);
      }
      return this;
    },
    updateSettings(settings) {
      validateObject(settings, 'settings');
      settings = validateSettings(settings);
      this[kOptions].settings = { ...this[kOptions].settings, ...settings };
    },
    close(callback) {
      closeHttp1Connections(this);
      closeAllSessions(this);
      return Base.prototype.close.call(this, callback);
    },
    async [Symbol.asyncDispose]() {
      await new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
    },
    // A rejected 'stream' or 'request' listener (events.captureRejections) answers 500 while
    // the response can still say so, and otherwise resets the stream.
    [EventEmitter.captureRejectionSymbol](err, event, ...args) {
      switch (event) {
        case 'stream': {
          const stream = args[0];
          if (stream.sentHeaders) {
            stream.destroy(err);
          } else {
            stream.respond({ ':status': 500 });
            stream.end();
          }
          break;
        }
        case 'request': {
          const response = args[1];
          if (!response.headersSent && !response.finished) {
            for (const name of response.getHeaderNames()) response.removeHeader(name);
            response.statusCode = 500;
            response.end(require('http').STATUS_CODES[500]);
          } else {
            response.destroy();
          }
          break;
        }
        default:
          Base.prototype[EventEmitter.captureRejectionSymbol].call(this, err, event, ...args);
      }
    },
  };
  for (const key of Reflect.ownKeys(methods)) {
    Object.defineProperty(Server.prototype, key, { value: methods[key], writable: true, configurable: true, enumerable: false });
  }
}

function createServer(options, handler) {
  if (typeof options === 'function') {
    handler = options;
    options = {};
  }
  return new Http2Server(options, handler);
}

// Unlike createServer, the options come first and are required.
function createSecureServer(options, handler) {
  return new Http2SecureServer(options, handler);
}

// ---- clients ----

function connect(authority, options, listener) {
  if (typeof options === 'function') {
    listener = options;
    options = undefined;
  }
  checkIsObject(options, 'options');
  options = { ...options };
  checkIsObject(options.settings, 'options.settings');
  options.settings = validateSettings(options.settings);
  if (options.maxOriginSetSize !== undefined) {
    if (typeof options.maxOriginSetSize !== 'number') {
      throw invalidArgType('options.maxOriginSetSize', 'of type number', options.maxOriginSetSize);
    }
    if (!(options.maxOriginSetSize >= 0)) throw outOfRange('options.maxOriginSetSize', '>= 0', options.maxOriginSetSize);
  }
  if (typeof authority === 'string') authority = new URL(authority);
  else if (authority === null || typeof authority !== 'object') {
    throw invalidArgType('authority', 'of type string or an instance of URL', authority);
  }
  const protocol = authority.protocol || options.protocol || 'https:';
  const port = `${authority.port !== '' && authority.port !== undefined ? authority.port : (authority.protocol === 'http:' ? 80 : 443)}`;
  let host = 'localhost';
  if (authority.hostname) {
    host = authority.hostname;
    if (host[0] === '[') host = host.slice(1, -1);
  } else if (authority.host) {
    host = authority.host;
  }
  let socket;
  if (typeof options.createConnection === 'function') {
    socket = options.createConnection(authority, options);
  } else {
    switch (protocol) {
      case 'http:':
        socket = net.connect({ port, host, ...options });
        break;
      case 'https:':
        socket = tls.connect(port, host, initializeTLSOptions(options, net.isIP(host) ? undefined : host));
        break;
      default:
        throw errors.UNSUPPORTED_PROTOCOL(protocol);
    }
  }
  const session = new ClientHttp2Session(options, socket);
  session[kAuthority] = `${options.servername || host}:${port}`;
  session[kProtocol] = protocol;
  if (typeof listener === 'function') session.once('connect', listener);
  return session;
}

// util.promisify(connect): the session once connected, or the error that ends it first.
Object.defineProperty(connect, require('util').promisify.custom, {
  enumerable: false,
  value: {
    connect(authority, options) {
      return new Promise((resolve, reject) => {
        const session = connect(authority, options, () => {
          session.removeListener('error', reject);
          resolve(session);
        });
        session.once('error', reject);
      });
    },
  }.connect,
});

function initializeTLSOptions(options, servername) {
  options = { ...options };
  options.ALPNProtocols = ['h2'];
  if (options.allowHTTP1 === true) options.ALPNProtocols.push('http/1.1');
  if (servername !== undefined && !options.servername) options.servername = servername;
  return options;
}

module.exports = {
  connect, createServer, createSecureServer, Http2Session, ServerHttp2Session, ClientHttp2Session,
  Http2Stream, ServerHttp2Stream, ClientHttp2Stream, Http2Server, Http2SecureServer,
  kSession, kState, kSocket, kSentHeaders, sessionName,
};
