'use strict';
// inspector.Network: the events of node's Network domain a program reports itself, for the
// sessions that enabled the domain (host/src/runtime/inspector_network.rs keeps what they
// need for getResponseBody and the like). Params are checked, as node checks them, only
// while a session listens; under --experimental-network-inspection only.

const { validateObject } = require('internal/errors');

const natives = binding.inspector();
const utilBinding = binding.util();
const inspectionEnabled = internals.getOptionValue('--experimental-network-inspection');

const missing = (what) => new TypeError(`Missing ${what} in event`);

function string(object, key, path = key) {
  const value = object[key];
  if (typeof value !== 'string') throw missing(path);
  return value;
}

function number(object, key, path = key) {
  const value = object[key];
  if (typeof value !== 'number') throw missing(path);
  return value;
}

// An int32, as the protocol's integers are.
function integer(object, key, path = key) {
  const value = object[key];
  if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) throw missing(path);
  return value;
}

function object(parent, key, path = key) {
  const value = parent[key];
  if (value === null || typeof value !== 'object') throw missing(path);
  return value;
}

function optionalString(object, key) {
  return typeof object[key] === 'string' ? object[key] : '';
}

// An array index read as a number, as V8 gives such property names to node.
const isIndex = (key) => /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;

// Header names and values must be strings.
function headers(parent, path) {
  const value = object(parent, 'headers', `${path}.headers`);
  const result = {};
  for (const name of Object.keys(value)) {
    if (isIndex(name)) throw new TypeError('Invalid header name in event');
    if (typeof value[name] !== 'string') throw new TypeError('Invalid header value in event');
    result[name] = value[name];
  }
  return result;
}

function data(params) {
  if (params.data === undefined) throw missing('data');
  if (!(params.data instanceof Uint8Array)) throw new TypeError('Expected data to be Uint8Array in event');
  return params.data;
}

// Where the program was when it reported the event, as the protocol's stack trace.
function initiator() {
  const callFrames = utilBinding.callSites(200).map((site) => ({
    functionName: site.functionName,
    scriptId: site.scriptId,
    url: site.scriptName,
    lineNumber: site.lineNumber - 1,
    columnNumber: site.columnNumber - 1,
  }));
  return { type: 'script', stack: { callFrames } };
}

function emit(name, requestId, params, charset, bytes, hasPostData) {
  natives.emitNetworkEvent(name, requestId, JSON.stringify(params), charset, bytes, hasPostData);
}

// An event that says only which request ended and when.
const requestEnd = (name) => (params) => {
  const requestId = string(params, 'requestId');
  const timestamp = number(params, 'timestamp');
  emit(name, requestId, { requestId, timestamp });
};

const events = {
  requestWillBeSent(params) {
    const requestId = string(params, 'requestId');
    const timestamp = number(params, 'timestamp');
    const wallTime = number(params, 'wallTime');
    const request = object(params, 'request');
    const url = string(request, 'url', 'request.url');
    const method = string(request, 'method', 'request.method');
    const requestHeaders = headers(request, 'request');
    const hasPostData = request.hasPostData === true;
    emit('requestWillBeSent', requestId, {
      requestId,
      request: { url, method, headers: requestHeaders, hasPostData },
      initiator: initiator(),
      timestamp,
      wallTime,
    }, optionalString(params, 'charset'), undefined, hasPostData);
  },
  responseReceived(params) {
    const requestId = string(params, 'requestId');
    const timestamp = number(params, 'timestamp');
    const type = string(params, 'type');
    const response = object(params, 'response');
    const url = string(response, 'url', 'response.url');
    const status = integer(response, 'status', 'response.status');
    const statusText = string(response, 'statusText', 'response.statusText');
    const responseHeaders = headers(response, 'response');
    const mimeType = optionalString(response, 'mimeType');
    const charset = optionalString(response, 'charset');
    emit('responseReceived', requestId, {
      requestId,
      timestamp,
      type,
      response: { url, status, statusText, headers: responseHeaders, mimeType, charset },
    }, charset);
  },
  loadingFinished: requestEnd('loadingFinished'),
  loadingFailed(params) {
    const requestId = string(params, 'requestId');
    const timestamp = number(params, 'timestamp');
    const type = string(params, 'type');
    const errorText = string(params, 'errorText');
    emit('loadingFailed', requestId, { requestId, timestamp, type, errorText });
  },
  // Kept for Network.getRequestPostData, never sent as events; `finished: true` ends the body.
  dataSent(params) {
    const requestId = string(params, 'requestId');
    if (!natives.networkRequestKnown(requestId)) return;
    if (params.finished === true) {
      emit('dataSent', requestId, null);
      return;
    }
    number(params, 'timestamp');
    integer(params, 'dataLength');
    emit('dataSent', requestId, null, undefined, data(params));
  },
  // Kept for Network.getResponseBody, sent as events once the body is streamed.
  dataReceived(params) {
    const requestId = string(params, 'requestId');
    const timestamp = number(params, 'timestamp');
    const dataLength = integer(params, 'dataLength');
    const encodedDataLength = integer(params, 'encodedDataLength');
    const bytes = data(params);
    const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
    emit('dataReceived', requestId, { requestId, timestamp, dataLength, encodedDataLength, data: base64 }, undefined, bytes);
  },
  webSocketCreated(params) {
    const requestId = string(params, 'requestId');
    const url = string(params, 'url');
    emit('webSocketCreated', requestId, { requestId, url, initiator: initiator() });
  },
  webSocketClosed: requestEnd('webSocketClosed'),
  webSocketHandshakeResponseReceived(params) {
    const requestId = string(params, 'requestId');
    const timestamp = number(params, 'timestamp');
    const response = object(params, 'response');
    const status = integer(response, 'status', 'response.status');
    const statusText = string(response, 'statusText', 'response.statusText');
    const responseHeaders = headers(response, 'response');
    emit('webSocketHandshakeResponseReceived', requestId, {
      requestId,
      timestamp,
      response: { status, statusText, headers: responseHeaders },
    });
  },
};

const Network = {};
for (const name of Object.keys(events)) {
  Network[name] = function(params = {}) {
    validateObject(params, 'params');
    if (!inspectionEnabled || !natives.networkEnabled()) return;
    events[name](params);
  };
  Object.defineProperty(Network[name], 'name', { value: name });
}

module.exports = { Network };
