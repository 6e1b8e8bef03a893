// process.stdin as node builds it for what fd 0 is: a net.Socket over a pipe (paused, with a
// handle on fd 0, not writable), an fs.ReadStream for a file or /dev/null, a tty.ReadStream (a
// net.Socket) for a terminal. A paused or unref'd stdin lets the process end, reading keeps it
// alive; destroying stdin leaves fd 0 open; a closed handle fails to read with EINVAL; a
// child inheriting stdin reads it (blocking) after the parent made its stream; tty.ReadStream
// and WriteStream refuse bad descriptors as node does.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const tty = require('tty');

const describe = `
const net = require('net');
const fs = require('fs');
const s = process.stdin;
console.log(s.constructor.name, s instanceof net.Socket, s instanceof fs.ReadStream, s.isTTY, s.fd,
  typeof s._handle, s._handle?.fd, s.readable, s.writable, s.readableFlowing);
let text = '';
s.on('data', (chunk) => (text += chunk));
s.on('end', () => console.log('end', JSON.stringify(text)));
s.on('close', () => console.log('close, fd 0 open:', fs.fstatSync(0) !== undefined));
`;
const run = (label, code, options) => {
  const result = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 20000, ...options });
  console.log(label, JSON.stringify(result.stdout), JSON.stringify(result.stderr), result.status);
};

run('pipe', describe, { input: 'piped text' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'process-stdin-'));
const file = path.join(dir, 'in.txt');
fs.writeFileSync(file, 'file text');
const fd = fs.openSync(file, 'r');
run('file', describe, { stdio: [fd, 'pipe', 'pipe'] });
fs.closeSync(fd);
run('null', describe, { stdio: ['ignore', 'pipe', 'pipe'] });
run('destroy', `
process.stdin.destroy();
process.stdin.on('close', () => console.log('closed', require('fs').fstatSync(0).isFile()));
`, { input: 'x' });
run('closed handle', `
process.stdin.resume();
process.stdin._handle.close();
process.stdin.on('error', (err) => console.log(err.code, err.syscall, err.message));
`, { input: 'x' });
run('inherited', `
process.stdin;
const { status } = require('child_process').spawnSync('cat', { stdio: 'inherit' });
console.log('cat', status);
`, { input: 'through cat\n' });
fs.rmSync(dir, { recursive: true });

for (const bad of [-1, 1.5, 'x']) {
  try {
    new tty.ReadStream(bad);
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
const own = fs.openSync(__filename, 'r');
for (const Stream of [tty.ReadStream, tty.WriteStream]) {
  try {
    new Stream(own);
  } catch (err) {
    console.log(err.name, err.code, err.message, JSON.stringify(err.info), err.errno, err.syscall);
  }
}
fs.closeSync(own);

// Children whose stdin stays open: whether they end on their own.
const held = [
  ['paused', "process.stdin.resume(); process.stdin.pause(); setTimeout(() => console.log('ended'), 20);"],
  ['unref', "process.stdin.on('data', () => {}); process.stdin.unref(); setTimeout(() => console.log('ended'), 20);"],
  ['untouched', "process.stdin; setTimeout(() => console.log('ended'), 20);"],
  ['reading', "process.stdin.on('data', (d) => console.log('data', String(d))).on('end', () => console.log('end'));"],
];
let chain = Promise.resolve();
for (const [label, code] of held) {
  chain = chain.then(() => new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    const late = setTimeout(() => child.stdin.end('late'), 1000);
    child.on('close', (code) => {
      clearTimeout(late);
      console.log(label, JSON.stringify(out), code, child.stdin.writableEnded ? 'needed input to end' : 'ended by itself');
      resolve();
    });
  }));
}

// A terminal: a tty.ReadStream that is a net.Socket (writable: what is written to it shows),
// raw mode on and off, a line typed.
const driver = `
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], '-e', sys.argv[2]])
out = b''
def drain(seconds):
    global out
    end = time.time() + seconds
    while time.time() < end:
        if select.select([fd], [], [], 0.02)[0]:
            try:
                data = os.read(fd, 4096)
            except OSError:
                return
            if not data:
                return
            out += data
drain(1.5)
os.write(fd, b'typed\\r')
drain(1.5)
os.waitpid(pid, 0)
print(out.decode().replace('\\r\\n', '\\n'), end='')
`;
const terminal = `
const s = process.stdin;
const log = (...args) => console.log(args.join(' '));
log(s.constructor.name, s instanceof require('net').Socket, s.isTTY, s.isRaw, s.readableFlowing, s.writable);
s.write('written to stdin\\n');
log(s.setRawMode(true) === s, s.isRaw);
s.setRawMode(false);
log(s.isRaw);
s.once('data', (chunk) => {
  log('data', JSON.stringify(String(chunk)));
  s.pause();
});
`;
chain.then(() => {
  const result = spawnSync('python3', ['-c', driver, process.execPath, terminal], { encoding: 'utf8', timeout: 20000 });
  console.log('terminal');
  process.stdout.write(result.stdout);
  process.stdout.write(result.stderr);
});
