'use strict';
// node:wasi: WASI preview1 (also as `wasi_unstable`) for WebAssembly instances. The system
// calls are the native binding's (a WASI object whose methods become `wasiImport`); this
// module checks the options, attaches the instance's memory and runs its entry point.

const { emitExperimentalWarning } = require('internal/warning');
const {
  validateArray,
  codedError,
  invalidArgType,
  invalidArgValue,
  validateBoolean,
  validateFunction,
  validateInteger,
  validateObject,
  validateString,
} = require('internal/errors');

const { WASI: NativeWASI } = binding.wasi();

const kExitCode = Symbol('kExitCode');
const kSetMemory = Symbol('kSetMemory');
const kStarted = Symbol('kStarted');
const kInstance = Symbol('kInstance');
const kBindingName = Symbol('kBindingName');

// The import module name each supported version's imports are looked up under.
const importModuleNames = { __proto__: null, unstable: 'wasi_unstable', preview1: 'wasi_snapshot_preview1' };

emitExperimentalWarning('WASI');

function validateUndefined(value, name) {
  if (value !== undefined) throw invalidArgType(name, 'undefined', value);
}

const validateStdioFd = (value, name) => validateInteger(value, name, 0, 2 ** 31 - 1);

class WASI {
  constructor(options = {}) {
    validateObject(options, 'options');
    validateString(options.version, 'options.version');
    const importModuleName = importModuleNames[options.version];
    if (importModuleName === undefined) {
      throw invalidArgValue('options.version', options.version, 'unsupported WASI version');
    }
    this[kBindingName] = importModuleName;

    if (options.args !== undefined) validateArray(options.args, 'options.args');
    const args = (options.args || []).map(String);

    const env = [];
    if (options.env !== undefined) {
      validateObject(options.env, 'options.env');
      for (const [key, value] of Object.entries(options.env)) {
        if (value !== undefined) env.push(`${key}=${value}`);
      }
    }

    const preopens = [];
    if (options.preopens !== undefined) {
      validateObject(options.preopens, 'options.preopens');
      for (const [guestPath, hostPath] of Object.entries(options.preopens)) {
        preopens.push(String(guestPath), String(hostPath));
      }
    }

    const { stdin = 0, stdout = 1, stderr = 2 } = options;
    validateStdioFd(stdin, 'options.stdin');
    validateStdioFd(stdout, 'options.stdout');
    validateStdioFd(stderr, 'options.stderr');

    const wrap = new NativeWASI(args, env, preopens, [stdin, stdout, stderr]);
    for (const name in wrap) wrap[name] = wrap[name].bind(wrap);

    let returnOnExit = true;
    if (options.returnOnExit !== undefined) {
      validateBoolean(options.returnOnExit, 'options.returnOnExit');
      returnOnExit = options.returnOnExit;
    }
    if (returnOnExit) wrap.proc_exit = returnOnProcExit.bind(this);

    this[kSetMemory] = wrap._setMemory.bind(wrap);
    this.wasiImport = wrap;
    this[kStarted] = false;
    this[kExitCode] = 0;
    this[kInstance] = undefined;
  }

  finalizeBindings(instance, { memory = instance?.exports?.memory } = {}) {
    if (this[kStarted]) throw codedError(Error, 'ERR_WASI_ALREADY_STARTED', 'WASI instance has already started');
    validateObject(instance, 'instance');
    validateObject(instance.exports, 'instance.exports');
    this[kSetMemory](memory);
    this[kInstance] = instance;
    this[kStarted] = true;
  }

  // A command: exports _start and not _initialize; returns the exit code.
  start(instance) {
    this.finalizeBindings(instance);
    const { _start, _initialize } = this[kInstance].exports;
    validateFunction(_start, 'instance.exports._start');
    validateUndefined(_initialize, 'instance.exports._initialize');
    try {
      _start();
    } catch (err) {
      if (err !== kExitCode) throw err;
    }
    return this[kExitCode];
  }

  // A reactor: exports no _start, and may export _initialize.
  initialize(instance) {
    this.finalizeBindings(instance);
    const { _start, _initialize } = this[kInstance].exports;
    validateUndefined(_start, 'instance.exports._start');
    if (_initialize !== undefined) {
      validateFunction(_initialize, 'instance.exports._initialize');
      _initialize();
    }
  }

  getImportObject() {
    return { [this[kBindingName]]: this.wasiImport };
  }
}

// proc_exit with returnOnExit: records the code and unwinds the WebAssembly (which cannot catch
// a JS exception) back to start().
function returnOnProcExit(code) {
  this[kExitCode] = code;
  throw kExitCode;
}

module.exports = { WASI };
