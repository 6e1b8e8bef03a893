'use strict';
// Node's argument errors, with its wording for what was received.

function describeReceived(value) {
  if (value === null || value === undefined) return `Received ${value}`;
  if (typeof value === 'function') return `Received function ${value.name}`;
  if (typeof value === 'object') {
    const name = value.constructor?.name;
    if (name) return `Received an instance of ${name}`;
    return `Received ${require('internal/inspect').inspect(value, { depth: -1 })}`;
  }
  let inspected = require('internal/inspect').inspect(value, { colors: false });
  if (inspected.length > 28) inspected = `${inspected.slice(0, 25)}...`;
  return `Received type ${typeof value} (${inspected})`;
}

// Node's coded errors are instances of their base class (TypeError, RangeError, ...) whose
// prototype, one per base and code, says the code in toString: `TypeError [CODE]: message`.
const codedPrototypes = new Map();
function codedPrototype(Base, code) {
  const key = `${Base.name} ${code}`;
  let prototype = codedPrototypes.get(key);
  if (prototype === undefined) {
    prototype = Object.create(Base.prototype, {
      constructor: { value: Base, writable: true, configurable: true },
      toString: {
        value: function toString() {
          return `${this.name} [${code}]: ${this.message}`;
        },
        writable: true,
        configurable: true,
      },
    });
    codedPrototypes.set(key, prototype);
  }
  return prototype;
}

const captureStackTrace = Error.captureStackTrace;

// An error with node's `code`, whose stack starts `Name [CODE]: message` as node's do, at the
// frame that called codedError.
function codedError(Base, code, message) {
  return codedErrorBelow(codedError, Base, code, message);
}

// An error as node's C++ throws it: the plain class name in its stack, `code` an own property.
function nativeError(Base, code, message) {
  const err = new Base(message);
  err.code = code;
  return err;
}

// codedError whose stack starts below `fn`'s frame (node's errors hide their internal frames).
function codedErrorBelow(fn, Base, code, message) {
  const err = new Base(message);
  captureStackTrace(err, fn);
  Object.setPrototypeOf(err, codedPrototype(Base, code));
  err.code = code;
  err.name = `${err.name} [${code}]`;
  err.stack; // eslint-disable-line no-unused-expressions -- formats the stack with that name
  delete err.name;
  return err;
}

/// ERR_INVALID_ARG_TYPE: `expected` is e.g. "of type string" or "an instance of Event".
function invalidArgType(name, expected, value) {
  // A name that is itself a description ("last argument") is not quoted.
  const subject = name.endsWith(' argument') ? name : `"${name}" ${name.includes('.') ? 'property' : 'argument'}`;
  return codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The ${subject} must be ${expected}. ${describeReceived(value)}`);
}

// ERR_INVALID_ARG_VALUE: `The argument 'x' is invalid. Received ...` (`property` for dotted names).
function invalidArgValue(name, value, reason = 'is invalid') {
  let inspected = require('internal/inspect').inspect(value);
  if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
  const kind = name.includes('.') ? 'property' : 'argument';
  return codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${kind} '${name}' ${reason}. Received ${inspected}`);
}

// Digits grouped by `_` in threes, as node shows large numbers it received.
function groupDigits(text) {
  let out = '';
  let i = text.length;
  const start = text[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) out = `_${text.slice(i - 3, i)}${out}`;
  return `${text.slice(0, i)}${out}`;
}

// ERR_OUT_OF_RANGE: `range` is e.g. ">= 0 && <= 10" or "an integer".
function outOfRange(name, range, value) {
  let received;
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) received = groupDigits(String(value));
  else if (typeof value === 'bigint') {
    received = String(value);
    if (value > 2n ** 32n || value < -(2n ** 32n)) received = groupDigits(received);
    received += 'n';
  } else received = require('internal/inspect').inspect(value);
  return codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
}

// Node's validateInteger: a number, an integer, within [min, max] (safe integers by default).
function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'of type boolean', value);
}

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'of type object', value);
}

function validateArray(value, name) {
  if (!Array.isArray(value)) throw invalidArgType(name, 'an instance of Array', value);
}

// An AbortSignal option: undefined, or an object with an `aborted` property.
function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'an instance of AbortSignal', signal);
  }
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'of type function', value);
}

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'of type string', value);
}

function validateOneOf(value, name, allowed) {
  if (allowed.includes(value)) return;
  const list = allowed.map((item) => (typeof item === 'string' ? `'${item}'` : String(item))).join(', ');
  throw invalidArgValue(name, value, `must be one of: ${list}`);
}

// A method called on an object of the wrong type (ERR_INVALID_THIS).
// ERR_INVALID_RETURN_VALUE: what a function (`name`) returned is not `expected`.
function invalidReturnValue(expected, name, value) {
  const got = describeReceived(value).replace(/^Received /, '');
  return codedError(TypeError, 'ERR_INVALID_RETURN_VALUE', `Expected ${expected} to be returned from the "${name}" function but got ${got}.`);
}

function invalidThis(type) {
  return codedError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
}

function illegalConstructor() {
  return codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
}

// ERR_MISSING_ARGS: `The "a", "b", and "c" arguments must be specified`.
function missingArgs(...names) {
  const quoted = names.map((name) => `"${name}"`);
  let list;
  if (quoted.length <= 2) list = quoted.join(' and ');
  else list = `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
  return codedError(TypeError, 'ERR_MISSING_ARGS', `The ${list} argument${names.length > 1 ? 's' : ''} must be specified`);
}

// AbortError: what aborted operations reject with (name AbortError, code ABORT_ERR).
class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

// Error.stackTraceLimit can be set (not so under --frozen-intrinsics, where Error is frozen).
function isStackTraceLimitWritable() {
  const descriptor = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  return descriptor === undefined ? Object.isExtensible(Error) : descriptor.writable === true || 'set' in descriptor;
}

module.exports = {
  AbortError, codedError, codedErrorBelow, nativeError, describeReceived, illegalConstructor, invalidArgType, invalidArgValue, invalidReturnValue, invalidThis,
  isStackTraceLimitWritable, missingArgs, outOfRange,
  validateAbortSignal, validateArray, validateBoolean, validateFunction, validateInteger, validateObject, validateOneOf, validateString,
};
