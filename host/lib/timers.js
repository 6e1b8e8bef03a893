'use strict';
// node:timers: the global timer functions (their machinery is internal/timers, as in node,
// where stepping into setTimeout lands here), and timers/promises as `promises`.

const { validateFunction } = require('internal/errors');
const { Timeout, Immediate, clearTimer, enqueueImmediate, cancelImmediate } = require('internal/timers');

function setTimeout(callback, after, ...args) {
  validateFunction(callback, 'callback');
  return new Timeout(callback, after, args, false);
}

function clearTimeout(timer) {
  clearTimer(timer);
}

function setInterval(callback, repeat, ...args) {
  validateFunction(callback, 'callback');
  return new Timeout(callback, repeat, args, true);
}

function clearInterval(timer) {
  clearTimer(timer);
}

function setImmediate(callback, ...args) {
  validateFunction(callback, 'callback');
  const immediate = new Immediate(callback, args);
  enqueueImmediate(immediate);
  return immediate;
}

function clearImmediate(immediate) {
  cancelImmediate(immediate);
}

// util.promisify(setTimeout) and util.promisify(setImmediate) are timers/promises' forms.
for (const timer of [setTimeout, setImmediate]) {
  Object.defineProperty(timer, Symbol.for('nodejs.util.promisify.custom'), {
    enumerable: true,
    get() { return require('timers/promises')[timer.name]; },
  });
}

const timers = { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate };
Object.defineProperty(timers, 'promises', {
  get: () => require('timers/promises'),
  enumerable: true,
  configurable: true,
});
module.exports = timers;
