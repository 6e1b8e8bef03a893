// MessagePorts moved between threads by transfer lists: a port sent to a worker is received
// there (its messages follow it), the sender's object is closed, ports in workerData, ports
// nested in messages, MessageEvent#ports, array buffers detached by transfer, and the
// DataCloneErrors node gives for bad transfer lists.
const { Worker, MessageChannel, MessagePort, receiveMessageOnPort } = require('worker_threads');

const show = (fn) => {
  try {
    console.log(fn());
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
};

const body = `
  const { parentPort, workerData } = require('worker_threads');
  workerData.port.postMessage('hello from workerData port');
  parentPort.on('message', ({ port, buffer }) => {
    port.on('message', (value) => {
      port.postMessage({ echo: value, bytes: new Uint8Array(buffer).join(',') });
      if (value === 'last') {
        port.close();
        parentPort.close();
        workerData.port.close();
      }
    });
  });
`;

async function main() {
  const first = new MessageChannel();
  const worker = new Worker(body, { eval: true, workerData: { port: first.port2 }, transferList: [first.port2] });
  let sentPortClosed = false;
  first.port2.on('close', () => {
    sentPortClosed = true;
  });
  const [greeting] = await require('events').once(first.port1, 'message');
  console.log(greeting, 'sent port closed here:', sentPortClosed);

  const { port1, port2 } = new MessageChannel();
  // Messages posted before the port moves wait for it on the other side.
  port1.postMessage('queued before transfer');
  const buffer = new Uint8Array([1, 2, 3]).buffer;
  worker.postMessage({ port: port2, buffer }, [port2, buffer]);
  console.log('buffer detached:', buffer.byteLength);
  const replies = [];
  port1.on('message', (reply) => {
    replies.push(reply);
    if (replies.length === 2) port1.postMessage('last');
  });
  const port1Closed = require('events').once(port1, 'close');
  port1.postMessage('second');
  const [code] = await require('events').once(worker, 'exit');
  await port1Closed;
  console.log(replies);
  console.log('port1 closed, worker exit', code);

  // MessageEvent#ports and ports nested in a message within one thread.
  const a = new MessageChannel();
  const b = new MessageChannel();
  const nestedDone = require('events').once(b.port1, 'close');
  a.port2.addEventListener('message', (event) => {
    console.log(event.constructor.name, event.data.nested.inner instanceof MessagePort, event.ports.length,
      event.ports[0] === event.data.nested.inner);
    event.ports[0].postMessage('through the moved port');
    a.port2.close();
  });
  b.port1.on('message', (value) => {
    console.log(value);
    b.port1.close();
  });
  a.port1.postMessage({ nested: { inner: b.port2 } }, [b.port2]);
  await nestedDone;

  // Bad transfer lists.
  const c = new MessageChannel();
  show(() => c.port1.postMessage({ p: c.port2 }));
  show(() => c.port1.postMessage(1, [c.port1]));
  show(() => c.port1.postMessage(1, [{}]));
  show(() => c.port1.postMessage(1, [c.port2, c.port2]));
  const closed = new MessageChannel();
  closed.port1.close();
  show(() => c.port1.postMessage(closed.port1, [closed.port1]));
  show(() => c.port1.postMessage(1, { transfer: 5 }));
  show(() => c.port1.postMessage());
  show(() => new MessagePort());
  show(() => MessageChannel());
  show(() => receiveMessageOnPort({}));
  console.log(c.port1 instanceof EventTarget, Object.getOwnPropertyNames(MessagePort.prototype).sort().join());
  c.port1.close();
}
main();
