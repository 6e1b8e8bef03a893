// The order of nextTick, microtasks, timers and immediates, as node runs them. Scheduled from
// inside a timer callback, where node's order is fixed (from the main module, setTimeout(0)
// against setImmediate is a race in node too).
const log = [];
function start() {
  setTimeout(() => {
    log.push('timeout 1');
    process.nextTick(() => log.push('tick inside timeout 1'));
    Promise.resolve().then(() => log.push('microtask inside timeout 1'));
  }, 15);
  setTimeout(() => log.push('timeout 2'), 15);
  setImmediate(() => {
    log.push('immediate 1');
    setImmediate(() => log.push('immediate added by immediate 1'));
    process.nextTick(() => log.push('tick inside immediate 1'));
  });
  setImmediate(() => log.push('immediate 2'));
  Promise.resolve().then(() => {
    log.push('microtask 1');
    process.nextTick(() => log.push('tick from microtask'));
  });
  queueMicrotask(() => log.push('queueMicrotask'));
  process.nextTick(() => {
    log.push('tick 1');
    Promise.resolve().then(() => log.push('microtask from tick'));
    process.nextTick(() => log.push('tick from tick'));
  });
  process.nextTick(() => log.push('tick 2'));
  log.push('timer callback body');
  setTimeout(() => {
    for (const line of log) console.log(line);
  }, 40);
}
process.nextTick(() => log.push('main tick'));
Promise.resolve().then(() => log.push('main microtask'));
setTimeout(start, 0);
log.push('main');
