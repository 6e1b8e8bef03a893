// createContext's codeGeneration (eval and WebAssembly refused per context) and microtaskMode
// 'afterEvaluate' (the context's own microtask queue, run after each script).
'use strict';
const vm = require('vm');

const noStrings = vm.createContext({}, { codeGeneration: { strings: false } });
for (const code of ['eval("1")', 'new Function("return 1")()']) {
  try {
    vm.runInContext(code, noStrings);
  } catch (err) {
    console.log(err.name, err.message, err instanceof vm.runInContext('EvalError', noStrings));
  }
}
console.log(vm.runInContext('1 + 1', noStrings), eval('2 + 2'));

const wasm = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const noWasm = vm.createContext({ wasm }, { codeGeneration: { wasm: false } });
try {
  vm.runInContext('new WebAssembly.Module(wasm)', noWasm);
} catch (err) {
  console.log(err.name, err.message);
}
console.log(new WebAssembly.Module(wasm) instanceof WebAssembly.Module);

const log = [];
const own = vm.createContext({ log }, { microtaskMode: 'afterEvaluate' });
vm.runInContext('Promise.resolve().then(() => log.push("inner microtask"))', own);
log.push('after runInContext');
const shared = vm.createContext({ log });
vm.runInContext('Promise.resolve().then(() => log.push("shared microtask"))', shared);
log.push('after shared runInContext');
queueMicrotask(() => console.log(log));
