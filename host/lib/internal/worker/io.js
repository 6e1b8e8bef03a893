'use strict';
// A worker's stdio, as node carries it: one internal MessageChannel between the Worker object
// and its thread. The worker's process.stdout and stderr post what is written to the parent,
// where worker.stdout and worker.stderr push it (piped to the parent's own unless the Worker
// was made with `stdout: true`/`stderr: true`); with `stdin: true`, worker.stdin's writes
// reach the worker's process.stdin. A writer's callbacks run when the reader asks for more,
// and a port with writes or reads waiting keeps its thread alive.

const { Readable, Writable } = require('stream');

const kPayload = 'stdioPayload';
const kWantsMoreData = 'stdioWantsMoreData';
const kPort = Symbol('kPort');
const kName = Symbol('kName');
const kPendingCallbacks = Symbol('kPendingCallbacks');
const kStartedReading = Symbol('kStartedReading');
const kIncrementsPortRef = Symbol('kIncrementsPortRef');
const kWaitingStreams = Symbol('kWaitingStreams');

function holdPort(port) {
  if (port[kWaitingStreams]++ === 0) port.ref();
}

function releasePort(port, count = 1) {
  if ((port[kWaitingStreams] -= count) === 0) port.unref();
}

class ReadableWorkerStdio extends Readable {
  constructor(port, name) {
    super();
    this[kPort] = port;
    this[kName] = name;
    this[kIncrementsPortRef] = true;
    this[kStartedReading] = false;
    this.on('end', () => {
      if (this[kStartedReading] && this[kIncrementsPortRef]) releasePort(this[kPort]);
    });
  }

  _read() {
    if (!this[kStartedReading] && this[kIncrementsPortRef]) {
      this[kStartedReading] = true;
      holdPort(this[kPort]);
    }
    this[kPort].postMessage({ type: kWantsMoreData, stream: this[kName] });
  }
}

class WritableWorkerStdio extends Writable {
  constructor(port, name) {
    super({ decodeStrings: false });
    this[kPort] = port;
    this[kName] = name;
    this[kPendingCallbacks] = [];
  }

  _writev(chunks, callback) {
    this[kPort].postMessage({
      type: kPayload,
      stream: this[kName],
      chunks: chunks.map(({ chunk, encoding }) => ({ chunk, encoding })),
    });
    this[kPendingCallbacks].push(callback);
    holdPort(this[kPort]);
  }

  _final(callback) {
    this[kPort].postMessage({ type: kPayload, stream: this[kName], chunks: [{ chunk: null, encoding: '' }] });
    callback();
  }

  // The reader took what was sent: the writes waiting on it are done.
  wantsMoreData() {
    const callbacks = this[kPendingCallbacks];
    if (callbacks.length === 0) return;
    this[kPendingCallbacks] = [];
    for (const callback of callbacks) callback();
    releasePort(this[kPort], callbacks.length);
  }
}

// One side's streams by name, fed by the messages of its end of the channel.
function attach(port, streams) {
  port[kWaitingStreams] = 0;
  const receive = (message) => {
    const stream = streams[message?.stream];
    if (stream == null) return;
    if (message.type === kPayload) {
      for (const { chunk, encoding } of message.chunks) stream.push(chunk, encoding);
    } else if (message.type === kWantsMoreData) {
      stream.wantsMoreData();
    }
  };
  port.on('message', receive);
  port.unref();
  return receive;
}

// Node's pipe for worker output into the parent's stdout/stderr: no listener-count warning
// however many workers there are.
function pipeWithoutWarning(source, destination) {
  const sourceMax = source._maxListeners;
  const destinationMax = destination._maxListeners;
  source.setMaxListeners(Infinity);
  destination.setMaxListeners(Infinity);
  source.pipe(destination);
  source._maxListeners = sourceMax;
  destination._maxListeners = destinationMax;
}

// The Worker object's side: worker.stdin (or null), worker.stdout and worker.stderr, and
// drain(), which takes in what the worker sent before it ended and ends the readers.
function parentStdio(port, options) {
  const stdin = options.stdin ? new WritableWorkerStdio(port, 'stdin') : null;
  const stdout = new ReadableWorkerStdio(port, 'stdout');
  const stderr = new ReadableWorkerStdio(port, 'stderr');
  if (!options.stdout) {
    stdout[kIncrementsPortRef] = false;
    pipeWithoutWarning(stdout, process.stdout);
  }
  if (!options.stderr) {
    stderr[kIncrementsPortRef] = false;
    pipeWithoutWarning(stderr, process.stderr);
  }
  const receive = attach(port, { stdin, stdout, stderr });
  const { receiveMessageOnPort } = require('worker_threads');
  const drain = () => {
    for (let entry = receiveMessageOnPort(port); entry !== undefined; entry = receiveMessageOnPort(port)) {
      receive(entry.message);
    }
    port.close();
    if (!stdout.readableEnded) stdout.push(null);
    if (!stderr.readableEnded) stderr.push(null);
  };
  return { stdin, stdout, stderr, drain };
}

// The worker thread's side: its process.stdin, stdout and stderr, and flush(), which at the
// thread's exit sends at once what waits behind a write in flight (nothing written in an
// 'exit' listener is lost).
function workerStdio(port, hasStdin) {
  const stdin = new ReadableWorkerStdio(port, 'stdin');
  const stdout = new WritableWorkerStdio(port, 'stdout');
  const stderr = new WritableWorkerStdio(port, 'stderr');
  attach(port, { stdin, stdout, stderr });
  if (!hasStdin) stdin.push(null);
  const flush = () => {
    for (const stream of [stdout, stderr]) {
      const buffered = stream.writableBuffer;
      if (buffered.length === 0) continue;
      port.postMessage({ type: kPayload, stream: stream[kName], chunks: buffered.map(({ chunk, encoding }) => ({ chunk, encoding })) });
    }
  };
  return { stdin, stdout, stderr, flush };
}

module.exports = { parentStdio, workerStdio };
