'use strict';
// node:test's command-line options and reporter setup.

const { codedError } = require('internal/errors');

function stringToRegExp(text, name = '--test-name-pattern') {
  const match = /^\/(.*)\/([a-z]*)$/s.exec(text);
  try {
    return match ? new RegExp(match[1], match[2]) : new RegExp(text);
  } catch (err) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument '${name}' is an invalid regular expression. Received ${require('internal/inspect').inspect(text)}`);
  }
}

function option(name) {
  return internals.getOptionValue(name);
}

// The test options of this process's command line.
function parseCommandLine() {
  const timeout = option('--test-timeout');
  const concurrency = option('--test-concurrency');
  return {
    isTestRunner: option('--test'),
    only: option('--test-only'),
    namePatterns: option('--test-name-pattern') ?? [],
    skipPatterns: option('--test-skip-pattern') ?? [],
    timeout: timeout ? Number(timeout) : Infinity,
    concurrency: concurrency ? Number(concurrency) : undefined,
    forceExit: option('--test-force-exit'),
    isolation: option('--test-isolation') || undefined,
    reporters: option('--test-reporter') ?? [],
    destinations: option('--test-reporter-destination') ?? [],
    tagFilters: option('--experimental-test-tag-filter') ?? [],
    globalSetupPath: option('--test-global-setup') || undefined,
    isChild: process.env.NODE_TEST_CONTEXT === 'child-anode',
    rerunFailuresFilePath: rerunFailuresFilePath(),
    shard: shardOption(),
    ...randomOrderOptions(),
    ...coverageOptions(),
  };
}

// --test-shard=<index>/<total> of the test runner, as { index, total } (checked by run()'s
// rules later).
function shardOption() {
  const value = option('--test-shard');
  if (!value || !option('--test')) return undefined;
  if (!/^\d+\/\d+$/.test(value)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The argument '--test-shard' must be in the form of <index>/<total>. Received ${require('internal/inspect').inspect(value)}`);
  }
  const [index, total] = value.split('/').map((number) => Number.parseInt(number, 10));
  return { index, total };
}

// The test files' default pattern (also what coverage leaves out by default).
function defaultPattern() {
  const extensions = option('--experimental-strip-types') ? 'js,mjs,cjs,ts,mts,cts' : 'js,mjs,cjs';
  return `**/{test,test/**/*,test-*,*[._-]test}.{${extensions}}`;
}

// --experimental-test-coverage and its globs and thresholds (each threshold an integer
// percentage, read as node reads an unsigned option: its leading digits).
function coverageOptions() {
  if (!option('--experimental-test-coverage')) return { coverage: false };
  const { validateInteger } = require('internal/errors');
  const threshold = (name) => {
    const value = Number(/^\s*(\d*)/.exec(option(name) ?? '')[1] || 0);
    validateInteger(value, name, 0, 100);
    return value;
  };
  const exclude = option('--test-coverage-exclude') ?? [];
  return {
    coverage: true,
    coverageExcludeGlobs: exclude.length > 0 ? exclude : [defaultPattern()],
    coverageIncludeGlobs: option('--test-coverage-include') ?? [],
    branchCoverage: threshold('--test-coverage-branches'),
    lineCoverage: threshold('--test-coverage-lines'),
    functionCoverage: threshold('--test-coverage-functions'),
  };
}

function rerunFailuresFilePath() {
  const file = option('--test-rerun-failures');
  if (!file) return undefined;
  require('internal/fs/utils').validatePath(file, '--test-rerun-failures');
  return file;
}

// --test-randomize and --test-random-seed (a seed alone randomizes too). The seed is read as
// node's unsigned 64-bit options are (leading digits, a minus wrapping around), then must be
// a uint32.
function randomOrderOptions() {
  const seedText = option('--test-random-seed');
  if (!seedText) return { randomize: option('--test-randomize'), randomSeed: undefined };
  const [, sign, digits] = /^\s*([+-]?)(\d*)/.exec(seedText);
  const kWrap = 2n ** 64n;
  let seed = BigInt(digits || '0');
  if (seed >= kWrap) seed = kWrap - 1n;
  else if (sign === '-' && seed !== 0n) seed = kWrap - seed;
  const randomSeed = Number(seed);
  require('internal/errors').validateInteger(randomSeed, '--test-random-seed', 0, 2 ** 32 - 1);
  return { randomize: true, randomSeed };
}

// The order randomized tests run in: Mulberry32 from a uint32 seed, a number in [0, 1) a draw.
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6D2B79F5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

// Takes the next of `pending` to run: the first, or with a random source one drawn from all.
function takeNext(pending, random) {
  if (random === undefined || pending.length < 2) return pending.shift();
  return pending.splice(Math.floor(random() * pending.length), 1)[0];
}

const builtinReporters = { spec: 'SpecReporter', tap: 'tap', dot: 'dot', junit: 'junit', lcov: 'LcovReporter' };

function loadReporter(name) {
  const builtins = require('internal/test_runner/reporters');
  if (Object.hasOwn(builtinReporters, name)) return builtins[builtinReporters[name]];
  const { Module } = require('internal/module');
  const base = new Module(`${process.cwd()}/[test-reporter]`);
  base.filename = base.id;
  base.paths = Module._nodeModulePaths(process.cwd());
  let specifier = name;
  if (name.startsWith('.')) specifier = require('path').resolve(name);
  else if (name.startsWith('file:')) specifier = require('url').fileURLToPath(name);
  const loaded = base.require(specifier);
  return loaded?.default ?? loaded;
}

function destinationStream(destination) {
  if (destination === 'stdout') return process.stdout;
  if (destination === 'stderr') return process.stderr;
  return require('fs').createWriteStream(destination);
}

// Pipes the events through a reporter (a Transform class or instance, or an async generator
// function) into a writable; resolves when the reporter has given all its output.
function pipeReporter(source, reporter, destination) {
  const toConsole = destination === process.stdout || destination === process.stderr;
  // A file is done when it is flushed and closed; the console when the reporter has ended.
  const ended = (readable) => new Promise((resolve) => {
    const done = toConsole ? readable : destination;
    done.once(toConsole ? 'end' : 'close', resolve);
    done.once('error', resolve);
  });
  if (typeof reporter === 'function' && reporter.prototype && typeof reporter.prototype._transform === 'function') {
    reporter = new reporter();
  }
  const isStream = reporter && typeof reporter.pipe === 'function' && typeof reporter.write === 'function';
  if (!isStream && typeof reporter !== 'function') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "reporter" argument must be a Transform stream or an async generator function');
  }
  // Composed as node composes them: the report reaches its destination on a later tick, after
  // the code the tests ran synchronously.
  const output = require('stream').compose(source, reporter);
  output.pipe(destination, toConsole ? { end: false } : undefined);
  return ended(output);
}

function setupReporters(stream) {
  const options = parseCommandLine();
  if (options.isChild) {
    require('internal/test_runner/runner').pipeToParent(stream);
    return new Promise((resolve) => stream.once('end', resolve));
  }
  return setupReportersFor(stream, options);
}

function setupReportersFor(stream, options) {
  const reporters = options.reporters.length > 0 ? options.reporters : ['spec'];
  const destinations = options.destinations.length > 0 ? options.destinations : ['stdout'];
  if (reporters.length !== destinations.length && !(options.destinations.length === 0 && reporters.length === 1)) {
    throw codedError(Error, 'ERR_INVALID_ARG_VALUE', `The argument '--test-reporter-destination' must match the number of specified '--test-reporter'. Received ${require('internal/inspect').inspect(options.destinations)}`);
  }
  const { PassThrough } = require('stream');
  return Promise.all(reporters.map((name, index) => {
    const branch = new PassThrough({ objectMode: true, highWaterMark: Number.MAX_SAFE_INTEGER });
    stream.pipe(branch);
    return pipeReporter(branch, loadReporter(name), destinationStream(destinations[index] ?? 'stdout'));
  }));
}

// --test-global-setup and run({ globalSetupPath }): a module whose globalSetup runs before the
// run's tests and whose globalTeardown runs after them (and after their report).
async function loadGlobalSetup(modulePath) {
  if (!modulePath) return {};
  const { pathToFileURL } = require('url');
  const loaded = await internals.importModule(pathToFileURL(require('path').resolve(modulePath)).href, 'node:internal/test_runner/utils');
  const pick = (name) => {
    const fn = loaded[name] ?? loaded.default?.[name];
    return typeof fn === 'function' ? fn : undefined;
  };
  return { setup: pick('globalSetup'), teardown: pick('globalTeardown') };
}

// A global setup that failed ends the process, its error shown, before any test runs.
function globalSetupFailed(err) {
  process.stderr.write(`${require('internal/inspect').inspect(err)}\n`);
  process.exit(7);
}

module.exports = {
  loadGlobalSetup, globalSetupFailed, stringToRegExp, parseCommandLine, defaultPattern, setupReporters, setupReportersFor, pipeReporter, loadReporter,
  seededRandom, takeNext,
};
