'use strict';
// The performance timeline: PerformanceEntry, the buffers performance.getEntries*() read
// (marks, measures, resource timings), and PerformanceObserver, whose observers get the
// entries queued for them in a list from an immediate, as node's.

const processMethods = binding.processMethods();
const {
  codedError, illegalConstructor, invalidArgType, invalidArgValue, invalidThis, missingArgs, validateFunction, validateObject,
} = require('internal/errors');
const { DOMException } = require('internal/per_context/domexception');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kSkipThrow = Symbol('kSkipThrow');
const kName = Symbol('kName');
const kType = Symbol('kType');
const kStart = Symbol('kStart');
const kDuration = Symbol('kDuration');
const kDetail = Symbol('kDetail');
const kBuffer = Symbol('kBuffer');
const kEntryTypes = Symbol('kEntryTypes');
const kObservationKind = Symbol('kObservationKind');
const kCallback = Symbol('kCallback');

const kSupportedEntryTypes = Object.freeze(['dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource']);

// Options for inspecting what a custom inspection shows, one level deeper.
function inspectNested(options) {
  return { ...options, depth: options.depth == null ? null : options.depth - 1 };
}

class PerformanceEntry {
  constructor(skipThrow = undefined, name = undefined, type = undefined, start = undefined, duration = undefined) {
    if (skipThrow !== kSkipThrow) throw illegalConstructor();
    this[kName] = name;
    this[kType] = type;
    this[kStart] = start;
    this[kDuration] = duration;
  }

  get name() {
    checkEntry(this);
    return this[kName];
  }
  get entryType() {
    checkEntry(this);
    return this[kType];
  }
  get startTime() {
    checkEntry(this);
    return this[kStart];
  }
  get duration() {
    checkEntry(this);
    return this[kDuration];
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    return `${this.constructor.name} ${inspect(this.toJSON(), inspectNested(options))}`;
  }

  toJSON() {
    checkEntry(this);
    return { name: this[kName], entryType: this[kType], startTime: this[kStart], duration: this[kDuration] };
  }
}
for (const name of ['name', 'entryType', 'startTime', 'duration']) {
  Object.defineProperty(PerformanceEntry.prototype, name, { enumerable: true });
}

function isPerformanceEntry(value) {
  return value != null && typeof value === 'object' && kName in value;
}
function checkEntry(value) {
  if (!isPerformanceEntry(value)) throw invalidThis('PerformanceEntry');
}

// An entry of node's own (gc, function, http, net, dns): its detail, inspected too.
class PerformanceNodeEntry extends PerformanceEntry {
  get detail() {
    checkEntry(this);
    return this[kDetail];
  }

  toJSON() {
    return { ...super.toJSON(), detail: this[kDetail] };
  }
}
Object.defineProperty(PerformanceNodeEntry.prototype, 'detail', { enumerable: true });

function createNodeEntry(name, type, start, duration, detail) {
  const entry = new PerformanceNodeEntry(kSkipThrow, name, type, start, duration);
  entry[kDetail] = detail;
  return entry;
}

// ---- the timeline's buffers ----

let markBuffer = [];
let measureBuffer = [];
let resourceBuffer = [];
let resourceOverflow = [];
let resourceBufferLimit = 250;
let resourceBufferFullPending = false;
let dispatchBufferFull;
const kBufferWarnSize = 1e6;
const warnedBufferTypes = new Set();

const byStartTime = (first, second) => first.startTime - second.startTime;

// Marks and measures go into performance's buffer; a million of one type warns of a leak.
function bufferUserTiming(entry) {
  const type = entry.entryType;
  const buffer = type === 'mark' ? markBuffer : measureBuffer;
  buffer.push(entry);
  if (buffer.length > kBufferWarnSize && !warnedBufferTypes.has(type)) {
    warnedBufferTypes.add(type);
    const warning = new Error(`Possible perf_hooks memory leak detected. ${buffer.length} ${type} entries added to ` +
      `the global performance entry buffer. Use performance.clear${type === 'mark' ? 'Marks' : 'Measures'} to clear the buffer.`);
    warning.name = 'MaxPerformanceEntryBufferExceededWarning';
    warning.entryType = type;
    warning.count = buffer.length;
    process.emitWarning(warning);
  }
}

// The Resource Timing standard's "add a PerformanceResourceTiming entry": past the limit,
// entries wait in a secondary buffer while 'resourcetimingbufferfull' listeners (dispatched
// from an immediate) may clear the buffer or raise the limit; those that still do not fit
// are dropped.
function bufferResourceTiming(entry) {
  if (resourceBuffer.length < resourceBufferLimit && !resourceBufferFullPending) {
    resourceBuffer.push(entry);
    return;
  }
  if (!resourceBufferFullPending) {
    resourceBufferFullPending = true;
    setImmediate(() => {
      while (resourceOverflow.length > 0) {
        const waitingBefore = resourceOverflow.length;
        dispatchBufferFull('resourcetimingbufferfull');
        const room = Math.max(Math.min(resourceBufferLimit - resourceBuffer.length, resourceOverflow.length), 0);
        for (let i = 0; i < room; i++) resourceBuffer.push(resourceOverflow[i]);
        resourceOverflow = resourceOverflow.slice(room);
        if (waitingBefore <= resourceOverflow.length) resourceOverflow = [];
      }
      resourceBufferFullPending = false;
    });
  }
  resourceOverflow.push(entry);
}

// maxSize as a WebIDL unsigned long.
function setResourceTimingBufferSize(maxSize) {
  if (typeof maxSize === 'bigint' || typeof maxSize === 'symbol') {
    const kind = typeof maxSize === 'bigint' ? 'BigInt' : 'Symbol';
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `maxSize is a ${kind} and cannot be converted to a number.`);
  }
  const number = +maxSize;
  resourceBufferLimit = Number.isFinite(number) ? Math.trunc(number) >>> 0 : 0;
}

function setDispatchBufferFull(dispatch) {
  dispatchBufferFull = dispatch;
}

function bufferOfType(type) {
  switch (type) {
    case 'mark': return markBuffer;
    case 'measure': return measureBuffer;
    case 'resource': return resourceBuffer;
  }
}

function filterBufferMapByNameAndType(name, type) {
  let entries;
  if (type === undefined) {
    entries = [...markBuffer, ...measureBuffer, ...resourceBuffer];
  } else {
    entries = bufferOfType(type)?.slice() ?? [];
  }
  if (name !== undefined) entries = entries.filter((entry) => entry.name === name);
  return entries.sort(byStartTime);
}

function clearEntriesFromBuffer(type, name) {
  const keep = name === undefined ? () => false : (entry) => entry.name !== name;
  switch (type) {
    case 'mark': markBuffer = markBuffer.filter(keep); break;
    case 'measure': measureBuffer = measureBuffer.filter(keep); break;
    case 'resource': resourceBuffer = resourceBuffer.filter(keep); break;
  }
}

// ---- observers ----

const observers = new Set();
const pendingObservers = new Set();
let dispatchQueued = false;
// How many observers watch each of node's own entry types (which are made only when watched).
const observerCounts = { __proto__: null, dns: 0, gc: 0, http: 0, http2: 0, net: 0 };

function queueDispatch() {
  if (dispatchQueued) return;
  dispatchQueued = true;
  setImmediate(() => {
    dispatchQueued = false;
    const pending = [...pendingObservers];
    pendingObservers.clear();
    for (const observer of pending) observer[kCallback]();
  });
}

function countObservers(types, change) {
  for (const type of types) {
    if (observerCounts[type] === undefined) continue;
    observerCounts[type] += change;
    if (type === 'gc') trackGarbageCollection(observerCounts.gc > 0);
  }
}

function hasObserver(type) {
  return observerCounts[type] > 0;
}

// 'gc' entries: V8's collections, reported while someone observes them.
const natives = binding.perf();
let trackingGarbageCollection = false;
// gc and http2 entries have their detail's fields as accessors of their own too, deprecated
// (DEP0152).
const kDetailFieldsDeprecation = 'Custom PerformanceEntry accessors are deprecated. Please use the detail property.';
function reportGarbageCollection(kind, flags, startTime, duration) {
  enqueueWithDetailAccessors(createNodeEntry('gc', 'gc', startTime, duration, { kind, flags }));
}
function enqueueWithDetailAccessors(entry) {
  const { deprecate } = require('util');
  const fields = { ...entry[kDetail] };
  for (const key of Object.keys(fields)) {
    Object.defineProperty(entry, key, {
      get: deprecate(() => fields[key], kDetailFieldsDeprecation, 'DEP0152'),
      set: deprecate((value) => {
        fields[key] = value;
      }, kDetailFieldsDeprecation, 'DEP0152'),
      enumerable: true,
      configurable: true,
    });
  }
  enqueue(entry);
}
function trackGarbageCollection(observed) {
  if (observed === trackingGarbageCollection) return;
  trackingGarbageCollection = observed;
  natives.gcTrack(observed ? reportGarbageCollection : undefined);
}

class PerformanceObserverEntryList {
  constructor(skipThrow = undefined, entries = []) {
    if (skipThrow !== kSkipThrow) throw illegalConstructor();
    this[kBuffer] = entries.sort(byStartTime);
  }

  getEntries() {
    checkEntryList(this);
    return this[kBuffer].slice();
  }

  getEntriesByType(type) {
    checkEntryList(this);
    if (arguments.length === 0) throw missingArgs('type');
    type = `${type}`;
    return this[kBuffer].filter((entry) => entry.entryType === type);
  }

  getEntriesByName(name, type = undefined) {
    checkEntryList(this);
    if (arguments.length === 0) throw missingArgs('name');
    name = `${name}`;
    if (type != null) {
      type = `${type}`;
      return this[kBuffer].filter((entry) => entry.name === name && entry.entryType === type);
    }
    return this[kBuffer].filter((entry) => entry.name === name);
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    return `PerformanceObserverEntryList ${inspect(this[kBuffer], inspectNested(options))}`;
  }
}

function checkEntryList(value) {
  if (value == null || typeof value !== 'object' || !(kBuffer in value) || kCallback in value) {
    throw invalidThis('PerformanceObserverEntryList');
  }
}

const kSingle = 0;
const kMultiple = 1;

class PerformanceObserver {
  constructor(callback) {
    validateFunction(callback, 'callback');
    this[kBuffer] = [];
    this[kEntryTypes] = new Set();
    this[kObservationKind] = undefined;
    const observer = this;
    this[kCallback] = function dispatch() {
      const list = new PerformanceObserverEntryList(kSkipThrow, observer.takeRecords());
      callback.call(observer, list, observer);
    };
  }

  observe(options = {}) {
    checkObserver(this);
    validateObject(options, 'options');
    const { entryTypes, type, buffered } = { ...options };
    if (entryTypes === undefined && type === undefined) throw missingArgs('options.entryTypes', 'options.type');
    if (entryTypes != null && type != null) {
      throw invalidArgValue('options.entryTypes', entryTypes, 'options.entryTypes can not set with options.type together');
    }
    switch (this[kObservationKind]) {
      case undefined:
        this[kObservationKind] = entryTypes !== undefined ? kMultiple : kSingle;
        break;
      case kSingle:
        if (entryTypes !== undefined) {
          throw new DOMException('PerformanceObserver can not change to multiple observations', 'InvalidModificationError');
        }
        break;
      case kMultiple:
        if (type !== undefined) {
          throw new DOMException('PerformanceObserver can not change to single observation', 'InvalidModificationError');
        }
        break;
    }
    if (this[kObservationKind] === kMultiple) {
      if (!Array.isArray(entryTypes)) throw invalidArgType('options.entryTypes', 'string[]', entryTypes);
      countObservers(this[kEntryTypes], -1);
      this[kEntryTypes].clear();
      for (const entryType of entryTypes) {
        if (kSupportedEntryTypes.includes(entryType) && !this[kEntryTypes].has(entryType)) {
          this[kEntryTypes].add(entryType);
          countObservers([entryType], 1);
        }
      }
    } else {
      if (!kSupportedEntryTypes.includes(type)) return;
      if (!this[kEntryTypes].has(type)) {
        this[kEntryTypes].add(type);
        countObservers([type], 1);
      }
      if (buffered) {
        this[kBuffer].push(...filterBufferMapByNameAndType(undefined, type));
        pendingObservers.add(this);
        queueDispatch();
      }
    }
    if (this[kEntryTypes].size) observers.add(this);
    else this.disconnect();
  }

  disconnect() {
    checkObserver(this);
    countObservers(this[kEntryTypes], -1);
    observers.delete(this);
    pendingObservers.delete(this);
    this[kBuffer] = [];
    this[kEntryTypes].clear();
    this[kObservationKind] = undefined;
  }

  takeRecords() {
    checkObserver(this);
    const records = this[kBuffer];
    this[kBuffer] = [];
    return records;
  }

  static get supportedEntryTypes() {
    return kSupportedEntryTypes;
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    return `PerformanceObserver ${inspect({
      connected: observers.has(this),
      pending: pendingObservers.has(this),
      entryTypes: [...this[kEntryTypes]],
      buffer: this[kBuffer],
    }, inspectNested(options))}`;
  }
}

// Their methods enumerable, as WebIDL's.
for (const [Class, names] of [[PerformanceEntry, ['toJSON']], [PerformanceObserver, ['observe', 'disconnect', 'takeRecords']],
  [PerformanceObserverEntryList, ['getEntries', 'getEntriesByType', 'getEntriesByName']]]) {
  for (const name of names) Object.defineProperty(Class.prototype, name, { enumerable: true });
}

function checkObserver(value) {
  if (value == null || typeof value !== 'object' || !(kCallback in value)) throw invalidThis('PerformanceObserver');
}

// Hands an entry to the observers watching its type.
function enqueue(entry) {
  if (!isPerformanceEntry(entry)) throw invalidArgType('entry', 'an instance of PerformanceEntry', entry);
  for (const observer of observers) {
    if (!observer[kEntryTypes].has(entry.entryType)) continue;
    observer[kBuffer].push(entry);
    pendingObservers.add(observer);
    queueDispatch();
  }
}

// node's startPerf/stopPerf: what http, net and dns time for their entries.
function startPerf(target, key, context) {
  target[key] = { ...context, startTime: performanceNow() };
}
function stopPerf(target, key, context = {}) {
  const started = target[key];
  if (started === undefined) return;
  const entry = createNodeEntry(started.name, started.type, started.startTime, performanceNow() - started.startTime,
    { ...started.detail, ...context.detail });
  target[key] = undefined;
  enqueue(entry);
}

// performance.now(): milliseconds since this thread's time origin.
const clockStart = internals.perfClockStart;
function performanceNow() {
  return processMethods.now() + clockStart;
}

module.exports = {
  PerformanceEntry,
  PerformanceNodeEntry,
  PerformanceObserver,
  PerformanceObserverEntryList,
  bufferResourceTiming,
  bufferUserTiming,
  clearEntriesFromBuffer,
  createNodeEntry,
  enqueue,
  enqueueWithDetailAccessors,
  filterBufferMapByNameAndType,
  hasObserver,
  inspectNested,
  isPerformanceEntry,
  kDetail,
  kSkipThrow,
  performanceNow,
  setDispatchBufferFull,
  setResourceTimingBufferSize,
  startPerf,
  stopPerf,
};
