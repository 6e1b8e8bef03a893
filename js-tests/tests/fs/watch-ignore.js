'use strict';
// fs.watch's ignore option: globs, RegExps, functions and arrays of them, and its errors.
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-ignore-'));
for (const ignore of [123, '', [123], ['']]) {
  try {
    fs.watch(dir, { ignore });
  } catch (err) {
    console.log(JSON.stringify(ignore), err.name, err.code, err.message);
  }
}
const seen = new Set();
const watcher = fs.watch(dir, { ignore: ['*.log', /\.tmp$/, (name) => name.startsWith('.')] }, (event, name) => {
  seen.add(name);
  if (name === 'done.txt') {
    watcher.close();
    console.log('events for', [...seen].sort());
    fs.rmSync(dir, { recursive: true });
  }
});
for (const name of ['a.log', 'b.tmp', '.hidden', 'kept.js']) fs.writeFileSync(path.join(dir, name), 'x');
setTimeout(() => fs.writeFileSync(path.join(dir, 'done.txt'), 'x'), 100);
