'use strict';
// Timers and immediates. The loop reads binding.fields to know what keeps it alive and when
// the next timer is due; it calls processTimers and processImmediates in node's order.

const processMethods = binding.processMethods();
const { fields } = binding;
const REFED_TIMERS = 0, NEXT_TIMER_MS = 1, IMMEDIATES = 2, REFED_IMMEDIATES = 3;
const TIMEOUT_MAX = 2 ** 31 - 1;
// Min-heap of entries { timer, when, seq, dueWhen, dueSeq } by (when, seq). An entry is live
// while its timer's _entry is it: clearing a timer only detaches its entry (O(1)), and detached
// entries are dropped when they reach the top or when they outnumber the live ones. Refreshing
// a timer (a socket's, on every read and write) only records its later key in dueWhen and
// dueSeq, as node's lists keep a refreshed timer in place: the entry takes that key when it
// reaches the top.
let heap = [];
let detachedEntries = 0;
const byId = new Map();
let seq = 0;
let nextId = 1;
let refedTimers = 0;

function less(a, b) {
  return a.when < b.when || (a.when === b.when && a.seq < b.seq);
}
function siftUp(i) {
  const entry = heap[i];
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(entry, heap[parent])) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = entry;
}
function siftDown(i) {
  const entry = heap[i];
  const length = heap.length;
  for (;;) {
    const l = 2 * i + 1, r = l + 1;
    let m = l;
    if (l >= length) break;
    if (r < length && less(heap[r], heap[l])) m = r;
    if (!less(heap[m], entry)) break;
    heap[i] = heap[m];
    i = m;
  }
  heap[i] = entry;
}
function push(entry) {
  heap.push(entry);
  siftUp(heap.length - 1);
}
function pop() {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    siftDown(0);
  }
  if (top.timer._entry !== top) detachedEntries--;
  return top;
}
function detach(timer) {
  if (timer._entry !== null) {
    timer._entry = null;
    detachedEntries++;
    if (detachedEntries > 64 && detachedEntries * 2 > heap.length) compact();
  }
}
function compact() {
  heap = heap.filter((entry) => entry.timer._entry === entry);
  detachedEntries = 0;
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
}
function publish() {
  while (heap.length > 0 && heap[0].timer._entry !== heap[0]) pop();
  fields[REFED_TIMERS] = refedTimers;
  fields[NEXT_TIMER_MS] = heap.length > 0 ? heap[0].when : -1;
}

const { initAsyncResource, runAsResource, destroyResource, bindToFrame } = require('internal/async_hooks');

// A delay outside [1, 2**31 - 1] runs after 1 ms; an overflow warns each time, a negative
// delay and a NaN given as a number once per process, as node's do.
let warnedNegative = false;
let warnedNaN = false;
function normalizeDelay(requested) {
  let after = requested * 1;
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX) {
      process.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`,
        'TimeoutOverflowWarning');
    } else if (after < 0 && !warnedNegative) {
      warnedNegative = true;
      process.emitWarning(`${after} is a negative number.\nTimeout duration was set to 1.`, 'TimeoutNegativeWarning');
    } else if (typeof requested === 'number' && Number.isNaN(after) && !warnedNaN) {
      warnedNaN = true;
      process.emitWarning(`${after} is not a number.\nTimeout duration was set to 1.`, 'TimeoutNaNWarning');
    }
    after = 1;
  }
  return after;
}

// Node keeps a list per whole number of milliseconds: a 1.8 ms timeout is due with the 1 ms
// ones, in the order they were set.
const dueAfter = (delay) => Math.trunc(delay);

class Timeout {
  constructor(callback, after, args, repeat) {
    this._idleTimeout = normalizeDelay(after);
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = repeat ? this._idleTimeout : null;
    this._destroyed = false;
    this._refed = true;
    this._id = nextId++;
    this._entry = null;
    refedTimers++;
    initAsyncResource(this, 'Timeout');
    this._schedule();
  }
  _schedule() {
    this._entry = newEntry(this, processMethods.loopTime() + dueAfter(this._idleTimeout));
    push(this._entry);
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
    if (this._destroyed) return this;
    const entry = this._entry;
    const when = processMethods.loopTime() + dueAfter(this._idleTimeout);
    if (entry !== null && when >= entry.when) {
      entry.dueWhen = when;
      entry.dueSeq = seq++;
    } else {
      detach(this);
      this._schedule();
    }
    return this;
  }
  close() {
    clearTimer(this);
    return this;
  }
  [Symbol.dispose]() {
    clearTimer(this);
  }
  [Symbol.toPrimitive]() {
    byId.set(this._id, this);
    return this._id;
  }
}

function newEntry(timer, when) {
  const order = seq++;
  return { timer, when, seq: order, dueWhen: when, dueSeq: order };
}

function destroyTimer(timer) {
  timer._destroyed = true;
  if (timer._refed) refedTimers--;
  byId.delete(timer._id);
  destroyResource(timer);
}

// clearTimeout's and clearInterval's work: a Timeout, or the id its number form gave.
function clearTimer(timer) {
  if (typeof timer === 'number' || typeof timer === 'string') timer = byId.get(Number(timer));
  if (timer instanceof Timeout && !timer._destroyed) {
    detach(timer);
    destroyTimer(timer);
    publish();
  }
}

function processTimers(now) {
  while (heap.length > 0) {
    const entry = heap[0];
    const timer = entry.timer;
    if (timer._entry !== entry) {
      pop();
      continue;
    }
    if (entry.when > now) break;
    if (entry.dueSeq !== entry.seq) {
      // Refreshed since it was placed: its key only grew, so it sinks from the top.
      entry.when = entry.dueWhen;
      entry.seq = entry.dueSeq;
      siftDown(0);
      continue;
    }
    pop();
    timer._entry = null;
    // A timer whose callback was taken away (or unenrolled) ends quietly, as in node.
    if (!timer._onTimeout || timer._idleTimeout === -1) {
      if (!timer._destroyed) destroyTimer(timer);
      publish();
      continue;
    }
    // As in node, a timeout counts as active until its callback returns, and one that its
    // callback refreshed lives on.
    try {
      publish();
      runAsResource(timer, timer._onTimeout, timer, timer._timerArgs);
    } finally {
      if (timer._repeat !== null && timer._idleTimeout !== -1 && !timer._destroyed) {
        detach(timer); // refreshed by its callback: the interval still counts from this run
        timer._entry = newEntry(timer, now + dueAfter(timer._repeat));
        push(timer._entry);
      } else if (timer._entry === null && !timer._destroyed) {
        destroyTimer(timer);
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
  [Symbol.dispose]() {
    cancelImmediate(this);
  }
}

// Closed handles' callbacks, run in the loop's close phase (right after the check phase's
// immediates). A closing handle keeps the loop alive, as in libuv.
let closeCallbacks = [];

function publishImmediates() {
  fields[IMMEDIATES] = immediates.length + closeCallbacks.length;
  fields[REFED_IMMEDIATES] = refedImmediates + closeCallbacks.length;
}

// A handle's close callback: it runs after this turn's immediates, as libuv's close phase.
function enqueueCloseCallback(callback) {
  closeCallbacks.push(bindToFrame(callback));
  publishImmediates();
}

// setImmediate's work: the immediate runs on the loop's next check phase.
function enqueueImmediate(immediate) {
  immediates.push(immediate);
  publishImmediates();
}

// clearImmediate's work.
function cancelImmediate(immediate) {
  if (immediate instanceof Immediate && !immediate._destroyed) {
    immediate._destroyed = true;
    immediate._onImmediate = null;
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
    // try/finally, not catch and rethrow: an uncaught exception's report shows where it was
    // thrown, and (as in node) the callback is gone before its error's stack is formatted.
    let completed = false;
    try {
      try {
        runAsResource(immediate, immediate._onImmediate, immediate, immediate._argv);
      } finally {
        immediate._onImmediate = null;
        destroyResource(immediate);
      }
      internals.processTicksAndRejections();
      completed = true;
    } finally {
      // Thrown by the callback or by the ticks it queued: the rest run after the handling.
      if (!completed) outstanding = queue.slice(i + 1);
    }
  }
  runCloseCallbacks();
}

// The close phase: the callbacks queued before it began. When one throws, the rest run when
// the loop calls processImmediates again (with no new immediates: `outstanding` is empty).
function runCloseCallbacks() {
  const queue = closeCallbacks;
  closeCallbacks = [];
  publishImmediates();
  for (let i = 0; i < queue.length; i++) {
    let completed = false;
    try {
      queue[i]();
      internals.processTicksAndRejections();
      completed = true;
    } finally {
      if (!completed) {
        closeCallbacks = queue.slice(i + 1).concat(closeCallbacks);
        outstanding = [];
        publishImmediates();
      }
    }
  }
}

// The refed timeouts and immediates, as process.getActiveResourcesInfo() counts them.
function activeTimerCounts() {
  return { timeouts: refedTimers, immediates: refedImmediates };
}

internals.processTimers = processTimers;
internals.processImmediates = processImmediates;
// A socket or stream timeout in ms, checked as node's setTimeout(msecs) methods check it.
function getTimerDuration(msecs, name) {
  const { invalidArgType, outOfRange } = require('internal/errors');
  if (typeof msecs !== 'number') throw invalidArgType(name, 'of type number', msecs);
  if (msecs < 0 || !Number.isFinite(msecs)) throw outOfRange(name, 'a non-negative finite number', msecs);
  if (msecs > TIMEOUT_MAX) {
    process.emitWarning(`${msecs} does not fit into a 32-bit signed integer.\nTimer duration was truncated to ${TIMEOUT_MAX}.`,
      'TimeoutOverflowWarning');
    return TIMEOUT_MAX;
  }
  return msecs;
}

module.exports = {
  Timeout, Immediate, clearTimer, enqueueImmediate, cancelImmediate, enqueueCloseCallback, activeTimerCounts, getTimerDuration,
};
