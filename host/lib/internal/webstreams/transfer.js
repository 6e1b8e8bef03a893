'use strict';
// Transferring streams (WHATWG Streams §8, "cross-realm transforms"): a transferred stream
// is rebuilt on the other side of a MessageChannel. The side that keeps the original pipes
// it into (or from) a stream talking over one port; the new stream talks over the other.
// Messages are { type: 'chunk' | 'close' | 'error' | 'pull', value }.

const { kState, deferred, resolvedDeferred, markHandled } = require('internal/webstreams/util');

const R = () => require('internal/webstreams/readablestream');
const W = () => require('internal/webstreams/writablestream');

function dataCloneError() {
  const { DOMException } = require('internal/per_context/domexception');
  return new DOMException('Internal transferred ReadableStream error', 'DataCloneError');
}

// Posts an error to the other side; one that cannot be cloned is replaced by the clone error.
function postError(port, error) {
  try {
    port.postMessage({ type: 'error', value: error });
  } catch (cloneError) {
    port.postMessage({ type: 'error', value: cloneError });
    throw cloneError;
  }
}

// Makes `stream` (a ReadableStream with no controller yet) read what the other side's
// writable sends over `port`.
function setUpCrossRealmReadable(stream, port) {
  const { defaultControllerEnqueue, defaultControllerClose, defaultControllerError } = R();
  let controller;
  port.onmessage = ({ data }) => {
    const { type, value } = data;
    if (type === 'chunk') {
      defaultControllerEnqueue(controller, value);
    } else if (type === 'close') {
      defaultControllerClose(controller);
      port.close();
    } else if (type === 'error') {
      defaultControllerError(controller, value);
      port.close();
    }
  };
  port.onmessageerror = () => {
    const error = dataCloneError();
    port.postMessage({ type: 'error', value: error });
    defaultControllerError(controller, error);
    port.close();
  };
  port.unref();
  R().setUpDefaultControllerFromSource(stream, {
    start(ownController) {
      controller = ownController;
    },
    pull() {
      port.postMessage({ type: 'pull', value: undefined });
      return Promise.resolve();
    },
    cancel(reason) {
      try {
        postError(port, reason);
      } catch (error) {
        return Promise.reject(error);
      } finally {
        port.close();
      }
      return Promise.resolve();
    },
  }, 0, () => 1);
}

// Makes `stream` (a WritableStream with no controller yet) send what is written to it over
// `port`, one chunk per 'pull' the other side asks for.
function setUpCrossRealmWritable(stream, port) {
  const { controllerErrorIfNeeded } = W();
  let controller;
  let backpressure = deferred();
  const relieve = () => {
    backpressure?.resolve();
    backpressure = undefined;
  };
  port.onmessage = ({ data }) => {
    const { type, value } = data;
    if (type === 'pull') {
      relieve();
    } else if (type === 'error') {
      controllerErrorIfNeeded(controller, value);
      relieve();
    }
  };
  port.onmessageerror = () => {
    const error = dataCloneError();
    port.postMessage({ type: 'error', value: error });
    controllerErrorIfNeeded(controller, error);
    port.close();
  };
  port.unref();
  W().setUpControllerFromSink(stream, {
    start(ownController) {
      controller = ownController;
    },
    async write(chunk) {
      backpressure ??= resolvedDeferred(undefined);
      await backpressure.promise;
      backpressure = deferred();
      try {
        port.postMessage({ type: 'chunk', value: chunk });
      } catch (error) {
        port.postMessage({ type: 'error', value: error });
        port.close();
        throw error;
      }
    },
    close() {
      port.postMessage({ type: 'close', value: undefined });
      port.close();
    },
    abort(reason) {
      try {
        postError(port, reason);
      } finally {
        port.close();
      }
    },
  }, 1, () => 1);
}

// The port pair a stream moves through, made when the transfer list is read.
function newChannel(stream) {
  const { MessageChannel } = require('worker_threads');
  const channel = new MessageChannel();
  stream[kState].transfer = channel;
  return [channel.port2];
}

function lockedError(kind) {
  const { DOMException } = require('internal/per_context/domexception');
  return new DOMException(`Cannot transfer a locked ${kind}`, 'DataCloneError');
}

// A readable stream leaving: it is piped into a writable that posts to the other side.
function transferReadable(readable) {
  const { port1, port2 } = readable[kState].transfer;
  readable[kState].transfer = undefined;
  if (R().isLocked(readable)) {
    port1.close();
    throw lockedError('ReadableStream');
  }
  const writable = new (W().WritableStream)(W().kCreate);
  setUpCrossRealmWritable(writable, port1);
  markHandled(R().readableStreamPipeTo(readable, writable, false, false, false));
  return { data: { port: port2 }, deserializeInfo: 'internal/webstreams/transfer:TransferredReadableStream' };
}

// A writable stream leaving: a readable fed by the other side is piped into it.
function transferWritable(writable) {
  const { port1, port2 } = writable[kState].transfer;
  writable[kState].transfer = undefined;
  if (W().isWritableStreamLocked(writable)) {
    port1.close();
    throw lockedError('WritableStream');
  }
  const readable = new (R().ReadableStream)(R().kCreate);
  setUpCrossRealmReadable(readable, port1);
  markHandled(R().readableStreamPipeTo(readable, writable, false, false, false));
  return { data: { port: port2 }, deserializeInfo: 'internal/webstreams/transfer:TransferredWritableStream' };
}

// What a transferred stream is made from before it is set up on its port.
function TransferredReadableStream() {
  return new (R().ReadableStream)(R().kCreate);
}

function TransferredWritableStream() {
  return new (W().WritableStream)(W().kCreate);
}

function TransferredTransformStream() {
  return require('internal/webstreams/transformstream').createTransferredTransformStream();
}

module.exports = {
  setUpCrossRealmReadable, setUpCrossRealmWritable, newChannel, transferReadable, transferWritable,
  TransferredReadableStream, TransferredWritableStream, TransferredTransformStream,
};
