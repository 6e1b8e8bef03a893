// fs.write/writeSync with a buffer: offset and length checked as node checks them (before any
// byte is written), in both forms, and a length past 2 GiB refused without touching the data.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fs-write-args-')), 'out.txt');
const fd = fs.openSync(file, 'w');
const buffer = Buffer.from('hello world');
const cases = [[0, 5], [2], [-1], [1.5], ['1'], [20], [0, 20], [0, -1], [3, 9], [{ offset: 1, length: 2 }],
  [null, null, 0], [undefined, 4], [0, 2 ** 31], [0, 2.5]];
for (const args of cases) {
  try {
    console.log('writeSync', fs.writeSync(fd, buffer, ...args));
  } catch (err) {
    console.log('writeSync', err.name, err.code, err.message);
  }
  try {
    fs.write(fd, buffer, ...args, () => {});
    console.log('write queued');
  } catch (err) {
    console.log('write', err.name, err.code, err.message);
  }
}
const large = new Uint8Array(new ArrayBuffer(8), 0, 8);
try {
  fs.writeSync(fd, large, 0, 2 ** 31);
} catch (err) {
  console.log(err.code, err.message);
}
fs.fsync(fd, () => {
  fs.closeSync(fd);
  console.log(JSON.stringify(fs.readFileSync(file, 'latin1').length > 0));
  fs.rmSync(path.dirname(file), { recursive: true });
});
