'use strict';
// vm: scripts run in this context or in new ones whose global reads and writes through a
// contextified object (runtime/vm.rs).

const { invalidArgType, validateString } = require('internal/errors');

// contextified object -> the global object of its context
const contexts = new WeakMap();

function validateObject(value, name) {
  if (typeof value !== 'object' || value === null) throw invalidArgType(name, 'of type object', value);
}

function isContext(object) {
  validateObject(object, 'object');
  return contexts.has(object);
}

function createContext(contextObject = {}) {
  if (contextObject !== null && typeof contextObject === 'object' && contexts.has(contextObject)) return contextObject;
  validateObject(contextObject, 'object');
  contexts.set(contextObject, binding.makeContext(contextObject));
  return contextObject;
}

function contextGlobal(contextifiedObject) {
  const global = contextifiedObject !== null && typeof contextifiedObject === 'object' ? contexts.get(contextifiedObject) : undefined;
  if (global === undefined) throw invalidArgType('contextifiedObject', 'an vm.Context', contextifiedObject);
  return global;
}

function scriptOptions(options) {
  if (typeof options === 'string') return { filename: options };
  if (options === undefined || options === null) return {};
  validateObject(options, 'options');
  return options;
}

function validateTimeout(timeout) {
  if (timeout === undefined) return undefined;
  if (!Number.isInteger(timeout) || timeout <= 0) {
    const err = new RangeError(`The value of "options.timeout" is out of range. It must be >= 1 && <= 4294967295. Received ${timeout}`);
    err.code = 'ERR_OUT_OF_RANGE';
    throw err;
  }
  return timeout;
}

class Script {
  #code;
  #filename;
  #lineOffset;
  #columnOffset;

  constructor(code, options) {
    const { filename = 'evalmachine.<anonymous>', lineOffset = 0, columnOffset = 0 } = scriptOptions(options);
    validateString(filename, 'options.filename');
    this.#code = `${code}`;
    this.#filename = filename;
    this.#lineOffset = lineOffset;
    this.#columnOffset = columnOffset;
    binding.runScript(this.#code, filename, lineOffset, columnOffset, undefined, undefined, true);
  }

  #run(global, options) {
    const { timeout } = scriptOptions(options);
    return binding.runScript(this.#code, this.#filename, this.#lineOffset, this.#columnOffset, global, validateTimeout(timeout));
  }

  runInThisContext(options) {
    return this.#run(undefined, options);
  }

  runInContext(contextifiedObject, options) {
    return this.#run(contextGlobal(contextifiedObject), options);
  }

  runInNewContext(contextObject, options) {
    return this.runInContext(createContext(contextObject), options);
  }
}

function createScript(code, options) {
  return new Script(code, options);
}

function runInThisContext(code, options) {
  return new Script(code, options).runInThisContext(options);
}

function runInContext(code, contextifiedObject, options) {
  contextGlobal(contextifiedObject);
  return new Script(code, options).runInContext(contextifiedObject, options);
}

function runInNewContext(code, contextObject, options) {
  return new Script(code, options).runInNewContext(contextObject, options);
}

function compileFunction(code, params = [], options = {}) {
  validateString(code, 'code');
  const { filename = '' } = scriptOptions(options);
  return binding.compileFunction(code, filename, params);
}

module.exports = {
  Script,
  createContext,
  createScript,
  runInContext,
  runInNewContext,
  runInThisContext,
  isContext,
  compileFunction,
};
