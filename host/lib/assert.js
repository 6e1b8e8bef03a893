'use strict';
// assert: the core assertions with node's error shapes and messages (internal/assert/diff).

const { inspect } = require('internal/inspect');
const { invalidArgType } = require('internal/errors');
const { diffOperators, errDiff, generatedMessage } = require('internal/assert/diff');
const kind = binding.kind;

class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
    const { message, actual, expected, operator, diff = 'simple' } = options;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    if (message != null) {
      super(diffOperators.has(operator) ? errDiff(actual, expected, operator, message, diff) : String(message));
    } else {
      super(generatedMessage(actual, expected, operator, diff));
    }
    Error.stackTraceLimit = limit;
    this.generatedMessage = !message;
    this.code = 'ERR_ASSERTION';
    if (options.details) {
      // One failure per entry (CallTracker's verify()), numbered.
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
      options.details.forEach((detail, i) => {
        this[`message ${i}`] = detail.message;
        this[`actual ${i}`] = detail.actual;
        this[`expected ${i}`] = detail.expected;
        this[`operator ${i}`] = detail.operator;
        this[`stack trace ${i}`] = detail.stack;
      });
    } else {
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    // The stack names the code (`AssertionError [ERR_ASSERTION]: ...`), the name does not.
    Object.defineProperty(this, 'name', { value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true });
    Error.captureStackTrace?.(this, options.stackStartFn);
    this.stack; // eslint-disable-line no-unused-expressions -- formats the stack with that name
    this.name = 'AssertionError';
    this.diff = diff;
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

function fail(actual, expected, message, operator, stackStartFn) {
  if (message instanceof Error) throw message;
  throw new AssertionError({ actual, expected, message, operator, stackStartFn });
}

// Fails with the caller's message, else with `text` (a message assert made: generatedMessage).
function failWith(actual, expected, message, text, operator, stackStartFn) {
  if (message instanceof Error) throw message;
  const err = new AssertionError({ actual, expected, message: message ?? text, operator, stackStartFn });
  if (message === undefined) err.generatedMessage = true;
  throw err;
}

function isDeepEqual(a, b, strict, memo = new Map()) {
  if (strict ? Object.is(a, b) : (a == b || (a !== a && b !== b))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = kind(a), kb = kind(b);
  if (ka !== kb) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) return false;
  if (ka === 'date' && a.getTime() !== b.getTime()) return false;
  if (ka === 'regexp' && (a.source !== b.source || a.flags !== b.flags)) return false;
  if (ka === 'boxed' && !Object.is(a.valueOf(), b.valueOf())) return false;
  if (ka === 'error' && (a.message !== b.message || a.name !== b.name)) return false;
  if (ka === 'typedarray' || ka === 'arraybuffer' || ka === 'dataview') {
    const va = new Uint8Array(ka === 'arraybuffer' ? a : a.buffer, ka === 'arraybuffer' ? 0 : a.byteOffset, a.byteLength);
    const vb = new Uint8Array(kb === 'arraybuffer' ? b : b.buffer, kb === 'arraybuffer' ? 0 : b.byteOffset, b.byteLength);
    if (va.length !== vb.length) return false;
    for (let i = 0; i < va.length; i++) if (va[i] !== vb[i]) return false;
  }
  const seen = memo.get(a);
  if (seen !== undefined && seen === b) return true;
  memo.set(a, b);
  if (ka === 'set') {
    if (a.size !== b.size) return false;
    outer: for (const va of a) {
      if (b.has(va)) continue;
      if (typeof va !== 'object') return false;
      for (const vb of b) if (isDeepEqual(va, vb, strict, memo)) continue outer;
      return false;
    }
  }
  if (ka === 'map') {
    if (a.size !== b.size) return false;
    for (const [key, va] of a) {
      if (!b.has(key) || !isDeepEqual(va, b.get(key), strict, memo)) return false;
    }
  }
  const keysA = Object.keys(a), keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!isDeepEqual(a[key], b[key], strict, memo)) return false;
  }
  if (strict) {
    const symA = Object.getOwnPropertySymbols(a).filter((s) => Object.prototype.propertyIsEnumerable.call(a, s));
    const symB = Object.getOwnPropertySymbols(b).filter((s) => Object.prototype.propertyIsEnumerable.call(b, s));
    if (symA.length !== symB.length) return false;
    for (const s of symA) if (!isDeepEqual(a[s], b[s], strict, memo)) return false;
  }
  return true;
}

function assert(value, message) {
  if (!value) failWith(value, true, message, (arguments.length === 0 ? 'No value argument passed to `assert.ok()`' : 'The expression evaluated to a falsy value:\n\n  assert(' + inspect(value) + ')\n'), '==', assert);
}
assert.ok = function ok(value, message) {
  if (!value) failWith(value, true, message, (arguments.length === 0 ? 'No value argument passed to `assert.ok()`' : 'The expression evaluated to a falsy value:\n\n  assert.ok(' + inspect(value) + ')\n'), '==', ok);
};
assert.fail = function (message = 'Failed') {
  fail(undefined, undefined, message, 'fail', assert.fail);
};
assert.equal = function equal(actual, expected, message) {
  if (!(actual == expected || (actual !== actual && expected !== expected))) fail(actual, expected, message, '==', equal);
};
assert.notEqual = function notEqual(actual, expected, message) {
  if (actual == expected || (actual !== actual && expected !== expected)) fail(actual, expected, message, '!=', notEqual);
};
assert.strictEqual = function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) {
    fail(actual, expected, message, 'strictEqual', strictEqual);
  }
};
assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) {
    fail(actual, expected, message, 'notStrictEqual', notStrictEqual);
  }
};
assert.deepEqual = function deepEqual(actual, expected, message) {
  if (!isDeepEqual(actual, expected, false)) {
    fail(actual, expected, message, 'deepEqual', deepEqual);
  }
};
assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
  if (!isDeepEqual(actual, expected, true)) {
    fail(actual, expected, message, 'deepStrictEqual', deepStrictEqual);
  }
};
assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
  if (isDeepEqual(actual, expected, true)) {
    fail(actual, expected, message, 'notDeepStrictEqual', notDeepStrictEqual);
  }
};
assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
  if (isDeepEqual(actual, expected, false)) {
    fail(actual, expected, message, 'notDeepEqual', notDeepEqual);
  }
};
assert.match = function match(string, regexp, message) {
  if (typeof string !== 'string' || !regexp.test(string)) {
    failWith(string, regexp, message, `The input did not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`, 'match', match);
  }
};
assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
  if (typeof string === 'string' && regexp.test(string)) {
    failWith(string, regexp, message, `The input was expected to not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`, 'doesNotMatch', doesNotMatch);
  }
};
assert.ifError = function ifError(err) {
  if (err !== null && err !== undefined) throw err;
};

class Comparison {}

// Checks a thrown value against what `throws`/`rejects` were given to expect.
function checkExpected(actual, expected, message, fn) {
  if (expected === undefined) return;
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && actual instanceof expected) return;
    if (Error.isPrototypeOf(expected) || expected === Error) {
      failWith(actual, expected, message, `The error is expected to be an instance of "${expected.name}". Received "${actual?.constructor?.name}"`, fn.name, fn);
    }
    if (expected.call({}, actual) === true) return;
    failWith(actual, expected, message, `The ${fn.name === 'rejects' ? 'rejection' : 'error'} validation function is expected to return "true". Received ${inspect(expected.call({}, actual))}`, fn.name, fn);
  }
  if (kind(expected) === 'regexp') {
    if (expected.test(String(actual))) return;
    failWith(actual, expected, message, `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(String(actual))}\n`, fn.name, fn);
  }
  if (typeof expected === 'object' && expected !== null) {
    const keys = Object.keys(expected);
    if (expected instanceof Error) keys.push('name', 'message');
    for (const key of keys) {
      const want = expected[key];
      const got = actual?.[key];
      const matches = kind(want) === 'regexp' && typeof got === 'string' ? want.test(got) : isDeepEqual(got, want, true);
      if (!(actual != null && key in Object(actual)) || !matches) {
        if (message !== undefined) fail(actual, expected, message, fn.name, fn);
        // Objects of just the compared keys make a readable diff.
        const comparison = (source, matchedAgainst) => {
          const shown = new Comparison();
          for (const name of keys) {
            if (source == null || !(name in Object(source))) continue;
            const value = source[name];
            const stringMatched = matchedAgainst !== undefined && typeof matchedAgainst[name] === 'string'
              && kind(value) === 'regexp' && value.test(matchedAgainst[name]);
            shown[name] = stringMatched ? matchedAgainst[name] : value;
          }
          return shown;
        };
        const err = new AssertionError({
          actual: comparison(actual), expected: comparison(expected, actual), operator: 'deepStrictEqual', stackStartFn: fn,
        });
        err.actual = actual;
        err.expected = expected;
        err.operator = fn.name;
        throw err;
      }
    }
  }
}

assert.throws = function throws(block, expected, message) {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  try {
    block();
  } catch (err) {
    checkExpected(err, expected, message, throws);
    return;
  }
  fail(undefined, expected, `Missing expected exception${message ? `: ${message}` : '.'}`, 'throws', throws);
};
assert.doesNotThrow = function doesNotThrow(block, expected, message) {
  try {
    block();
  } catch (err) {
    fail(err, expected, `Got unwanted exception${typeof expected === 'string' ? `: ${expected}` : message ? `: ${message}` : '.'}\nActual message: "${err?.message}"`, 'doesNotThrow', doesNotThrow);
  }
};
assert.rejects = async function rejects(promiseOrFn, expected, message) {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  const promise = typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn;
  try {
    await promise;
  } catch (err) {
    checkExpected(err, expected, message, rejects);
    return;
  }
  fail(undefined, expected, `Missing expected rejection${message ? `: ${message}` : '.'}`, 'rejects', rejects);
};
assert.doesNotReject = async function doesNotReject(promiseOrFn, expected, message) {
  const promise = typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn;
  try {
    await promise;
  } catch (err) {
    fail(err, expected, `Got unwanted rejection.\nActual message: "${err?.message}"`, 'doesNotReject', doesNotReject);
  }
};
assert.AssertionError = AssertionError;
assert.CallTracker = require('util').deprecate(require('internal/assert/calltracker'), 'assert.CallTracker is deprecated.', 'DEP0173');
assert.isDeepStrictEqual = (a, b) => isDeepEqual(a, b, true);
assert.strict = Object.assign(function strict(value, message) {
  assert.ok(value, message);
}, assert, {
  equal: assert.strictEqual, deepEqual: assert.deepStrictEqual,
  notEqual: assert.notStrictEqual, notDeepEqual: assert.notDeepStrictEqual,
});
assert.strict.strict = assert.strict;
module.exports = assert;
