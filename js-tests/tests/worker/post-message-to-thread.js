// postMessageToThread: a message (with a transferred port) reaches a worker's process
// 'workerMessage' with the sender's id and back to the main thread; the promise rejects when
// no listener takes it, when a listener throws, when the thread is blocked past the timeout,
// and for bad arguments.
const { Worker, MessageChannel, postMessageToThread, threadId } = require('worker_threads');
const { once } = require('events');

const report = (label) => (err) => console.log(label, err.name, err.code, err.message);

async function main() {
  const memory = new SharedArrayBuffer(4);
  const worker = new Worker(`
    const { postMessageToThread, workerData } = require('worker_threads');
    process.on('workerMessage', (value, source) => {
      if (value === 'throw') throw new Error('listener failed');
      if (value === 'block') return Atomics.wait(new Int32Array(workerData), 0, 0);
      value.port.postMessage({ got: value.text, source });
      value.port.close();
      postMessageToThread(source, 'hello main');
    });
    const { parentPort } = require('worker_threads');
    parentPort.on('message', () => parentPort.close());
    parentPort.postMessage('ready');
  `, { eval: true, workerData: memory });
  await once(worker, 'message');

  const main = once(process, 'workerMessage');
  const { port1, port2 } = new MessageChannel();
  await postMessageToThread(worker.threadId, { text: 'hi', port: port2 }, [port2]);
  const [reply] = await once(port1, 'message');
  console.log(reply.got, reply.source === threadId);
  const [value, source] = await main;
  console.log(value, source === worker.threadId);
  port1.close();

  await postMessageToThread(worker.threadId, 'throw').catch(report('throw'));
  await postMessageToThread(worker.threadId, 'block', 100).catch(report('block'));
  Atomics.store(new Int32Array(memory), 0, 1);
  Atomics.notify(new Int32Array(memory), 0);
  await postMessageToThread(threadId).catch(report('same'));
  await postMessageToThread(worker.threadId + 1000).catch(report('missing'));
  await postMessageToThread(worker.threadId, 1, -1).catch(report('negative'));
  await postMessageToThread(worker.threadId, 1, [], 'soon').catch(report('string'));
  await postMessageToThread(worker.threadId, () => {}).catch(report('uncloneable'));
  worker.postMessage('stop');
  await once(worker, 'exit');
  await postMessageToThread(worker.threadId).catch(report('after exit'));
}

main();
