// net.Socket over an existing descriptor: a child reads its stdin pipe with
// new net.Socket({ fd: 0 }) and writes through new net.Socket({ fd: 1 }).
'use strict';
const net = require('net');
const { spawn } = require('child_process');

if (process.argv[2] === 'child') {
  const input = new net.Socket({ fd: 0, readable: true, writable: false });
  const output = new net.Socket({ fd: 1, readable: false, writable: true });
  let received = '';
  input.setEncoding('utf8');
  input.on('data', (data) => { received += data; });
  input.on('end', () => {
    output.end(`child got ${JSON.stringify(received)} (${input.bytesRead} bytes)\n`);
  });
} else {
  const child = spawn(process.execPath, [__filename, 'child'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (data) => { output += data; });
  child.on('close', (code) => {
    process.stdout.write(output);
    console.log(`child exited ${code}`);
  });
  child.stdin.write('through ');
  child.stdin.end('a pipe');
}
