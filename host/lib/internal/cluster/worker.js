'use strict';
// cluster.Worker: the primary's view of a worker process, or a worker's view of itself.

const EventEmitter = require('events');

class Worker extends EventEmitter {
  constructor(options) {
    super();
    if (options === null || typeof options !== 'object') options = {};
    this.exitedAfterDisconnect = undefined;
    this.state = options.state || 'none';
    this.id = options.id | 0;
    if (options.process) {
      this.process = options.process;
      this.process.on('error', (code, signal) => this.emit('error', code, signal));
      this.process.on('message', (message, handle) => this.emit('message', message, handle));
    }
  }

  kill(...args) {
    this.destroy(...args);
  }

  send(...args) {
    return this.process.send(...args);
  }

  isDead() {
    return this.process.exitCode != null || this.process.signalCode != null;
  }

  isConnected() {
    return this.process.connected;
  }
}

module.exports = Worker;
