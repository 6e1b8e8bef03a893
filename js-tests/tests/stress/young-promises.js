// Flags: --expose-gc --gc-interval=300 --stress-compaction
// Promises made by the addon while V8 collects and compacts often, settled later from
// another call: resolved with primitives, objects, thenables and other addon promises, or
// rejected; each behaves as a Promise (prototype, inspection, own properties, awaiting) and
// settles with what it was given.
const { addon, log } = require('../../common');
const util = require('util');
const basics = addon('napi_basics');

async function round(round) {
  const promises = basics.makePromises(300);
  const inner = basics.makePromises(1)[0];
  const shapes = [
    (i) => i, (i) => `text ${i}`, (i) => ({ i }), (i) => [i, i], () => undefined,
    (i) => ({ then(resolve) { resolve(`thenable ${i}`); } }), () => inner, (i) => new Error(`error ${i}`),
  ];
  const values = [];
  const rejected = [];
  const expected = [];
  const outcomes = promises.map((promise, i) => {
    if (i % 7 === 0) promise.tag = i;
    const value = shapes[i % shapes.length](i);
    const reject = i % 5 === 2;
    values.push(value);
    rejected.push(reject);
    expected.push(reject ? ['rejected', value] : ['fulfilled', value]);
    return promise.then((v) => ['fulfilled', v], (e) => ['rejected', e]);
  });
  values.push('inner value');
  rejected.push(false);
  globalThis.gc();
  const wellFormed = promises.every((p, i) => p instanceof Promise && Object.getPrototypeOf(p) === Promise.prototype
    && Promise.resolve(p) === p && util.inspect(p).startsWith('Promise {') && (i % 7 !== 0 || p.tag === i));
  const statuses = basics.settlePromises(values, rejected);
  const settled = await Promise.all(outcomes);
  let wrong = 0;
  for (const [i, [state, value]] of settled.entries()) {
    const [expectedState, given] = expected[i];
    let want = given;
    if (expectedState === 'fulfilled' && given && typeof given.then === 'function') want = given === inner ? 'inner value' : `thenable ${i}`;
    if (state !== expectedState || value !== want) wrong++;
  }
  return { round, wellFormed, statuses: [...new Set(statuses)], wrong };
}

(async () => {
  for (let r = 0; r < 6; r++) log(JSON.stringify(await round(r)));
  log('pending left:', util.inspect(basics.makePromises(1)[0]));
  basics.settlePromises(['done'], [false]);
})();
