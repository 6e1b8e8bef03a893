'use strict';
// fs.opendir/opendirSync/promises.opendir: Dir reads (sync, callback, promise, async
// iteration), bufferSize batches, recursive listing, and node's errors.
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-dir-'));
for (const name of ['a', 'b', 'c']) fs.writeFileSync(path.join(dir, name), name);
fs.mkdirSync(path.join(dir, 'sub'));
fs.writeFileSync(path.join(dir, 'sub', 'd'), 'd');
const relative = (text) => String(text).split(dir).join('DIR');
const report = (label, err) => console.log(label, err.name, err.code, relative(err.message));

const sync = fs.opendirSync(dir, { bufferSize: 1 });
const names = [];
for (let entry = sync.readSync(); entry !== null; entry = sync.readSync()) {
  names.push(`${entry.name}:${entry.isDirectory() ? 'dir' : 'file'}:${relative(entry.parentPath)}`);
}
console.log('readSync', names.sort(), relative(sync.path));
sync.closeSync();
try {
  sync.readSync();
} catch (err) {
  report('read after close', err);
}

const recursive = fs.opendirSync(dir, { recursive: true });
const all = [];
for (let entry = recursive.readSync(); entry !== null; entry = recursive.readSync()) {
  all.push(relative(path.join(entry.parentPath, entry.name)));
}
recursive.closeSync();
console.log('recursive', all.sort());

for (const bufferSize of [0, 1.5, '1', null]) {
  try {
    fs.opendirSync(dir, { bufferSize });
  } catch (err) {
    report(`bufferSize ${bufferSize}`, err);
  }
}
try {
  fs.opendirSync(path.join(dir, 'a'));
} catch (err) {
  report('opendir of a file', err);
}
try {
  new fs.Dir();
} catch (err) {
  report('Dir without handle', err);
}

fs.opendir(dir, (err, handle) => {
  handle.read((err2, entry) => {
    console.log('callback read', typeof entry.name);
    try {
      handle.closeSync();
    } catch (err3) {
      report('closeSync in a read callback', err3);
    }
    (async () => {
      const promised = await fs.promises.opendir(dir);
      const pending = promised.read();
      try {
        promised.readSync();
      } catch (err4) {
        report('readSync while reading', err4);
      }
      await pending;
      const seen = [];
      for await (const entry2 of promised) seen.push(entry2.name);
      console.log('async iteration rest', seen.length);
      await promised.close().catch((err5) => report('close after iteration', err5));
      fs.rmSync(dir, { recursive: true });
    })();
  });
});
