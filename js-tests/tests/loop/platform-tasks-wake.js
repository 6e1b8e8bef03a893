'use strict';
// Work V8 finishes off the JS thread wakes a sleeping loop: an asynchronous WebAssembly
// compilation resolves, and a FinalizationRegistry's cleanup runs, while the loop waits on a
// long timer (V8 posts both as platform tasks, which node's loop is signalled for); and a
// compilation keeps the loop alive.
// Flags: --expose-gc

// A module of many functions (`f0` .. `f199`, each adding its index to its argument), so V8
// compiles it on its background threads.
function moduleBytes(count) {
  const body = (index) => [0x00, 0x20, 0x00, 0x41, ...leb(index), 0x6a, 0x0b];
  const leb = (n) => (n < 0x40 ? [n] : [0x80 | (n & 0x7f), ...leb(n >> 7)]);
  const vector = (items) => [...leb(items.length), ...items.flat()];
  const section = (id, content) => [id, ...leb(content.length), ...content];
  const name = (text) => [text.length, ...Buffer.from(text)];
  const functions = Array.from({ length: count }, (_, i) => i);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, 0x01, 0x7f, 0x01, 0x7f]])),
    ...section(3, vector(functions.map(() => [0x00]))),
    ...section(7, vector(functions.map((i) => [...name(`f${i}`), 0x00, ...leb(i)]))),
    ...section(10, vector(functions.map((i) => [...leb(body(i).length), ...body(i)]))),
  ]);
}
const bytes = moduleBytes(200);
const start = Date.now();
const holder = setTimeout(() => console.log('the long timer fired first'), 20000);

async function compileWhileSleeping() {
  const module = await WebAssembly.compile(bytes);
  const { exports } = await WebAssembly.instantiate(module);
  console.log('compiled; f150(2) =', exports.f150(2), '; before the long timer:', Date.now() - start < 10000);
}

function finalizeWhileSleeping() {
  return new Promise((resolve) => {
    const registry = new FinalizationRegistry((held) => {
      console.log('finalized', held, '; before the long timer:', Date.now() - start < 10000);
      resolve();
    });
    (function register() {
      registry.register({}, 'target');
    })();
    setTimeout(() => globalThis.gc(), 1);
  });
}

// With nothing else left, the loop still waits for a compilation V8 is running (node drains
// its platform's background work before the loop may end).
function compileAlone() {
  clearTimeout(holder);
  WebAssembly.compile(bytes).then(() => console.log('compiled with nothing else keeping the loop alive'));
}

compileWhileSleeping()
  .then(finalizeWhileSleeping)
  .then(compileAlone);
process.on('exit', () => console.log('exit'));
