'use strict';
// The MessagePorts worker_threads.moveMessagePortToContext makes: this module is compiled in
// the vm context a port moves to (compileBuiltin with that context's global), so that the
// port, its prototypes and methods, the MessageEvents it delivers and the errors it throws are
// that context's objects. As node's, such a port is no EventTarget: its messages go to its
// onmessage and onmessageerror properties. `natives` (worker_threads) does the port's work;
// `DOMException` is this context's (per_context/domexception compiled here too).

function codedError(Base, code, message) {
  const error = new Base(message);
  error.code = code;
  return error;
}

function messagePortKit(natives, DOMException) {
  const ports = new WeakSet();
  const check = (self) => {
    if (!ports.has(self)) throw new TypeError('Illegal invocation');
  };
  const constructorError = () => codedError(TypeError, 'ERR_CONSTRUCT_CALL_INVALID', 'Constructor cannot be called');

  // A port's prototype is MessagePort's, whose prototype is HandleWrap's, as in node.
  function HandleWrap() {
    throw constructorError();
  }
  Object.assign(HandleWrap.prototype, {
    close() {
      check(this);
      natives.close(this);
    },
    hasRef() {
      check(this);
      return natives.hasRef(this);
    },
    ref() {
      check(this);
      natives.ref(this);
    },
    unref() {
      check(this);
      natives.unref(this);
    },
  });

  function MessagePort() {
    throw constructorError();
  }
  Object.setPrototypeOf(MessagePort.prototype, HandleWrap.prototype);
  Object.assign(MessagePort.prototype, {
    postMessage() {
      check(this);
      if (arguments.length === 0) {
        throw codedError(TypeError, 'ERR_MISSING_ARGS', 'Not enough arguments to MessagePort.postMessage');
      }
      natives.post(this, arguments[0], arguments[1]);
    },
    start() {
      check(this);
      natives.start(this);
    },
  });

  class MessageEvent {
    constructor(data, target, type, ports) {
      this.data = data;
      this.target = target;
      this.type = type;
      this.ports = ports;
    }
  }

  return {
    newPort() {
      const port = Object.create(MessagePort.prototype);
      ports.add(port);
      return port;
    },
    emitMessage(port, data, ports, type) {
      const handler = type === 'message' ? port.onmessage : port.onmessageerror;
      if (typeof handler === 'function') handler.call(port, new MessageEvent(data, port, type, ports));
    },
    dataCloneError(message) {
      return new DOMException(message, 'DataCloneError');
    },
  };
}

module.exports = { messagePortKit };
