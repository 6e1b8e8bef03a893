'use strict';
// Timers and immediates. The loop reads binding.fields to know what keeps it alive and when
// the next timer is due; it calls processTimers and processImmediates in node's order.

const { fields } = binding;
const REFED_TIMERS = 0, NEXT_TIMER_MS = 1, IMMEDIATES = 2, REFED_IMMEDIATES = 3;
const TIMEOUT_MAX = 2 ** 31 - 1;
const heap = []; // min-heap of Timeout by (when, seq)
const byId = new Map();
let seq = 0;
let nextId = 1;
let refedTimers = 0;

function less(a, b) {
  return a._when < b._when || (a._when === b._when && a._seq < b._seq);
}
function push(timer) {
  heap.push(timer);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}
function pop() {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}
function publish() {
  while (heap.length > 0 && heap[0]._destroyed) pop();
  fields[REFED_TIMERS] = refedTimers;
  fields[NEXT_TIMER_MS] = heap.length > 0 ? heap[0]._when : -1;
}

const { validateFunction } = require('internal/errors');
const { initAsyncResource, runAsResource, destroyResource } = require('internal/async_hooks');
const validateCallback = (callback) => validateFunction(callback, 'callback');

function normalizeDelay(after) {
  after *= 1;
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX) {
      process.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`,
        'TimeoutOverflowWarning');
    }
    after = 1;
  }
  return after;
}

class Timeout {
  constructor(callback, after, args, repeat) {
    this._idleTimeout = normalizeDelay(after);
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = repeat ? this._idleTimeout : null;
    this._destroyed = false;
    this._refed = true;
    this._id = nextId++;
    refedTimers++;
    initAsyncResource(this, 'Timeout');
    this._schedule();
  }
  _schedule() {
    this._when = binding.loopTime() + this._idleTimeout;
    this._seq = seq++;
    push(this);
    publish();
  }
  ref() {
    if (!this._refed) {
      this._refed = true;
      if (!this._destroyed) refedTimers++;
      publish();
    }
    return this;
  }
  unref() {
    if (this._refed) {
      this._refed = false;
      if (!this._destroyed) refedTimers--;
      publish();
    }
    return this;
  }
  hasRef() {
    return this._refed;
  }
  refresh() {
    if (!this._destroyed) {
      const index = heap.indexOf(this);
      if (index !== -1) {
        heap.splice(index, 1);
        heap.sort((a, b) => (less(a, b) ? -1 : 1)); // a sorted array is a valid heap
      }
      this._schedule();
    }
    return this;
  }
  close() {
    clearTimeout(this);
    return this;
  }
  [Symbol.toPrimitive]() {
    byId.set(this._id, this);
    return this._id;
  }
}

function clearTimeout(timer) {
  if (typeof timer === 'number' || typeof timer === 'string') timer = byId.get(Number(timer));
  if (timer instanceof Timeout && !timer._destroyed) {
    timer._destroyed = true;
    if (timer._refed) refedTimers--;
    byId.delete(timer._id);
    destroyResource(timer);
    publish();
  }
}

function setTimeout(callback, after, ...args) {
  validateCallback(callback);
  return new Timeout(callback, after, args, false);
}
function setInterval(callback, repeat, ...args) {
  validateCallback(callback);
  return new Timeout(callback, repeat, args, true);
}

function processTimers(now) {
  while (heap.length > 0) {
    const timer = heap[0];
    if (timer._destroyed) {
      pop();
      continue;
    }
    if (timer._when > now) break;
    pop();
    try {
      if (timer._repeat === null) {
        timer._destroyed = true;
        if (timer._refed) refedTimers--;
        byId.delete(timer._id);
        destroyResource(timer);
      }
      publish();
      runAsResource(timer, timer._onTimeout, timer, timer._timerArgs);
    } finally {
      if (timer._repeat !== null && !timer._destroyed) {
        timer._when = now + timer._repeat;
        timer._seq = seq++;
        push(timer);
      }
      publish();
    }
    internals.processTicksAndRejections();
  }
  publish();
}

// Immediates run in insertion order; those added while running wait for the next turn.
let immediates = [];
let refedImmediates = 0;

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this._refed = true;
    refedImmediates++;
    initAsyncResource(this, 'Immediate');
  }
  ref() {
    if (!this._refed && !this._destroyed) {
      this._refed = true;
      refedImmediates++;
      publishImmediates();
    }
    return this;
  }
  unref() {
    if (this._refed && !this._destroyed) {
      this._refed = false;
      refedImmediates--;
      publishImmediates();
    }
    return this;
  }
  hasRef() {
    return this._refed;
  }
}

function publishImmediates() {
  fields[IMMEDIATES] = immediates.length;
  fields[REFED_IMMEDIATES] = refedImmediates;
}

function setImmediate(callback, ...args) {
  validateCallback(callback);
  const immediate = new Immediate(callback, args);
  immediates.push(immediate);
  publishImmediates();
  return immediate;
}

function clearImmediate(immediate) {
  if (immediate instanceof Immediate && !immediate._destroyed) {
    immediate._destroyed = true;
    if (immediate._refed) refedImmediates--;
    destroyResource(immediate);
    publishImmediates();
  }
}

// The immediates left when one threw: the loop calls processImmediates again for them once
// the exception has been handled (node's outstanding queue).
let outstanding = null;

function processImmediates() {
  let queue = outstanding;
  outstanding = null;
  if (queue === null) {
    queue = immediates;
    immediates = [];
  }
  publishImmediates();
  for (let i = 0; i < queue.length; i++) {
    const immediate = queue[i];
    if (immediate._destroyed) continue;
    immediate._destroyed = true;
    if (immediate._refed) refedImmediates--;
    publishImmediates();
    try {
      runAsResource(immediate, immediate._onImmediate, immediate, immediate._argv);
      destroyResource(immediate);
    } catch (err) {
      outstanding = queue.slice(i + 1);
      throw err;
    }
    internals.processTicksAndRejections();
  }
}

internals.processTimers = processTimers;
internals.processImmediates = processImmediates;
module.exports = {
  Timeout, Immediate,
  publicApi: { setTimeout, clearTimeout, setInterval, clearInterval: clearTimeout, setImmediate, clearImmediate },
};
