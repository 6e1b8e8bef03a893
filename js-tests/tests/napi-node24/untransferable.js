// napi: 10
// Node-API external buffers are untransferable: a transfer list holding one is a
// DataCloneError and the memory stays. Transfer lists otherwise move array buffers (the
// sender's is detached), and bad lists fail as node's do.
const { MessageChannel, Worker, markAsUntransferable, isMarkedAsUntransferable } = require('worker_threads');
const { addon, log } = require('../../common');
const node24 = addon('napi_node24');

const attempt = (what, fn) => {
  try {
    fn();
    log(what, 'posted');
  } catch (err) {
    // The DOMException's name and code; its message is the runtime's own wording.
    log(what, err.name, err.code);
  }
};
const { port1, port2 } = new MessageChannel();
const received = [];
port2.on('message', (message) => received.push(message));

const [external, externalBuffer] = node24.externalBuffers();
log('marked', isMarkedAsUntransferable(external), isMarkedAsUntransferable(externalBuffer.buffer));
attempt('external ArrayBuffer', () => port1.postMessage(external, [external]));
attempt('external Buffer', () => port1.postMessage(externalBuffer, [externalBuffer.buffer]));
log('still there', external.byteLength, externalBuffer.toString());
attempt('copied, not transferred', () => port1.postMessage(external));

const plain = new Uint8Array([1, 2, 3]);
attempt('plain', () => port1.postMessage(plain, { transfer: [plain.buffer] }));
log('sender detached', plain.byteLength, plain.buffer.byteLength);
const marked = new ArrayBuffer(2);
markAsUntransferable(marked);
markAsUntransferable(5);
log('marked by hand', isMarkedAsUntransferable(marked), isMarkedAsUntransferable(5));
attempt('marked by hand', () => port1.postMessage(marked, [marked]));
const twice = new ArrayBuffer(1);
attempt('twice', () => port1.postMessage(1, [twice, twice]));
attempt('a number', () => port1.postMessage(1, [5]));
attempt('a plain object', () => port1.postMessage(1, [{}]));
attempt('a detached buffer', () => port1.postMessage(1, [plain.buffer]));
attempt('not iterable', () => port1.postMessage(1, 5));
attempt('options without an iterable', () => port1.postMessage(1, { transfer: 5 }));
attempt('the source port', () => port1.postMessage(1, [port1]));
attempt('null', () => port1.postMessage('null list', null));

const toWorker = new Uint8Array([7, 8, 9]);
const worker = new Worker(`require('worker_threads').parentPort.once('message', (m) => {
  require('worker_threads').parentPort.postMessage([...new Uint8Array(m)]);
});`, { eval: true });
worker.postMessage(toWorker.buffer, [toWorker.buffer]);
log('to worker, sender detached', toWorker.byteLength);
worker.once('message', (bytes) => {
  log('worker got', bytes);
  setImmediate(() => {
    log('received', received.map((m) => (m instanceof ArrayBuffer ? `ArrayBuffer(${m.byteLength})` : m)));
    port1.close();
  });
});
