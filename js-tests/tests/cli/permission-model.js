// The permission model (--permission): how granted paths match (directories, a trailing `/`,
// `*` patterns, files and paths that do not exist yet, relative grants, `..`), has()'s
// arguments, the errors of refused file-system calls in each form, the start-up warnings,
// path grants without --permission, and what a child process inherits.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'permission-model-'));
fs.mkdirSync(path.join(root, 'dir', 'sub'), { recursive: true });
fs.writeFileSync(path.join(root, 'dir', 'file'), 'in dir');
fs.writeFileSync(path.join(root, 'file'), 'top');
const env = cleanEnv({ ROOT: root });
// Every program runs in ROOT (a fresh directory): grants are relative to it, and so are the
// paths printed.
const inRoot = { env, cwd: root };

// has('fs.read', p) for each p given (relative to ROOT), printed one a line.
const hasEach = (...paths) => `for (const p of ${JSON.stringify(paths)}) ` +
  'console.log(p, process.permission.has("fs.read", require("path").join(process.env.ROOT, p)))';
const grant = (p) => `--allow-fs-read=${p}`;

run(['--permission', grant('dir'), '-e', hasEach('dir', 'dir/', 'dir/file', 'dir/sub/x', 'dirx', '', 'dir/../file', 'dir/sub/..')], inRoot);
run(['--permission', grant('dir/'), '-e', hasEach('dir', 'dir/file', 'dirx')], inRoot);
run(['--permission', grant('di*'), '-e', hasEach('dir', 'dir/file', 'dix', '')], inRoot);
run(['--permission', grant('file'), '-e', hasEach('file', 'file/x', 'filex', '')], inRoot);
run(['--permission', grant('later'), '-e', hasEach('later', 'later/x', 'lat')], inRoot);
run(['--permission', grant('dir/sub'), grant('file'), '-e', hasEach('dir/sub/a', 'file', 'dir/file')], inRoot);
run(['--permission', '--allow-fs-read=dir', '-e', 'console.log(process.permission.has("fs.read", "dir/file"), process.permission.has("fs.read", "file"))'], inRoot);

// Scopes and arguments.
run(['--permission', '--allow-fs-read=*', '--allow-fs-write=*', '-e', `
  for (const scope of ['fs', 'fs.read', 'fs.write', 'child', 'worker', 'inspector', 'wasi', 'addon', 'net', 'FileSystemRead', ''])
    console.log(JSON.stringify(scope), process.permission.has(scope));
  for (const bad of [[1], ['fs', 1], ['fs', {}]]) {
    try { process.permission.has(...bad); } catch (e) { console.log(e.name, e.code, e.message); }
  }
  console.log(Object.isFrozen(process.permission), Object.keys(process.permission), Object.isFrozen(require('path')));
`], inRoot);
run(['-e', 'console.log(process.permission, "permission" in process)'], inRoot);

// Refused file-system calls: thrown, passed to the callback, or rejected, as node does each.
run(['--permission', '--allow-fs-read=*', '-e', `
  const fs = require('fs');
  const target = require('path').join(process.env.ROOT, 'file');
  const relative = (resource) => resource && require('path').relative(process.env.ROOT, resource);
  const show = (name) => (e) => console.log(name, e?.constructor.name, e?.code, e?.permission, JSON.stringify(relative(e?.resource)), e?.message);
  for (const [name, call] of Object.entries({
    writeFileSync: () => fs.writeFileSync(target, 'x'),
    mkdirSync: () => fs.mkdirSync(target + '-new'),
    mkdtempSync: () => fs.mkdtempSync(target),
    fchmodSync: () => fs.fchmodSync(fs.openSync(target, 'r'), 0o644),
    fsyncSync: () => fs.fsyncSync(fs.openSync(target, 'r')),
    symlinkSync: () => fs.symlinkSync(target, target + '-link'),
    renameSync: () => fs.renameSync(target, target + '-moved'),
    openRdwr: () => fs.openSync(target, 'r+'),
    existsSync: () => console.log('exists', fs.existsSync(target)),
    chmod: () => fs.chmod(target, 0o600, () => console.log('chmod callback')),
    utimes: () => fs.utimes(target, 1, 1, () => console.log('utimes callback')),
  })) {
    try { call(); } catch (e) { show(name)(e); }
  }
  fs.unlink(target, (e) => {
    show('unlink callback')(e);
    fs.promises.writeFile(target, 'x').catch(show('promises.writeFile')).then(() => {
      fs.copyFile(target, target + '-copy', show('copyFile callback'));
    });
  });
`], inRoot);

// Warnings, a comma list, and path grants without --permission.
run(['--permission', '--allow-child-process', '--allow-worker', '--allow-addons', '-e', '0'], inRoot);
run(['--permission', '--allow-fs-read=/a,/b', '-e', 'console.log(process.permission.has("fs.read", "/a"))'], inRoot);
run(['--allow-fs-write=/tmp', '-e', '0'], inRoot);
run(['--allow-child-process', '-e', 'console.log(process.permission)'], inRoot);

// Denied child processes and workers; what a child inherits.
run(['--permission', '--allow-fs-read=*', '-e', `
  try { require('child_process').spawnSync('true'); } catch (e) { console.log(e.code, e.permission, e.resource); }
  try { new (require('worker_threads').Worker)('0', { eval: true }); } catch (e) { console.log(e.code, e.permission, JSON.stringify(e.resource)); }
`], inRoot);
const childReport = 'console.log(["fs.read", "fs.write", "child", "worker"].map((s) => process.permission?.has(s)).join(" "))';
run(['--permission', '--allow-fs-read=*', '--allow-child-process', '-e', `
  const { execFileSync } = require('child_process');
  const report = ${JSON.stringify(childReport)};
  process.stdout.write(execFileSync(process.execPath, ['-e', report]));
  process.stdout.write(execFileSync(process.execPath, ['--permission', '--allow-fs-write=*', '-e', report]));
  process.stdout.write(execFileSync(process.execPath, ['-e', report], { env: { ...process.env, NODE_OPTIONS: '--title=--permission' } }));
  process.stdout.write(execFileSync(process.execPath, ['-e', report], { env: { ...process.env, NODE_OPTIONS: '--permission --allow-worker' } }));
  console.log(process.env.NODE_OPTIONS);
`], inRoot);

fs.rmSync(root, { recursive: true, force: true });
