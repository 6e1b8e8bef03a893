// A Buffer path whose bytes are not UTF-8 names the file by those bytes (as the OS takes
// them): open, stat, exists, rename, readdir (as buffers and latin1, with entries' parentPath
// the Buffer given), unlink, mkdir and rmdir.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buffer-paths-'));
const bytes = (name) => Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(name, 'latin1')]);
const file = bytes('caf\xe9.txt');
const renamed = bytes('\xff\xfe');
const folder = bytes('dir-\xe0');

fs.writeFileSync(file, 'contents');
console.log(fs.statSync(file).size, fs.readFileSync(file, 'utf8'), fs.existsSync(file));
console.log(fs.readdirSync(dir, 'buffer').map((name) => name.toString('hex')));
fs.renameSync(file, renamed);
console.log(fs.readdirSync(dir, 'latin1'), fs.existsSync(file));
fs.mkdirSync(folder);
console.log(fs.readdirSync(dir, { encoding: 'buffer', withFileTypes: true }).map((entry) => [entry.name.toString('hex'), entry.isDirectory()]).sort());
console.log(Buffer.isBuffer(fs.readdirSync(Buffer.from(dir), { withFileTypes: true })[0].parentPath));
fs.rmdirSync(folder);
fs.unlinkSync(renamed);
fs.promises.writeFile(file, 'async').then(async () => {
  console.log((await fs.promises.readFile(file)).toString(), (await fs.promises.readdir(dir, 'latin1')));
  await fs.promises.unlink(file);
  fs.rmdirSync(dir);
  console.log(fs.existsSync(dir));
});
