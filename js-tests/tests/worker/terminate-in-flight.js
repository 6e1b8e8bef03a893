// Teardown under load: many workers started and stopped while messages and ports are in
// flight both ways. Every worker exits with 1 (terminated), and once this side's ports are
// closed the process ends on its own: nothing is left holding the loop.
const { Worker, MessageChannel } = require('worker_threads');

const body = `
  const { parentPort } = require('worker_threads');
  parentPort.on('message', ({ port }) => {
    port.on('message', (n) => port.postMessage(n + 1));
    port.postMessage(0);
  });
  const spin = () => { parentPort.postMessage(new Uint8Array(1024)); setTimeout(spin, 1); };
  spin();
`;

const rounds = 16;
const exitCodes = [];
const ports = [];
for (let i = 0; i < rounds; i++) {
  const worker = new Worker(body, { eval: true });
  const { port1, port2 } = new MessageChannel();
  ports.push(port1);
  port1.on('message', (n) => port1.postMessage(n + 1));
  worker.postMessage({ port: port2 }, [port2]);
  let received = 0;
  worker.on('message', () => {
    if (++received === 3 + (i % 5)) worker.terminate();
  });
  worker.on('exit', (code) => {
    exitCodes.push(code);
    if (exitCodes.length === rounds) {
      console.log('exits', exitCodes.length, 'all 1:', exitCodes.every((c) => c === 1));
      for (const port of ports) port.close();
    }
  });
}
process.on('exit', () => console.log('process exit'));
