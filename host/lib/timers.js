'use strict';
// node:timers: the global timer functions, and timers/promises as `promises`.

const timers = { ...require('internal/timers').publicApi };
Object.defineProperty(timers, 'promises', {
  get: () => require('timers/promises'),
  enumerable: true,
  configurable: true,
});
module.exports = timers;
