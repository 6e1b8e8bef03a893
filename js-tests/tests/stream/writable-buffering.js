// Writable's buffer: cork/uncork batches into _writev, writableNeedDrain and 'drain', the
// buffered request count, write callbacks on one tick, and the encodings _write sees.
'use strict';
const { Writable } = require('stream');

const log = [];
process.on('exit', () => console.log(log.join('\n')));

const batched = new Writable({
  highWaterMark: 5,
  write(chunk, encoding, callback) { log.push(`write ${chunk}`); setTimeout(callback, 1); },
  writev(chunks, callback) { log.push(`writev ${chunks.map((c) => c.chunk).join(',')} allBuffers=${chunks.allBuffers}`); setTimeout(callback, 1); },
});
batched.cork();
log.push(`write ok=${batched.write('abc')}`);
log.push(`write ok=${batched.write('def')} needDrain=${batched.writableNeedDrain} corked=${batched.writableCorked}`);
log.push(`buffered=${batched._writableState.bufferedRequestCount} length=${batched.writableLength} buffer=${batched.writableBuffer.map((e) => e.chunk).join('|')}`);
process.nextTick(() => batched.uncork());
batched.on('drain', () => {
  log.push(`drain needDrain=${batched.writableNeedDrain}`);
  batched.write('g', 'utf8', () => log.push('g cb'));
  batched.end();
});
batched.on('finish', () => log.push('finish'));

const encodings = new Writable({
  decodeStrings: false,
  write(chunk, encoding, callback) { log.push(`enc ${typeof chunk} ${encoding}`); callback(); },
});
encodings.write('x');
encodings.write('78', 'hex');
encodings.write(Buffer.from('y'));
encodings.setDefaultEncoding('LATIN1');
encodings.write('z');

const objects = new Writable({
  objectMode: true,
  write(chunk, encoding, callback) { log.push(`obj ${JSON.stringify(chunk)} ${encoding}`); callback(); },
});
objects.write({ a: 1 });
objects.write('s');
objects.write('s', 'hex');

let ticks = 0;
const sync = new Writable({ write(chunk, encoding, callback) { callback(); } });
const cb = () => { ticks++; };
for (let i = 0; i < 5; i++) sync.write('x', cb);
log.push(`sync callbacks before tick=${ticks}`);
process.nextTick(() => log.push(`sync callbacks after tick=${ticks}`));

for (const bad of [null, 1, {}]) {
  try {
    new Writable({ write() {} }).write(bad);
  } catch (err) {
    log.push(`${err.name} ${err.code} ${err.message}`);
  }
}
try {
  new Writable().write('x', 'no-such-encoding');
} catch (err) {
  log.push(`${err.code} ${err.message}`);
}
