'use strict';
// The `performance` object (a Performance, an EventTarget): the user timing marks and
// measures, node's milestones (nodeTiming), the loop's utilization, timerify and resource
// timing entries.

const {
  codedError, illegalConstructor, invalidArgType, invalidArgValue, invalidThis, missingArgs, validateObject, validateString,
} = require('internal/errors');
const { DOMException } = require('internal/per_context/domexception');
const { EventTarget, Event, defineEventHandler, kTrustEvent } = require('internal/event_target');
const {
  PerformanceEntry, bufferResourceTiming, bufferUserTiming, clearEntriesFromBuffer, createNodeEntry, enqueue,
  filterBufferMapByNameAndType, inspectNested, kDetail, kSkipThrow, performanceNow, setDispatchBufferFull, setResourceTimingBufferSize,
} = require('internal/perf/observe');
const { isHistogram, RecordableHistogram } = require('internal/histogram');

const natives = binding.perf();
const kInspect = Symbol.for('nodejs.util.inspect.custom');

function now() {
  return performanceNow();
}

// ---- nodeTiming ----

// The process's milestones in performance.now() milliseconds, noted by the bootstrap.
const milestones = internals.perfMilestones;

// The loop's milestones (on the runtime clock natively, -1 until reached) and tallies.
const clockStart = internals.perfClockStart;
function loopTiming() {
  const [idleTime, loopCount, loopStart, loopExit, events, eventsWaiting] = natives.loopTiming();
  return {
    idleTime,
    loopCount,
    loopStart: loopStart < 0 ? -1 : loopStart + clockStart,
    loopExit: loopExit < 0 ? -1 : loopExit + clockStart,
    events,
    eventsWaiting,
  };
}

class PerformanceNodeTiming {
  constructor() {
    throw illegalConstructor();
  }
}
const nodeTimingGetters = {
  name: () => 'node',
  entryType: () => 'node',
  startTime: () => 0,
  duration: () => now(),
  nodeStart: () => milestones.nodeStart,
  v8Start: () => milestones.v8Start,
  bootstrapComplete: () => milestones.bootstrapComplete,
  environment: () => milestones.environment,
  loopStart: () => loopTiming().loopStart,
  loopExit: () => loopTiming().loopExit,
  idleTime: () => loopTiming().idleTime,
};
Object.setPrototypeOf(PerformanceNodeTiming.prototype, PerformanceEntry.prototype);
for (const [name, get] of Object.entries(nodeTimingGetters)) {
  Object.defineProperty(PerformanceNodeTiming.prototype, name, { get, enumerable: true, configurable: true });
}
Object.defineProperty(PerformanceNodeTiming.prototype, 'uvMetricsInfo', {
  get() {
    const { loopCount, events, eventsWaiting } = loopTiming();
    return { loopCount, events, eventsWaiting };
  },
  enumerable: true,
  configurable: true,
});
Object.defineProperty(PerformanceNodeTiming.prototype, kInspect, {
  value(depth, options, inspect) {
    if (depth < 0) return this;
    const nested = inspectNested(options);
    const shown = {};
    for (const name of Object.keys(nodeTimingGetters)) shown[name] = this[name];
    return `PerformanceNodeTiming ${inspect(shown, nested)}`;
  },
});
Object.defineProperty(PerformanceNodeTiming.prototype, 'toJSON', {
  value: function toJSON() {
    const json = {};
    for (const name of Object.keys(nodeTimingGetters)) json[name] = this[name];
    return json;
  },
  writable: true,
  configurable: true,
});
const nodeTiming = Object.create(PerformanceNodeTiming.prototype);
const nodeTimingReadOnly = new Set(['nodeStart', 'v8Start', 'environment', 'loopStart', 'loopExit', 'bootstrapComplete']);

// ---- eventLoopUtilization ----

function eventLoopUtilization(utilization1, utilization2) {
  const { loopStart, idleTime } = loopTiming();
  return utilizationOf(idleTime, loopStart, utilization1, utilization2);
}

// The utilization of a loop that started at `loopStart` (performance.now() time, -1 before)
// and has been idle `idleTime` ms: since then, since `utilization1`, or between the two given.
function utilizationOf(idleTime, loopStart, utilization1, utilization2) {
  if (loopStart <= 0) return { idle: 0, active: 0, utilization: 0 };
  if (utilization2) {
    const idle = utilization1.idle - utilization2.idle;
    const active = utilization1.active - utilization2.active;
    return { idle, active, utilization: active / (idle + active) };
  }
  const active = now() - loopStart - idleTime;
  if (!utilization1) return { idle: idleTime, active, utilization: active / (idleTime + active) };
  const idleDelta = idleTime - utilization1.idle;
  const activeDelta = active - utilization1.active;
  return { idle: idleDelta, active: activeDelta, utilization: activeDelta / (idleDelta + activeDelta) };
}

// A Worker's performance.eventLoopUtilization(): its loop's, read from its thread while it runs.
function workerEventLoopUtilization(threadId, utilization1, utilization2) {
  const timing = natives.workerLoopTiming(threadId);
  if (timing === undefined) return { idle: 0, active: 0, utilization: 0 };
  return utilizationOf(timing[0], timing[1], utilization1, utilization2);
}

// ---- user timing ----

const markTimes = new Map();

function invalidTimestamp(value) {
  return codedError(TypeError, 'ERR_PERFORMANCE_INVALID_TIMESTAMP', `${value} is not a valid timestamp`);
}
function invalidMeasureOptions(message) {
  return codedError(TypeError, 'ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS', message);
}

function markTime(name) {
  if (name === undefined) return undefined;
  if (typeof name === 'number') {
    if (name < 0) throw invalidTimestamp(name);
    return name;
  }
  name = `${name}`;
  if (nodeTimingReadOnly.has(name)) return nodeTiming[name];
  const time = markTimes.get(name);
  if (time === undefined) throw new DOMException(`The "${name}" performance mark has not been set`, 'SyntaxError');
  return time;
}

class PerformanceMark extends PerformanceEntry {
  constructor(name, options = undefined) {
    if (arguments.length === 0) throw missingArgs('name');
    name = `${name}`;
    if (nodeTimingReadOnly.has(name)) throw invalidArgValue('name', name);
    if (options != null) validateObject(options, 'options');
    const startTime = options?.startTime ?? now();
    if (typeof startTime !== 'number') throw invalidArgType('startTime', 'of type number', startTime);
    if (startTime < 0) throw invalidTimestamp(startTime);
    markTimes.set(name, startTime);
    const detail = options?.detail != null ? structuredClone(options.detail) : null;
    super(kSkipThrow, name, 'mark', startTime, 0);
    this[kDetail] = detail;
  }

  get detail() {
    if (this == null || !(kDetail in this)) throw invalidThis('PerformanceMark');
    return this[kDetail];
  }

  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this[kDetail] };
  }
}
Object.defineProperty(PerformanceMark.prototype, 'detail', { enumerable: true });
Object.defineProperty(PerformanceMark.prototype, Symbol.toStringTag, { value: 'PerformanceMark', configurable: true });

class PerformanceMeasure extends PerformanceEntry {
  constructor(skipThrow = undefined, name = undefined, type = undefined, start = undefined, duration = undefined) {
    if (skipThrow !== kSkipThrow) throw illegalConstructor();
    super(skipThrow, name, type, start, duration);
  }

  get detail() {
    if (this == null || !(kDetail in this)) throw invalidThis('PerformanceMeasure');
    return this[kDetail];
  }

  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this[kDetail] };
  }
}
Object.defineProperty(PerformanceMeasure.prototype, 'detail', { enumerable: true });
Object.defineProperty(PerformanceMeasure.prototype, Symbol.toStringTag, { value: 'PerformanceMeasure', configurable: true });

function measureStartAndDuration(startOrOptions, endMark) {
  startOrOptions ??= 0;
  let start;
  let end;
  let duration;
  let withOptions = false;
  if (typeof startOrOptions === 'object') {
    ({ start, end, duration } = startOrOptions);
    withOptions = start !== undefined || end !== undefined;
  }
  if (withOptions) {
    if (endMark !== undefined) throw invalidMeasureOptions('endMark must not be specified');
    if (start !== undefined && end !== undefined && duration !== undefined) {
      throw invalidMeasureOptions('Must not have options.start, options.end, and options.duration specified');
    }
  }
  if (endMark !== undefined) {
    end = markTime(endMark);
  } else if (withOptions && end !== undefined) {
    end = markTime(end);
  } else if (withOptions && start !== undefined && duration !== undefined) {
    end = markTime(start) + markTime(duration);
  } else {
    end = now();
  }
  if (typeof startOrOptions === 'string') {
    start = markTime(startOrOptions);
  } else if (withOptions && start !== undefined) {
    start = markTime(start);
  } else if (withOptions && duration !== undefined && end !== undefined) {
    start = end - markTime(duration);
  } else {
    start = 0;
  }
  return { start, duration: end - start };
}

function checkPerformance(value) {
  if (value !== performance) throw invalidThis('Performance');
}

function mark(name, options = undefined) {
  checkPerformance(this);
  const entry = arguments.length === 0 ? new PerformanceMark() : new PerformanceMark(name, options);
  enqueue(entry);
  bufferUserTiming(entry);
  return entry;
}

function measure(name, startOrOptions = undefined, endMark = undefined) {
  checkPerformance(this);
  if (arguments.length === 0) throw missingArgs('name');
  validateString(name, 'name');
  const { start, duration } = measureStartAndDuration(startOrOptions, endMark);
  const detail = startOrOptions?.detail != null ? structuredClone(startOrOptions.detail) : null;
  const entry = new PerformanceMeasure(kSkipThrow, name, 'measure', start, duration);
  entry[kDetail] = detail;
  enqueue(entry);
  bufferUserTiming(entry);
  return entry;
}

function clearMarks(name = undefined) {
  checkPerformance(this);
  if (name !== undefined) {
    name = `${name}`;
    if (nodeTimingReadOnly.has(name)) throw invalidArgValue('name', name);
    markTimes.delete(name);
  } else {
    markTimes.clear();
  }
  clearEntriesFromBuffer('mark', name);
}

function clearMeasures(name = undefined) {
  checkPerformance(this);
  clearEntriesFromBuffer('measure', name === undefined ? undefined : `${name}`);
}

function clearResourceTimings(name = undefined) {
  checkPerformance(this);
  clearEntriesFromBuffer('resource', name === undefined ? undefined : `${name}`);
}

function getEntries() {
  checkPerformance(this);
  return filterBufferMapByNameAndType();
}

function getEntriesByName(name, type = undefined) {
  checkPerformance(this);
  if (arguments.length === 0) throw missingArgs('name');
  return filterBufferMapByNameAndType(`${name}`, type === undefined ? undefined : `${type}`);
}

function getEntriesByType(type) {
  checkPerformance(this);
  if (arguments.length === 0) throw missingArgs('type');
  return filterBufferMapByNameAndType(undefined, `${type}`);
}

// ---- resource timing ----

const kTimingInfo = Symbol('kTimingInfo');
const kInitiatorType = Symbol('kInitiatorType');
const kCacheMode = Symbol('kCacheMode');
const kResponseStatus = Symbol('kResponseStatus');
const kDeliveryType = Symbol('kDeliveryType');

function timing(entry) {
  if (entry == null || !(kTimingInfo in entry)) throw invalidThis('PerformanceResourceTiming');
  return entry[kTimingInfo];
}

class PerformanceResourceTiming extends PerformanceEntry {
  constructor(skipThrow = undefined, name = undefined, type = undefined) {
    if (skipThrow !== kSkipThrow) throw illegalConstructor();
    super(skipThrow, name, type);
  }

  get name() {
    timing(this);
    return super.name;
  }
  get startTime() {
    return timing(this).startTime;
  }
  get duration() {
    const info = timing(this);
    return info.endTime - info.startTime;
  }
  get initiatorType() {
    timing(this);
    return this[kInitiatorType];
  }
  get workerStart() {
    return timing(this).finalServiceWorkerStartTime;
  }
  get redirectStart() {
    return timing(this).redirectStartTime;
  }
  get redirectEnd() {
    return timing(this).redirectEndTime;
  }
  get fetchStart() {
    return timing(this).postRedirectStartTime;
  }
  get domainLookupStart() {
    return timing(this).finalConnectionTimingInfo?.domainLookupStartTime;
  }
  get domainLookupEnd() {
    return timing(this).finalConnectionTimingInfo?.domainLookupEndTime;
  }
  get connectStart() {
    return timing(this).finalConnectionTimingInfo?.connectionStartTime;
  }
  get connectEnd() {
    return timing(this).finalConnectionTimingInfo?.connectionEndTime;
  }
  get secureConnectionStart() {
    return timing(this).finalConnectionTimingInfo?.secureConnectionStartTime;
  }
  get nextHopProtocol() {
    return timing(this).finalConnectionTimingInfo?.ALPNNegotiatedProtocol;
  }
  get requestStart() {
    return timing(this).finalNetworkRequestStartTime;
  }
  get responseStart() {
    return timing(this).finalNetworkResponseStartTime;
  }
  get responseEnd() {
    return timing(this).endTime;
  }
  get encodedBodySize() {
    return timing(this).encodedBodySize;
  }
  get decodedBodySize() {
    return timing(this).decodedBodySize;
  }
  get transferSize() {
    const info = timing(this);
    if (this[kCacheMode] === 'local') return 0;
    if (this[kCacheMode] === 'validated') return 300;
    return info.encodedBodySize + 300;
  }
  get deliveryType() {
    timing(this);
    return this[kDeliveryType];
  }
  get responseStatus() {
    timing(this);
    return this[kResponseStatus];
  }

  toJSON() {
    timing(this);
    return {
      name: this.name,
      entryType: this.entryType,
      startTime: this.startTime,
      duration: this.duration,
      initiatorType: this.initiatorType,
      nextHopProtocol: this.nextHopProtocol,
      workerStart: this.workerStart,
      redirectStart: this.redirectStart,
      redirectEnd: this.redirectEnd,
      fetchStart: this.fetchStart,
      domainLookupStart: this.domainLookupStart,
      domainLookupEnd: this.domainLookupEnd,
      connectStart: this.connectStart,
      connectEnd: this.connectEnd,
      secureConnectionStart: this.secureConnectionStart,
      requestStart: this.requestStart,
      responseStart: this.responseStart,
      responseEnd: this.responseEnd,
      transferSize: this.transferSize,
      encodedBodySize: this.encodedBodySize,
      decodedBodySize: this.decodedBodySize,
      deliveryType: this.deliveryType,
      responseStatus: this.responseStatus,
    };
  }
}
// Enumerable as WebIDL attributes, but for those it overrides (PerformanceEntry's own are).
for (const name of Object.getOwnPropertyNames(PerformanceResourceTiming.prototype)) {
  if (!['constructor', 'name', 'startTime', 'duration'].includes(name)) {
    Object.defineProperty(PerformanceResourceTiming.prototype, name, { enumerable: true });
  }
}
Object.defineProperty(PerformanceResourceTiming.prototype, Symbol.toStringTag, { value: 'PerformanceResourceTiming', configurable: true });

// The Resource Timing standard's "mark resource timing" (what fetch calls; the sizes are the
// timing info's, `global` and `bodyInfo` are the standard's and unused).
function markResourceTiming(timingInfo, requestedUrl, initiatorType, global, cacheMode, bodyInfo, responseStatus,
  deliveryType = '') {
  checkPerformance(this);
  const entry = new PerformanceResourceTiming(kSkipThrow, requestedUrl, 'resource');
  entry[kTimingInfo] = timingInfo;
  entry[kInitiatorType] = initiatorType;
  entry[kCacheMode] = cacheMode;
  entry[kResponseStatus] = responseStatus;
  entry[kDeliveryType] = deliveryType;
  enqueue(entry);
  bufferResourceTiming(entry);
  return entry;
}

// ---- timerify ----

function timerifyComplete(name, start, args, histogram) {
  const duration = now() - start;
  if (histogram !== undefined) histogram.record(Math.ceil(duration * 1e6));
  const entry = createNodeEntry(name, 'function', start, duration, args);
  for (let i = 0; i < args.length; i++) entry[i] = args[i];
  enqueue(entry);
}

// A wrapper of `fn` that makes a 'function' entry of each call (or `new`), when a promise
// it returned settles if it returned one.
function timerify(fn, options = {}) {
  if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
  validateObject(options, 'options');
  const { histogram } = options;
  if (histogram !== undefined && (!isHistogram(histogram) || !(histogram instanceof RecordableHistogram))) {
    throw invalidArgType('options.histogram', 'an instance of RecordableHistogram', histogram);
  }
  function timerified(...args) {
    const constructing = new.target !== undefined;
    const start = now();
    const result = constructing ? Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
    if (!constructing && typeof result?.finally === 'function') {
      return result.finally(() => timerifyComplete(fn.name, start, args, histogram));
    }
    timerifyComplete(fn.name, start, args, histogram);
    return result;
  }
  Object.defineProperties(timerified, {
    length: { value: fn.length, enumerable: true },
    name: { value: `timerified ${fn.name}`, enumerable: true },
  });
  return timerified;
}

// ---- Performance ----

class Performance extends EventTarget {
  constructor() {
    throw illegalConstructor();
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    const nested = inspectNested(options);
    return `Performance ${inspect({ nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin }, nested)}`;
  }
}

function performanceNowMethod() {
  checkPerformance(this);
  return now();
}
function toJSON() {
  checkPerformance(this);
  return { nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin, eventLoopUtilization: this.eventLoopUtilization() };
}
function setBufferSize(maxSize) {
  checkPerformance(this);
  if (arguments.length === 0) throw missingArgs('maxSize');
  setResourceTimingBufferSize(maxSize);
}

const methods = {
  clearMarks, clearMeasures, clearResourceTimings, getEntries, getEntriesByName, getEntriesByType, mark, measure,
  now: performanceNowMethod, setResourceTimingBufferSize: setBufferSize,
};
for (const [name, value] of Object.entries(methods)) {
  Object.defineProperty(value, 'name', { value: name });
  Object.defineProperty(Performance.prototype, name, { value, writable: true, enumerable: true, configurable: true });
}
const timeOrigin = internals.perfTimeOrigin;
Object.defineProperty(Performance.prototype, 'timeOrigin', {
  get: function timeOriginGetter() {
    checkPerformance(this);
    return timeOrigin;
  },
  enumerable: true,
  configurable: true,
});
Object.defineProperty(Object.getOwnPropertyDescriptor(Performance.prototype, 'timeOrigin').get, 'name', { value: 'get timeOrigin' });
Object.defineProperty(Performance.prototype, 'toJSON', { value: toJSON, writable: true, enumerable: true, configurable: true });
Object.defineProperties(Performance.prototype, {
  eventLoopUtilization: { value: eventLoopUtilization, writable: true, configurable: true },
  nodeTiming: { value: nodeTiming, writable: true, configurable: true },
  markResourceTiming: { value: markResourceTiming, writable: true, configurable: true },
  timerify: { value: timerify, writable: true, configurable: true },
});
defineEventHandler(Performance.prototype, 'resourcetimingbufferfull');
Object.defineProperty(Performance.prototype, Symbol.toStringTag, { value: 'Performance', configurable: true });

const performance = Reflect.construct(EventTarget, [], Performance);

setDispatchBufferFull((type) => {
  performance.dispatchEvent(new Event(type, { [kTrustEvent]: true }));
});

module.exports = {
  Performance,
  PerformanceMark,
  PerformanceMeasure,
  PerformanceResourceTiming,
  eventLoopUtilization,
  performance,
  timerify,
  workerEventLoopUtilization,
};
