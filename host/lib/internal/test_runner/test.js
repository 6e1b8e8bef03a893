'use strict';
// node:test's tests and suites: running them (hooks, subtests, timeouts, plans, skip/todo/only)
// and reporting each, in declaration order, as events on the root's stream.

const { AsyncLocalStorage } = require('async_hooks');
const { codedError, invalidArgType, validateFunction, validateInteger, outOfRange } = require('internal/errors');
const { fileURLToPath } = require('url');
const { MockTracker } = require('internal/test_runner/mock');

const kTestCodeFailure = 'testCodeFailure';
const kHookFailure = 'hookFailure';
const kSubtestsFailed = 'subtestsFailed';
const kCancelledByParent = 'cancelledByParent';
const kTestTimeoutFailure = 'testTimeoutFailure';
const kParentAlreadyFinished = 'parentAlreadyFinished';
// Failures whose cause is the user's own error (reporters show that error).
const kUnwrapErrors = new Set([kTestCodeFailure, kHookFailure, 'uncaughtException', 'unhandledRejection']);

const currentTest = new AsyncLocalStorage();
let lastTestId = 0;
const kMaxTimeout = 2 ** 31 - 1;

// The file of the program's entry point (what a context's filePath is, in every file it loads).
function entryFile() {
  const main = process.argv[1];
  if (main === undefined) return undefined;
  return require('path').resolve(main);
}

// Polls `condition` until it returns (or resolves) without throwing, or `timeout` ms pass.
function waitFor(condition, options = {}) {
  validateFunction(condition, 'condition');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalidArgType('options', 'of type object', options);
  const { interval = 50, timeout = 1000 } = options;
  validateNumberInRange(interval, 'options.interval', 0, kMaxTimeout);
  validateNumberInRange(timeout, 'options.timeout', 0, kMaxTimeout);
  return new Promise((resolve, reject) => {
    let lastError;
    let pollTimer;
    let done = false;
    const timeoutTimer = realSetTimeout(() => {
      done = true;
      realClearTimeout(pollTimer);
      const err = new Error('waitFor() timed out');
      if (lastError !== undefined) err.cause = lastError;
      reject(err);
    }, timeout);
    const poll = async () => {
      try {
        const value = await condition();
        if (done) return;
        done = true;
        realClearTimeout(timeoutTimer);
        resolve(value);
      } catch (err) {
        if (done) return;
        lastError = err;
        pollTimer = realSetTimeout(poll, interval);
      }
    };
    poll();
  });
}

function validateNumberInRange(value, name, min, max) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if (!(value >= min && value <= max)) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}
const realSetTimeout = setTimeout;
const realClearTimeout = clearTimeout;

function testFailure(cause, failureType) {
  const message = cause instanceof Error ? cause.message : String(cause);
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const err = codedError(Error, 'ERR_TEST_FAILURE', message);
  Error.stackTraceLimit = limit;
  err.failureType = failureType;
  err.cause = cause;
  return err;
}

// Where the user called test()/it()/describe(): the first frame outside node: builtins.
function callerLocation() {
  const holder = {};
  const previous = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  Error.prepareStackTrace = (_, sites) => sites;
  Error.captureStackTrace(holder, callerLocation);
  const sites = holder.stack;
  Error.prepareStackTrace = previous;
  Error.stackTraceLimit = limit;
  if (!Array.isArray(sites)) return {};
  for (const site of sites) {
    let file = site.getFileName();
    if (!file || file.startsWith('node:')) continue;
    if (file.startsWith('file:')) file = fileURLToPath(file);
    return { file, line: site.getLineNumber(), column: site.getColumnNumber() };
  }
  return {};
}

function noop() {}

function hook_location(hooks) {
  return hooks[0]?.loc ?? {};
}

function now() {
  return process.hrtime.bigint();
}

function durationMs(start, end) {
  return Number(end - start) / 1e6;
}

function validateTimeout(value) {
  if (value === undefined || value === Infinity) return Infinity;
  validateInteger(value, 'options.timeout', 0, 2 ** 31 - 1);
  return value;
}

function validateConcurrency(value, parentConcurrency) {
  if (value === undefined || value === null) return parentConcurrency;
  if (value === true) return Infinity;
  if (value === false) return 1;
  if (typeof value === 'number') {
    validateInteger(value, 'options.concurrency', 1);
    return value;
  }
  throw invalidArgType('options.concurrency', 'of type boolean or number', value);
}

// node:assert's functions (less its classes and options) and those registered with
// node:test's assert.register(), by name, as t.assert offers them.
const customAssertions = new Map();
const kUncopiedAssertKeys = new Set(['AssertionError', 'CallTracker', 'strict', 'Assert', 'options']);

function assertionMethods() {
  const assert = require('assert');
  const methods = new Map();
  for (const name of Object.keys(assert)) {
    if (!kUncopiedAssertKeys.has(name) && typeof assert[name] === 'function') methods.set(name, assert[name]);
  }
  for (const [name, fn] of customAssertions) methods.set(name, fn);
  return methods;
}

function registerAssertion(name, fn) {
  require('internal/errors').validateString(name, 'name');
  validateFunction(fn, 'fn');
  customAssertions.set(name, fn);
}

class TestContext {
  #test;
  constructor(test) {
    this.#test = test;
  }
  get signal() { return this.#test.signal; }
  get name() { return this.#test.name; }
  get fullName() { return this.#test.fullName(); }
  get filePath() { return this.#test.entryFile; }
  get passed() { return this.#test.passed; }
  get error() { return this.#test.error; }
  get attempt() { return 0; }
  get mock() {
    this.#test.mock ??= new MockTracker();
    return this.#test.mock;
  }
  get assert() {
    const test = this.#test;
    if (test.assertions === undefined) {
      const context = this;
      test.assertions = {};
      for (const [name, method] of assertionMethods()) {
        test.assertions[name] = function (...args) {
          test.assertionCount++;
          return Reflect.apply(method, context, args);
        };
      }
    }
    return test.assertions;
  }
  diagnostic(message) {
    this.#test.diagnostics.push(String(message));
  }
  plan(count) {
    if (this.#test.planned !== undefined) {
      throw codedError(Error, 'ERR_TEST_FAILURE', 'cannot set plan more than once');
    }
    validateInteger(count, 'count', 0);
    this.#test.planned = count;
  }
  skip(message) {
    this.#test.skipped = message === undefined ? '' : message;
  }
  todo(message) {
    this.#test.todoMessage = message === undefined ? '' : message;
  }
  runOnly(value) {
    this.#test.runOnlySubtests = Boolean(value);
  }
  before(fn, options) { this.#test.addHook('before', fn, options); }
  after(fn, options) { this.#test.addHook('after', fn, options); }
  beforeEach(fn, options) { this.#test.addHook('beforeEach', fn, options); }
  afterEach(fn, options) { this.#test.addHook('afterEach', fn, options); }
  waitFor(condition, options) {
    return waitFor(condition, options);
  }
  test(name, options, fn) {
    const subtest = this.#test.createSubtest(Test, name, options, fn, callerLocation());
    this.#test.assertionCount++;
    return subtest.start();
  }
}

class SuiteContext {
  #suite;
  constructor(suite) {
    this.#suite = suite;
  }
  get signal() { return this.#suite.signal; }
  get name() { return this.#suite.name; }
  get fullName() { return this.#suite.fullName(); }
  get filePath() { return this.#suite.entryFile; }
  get passed() { return this.#suite.passed; }
  get attempt() { return 0; }
  diagnostic(message) {
    this.#suite.diagnostics.push(String(message));
  }
}

function parseArgs(name, options, fn) {
  if (typeof name === 'function') {
    fn = name;
    name = fn.name;
  } else if (name !== null && typeof name === 'object') {
    fn = options;
    options = name;
    name = undefined;
  }
  if (typeof options === 'function') {
    fn = options;
    options = undefined;
  }
  if (options === undefined || options === null) options = {};
  else if (typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
  // options.name and options.fn win over the positional ones.
  if (options.name !== undefined && options.name !== null) name = options.name;
  if (typeof options.fn === 'function') fn = options.fn;
  if (name === undefined || name === null || name === '') name = fn?.name || '<anonymous>';
  return { name: String(name), options, fn };
}

class Test {
  constructor({ name, options = {}, fn, parent = null, loc = {}, harness }) {
    this.name = name;
    this.parent = parent;
    this.harness = harness ?? parent.harness;
    this.testId = parent === null ? 0 : ++lastTestId;
    this.entryFile = parent === null ? entryFile() : parent.entryFile;
    this.loc = loc;
    this.nesting = parent === null ? -1 : parent.nesting + 1;
    this.fn = fn ?? noop;
    this.subtests = [];
    this.pending = [];
    this.activeSubtests = 0;
    this.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
    this.diagnostics = [];
    this.assertionCount = 0;
    this.planned = options.plan;
    this.reportedStart = false;
    this.reportedUpTo = 0;
    this.reported = false;
    this.finished = false;
    this.started = false;
    this.passed = false;
    this.error = null;
    this.duration = 0;
    this.mock = undefined;
    this.runOnlySubtests = false;
    this.controller = new AbortController();
    this.signal = this.controller.signal;
    if (options.signal !== undefined) {
      const outer = options.signal;
      if (outer === null || typeof outer !== 'object' || typeof outer.aborted !== 'boolean') {
        throw invalidArgType('options.signal', 'an instance of AbortSignal', outer);
      }
      this.outerSignal = outer;
    }
    const parentConcurrency = parent === null ? 1 : 1;
    this.concurrency = validateConcurrency(options.concurrency, parentConcurrency);
    this.timeout = validateTimeout(options.timeout ?? (parent === null ? this.harness.config.timeout : parent.timeout));
    if (options.plan !== undefined) validateInteger(options.plan, 'options.plan', 0);
    const config = this.harness.config;
    this.skipped = typeof options.skip === 'string' ? options.skip : options.skip ? '' : undefined;
    this.todoMessage = typeof options.todo === 'string' ? options.todo : options.todo ? '' : undefined;
    // A todo suite's tests are todo too.
    if (this.todoMessage === undefined && parent !== null && parent.todoMessage !== undefined && parent.isSuiteLike()) this.todoMessage = '';
    this.only = Boolean(options.only);
    if (parent !== null && this.skipped === undefined) {
      if (parent.runOnlySubtests && !this.only) this.skipped = "'only' option not set";
    }
    if (parent !== null && !this.isSuiteLike() && !this.matchesFilters()) this.filteredOut = true;
  }

  isSuiteLike() {
    return false;
  }

  onlyPropagates() {
    for (let test = this; test !== null; test = test.parent) if (test.only) return true;
    return false;
  }

  fullName() {
    if (this.parent === null) return this.name;
    const names = [];
    for (let test = this; test !== null && test.parent !== null; test = test.parent) names.unshift(test.name);
    return names.join(' > ');
  }

  matchesFilters() {
    const { namePatterns, skipPatterns } = this.harness.config;
    const full = this.fullName();
    const test = (pattern) => {
      pattern.lastIndex = 0;
      return pattern.test(this.name) || (pattern.lastIndex = 0, pattern.test(full));
    };
    if (skipPatterns.length > 0 && skipPatterns.some(test)) return false;
    if (namePatterns.length > 0 && !namePatterns.some(test)) {
      // A suite matching the name keeps all its tests.
      for (let ancestor = this.parent; ancestor !== null && ancestor.parent !== null; ancestor = ancestor.parent) {
        if (ancestor.matchesOwnName()) return true;
      }
      return false;
    }
    return true;
  }

  nameMatches(pattern) {
    pattern.lastIndex = 0;
    if (pattern.test(this.name)) return true;
    pattern.lastIndex = 0;
    return pattern.test(this.fullName());
  }

  matchesOwnName() {
    const { namePatterns } = this.harness.config;
    const full = this.fullName();
    return namePatterns.some((pattern) => {
      pattern.lastIndex = 0;
      return pattern.test(this.name) || (pattern.lastIndex = 0, pattern.test(full));
    });
  }

  addHook(kind, fn, options = {}) {
    validateFunction(fn, 'fn');
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
    this.hooks[kind].push({ fn, timeout: validateTimeout(options.timeout ?? this.timeout), loc: callerLocation() });
  }

  createSubtest(Factory, name, options, fn, loc) {
    const args = parseArgs(name, options, fn);
    if (this.finished) {
      const late = new Factory({ ...args, parent: this, loc });
      late.testNumber = 0;
      this.harness.lateFailure(late, testFailure(`test could not be started because its parent finished`, kParentAlreadyFinished));
      return late;
    }
    const subtest = new Factory({ ...args, parent: this, loc });
    if (subtest.filteredOut) {
      // Filtered tests are not reported (node leaves them out of the output).
      subtest.testNumber = 0;
      return subtest;
    }
    this.subtests.push(subtest);
    subtest.testNumber = this.subtests.length;
    this.harness.counts.registered = true;
    this.harness.emit('test:enqueue', subtest.queueEventData());
    return subtest;
  }

  // Starts the test now or when a place among its parent's running subtests frees up;
  // resolves (never rejects) when it has finished.
  start() {
    if (this.filteredOut) return Promise.resolve();
    if (this.whenDone !== undefined) return this.whenDone;
    this.whenDone = new Promise((resolve) => { this.resolveDone = resolve; });
    const parent = this.parent;
    if (parent.activeSubtests < parent.concurrency && parent.readyToStartSubtests()) {
      parent.activeSubtests++;
      this.runAndFinish();
    } else {
      parent.pending.push(this);
      if (parent.parent === null) this.harness.scheduleRoot();
    }
    return this.whenDone;
  }

  readyToStartSubtests() {
    return this.parent !== null || this.harness.rootStarted;
  }

  // With `only` tests among them, the other subtests are left out (not run nor reported).
  keepOnlySubtests() {
    if (!this.subtests.some((subtest) => subtest.only || subtest.hasOnlyDescendant())) return;
    const kept = this.subtests.filter((subtest) => subtest.only || subtest.hasOnlyDescendant());
    this.pending = this.pending.filter((subtest) => kept.includes(subtest));
    this.subtests = kept;
    kept.forEach((subtest, index) => { subtest.testNumber = index + 1; });
  }

  hasOnlyDescendant() {
    return this.subtests.some((subtest) => subtest.only || subtest.hasOnlyDescendant());
  }

  startPending() {
    while (this.pending.length > 0 && this.activeSubtests < this.concurrency) {
      const next = this.pending.shift();
      this.activeSubtests++;
      next.runAndFinish();
    }
  }

  async runAndFinish() {
    try {
      await this.run();
    } finally {
      this.parent.activeSubtests--;
      this.complete();
      this.parent.startPending();
    }
  }

  async runHook(hook, context, args = [context]) {
    await this.runWithTimeout(() => hook.fn.apply(context, args), hook.timeout, hook.fn.length > args.length);
  }

  // Calls fn (with a `done` callback when it declares one) and waits for it, failing on timeout.
  runWithTimeout(call, timeout, withCallback) {
    return new Promise((resolve, reject) => {
      let timer;
      let settled = false;
      const finish = (err) => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) realClearTimeout(timer);
        if (err !== undefined) reject(err); else resolve();
      };
      if (timeout !== Infinity) {
        timer = realSetTimeout(() => {
          const err = testFailure(`test timed out after ${timeout}ms`, kTestTimeoutFailure);
          this.controller.abort(err);
          finish(err);
        }, timeout);
      }
      let onAbort;
      if (this.outerSignal) {
        if (this.outerSignal.aborted) {
          finish(testFailure(this.outerSignal.reason ?? new Error('This operation was aborted'), kCancelledByParent));
          return;
        }
        onAbort = () => finish(testFailure(this.outerSignal.reason, kCancelledByParent));
        this.outerSignal.addEventListener('abort', onAbort, { once: true });
      }
      try {
        if (withCallback) {
          let called = false;
          const done = (err) => {
            if (called) return;
            called = true;
            finish(err === undefined || err === null ? undefined : err);
          };
          const result = call(done);
          if (result && typeof result.then === 'function') {
            finish(codedError(Error, 'ERR_TEST_FAILURE', 'passed a callback but also returned a Promise'));
          }
        } else {
          const result = call();
          if (result && typeof result.then === 'function') result.then(() => finish(), (err) => finish(err ?? new Error('Promise rejected with a falsy reason')));
          else finish();
        }
      } catch (err) {
        finish(err);
      }
    });
  }

  fail(error) {
    if (this.error === null) this.error = error;
    this.passed = false;
  }

  // A test's or suite's `before` hooks run once, before its first subtest.
  beforeOnce() {
    if (this.beforeDone === undefined) {
      const context = this.parent === null ? this.rootContext() : this.isSuiteLike() ? new SuiteContext(this) : new TestContext(this);
      this.beforeDone = (async () => {
        try {
          for (const hook of this.hooks.before) await this.runHook(hook, context);
        } catch (err) {
          this.beforeError = err;
          if (this.parent !== null) this.fail(testFailure(err, kHookFailure));
          else this.harness.rootHookFailure(err, hook_location(this.hooks.before));
        }
      })();
    }
    return this.beforeDone;
  }

  // The context root-level hooks get (a test context named <root>).
  rootContext() {
    this.context ??= new TestContext(this);
    return this.context;
  }

  ancestorsHooks(kind) {
    const chain = [];
    for (let test = this.parent; test !== null; test = test.parent) chain.unshift(test);
    if (kind === 'afterEach') chain.reverse();
    const hooks = [];
    for (const test of chain) for (const hook of test.hooks[kind]) hooks.push({ hook, owner: test });
    return hooks;
  }

  async runBody(context) {
    await this.runWithTimeout((done) => this.fn.call(context, context, done), this.timeout, this.fn.length > 1);
  }

  async run() {
    this.started = true;
    this.startTime = now();
    this.harness.emit('test:dequeue', this.queueEventData());
    const context = new TestContext(this);
    this.context = context;
    await this.parent.beforeOnce();
    if (this.parent.beforeError) {
      this.fail(testFailure(this.parent.beforeError, kHookFailure));
      this.endTime = now();
      return;
    }
    if (this.skipped !== undefined) {
      this.passed = true;
      this.endTime = now();
      return;
    }
    await currentTest.run(this, async () => {
      let ranBeforeEach = false;
      try {
        for (const { hook } of this.ancestorsHooks('beforeEach')) await this.runHook(hook, context);
        ranBeforeEach = true;
        await this.runBody(context);
        if (this.skipped !== undefined) {
          this.passed = true;
        } else {
          this.passed = true;
        }
      } catch (err) {
        this.fail(err?.code === 'ERR_TEST_FAILURE' && err.failureType ? err : testFailure(err, ranBeforeEach ? kTestCodeFailure : kHookFailure));
      }
      await this.waitForSubtests();
      try {
        for (const hook of this.hooks.after) await this.runHook(hook, context);
      } catch (err) {
        this.fail(testFailure(err, kHookFailure));
      }
      try {
        for (const { hook } of this.ancestorsHooks('afterEach')) await this.runHook(hook, context);
      } catch (err) {
        this.fail(testFailure(err, kHookFailure));
      }
    });
    this.mock?.reset();
    this.finishChecks();
    this.endTime = now();
  }

  async waitForSubtests() {
    while (this.subtests.some((subtest) => !subtest.finished)) {
      await Promise.all(this.subtests.filter((subtest) => !subtest.finished).map((subtest) => subtest.start()));
    }
  }

  finishChecks() {
    if (this.error === null && this.planned !== undefined && this.planned !== this.assertionCount) {
      this.fail(testFailure(`plan expected ${this.planned} assertions but received ${this.assertionCount}`, kTestCodeFailure));
    }
    const failedSubtests = this.subtests.filter((subtest) => !subtest.passed && subtest.todoMessage === undefined && !subtest.isTodoInherited()).length;
    if (this.error === null && failedSubtests > 0) {
      this.fail(testFailure(`${failedSubtests} subtest${failedSubtests === 1 ? '' : 's'} failed`, kSubtestsFailed));
    }
    if (this.error === null) this.passed = true;
  }

  isTodoInherited() {
    for (let test = this.parent; test !== null; test = test.parent) if (test.todoMessage !== undefined) return true;
    return false;
  }

  complete() {
    this.finished = true;
    if (this.endTime === undefined) this.endTime = now();
    this.duration = durationMs(this.startTime ?? this.endTime, this.endTime);
    this.harness.countResult(this);
    this.resolveDone?.();
    this.harness.flush();
  }

  // Reporting, in declaration order: a test's start once it (or a subtest) is first reported,
  // then its subtests, its plan, its result and its diagnostics.
  reportStarted() {
    if (this.reportedStart || this.parent === null) return;
    this.parent.reportStarted();
    this.reportedStart = true;
    this.harness.emit('test:start', this.eventData());
  }

  flushSubtests() {
    while (this.reportedUpTo < this.subtests.length) {
      const subtest = this.subtests[this.reportedUpTo];
      if (subtest.finished) {
        subtest.report();
        this.reportedUpTo++;
        continue;
      }
      if (subtest.started) subtest.flushSubtests();
      return false;
    }
    return true;
  }

  report() {
    this.reportStarted();
    this.flushSubtests();
    if (this.subtests.length > 0) this.harness.emit('test:plan', { ...this.location(), nesting: this.nesting + 1, count: this.subtests.length });
    const data = this.eventData();
    data.details = { duration_ms: this.duration, type: this.isSuiteLike() ? 'suite' : 'test' };
    if (this.passed) {
      data.details.passed = true;
      this.harness.emit('test:pass', data);
    } else {
      data.details.passed = false;
      data.details.error = this.error;
      this.harness.emit('test:fail', data);
    }
    for (const message of this.diagnostics) this.harness.emit('test:diagnostic', { ...this.location(), nesting: this.nesting, message });
    this.reported = true;
  }

  // test:enqueue and test:dequeue's data.
  queueEventData() {
    return {
      nesting: this.nesting, name: this.name, type: this.isSuiteLike() ? 'suite' : 'test', testId: this.testId,
      parentId: this.parent?.testId ?? 0, tags: [], ...this.location(),
    };
  }

  location() {
    const { file, line, column } = this.loc;
    return file === undefined ? {} : { file, line, column };
  }

  eventData() {
    const data = {
      name: this.name, nesting: this.nesting, testNumber: this.testNumber, testId: this.testId,
      parentId: this.parent?.testId ?? 0, tags: [], ...this.location(),
    };
    // A skip or todo without a message is `true` in the events.
    if (this.skipped !== undefined) data.skip = this.skipped || true;
    else if (this.todoMessage !== undefined) data.todo = this.todoMessage || true;
    return data;
  }
}

// A file of run({ isolation: 'none' }) that failed to load: a failed top-level test with
// the load error as its error.
class FileLoadFailure extends Test {
  async run() {
    this.started = true;
    this.startTime = now();
    this.harness.emit('test:dequeue', this.queueEventData());
    this.fail(this.loadError);
    this.endTime = now();
  }
}

class Suite extends Test {
  constructor(init) {
    super(init);
    const fn = this.fn;
    this.fn = undefined;
    this.buildError = null;
    this.context = new SuiteContext(this);
    if (typeof fn === 'function' && !this.filteredOut && this.skipped === undefined) {
      const context = this.context;
      try {
        const result = currentTest.run(this, () => fn.call(context, context));
        if (result && typeof result.then === 'function') {
          this.building = result.then(() => {}, (err) => { this.buildError = err; });
        }
      } catch (err) {
        this.buildError = err;
      }
    }
    // By name, a suite stays when it or one of its tests matches; --test-skip-pattern drops it.
    const { namePatterns, skipPatterns } = this.harness.config;
    if (this.parent !== null && skipPatterns.some((pattern) => this.nameMatches(pattern))) this.filteredOut = true;
    else if (this.parent !== null && namePatterns.length > 0 && this.subtests.length === 0 && !this.matchesOwnName()) {
      let ancestorMatches = false;
      for (let ancestor = this.parent; ancestor !== null && ancestor.parent !== null; ancestor = ancestor.parent) {
        if (ancestor.matchesOwnName()) ancestorMatches = true;
      }
      if (!ancestorMatches) this.filteredOut = true;
    }
  }

  isSuiteLike() {
    return true;
  }

  matchesFilters() {
    return true;
  }

  async run() {
    this.started = true;
    this.startTime = now();
    await this.building;
    if (this.buildError !== null) {
      this.fail(testFailure(this.buildError, kTestCodeFailure));
      this.endTime = now();
      return;
    }
    await this.parent.beforeOnce();
    if (this.parent.beforeError) {
      this.fail(testFailure(this.parent.beforeError, kHookFailure));
      this.endTime = now();
      return;
    }
    if (!this.only) this.keepOnlySubtests();
    const context = new SuiteContext(this);
    await currentTest.run(this, async () => {
      if (this.skipped === undefined) await this.beforeOnce();
      for (const subtest of this.subtests) subtest.start();
      await this.waitForSubtests();
      if (this.skipped === undefined) {
        try {
          for (const hook of this.hooks.after) await this.runHook(hook, context);
        } catch (err) {
          this.fail(testFailure(err, kHookFailure));
        }
      }
    });
    this.passed = this.error === null;
    this.finishChecks();
    this.endTime = now();
  }
}

module.exports = {
  Test, Suite, FileLoadFailure, TestContext, SuiteContext, registerAssertion, currentTest, parseArgs, callerLocation, testFailure, kUnwrapErrors,
  kSubtestsFailed, kCancelledByParent,
};
