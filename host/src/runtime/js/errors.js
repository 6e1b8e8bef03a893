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

/// ERR_INVALID_ARG_TYPE: `expected` is e.g. "of type string" or "an instance of Event".
function invalidArgType(name, expected, value) {
  const kind = name.includes('.') ? 'property' : 'argument';
  const err = new TypeError(`The "${name}" ${kind} must be ${expected}. ${describeReceived(value)}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'of type function', value);
}

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'of type string', value);
}

module.exports = { describeReceived, invalidArgType, validateFunction, validateString };
