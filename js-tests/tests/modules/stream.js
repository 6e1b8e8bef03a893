// stream: buffering, flowing and paused modes, backpressure, pipeline, finished, async iteration, errors.
'use strict';
const { Readable, Writable, Transform, PassThrough, pipeline, finished, Duplex } = require('stream');
const { StringDecoder } = require('string_decoder');
const log = (...a) => console.log(...a);
const r = new Readable({ read() {} });
r.on('data', (c) => log('data', c));
r.on('end', () => log('end'));
r.on('close', () => log('close r'));
r.push('ab'); r.push(Buffer.from('cd')); r.push(null);
const chunks = [];
const w = new Writable({ highWaterMark: 3, write(chunk, enc, cb) { chunks.push(chunk.toString()); setTimeout(cb, 1); } });
log('write1', w.write('hello'), w.writableLength, w.writableNeedDrain);
w.on('drain', () => log('drain'));
w.on('finish', () => log('finish', chunks));
w.on('close', () => log('close w'));
w.end('x', () => log('end cb'));
const upper = new Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); } });
const out = [];
pipeline(Readable.from(['a', 'b', 'c']), upper, new Writable({ write(c, e, cb) { out.push(c.toString()); cb(); } }), (err) => log('pipeline', err, out));
(async () => {
  const items = [];
  for await (const x of Readable.from([1, 2, 3])) items.push(x);
  log('iter', items);
  const p = new PassThrough();
  p.end('zz');
  for await (const c of p) log('pt', c);
  const bad = new Readable({ read() { this.destroy(new Error('boom')); } });
  try { for await (const c of bad); } catch (e) { log('caught', e.message); }
  const d = new StringDecoder('utf8');
  const euro = Buffer.from('€');
  log(JSON.stringify(d.write(euro.subarray(0, 1))), JSON.stringify(d.write(euro.subarray(1))), JSON.stringify(d.end(Buffer.from([0xe2]))));
  const rr = new Readable({ read() {} });
  rr.setEncoding('utf8');
  rr.on('readable', () => { let c; while ((c = rr.read()) !== null) log('readable', JSON.stringify(c)); });
  rr.push(euro.subarray(0, 2)); rr.push(euro.subarray(2)); rr.push(null);
  const e = new Readable({ read() {} });
  finished(e, (err) => log('finished', err && err.code));
  e.destroy();
  const ww = new Writable({ write(c, en, cb) { cb(new Error('wfail')); } });
  ww.on('error', (err) => log('werror', err.message));
  ww.write('a', (err) => log('write cb', err && err.message));
  log(w instanceof Writable, new Duplex() instanceof Writable, upper instanceof Writable, r instanceof Writable);
  function Legacy() { Readable.call(this); }
  Object.setPrototypeOf(Legacy.prototype, Readable.prototype);
  const l = new Legacy(); l._read = () => {}; l.push('q'); l.push(null); l.on('data', (c) => log('legacy', c.toString()));
})();
