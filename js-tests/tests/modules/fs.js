'use strict';
// fs: the sync, callback and promise forms of each operation, and node's errors.
const fs = require('fs');
const path = require('path');
const os = require('os');
const { promisify } = require('util');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-fs-'));
const relative = (text) => String(text).split(dir).join('DIR');
const file = path.join(dir, 'a.txt');
const report = (label, err) => console.log(label, err.code, err.errno, err.syscall, relative(err.message), relative(err.path), relative(err.dest));

fs.writeFileSync(file, 'hello');
fs.appendFileSync(file, ' world');
const stats = fs.statSync(file);
console.log(fs.readFileSync(file, 'utf8'), stats.size, stats.isFile(), stats.isDirectory(), Object.keys(stats).join());
console.log(fs.existsSync(file), fs.existsSync(path.join(dir, 'none')), fs.statSync(path.join(dir, 'none'), { throwIfNoEntry: false }));
for (const [label, call] of [
  ['readFileSync missing', () => fs.readFileSync(path.join(dir, 'none'))],
  ['renameSync missing', () => fs.renameSync(path.join(dir, 'none'), path.join(dir, 'b'))],
  ['mkdirSync exists', () => fs.mkdirSync(dir)],
  ['rmdirSync file', () => fs.rmdirSync(file)],
  ['readdirSync file', () => fs.readdirSync(file)],
  ['closeSync bad fd', () => fs.closeSync(9999)],
  ['rmSync directory', () => fs.rmSync(dir)],
]) {
  try { call(); } catch (err) { report(label, err); }
}
for (const [label, call] of [
  ['no callback', () => fs.readFile(file)],
  ['options as callback', () => fs.readFile(file, 'utf8')],
  ['bad path type', () => fs.statSync(42)],
  ['bad flag', () => fs.openSync(file, 'q')],
]) {
  try { call(); } catch (err) { console.log(label, err.name, err.code, err.message); }
}

console.log(fs.mkdirSync(path.join(dir, 'x/y/z'), { recursive: true }) === path.join(dir, 'x'));
fs.writeFileSync(path.join(dir, 'x/y/z/f'), '1');
console.log(fs.readdirSync(dir, { recursive: true }));
console.log(fs.readdirSync(dir, { withFileTypes: true }).map((d) => [d.name, d.isFile(), d.isDirectory(), relative(d.parentPath)]));
const fd = fs.openSync(file, 'r+');
const buffer = Buffer.alloc(5);
console.log('readSync', fs.readSync(fd, buffer, 0, 5, 0), buffer.toString());
console.log('writeSync', fs.writeSync(fd, 'HE', 0), fs.fstatSync(fd).size);
fs.closeSync(fd);

fs.readFile(file, 'utf8', (err, text) => {
  console.log('readFile', err, text);
  fs.readFile(path.join(dir, 'none'), (err) => {
    report('readFile missing', err);
    console.log('async error stack has no frames', err.stack === `Error: ${err.message}`);
    fs.stat(dir, (err, st) => {
      console.log('stat', err, st.isDirectory());
      fs.open(file, 'r', (err, fd2) => {
        const target = Buffer.alloc(4);
        fs.read(fd2, target, 0, 4, 1, (err, bytesRead, same) => {
          console.log('read', err, bytesRead, same === target, target.toString());
          fs.close(fd2, (err) => {
            console.log('close', err);
            fs.exists(file, (exists) => {
              console.log('exists', exists);
              promisesPart();
            });
          });
        });
      });
    });
  });
});

async function promisesPart() {
  const p = fs.promises;
  console.log(p === require('fs/promises'), p === require('node:fs/promises'));
  const handle = await p.open(file, 'r');
  const { bytesRead, buffer: got } = await handle.read(Buffer.alloc(3), 0, 3, 0);
  console.log('handle', bytesRead, got.toString(), (await handle.stat()).size, (await handle.readFile('utf8')));
  await handle.close();
  await p.mkdir(path.join(dir, 'p'));
  await p.writeFile(path.join(dir, 'p/q'), 'data');
  await p.appendFile(path.join(dir, 'p/q'), '+more');
  console.log(await p.readdir(path.join(dir, 'p')), await p.readFile(path.join(dir, 'p/q'), 'utf8'));
  await p.copyFile(path.join(dir, 'p/q'), path.join(dir, 'p/r'));
  await p.copyFile(path.join(dir, 'p/q'), path.join(dir, 'p/r'), fs.constants.COPYFILE_EXCL).catch((err) => report('copyFile excl', err));
  await p.rename(path.join(dir, 'p/r'), path.join(dir, 'p/s'));
  await p.access(path.join(dir, 'p/s'));
  await p.symlink(file, path.join(dir, 'link'));
  console.log((await p.readlink(path.join(dir, 'link'))) === file, (await p.lstat(path.join(dir, 'link'))).isSymbolicLink());
  console.log((await p.realpath(path.join(dir, 'link'))) === fs.realpathSync(file));
  await p.chmod(path.join(dir, 'p/s'), 0o600);
  console.log(((await p.stat(path.join(dir, 'p/s'))).mode & 0o777).toString(8));
  await p.truncate(path.join(dir, 'p/s'), 2);
  console.log(await p.readFile(path.join(dir, 'p/s'), 'utf8'));
  await p.stat(path.join(dir, 'none')).catch((err) => report('promise stat missing', err));
  await p.rm(path.join(dir, 'p'), { recursive: true });
  await p.rm(path.join(dir, 'none'), { force: true });
  await p.rm(path.join(dir, 'none')).catch((err) => report('rm missing', err));
  console.log(fs.existsSync(path.join(dir, 'p')), await promisify(fs.readFile)(file, 'utf8'));
  fs.rmSync(dir, { recursive: true });
  console.log('removed', !fs.existsSync(dir));
}
