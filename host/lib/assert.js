'use strict';
// assert: the core assertions with node's error shapes and messages (internal/assert/diff).

const utilBinding = binding.util();
const { inspect } = require('internal/inspect');
const {
  codedError, describeReceived, invalidArgType, invalidArgValue, isStackTraceLimitWritable, missingArgs, validateBoolean, validateObject,
} = require('internal/errors');
const { diffOperators, errDiff, generatedMessage } = require('internal/assert/diff');
const kind = utilBinding.kind;
// An error of any realm.
const isError = (value) => kind(value) === 'error' || value instanceof Error;

class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
    const { message, actual, expected, operator, diff = 'simple' } = options;
    const limit = Error.stackTraceLimit;
    const writable = isStackTraceLimitWritable();
    if (writable) Error.stackTraceLimit = 0;
    if (message != null) {
      super(diffOperators.has(operator) ? errDiff(actual, expected, operator, message, diff) : String(message));
    } else {
      super(generatedMessage(actual, expected, operator, diff));
    }
    if (writable) Error.stackTraceLimit = limit;
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
    Object.defineProperty(this, 'name', { __proto__: null, value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true });
    Error.captureStackTrace?.(this, options.stackStartFn || options.stackStartFunction);
    this.stack; // eslint-disable-line no-unused-expressions -- formats the stack with that name
    this.name = 'AssertionError';
    this.diff = diff;
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  // actual and expected show one level deep, long strings cut short: the message already
  // holds the comparison.
  [inspect.custom](recurseTimes, ctx) {
    const { actual, expected } = this;
    if (typeof actual === 'string') this.actual = shortened(actual);
    if (typeof expected === 'string') this.expected = shortened(expected);
    try {
      return inspect(this, { ...ctx, customInspect: false, depth: 0 });
    } finally {
      this.actual = actual;
      this.expected = expected;
    }
  }
}

// The first ten lines of a long string, or (as node cuts it) what follows its first 512
// characters.
function shortened(string) {
  const lines = string.split('\n', 11);
  if (lines.length > 10) {
    lines.length = 10;
    return `${lines.join('\n')}\n...`;
  }
  if (string.length > 512) return `${string.slice(512)}...`;
  return string;
}

function fail(actual, expected, message, operator, stackStartFn, diff = 'simple') {
  if (isError(message)) throw message;
  throw new AssertionError({ actual, expected, message, operator, stackStartFn, diff });
}

// Fails with the caller's message, else with `text` (a message assert made: generatedMessage).
function failWith(actual, expected, message, text, operator, stackStartFn, diff = 'simple') {
  if (isError(message)) throw message;
  const err = new AssertionError({ actual, expected, message: message ?? text, operator, stackStartFn, diff });
  if (message === undefined) err.generatedMessage = true;
  throw err;
}

const comparisons = require('internal/util/comparisons');
const isDeepEqual = (a, b, strict, skipPrototype = false) => (strict ? comparisons.isDeepStrictEqual(a, b, skipPrototype) : comparisons.isDeepEqual(a, b));

// The options of an Assert instance. The module's own functions, and methods taken off an
// instance, run with the defaults.
const kOptions = Symbol('kOptions');
const defaultOptions = Object.freeze({ diff: 'simple', strict: false, skipPrototype: false });
function optionsOf(self) {
  return (self !== null && typeof self === 'object' && self[kOptions]) || defaultOptions;
}

function Assert(options = {}) {
  if (!new.target) throw codedError(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', 'Class constructor Assert cannot be invoked without `new`');
  validateObject(options, 'options');
  const diff = options.diff ?? 'simple';
  if (diff !== 'simple' && diff !== 'full') throw invalidArgValue('options.diff', diff, "must be one of: 'simple', 'full'");
  const strict = options.strict ?? true;
  validateBoolean(strict, 'options.strict');
  const skipPrototype = options.skipPrototype ?? false;
  validateBoolean(skipPrototype, 'options.skipPrototype');
  Object.defineProperty(this, kOptions, { value: Object.freeze({ diff, strict, skipPrototype }) });
  if (strict) {
    this.equal = this.strictEqual;
    this.deepEqual = this.deepStrictEqual;
    this.notEqual = this.notStrictEqual;
    this.notDeepEqual = this.notDeepStrictEqual;
  }
}

// ---- ok: the message quotes the failing call as written ----

const sourceMessages = new Map();
const isNameChar = (char) => /[\p{L}\p{N}_$\u200c\u200d]/u.test(char);

// Past the string, template or bracket group opening at `i` (on this line); its end when open.
function skipGroup(text, i) {
  const open = text[i];
  if (open === '"' || open === "'" || open === '`') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === open) return j + 1;
    }
    return text.length;
  }
  const close = open === '(' ? ')' : open === '[' ? ']' : '}';
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const char = text[j];
    if (char === '"' || char === "'" || char === '`') {
      j = skipGroup(text, j) - 1;
    } else if (char === '/' && text[j + 1] === '*') {
      const end = text.indexOf('*/', j + 2);
      j = end === -1 ? text.length : end + 1;
    } else if (char === open) {
      depth++;
    } else if (char === close && --depth === 0) {
      return j + 1;
    }
  }
  return text.length;
}

// The call around `column` in a line of source: back over its callee (names, dots, bracket
// groups), forward to its closing parenthesis, or to the end of the line when it goes on.
function callAround(line, column) {
  let start = column;
  for (;;) {
    const before = line[start - 1];
    if (before === undefined) break;
    if (isNameChar(before) || before === '.' || (before === '?' && line[start] === '.')) {
      start--;
    } else if (before === ')' || before === ']') {
      const open = before === ')' ? '(' : '[';
      let depth = 0;
      let j = start - 1;
      for (; j >= 0; j--) {
        if (line[j] === before) depth++;
        else if (line[j] === open && --depth === 0) break;
      }
      if (j < 0) break;
      start = j;
    } else {
      break;
    }
  }
  // A call continued from the line before ('assert\n  .ok(x)') shows from its name.
  while (line[start] === '.' || line[start] === '?') start++;
  let end = column;
  while (end < line.length) {
    const char = line[end];
    if (char === '(') {
      end = skipGroup(line, end);
      break;
    }
    if (char === '[' || char === '"' || char === "'") end = skipGroup(line, end);
    else end++;
  }
  return line.slice(start, end);
}

// Where a call in generated code (a transformed TypeScript file, say) is in its original
// source, when source maps are on and the file has one.
function originalPosition(file, lineNumber, column) {
  const entry = require('internal/source_map/source_map_cache').findSourceMap(file)?.findEntry(lineNumber - 1, column);
  if (entry?.originalSource === undefined) return { file, lineNumber, column };
  return { file: entry.originalSource, lineNumber: entry.originalLine + 1, column: entry.originalColumn };
}

function sourceMessage(stackStartFn) {
  const holder = {};
  const previous = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  let site;
  try {
    Error.prepareStackTrace = (_, frames) => frames;
    Error.stackTraceLimit = 1;
    Error.captureStackTrace(holder, stackStartFn);
    site = holder.stack[0];
  } finally {
    Error.prepareStackTrace = previous;
    Error.stackTraceLimit = limit;
  }
  if (site === undefined) return undefined;
  let file = site.getFileName();
  let lineNumber = site.getLineNumber();
  let column = site.getColumnNumber() - 1;
  // Code from eval or new Function has no file: V8 still has its source.
  let evalSource;
  if (site.isEval()) evalSource = utilBinding.evalSource(lineNumber, column + 1);
  else if (!file || file.startsWith('node:')) return undefined;
  else ({ file, lineNumber, column } = originalPosition(file, lineNumber, column));
  const key = `${file}:${lineNumber}:${column}`;
  if (evalSource === undefined && sourceMessages.has(key)) return sourceMessages.get(key);
  let message;
  try {
    let source = evalSource;
    if (source === undefined) {
      if (!file) return undefined;
      source = require('fs').readFileSync(file.startsWith('file://') ? require('url').fileURLToPath(file) : file, 'utf8');
    }
    const line = source.split(/\r?\n/)[lineNumber - 1];
    if (line !== undefined) {
      const code = callAround(line, column).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g,
        (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
      message = `The expression evaluated to a falsy value:\n\n  ${code}\n`;
    }
  } catch {
    message = undefined;
  }
  if (evalSource === undefined) sourceMessages.set(key, message);
  return message;
}

function innerOk(stackStartFn, args, diff = 'simple') {
  const [value, message] = args;
  if (value) return;
  let text = message;
  let generated = false;
  if (args.length === 0) {
    generated = true;
    text = 'No value argument passed to `assert.ok()`';
  } else if (message == null) {
    generated = true;
    text = sourceMessage(stackStartFn);
  } else if (isError(message)) {
    throw message;
  }
  const err = new AssertionError({ actual: value, expected: true, message: text, operator: '==', stackStartFn, diff });
  err.generatedMessage = generated;
  throw err;
}

// (For node:test's t.assert.ok, whose message quotes the test's own call.)
internals.assertOk = innerOk;

// The module is assert.ok itself (so its methods show as ok.rejects in async stacks, as node's).
function ok(...args) {
  innerOk(ok, args);
}
const assert = ok;
Assert.prototype.ok = function ok(...args) {
  innerOk(ok, args, optionsOf(this).diff);
};
let warnedFailArguments = false;
// fail(message) or the deprecated fail(actual, expected, message, operator, stackStartFn).
Assert.prototype.fail = function fail(actual, expected, message, operator, stackStartFn) {
  const count = arguments.length;
  let generated = false;
  if (count <= 1 && actual == null) {
    generated = true;
    message = 'Failed';
  } else if (count === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!warnedFailArguments) {
      warnedFailArguments = true;
      process.emitWarning('assert.fail() with more than one argument is deprecated. Please use assert.strictEqual() instead or only pass a message.', 'DeprecationWarning', 'DEP0094');
    }
    if (count === 2) operator = '!=';
  }
  if (isError(message)) throw message;
  const err = new AssertionError({
    actual, expected, message, operator: operator === undefined ? 'fail' : operator, stackStartFn: stackStartFn || fail, diff: optionsOf(this).diff,
  });
  if (generated) err.generatedMessage = true;
  throw err;
};
Assert.prototype.equal = function equal(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (!(actual == expected || (actual !== actual && expected !== expected))) fail(actual, expected, message, '==', equal, optionsOf(this).diff);
};
Assert.prototype.notEqual = function notEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (actual == expected || (actual !== actual && expected !== expected)) fail(actual, expected, message, '!=', notEqual, optionsOf(this).diff);
};
Assert.prototype.strictEqual = function strictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (!Object.is(actual, expected)) {
    fail(actual, expected, message, 'strictEqual', strictEqual, optionsOf(this).diff);
  }
};
Assert.prototype.notStrictEqual = function notStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (Object.is(actual, expected)) {
    fail(actual, expected, message, 'notStrictEqual', notStrictEqual, optionsOf(this).diff);
  }
};
Assert.prototype.deepEqual = function deepEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (!isDeepEqual(actual, expected, false)) {
    fail(actual, expected, message, 'deepEqual', deepEqual, optionsOf(this).diff);
  }
};
Assert.prototype.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (!isDeepEqual(actual, expected, true, optionsOf(this).skipPrototype)) {
    fail(actual, expected, message, 'deepStrictEqual', deepStrictEqual, optionsOf(this).diff);
  }
};
Assert.prototype.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (isDeepEqual(actual, expected, true, optionsOf(this).skipPrototype)) {
    fail(actual, expected, message, 'notDeepStrictEqual', notDeepStrictEqual, optionsOf(this).diff);
  }
};
Assert.prototype.notDeepEqual = function notDeepEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (isDeepEqual(actual, expected, false)) {
    fail(actual, expected, message, 'notDeepEqual', notDeepEqual, optionsOf(this).diff);
  }
};
Assert.prototype.partialDeepStrictEqual = function partialDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (!comparisons.isPartialStrictEqual(actual, expected)) {
    fail(actual, expected, message, 'partialDeepStrictEqual', partialDeepStrictEqual, optionsOf(this).diff);
  }
};
// match/doesNotMatch: a string that does (not) match a RegExp.
function matchOrNot(string, regexp, message, fn, wanted, diff) {
  if (kind(regexp) !== 'regexp') throw invalidArgType('regexp', 'an instance of RegExp', regexp);
  if (typeof string === 'string' && (RegExp.prototype.exec.call(regexp, string) !== null) === wanted) return;
  if (isError(message)) throw message;
  let text = message;
  if (!text) {
    if (typeof string !== 'string') {
      text = `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`;
    } else {
      text = `${wanted ? 'The input did not match' : 'The input was expected to not match'} the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`;
    }
  }
  const err = new AssertionError({ actual: string, expected: regexp, message: text, operator: fn.name, stackStartFn: fn, diff });
  err.generatedMessage = !message;
  throw err;
}
Assert.prototype.match = function match(string, regexp, message) {
  matchOrNot(string, regexp, message, match, true, optionsOf(this).diff);
};
Assert.prototype.doesNotMatch = function doesNotMatch(string, regexp, message) {
  matchOrNot(string, regexp, message, doesNotMatch, false, optionsOf(this).diff);
};
Assert.prototype.ifError = function ifError(err) {
  if (err === null || err === undefined) return;
  let message = 'ifError got unwanted exception: ';
  if (typeof err === 'object' && typeof err.message === 'string') {
    message += err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
  } else {
    message += inspect(err);
  }
  const failure = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError, diff: optionsOf(this).diff });
  // The failure's stack goes on with the error's own frames, from the first frame the two share.
  const errorStack = err.stack;
  if (typeof errorStack === 'string') {
    const framesStart = errorStack.indexOf('\n    at');
    if (framesStart !== -1) {
      const errorFrames = errorStack.slice(framesStart + 1).split('\n');
      let ownFrames = failure.stack.split('\n');
      for (const frame of errorFrames) {
        const at = ownFrames.indexOf(frame);
        if (at !== -1) {
          ownFrames = ownFrames.slice(0, at);
          break;
        }
      }
      failure.stack = `${ownFrames.join('\n')}\n${errorFrames.join('\n')}`;
    }
  }
  throw failure;
};

class Comparison {}

// Checks a thrown value against what `throws`/`rejects` were given to expect.
function checkExpected(actual, expected, message, fn) {
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && actual instanceof expected) return;
    let text;
    if (Object.prototype.isPrototypeOf.call(Error, expected)) {
      text = `The error is expected to be an instance of "${expected.name}". Received `;
      if (kind(actual) === 'error' || actual instanceof Error) {
        const name = actual.constructor?.name || actual.name;
        text += expected.name === name ? 'an error with identical name but a different prototype.' : `"${name}"`;
        if (actual.message) text += `\n\nError message:\n\n${actual.message}`;
      } else {
        text += `"${inspect(actual, { depth: -1 })}"`;
      }
    } else {
      const result = Reflect.apply(expected, {}, [actual]);
      if (result === true) return;
      text = `The ${expected.name ? `"${expected.name}" ` : ''}validation function is expected to return "true". Received ${inspect(result)}`;
      if (kind(actual) === 'error' || actual instanceof Error) text += `\n\nCaught error:\n\n${actual}`;
    }
    const err = new AssertionError({ actual, expected, message: message ?? text, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = message === undefined;
    throw err;
  }
  if (kind(expected) === 'regexp') {
    if (expected.test(String(actual))) return;
    failWith(actual, expected, message, `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(String(actual))}\n`, fn.name, fn);
  }
  if (typeof actual !== 'object' || actual === null) {
    const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
    err.operator = fn.name;
    throw err;
  }
  {
    const keys = Object.keys(expected);
    if (expected instanceof Error) keys.push('name', 'message');
    else if (keys.length === 0) throw invalidArgValue('error', expected, 'may not be an empty object');
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

// What a block threw or a promise rejected with; `nothing` when it did not.
const nothing = Symbol('nothing');

function thrownBy(fn) {
  if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
  try {
    fn();
  } catch (err) {
    return err;
  }
  return nothing;
}

async function rejectionOf(promiseFn) {
  let promise;
  if (typeof promiseFn === 'function') {
    promise = promiseFn();
    if (!isPromiseLike(promise)) {
      throw codedError(TypeError, 'ERR_INVALID_RETURN_VALUE',
        `Expected instance of Promise to be returned from the "promiseFn" function but got ${describeReturned(promise)}.`);
    }
  } else if (isPromiseLike(promiseFn)) {
    promise = promiseFn;
  } else {
    throw invalidArgType('promiseFn', 'of type function or an instance of Promise', promiseFn);
  }
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return nothing;
}

function isPromiseLike(value) {
  return kind(value) === 'promise' ||
    (value !== null && typeof value === 'object' && typeof value.then === 'function' && typeof value.catch === 'function');
}

// What a function returned, worded as node words what it received.
function describeReturned(value) {
  return describeReceived(value).slice('Received '.length);
}

// throws/rejects: something must have been thrown, and match what was expected.
function expectThrown(fn, actual, args, diff) {
  let [error, message] = args;
  if (typeof error === 'string') {
    if (args.length >= 2) throw invalidArgType('error', 'of type function or an instance of Error, RegExp, or Object', error);
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) {
        throw codedError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT', `The "error/message" argument is ambiguous. The error message "${actual.message}" is identical to the message.`);
      }
    } else if (actual === error) {
      throw codedError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT', `The "error/message" argument is ambiguous. The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw invalidArgType('error', 'of type function or an instance of Error, RegExp, or Object', error);
  }
  if (actual === nothing) {
    let details = error?.name ? ` (${error.name})` : '';
    details += message ? `: ${message}` : '.';
    const what = fn.name === 'rejects' ? 'rejection' : 'exception';
    throw new AssertionError({ actual: undefined, expected: error, operator: fn.name, message: `Missing expected ${what}${details}`, stackStartFn: fn, diff });
  }
  if (error !== undefined) checkExpected(actual, error, message, fn);
}

// doesNotThrow/doesNotReject: what was thrown fails the assertion when it matches `error`
// (or nothing was named), and is rethrown as it is otherwise.
function expectNothingThrown(fn, actual, error, message, diff) {
  if (actual === nothing) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || matchesExpected(actual, error)) {
    const details = message ? `: ${message}` : '.';
    const what = fn.name === 'doesNotReject' ? 'rejection' : 'exception';
    throw new AssertionError({
      actual, expected: error, operator: fn.name, message: `Got unwanted ${what}${details}\nActual message: "${actual?.message}"`, stackStartFn: fn, diff,
    });
  }
  throw actual;
}

function matchesExpected(actual, expected) {
  if (typeof expected !== 'function') {
    if (kind(expected) === 'regexp') return expected.test(String(actual));
    throw invalidArgType('expected', 'of type function or an instance of RegExp', expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

Assert.prototype.throws = function throws(fn, ...args) {
  expectThrown(throws, thrownBy(fn), args, optionsOf(this).diff);
};
Assert.prototype.rejects = async function rejects(promiseFn, ...args) {
  expectThrown(rejects, await rejectionOf(promiseFn), args, optionsOf(this).diff);
};
Assert.prototype.doesNotThrow = function doesNotThrow(fn, error, message) {
  expectNothingThrown(doesNotThrow, thrownBy(fn), error, message, optionsOf(this).diff);
};
Assert.prototype.doesNotReject = async function doesNotReject(promiseFn, error, message) {
  expectNothingThrown(doesNotReject, await rejectionOf(promiseFn), error, message, optionsOf(this).diff);
};
Assert.prototype.AssertionError = AssertionError;
for (const name of Object.keys(Assert.prototype)) {
  if (name !== 'AssertionError' && name !== 'ok') assert[name] = Assert.prototype[name];
}
assert.ok = assert;
assert.AssertionError = AssertionError;
assert.CallTracker = require('util').deprecate(require('internal/assert/calltracker'), 'assert.CallTracker is deprecated.', 'DEP0173');

assert.strict = Object.assign(function strict(...args) {
  innerOk(strict, args);
}, assert, {
  equal: assert.strictEqual, deepEqual: assert.deepStrictEqual,
  notEqual: assert.notStrictEqual, notDeepEqual: assert.notDeepStrictEqual,
});
assert.strict.strict = assert.strict;
assert.Assert = Assert;
assert.strict.Assert = Assert;
module.exports = assert;
