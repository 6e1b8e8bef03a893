// The legacy Stream's pipe, eventNames of a fresh stream, wrap() of an old-style stream, and
// the async iterator on a half-open Duplex.
'use strict';
const { Stream, Readable, Writable, Duplex } = require('stream');
const EventEmitter = require('events');

const log = [];
process.on('exit', () => console.log(log.join('\n')));

log.push(JSON.stringify(new Readable().eventNames()));
const r = new Readable();
r.on('foo', () => {});
r.on('data', () => {});
r.on('error', () => {});
log.push(JSON.stringify(r.eventNames()));
const w = new Writable();
w.on('drain', () => {});
w.on('prefinish', () => {});
log.push(JSON.stringify(w.eventNames()));

const source = new Stream();
const dest = new Stream();
dest.writable = true;
dest.write = (chunk) => { log.push(`legacy write ${chunk}`); return true; };
dest.end = () => log.push('legacy end');
source.pipe(dest);
source.emit('data', 'one');
source.emit('end');

const old = new EventEmitter();
old.firstMethod = function () { return this === old; };
old.pause = () => log.push('old pause');
old.resume = () => log.push('old resume');
const wrapped = new Readable({ highWaterMark: 1 }).wrap(old);
log.push(`proxied ${typeof wrapped.firstMethod} ${wrapped.firstMethod()}`);
wrapped.on('data', (chunk) => log.push(`wrapped data ${chunk}`));
wrapped.on('end', () => log.push('wrapped end'));
old.emit('data', Buffer.from('abc'));
old.emit('end');

const duplex = new Duplex({
  read() { this.push('hello'); this.push(null); },
  write(chunk, encoding, callback) { log.push(`duplex write ${chunk}`); callback(); },
});
duplex.on('error', (err) => log.push(`duplex error ${err.message}`));
duplex.on('close', () => log.push('duplex close'));
(async () => {
  let read = '';
  for await (const chunk of duplex) read += chunk;
  log.push(`read ${read} destroyed=${duplex.destroyed}`);
  duplex.end('world');
})();
