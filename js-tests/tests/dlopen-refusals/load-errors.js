// Files process.dlopen cannot load give node's ERR_DLOPEN_FAILED (an Error, naming the
// file), and the process goes on: wrong machine, wrong ELF class, short files, a
// directory, text, an empty file, a library that registers nothing.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { addonPath, log } = require('../../common');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlopen-refusals-'));
const addon = fs.readFileSync(addonPath('hello'));
function write(name, bytes) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
function patched(offset, bytes) {
  const copy = Buffer.from(addon);
  copy.set(bytes, offset);
  return copy;
}

function attempt(label, file) {
  try {
    const module = { exports: {} };
    process.dlopen(module, file);
    log(label, 'loaded', Object.keys(module.exports));
  } catch (err) {
    const message = err.message.replaceAll(dir, '<dir>').replaceAll(path.dirname(addonPath('no_register')), '<build>');
    log(label, err.constructor.name, err instanceof Error, err.code, '|', message);
  }
}

attempt('aarch64', write('aarch64.node', patched(18, [0xb7, 0x00])));
attempt('32-bit', write('class32.node', patched(4, [1])));
attempt('big-endian', write('msb.node', patched(5, [2])));
attempt('header only', write('header.node', addon.subarray(0, 40)));
attempt('program headers cut', write('phdrs.node', addon.subarray(0, 100)));
attempt('empty', write('empty.node', Buffer.alloc(0)));
attempt('text', write('text.node', 'module.exports = 1;\n'.repeat(10)));
fs.mkdirSync(path.join(dir, 'dir.node'));
attempt('directory', path.join(dir, 'dir.node'));
attempt('missing', path.join(dir, 'missing.node'));
attempt('no registration', addonPath('no_register'));
// Unreadable: root reads it anyway, others get EACCES from dlopen; both runtimes alike.
fs.chmodSync(write('unreadable.node', addon), 0o000);
attempt('unreadable', path.join(dir, 'unreadable.node'));

fs.rmSync(dir, { recursive: true, force: true });
