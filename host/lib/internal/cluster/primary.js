'use strict';
// The primary's cluster: it forks the workers and owns the servers they listen on. With
// SCHED_RR (the default) it accepts each connection itself and hands it to a free worker
// over IPC; with SCHED_NONE it gives every worker the listening handle.

const EventEmitter = require('events');
const path = require('path');
const { fork } = require('child_process');
const Worker = require('internal/cluster/worker');
const { internal, sendHelper } = require('internal/cluster/utils');
const { invalidArgValue } = require('internal/errors');

const cluster = new EventEmitter();
const intercom = new EventEmitter();
const SCHED_NONE = 1;
const SCHED_RR = 2;
const handles = new Map();
let initialized = false;
let ids = 0;
// A worker started with an inspector flag gets its own port: settings.inspectPort, else the
// primary's next ones in turn.
const { isUsingInspector, getInspectPort } = require('internal/util/inspector');

cluster.isWorker = false;
cluster.isMaster = true;
cluster.isPrimary = true;
cluster.Worker = Worker;
cluster.workers = {};
cluster.settings = {};
cluster.SCHED_NONE = SCHED_NONE;
cluster.SCHED_RR = SCHED_RR;

const policyName = process.env.NODE_CLUSTER_SCHED_POLICY;
let schedulingPolicy = policyName === 'rr' ? SCHED_RR : policyName === 'none' ? SCHED_NONE : SCHED_RR;
cluster.schedulingPolicy = schedulingPolicy;

// ---- server handles ----

// The primary listens and passes each accepted connection to a free worker.
class RoundRobinHandle {
  constructor(key, address, { port, fd, flags, backlog, readableAll, writableAll }) {
    this.key = key;
    this.all = new Map();
    this.free = new Map();
    this.pending = [];
    this.handle = null;
    this.server = require('net').createServer(() => { throw new Error('unreachable: the primary takes its handle\'s connections'); });
    if (fd >= 0) this.server.listen({ fd, backlog });
    else if (port >= 0) this.server.listen({ port, host: address, ipv6Only: Boolean(flags?.ipv6Only), backlog });
    else this.server.listen({ path: address, backlog, readableAll, writableAll });
    this.server.once('listening', () => {
      this.handle = this.server._handle;
      this.handle.onconnection = (err, handle) => this.distribute(err, handle);
      this.server._handle = null;
      this.server = null;
    });
  }

  add(worker, send) {
    this.all.set(worker.id, worker);
    const done = () => {
      if (this.handle.getsockname) {
        const out = {};
        this.handle.getsockname(out);
        send(null, { sockname: out }, null);
      } else {
        send(null, null, null);
      }
      this.handoff(worker);
    };
    if (this.server === null) return done();
    this.server.once('listening', done);
    this.server.once('error', (err) => send(err.errno, null));
  }

  remove(worker) {
    if (!this.all.delete(worker.id)) return false;
    this.free.delete(worker.id);
    if (this.all.size !== 0) return false;
    for (const handle of this.pending) handle.close();
    this.pending = [];
    this.handle?.close();
    this.server?.close();
    this.handle = null;
    return true;
  }

  distribute(err, handle) {
    if (err) return;
    this.pending.push(handle);
    const next = this.free.entries().next();
    if (!next.done) {
      const [id, worker] = next.value;
      this.free.delete(id);
      this.handoff(worker);
    }
  }

  handoff(worker) {
    if (!this.all.has(worker.id)) return;
    const handle = this.pending.shift();
    if (handle === undefined) {
      this.free.set(worker.id, worker);
      return;
    }
    sendHelper(worker.process, { act: 'newconn', key: this.key }, handle, (reply) => {
      if (reply.accepted) handle.close();
      else this.distribute(0, handle);
      this.handoff(worker);
    });
  }
}

// Every worker gets the same listening handle.
class SharedHandle {
  constructor(key, address, { port, addressType, fd, flags }) {
    this.key = key;
    this.workers = new Map();
    this.handle = null;
    this.errno = 0;
    const net = require('net');
    let rval;
    if (addressType === 'udp4' || addressType === 'udp6') {
      require('dgram');
      rval = internals.createUDPHandle(address, port, addressType, fd, flags);
    } else if (!address && !(fd >= 0)) {
      rval = net._createServerHandle('::', port, 6, fd, flags);
      if (typeof rval === 'number') rval = net._createServerHandle('0.0.0.0', port, 4, fd, flags);
    } else {
      rval = net._createServerHandle(address, port, addressType, fd, flags);
    }
    if (typeof rval === 'number') {
      this.errno = rval;
    } else {
      this.handle = rval;
      this.handle.setAccepting?.(false);
    }
  }

  add(worker, send) {
    this.workers.set(worker.id, worker);
    send(this.errno, null, this.handle);
  }

  remove(worker) {
    if (!this.workers.delete(worker.id)) return false;
    if (this.workers.size !== 0) return false;
    this.handle?.close();
    this.handle = null;
    return true;
  }
}

// ---- settings and workers ----

cluster.setupPrimary = function setupPrimary(options) {
  const settings = {
    args: process.argv.slice(2),
    exec: process.argv[1],
    execArgv: process.execArgv,
    silent: false,
    ...cluster.settings,
    ...options,
  };
  cluster.settings = settings;
  if (initialized) {
    process.nextTick(() => cluster.emit('setup', settings));
    return;
  }
  initialized = true;
  schedulingPolicy = cluster.schedulingPolicy;
  if (schedulingPolicy !== SCHED_NONE && schedulingPolicy !== SCHED_RR) {
    throw invalidArgValue('schedulingPolicy', schedulingPolicy);
  }
  process.nextTick(() => cluster.emit('setup', settings));
  // The inspector started in this process: each worker starts its own (SIGUSR1), an online
  // one now, another once it is online.
  process.on('internalMessage', (message) => {
    if (message.cmd !== 'NODE_DEBUG_ENABLED') return;
    for (const worker of Object.values(cluster.workers)) {
      if (worker.state === 'online' || worker.state === 'listening') process._debugProcess(worker.process.pid);
      else worker.once('online', () => process._debugProcess(worker.process.pid));
    }
  });
};
cluster.setupMaster = cluster.setupPrimary;

function createWorkerProcess(id, env) {
  const workerEnv = { ...process.env, ...env, NODE_UNIQUE_ID: `${id}` };
  const execArgv = [...cluster.settings.execArgv];
  if (isUsingInspector(execArgv)) execArgv.push(`--inspect-port=${getInspectPort(cluster.settings.inspectPort)}`);
  return fork(cluster.settings.exec, cluster.settings.args, {
    cwd: cluster.settings.cwd,
    env: workerEnv,
    serialization: cluster.settings.serialization,
    silent: cluster.settings.silent,
    windowsHide: cluster.settings.windowsHide,
    execArgv,
    stdio: cluster.settings.stdio,
    gid: cluster.settings.gid,
    uid: cluster.settings.uid,
  });
}

function removeWorker(worker) {
  delete cluster.workers[worker.id];
  if (Object.keys(cluster.workers).length === 0) intercom.emit('disconnect');
}

function removeHandlesForWorker(worker) {
  for (const [key, handle] of handles) {
    if (handle.remove(worker)) handles.delete(key);
  }
}

cluster.fork = function (env) {
  cluster.setupPrimary();
  const id = ++ids;
  const workerProcess = createWorkerProcess(id, env);
  const worker = new Worker({ id, process: workerProcess });

  worker.on('message', function (message, handle) {
    cluster.emit('message', this, message, handle);
  });

  worker.process.once('exit', (exitCode, signalCode) => {
    // A worker still connected stays listed until its channel closes too.
    if (!worker.isConnected()) {
      removeHandlesForWorker(worker);
      removeWorker(worker);
    }
    worker.exitedAfterDisconnect = Boolean(worker.exitedAfterDisconnect);
    worker.state = 'dead';
    worker.emit('exit', exitCode, signalCode);
    cluster.emit('exit', worker, exitCode, signalCode);
  });

  worker.process.once('disconnect', () => {
    removeHandlesForWorker(worker);
    if (worker.isDead()) removeWorker(worker);
    worker.exitedAfterDisconnect = Boolean(worker.exitedAfterDisconnect);
    worker.state = 'disconnected';
    worker.emit('disconnect');
    cluster.emit('disconnect', worker);
  });

  worker.process.on('internalMessage', internal(worker, onmessage));
  process.nextTick(() => cluster.emit('fork', worker));
  cluster.workers[worker.id] = worker;
  return worker;
};

cluster.disconnect = function (cb) {
  const workers = Object.values(cluster.workers);
  if (workers.length === 0) {
    process.nextTick(() => intercom.emit('disconnect'));
  } else {
    for (const worker of workers) {
      if (worker.isConnected()) worker.disconnect();
    }
  }
  if (typeof cb === 'function') intercom.once('disconnect', cb);
};

function onmessage(message, handle) {
  const worker = this;
  switch (message.act) {
    case 'online':
      worker.state = 'online';
      worker.emit('online');
      cluster.emit('online', worker);
      break;
    case 'queryServer':
      queryServer(worker, message);
      break;
    case 'listening': {
      const info = { addressType: message.addressType, address: message.address, port: message.port, fd: message.fd };
      worker.state = 'listening';
      worker.emit('listening', info);
      cluster.emit('listening', worker, info);
      break;
    }
    case 'exitedAfterDisconnect':
      worker.exitedAfterDisconnect = true;
      send(worker, { ack: message.seq });
      break;
    case 'close': {
      const entry = handles.get(message.key);
      if (entry && entry.remove(worker)) handles.delete(message.key);
      break;
    }
  }
}

function queryServer(worker, message) {
  // Late requests of a worker on its way out are not answered.
  if (worker.exitedAfterDisconnect) return;
  const key = `${message.address}:${message.port}:${message.addressType}:${message.fd}:${message.index}`;
  let entry = handles.get(key);
  if (entry === undefined) {
    let address = message.address;
    // The shortest path to a Unix socket, for the ~100-byte limit.
    if (message.port < 0 && typeof address === 'string') {
      address = path.relative(process.cwd(), address);
      if (message.address.length < address.length) address = message.address;
    }
    // UDP sockets are always shared: there is no connection to hand round.
    const udp = message.addressType === 'udp4' || message.addressType === 'udp6';
    const Handle = schedulingPolicy !== SCHED_RR || udp ? SharedHandle : RoundRobinHandle;
    entry = new Handle(key, address, message);
    handles.set(key, entry);
  }
  if (!entry.data) entry.data = message.data;
  entry.add(worker, (errno, reply, handle) => {
    const { data } = handles.get(key) ?? entry;
    if (errno) handles.delete(key);
    send(worker, { errno, key, ack: message.seq, data, ...reply }, handle);
  });
}

function send(worker, message, handle, cb) {
  return sendHelper(worker.process, message, handle, cb);
}

Worker.prototype.disconnect = function () {
  this.exitedAfterDisconnect = true;
  send(this, { act: 'disconnect' });
  removeHandlesForWorker(this);
  removeWorker(this);
  return this;
};

Worker.prototype.destroy = function (signo) {
  const proc = this.process;
  const signal = signo || 'SIGTERM';
  if (this.isConnected()) {
    this.once('disconnect', () => proc.kill(signal));
    proc.disconnect();
    return;
  }
  proc.kill(signal);
};

module.exports = cluster;
