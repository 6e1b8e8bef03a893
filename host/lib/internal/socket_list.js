'use strict';
// The sockets a net.Server's connections became after send() passed them to another process
// over IPC. The sender's list asks the receiver how many are still open (getConnections) and
// waits for them to close (server.close); the receiver's list counts them and answers. The
// requests and answers are internal messages (NODE_SOCKET_*) naming the server's connection key.

const EventEmitter = require('events');
const { codedError } = require('internal/errors');

class SocketListSend extends EventEmitter {
  constructor(child, key) {
    super();
    this.key = key;
    this.child = child;
    child.once('exit', () => this.emit('exit', this));
  }

  #request(message, answer, swallowErrors, callback) {
    const { child, key } = this;
    if (!child.connected) {
      callback(codedError(Error, 'ERR_CHILD_CLOSED_BEFORE_REPLY', 'Child closed before reply received'));
      return;
    }
    const onReply = (reply) => {
      if (reply.key !== key || reply.cmd !== answer) return;
      child.removeListener('internalMessage', onReply);
      child.removeListener('disconnect', onClose);
      callback(null, reply);
    };
    const onClose = () => {
      child.removeListener('internalMessage', onReply);
      callback(codedError(Error, 'ERR_CHILD_CLOSED_BEFORE_REPLY', 'Child closed before reply received'));
    };
    child._send(message, undefined, { swallowErrors });
    child.on('internalMessage', onReply);
    child.once('disconnect', onClose);
  }

  // Calls back once the receiver's sockets have all closed (or the channel has).
  close(callback) {
    this.#request({ cmd: 'NODE_SOCKET_NOTIFY_CLOSE', key: this.key }, 'NODE_SOCKET_ALL_CLOSED', true, callback);
  }

  getConnections(callback) {
    this.#request({ cmd: 'NODE_SOCKET_GET_COUNT', key: this.key }, 'NODE_SOCKET_COUNT', false, (err, reply) => {
      if (err) callback(err);
      else callback(null, reply.count);
    });
  }
}

class SocketListReceive extends EventEmitter {
  constructor(child, key) {
    super();
    this.connections = 0;
    this.key = key;
    this.child = child;
    const allClosed = () => {
      if (child.connected) child._send({ cmd: 'NODE_SOCKET_ALL_CLOSED', key }, undefined, { swallowErrors: true });
    };
    child.on('internalMessage', (message) => {
      if (message.key !== key) return;
      if (message.cmd === 'NODE_SOCKET_NOTIFY_CLOSE') {
        if (this.connections === 0) allClosed();
        else this.once('empty', allClosed);
      } else if (message.cmd === 'NODE_SOCKET_GET_COUNT') {
        if (child.connected) child._send({ cmd: 'NODE_SOCKET_COUNT', key, count: this.connections }, undefined, {});
      }
    });
  }

  add(socket) {
    this.connections++;
    socket.once('close', () => {
      this.connections--;
      if (this.connections === 0) this.emit('empty', this);
    });
  }
}

module.exports = { SocketListSend, SocketListReceive };
