// Readable's state: readableFlowing through on/pause/resume/'readable', read(0), read(n)
// growing highWaterMark, unshift, setEncoding over buffered bytes, and 'readable'/'end'.
'use strict';
const { Readable } = require('stream');

const log = [];
process.on('exit', () => console.log(log.join('\n')));

const r = new Readable({ read() {} });
log.push(`flowing ${r.readableFlowing}`);
r.on('readable', () => {});
log.push(`after readable listener ${r.readableFlowing}`);
r.removeAllListeners('readable');
process.nextTick(() => {
  log.push(`after removing it ${r.readableFlowing}`);
  r.pause();
  log.push(`paused ${r.readableFlowing} isPaused=${r.isPaused()}`);
  r.resume();
  log.push(`resumed ${r.readableFlowing}`);
});

const bytes = new Readable({ highWaterMark: 4, read() {} });
bytes.push(Buffer.from([0xe2, 0x82]));
bytes.setEncoding('utf8');
bytes.push(Buffer.from([0xac, 0x41]));
log.push(`encoding ${bytes.readableEncoding} length=${bytes.readableLength}`);
log.push(`read ${JSON.stringify(bytes.read())}`);
bytes.unshift('Z');
log.push(`after unshift length=${bytes.readableLength} read(1)=${bytes.read(1)}`);
log.push(`read(10) ${bytes.read(10)} hwm=${bytes.readableHighWaterMark}`);
bytes.push(null);
bytes.on('end', () => log.push('bytes end'));
bytes.resume();

let pushes = 0;
const zero = new Readable({
  read() {
    log.push('zero _read');
    this.push(++pushes < 3 ? 'abc' : null);
  },
});
log.push(`read(0) ${zero.read(0)} length=${zero.readableLength}`);
zero.on('readable', () => {
  log.push(`readable length=${zero.readableLength}`);
  let chunk;
  while ((chunk = zero.read(2)) !== null) log.push(`chunk ${chunk}`);
});
zero.on('end', () => log.push('zero end'));

const late = new Readable({ read() {} });
late.push('x');
late.push(null);
late.on('end', () => {
  try {
    late.unshift('y');
  } catch (err) {
    log.push(`unshift threw ${err.code}`);
  }
});
late.on('error', (err) => log.push(`late error ${err.code}`));
late.resume();

const eof = new Readable({ read() {} });
eof.push(null);
eof.push('again');
eof.on('error', (err) => log.push(`eof error ${err.code} ${err.message}`));

const big = new Readable({ read() {} });
try {
  big.read(2 ** 30 + 1);
} catch (err) {
  log.push(`${err.code} ${err.message}`);
}
