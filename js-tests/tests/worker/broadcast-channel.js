// BroadcastChannel: a message reaches every other channel of its name (in this thread and in
// workers), in the order the channels were made; closed channels hear nothing; ref state
// and hasRef() of ports follow listeners and ref()/unref(); errors are node's.
const { BroadcastChannel, MessageChannel, Worker, receiveMessageOnPort } = require('worker_threads');
const { inspect } = require('util');

function describe(fn) {
  try {
    return fn();
  } catch (err) {
    return `${err.name} ${err.code ?? ''} ${err.message}`;
  }
}

async function main() {
  console.log(globalThis.BroadcastChannel === BroadcastChannel);
  console.log(describe(() => new BroadcastChannel()));
  console.log(describe(() => new BroadcastChannel(Symbol('x'))));
  {
    const channels = ['a', 'b', 'c'].map(() => new BroadcastChannel('order'));
    const seen = [];
    await new Promise((resolve) => {
      channels.forEach((channel, index) => {
        channel.onmessage = ({ data, target }) => {
          seen.push(`${index}:${data}`);
          console.log(target === channel);
          if (seen.length === 6) resolve();
        };
      });
      channels[0].postMessage('from 0');
      channels[2].postMessage('from 2');
      channels[1].postMessage('from 1');
    });
    console.log(seen);
    channels.forEach((channel) => channel.close());
  }
  {
    const sender = new BroadcastChannel('closed');
    const closed = new BroadcastChannel('closed');
    closed.onmessage = () => console.log('closed channel heard a message');
    sender.postMessage('x');
    closed.close();
    const receiver = new BroadcastChannel('closed');
    sender.postMessage({ nested: [1, 2n], shared: new SharedArrayBuffer(4) });
    const received = receiveMessageOnPort(receiver);
    console.log(received.message.nested, received.message.shared instanceof SharedArrayBuffer);
    console.log(receiveMessageOnPort(receiver));
    console.log(describe(() => sender.postMessage(new MessageChannel().port1)));
    console.log(describe(() => sender.postMessage(() => {})));
    console.log(inspect(sender), inspect(sender, { depth: -1 }));
    sender.close();
    receiver.close();
    console.log(inspect(sender), describe(() => sender.postMessage(1)), sender.ref() === sender);
    console.log(describe(() => BroadcastChannel.prototype.postMessage.call({}, 1)));
  }
  {
    const channel = new BroadcastChannel('worker');
    const worker = new Worker(`
      const { BroadcastChannel } = require('worker_threads');
      const channel = new BroadcastChannel('worker');
      channel.onmessage = ({ data }) => {
        channel.postMessage(data * 2);
        channel.close();
      };
      require('worker_threads').parentPort.postMessage('listening');
    `, { eval: true });
    worker.on('message', () => channel.postMessage(21));
    const [doubled] = await new Promise((resolve) => { channel.onmessage = ({ data }) => resolve([data]); });
    console.log('from worker', doubled);
    channel.close();
    await new Promise((resolve) => worker.on('exit', resolve));
  }
  {
    const { port1, port2 } = new MessageChannel();
    const states = () => [port1.hasRef(), port2.hasRef()];
    console.log(states());
    port1.ref();
    console.log(states());
    port1.unref();
    port1.on('message', () => {});
    console.log(states());
    port2.close();
    console.log(states());
    await new Promise((resolve) => port1.on('close', resolve));
    console.log(states());
  }
}

main();
