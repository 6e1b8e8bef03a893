// The order of 'end', 'finish', 'prefinish', 'close' and 'error' (and the callbacks of end()
// and destroy()) for Readable, Writable, Duplex and Transform, with autoDestroy and emitClose.
'use strict';
const { Readable, Writable, Duplex, Transform, PassThrough } = require('stream');

const log = [];
function watch(name, stream) {
  for (const event of ['prefinish', 'finish', 'end', 'close', 'error', 'pause', 'resume']) {
    stream.on(event, (arg) => log.push(`${name} ${event}${arg instanceof Error ? ` ${arg.message}` : ''}`));
  }
  return stream;
}

const steps = [
  (next) => {
    const r = watch('r', new Readable({ read() { this.push('a'); this.push(null); } }));
    r.on('data', (chunk) => log.push(`r data ${chunk}`));
    r.on('close', next);
  },
  (next) => {
    const w = watch('w', new Writable({ write(chunk, encoding, callback) { log.push(`w write ${chunk}`); callback(); }, final(callback) { log.push('w final'); callback(); } }));
    w.write('x', () => log.push('w write cb'));
    w.end('y', () => log.push('w end cb'));
    w.on('close', next);
  },
  (next) => {
    const w = watch('w2', new Writable({ write(chunk, encoding, callback) { callback(new Error('bad write')); } }));
    w.write('x', (err) => log.push(`w2 write cb ${err?.message} errored=${w.errored?.message} destroyed=${w.destroyed}`));
    w.on('close', next);
  },
  (next) => {
    const w = watch('w3', new Writable({ autoDestroy: false, write(chunk, encoding, callback) { callback(); } }));
    w.end(() => log.push(`w3 end cb closed=${w.closed} destroyed=${w.destroyed}`));
    setTimeout(() => {
      log.push(`w3 later destroyed=${w.destroyed}`);
      w.destroy();
      w.on('close', next);
    }, 5);
  },
  (next) => {
    const d = watch('d', new Duplex({ read() {}, write(chunk, encoding, callback) { callback(); } }));
    d.push('q');
    d.push(null);
    d.resume();
    d.end('z');
    d.on('close', next);
  },
  (next) => {
    const d = watch('d2', new Duplex({ allowHalfOpen: false, read() { this.push(null); }, write(chunk, encoding, callback) { callback(); } }));
    d.resume();
    d.on('close', () => { log.push(`d2 writableEnded=${d.writableEnded} writableFinished=${d.writableFinished}`); next(); });
  },
  (next) => {
    const t = watch('t', new Transform({
      transform(chunk, encoding, callback) { callback(null, String(chunk).toUpperCase()); },
      flush(callback) { log.push('t flush'); callback(null, '!'); },
    }));
    t.on('data', (chunk) => log.push(`t data ${chunk}`));
    t.end('abc');
    t.on('close', next);
  },
  (next) => {
    const r = watch('r2', new Readable({ emitClose: false, read() {} }));
    r.destroy(new Error('boom'), (err) => log.push(`r2 destroy cb ${err?.message}`));
    r.destroy(new Error('second'), () => log.push('r2 second destroy cb'));
    setTimeout(next, 5);
  },
  (next) => {
    const r = watch('r3', new Readable({ read() {}, destroy(err, callback) { log.push(`r3 _destroy ${err}`); setTimeout(callback, 1, new Error('from _destroy')); } }));
    r.destroy();
    log.push(`r3 destroyed=${r.destroyed} closed=${r.closed}`);
    r.on('close', () => { log.push(`r3 closed=${r.closed} errored=${r.errored?.message}`); next(); });
  },
  (next) => {
    const p = watch('p', new PassThrough());
    p.write('x');
    p.destroy();
    p.write('y', (err) => log.push(`p write after destroy ${err.code}`));
    p.end((err) => log.push(`p end after destroy ${err?.code}`));
    p.on('close', () => setTimeout(next, 5));
  },
];

(function run(index) {
  if (index === steps.length) {
    console.log(log.join('\n'));
    return;
  }
  steps[index](() => run(index + 1));
})(0);
