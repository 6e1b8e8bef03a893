'use strict';
// run() and `--test`: each test file in its own child process, whose events come back over
// its stdout and are reported, file by file, as one run.

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { codedError, invalidArgType, validateInteger } = require('internal/errors');
const { TestsStream, coverageConfig, parsePatterns, runInProcess, endStream, seedDiagnostic } = require('internal/test_runner/harness');
const { collectCoverage, setupCoverage } = require('internal/test_runner/coverage');
const { testFailure, tagFilters } = require('internal/test_runner/test');

const kMarker = '\u0000anode-test\u0000';

// ---- in the child: events to the parent ----

function serialize(value, seen = new Set()) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return { $bigint: String(value) };
    if (value === undefined) return { $undefined: true };
    if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
    if (typeof value === 'symbol' || typeof value === 'function') return { $string: String(value) };
    return value;
  }
  if (seen.has(value)) return { $circular: true };
  seen.add(value);
  if (value instanceof Error) {
    const out = { $error: true, name: value.name, message: value.message, stack: value.stack, props: {} };
    for (const key of Object.keys(value)) out.props[key] = serialize(value[key], seen);
    if ('cause' in value && !Object.keys(value).includes('cause')) out.props.cause = serialize(value.cause, seen);
    return out;
  }
  if (Array.isArray(value)) return value.map((entry) => serialize(entry, seen));
  const out = {};
  for (const key of Object.keys(value)) out[key] = serialize(value[key], seen);
  return { $object: out };
}

// The prototype a child's error comes back with: its class where this process has it.
const errorPrototypes = new Map();
function errorPrototype(name) {
  if (name === 'AssertionError') return require('assert').AssertionError.prototype;
  const global = globalThis[name];
  if (typeof global === 'function' && (global === Error || global.prototype instanceof Error)) return global.prototype;
  let prototype = errorPrototypes.get(name);
  if (prototype === undefined) {
    const named = { [name]: class extends Error {} }[name];
    Object.defineProperty(named.prototype, 'name', { value: name, writable: true, configurable: true });
    prototype = named.prototype;
    errorPrototypes.set(name, prototype);
  }
  return prototype;
}

function deserialize(value) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(deserialize);
  if (value.$bigint !== undefined) return BigInt(value.$bigint);
  if (value.$undefined) return undefined;
  if (value.$number !== undefined) return Number(value.$number);
  if (value.$string !== undefined) return value.$string;
  if (value.$circular) return '[Circular]';
  if (value.$error) {
    const err = Object.create(errorPrototype(value.name));
    Object.defineProperty(err, 'message', { value: value.message, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(err, 'stack', { value: value.stack, writable: true, configurable: true, enumerable: false });
    for (const [key, entry] of Object.entries(value.props)) err[key] = deserialize(entry);
    return err;
  }
  const out = {};
  for (const [key, entry] of Object.entries(value.$object ?? {})) out[key] = deserialize(entry);
  return out;
}

function pipeToParent(stream) {
  stream.on('data', ({ type, data }) => {
    process.stdout.write(`${kMarker}${JSON.stringify({ type, data: serialize(data) })}\n`);
  });
}

// ---- in the parent ----

// The files `node --test` runs when given none (TypeScript ones too when types are stripped).
// The test files the patterns (globs or paths) name, sorted, and the names they are reported
// by (as the patterns gave them); a pattern without magic that names nothing is an error when
// nothing else was found either.
function findTestFiles(cwd, args) {
  const { Glob } = require('internal/fs/glob');
  const patterns = args.length > 0 ? args : [require('internal/test_runner/utils').defaultPattern()];
  const glob = new Glob(patterns, { cwd, exclude: (name) => name === 'node_modules' });
  const found = glob.globSync();
  if (args.length > 0 && found.length === 0 && glob.matchers.every((matcher) => !matcher.hasMagic())) {
    throw codedError(Error, 'ERR_TEST_FAILURE', `Could not find '${patterns.join(', ')}'`);
  }
  const names = new Map();
  for (const file of found.sort()) names.set(path.resolve(cwd, file), file);
  return { files: [...names.keys()], names };
}

function childArgs(options) {
  const args = [];
  if (options.only) args.push('--test-only');
  if (options.forceExit) args.push('--test-force-exit');
  for (const tag of options.tagFilters ?? []) args.push(`--experimental-test-tag-filter=${tag}`);
  for (const pattern of options.namePatterns) args.push(`--test-name-pattern=${pattern instanceof RegExp ? pattern.toString() : pattern}`);
  for (const pattern of options.skipPatterns) args.push(`--test-skip-pattern=${pattern instanceof RegExp ? pattern.toString() : pattern}`);
  if (options.timeout !== Infinity && options.timeout !== undefined) args.push(`--test-timeout=${options.timeout}`);
  if (options.randomize) args.push('--test-randomize', `--test-random-seed=${options.randomSeed}`);
  if (options.rerunFailuresFilePath) args.push(`--test-rerun-failures=${options.rerunFailuresFilePath}`);
  const { isUsingInspector, getInspectPort } = require('internal/util/inspector');
  if (isUsingInspector()) args.push(`--inspect-port=${getInspectPort(options.inspectPort)}`);
  return args;
}

// The node options of this process a child runs with too (not the runner's own): the config
// file's (the file itself is not passed on), then the command line's.
function inheritedExecArgv() {
  const dropped = /^--(watch|test|experimental-test-coverage|test-reporter|test-reporter-destination|test-force-exit|test-only|test-name-pattern|test-skip-pattern|test-isolation|experimental-test-tag-filter|test-global-setup|test-randomize|test-random-seed|test-rerun-failures|experimental-config-file|experimental-default-config-file)(=|$)/;
  const out = [];
  const argv = [...internals.configFileArgs, ...process.execArgv];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = dropped.exec(arg);
    if (match) {
      if (match[2] === '' && /^--(test-(reporter|reporter-destination|name-pattern|skip-pattern|isolation|global-setup|random-seed|rerun-failures)|experimental-test-tag-filter)$/.test(arg)) i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

// In watch mode without isolation, the files run together in one process (`--test
// --test-isolation=none`), which stands in the run for a file named ''.
const kIsolatedRun = '';

// Runs one file; resolves with its buffered events and its result.
// In watch mode, the child reports the modules it loads, which the watcher keeps as the file's.
function runFile(file, options) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const events = [];
    const target = file === kIsolatedRun ? ['--test', '--test-isolation=none', ...options.isolatedFiles] : [file];
    const env = { ...process.env, NODE_TEST_CONTEXT: 'child-anode', NODE_TEST_WORKER_ID: String(options.workerId) };
    const { watcher } = options;
    if (watcher !== undefined) env.WATCH_REPORT_DEPENDENCIES = '1';
    const args = [...inheritedExecArgv(), ...childArgs(options), ...(options.execArgv ?? []), ...target, ...(options.argv ?? [])];
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env,
      stdio: watcher === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    if (watcher !== undefined) {
      watcher.watchChildProcessModules(child, file);
      options.running.set(file, child);
      passMessages(child);
    }
    const onAbort = () => child.kill();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    options.interrupted?.addEventListener('abort', onAbort, { once: true });
    let stdoutRest = '';
    let summary = null;
    let failedTests = 0;
    let topLevel = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      const lines = (stdoutRest + chunk).split('\n');
      stdoutRest = lines.pop();
      for (const line of lines) {
        if (line.startsWith(kMarker)) {
          const { type, data } = JSON.parse(line.slice(kMarker.length));
          const value = deserialize(data);
          if (type === 'test:summary') summary = value;
          else {
            if (type === 'test:fail' && value.details?.error?.failureType !== 'subtestsFailed') failedTests++;
            if ((type === 'test:pass' || type === 'test:fail') && value.nesting === 0) topLevel++;
            events.push({ type, data: value });
          }
        } else {
          events.push({ type: 'test:stdout', data: { file, message: `${line}\n` } });
        }
      }
    });
    // The child's stderr is reported line by line, but for what its inspector says, which is
    // passed straight to this process's stderr.
    const { isInspectorMessage } = require('internal/util/inspector');
    const stderrLine = (line) => {
      if (isInspectorMessage(line)) process.stderr.write(`${line}\n`);
      else events.push({ type: 'test:stderr', data: { file, message: `${line}\n` } });
    };
    let stderrRest = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      const lines = (stderrRest + chunk).split(/\r?\n/);
      stderrRest = lines.pop();
      for (const line of lines) stderrLine(line);
    });
    child.on('close', (code, signal) => {
      if (options.running?.get(file) === child) options.running.delete(file);
      options.signal?.removeEventListener('abort', onAbort);
      options.interrupted?.removeEventListener('abort', onAbort);
      if (stdoutRest.length > 0) events.push({ type: 'test:stdout', data: { file, message: stdoutRest } });
      if (stderrRest.length > 0) stderrLine(stderrRest);
      const duration = Number(process.hrtime.bigint() - start) / 1e6;
      resolve({ file, events, summary, code, signal, duration, failedTests, topLevel });
    });
  });
}

// Run under a parent with an IPC channel, a watched file's process exchanges messages with it.
function passMessages(child) {
  if (typeof process.send !== 'function') return;
  const down = (message) => child.send(message);
  const up = (message) => process.send(message);
  process.on('message', down);
  child.on('message', up);
  child.once('exit', () => process.off('message', down));
}

// The files in the order randomized tests would start: each drawn from those left.
function randomOrder(files, seed) {
  const { seededRandom, takeNext } = require('internal/test_runner/utils');
  const random = seededRandom(seed);
  const pending = [...files];
  const ordered = [];
  while (pending.length > 0) ordered.push(takeNext(pending, random));
  return ordered;
}

// run()'s randomize and randomSeed (a seed alone randomizes too; a run randomized without
// one gets a random seed), which watch mode and rerunning failures do not take.
function randomOrderOptions(randomize, randomSeed, watch, rerunFailuresFilePath) {
  const { validateBoolean } = require('internal/errors');
  if (randomize !== undefined && randomize !== null) validateBoolean(randomize, 'options.randomize');
  if (randomSeed !== undefined && randomSeed !== null) {
    validateInteger(randomSeed, 'options.randomSeed', 0, 2 ** 32 - 1);
    randomize = true;
  }
  if (watch) {
    const { invalidArgValue } = require('internal/errors');
    if (randomSeed !== undefined && randomSeed !== null) throw invalidArgValue('options.randomSeed', randomSeed, 'is not supported with watch mode');
    if (randomize) throw invalidArgValue('options.randomize', randomize, 'is not supported with watch mode');
  }
  if (rerunFailuresFilePath) {
    require('internal/fs/utils').validatePath(rerunFailuresFilePath, 'options.rerunFailuresFilePath');
    const { invalidArgValue } = require('internal/errors');
    if (randomSeed !== undefined && randomSeed !== null) throw invalidArgValue('options.randomSeed', randomSeed, 'is not supported with rerun failures mode');
    if (randomize) throw invalidArgValue('options.randomize', randomize, 'is not supported with rerun failures mode');
  }
  if (!randomize) return { randomize: false, randomSeed: undefined };
  return { randomize: true, randomSeed: randomSeed ?? Math.floor(Math.random() * 2 ** 32) };
}

function emptyCounts() {
  return { tests: 0, suites: 0, passed: 0, failed: 0, cancelled: 0, skipped: 0, todo: 0, topLevel: 0 };
}

// Reports each file's events in file order, renumbering the top-level tests across files.
async function runFiles(stream, files, options) {
  const startTime = process.hrtime.bigint();
  if (options.randomize) files = randomOrder(files, options.randomSeed);
  // Rerunning failures, this process keeps the record of the files' tests.
  let invalidRerunFile = false;
  if (options.rerunFailuresFilePath) {
    const { setupRerun } = require('internal/test_runner/rerun');
    invalidRerunFile = setupRerun(stream, options.rerunFailuresFilePath, options.cwd) === null;
  }
  // The files' processes report the coverage; the runner's own (its reporters, say) is not the
  // run's, as in node.
  const coverage = options.coverage ? setupCoverage({ ...coverageConfig(options, options.cwd), ownProcess: false }) : undefined;
  const counts = emptyCounts();
  let topNumber = 0;
  let failedRun = false;
  const results = new Array(files.length);
  let next = 0;
  const fileName = (file) => options.names?.get(file) ?? path.relative(options.cwd, file);
  // Under `node --test`, SIGINT (or SIGTERM) reports the files running and stops them; once the
  // reporters have had that, the global teardown runs and the process exits, failed if files
  // were still running or any had failed.
  const interrupt = new AbortController();
  const running = new Set();
  const onInterrupt = async () => {
    if (interrupt.signal.aborted) return;
    const tests = [...running].map((file) => ({ name: fileName(file), nesting: 0, file, line: 1, column: 1 }));
    const interrupted = tests.length > 0;
    if (interrupted) stream.push({ type: 'test:interrupted', data: { __proto__: null, tests } });
    interrupt.abort();
    if (interrupted) await new Promise((resolve) => setImmediate(resolve));
    const teardown = stream.beforeEnd;
    stream.beforeEnd = undefined;
    await teardown?.();
    if (interrupted || failedRun || counts.failed > 0 || counts.cancelled > 0) process.exitCode = 1;
    process.exit();
  };
  if (options.interruptible) {
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onInterrupt);
  }
  // Each worker runs one file at a time. The files see NODE_TEST_WORKER_ID 1 to options.workerIds
  // in turn, in the order they start (as node hands its ids out).
  const worker = async () => {
    while (next < files.length && !interrupt.signal.aborted) {
      const index = next++;
      running.add(files[index]);
      const workerId = (index % options.workerIds) + 1;
      results[index] = runFile(files[index], { ...options, workerId, interrupted: interrupt.signal });
      await results[index];
      running.delete(files[index]);
    }
  };
  const workers = [];
  for (let i = 0; i < Math.min(options.concurrency, files.length); i++) workers.push(worker());
  // Once interrupted, nothing more is reported.
  const push = (type, data) => {
    if (!interrupt.signal.aborted) stream.push({ type, data });
  };
  // What this process reports itself has null-prototype data (the files' events are ordinary objects).
  const pushOwn = (type, data) => push(type, { __proto__: null, ...data });
  for (let index = 0; index < files.length; index++) {
    while (results[index] === undefined && !(interrupt.signal.aborted && next <= index)) await new Promise((resolve) => setImmediate(resolve));
    if (results[index] === undefined) break;
    const result = await results[index];
    for (const { type, data } of result.events) {
      if (data.nesting === 0 && (type === 'test:start' || type === 'test:pass' || type === 'test:fail')) {
        if (type === 'test:start') data.testNumber = topNumber + 1;
        else data.testNumber = ++topNumber;
      }
      push(type, data);
    }
    const fileCounts = result.summary?.counts ?? emptyCounts();
    for (const key of Object.keys(counts)) counts[key] += fileCounts[key] ?? 0;
    const fileFailed = (result.code !== 0 || result.signal !== null) && result.failedTests === 0;
    if (result.summary && !result.summary.success && !fileFailed) failedRun = true;
    if (fileFailed || result.topLevel === 0) {
      const name = fileName(result.file);
      const data = { name, nesting: 0, testNumber: ++topNumber, file: result.file, line: 1, column: 1 };
      const details = { duration_ms: result.duration, type: 'test' };
      pushOwn('test:start', { name, nesting: 0, testNumber: data.testNumber, file: result.file, line: 1, column: 1 });
      counts.tests++;
      counts.topLevel++;
      if (fileFailed && interrupt.signal.aborted && result.signal !== null) {
        counts.cancelled++;
        const err = testFailure('Promise resolution is still pending but the event loop has already resolved', 'cancelledByParent');
        pushOwn('test:fail', { ...data, details: { ...details, passed: false, error: err } });
      } else if (fileFailed) {
        const err = testFailure('test failed', 'testCodeFailure');
        err.failureType = 'testCodeFailure';
        err.exitCode = result.code;
        err.signal = result.signal;
        err.cause = 'test failed';
        // TAP shows exitCode and signal before the error (node's key order).
        const ordered = Object.assign(Object.create(Error.prototype), { failureType: err.failureType, exitCode: err.exitCode, signal: err.signal });
        Object.defineProperties(ordered, {
          message: { value: 'test failed', writable: true, configurable: true },
          stack: { value: err.stack, writable: true, configurable: true },
          code: { value: 'ERR_TEST_FAILURE', writable: true, configurable: true, enumerable: true },
          cause: { value: 'test failed', writable: true, configurable: true, enumerable: true },
        });
        counts.failed++;
        pushOwn('test:fail', { ...data, details: { ...details, passed: false, error: ordered } });
      } else {
        counts.passed++;
        pushOwn('test:pass', { ...data, details: { ...details, passed: true } });
      }
    }
  }
  await Promise.all(workers);
  process.removeListener('SIGINT', onInterrupt);
  process.removeListener('SIGTERM', onInterrupt);
  if (topNumber > 0) pushOwn('test:plan', { nesting: 0, count: topNumber });
  const coverageDiagnostics = [];
  const coverageResult = coverage === undefined ? undefined : collectCoverage(coverage, coverageDiagnostics);
  for (const diagnostic of coverageDiagnostics) pushOwn('test:diagnostic', diagnostic);
  if (options.randomize) pushOwn('test:diagnostic', seedDiagnostic(options.randomSeed));
  if (invalidRerunFile) {
    const { invalidRerunFileWarning } = require('internal/test_runner/rerun');
    pushOwn('test:diagnostic', { nesting: 0, message: invalidRerunFileWarning(options.rerunFailuresFilePath) });
  }
  const duration = Number(process.hrtime.bigint() - startTime) / 1e6;
  for (const [name, value] of [['tests', counts.tests], ['suites', counts.suites], ['pass', counts.passed],
    ['fail', counts.failed], ['cancelled', counts.cancelled], ['skipped', counts.skipped], ['todo', counts.todo],
    ['duration_ms', duration]]) {
    pushOwn('test:diagnostic', { nesting: 0, message: `${name} ${value}` });
  }
  const coveragePassed = coverageResult === undefined || coverageResult.report(pushOwn);
  const success = counts.failed === 0 && counts.cancelled === 0 && !failedRun && !invalidRerunFile && coveragePassed;
  pushOwn('test:summary', { success, counts, duration_ms: duration, file: undefined });
  if (!options.watching) endStream(stream);
  return success;
}

// run()'s coverage options: globs a string or strings (test files left out by default),
// thresholds integer percentages.
function coverageOptions(options) {
  const { validateBoolean } = require('internal/errors');
  const { coverage = false, lineCoverage = 0, branchCoverage = 0, functionCoverage = 0 } = options;
  validateBoolean(coverage, 'options.coverage');
  const globs = (value, name) => {
    if (value === undefined || value === null) return undefined;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((glob, index) => {
      if (typeof glob !== 'string') throw invalidArgType(`${name}[${index}]`, 'of type string', glob);
    });
    return list;
  };
  const coverageExcludeGlobs = globs(options.coverageExcludeGlobs, 'options.coverageExcludeGlobs') ??
    [require('internal/test_runner/utils').defaultPattern()];
  const coverageIncludeGlobs = globs(options.coverageIncludeGlobs, 'options.coverageIncludeGlobs');
  validateInteger(lineCoverage, 'options.lineCoverage', 0, 100);
  validateInteger(branchCoverage, 'options.branchCoverage', 0, 100);
  validateInteger(functionCoverage, 'options.functionCoverage', 0, 100);
  return { coverage, coverageExcludeGlobs, coverageIncludeGlobs, lineCoverage, branchCoverage, functionCoverage };
}

// options.shard ({ index, total }, or nothing): checked, as a plain pair.
function shardOptions(shard, watch) {
  if (shard === undefined || shard === null) return undefined;
  const { invalidArgValue, validateObject } = require('internal/errors');
  validateObject(shard, 'options.shard');
  const { index, total } = shard;
  validateInteger(total, 'options.shard.total', 1);
  validateInteger(index, 'options.shard.index', 1, total);
  if (watch) throw invalidArgValue('options.shard', watch, 'shards not supported with watch mode');
  return { index, total };
}

// A shard's test files: every `total`-th of them, from the `index`-th.
function shardFiles(files, shard) {
  return shard === undefined ? files : files.filter((_, position) => position % shard.total === shard.index - 1);
}

function run(options = {}) {
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
  let { files, concurrency, timeout, only, testNamePatterns, testSkipPatterns, testTagFilters, signal, cwd = process.cwd(), isolation = 'process', globalSetupPath } = options;
  const { rerunFailuresFilePath } = options;
  const watch = options.watch ?? false;
  require('internal/errors').validateBoolean(watch, 'options.watch');
  if (watch && options.forceExit) throw require('internal/errors').invalidArgValue('options.forceExit', watch, 'is not supported with watch mode');
  const order = randomOrderOptions(options.randomize, options.randomSeed, watch, rerunFailuresFilePath);
  const shard = shardOptions(options.shard, watch);
  if (globalSetupPath !== undefined && globalSetupPath !== null && typeof globalSetupPath !== 'string') {
    throw invalidArgType('options.globalSetupPath', 'of type string', globalSetupPath);
  }
  if (files !== undefined && !Array.isArray(files)) throw invalidArgType('options.files', 'an instance of Array', files);
  const { argv = [], execArgv = [] } = options;
  if (!Array.isArray(argv)) throw invalidArgType('options.argv', 'an instance of Array', argv);
  if (!Array.isArray(execArgv)) throw invalidArgType('options.execArgv', 'an instance of Array', execArgv);
  if (isolation !== 'process' && isolation !== 'none') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.isolation' must be one of: 'process', 'none'. Received ${require('internal/inspect').inspect(isolation)}`);
  }
  if (concurrency === undefined || concurrency === false) concurrency = 1;
  else if (concurrency === true) concurrency = Math.max(require('os').availableParallelism() - 1, 1);
  else validateInteger(concurrency, 'options.concurrency', 1);
  if (timeout !== undefined && timeout !== Infinity) validateInteger(timeout, 'options.timeout', 0);
  const toList = (value, name) => {
    if (value === undefined) return [];
    const list = Array.isArray(value) ? value : [value];
    for (const pattern of list) if (typeof pattern !== 'string' && !(pattern instanceof RegExp)) throw invalidArgType(name, 'an instance of Array of RegExp or string', value);
    return list;
  };
  const coverage = coverageOptions(options);
  const stream = new TestsStream();
  const resolved = {
    ...coverage,
    cwd,
    concurrency,
    timeout: timeout ?? Infinity,
    only: Boolean(only),
    namePatterns: parsePatterns(toList(testNamePatterns, 'options.testNamePatterns')),
    skipPatterns: parsePatterns(toList(testSkipPatterns, 'options.testSkipPatterns')),
    tagFilters: tagFilters(testTagFilters, 'options.testTagFilters'),
    signal,
    ...order,
    workerIds: workerIdCount(),
    rerunFailuresFilePath,
    argv,
    execArgv,
  };
  const list = shardFiles((files ?? findTestFiles(cwd, []).files).map((file) => path.resolve(cwd, file)), shard);
  const { loadGlobalSetup, globalSetupFailed } = require('internal/test_runner/utils');
  process.nextTick(async () => {
    try {
      const hooks = await loadGlobalSetup(globalSetupPath);
      stream.beforeEnd = hooks.teardown;
      await hooks.setup?.();
    } catch (err) {
      globalSetupFailed(err);
    }
    if (watch) {
      watchFiles(stream, list, { ...resolved, isolation, patterns: [], hasFiles: files !== undefined });
      return;
    }
    await (isolation === 'none' ? runInProcess(stream, list, resolved) : runFiles(stream, list, resolved));
  });
  return stream;
}

// How many NODE_TEST_WORKER_IDs the files of a run take turns with: node counts them by the
// process's own test runner concurrency (--test-concurrency under --test, else 1), whatever
// the run's.
function workerIdCount() {
  const options = require('internal/test_runner/utils').parseCommandLine();
  if (!options.isTestRunner || options.isChild || options.isolation === 'none') return 1;
  return options.concurrency ?? Math.max(require('os').availableParallelism() - 1, 1);
}

// Watch mode: the files run, then each time a file changes, the test files that loaded it run
// again (without isolation, all of them), each run reported with its own summary. Given its
// files (run({ files, watch })), only what they load is watched; otherwise everything under the
// working directory, the test files found again on each change. `node --test --watch` stops on
// SIGINT or SIGTERM, after the global teardown; run() when its signal aborts.
function watchFiles(stream, files, options) {
  const { FilesWatcher } = require('internal/watch_mode/files_watcher');
  const watcher = new FilesWatcher({ debounce: 200, mode: options.hasFiles ? 'filter' : 'all' });
  if (!options.hasFiles) watcher.watchPath(options.cwd);
  const running = new Map();
  const runOptions = { ...options, watcher, running, watching: true, interruptible: false };
  const isolated = options.isolation === 'none';
  let runDone = null;
  const queued = new Set();
  const runFilesOf = (owners) => (isolated ? [kIsolatedRun] : files.filter((file) => owners.has(file)));
  const startRun = (toRun) => {
    runDone = (isolated
      ? runFiles(stream, toRun, { ...runOptions, concurrency: 1, isolatedFiles: files })
      : runFiles(stream, toRun, runOptions)
    ).then(() => {
      stream.push({ type: 'test:watch:drained', data: undefined });
      runDone = null;
      if (queued.size > 0) {
        const next = [...queued];
        queued.clear();
        startRun(next);
      }
    });
  };
  watcher.on('changed', ({ owners, eventType }) => {
    // A test file added is run; one removed is not watched for any more.
    if (!options.hasFiles) {
      let updated = [];
      try {
        updated = findTestFiles(options.cwd, options.patterns).files;
      } catch {
        // (The files named are gone.)
      }
      const added = updated.find((file) => !files.includes(file));
      const removed = files.find((file) => !updated.includes(file));
      files = updated;
      if (added !== undefined) {
        owners = new Set([added]);
        watcher.filterFile(added, added);
      } else if (removed !== undefined) {
        return;
      }
    }
    stream.push({ type: 'test:watch:restarted', data: undefined });
    if (!isolated) watcher.unfilterFilesOwnedBy(owners);
    const toRun = runFilesOf(owners);
    if (toRun.length === 0) return;
    if (runDone === null) {
      startRun(toRun);
      return;
    }
    // What is running again is stopped and runs in the next run.
    for (const file of toRun) {
      queued.add(file);
      running.get(file)?.kill();
    }
  });
  startRun(isolated ? [kIsolatedRun] : files);
  if (options.signal !== undefined) {
    // (The files' processes stop with the signal.)
    const end = async () => {
      watcher.clear();
      queued.clear();
      await runDone;
      endStream(stream);
    };
    if (options.signal.aborted) end();
    else options.signal.addEventListener('abort', end, { once: true });
  }
  if (!options.stopsOnSignals) return;
  const stop = async () => {
    watcher.clear();
    for (const child of running.values()) child.kill();
    const teardown = stream.beforeEnd;
    stream.beforeEnd = undefined;
    await teardown?.();
    process.exit();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// `node --test [files...]`
function runCli() {
  const { parseCommandLine, setupReporters } = require('internal/test_runner/utils');
  const options = parseCommandLine();
  const watch = internals.getOptionValue('--watch');
  const order = randomOrderOptions(options.randomize, options.randomSeed, watch, options.rerunFailuresFilePath);
  const shard = shardOptions(options.shard, watch);
  if (watch && options.forceExit) throw require('internal/errors').invalidArgValue('options.forceExit', watch, 'is not supported with watch mode');
  const cwd = process.cwd();
  let files;
  let names;
  try {
    ({ files, names } = findTestFiles(cwd, process.argv.slice(1)));
    files = shardFiles(files, shard);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
    return;
  }
  const stream = new TestsStream();
  // (Run by a watching runner, this process's events go to it.)
  const reported = setupReporters(stream);
  const isolation = options.isolation ?? 'process';
  if (isolation !== 'process' && isolation !== 'none') {
    process.stderr.write(`${process.argv0}: invalid value for --test-isolation\n`);
    process.exitCode = 9;
    return;
  }
  // Without isolation the files' tests run one at a time, in this process. Inspected, the files'
  // processes run one at a time, each inspected on this process's port.
  let concurrency = isolation === 'none' ? 1 : options.concurrency ?? Math.max(require('os').availableParallelism() - 1, 1);
  let inspectPort;
  if (isolation === 'process' && require('internal/util/inspector').isUsingInspector()) {
    process.emitWarning('Using the inspector with --test forces running at a concurrency of 1. Use the inspectPort option to run with concurrency');
    concurrency = 1;
    inspectPort = process.debugPort;
  }
  require('util').debuglog('test_runner')('test runner configuration: %O', {
    __proto__: null,
    isTestRunner: true,
    concurrency: isolation === 'none' || inspectPort !== undefined ? 1 : options.concurrency ?? true,
    destinations: options.destinations.length > 0 ? options.destinations : ['stdout'],
    forceExit: Boolean(options.forceExit),
    isolation,
    only: Boolean(options.only),
    reporters: options.reporters.length > 0 ? options.reporters : ['spec'],
    testNamePatterns: options.namePatterns.length > 0 ? options.namePatterns : null,
    testSkipPatterns: options.skipPatterns.length > 0 ? options.skipPatterns : null,
    testTagFilters: options.tagFilters.length > 0 ? options.tagFilters : null,
    timeout: options.timeout,
    watch: Boolean(watch),
  });
  const config = {
    coverage: options.coverage,
    coverageExcludeGlobs: options.coverageExcludeGlobs,
    coverageIncludeGlobs: options.coverageIncludeGlobs,
    lineCoverage: options.lineCoverage,
    branchCoverage: options.branchCoverage,
    functionCoverage: options.functionCoverage,
    cwd,
    concurrency,
    forceExit: options.forceExit,
    inspectPort,
    interruptible: true,
    names,
    tagFilters: tagFilters(options.tagFilters, '--experimental-test-tag-filter'),
    timeout: options.timeout,
    only: options.only,
    namePatterns: options.namePatterns,
    skipPatterns: options.skipPatterns,
    ...order,
    workerIds: concurrency,
    rerunFailuresFilePath: options.rerunFailuresFilePath,
  };
  const { loadGlobalSetup, globalSetupFailed } = require('internal/test_runner/utils');
  loadGlobalSetup(options.globalSetupPath).then(async ({ setup, teardown }) => {
    try {
      await setup?.();
    } catch (err) {
      globalSetupFailed(err);
    }
    stream.beforeEnd = teardown;
    if (watch) {
      watchFiles(stream, files, { ...config, isolation, patterns: process.argv.slice(1), hasFiles: false, stopsOnSignals: true });
      return;
    }
    const success = await (isolation === 'none'
      ? runInProcess(stream, files, { ...config, loadsPreloads: true, namePatterns: parsePatterns(config.namePatterns), skipPatterns: parsePatterns(config.skipPatterns) }, { untilLoopEnds: !options.forceExit })
      : runFiles(stream, files, config));
    if (!success) process.exitCode = 1;
    // --test-force-exit: once the reporters have written everything, whatever is left is dropped.
    if (options.forceExit) reported.then(() => process.exit());
  }, globalSetupFailed);
}

module.exports = { run, runCli, pipeToParent, findTestFiles };
