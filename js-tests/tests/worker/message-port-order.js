// MessagePort delivery order: messages posted before close() still arrive, closing while
// receiving delivers what was queued, a port with no 'message' listener keeps its messages
// (events.once in a loop misses none), and a port posting to itself in a loop does not
// starve timers.
const { MessageChannel, Worker } = require('worker_threads');
const { once } = require('events');

async function main() {
  {
    const { port1, port2 } = new MessageChannel();
    const seen = [];
    port1.on('message', (value) => {
      seen.push(value);
      port1.close();
    });
    port1.on('close', () => console.log('close after', seen));
    port2.postMessage('a');
    port2.postMessage('b');
    port2.postMessage('c');
    await once(port1, 'close');
  }
  {
    const worker = new Worker(`
      require('worker_threads').parentPort.on('message', ({ port }) => {
        for (let i = 0; i < 5; i++) port.postMessage(i);
        port.close();
      });
    `, { eval: true });
    let total = 0;
    for (let round = 0; round < 200; round++) {
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ port: port2 }, [port2]);
      for (let i = 0; i < 5; i++) total += (await once(port1, 'message'))[0];
      await once(port1, 'close');
    }
    console.log('once loop total', total);
    await worker.terminate();
  }
  {
    const { port1, port2 } = new MessageChannel();
    let count = 0;
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    port1.on('message', () => {
      if (timerRan) {
        console.log('timer ran while the loop was busy:', count < 100000);
        port1.close();
        return;
      }
      count++;
      port2.postMessage(0);
    });
    port2.postMessage(0);
  }
}
main();
