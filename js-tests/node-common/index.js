'use strict';
// anode's own implementation of the parts of Node's test/common that the Node-API test
// suites use. It is staged as test/common beside the suites when js-tests runs them.

const assert = require('assert');
const path = require('path');

const callChecks = [];

function runCallChecks(exitCode) {
  if (exitCode !== 0) return;
  const failed = callChecks.filter((context) => {
    if ('minimum' in context) return context.actual < context.minimum;
    return context.actual !== context.exact;
  });
  for (const context of failed) {
    const expected = 'minimum' in context ? `at least ${context.minimum}` : `exactly ${context.exact}`;
    console.log(`Mismatched ${context.name} function calls. Expected ${expected}, actual ${context.actual}.`);
    console.log(context.stack.split('\n').slice(2).join('\n'));
  }
  if (failed.length) process.exit(1);
}

function track(fn, field, count) {
  if (callChecks.length === 0) process.on('exit', runCallChecks);
  const context = {
    [field]: count,
    actual: 0,
    stack: new Error().stack,
    name: fn.name || '<anonymous>',
  };
  callChecks.push(context);
  const wrapped = function(...args) {
    context.actual++;
    return fn.apply(this, args);
  };
  Object.defineProperty(wrapped, 'length', { value: fn.length, configurable: true });
  Object.defineProperty(wrapped, 'name', { value: fn.name, configurable: true });
  return wrapped;
}

const noop = () => {};

// mustCall(fn?, exact = 1) and mustCallAtLeast(fn?, minimum = 1): fn may be left out.
function callCounter(kind) {
  return (fn, count) => {
    if (typeof fn === 'number') {
      count = fn;
      fn = undefined;
    }
    return track(fn ?? noop, kind, count ?? 1);
  };
}
const mustCall = callCounter('exact');
const mustCallAtLeast = callCounter('minimum');

function mustNotCall(message = 'function should not have been called') {
  const callSite = new Error().stack.split('\n')[2]?.trim() ?? '';
  return function mustNotCall(...args) {
    const argsText = args.length > 0 ? `\ncalled with arguments: ${args.map((a) => require('util').inspect(a)).join(', ')}` : '';
    assert.fail(`${message} at ${callSite}${argsText}`);
  };
}

function mustSucceed(fn, exact) {
  return mustCall(function(err, ...args) {
    assert.ifError(err);
    if (typeof fn === 'function') return fn.apply(this, args);
  }, exact);
}

function expectsError(validator, exact) {
  return mustCall((...args) => {
    if (args.length !== 1) assert.fail(`Expected one argument, got ${require('util').inspect(args)}`);
    const error = args.pop();
    assert.throws(() => { throw error; }, validator);
    return true;
  }, exact);
}

function skip(message) {
  process._rawDebug ? process._rawDebug(`1..0 # Skipped: ${message}`) : console.log(`1..0 # Skipped: ${message}`);
  process.exit(0);
}

function platformTimeout(ms) {
  return ms;
}

function nodeProcessAborted(exitCode, signal) {
  return signal === 'SIGABRT' || signal === 'SIGTRAP' || exitCode === 134 || exitCode === 133;
}

// `buildType` is where node-gyp put the test addons: build/Release.
module.exports = {
  buildType: 'Release',
  isWindows: process.platform === 'win32',
  isLinux: process.platform === 'linux',
  isMacOS: process.platform === 'darwin',
  isAIX: false,
  isIBMi: false,
  isSunOS: false,
  isFreeBSD: false,
  isOpenBSD: false,
  hasCrypto: false,
  hasIntl: typeof Intl === 'object',
  isMainThread: true,
  fixturesDir: path.join(__dirname, '..', 'fixtures'),
  mustCall,
  mustCallAtLeast,
  mustNotCall,
  mustSucceed,
  expectsError,
  skip,
  platformTimeout,
  nodeProcessAborted,
  allowGlobals() {},
  printSkipMessage(message) {
    console.log(`1..0 # Skipped: ${message}`);
  },
  get localhostIPv4() {
    return '127.0.0.1';
  },
};
