// A WebAssembly.Module in a message: the receiving thread gets a module it can instantiate
// (the compiled code shared), through a Worker, a MessagePort and a BroadcastChannel.
const { Worker, MessageChannel, BroadcastChannel } = require('worker_threads');
const { once } = require('events');

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const bytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01,
  0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, 0x0a, 0x09,
  0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
]);
const wasmModule = new WebAssembly.Module(bytes);
const add = (module, a, b) => new WebAssembly.Instance(module).exports.add(a, b);

async function main() {
  const worker = new Worker(`
    const { parentPort } = require('worker_threads');
    parentPort.once('message', ({ module }) => {
      parentPort.postMessage({ sum: new WebAssembly.Instance(module).exports.add(2, 3), module });
    });
  `, { eval: true });
  worker.postMessage({ module: wasmModule });
  const [{ sum, module }] = await once(worker, 'message');
  console.log(sum, module instanceof WebAssembly.Module, add(module, 4, 5));

  const { port1, port2 } = new MessageChannel();
  port2.postMessage([wasmModule, wasmModule]);
  const [[first, second]] = await once(port1, 'message');
  console.log(first === second, add(first, 1, 1));
  port1.close();

  const sender = new BroadcastChannel('wasm');
  const receiver = new BroadcastChannel('wasm');
  sender.postMessage(wasmModule);
  const [event] = await once(receiver, 'message');
  console.log(add(event.data, 10, 20));
  sender.close();
  receiver.close();
}

main();
