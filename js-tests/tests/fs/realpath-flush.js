'use strict';
// realpath's JS walk beside realpath.native (errors naming lstat or realpath, links through
// directories, encodings), writeFile/appendFile's `flush` going through fs.fsync/fsyncSync,
// readFile given a signal, and the promise forms' errors with the awaiting functions in
// their stacks.
const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-realpath-'));
const real = fs.realpathSync(dir);
fs.mkdirSync(path.join(dir, 'target'));
fs.writeFileSync(path.join(dir, 'target', 'file'), 'content');
fs.symlinkSync('target', path.join(dir, 'link'));
fs.symlinkSync(path.join(dir, 'link', 'file'), path.join(dir, 'file-link'));

const shown = (value) => (typeof value === 'string' ? value.replace(real, '<dir>').replace(dir, '<dir>') : value);
const report = (label, fn) => {
  try {
    console.log(label, shown(fn()));
  } catch (err) {
    console.log(label, err.code, err.syscall, shown(err.message));
  }
};

report('walk', () => fs.realpathSync(path.join(dir, 'file-link')));
report('native', () => fs.realpathSync.native(path.join(dir, 'file-link')));
report('hex', () => Buffer.from(fs.realpathSync(path.join(dir, 'link'), 'hex'), 'hex').toString().replace(real, '<dir>'));
report('buffer', () => Buffer.isBuffer(fs.realpathSync(dir, { encoding: 'buffer' })));
report('missing walk', () => fs.realpathSync(path.join(dir, 'missing', 'deeper')));
report('missing native', () => fs.realpathSync.native(path.join(dir, 'missing', 'deeper')));
report('readdir hex', () => fs.readdirSync(dir, 'hex').map((name) => Buffer.from(name, 'hex').toString()).join(','));

const calls = [];
const originalSync = fs.fsyncSync;
fs.fsyncSync = (fd) => {
  calls.push(`fsyncSync(${typeof fd})`);
  return originalSync(fd);
};
fs.writeFileSync(path.join(dir, 'flushed'), 'a', { flush: true });
fs.appendFileSync(path.join(dir, 'flushed'), 'b', { flush: true });
fs.writeFileSync(path.join(dir, 'flushed-not'), 'c', { flush: false });
fs.fsyncSync = originalSync;
console.log(calls, fs.readFileSync(path.join(dir, 'flushed'), 'utf8'));
for (const flush of ['yes', 1, null]) {
  report(`flush ${String(flush)}`, () => fs.writeFileSync(path.join(dir, 'flush-check'), 'x', { flush }));
}

fs.realpath(path.join(dir, 'missing'), (err) => {
  console.log('callback walk', err.code, err.syscall);
  const original = fs.fsync;
  fs.fsync = (fd, callback) => {
    console.log('fsync', typeof fd, typeof callback);
    original(fd, callback);
  };
  fs.appendFile(path.join(dir, 'flushed'), 'c', { flush: true }, (error) => {
    fs.fsync = original;
    console.log('appended', error, fs.readFileSync(path.join(dir, 'flushed'), 'utf8'));
    promised();
  });
});

async function promised() {
  try {
    await fs.promises.access(path.join(dir, 'missing'));
  } catch (err) {
    console.log('awaiting function in the stack', /\n {4}at async promised /.test(err.stack));
  }
  const controller = new AbortController();
  controller.abort();
  await fs.promises.readFile(path.join(dir, 'target', 'file'), { signal: controller.signal }).catch((err) => console.log(err.name));
  console.log(await fs.promises.readFile(path.join(dir, 'target', 'file'), { signal: new AbortController().signal, encoding: 'utf8' }));
  await fs.promises.writeFile(path.join(dir, 'flushed'), 'd', { flush: true });
  await fs.promises.writeFile(path.join(dir, 'flushed'), 'e', { flush: 'no' }).catch((err) => console.log(err.code));
  console.log(fs.readFileSync(path.join(dir, 'flushed'), 'utf8'));
  fs.rmSync(dir, { recursive: true });
}
