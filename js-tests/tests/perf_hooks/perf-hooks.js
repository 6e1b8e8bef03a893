'use strict';
// perf_hooks' shapes, errors and deterministic behaviour (no timings printed).
const perfHooks = require('perf_hooks');
const {
  performance, PerformanceObserver, PerformanceEntry, PerformanceMark, createHistogram, monitorEventLoopDelay, timerify,
} = perfHooks;
const punycode = require('punycode');

function attempt(label, fn) {
  try {
    const value = fn();
    console.log(label, 'ok', typeof value === 'object' && value !== null ? Object.prototype.toString.call(value) : value);
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
}

console.log(Object.keys(perfHooks));
console.log(Object.keys(perfHooks.constants).length, perfHooks.performance === globalThis.performance);
console.log(Object.getOwnPropertyNames(globalThis).filter((name) => /^Perf|^perf/.test(name)));
for (const Class of [perfHooks.Performance, PerformanceEntry, PerformanceMark, perfHooks.PerformanceMeasure,
  PerformanceObserver, perfHooks.PerformanceObserverEntryList, perfHooks.PerformanceResourceTiming]) {
  const descriptors = Object.getOwnPropertyDescriptors(Class.prototype);
  console.log(Class.name, Object.entries(descriptors).map(([name, d]) => `${name}${d.get ? '(get)' : ''}${d.enumerable ? '+' : ''}`).join(' '));
}
console.log(String(performance), Object.keys(performance.toJSON()), Object.keys(performance.nodeTiming.toJSON()));
console.log(performance.nodeTiming.name, performance.nodeTiming.entryType, performance.nodeTiming.startTime);
console.log(Object.keys(performance.nodeTiming.uvMetricsInfo), performance.eventLoopUtilization());

// user timing
const mark = performance.mark('a', { detail: { n: 1 } });
console.log(mark.name, mark.entryType, mark.duration, mark.detail, String(mark), Object.keys(mark.toJSON()));
performance.mark('b', { startTime: 5 });
const measure = performance.measure('a-to-b', 'a', 'b');
console.log(measure.entryType, measure.duration === 5 - mark.startTime, measure.detail);
console.log(performance.measure('m2', { start: 1, end: 4, detail: [1] }).toJSON());
console.log(performance.measure('m3', { start: 2, duration: 3 }).duration, performance.measure('m4', { end: 10, duration: 4 }).startTime);
console.log(performance.getEntries().map((e) => e.name), performance.getEntriesByType('mark').length, performance.getEntriesByName('m2').length);
performance.clearMarks('a');
console.log(performance.getEntriesByType('mark').map((e) => e.name));
performance.clearMarks();
performance.clearMeasures();
console.log(performance.getEntries().length);

attempt('mark()', () => performance.mark());
attempt('mark nodeStart', () => performance.mark('nodeStart'));
attempt('mark startTime -1', () => performance.mark('x', { startTime: -1 }));
attempt('mark startTime string', () => performance.mark('x', { startTime: '1' }));
attempt('mark options 1', () => performance.mark('x', 1));
attempt('measure unknown', () => performance.measure('m', 'nope'));
attempt('measure all three', () => performance.measure('m', { start: 1, end: 2, duration: 1 }));
attempt('measure endMark', () => performance.measure('m', { start: 1 }, 'x'));
attempt('measure name', () => performance.measure(1));
attempt('now this', () => performance.now.call({}));
attempt('entry ctor', () => new PerformanceEntry());
attempt('entry getter', () => PerformanceEntry.prototype.name);
attempt('getEntriesByName()', () => performance.getEntriesByName());
attempt('setResourceTimingBufferSize()', () => performance.setResourceTimingBufferSize());

// observers
attempt('observer callback', () => new PerformanceObserver(1));
attempt('observe()', () => new PerformanceObserver(() => {}).observe());
attempt('observe entryTypes string', () => new PerformanceObserver(() => {}).observe({ entryTypes: 'mark' }));
attempt('observe both', () => new PerformanceObserver(() => {}).observe({ type: 'mark', entryTypes: ['mark'] }));
console.log(PerformanceObserver.supportedEntryTypes);
const order = [];
const observer = new PerformanceObserver((list, self) => {
  order.push(`observer ${list.getEntries().map((e) => e.name).join()} ${self === observer}`);
  observer.disconnect();
});
observer.observe({ entryTypes: ['mark', 'function'] });
attempt('switch to single', () => observer.observe({ type: 'mark' }));
setImmediate(() => order.push('immediate 1'));
performance.mark('seen');
process.nextTick(() => order.push('tick'));
Promise.resolve().then(() => order.push('microtask'));
setImmediate(() => {
  order.push('immediate 2');
  console.log(order);
  afterObservers();
});

function afterObservers() {
  // histograms
  const h = createHistogram();
  console.log(h.count, h.min, h.max, h.mean, h.stddev, h.exceeds, h.percentiles, h.minBigInt);
  for (const v of [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1000, 12345, 999999]) h.record(v);
  console.log(h.count, h.min, h.max, h.mean, h.stddev, h.percentile(50), h.percentile(99), h.percentileBigInt(100));
  console.log(h.percentiles, h.percentilesBigInt);
  console.log(JSON.stringify(h));
  const small = createHistogram({ lowest: 1, highest: 100, figures: 2 });
  for (const v of [1, 50, 99, 100, 101, 500, 7, 3n]) small.record(v);
  console.log(small.count, small.exceeds, small.max, small.percentiles);
  h.add(small);
  console.log(h.count, h.exceeds, h.max);
  h.reset();
  console.log(h.count, h.exceeds, h.max);
  attempt('lowest 0', () => createHistogram({ lowest: 0 }));
  attempt('figures 6', () => createHistogram({ figures: 6 }));
  attempt('highest < 2*lowest', () => createHistogram({ lowest: 10, highest: 5 }));
  attempt('record 0', () => createHistogram().record(0));
  attempt('record 1.5', () => createHistogram().record(1.5));
  attempt('percentile 0', () => createHistogram().percentile(0));
  attempt('add 1', () => createHistogram().add(1));
  attempt('resolution 0', () => monitorEventLoopDelay({ resolution: 0 }));
  const eld = monitorEventLoopDelay({ resolution: 10 });
  console.log(eld.enable(), eld.enable(), eld.disable(), eld.disable(), eld.count);

  // timerify
  attempt('timerify 1', () => timerify(1));
  attempt('timerify histogram', () => timerify(() => {}, { histogram: 1 }));
  function add(a, b) {
    return a + b;
  }
  const timed = timerify(add);
  console.log(timed.name, timed.length, timed === timerify(add), timed(2, 3));
  class Thing {}
  console.log(new (timerify(Thing))() instanceof Thing);
  const functionObserver = new PerformanceObserver((list) => {
    const [entry] = list.getEntries();
    console.log(entry.entryType, entry.name, entry.detail, entry[0], entry[1]);
    functionObserver.disconnect();
    afterTimerify();
  });
  functionObserver.observe({ type: 'function' });
  timed(4, 5);
}

function afterTimerify() {
  // punycode
  console.log(punycode.version, punycode.encode('Bücher'), punycode.decode('Bcher-kva'), punycode.toASCII('mañana.com'),
    punycode.toUnicode('xn--maana-pta.com'), punycode.toASCII('a.b。c．ｄ｡é'), punycode.ucs2.decode('a\uD834\uDF06'),
    punycode.ucs2.encode([0x61, 0x1D306]));
  for (const input of [' ', 'α-', 'zz', '9999999999999a', 'a-', '-']) attempt(`decode ${JSON.stringify(input)}`, () => punycode.decode(input));
}
