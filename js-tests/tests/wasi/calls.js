// wasi: the system calls called from JS on a memory of our own — node's argument checks (EINVAL),
// bounds (EOVERFLOW), errno values, rights, and paths confined to a preopened directory.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { WASI } = require('wasi');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wasi-calls-'));
fs.mkdirSync(path.join(dir, 'sub'));
fs.writeFileSync(path.join(dir, 'target.txt'), 'hello');
fs.symlinkSync('target.txt', path.join(dir, 'link'));
fs.symlinkSync('../../outside', path.join(dir, 'sub', 'escape'));
fs.symlinkSync('/s/target.txt', path.join(dir, 'guest-absolute'));
fs.symlinkSync('loop2', path.join(dir, 'loop1'));
fs.symlinkSync('loop1', path.join(dir, 'loop2'));

const wasi = new WASI({ version: 'preview1', args: ['a', 'bc'], env: { X: 'y', U: undefined }, preopens: { '/s': dir } });
const memory = new WebAssembly.Memory({ initial: 1 });
wasi.finalizeBindings({ exports: {} }, { memory });
const calls = wasi.wasiImport;
const bytes = new Uint8Array(memory.buffer);
const view = new DataView(memory.buffer);
const at = (offset, length) => Array.from(bytes.subarray(offset, offset + length)).join(',');
function put(offset, text) {
  bytes.fill(0, offset, offset + 64);
  bytes.set(Buffer.from(text), offset);
  return Buffer.byteLength(text);
}

console.log('keys', Object.keys(calls).length, Object.keys(wasi.getImportObject()));
console.log('arguments', calls.fd_write(), calls.fd_write(-1, 0, 0, 8), calls.fd_write(1.5, 0, 0, 8),
            calls.fd_write(1, 0, 0, 8, 9), calls.clock_time_get(0, 1, 8), calls.fd_seek(3, 1, 0, 8));
console.log('bounds', calls.fd_write(1, 0, 0, 65536), calls.fd_write(1, 0, 0, 65533), calls.random_get(0, 70000),
            calls.args_get(65536, 0));
console.log('args', calls.args_sizes_get(0, 4), view.getUint32(0, true), view.getUint32(4, true),
            calls.args_get(16, 64), at(64, 5));
console.log('environ', calls.environ_sizes_get(0, 4), view.getUint32(0, true), view.getUint32(4, true),
            calls.environ_get(16, 64), at(64, 4));
console.log('clocks', calls.clock_res_get(0, 0), view.getBigUint64(0, true), calls.clock_res_get(9, 0),
            calls.clock_time_get(9, 0n, 0));
console.log('prestat', calls.fd_prestat_get(3, 0), at(0, 8), calls.fd_prestat_get(0, 0), calls.fd_prestat_get(9, 0),
            calls.fd_prestat_dir_name(3, 100, 1), calls.fd_prestat_dir_name(3, 100, 2), at(100, 2),
            calls.fd_prestat_dir_name(1, 100, 2));
console.log('fdstat', calls.fd_fdstat_get(3, 0), at(0, 1), at(8, 16));
console.log('no fd', calls.fd_close(99), calls.fd_renumber(1, 50), calls.fd_renumber(0, 0), calls.fd_tell(99, 0));
console.log('signals', calls.proc_raise(0), calls.proc_raise(300), calls.sched_yield(), calls.random_get(0, 16));
console.log('sockets', calls.sock_recv(0, 0, 0, 0, 0, 0), calls.sock_send(0, 0, 0, 0, 0), calls.sock_shutdown(0, 1),
            calls.sock_recv(1, 0, 1, 1, 0, 0), calls.sock_send(1, 0, 1, 1, 0), calls.sock_accept(9, 0, 0),
            calls.sock_accept(1, 8, 0));
console.log('poll', calls.poll_oneoff(0, 100, 0, 200));

for (const [name, follow] of [['target.txt', 0], ['link', 0], ['link', 1], ['link/', 0], ['sub/escape', 0],
  ['sub/escape', 1], ['guest-absolute', 1], ['loop1', 1], ['../x', 0], ['sub/../target.txt', 0],
  ['missing/../target.txt', 0], ['/s/target.txt', 0], ['', 0], ['.', 0]]) {
  const length = put(200, name);
  const result = calls.path_filestat_get(3, follow, 200, length, 300);
  console.log('stat', JSON.stringify(name), follow, result, result === 0 ? bytes[316] : '', result === 0 && bytes[316] !== 3 ? view.getBigUint64(332, true) : '');
}

const linkLength = put(200, 'link');
for (const size of [9, 10, 11, 20]) {
  bytes.fill(0xee, 400, 420);
  const result = calls.path_readlink(3, 200, linkLength, 400, size, 500);
  console.log('readlink', size, result, view.getUint32(500, true), at(400, 12));
}

const fileLength = put(200, 'sub/new.txt');
// fd_read/fd_seek/fd_tell/fd_write and fd_filestat_get/fd_filestat_set_times.
const fileRights = 0x7fn | (1n << 21n) | (1n << 23n);
console.log('open create', calls.path_open(3, 0, 200, fileLength, 1 | 4, fileRights, 0n, 0, 600));
const fd = view.getUint32(600, true);
put(700, 'abc');
view.setUint32(800, 700, true);
view.setUint32(804, 3, true);
console.log('write', calls.fd_write(fd, 800, 1, 900), view.getUint32(900, true),
            calls.fd_seek(fd, -2n, 1, 904), view.getBigUint64(904, true),
            calls.fd_tell(fd, 904), view.getBigUint64(904, true),
            calls.fd_filestat_get(fd, 300), view.getBigUint64(332, true),
            calls.fd_filestat_set_times(fd, 4000000000n, 9000000000n, 1 | 4),
            calls.fd_filestat_get(fd, 300), view.getBigUint64(340, true), view.getBigUint64(348, true),
            calls.fd_filestat_set_times(fd, 0n, 0n, 64));
console.log('fdstat file', calls.fd_fdstat_get(fd, 0), at(0, 1), at(8, 16),
            calls.fd_fdstat_set_rights(fd, 0xffn, 0n), calls.fd_fdstat_set_rights(fd, 2n, 0n), calls.fd_read(fd, 800, 1, 900),
            calls.fd_write(fd, 800, 1, 900));
console.log('open again', calls.path_open(3, 0, 200, fileLength, 1 | 4, fileRights, 0n, 0, 600),
            calls.path_open(3, 0, 200, fileLength, 2, 0n, 0n, 0, 600), calls.fd_close(fd), calls.fd_close(fd));
const dirLength = put(200, 'sub');
console.log('readdir', calls.path_open(3, 0, 200, dirLength, 2, 0x4000n, 0n, 0, 600));
const dirFd = view.getUint32(600, true);
for (const size of [10, 24, 30, 200]) {
  const result = calls.fd_readdir(dirFd, 1000, size, 0n, 900);
  console.log('readdir', size, result, view.getUint32(900, true), at(1016, 5));
}
const renamed = put(1200, 'sub/renamed.txt');
console.log('rename', calls.path_rename(3, 200 + 0, put(200, 'sub/new.txt'), 3, 1200, renamed),
            calls.path_unlink_file(3, 1200, renamed), calls.path_unlink_file(3, 1200, renamed),
            calls.path_remove_directory(3, 200, put(200, 'sub')), calls.fd_close(dirFd));
console.log('mkdir', calls.path_create_directory(3, 200, put(200, 'made')), calls.path_create_directory(3, 200, put(200, 'made')),
            calls.path_symlink(1200, put(1200, 'made'), 3, 200, put(200, 'made-link')),
            calls.path_remove_directory(3, 200, put(200, 'made')));
fs.rmSync(dir, { recursive: true });

// NODE_DEBUG_NATIVE=wasi: each call logged to stderr with its arguments.
const { spawnSync } = require('child_process');
const traced = spawnSync(process.execPath, ['-e', `
  const { WASI } = require('wasi');
  const wasi = new WASI({ version: 'preview1', returnOnExit: false });
  wasi.finalizeBindings({ exports: {} }, { memory: new WebAssembly.Memory({ initial: 1 }) });
  const calls = wasi.wasiImport;
  process.on('exit', () => console.log('no exit event'));
  calls.fd_write(1, 0, 0, 8);
  calls.fd_seek(1, -2n, 1, 16);
  calls.fd_write('x', 0, 0, 8);
  calls.sched_yield();
  calls.proc_exit(3);
`], { env: { ...process.env, NODE_DEBUG_NATIVE: 'wasi' } });
console.log('trace', traced.status, JSON.stringify(traced.stdout.toString()), traced.stderr.toString().split('\n').filter((line) => /^\w+\(/.test(line)));
