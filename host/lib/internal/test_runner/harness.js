'use strict';
// The root of a process's tests: when they start, the events reporters read, the summary,
// the exit code, and errors thrown outside a test's own call.

const { Readable } = require('stream');
const { collectCoverage, setupCoverage } = require('internal/test_runner/coverage');
const { Test, Suite, FileLoadFailure, currentTest, currentHook, callerLocation, testFailure, tagFilters, traceTest } = require('internal/test_runner/test');

// The test events, in report order, as an object-mode readable (what reporters consume).
class TestsStream extends Readable {
  constructor() {
    super({ objectMode: true, highWaterMark: Number.MAX_SAFE_INTEGER });
    // Who sees each event (and the end, as null) as it is pushed, without reading the stream.
    this.observers = [];
  }

  // Each event is also emitted by its type ('test:pass', ...) with its data, as it is reported.
  push(chunk) {
    for (const observer of this.observers) observer(chunk);
    if (chunk !== null && typeof chunk?.type === 'string') this.emit(chunk.type, chunk.data);
    return super.push(chunk);
  }
  _read() {}
}

function hook_location(hooks) {
  return hooks[0]?.loc ?? {};
}

function parsePatterns(values) {
  const { stringToRegExp } = require('internal/test_runner/utils');
  return (values ?? []).map((value) => (value instanceof RegExp ? value : stringToRegExp(value)));
}

// The stream ends once the reporters have had the summary and what must run before the end
// (a global teardown, set as `beforeEnd`) has run.
function endStream(stream) {
  const beforeEnd = stream.beforeEnd;
  if (beforeEnd === undefined) {
    stream.push(null);
    return;
  }
  stream.beforeEnd = undefined;
  setImmediate(async () => {
    try {
      await beforeEnd();
    } finally {
      stream.push(null);
    }
  });
}

class Harness {
  constructor(config, stream = new TestsStream()) {
    this.config = config;
    this.stream = stream;
    this.counts = { tests: 0, suites: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0, topLevel: 0 };
    this.rootStarted = false;
    this.rootDiagnostics = [];
    this.scheduled = false;
    this.ended = false;
    this.startTime = process.hrtime.bigint();
    this.previousRuns = undefined;
    if (config.rerunFailuresFilePath) this.setupRerun(config.rerunFailuresFilePath, config.recordsReruns);
    this.root = new Test({ name: '<root>', harness: this });
    this.root.concurrency = config.concurrency ?? 1;
  }

  // Rerunning failures: the runs before this one, and the identifiers of this run's tests.
  setupRerun(file, records) {
    const { setupRerun, identifierCounter, invalidRerunFileWarning } = require('internal/test_runner/rerun');
    const cwd = this.config.cwd ?? process.cwd();
    const previousRuns = setupRerun(this.stream, file, cwd, { records });
    if (previousRuns === null) {
      this.rootDiagnostics.push({ nesting: 0, message: invalidRerunFileWarning(file) });
      this.invalidRerunFile = true;
      return;
    }
    this.previousRuns = previousRuns;
    this.identifyTest = identifierCounter(cwd);
  }

  // The data of this process's own events is a null-prototype object (what Object.prototype may
  // have been given is not in it); what comes from a file's process is ordinary objects.
  emit(type, data) {
    if (!this.ended) this.stream.push({ type, data: { __proto__: null, ...data } });
  }

  scheduleRoot() {
    if (this.scheduled) return;
    this.scheduled = true;
    const begin = () => {
      this.rootStarted = true;
      this.root.keepOnlySubtests();
      this.root.startPending();
      this.whenRootDone = this.afterAllTests();
      if (this.onRootDone !== undefined) this.whenRootDone.then(this.onRootDone);
    };
    // With a global setup, the tests start once it has run.
    process.nextTick(() => {
      if (this.globalSetupDone === undefined) begin();
      else this.globalSetupDone.then(begin, require('internal/test_runner/utils').globalSetupFailed);
    });
  }

  // Once every top-level test has finished, the root's `after` hooks run.
  // (The root's own run, as the node.test channel traces it, is this last part.)
  async afterAllTests() {
    await this.root.waitForSubtests();
    await traceTest(this.root, async () => {
      const context = this.root.rootContext();
      try {
        for (const hook of this.root.hooks.after) await this.root.runHook(hook, context);
      } catch (err) {
        this.rootHookFailure(err, hook_location(this.root.hooks.after));
      }
    });
  }

  flush() {
    this.root.flushSubtests();
  }

  countResult(test) {
    if (test.parent === null) return;
    const data = test.eventData();
    data.details = { duration_ms: test.duration, type: test.isSuiteLike() ? 'suite' : 'test', passed: test.passed };
    if (!test.passed) data.details.error = test.error;
    this.emit('test:complete', data);
    if (test.parent === this.root) this.counts.topLevel++;
    if (test.isSuiteLike()) {
      this.counts.suites++;
      return;
    }
    this.counts.tests++;
    if (test.skipped !== undefined) this.counts.skipped++;
    else if (test.todoMessage !== undefined || test.isTodoInherited()) this.counts.todo++;
    else if (test.passed) this.counts.pass++;
    else if (test.error?.failureType === 'cancelledByParent' || test.error?.failureType === 'testTimeoutFailure') this.counts.cancelled++;
    else this.counts.fail++;
  }

  lateFailure(test, error) {
    test.fail(error);
    this.counts.fail++;
    this.emit('test:fail', { ...test.eventData(), details: { duration_ms: 0, type: 'test', passed: false, error } });
  }

  rootHookFailure(err, loc) {
    this.rootError = err;
    this.emit('test:fail', {
      name: '<root>', nesting: 0, testNumber: 0, ...loc,
      details: { duration_ms: 0, type: 'test', passed: false, error: testFailure(err, 'hookFailure') },
    });
    this.counts.fail++;
  }

  // Errors thrown where no test awaits them fail the test whose code caused them.
  // Left behind by a test or hook that has ended, they are reported as a diagnostic and fail the run.
  handleUncaught(err, kind) {
    const test = currentTest.getStore();
    const hookCall = currentHook.getStore();
    const hookEnded = hookCall !== undefined && hookCall.finished;
    if (!hookEnded && test !== undefined && test.parent !== null && !test.finished) {
      const failure = testFailure(err, kind);
      test.fail(failure);
      test.controller.abort(failure);
      return;
    }
    const at = (loc) => `${require('path').relative(process.cwd(), loc.file ?? '')}:${loc.line}:${loc.column}`;
    let where = '';
    if (hookEnded) where = `Test hook "${hookCall.hook.kind}" at ${at(hookCall.hook.loc)} generated asynchronous activity after the test ended. `;
    else if (test !== undefined && test.parent !== null) where = `Test "${test.name}" at ${at(test.loc)} generated asynchronous activity after the test ended. `;
    const text = `Error: ${where}This activity created the error "${String(err)}" and would have caused the test to fail, but instead triggered an ${kind} event.`;
    this.extraneousActivity = true;
    // Reported as the root's diagnostics, after its tests.
    this.rootDiagnostics.push({ nesting: 0, message: text, ...((hookEnded ? hookCall.hook.loc : test?.loc) ?? {}) });
  }

  // At the end of the event loop: unfinished tests are cancelled, the summary reported.
  finish() {
    if (this.ended) return;
    const cancelUnfinished = (test) => {
      for (const subtest of test.subtests) {
        if (subtest.finished) continue;
        cancelUnfinished(subtest);
        subtest.fail(testFailure('Promise resolution is still pending but the event loop has already resolved', 'cancelledByParent'));
        if (!subtest.started) subtest.startTime = process.hrtime.bigint();
        subtest.started = true;
        subtest.complete();
      }
    };
    cancelUnfinished(this.root);
    this.flush();
    const { counts } = this;
    const isChild = process.env.NODE_TEST_CONTEXT === 'child-anode';
    if (this.root.subtests.length > 0 && !isChild) this.emit('test:plan', { nesting: 0, count: this.root.subtests.length });
    const coverage = this.coverage === undefined ? undefined : collectCoverage(this.coverage, this.rootDiagnostics);
    for (const diagnostic of this.rootDiagnostics) this.emit('test:diagnostic', diagnostic);
    const duration = Number(process.hrtime.bigint() - this.startTime) / 1e6;
    for (const [name, value] of [['tests', counts.tests], ['suites', counts.suites], ['pass', counts.pass],
      ['fail', counts.fail], ['cancelled', counts.cancelled], ['skipped', counts.skipped], ['todo', counts.todo],
      ['duration_ms', duration]]) {
      if (isChild) break;
      this.emit('test:diagnostic', { nesting: 0, message: `${name} ${value}` });
    }
    // A failing suite (an error in its own code) fails the run without counting as a test.
    const topLevelFailed = this.root.subtests.some((test) => !test.passed && test.todoMessage === undefined);
    const coveragePassed = coverage === undefined || coverage.report((type, data) => this.emit(type, data));
    const success = counts.fail === 0 && counts.cancelled === 0 && !topLevelFailed && this.rootError === undefined && !this.extraneousActivity &&
      !this.invalidRerunFile && coveragePassed;
    this.emit('test:summary', {
      success,
      counts: { tests: counts.tests, suites: counts.suites, passed: counts.pass, failed: counts.fail, cancelled: counts.cancelled,
        skipped: counts.skipped, todo: counts.todo, topLevel: counts.topLevel },
      duration_ms: duration,
      file: this.config.file,
    });
    this.ended = true;
    for (const [event, listener] of Object.entries(this.processListeners ?? {})) process.removeListener(event, listener);
    endStream(this.stream);
    if (!success && this.config.setsExitCode !== false) process.exitCode = 1;
    return success;
  }
}

let globalHarness = null;

// What a run's coverage reports on (source maps followed under --enable-source-maps).
function coverageConfig(options, cwd) {
  const { coverageExcludeGlobs, coverageIncludeGlobs, lineCoverage, branchCoverage, functionCoverage } = options;
  const sourceMaps = internals.getOptionValue('--enable-source-maps');
  return { cwd, sourceMaps, coverageExcludeGlobs, coverageIncludeGlobs, lineCoverage, branchCoverage, functionCoverage };
}

function configFromOptions() {
  const options = require('internal/test_runner/utils').parseCommandLine();
  return {
    only: options.only,
    namePatterns: parsePatterns(options.namePatterns),
    skipPatterns: parsePatterns(options.skipPatterns),
    tagFilters: tagFilters(options.tagFilters, '--experimental-test-tag-filter'),
    timeout: options.timeout,
    concurrency: 1,
    randomize: options.randomize,
    randomSeed: options.randomSeed,
    rerunFailuresFilePath: options.rerunFailuresFilePath,
  };
}

// The process's harness, made when node:test is first used to declare a test.
function getHarness() {
  if (globalHarness !== null) return globalHarness;
  const harness = new Harness(configFromOptions());
  globalHarness = harness;
  const { setupReporters, parseCommandLine, loadGlobalSetup } = require('internal/test_runner/utils');
  const options = parseCommandLine();
  // Under `node --test` itself, what a preloaded module (--import, --require) declares belongs
  // to the run's root: the in-process run takes its hooks over.
  if (options.isTestRunner && !options.isChild) {
    harness.preloaded = true;
    return harness;
  }
  if (options.coverage && !options.isChild) harness.coverage = setupCoverage(coverageConfig(options, process.cwd()));
  const reported = setupReporters(harness.stream);
  // --test-force-exit: the process ends once its tests have, and their report is written.
  if (options.forceExit) {
    harness.onRootDone = () => {
      harness.finish();
      reported.then(() => process.exit());
    };
  }
  // The process's listeners, removed once the run has ended (as node's are).
  const listeners = {
    uncaughtException: (err) => harness.handleUncaught(err, 'uncaughtException'),
    unhandledRejection: (err) => harness.handleUncaught(err, 'unhandledRejection'),
    beforeExit: () => harness.finish(),
  };
  harness.processListeners = listeners;
  process.on('uncaughtException', listeners.uncaughtException);
  process.on('unhandledRejection', listeners.unhandledRejection);
  if (options.globalSetupPath !== undefined) {
    harness.globalSetupDone = loadGlobalSetup(options.globalSetupPath).then(async ({ setup, teardown }) => {
      harness.stream.beforeEnd = teardown;
      await setup?.();
    });
  }
  process.on('beforeExit', listeners.beforeExit);
  return harness;
}

// run({ isolation: 'none' }): the files load in this process, their tests forming one tree
// reported on `stream`; resolves with whether all passed. Under `--test` the run ends when the
// event loop does, so that errors the tests left behind are reported.
// A randomized run reports its seed.
function seedDiagnostic(seed) {
  return { nesting: 0, message: `Randomized test order seed: ${seed}` };
}

async function runInProcess(stream, files, config, { untilLoopEnds = false } = {}) {
  const previous = globalHarness;
  const harness = new Harness({ ...config, concurrency: 1, setsExitCode: false }, stream);
  if (config.randomize) harness.rootDiagnostics.push(seedDiagnostic(config.randomSeed));
  // The root has started before the files load: their `before` hooks run as they are declared.
  harness.rootStartedEarly = true;
  if (config.coverage) harness.coverage = setupCoverage(coverageConfig(config, config.cwd ?? process.cwd()));
  globalHarness = harness;
  if (previous?.preloaded) {
    for (const kind of Object.keys(harness.root.hooks)) harness.root.hooks[kind].push(...previous.root.hooks[kind]);
    const context = harness.root.hookContext();
    for (const hook of harness.root.hooks.before) {
      harness.root.runBeforeHook(hook, context).catch((err) => harness.root.beforeHookFailed(err, hook));
    }
  }
  const onException = (err) => harness.handleUncaught(err, 'uncaughtException');
  const onRejection = (err) => harness.handleUncaught(err, 'unhandledRejection');
  if (untilLoopEnds) {
    process.on('uncaughtException', onException);
    process.on('unhandledRejection', onRejection);
  }
  const { pathToFileURL } = require('url');
  const path = require('path');
  // Every file runs as worker 1.
  process.env.NODE_TEST_WORKER_ID = '1';
  try {
    // `node --test` without isolation: the --require and --import modules load now, their
    // tests and hooks joining the files'.
    if (config.loadsPreloads) {
      require('internal/module').Module._preloadModules(internals.getOptionValue('--require'));
      const parentURL = pathToFileURL(`${config.cwd ?? process.cwd()}/`).href;
      const { importModule } = require('internal/esm');
      for (const specifier of internals.getOptionValue('--import')) await importModule(specifier, parentURL);
    }
    for (const file of files) {
      const declaredBefore = harness.root.subtests.length;
      try {
        await internals.importModule(pathToFileURL(file).href, 'node:internal/test_runner/harness');
      } catch (err) {
        const failure = harness.root.createSubtest(FileLoadFailure, file, {}, undefined, { file, line: 1, column: 1 });
        failure.loadError = err;
        continue;
      }
      // A file that declares no test is reported as a passing test named by its path.
      if (harness.root.subtests.length === declaredBefore) {
        harness.root.createSubtest(Test, config.names?.get(file) ?? path.relative(config.cwd ?? process.cwd(), file), {}, undefined, {});
      }
    }
  } finally {
    globalHarness = previous;
  }
  // Tests still pending when the loop ends are cancelled (by finish()).
  const loopEnded = untilLoopEnds ? new Promise((resolve) => process.once('beforeExit', resolve)) : undefined;
  if (harness.root.subtests.length > 0 || harness.root.hooks.after.length > 0) {
    harness.scheduleRoot();
    await new Promise((resolve) => process.nextTick(resolve));
    await (loopEnded === undefined ? harness.whenRootDone : Promise.race([harness.whenRootDone, loopEnded]));
  }
  if (untilLoopEnds) {
    await loopEnded;
    process.removeListener('uncaughtException', onException);
    process.removeListener('unhandledRejection', onRejection);
  }
  return harness.finish();
}

function parentForNewTest() {
  const current = currentTest.getStore();
  if (current !== undefined && !current.finished) return current;
  return getHarness().root;
}

function runTest(Factory, name, options, fn, overrides) {
  const parent = parentForNewTest();
  const loc = callerLocation();
  if (overrides !== undefined) {
    const parsed = require('internal/test_runner/test').parseArgs(name, options, fn);
    name = parsed.name;
    options = { ...parsed.options, ...overrides };
    fn = parsed.fn;
  }
  const subtest = parent.createSubtest(Factory, name, options, fn, loc);
  if (Factory === Suite) {
    // A suite declared while its parent suite is being built runs with its siblings.
    if (parent.isSuiteLike() && !parent.started) return subtest.building ?? Promise.resolve();
    return subtest.start();
  }
  if (parent.isSuiteLike() && !parent.started) return Promise.resolve();
  return subtest.start();
}

function hookAdder(kind) {
  return function (fn, options) {
    const parent = parentForNewTest();
    parent.addHook(kind, fn, options);
  };
}

module.exports = { coverageConfig, endStream, Harness, TestsStream, getHarness, runTest, hookAdder, parentForNewTest, parsePatterns, runInProcess, seedDiagnostic };
