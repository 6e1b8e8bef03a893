// Resolution errors of the ES module loader: invalid package names, a directory or missing
// file (their `url` an own property even when Object.prototype has a `url` accessor), and a
// package.json that is not JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

Object.defineProperty(Object.prototype, 'url', {
  get() { throw new Error('Object.prototype.url read'); },
  set() { throw new Error('Object.prototype.url set'); },
  configurable: true,
});
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'anode-esm-errors-')));
const clean = (text) => text.replaceAll(pathToFileURL(dir).href, '<url>').replaceAll(dir, '<dir>').replaceAll(import.meta.filename, '<self>');
async function show(specifier) {
  try {
    await import(specifier);
    console.log(specifier, 'loaded');
  } catch (err) {
    console.log(err.name, err.code, clean(err.message), Object.hasOwn(err, 'url') ? clean(err.url) : '-');
  }
}

for (const specifier of ['as%2Ff', 'as\\df', '@as@df', '@scope', '.hidden-ish/x']) await show(specifier);
fs.mkdirSync(path.join(dir, 'folder'));
fs.writeFileSync(path.join(dir, 'folder', 'index.js'), 'export default 1;');
await show(pathToFileURL(path.join(dir, 'folder')).href);
await show(pathToFileURL(path.join(dir, 'missing.mjs')).href);
fs.mkdirSync(path.join(dir, 'node_modules/broken'), { recursive: true });
fs.writeFileSync(path.join(dir, 'node_modules/broken/package.json'), '{ "exports": ');
fs.writeFileSync(path.join(dir, 'entry.mjs'), "import 'broken';\n");
await show(pathToFileURL(path.join(dir, 'entry.mjs')).href);
delete Object.prototype.url;
fs.rmSync(dir, { recursive: true });
