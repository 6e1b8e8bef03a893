// Timer objects: arguments, ordering by delay, clear, intervals, ref/unref/hasRef/refresh.
const assert = require('assert');
const order = [];
setTimeout((a, b) => order.push(`args ${a} ${b}`), 20, 'x', 'y');
setTimeout(() => order.push('40ms'), 40);
setTimeout(() => order.push('1ms'), 1);
const cleared = setTimeout(() => order.push('never'), 2);
clearTimeout(cleared);
const byNumber = setTimeout(() => order.push('never by id'), 2);
clearTimeout(+byNumber);

let ticks = 0;
const interval = setInterval(() => {
  ticks++;
  if (ticks === 3) clearInterval(interval);
}, 1);

const t = setTimeout(() => {}, 1000);
assert.strictEqual(t.hasRef(), true);
assert.strictEqual(t.unref(), t);
assert.strictEqual(t.hasRef(), false);
t.ref();
assert.strictEqual(t.hasRef(), true);
clearTimeout(t);

const immediate = setImmediate(() => console.log('immediate'));
assert.strictEqual(immediate.hasRef(), true);
assert.strictEqual(immediate.unref().hasRef(), false);
immediate.ref();

let refreshed = 0;
const r = setTimeout(() => refreshed++, 15);
setTimeout(() => r.refresh(), 8);

// An unref'd timer alone does not keep the process alive.
setTimeout(() => console.log('unref timer must not run'), 100000).unref();

setTimeout(() => {
  console.log(order.join('\n'));
  console.log('interval ticks', ticks);
  console.log('refreshed timer ran', refreshed);
}, 80);
console.log(typeof t[Symbol.toPrimitive](), typeof setTimeout(() => {}, 0).ref);
