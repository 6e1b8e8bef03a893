// pipe() backpressure across one and several destinations, unpipe, an error in the
// destination, and pipeline()'s error, destroy and callback semantics.
'use strict';
const { Readable, Writable, PassThrough, pipeline, finished } = require('stream');

const log = [];
process.on('exit', () => console.log(log.join('\n')));

function slowWriter(name, delay) {
  return new Writable({
    highWaterMark: 1,
    write(chunk, encoding, callback) { log.push(`${name} got ${chunk}`); setTimeout(callback, delay); },
  });
}

const src = new Readable({ read() {} });
const a = slowWriter('a', 1);
const b = slowWriter('b', 3);
src.pipe(a);
src.pipe(b);
for (const chunk of ['1', '2', '3']) src.push(chunk);
src.push(null);
let finishes = 0;
const onFinish = () => { if (++finishes === 2) second(); };
a.on('finish', onFinish);
b.on('finish', onFinish);

function second() {
  const source = new PassThrough();
  const dest = new Writable({ write(chunk, encoding, callback) { callback(); } });
  source.pipe(dest);
  source.pipe(dest);
  log.push(`data listeners ${source.listenerCount('data')}`);
  source.unpipe(dest);
  log.push(`after one unpipe ${source.listenerCount('data')} pipes=${source._readableState.pipes.length}`);
  source.unpipe();
  log.push(`after unpipe all ${source.listenerCount('data')} flowing=${source.readableFlowing}`);
  third();
}

function third() {
  const source = new Readable({ read() {} });
  const failing = new Writable({ write(chunk, encoding, callback) { callback(new Error('disk full')); } });
  failing.on('error', (err) => log.push(`dest error ${err.message} unpiped=${source._readableState.pipes.length === 0}`));
  source.pipe(failing);
  source.push('x');
  failing.on('close', fourth);
}

function fourth() {
  const source = new Readable({ read() {} });
  const middle = new PassThrough();
  const sink = new Writable({ write(chunk, encoding, callback) { callback(); } });
  pipeline(source, middle, sink, (err) => {
    log.push(`pipeline ${err?.message} source=${source.destroyed} middle=${middle.destroyed} sink=${sink.destroyed}`);
    fifth();
  });
  source.push('x');
  setTimeout(() => middle.destroy(new Error('middle failed')), 1);
}

function fifth() {
  const sink = new Writable({ objectMode: true, write(chunk, encoding, callback) { log.push(`sink ${chunk}`); callback(); } });
  pipeline(
    Readable.from(['a', 'b']),
    async function* upper(source) { for await (const chunk of source) yield String(chunk).toUpperCase(); },
    sink,
    (err, value) => {
      log.push(`generator pipeline ${err} ${value}`);
      sixth();
    },
  );
}

function sixth() {
  pipeline(Readable.from(['x', 'y']), async (source) => {
    let all = '';
    for await (const chunk of source) all += chunk;
    return all;
  }, (err, value) => {
    log.push(`promise destination ${err} ${value}`);
    seventh();
  });
}

function seventh() {
  const r = new Readable({ read() {} });
  finished(r, (err) => log.push(`finished ${err.code}`));
  r.destroy();
  try {
    pipeline(r);
  } catch (err) {
    log.push(`${err.name} ${err.code} ${err.message}`);
  }
}
