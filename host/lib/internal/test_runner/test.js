'use strict';
// node:test's tests and suites: running them (hooks, subtests, timeouts, plans, skip/todo/only)
// and reporting each, in declaration order, as events on the root's stream.

const { AsyncLocalStorage } = require('async_hooks');
const { codedError, invalidArgType, invalidArgValue, validateFunction, validateInteger, outOfRange } = require('internal/errors');
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
// The hook call whose code is running, if any (so that errors it leaves behind name it).
const currentHook = new AsyncLocalStorage();
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

// The tracing channel 'node.test': each test's and suite's run is traced (start, then end, and
// error when it failed), its body running with the stores bound to the start channel.
let testChannel;
function traceTest(test, run) {
  testChannel ??= require('diagnostics_channel').tracingChannel('node.test');
  if (!testChannel.hasSubscribers) return run();
  const data = { name: test.name, nesting: test.nesting, type: test.isSuiteLike() ? 'suite' : 'test', ...test.location() };
  return testChannel.start.runStores(data, async () => {
    try {
      await run();
    } finally {
      // Its own failure, not that of its subtests, is an error (the error the test threw).
      const { error } = test;
      if (error !== null && !test.passed && error.failureType !== kSubtestsFailed) {
        data.error = error.code === 'ERR_TEST_FAILURE' && kUnwrapErrors.has(error.failureType) ? error.cause : error;
        testChannel.error.publish(data);
      }
      testChannel.end.publish(data);
    }
  });
}

function now() {
  return process.hrtime.bigint();
}

function durationMs(start, end) {
  return Number(end - start) / 1e6;
}

// A timeout is any number of milliseconds from 0 to 2 ** 31 - 1, or Infinity.
function validateTimeout(value) {
  if (value === undefined || value === null || value === Infinity) return Infinity;
  if (typeof value !== 'number') throw invalidArgType('options.timeout', 'of type number', value);
  if (!(value >= 0 && value <= kMaxTimeout)) throw outOfRange('options.timeout', `>= 0 && <= ${kMaxTimeout}`, value);
  return value;
}

// A concurrency is a boolean or a positive 32-bit unsigned integer.
function validateConcurrency(value, parentConcurrency) {
  if (value === undefined || value === null) return parentConcurrency;
  if (value === true) return Infinity;
  if (value === false) return 1;
  if (typeof value === 'number') {
    validateInteger(value, 'options.concurrency', 1, 2 ** 32 - 1);
    return value;
  }
  throw invalidArgType('options.concurrency', 'one of type boolean or number', value);
}

// options.expectFailure: true or a label (string), a matcher (RegExp, class, function, object
// of properties) the failure must satisfy, or { label, match } for both.
function parseExpectFailure(value) {
  if (value === undefined || value === null || value === false) return undefined;
  if (value === true || typeof value === 'string') return { label: value };
  if (typeof value === 'function' || value instanceof RegExp) return { label: true, matcher: value };
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.expectFailure' must not be an empty object. Received {}");
    }
    if (keys.every((key) => key === 'label' || key === 'match')) {
      return { label: value.label ?? true, matcher: value.match };
    }
    return { label: true, matcher: value };
  }
  return { label: true };
}

// Tags are case-insensitive: lower-cased, each kept once, in the order first given.
function addTags(into, tags, name) {
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (typeof tag !== 'string') throw invalidArgType(`${name}[${i}]`, 'of type string', tag);
    if (tag === '') throw invalidArgValue(`${name}[${i}]`, tag, 'must not be empty');
    const normal = tag.toLowerCase();
    if (!into.includes(normal)) into.push(normal);
  }
  return into;
}

let warnedAboutTags = false;
function warnAboutTags() {
  if (warnedAboutTags) return;
  warnedAboutTags = true;
  process.emitWarning('Test tags is an experimental feature and might change at any time', 'ExperimentalWarning');
}

// options.tags: the test's own, after its parent's.
function testTags(value, parent) {
  const inherited = parent === null ? [] : [...parent.tags];
  if (value === undefined) return inherited;
  if (!Array.isArray(value)) throw invalidArgType('options.tags', 'an instance of Array', value);
  const own = addTags([], value, 'options.tags');
  if (own.length > 0) warnAboutTags();
  return addTags(inherited, own, 'options.tags');
}

// run()'s testTagFilters and --experimental-test-tag-filter: a test runs only with every tag.
function tagFilters(value, name) {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  const filters = addTags([], list, name);
  if (filters.length > 0) warnAboutTags();
  return filters;
}

// A failure as expectFailure wants it: undefined when the error satisfies the matcher,
// else the assertion error saying how it does not.
function unmetExpectation(expectation, error) {
  if (expectation.matcher === undefined) return undefined;
  try {
    require('assert').throws(() => { throw error; }, expectation.matcher);
  } catch (mismatch) {
    return mismatch;
  }
  return undefined;
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
  get attempt() { return this.#test.attempt ?? 0; }
  get workerId() { return workerId(); }
  get tags() { return this.#test.frozenTags; }
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
          test.countAssertion();
          return Reflect.apply(method, context, args);
        };
      }
      const snapshots = require('internal/test_runner/snapshot');
      if (!customAssertions.has('snapshot')) {
        test.assertions.snapshot = function snapshot(value, options) {
          test.countAssertion();
          snapshots.assertSnapshot(test, value, options);
        };
      }
      if (!customAssertions.has('fileSnapshot')) {
        test.assertions.fileSnapshot = function fileSnapshot(value, path, options) {
          test.countAssertion();
          snapshots.assertFileSnapshot(value, path, options);
        };
      }
      // ok's generated message quotes the call it finds above this function: the test's.
      if (test.assertions.ok !== undefined && !customAssertions.has('ok')) {
        test.assertions.ok = function ok(...args) {
          test.countAssertion();
          internals.assertOk(ok, args);
        };
      }
    }
    return test.assertions;
  }
  diagnostic(message) {
    this.#test.diagnostics.push(String(message));
  }
  // `wait`: after the test's function returns, how long the plan waits for the rest of its
  // assertions: not at all (false), until they come (true), or up to that many ms.
  plan(count, options = {}) {
    if (this.#test.planned !== undefined) {
      throw codedError(Error, 'ERR_TEST_FAILURE', 'cannot set plan more than once');
    }
    validateInteger(count, 'count', 0);
    if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalidArgType('options', 'of type object', options);
    const { wait = false } = options;
    if (typeof wait !== 'boolean' && typeof wait !== 'number') throw invalidArgType('options.wait', 'one of type boolean or number', wait);
    this.#test.planned = count;
    this.#test.planWait = wait;
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
    this.#test.countAssertion();
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
  get attempt() { return this.#suite.attempt ?? 0; }
  get workerId() { return workerId(); }
  get tags() { return this.#suite.frozenTags; }
  diagnostic(message) {
    this.#suite.diagnostics.push(String(message));
  }
}

// The number `--test` gave this process's worker (NODE_TEST_WORKER_ID), if it runs under one.
function workerId() {
  const id = process.env.NODE_TEST_WORKER_ID;
  return id === undefined ? undefined : Number(id);
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
  // Only the options' own properties count (not what Object.prototype may have been given).
  options = { __proto__: null, ...options };
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
    this.onAssertion = undefined;
    this.planned = options.plan;
    this.planWait = false;
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
    // Randomized, each test draws its subtests' order from its own generator of the run's seed.
    this.random = config.randomize ? require('internal/test_runner/utils').seededRandom(config.randomSeed) : undefined;
    this.startsInOrder = 0;
    this.startScheduled = false;
    this.skipped = typeof options.skip === 'string' ? options.skip : options.skip ? '' : undefined;
    this.todoMessage = typeof options.todo === 'string' ? options.todo : options.todo ? '' : undefined;
    // A todo suite's tests are todo too.
    if (this.todoMessage === undefined && parent !== null && parent.todoMessage !== undefined && parent.isSuiteLike()) this.todoMessage = '';
    this.expectFailure = parseExpectFailure(options.expectFailure) ?? parent?.expectFailure;
    this.tags = testTags(options.tags, parent);
    this.frozenTags = Object.freeze([...this.tags]);
    this.only = Boolean(options.only);
    if (parent !== null && this.skipped === undefined) {
      if (parent.runOnlySubtests && !this.only) this.skipped = "'only' option not set";
    }
    if (parent !== null && !this.isSuiteLike() && !this.matchesFilters()) this.filteredOut = true;
    if (this.harness.previousRuns !== undefined && parent !== null && loc.file !== undefined) this.replayIfPassedBefore();
  }

  // Rerunning failures: this is the run after the recorded ones; a test that passed in the last
  // of them is replayed (its recorded subtests declared again, nothing of its own run) and
  // reported as having passed on the attempt it first passed on, with the duration it took.
  replayIfPassedBefore() {
    const previousRuns = this.harness.previousRuns;
    this.attempt = previousRuns.length;
    const previous = previousRuns[this.attempt - 1]?.[this.harness.identifyTest(this.loc)];
    if (previous === undefined || previous === null) return;
    this.passedAttempt = previous.passed_on_attempt;
    if (!this.isSuiteLike() && previous.duration_ms !== undefined) this.replayedDuration = previous.duration_ms;
    this.fn = () => {
      for (const child of previous.children ?? []) {
        const subtest = this.createSubtest(Test, child.name, {}, noop, { file: child.file, line: child.line, column: child.column });
        // A suite starts its subtests itself.
        if (!this.isSuiteLike()) subtest.start();
      }
    };
  }

  isSuiteLike() {
    return false;
  }

  countAssertion() {
    this.assertionCount++;
    this.onAssertion?.();
  }

  // With a plan that waits, the test's end waits for its planned assertions.
  async waitForPlan() {
    if (this.planned === undefined || this.planWait === false || this.assertionCount >= this.planned) return;
    if (this.signal.aborted) return;
    await new Promise((resolve) => {
      let timer;
      const stop = () => {
        if (timer !== undefined) realClearTimeout(timer);
        this.signal.removeEventListener('abort', stop);
        resolve();
      };
      // A test failed meanwhile (by an uncaught error) stops waiting.
      this.signal.addEventListener('abort', stop);
      this.onAssertion = () => {
        if (this.assertionCount >= this.planned) stop();
      };
      if (this.planWait !== true) {
        timer = realSetTimeout(() => {
          timer = undefined;
          this.fail(testFailure(`plan timed out after ${this.planWait}ms with ${this.assertionCount} assertions when expecting ${this.planned}`, kTestTimeoutFailure));
          stop();
        }, this.planWait);
      }
    });
    this.onAssertion = undefined;
  }

  // expectFailure turns the failure of the test's own code into a pass and a pass into a failure.
  settleExpectedFailure(bodyError) {
    if (this.expectFailure === undefined || this.skipped !== undefined) return;
    if (bodyError === undefined) {
      if (this.error === null) this.fail(testFailure('test was expected to fail but passed', 'expectedFailure'));
      return;
    }
    const cause = bodyError?.code === 'ERR_TEST_FAILURE' && bodyError.failureType ? bodyError.cause : bodyError;
    const mismatch = unmetExpectation(this.expectFailure, cause);
    if (mismatch !== undefined) {
      this.error = testFailure(mismatch, kTestCodeFailure);
      return;
    }
    this.error = null;
    this.passed = true;
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
    const { namePatterns, skipPatterns, tagFilters = [] } = this.harness.config;
    if (!tagFilters.every((tag) => this.tags.includes(tag))) return false;
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
    const hook = { kind, fn, timeout: validateTimeout(options.timeout ?? this.timeout), loc: callerLocation() };
    this.hooks[kind].push(hook);
    // A `before` hook added to a test that has already started runs at once.
    const started = this.parent === null ? this.harness.rootStartedEarly === true : this.started && !this.isSuiteLike();
    if (kind === 'before' && started) {
      this.runBeforeHook(hook, this.hookContext()).catch((err) => this.beforeHookFailed(err, hook));
    }
  }

  hookContext() {
    if (this.parent === null) return this.rootContext();
    return this.context ?? (this.isSuiteLike() ? new SuiteContext(this) : new TestContext(this));
  }

  // Each `before` hook runs once.
  runBeforeHook(hook, context) {
    hook.once ??= this.parent === null ? this.runHook(hook, context) : currentTest.run(this, () => this.runHook(hook, context));
    return hook.once;
  }

  beforeHookFailed(err, hook) {
    if (this.beforeError !== undefined) return;
    this.beforeError = err;
    if (this.parent !== null) this.fail(testFailure(err, kHookFailure));
    else this.harness.rootHookFailure(err, hook.loc ?? {});
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
    if (parent.random === undefined && parent.activeSubtests < parent.concurrency && parent.readyToStartSubtests()) {
      parent.activeSubtests++;
      this.runAndFinish();
    } else {
      parent.pending.push(this);
      if (parent.parent === null) this.harness.scheduleRoot();
      // Randomized, the siblings declared in the same turn are all drawn from: the draw waits a microtask.
      if (parent.random !== undefined && parent.readyToStartSubtests()) parent.scheduleStartPending();
    }
    return this.whenDone;
  }

  scheduleStartPending() {
    if (this.startScheduled) return;
    this.startScheduled = true;
    queueMicrotask(() => {
      this.startScheduled = false;
      this.startPending();
    });
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
    const { takeNext } = require('internal/test_runner/utils');
    while (this.pending.length > 0 && this.activeSubtests < this.concurrency) {
      const next = takeNext(this.pending, this.random);
      if (this.random !== undefined) this.reportInStartOrder(next);
      this.activeSubtests++;
      next.runAndFinish();
    }
  }

  // Randomized subtests are reported in the order they start (under their declaration numbers).
  reportInStartOrder(subtest) {
    const from = this.subtests.indexOf(subtest);
    const to = this.startsInOrder++;
    if (from < to) return;
    this.subtests.splice(from, 1);
    this.subtests.splice(to, 0, subtest);
  }

  async runAndFinish() {
    try {
      await traceTest(this, () => this.run());
    } finally {
      this.parent.activeSubtests--;
      this.complete();
      this.parent.startPending();
    }
  }

  async runHook(hook, context, args = [context]) {
    const call = { hook, finished: false };
    try {
      await currentHook.run(call, () => this.runWithTimeout(() => hook.fn.apply(context, args), hook.timeout, hook.fn.length > args.length));
    } finally {
      call.finished = true;
    }
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
      const context = this.hookContext();
      this.beforeDone = (async () => {
        for (const hook of this.hooks.before) {
          try {
            await this.runBeforeHook(hook, context);
          } catch (err) {
            this.beforeHookFailed(err, hook);
            return;
          }
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
      let bodyError;
      try {
        for (const { hook, owner } of this.ancestorsHooks('beforeEach')) await currentTest.run(owner, () => this.runHook(hook, context));
        ranBeforeEach = true;
        await this.runBody(context);
        // An uncaught error of its own may have failed it meanwhile.
        if (this.error === null) this.passed = true;
        else bodyError = this.error;
      } catch (err) {
        this.fail(err?.code === 'ERR_TEST_FAILURE' && err.failureType ? err : testFailure(err, ranBeforeEach ? kTestCodeFailure : kHookFailure));
        if (ranBeforeEach) bodyError = this.error;
      }
      if (ranBeforeEach) {
        await this.waitForPlan();
        if (bodyError === undefined && this.error !== null) bodyError = this.error;
        this.settleExpectedFailure(bodyError);
      }
      await this.waitForSubtests();
      try {
        for (const hook of this.hooks.after) await this.runHook(hook, context);
      } catch (err) {
        this.fail(testFailure(err, kHookFailure));
      }
      try {
        for (const { hook, owner } of this.ancestorsHooks('afterEach')) await currentTest.run(owner, () => this.runHook(hook, context));
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
    this.duration = this.replayedDuration ?? durationMs(this.startTime ?? this.endTime, this.endTime);
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
    const data = this.resultEventData();
    data.details = { duration_ms: this.duration, type: this.isSuiteLike() ? 'suite' : 'test' };
    if (this.attempt !== undefined) data.details.attempt = this.attempt;
    if (this.passedAttempt !== undefined) data.details.passed_on_attempt = this.passedAttempt;
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
      parentId: this.parent?.testId ?? 0, tags: [...this.tags], ...this.location(),
    };
  }

  location() {
    const { file, line, column } = this.loc;
    return file === undefined ? {} : { file, line, column };
  }

  eventData() {
    const data = {
      name: this.name, nesting: this.nesting, testNumber: this.testNumber, testId: this.testId,
      parentId: this.parent?.testId ?? 0, tags: [...this.tags], ...this.location(),
    };
    // A skip or todo without a message is `true` in the events.
    if (this.skipped !== undefined) data.skip = this.skipped || true;
    else if (this.todoMessage !== undefined) data.todo = this.todoMessage || true;
    return data;
  }

  // test:pass and test:fail's data: the event data and, with expectFailure, its label.
  resultEventData() {
    const data = this.eventData();
    if (this.expectFailure !== undefined) data.expectFailure = this.expectFailure.label;
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
    const { namePatterns, skipPatterns, tagFilters = [] } = this.harness.config;
    if (this.parent !== null && skipPatterns.some((pattern) => this.nameMatches(pattern))) this.filteredOut = true;
    else if (this.parent !== null && tagFilters.length > 0 && this.subtests.length === 0) this.filteredOut = true;
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
    if (this.skipped === undefined) this.settleExpectedFailure(this.error ?? undefined);
    this.finishChecks();
    this.endTime = now();
  }
}

module.exports = {
  Test, Suite, FileLoadFailure, TestContext, SuiteContext, registerAssertion, currentTest, currentHook, parseArgs, tagFilters, traceTest, callerLocation, testFailure, kUnwrapErrors,
  kSubtestsFailed, kCancelledByParent,
};
