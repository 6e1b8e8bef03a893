// Flags: --no-warnings
// WebAssembly modules imported as ES modules: imports bound to the modules they name,
// exports (functions, a global's value, names that are not identifiers), reserved names
// rejected, extensionless binaries in a "type": "module" package, and a .wasm main file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const bytes = (text) => [...Buffer.from(text)];
const named = (text) => [text.length, ...bytes(text)];
const section = (id, content) => [id, content.length, ...content];

// A module importing `base` (a function) from `importFrom`, exporting add, plusBase, the
// global `answer` (42) and the function add again as each of `extraExports`.
function wasmBinary(importFrom, extraExports = []) {
  const types = section(1, [3, 0x60, 0, 1, 0x7f, 0x60, 2, 0x7f, 0x7f, 1, 0x7f, 0x60, 1, 0x7f, 1, 0x7f]);
  const imports = section(2, [1, ...named(importFrom), ...named('base'), 0, 0]);
  const functions = section(3, [2, 1, 2]);
  const globals = section(6, [1, 0x7f, 0, 0x41, 42, 0x0b]);
  const exportEntries = [[...named('add'), 0, 1], [...named('plusBase'), 0, 2], [...named('answer'), 3, 0],
    ...extraExports.map((name) => [...named(name), 0, 1])];
  const exports = section(7, [exportEntries.length, ...exportEntries.flat()]);
  const add = [0, 0x20, 0, 0x20, 1, 0x6a, 0x0b];
  const plusBase = [0, 0x10, 0, 0x20, 0, 0x6a, 0x0b];
  const code = section(10, [2, add.length, ...add, plusBase.length, ...plusBase]);
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...functions, ...globals, ...exports, ...code]);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-wasm-'));
fs.writeFileSync(path.join(dir, 'dep.mjs'), 'export function base() { return 100; }\n');
fs.writeFileSync(path.join(dir, 'math.wasm'), wasmBinary('./dep.mjs', ['a"b', 'x y']));
fs.writeFileSync(path.join(dir, 'reserved.wasm'), wasmBinary('./dep.mjs', ['wasm:reserved']));
fs.writeFileSync(path.join(dir, 'reserved-import.wasm'), wasmBinary('wasm-js:thing'));
fs.writeFileSync(path.join(dir, 'broken.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
fs.mkdirSync(path.join(dir, 'pkg'));
fs.writeFileSync(path.join(dir, 'pkg', 'package.json'), '{ "type": "module" }');
fs.writeFileSync(path.join(dir, 'pkg', 'noext'), wasmBinary('../dep.mjs'));

const math = await import(pathToFileURL(path.join(dir, 'math.wasm')));
console.log(Object.keys(math), math[Symbol.toStringTag]);
console.log(math.add(2, 3), math.plusBase(5), math.answer, math['a"b'](1, 1), math['x y'](4, 4));
const again = await import(pathToFileURL(path.join(dir, 'math.wasm')));
console.log('same namespace', again === math);
const noext = await import(pathToFileURL(path.join(dir, 'pkg', 'noext')));
console.log('extensionless', noext.plusBase(1));

for (const name of ['reserved.wasm', 'reserved-import.wasm', 'broken.wasm']) {
  try {
    await import(pathToFileURL(path.join(dir, name)));
  } catch (err) {
    console.log(name, err.constructor.name, err.message.replace(dir, '<dir>').replace(pathToFileURL(dir).href, '<url>'));
  }
}

// As the main module; its instantiation warns once, as an experimental feature.
fs.writeFileSync(path.join(dir, 'main.mjs'), "import { plusBase } from './math.wasm';\nconsole.log('main', plusBase(2));\n");
const child = spawnSync(process.execPath, [path.join(dir, 'main.mjs')], { encoding: 'utf8' });
console.log(child.status, child.stdout.trim(), child.stderr.match(/ExperimentalWarning: .*/)?.[0]);
const wasmMain = spawnSync(process.execPath, [path.join(dir, 'math.wasm')], { encoding: 'utf8' });
console.log('wasm main', wasmMain.status, JSON.stringify(wasmMain.stdout));
fs.rmSync(dir, { recursive: true });
