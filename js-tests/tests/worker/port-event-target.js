// A MessagePort is a NodeEventTarget: on() listeners get the message and addEventListener ones
// a MessageEvent; a throwing listener is an uncaught exception after the others ran; the
// EventTarget listener limit and events.getMaxListeners/setMaxListeners apply to it.
'use strict';
const events = require('events');
const { Worker, MessageChannel, MessagePort } = require('worker_threads');
process.removeAllListeners('warning');
process.on('warning', (w) => console.log('warning', w.name, w.message));
const { port1, port2 } = new MessageChannel();
console.log(port1 instanceof EventTarget, port1 instanceof events, typeof port1.prependListener, events.getMaxListeners(port1));
events.setMaxListeners(2, port1);
for (let i = 0; i < 3; i++) port1.addEventListener('foo', () => {});
console.log(events.getMaxListeners(port1), events.getEventListeners(port1, 'foo').length, port1.listenerCount('foo'));
port1.on('custom', (value) => console.log('custom on', value));
port1.addEventListener('custom', (event) => console.log('custom event', event.constructor.name, event.detail));
console.log(port1.emit('custom', 7), port1.emit('nothing', 1));
port1.dispatchEvent(new MessageEvent('message', { data: 'dispatched' }));
port1.on('message', (m) => console.log('on', typeof m === 'object' ? m.constructor.name : m));
port1.addEventListener('message', (e) => console.log('event', e.constructor.name, e.data, e.target === port1, e.ports.length));
port1.onmessage = (e) => {
  console.log('onmessage', e.data);
  setTimeout(closeAndStartWorker, 0);
};
port2.postMessage('hello');
// Started once 'hello' arrived: a fixed timer raced the delivery on a loaded machine (node too).
function closeAndStartWorker() {
  port1.close();
  const worker = new Worker(`const { parentPort } = require('worker_threads');
    parentPort.on('message', (m) => { throw new Error('in worker ' + m); });`, { eval: true });
  worker.on('error', (e) => {
    console.log('worker error', e.message);
    const channel = new MessageChannel();
    process.on('uncaughtException', (err) => {
      console.log('uncaught', err.message);
      channel.port1.close();
    });
    channel.port1.on('message', (m) => {
      throw new Error(`boom ${m}`);
    });
    channel.port1.on('message', (m) => console.log('second listener still runs', m));
    channel.port2.postMessage(1);
  });
  worker.postMessage('x');
}
console.log(typeof MessagePort, Object.getPrototypeOf(MessagePort) === Object.getPrototypeOf(port1).constructor);
