'use strict';
// fs.cp / cpSync / promises.cp over a small tree (files, a nested directory, a relative
// symlink), their filter and options, and node's ERR_FS_CP_* errors.
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-cp-'));
const relative = (text) => String(text).split(dir).join('DIR');
const src = path.join(dir, 'src');
fs.mkdirSync(path.join(src, 'nested', 'deeper'), { recursive: true });
fs.writeFileSync(path.join(src, 'a.txt'), 'alpha');
fs.writeFileSync(path.join(src, 'nested', 'b.js'), 'beta');
fs.writeFileSync(path.join(src, 'nested', 'deeper', 'c.txt'), 'gamma');
fs.chmodSync(path.join(src, 'a.txt'), 0o640);
fs.symlinkSync('a.txt', path.join(src, 'link'));

function tree(root) {
  return fs.readdirSync(root, { recursive: true }).sort().map((name) => {
    const at = path.join(root, name);
    const stat = fs.lstatSync(at);
    if (stat.isSymbolicLink()) return `${name} -> ${relative(fs.readlinkSync(at))}`;
    if (stat.isDirectory()) return `${name}/`;
    return `${name} ${fs.readFileSync(at, 'utf8')} ${(stat.mode & 0o777).toString(8)}`;
  }).join(', ');
}

const report = (label, err) => console.log(label, err.name, err.code, err.errno, err.syscall, relative(err.message), relative(err.path));

// Sync: the whole tree, links made absolute.
fs.cpSync(src, path.join(dir, 'sync'), { recursive: true });
console.log('cpSync', tree(path.join(dir, 'sync')));
// verbatimSymlinks keeps the link's text; a filter skips entries.
fs.cpSync(src, path.join(dir, 'filtered'), { recursive: true, verbatimSymlinks: true, filter: (from) => !from.endsWith('.js') });
console.log('filtered', tree(path.join(dir, 'filtered')));
// A file into a missing parent directory.
fs.cpSync(path.join(src, 'a.txt'), path.join(dir, 'made', 'parent', 'a.txt'));
console.log('file', tree(path.join(dir, 'made')));

for (const [label, call] of [
  ['directory without recursive', () => fs.cpSync(src, path.join(dir, 'x'))],
  ['same path', () => fs.cpSync(src, src, { recursive: true })],
  ['into itself', () => fs.cpSync(src, path.join(src, 'nested', 'copy'), { recursive: true })],
  ['dir over file', () => fs.cpSync(src, path.join(dir, 'made', 'parent', 'a.txt'), { recursive: true })],
  ['file over dir', () => fs.cpSync(path.join(src, 'a.txt'), path.join(dir, 'sync'))],
  ['errorOnExist', () => fs.cpSync(path.join(src, 'a.txt'), path.join(dir, 'sync', 'a.txt'), { force: false, errorOnExist: true })],
  ['missing source', () => fs.cpSync(path.join(dir, 'none'), path.join(dir, 'y'))],
  ['bad options', () => fs.cpSync(src, 'x', 'recursive')],
  ['bad boolean', () => fs.cpSync(src, 'x', { force: 1 })],
  ['bad mode', () => fs.cpSync(src, 'x', { mode: 8 })],
  ['incompatible', () => fs.cpSync(src, 'x', { dereference: true, verbatimSymlinks: true })],
  ['async filter in cpSync', () => fs.cpSync(src, 'x', { filter: async () => true })],
  ['no callback', () => fs.cp(src, 'x', {})],
]) {
  try {
    call();
    console.log(label, 'no error');
  } catch (err) {
    report(label, err);
  }
}

// force: false without errorOnExist leaves the existing file alone.
fs.writeFileSync(path.join(dir, 'sync', 'a.txt'), 'changed');
fs.cpSync(path.join(src, 'a.txt'), path.join(dir, 'sync', 'a.txt'), { force: false });
console.log('kept', fs.readFileSync(path.join(dir, 'sync', 'a.txt'), 'utf8'));

fs.cp(src, path.join(dir, 'callback'), { recursive: true }, (err, ...rest) => {
  console.log('cp callback', err, rest.length, tree(path.join(dir, 'callback')));
  fs.cp(src, path.join(dir, 'callback'), { recursive: true, force: false, errorOnExist: true }, async (err) => {
    report('cp exists', err);
    const timed = path.join(dir, 'timed');
    fs.utimesSync(path.join(src, 'a.txt'), 1000, 2000);
    await fs.promises.cp(src, timed, { recursive: true, preserveTimestamps: true, filter: async (from) => !from.includes('deeper') });
    console.log('promises.cp', tree(timed), fs.statSync(path.join(timed, 'a.txt')).mtimeMs);
    await fs.promises.cp(src, 'x', () => {}).catch((error) => report('promises bad options', error));
    await fs.promises.cp(path.join(src, 'nested'), path.join(src, 'nested', 'inner'), { recursive: true })
      .catch((error) => report('promises into itself', error));
    fs.rmSync(dir, { recursive: true });
  });
});
