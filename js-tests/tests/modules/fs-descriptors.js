'use strict';
// fs: fchmod, chown/lchown/fchown, lutimes/futimes, readv/writev (sync, callback, promisified,
// FileHandle), statfs, copyFile modes, and node's argument errors for them.
const fs = require('fs');
const path = require('path');
const os = require('os');
const { promisify } = require('util');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-fd-'));
const relative = (text) => String(text).split(dir).join('DIR');
const file = path.join(dir, 'a.txt');
const report = (label, err) => console.log(label, err.name, err.code, err.syscall, relative(err.message));
fs.writeFileSync(file, 'hello world');
const fd = fs.openSync(file, 'r+');

fs.fchmodSync(fd, 0o600);
console.log('fchmod', (fs.statSync(file).mode & 0o777).toString(8));
fs.fchmodSync(fd, '640');
console.log('fchmod octal string', (fs.statSync(file).mode & 0o777).toString(8));
const { uid, gid } = fs.statSync(file);
fs.chownSync(file, uid, gid);
fs.fchownSync(fd, -1, -1);
fs.symlinkSync(file, path.join(dir, 'link'));
fs.lchownSync(path.join(dir, 'link'), uid, gid);
fs.lutimesSync(path.join(dir, 'link'), 1000, 2000);
console.log('lutimes', fs.lstatSync(path.join(dir, 'link')).mtimeMs, fs.statSync(file).mtimeMs !== 2000000);
fs.futimesSync(fd, new Date(5000), '6');
console.log('futimes', fs.fstatSync(fd).atimeMs, fs.fstatSync(fd).mtimeMs);

console.log('writev', fs.writevSync(fd, [Buffer.from('ab'), new Uint8Array([99, 100])], 0));
const parts = [Buffer.alloc(3), Buffer.alloc(4)];
console.log('readv', fs.readvSync(fd, parts, 0), parts.map(String));

const statfs = fs.statfsSync(dir);
console.log('statfs', statfs.constructor.name, Object.keys(statfs).join(), typeof fs.statfsSync(dir, { bigint: true }).bsize);

for (const [label, call] of [
  ['fchmod bad fd', () => fs.fchmodSync(-1, 0o600)],
  ['fchmod bad mode', () => fs.fchmodSync(fd, 'x')],
  ['fchmod fractional fd', () => fs.fchmod(1.5, 0o600, () => {})],
  ['chown bad uid', () => fs.chownSync(file, -2, 0)],
  ['fchown bad gid before cb', () => fs.fchown(fd, 0, '')],
  ['utimes bad time', () => fs.utimesSync(file, NaN, 0)],
  ['readv not array', () => fs.readvSync(fd, 'x')],
  ['writev bad entry', () => fs.writevSync(fd, [1])],
  ['statfs bad path', () => fs.statfsSync(false)],
  ['copyFile force clone', () => fs.copyFileSync(file, path.join(dir, 'clone'), fs.constants.COPYFILE_FICLONE_FORCE)],
  ['copyFile excl', () => fs.copyFileSync(file, path.join(dir, 'link'), fs.constants.COPYFILE_EXCL)],
]) {
  try {
    call();
    console.log(label, 'no error');
  } catch (err) {
    report(label, err);
  }
}
fs.copyFileSync(file, path.join(dir, 'copy'), fs.constants.COPYFILE_FICLONE);
console.log('copyFile FICLONE', fs.readFileSync(path.join(dir, 'copy'), 'utf8'));

(async () => {
  const read = await promisify(fs.readv)(fd, [Buffer.alloc(5)], 0);
  console.log('promisified readv', read.bytesRead, String(read.buffers[0]));
  const written = await promisify(fs.write)(fd, Buffer.from('Z'), 0, 1, 0);
  console.log('promisified write', Object.keys(written).join(), written.bytesWritten);
  console.log('promisified exists', await promisify(fs.exists)(file), await promisify(fs.exists)(path.join(dir, 'none')));
  const handle = await fs.promises.open(file, 'r+');
  await handle.chmod(0o644);
  const vector = await handle.writev([Buffer.from('xy')], 0);
  await handle.utimes(100, 200);
  console.log('handle', (fs.statSync(file).mode & 0o777).toString(8), fs.statSync(file).mtimeMs, vector.bytesWritten, String(fs.readFileSync(file)));
  await handle.close();
  await handle.chmod(0o600).catch((err) => console.log('closed handle', err.code, err.syscall, err.message));
  const stats = await fs.promises.statfs(dir);
  console.log('promises.statfs', typeof stats.blocks);
  fs.statfs(dir, function (err, result) {
    console.log('statfs callback', err, typeof result.bfree, this);
    fs.close(fd, (...args) => {
      console.log('close callback', args);
      fs.rmSync(dir, { recursive: true });
    });
  });
})();
