// Teardown under load: many workers started and stopped while messages and ports are in
// flight both ways. Every worker exits, the ports whose other end was in a dead worker
// close, and the process ends on its own (nothing left holding the loop).
const { Worker, MessageChannel } = require('worker_threads');

const body = `
  const { parentPort } = require('worker_threads');
  parentPort.on('message', ({ port }) => {
    if (port) {
      port.on('message', (n) => port.postMessage(n + 1));
      port.postMessage(0);
    }
  });
  const spin = () => { parentPort.postMessage(new Uint8Array(1024)); setImmediate(spin); };
  spin();
`;

let exits = 0;
let closed = 0;
const rounds = 40;
for (let i = 0; i < rounds; i++) {
  const worker = new Worker(body, { eval: true });
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (n) => port1.postMessage(n + 1));
  port1.on('close', () => closed++);
  worker.postMessage({ port: port2 }, [port2]);
  let received = 0;
  worker.on('message', () => {
    if (++received === 3 + (i % 5)) worker.terminate();
  });
  worker.on('exit', (code) => {
    exits++;
    if (exits === rounds) setTimeout(() => { console.log('exits', exits, 'ports closed', closed); process.exit(0); }, 200);
  });
}
