'use strict';
// A worker's cluster: its servers listen through the primary (see net's listenInCluster):
// a round-robin server gets each connection from the primary, a shared one the primary's
// listening handle itself.

const EventEmitter = require('events');
const path = require('path');
const Worker = require('internal/cluster/worker');
const { internal, sendHelper } = require('internal/cluster/utils');

const cluster = new EventEmitter();
const handles = new Map();
const indexes = new Map();

cluster.isWorker = true;
cluster.isMaster = false;
cluster.isPrimary = false;
cluster.worker = null;
cluster.Worker = Worker;

function send(message, cb) {
  return sendHelper(process, message, null, cb);
}

cluster._setupWorker = function () {
  const worker = new Worker({ id: +process.env.NODE_UNIQUE_ID | 0, process, state: 'online' });
  cluster.worker = worker;
  process.once('disconnect', () => {
    worker.emit('disconnect');
    // The primary went away (or dropped us) without asking: the worker ends.
    if (!worker.exitedAfterDisconnect) process.exit(0);
  });
  process.on('internalMessage', internal(worker, (message, handle) => {
    if (message.act === 'newconn') onconnection(message, handle);
    else if (message.act === 'disconnect') disconnect.call(worker, true);
  }));
  send({ act: 'online' });
};

cluster._getServer = function (obj, options, cb) {
  let address = options.address;
  if (options.port < 0 && typeof address === 'string') address = path.resolve(address);
  const indexesKey = [address, options.port, options.addressType, options.fd].join(':');
  let indexSet = indexes.get(indexesKey);
  if (indexSet === undefined) {
    indexSet = { nextIndex: 0, set: new Set() };
    indexes.set(indexesKey, indexSet);
  }
  const index = indexSet.nextIndex++;
  indexSet.set.add(index);
  const message = { act: 'queryServer', index, data: null, ...options, address };
  if (obj._getServerData) message.data = obj._getServerData();
  send(message, (reply, handle) => {
    if (typeof obj._setServerData === 'function') obj._setServerData(reply.data);
    if (handle) shared(reply, { handle, indexesKey, index }, cb);
    else rr(reply, { indexesKey, index }, cb);
  });
  obj.once('listening', () => {
    cluster.worker.state = 'listening';
    const bound = obj.address();
    message.act = 'listening';
    message.port = bound?.port || options.port;
    send(message);
  });
};

function removeIndexesKey(indexesKey, index) {
  const indexSet = indexes.get(indexesKey);
  if (!indexSet) return;
  indexSet.set.delete(index);
  if (indexSet.set.size === 0) indexes.delete(indexesKey);
}

// The primary's own listening handle, shared.
function shared(message, { handle, indexesKey, index }, cb) {
  const { key } = message;
  const close = handle.close;
  handle.close = function (...args) {
    send({ act: 'close', key });
    handles.delete(key);
    removeIndexesKey(indexesKey, index);
    return close.apply(handle, args);
  };
  handles.set(key, handle);
  cb(message.errno, handle);
}

// A stand-in handle: connections come from the primary as 'newconn' messages.
function rr(message, { indexesKey, index }, cb) {
  if (message.errno) return cb(message.errno, null);
  let key = message.key;
  let keepAlive = null;
  const handle = {
    type: 'TCP',
    reading: false,
    close(callback) {
      if (key === undefined) return;
      handle.unref();
      send({ act: 'close', key });
      handles.delete(key);
      removeIndexesKey(indexesKey, index);
      key = undefined;
      if (typeof callback === 'function') setImmediate(callback);
    },
    listen() {
      return 0;
    },
    // It holds the loop as a listening handle would.
    ref() {
      keepAlive ??= setInterval(() => {}, 2 ** 31 - 1);
    },
    unref() {
      if (keepAlive) clearInterval(keepAlive);
      keepAlive = null;
    },
    hasRef() {
      return keepAlive !== null;
    },
  };
  handle.ref();
  if (message.sockname) {
    handle.getsockname = (out) => {
      if (key) Object.assign(out, message.sockname);
      return 0;
    };
  } else {
    handle.type = 'PIPE';
  }
  handles.set(key, handle);
  cb(0, handle);
}

function onconnection(message, handle) {
  const server = handles.get(message.key);
  let accepted = server !== undefined;
  const owner = server?.owner;
  // A server that drops what is over its maxConnections takes the connection to drop it
  // itself ('drop'); otherwise the primary hands it to another worker.
  if (accepted && owner && owner.maxConnections != null && owner._connections >= owner.maxConnections &&
      !owner.dropMaxConnection) {
    accepted = false;
  }
  send({ ack: message.seq, accepted });
  if (accepted) server.onconnection(0, handle);
  else handle?.close();
}

function disconnect(primaryInitiated) {
  this.exitedAfterDisconnect = true;
  let waiting = 1;
  const check = () => {
    waiting--;
    if (waiting !== 0) return;
    // A worker's own disconnect waits until the primary knows it was deliberate.
    if (primaryInitiated) process.disconnect();
    else send({ act: 'exitedAfterDisconnect' }, () => process.disconnect());
  };
  for (const handle of handles.values()) {
    waiting++;
    if (handle.owner) handle.owner.close(check);
    else handle.close(check);
  }
  handles.clear();
  check();
}

Worker.prototype.disconnect = function () {
  if (this.state !== 'disconnecting' && this.state !== 'destroying') {
    this.state = 'disconnecting';
    disconnect.call(this);
  }
  return this;
};

Worker.prototype.destroy = function () {
  if (this.state === 'destroying') return;
  this.exitedAfterDisconnect = true;
  if (!this.isConnected()) {
    process.exit(0);
  } else {
    this.state = 'destroying';
    send({ act: 'exitedAfterDisconnect' }, () => process.disconnect());
    process.once('disconnect', () => process.exit(0));
  }
};

module.exports = cluster;
