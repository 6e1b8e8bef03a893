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
  };
}

const builtinReporters = { spec: 'SpecReporter', tap: 'tap', dot: 'dot', junit: 'junit', lcov: 'LcovReporter' };

function loadReporter(name) {
  const builtins = require('internal/test_runner/reporters');
  if (Object.hasOwn(builtinReporters, name)) return builtins[builtinReporters[name]];
  const { Module } = require('internal/module');
  const base = new Module(`${process.cwd()}/[test-reporter]`);
  base.filename = base.id;
  base.paths = Module._nodeModulePaths(process.cwd());
  const loaded = base.require(name.startsWith('.') ? require('path').resolve(name) : name);
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
  if (reporter && typeof reporter.pipe === 'function' && typeof reporter.write === 'function') {
    source.pipe(reporter).pipe(destination, destination === process.stdout || destination === process.stderr ? { end: false } : undefined);
    return ended(reporter);
  }
  if (typeof reporter !== 'function') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "reporter" argument must be a Transform stream or an async generator function');
  }
  const { Readable } = require('stream');
  const output = Readable.from(reporter(source));
  output.pipe(destination, destination === process.stdout || destination === process.stderr ? { end: false } : undefined);
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
  const loaded = await import(pathToFileURL(require('path').resolve(modulePath)).href);
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

module.exports = { loadGlobalSetup, globalSetupFailed, stringToRegExp, parseCommandLine, setupReporters, setupReportersFor, pipeReporter, loadReporter };
