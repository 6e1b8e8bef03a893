'use strict';
// perf_hooks' histograms: HdrHistograms held natively (node's are its C HdrHistogram), a
// RecordableHistogram recorded from JS and the IntervalHistogram monitorEventLoopDelay
// samples the loop's delay into. A histogram cloned into a worker is the same histogram.

const {
  codedError, invalidArgType, outOfRange, validateInteger, validateObject,
} = require('internal/errors');
const { kClone, kDeserialize, markTransferMode } = require('internal/worker/js_transferable');
const { inspectNested } = require('internal/perf/observe');

const natives = binding.perf();
const kHandle = Symbol('kHandle');
const kEnabled = Symbol('kEnabled');
const kPercentiles = Symbol('kPercentiles');
const kTimer = Symbol('kTimer');
const kInspect = Symbol.for('nodejs.util.inspect.custom');

function isHistogram(value) {
  return value != null && typeof value === 'object' && kHandle in value;
}
function checkHistogram(value) {
  if (!isHistogram(value)) throw codedError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Histogram');
}

// The histogram's native state, made with the (validated) bounds, or adopted from another thread.
function attach(histogram, lowest, highest, figures) {
  histogram[kHandle] = natives.histogramCreate(histogram, lowest, highest, figures);
}

function stats(histogram) {
  checkHistogram(histogram);
  return natives.histogramStats(histogram[kHandle]);
}

class Histogram {
  constructor() {
    throw codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }

  get count() {
    return stats(this)[0];
  }
  get countBigInt() {
    return BigInt(stats(this)[0]);
  }
  get min() {
    return stats(this)[1];
  }
  get minBigInt() {
    const min = stats(this)[1];
    return min === 9223372036854775807 ? 9223372036854775807n : BigInt(min);
  }
  get max() {
    return stats(this)[2];
  }
  get maxBigInt() {
    return BigInt(stats(this)[2]);
  }
  get mean() {
    return stats(this)[3];
  }
  get exceeds() {
    return stats(this)[5];
  }
  get exceedsBigInt() {
    return BigInt(stats(this)[5]);
  }
  get stddev() {
    return stats(this)[4];
  }
  percentile(percentile) {
    checkHistogram(this);
    return Number(percentileOf(this, percentile));
  }
  percentileBigInt(percentile) {
    checkHistogram(this);
    return percentileOf(this, percentile);
  }
  get percentiles() {
    return percentileMap(this, Number);
  }
  get percentilesBigInt() {
    return percentileMap(this, (value) => value);
  }
  reset() {
    checkHistogram(this);
    natives.histogramReset(this[kHandle]);
  }
  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    const nested = inspectNested(options);
    return `Histogram ${inspect({
      min: this.min,
      max: this.max,
      mean: this.mean,
      exceeds: this.exceeds,
      stddev: this.stddev,
      count: this.count,
      percentiles: this.percentiles,
    }, nested)}`;
  }
  // A histogram in a message is the same histogram on the other side (as a plain Histogram,
  // or a RecordableHistogram for one).
  [kClone]() {
    return { data: { token: natives.histogramExport(this[kHandle]) }, deserializeInfo: 'internal/histogram:ClonedHistogram' };
  }
  [kDeserialize]({ token }) {
    this[kHandle] = natives.histogramImport(this, token);
  }
  toJSON() {
    return {
      count: this.count,
      min: this.min,
      max: this.max,
      mean: this.mean,
      exceeds: this.exceeds,
      stddev: this.stddev,
      percentiles: Object.fromEntries(this.percentiles),
    };
  }
}

function percentileOf(histogram, percentile) {
  if (typeof percentile !== 'number') throw invalidArgType('percentile', 'of type number', percentile);
  if (!(percentile > 0 && percentile <= 100)) throw outOfRange('percentile', '> 0 && <= 100', percentile);
  return natives.histogramPercentile(histogram[kHandle], percentile);
}

// As node's, each histogram has one Map its percentiles (or percentilesBigInt) are refilled into.
function percentileMap(histogram, convert) {
  checkHistogram(histogram);
  const flat = natives.histogramPercentiles(histogram[kHandle]);
  histogram[kPercentiles] ??= new Map();
  const map = histogram[kPercentiles];
  map.clear();
  for (let i = 0; i < flat.length; i += 2) map.set(flat[i], convert(flat[i + 1]));
  return map;
}

class RecordableHistogram extends Histogram {
  constructor() {
    throw codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }

  record(val) {
    checkRecordable(this);
    if (typeof val === 'bigint') {
      if (val < 1n || val > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw outOfRange('val', `>= 1 && <= ${Number.MAX_SAFE_INTEGER}`, val);
      }
    } else {
      validateInteger(val, 'val', 1);
    }
    natives.histogramRecord(this[kHandle], val);
  }

  // Records the nanoseconds since the previous call (nothing on the first).
  recordDelta() {
    checkRecordable(this);
    natives.histogramRecordDelta(this[kHandle]);
  }

  add(other) {
    checkRecordable(this);
    if (!(other instanceof RecordableHistogram) || !isHistogram(other)) {
      throw invalidArgType('other', 'an instance of RecordableHistogram', other);
    }
    natives.histogramAdd(this[kHandle], other[kHandle]);
  }

  [kClone]() {
    return { data: { token: natives.histogramExport(this[kHandle]) }, deserializeInfo: 'internal/histogram:ClonedRecordableHistogram' };
  }
}

function checkRecordable(value) {
  if (!(value instanceof RecordableHistogram) || !isHistogram(value)) {
    throw codedError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type RecordableHistogram');
  }
}

// A histogram object of a class, cloneable (what a message's structured clone makes on the
// receiving side before [kDeserialize], too).
function cloneTarget(Class) {
  const histogram = Reflect.construct(function Histogram() {}, [], Class);
  markTransferMode(histogram, true, false);
  return histogram;
}
class ClonedHistogram {
  constructor() {
    return cloneTarget(Histogram);
  }
}
class ClonedRecordableHistogram {
  constructor() {
    return cloneTarget(RecordableHistogram);
  }
}

function createRecordableHistogram(lowest, highest, figures) {
  const histogram = cloneTarget(RecordableHistogram);
  attach(histogram, lowest, highest, figures);
  return histogram;
}

function createHistogram(options = {}) {
  validateObject(options, 'options');
  const { lowest = 1, highest = Number.MAX_SAFE_INTEGER, figures = 3 } = options;
  if (typeof lowest !== 'bigint') validateInteger(lowest, 'options.lowest', 1, Number.MAX_SAFE_INTEGER);
  if (typeof highest !== 'bigint') {
    validateInteger(highest, 'options.highest', 2 * Number(lowest), Number.MAX_SAFE_INTEGER);
  } else if (highest < 2n * BigInt(lowest)) {
    throw outOfRange('options.highest', `>= ${2n * BigInt(lowest)} && <= ${Number.MAX_SAFE_INTEGER}`, highest);
  }
  validateInteger(figures, 'options.figures', 1, 5);
  return createRecordableHistogram(Number(lowest), Number(highest), figures);
}

// monitorEventLoopDelay's histogram: while enabled, an unref'd timer every `resolution` ms
// records the nanoseconds since its previous tick (the interval plus the loop's delay), as
// node's ELDHistogram does with a libuv timer.
class IntervalHistogram extends Histogram {
  constructor() {
    throw codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }

  enable() {
    checkInterval(this);
    if (this[kEnabled]) return false;
    this[kEnabled] = true;
    natives.histogramRecordDelta(this[kHandle], true);
    this[kTimer].interval = setInterval(() => natives.histogramRecordDelta(this[kHandle]), this[kTimer].resolution);
    this[kTimer].interval.unref();
    return true;
  }

  disable() {
    checkInterval(this);
    if (!this[kEnabled]) return false;
    this[kEnabled] = false;
    clearInterval(this[kTimer].interval);
    this[kTimer].interval = undefined;
    return true;
  }

  [Symbol.dispose]() {
    this.disable();
  }
}

function checkInterval(value) {
  if (!(value instanceof IntervalHistogram) || !isHistogram(value)) {
    throw codedError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type IntervalHistogram');
  }
}

function monitorEventLoopDelay(options = {}) {
  validateObject(options, 'options');
  const { resolution = 10 } = options;
  validateInteger(resolution, 'options.resolution', 1);
  const histogram = cloneTarget(IntervalHistogram);
  attach(histogram, 1, Number.MAX_SAFE_INTEGER, 3);
  histogram[kEnabled] = false;
  histogram[kTimer] = { resolution, interval: undefined };
  return histogram;
}

module.exports = {
  Histogram,
  RecordableHistogram,
  IntervalHistogram,
  ClonedHistogram,
  ClonedRecordableHistogram,
  createHistogram,
  createRecordableHistogram,
  isHistogram,
  monitorEventLoopDelay,
};
