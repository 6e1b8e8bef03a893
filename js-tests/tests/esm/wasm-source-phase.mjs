// Flags: --no-warnings --experimental-vm-modules
// WebAssembly source phase imports: `import source` and import.source() give the compiled
// WebAssembly.Module (one per module, whichever way it is asked for) without loading what it
// imports or running it; a later import() of the same file links and runs it. Modules with
// no source object (JavaScript, JSON, CommonJS, builtins, vm modules) refuse with
// ERR_SOURCE_PHASE_NOT_DEFINED.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';

const bytes = (text) => [...Buffer.from(text)];
const named = (text) => [text.length, ...bytes(text)];
const section = (id, content) => [id, content.length, ...content];

// A module importing `base` (a function) from `importFrom` and exporting plusBase(x) = base() + x.
function wasmBinary(importFrom) {
  const types = section(1, [2, 0x60, 0, 1, 0x7f, 0x60, 1, 0x7f, 1, 0x7f]);
  const imports = section(2, [1, ...named(importFrom), ...named('base'), 0, 0]);
  const functions = section(3, [1, 1]);
  const exports = section(7, [1, ...named('plusBase'), 0, 1]);
  const plusBase = [0, 0x10, 0, 0x20, 0, 0x6a, 0x0b];
  const code = section(10, [1, plusBase.length, ...plusBase]);
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...functions, ...exports, ...code]);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-wasm-source-'));
const file = (name) => pathToFileURL(path.join(dir, name)).href;
fs.writeFileSync(path.join(dir, 'dep.mjs'), 'console.log("dep runs");\nexport function base() { return 100; }\n');
fs.writeFileSync(path.join(dir, 'math.wasm'), wasmBinary('./dep.mjs'));
fs.writeFileSync(path.join(dir, 'orphan.wasm'), wasmBinary('./missing.mjs'));
fs.writeFileSync(path.join(dir, 'static.mjs'), "import source math from './math.wasm';\nexport { math };\n");
fs.writeFileSync(path.join(dir, 'plain.mjs'), 'export const x = 1;\n');
fs.writeFileSync(path.join(dir, 'data.json'), '{ "a": 1 }\n');
fs.writeFileSync(path.join(dir, 'common.cjs'), 'module.exports = 1;\n');

const fromDynamic = await import.source(file('math.wasm'));
console.log('module', fromDynamic instanceof WebAssembly.Module, Object.prototype.toString.call(fromDynamic));
console.log('exports', WebAssembly.Module.exports(fromDynamic), 'imports', WebAssembly.Module.imports(fromDynamic));
const { math: fromStatic } = await import(file('static.mjs'));
console.log('one source object', fromStatic === fromDynamic, fromStatic === await import.source(file('math.wasm')));

// Nothing a source import names is loaded: a missing import does not matter until it is run.
const orphan = await import.source(file('orphan.wasm'));
console.log('orphan', orphan instanceof WebAssembly.Module);
await import(file('orphan.wasm')).then(() => console.log('orphan ran'), (err) => console.log('orphan run', err.code));

// The source object instantiates by hand; the module imported to run links its imports.
const instance = new WebAssembly.Instance(fromDynamic, { './dep.mjs': { base: () => 1 } });
console.log('by hand', instance.exports.plusBase(2));
const ran = await import(file('math.wasm'));
console.log('ran', ran.plusBase(2));

for (const name of ['plain.mjs', 'data.json', 'common.cjs', 'node:fs']) {
  const url = name.startsWith('node:') ? name : file(name);
  await import.source(url).then(() => console.log(name, 'gave a source'), (err) => {
    console.log(name, err instanceof SyntaxError, err.code, err.message === `Source phase import object is not defined for module '${url}'`);
  });
}

const requester = new vm.SourceTextModule('import source x from "y";', { identifier: 'requester' });
console.log('requests', requester.moduleRequests.map(({ specifier, phase }) => `${specifier}:${phase}`));
const target = new vm.SyntheticModule(['p'], () => {}, { identifier: 'synthetic' });
try {
  await requester.link(() => target);
  await requester.evaluate();
  console.log('vm source import linked');
} catch (err) {
  console.log('vm', err instanceof SyntaxError, err.code, err.message);
}
fs.rmSync(dir, { recursive: true, force: true });
