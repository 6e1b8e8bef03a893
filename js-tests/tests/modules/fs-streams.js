// fs.createReadStream/createWriteStream: open/ready events, ranges, encodings, pipeline between files, open errors.
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');
const { pipeline } = require('stream');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-fss-'));
const source = path.join(dir, 'source.txt');
fs.writeFileSync(source, 'line\n'.repeat(30000));
const ws = fs.createWriteStream(path.join(dir, 'out.txt'));
ws.on('open', (fd) => console.log('ws open', typeof fd));
ws.on('ready', () => console.log('ws ready'));
ws.write('abc');
ws.end('def', () => {
  console.log('ws finished', ws.bytesWritten, fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'));
  const rs = fs.createReadStream(source, { highWaterMark: 16384 });
  let chunks = 0;
  let bytes = 0;
  rs.on('open', () => console.log('rs open'));
  rs.on('data', (c) => { chunks++; bytes += c.length; });
  rs.on('end', () => console.log('rs end', chunks, bytes, rs.bytesRead));
  rs.on('close', () => {
    console.log('rs close');
    const ranged = fs.createReadStream(source, { start: 5, end: 14, encoding: 'utf8' });
    let text = '';
    ranged.on('data', (c) => { text += c; });
    ranged.on('end', () => {
      console.log('range', JSON.stringify(text));
      pipeline(fs.createReadStream(source), fs.createWriteStream(path.join(dir, 'copy.txt')), (err) => {
        console.log('pipeline', err, fs.statSync(path.join(dir, 'copy.txt')).size);
        const missing = fs.createReadStream(path.join(dir, 'missing'));
        missing.on('error', (err) => console.log('error', err.code, err.syscall));
        missing.on('close', () => {
          console.log('missing closed');
          fs.rmSync(dir, { recursive: true });
        });
      });
    });
  });
});
