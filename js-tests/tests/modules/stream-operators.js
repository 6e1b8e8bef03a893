// stream: Readable's iterator helpers, compose, Duplex.from, duplexPair, stream.destroy,
// Symbol.asyncDispose, default high water marks and encoding validation.
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, PassThrough } = stream;

const errorOf = (fn) => {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return `${err.name} ${err.code}: ${err.message}`;
  }
};

async function main() {
  console.log('map', await Readable.from([1, 2, 3]).map((x) => x * 2).toArray());
  console.log('filter', await Readable.from([1, 2, 3, 4]).filter(async (x) => x % 2 === 0).toArray());
  console.log('flatMap', await Readable.from([1, 2]).flatMap((x) => [x, x * 10]).toArray());
  console.log('drop/take', await Readable.from([1, 2, 3, 4, 5]).drop(1).take(2).toArray());
  console.log('reduce', await Readable.from([1, 2, 3]).reduce((a, b) => a + b, 10));
  console.log('some/every/find', await Readable.from([1, 2]).some((x) => x > 1),
    await Readable.from([1, 2]).every((x) => x > 1), await Readable.from([1, 2, 3]).find((x) => x > 1));
  const seen = [];
  await Readable.from(['a', 'b']).forEach((x) => seen.push(x));
  console.log('forEach', seen);

  // Concurrency: results keep the source order even when later ones settle first.
  const order = [];
  const mapped = await Readable.from([30, 10, 20]).map(async (ms) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    order.push(ms);
    return ms;
  }, { concurrency: 3 }).toArray();
  console.log('concurrent map', mapped, 'settled', order);

  const ac = new AbortController();
  const aborted = Readable.from([1, 2, 3]).map(async (x, { signal }) => {
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    throw signal.reason;
  }, { signal: ac.signal });
  setImmediate(() => ac.abort());
  await aborted.toArray().catch((err) => console.log('aborted map', err.name));

  await Readable.from([]).reduce((a, b) => a + b).catch((err) => console.log('empty reduce', err.name, err.code, err.message));
  console.log(errorOf(() => Readable.from([]).map(1)));
  console.log(errorOf(() => Readable.from([]).map((x) => x, { concurrency: 0 })));
  console.log(errorOf(() => Readable.from([]).map((x) => x, { signal: 1 })));
  console.log(errorOf(() => Readable.from([]).drop(-1)));
  console.log('lengths', ['drop', 'take', 'map', 'some', 'every', 'reduce', 'toArray'].map((n) => Readable.prototype[n].length).join(','));

  // duplexPair: what one side writes the other reads; destroying one destroys the other.
  const [left, right] = stream.duplexPair();
  right.on('data', (chunk) => console.log('pair data', chunk.toString()));
  left.write('hello');
  await new Promise((resolve) => setImmediate(resolve));
  right.on('close', () => console.log('pair other side closed', right.destroyed));
  right.on('error', () => console.log('the other side has no error'));
  left.on('error', (err) => console.log('pair error', err.message));
  left.on('close', () => console.log('pair side closed'));
  left.destroy(new Error('broken'));
  await new Promise((resolve) => setImmediate(resolve));
  const [quiet, untouched] = stream.duplexPair();
  quiet.destroy();
  await new Promise((resolve) => setImmediate(resolve));
  console.log('destroy without error leaves the other side', untouched.destroyed);

  // compose and Readable.prototype.compose with an async generator.
  const composed = stream.compose(new PassThrough({ objectMode: true }), async function* (source) {
    for await (const chunk of source) yield String(chunk).toUpperCase();
  });
  composed.end('abc');
  console.log('compose', await composed.toArray());
  const chained = Readable.from(['a', 'b', 'c', 'd']).compose(async function* (source) {
    let pair = '';
    for await (const chunk of source) {
      pair += chunk;
      if (pair.length === 2) {
        yield pair;
        pair = '';
      }
    }
  });
  console.log('readable.compose', chained.readable, chained.writable, await chained.toArray());
  console.log(errorOf(() => stream.compose()));

  // Duplex.from
  console.log('Duplex.from iterable', await Duplex.from(['x', 'y']).toArray());
  console.log('Duplex.from promise', await Duplex.from(Promise.resolve('done')).toArray());
  const passthrough = new PassThrough();
  console.log('Duplex.from duplex is itself', Duplex.from(passthrough) === passthrough);
  console.log(errorOf(() => Duplex.from(1)));
  console.log(errorOf(() => Duplex.from(() => 1)));

  // stream.destroy, isDestroyed, isWritable
  const r = new Readable({ read() {} });
  r.on('error', (err) => console.log('destroy error', err.name));
  stream.destroy(r);
  console.log('isDestroyed', stream.isDestroyed(r), 'isWritable', stream.isWritable(new PassThrough()), stream.isWritable(r));
  await new Promise((resolve) => setImmediate(resolve));

  // Symbol.asyncDispose
  const disposed = new Readable({ read() {} });
  disposed.on('error', () => {});
  await disposed[Symbol.asyncDispose]();
  console.log('asyncDispose', disposed.destroyed, disposed.errored?.name);

  // Readable.from destroys with an error by throwing it into the generator.
  const thrown = [];
  const fromGenerator = Readable.from((function* () {
    try {
      yield 1;
      yield 2;
    } catch (err) {
      thrown.push(err.message);
    }
  })());
  fromGenerator.on('error', (err) => console.log('from error', err.message));
  fromGenerator.once('data', () => fromGenerator.destroy(new Error('stop')));
  await new Promise((resolve) => fromGenerator.on('close', resolve));
  console.log('thrown into generator', thrown);

  // Default high water marks and the duplex-only keys.
  console.log('hwm', stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(true));
  stream.setDefaultHighWaterMark(true, 32);
  console.log('object hwm', new Readable({ objectMode: true }).readableHighWaterMark);
  console.log('non-duplex ignores readableHighWaterMark', new Readable({ readableHighWaterMark: 5 }).readableHighWaterMark);
  console.log('duplex uses it', new Duplex({ readableHighWaterMark: 5 }).readableHighWaterMark);
  console.log(errorOf(() => stream.setDefaultHighWaterMark(false, -1)));
  console.log(errorOf(() => stream.setDefaultHighWaterMark(false, 'x')));

  // Encodings
  console.log(errorOf(() => new Writable({ defaultEncoding: 'nope' })));
  console.log(errorOf(() => new Readable({ defaultEncoding: 'nope' })));
  console.log(errorOf(() => new Writable().setDefaultEncoding({})));
  console.log(errorOf(() => new Writable({ write() {} }).write('a', 'nope')));

  // finished/pipeline argument checks and the promisified forms.
  console.log(errorOf(() => stream.finished({}, () => {})));
  console.log(errorOf(() => stream.finished(new PassThrough(), 1)));
  console.log(errorOf(() => stream.pipeline(function () {}, new PassThrough(), () => {})));
  console.log(errorOf(() => stream.pipeline(new PassThrough(), function () {}, new PassThrough(), () => {})));
  console.log(errorOf(() => stream.pipeline(new PassThrough(), function () {}, () => {})));
  console.log(errorOf(() => stream.pipeline(new PassThrough(), () => {})));
  const util = require('util');
  console.log('promisify', util.promisify(stream.pipeline) === require('stream/promises').pipeline,
    util.promisify(stream.finished) === require('stream/promises').finished);
  const chars = [];
  await util.promisify(stream.pipeline)('ab', new Writable({ write(chunk, encoding, callback) { chars.push(chunk.toString()); callback(); } }));
  console.log('string source', chars);
}

main();
