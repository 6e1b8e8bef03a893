// What runs next after an 'uncaughtException' listener handled a callback's exception: the
// phase goes on with its other due timers or immediates, then the ticks and microtasks the
// failed callback queued, before the next phase (as node's RunTimers and CheckImmediate).
process.on('uncaughtException', (err) => console.log('uncaught', err.message));
setTimeout(() => {
  setImmediate(() => {
    process.nextTick(() => console.log('tick from the failed immediate'));
    Promise.resolve().then(() => console.log('microtask from the failed immediate'));
    throw new Error('from an immediate');
  });
  setImmediate(() => console.log('second immediate'));
  setImmediate(() => {
    setImmediate(() => console.log('immediate of the next turn'));
    throw new Error('from a third immediate');
  });
  setImmediate(() => console.log('fourth immediate'));
  process.nextTick(() => console.log('tick from the failed timer'));
  Promise.resolve().then(() => console.log('microtask from the failed timer'));
  throw new Error('from a timer');
}, 1);
setTimeout(() => {
  queueMicrotask(() => {
    process.nextTick(() => console.log('tick from the failed microtask'));
    throw new Error('from a microtask');
  });
  queueMicrotask(() => console.log('next microtask'));
}, 30);
setTimeout(() => {
  require('fs').stat(__filename, () => {
    // Set from the callback: how long the stat takes depends on the machine's load.
    setTimeout(() => console.log('timer after the fs callback'), 20);
    process.nextTick(() => console.log('tick from the failed fs callback'));
    throw new Error('from an fs callback');
  });
}, 40);
