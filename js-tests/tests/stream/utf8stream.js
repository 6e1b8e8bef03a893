// fs.Utf8Stream: writes to a file (sync and async), minLength buffering with flush(),
// maxLength drops, 'write' byte counts, buffer content mode, end/destroy events, bad options.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Utf8Stream } = fs;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utf8stream-'));
const log = [];
process.on('exit', () => {
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(log.join('\n'));
});

function run(sync, next) {
  const file = path.join(dir, `out-${sync}.txt`);
  // (Only the synchronous stream buffers below minLength: node 24.19 writes an asynchronous
  // stream's pending data twice when flushed.)
  const stream = new Utf8Stream({ dest: file, sync, minLength: sync ? 8 : 0 });
  let bytes = 0;
  stream.on('write', (n) => { bytes += n; });
  stream.on('ready', () => {
    log.push(`${sync} ready fd=${typeof stream.fd} file=${path.basename(stream.file)} minLength=${stream.minLength} sync=${stream.sync}`);
    const content = () => (sync ? JSON.stringify(fs.readFileSync(file, 'utf8')) : '');
    log.push(`${sync} write ${stream.write('héllo')} ${content()}`);
    stream.flush((err) => {
      log.push(`${sync} flushed ${err} ${content()}`);
      stream.write(' wörld 🌍\n');
      stream.end();
    });
  });
  stream.on('finish', () => log.push(`${sync} finish bytes=${bytes}`));
  stream.on('close', () => {
    log.push(`${sync} close content=${JSON.stringify(fs.readFileSync(file, 'utf8'))}`);
    try {
      stream.write('late');
    } catch (err) {
      log.push(`${sync} ${err.code} ${err.message}`);
    }
    next();
  });
}

function drops(next) {
  const file = path.join(dir, 'drops.txt');
  const stream = new Utf8Stream({ dest: file, maxLength: 6, minLength: 4, sync: true });
  stream.on('drop', (data) => log.push(`drop ${data}`));
  stream.on('ready', () => {
    stream.write('abc');
    stream.write('defgh');
    stream.write('de');
    stream.end();
  });
  stream.on('close', () => {
    log.push(`drops content=${fs.readFileSync(file, 'utf8')}`);
    next();
  });
}

function buffers(next) {
  const file = path.join(dir, 'buffers.bin');
  const fd = fs.openSync(file, 'w');
  const stream = new Utf8Stream({ fd, contentMode: 'buffer' });
  log.push(`contentMode ${stream.contentMode}`);
  stream.write(Buffer.from([1, 2]));
  stream.write(Buffer.from([3]));
  stream.end();
  stream.on('close', () => {
    log.push(`buffers ${[...fs.readFileSync(file)].join(',')}`);
    next();
  });
}

function badOptions() {
  for (const options of [{}, { fd: 1, minLength: 20000 }, { fd: 1, contentMode: 'latin1' }]) {
    try {
      new Utf8Stream(options).destroy();
    } catch (err) {
      log.push(`${err.name} ${err.code} ${err.message}`);
    }
  }
}

run(true, () => run(false, () => drops(() => buffers(badOptions))));
