'use strict';
// The methods of `process` that act on the process or the calling thread: exit and its code,
// clocks and resource usage, signals, the umask, user and group ids, execve, ref/unref.
// Workers get the ones that change process-wide state as refusals (node's
// does_not_own_process_state).

const processMethods = binding.processMethods();
const childProcess = binding.childProcess();
const credentialsBinding = binding.credentials();
const {
  codedError, invalidArgType, invalidArgValue, outOfRange, validateInteger, validateObject, validateString,
} = require('internal/errors');
const { emitExperimentalWarning } = require('internal/warning');

const MAX_UINT32 = 2 ** 32 - 1;

// ---- exit ----

// A valid exit code: an integer, or a string holding one (kept as its number).
function toExitCode(code) {
  if (code === null || code === undefined) return code;
  const value = typeof code === 'string' && code !== '' && Number.isInteger(+code) ? +code : code;
  validateInteger(value, 'code');
  return value;
}

function defineExitCode(process) {
  let exitCode;
  Object.defineProperty(process, 'exitCode', {
    get() { return exitCode; },
    set(code) { exitCode = toExitCode(code); },
    enumerable: true,
    configurable: false,
  });
}

function exit(code) {
  if (arguments.length !== 0) process.exitCode = code;
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', process.exitCode || 0);
  }
  // A reallyExit that returns (tests replace it) leaves the program running, as in node.
  process.reallyExit(process.exitCode || 0);
}

function reallyExit(code) {
  require('internal/profilers').endStarted();
  processMethods.reallyExit(code | 0);
}

// ---- clocks and resources ----

function hrtime(previous) {
  const now = processMethods.hrtime();
  let seconds = Number(now / 1000000000n);
  let nanos = Number(now % 1000000000n);
  if (previous !== undefined) {
    if (!Array.isArray(previous)) throw invalidArgType('time', 'an instance of Array', previous);
    if (previous.length !== 2) {
      throw outOfRange('time', '2', previous.length);
    }
    seconds -= previous[0];
    nanos -= previous[1];
    if (nanos < 0) {
      seconds--;
      nanos += 1e9;
    }
  }
  return [seconds, nanos];
}
hrtime.bigint = function bigint() {
  return processMethods.hrtime();
};

// A previous value handed to cpuUsage/threadCpuUsage: {user, system}, finite and >= 0.
function validatePreviousUsage(previous) {
  validateObject(previous, 'prevValue');
  for (const field of ['user', 'system']) {
    const value = previous[field];
    if (typeof value !== 'number') throw invalidArgType(`prevValue.${field}`, 'of type number', value);
    if (!(value >= 0 && Number.isFinite(value))) {
      throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `The property 'prevValue.${field}' is invalid. Received ${value}`);
    }
  }
}

function usageSince(thread, previous) {
  const [user, system] = processMethods.resourceUsage(thread);
  if (previous === undefined) return { user, system };
  validatePreviousUsage(previous);
  return { user: user - previous.user, system: system - previous.system };
}

function cpuUsage(prevValue) {
  return usageSince(false, prevValue);
}

function threadCpuUsage(prevValue) {
  return usageSince(true, prevValue);
}

function resourceUsage() {
  const [userCPUTime, systemCPUTime, maxRSS, minorPageFault, majorPageFault, fsRead, fsWrite, voluntaryContextSwitches,
    involuntaryContextSwitches] = processMethods.resourceUsage(false);
  return {
    userCPUTime, systemCPUTime, maxRSS, sharedMemorySize: 0, unsharedDataSize: 0, unsharedStackSize: 0, minorPageFault,
    majorPageFault, swappedOut: 0, fsRead, fsWrite, ipcSent: 0, ipcReceived: 0, signalsCount: 0,
    voluntaryContextSwitches, involuntaryContextSwitches,
  };
}

function memoryUsage() {
  const [rss, heapTotal, heapUsed, external, arrayBuffers] = processMethods.memoryUsage();
  return { rss, heapTotal, heapUsed, external, arrayBuffers };
}
memoryUsage.rss = function rss() {
  return processMethods.memoryUsage()[0];
};

function constrainedMemory() {
  return processMethods.constrainedMemory();
}

function availableMemory() {
  return processMethods.availableMemory();
}

// ---- signals ----

// Node's ErrnoException: `kill EINVAL`, with errno (negative), code and syscall.
function errnoException(errno, syscall) {
  const { errno: codes } = require('os').constants;
  const code = Object.keys(codes).find((name) => codes[name] === -errno) ?? 'UNKNOWN';
  return Object.assign(new Error(`${syscall} ${code}`), { errno, code, syscall });
}

function kill(pid, signal) {
  // eslint-disable-next-line eqeqeq
  if (pid != (pid | 0)) throw invalidArgType('pid', 'of type number', pid);
  let number = signal;
  if (signal !== (signal | 0)) {
    number = require('os').constants.signals[signal || 'SIGTERM'];
    if (number === undefined) throw codedError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${signal || 'SIGTERM'}`);
  }
  // Through process._kill, which programs (and node's tests) may replace.
  const err = process._kill(pid | 0, number);
  if (err) throw errnoException(err, 'kill');
  return true;
}

function _kill(pid, signal) {
  // As node: the profiles so far are written before the main thread signals itself.
  if (signal > 0 && (pid === 0 || pid === process.pid) && binding.config.isMainThread) {
    require('internal/profilers').endStarted();
  }
  return childProcess.kill(pid, signal);
}

// Asks process `pid` to open its inspector (SIGUSR1, which node and anode answer so); the
// error is node's: `ESRCH, No such process` with a positive errno.
function _debugProcess(pid) {
  const errno = childProcess.kill(pid | 0, require('os').constants.signals.SIGUSR1);
  if (errno) {
    const { getSystemErrorName, getSystemErrorMessage } = require('util');
    const code = getSystemErrorName(errno);
    throw Object.assign(new Error(`${code}, ${getSystemErrorMessage(errno)}`), { errno: -errno, code, syscall: 'kill' });
  }
}

// ---- umask ----

// A file mode: a uint32, or a string of octal digits.
function parseMode(value, name) {
  if (typeof value === 'string') {
    if (!/^[0-7]+$/.test(value)) {
      throw invalidArgValue(name, value, 'must be a 32-bit unsigned integer or an octal string');
    }
    value = Number.parseInt(value, 8);
  }
  validateInteger(value, name, 0, MAX_UINT32);
  return value;
}

function umask(mask) {
  return processMethods.umask(mask === undefined ? undefined : parseMode(mask, 'mask'));
}

function chdir(directory) {
  validateString(directory, 'directory');
  processMethods.chdir(directory);
}

// ---- user and group ids ----

function validateId(id, name) {
  if (typeof id === 'number') validateInteger(id, name, 0, MAX_UINT32);
  else if (typeof id !== 'string') throw invalidArgType(name, 'one of type number or string', id);
}

function unknownCredential(type, id) {
  return codedError(Error, 'ERR_UNKNOWN_CREDENTIAL', `${type} identifier does not exist: ${id}`);
}

function idSetter(call, type) {
  const setter = {
    [call](id) {
      validateId(id, 'id');
      if (credentialsBinding.setId(call, id) === 1) throw unknownCredential(type, id);
    },
  };
  return setter[call];
}

function setgroups(groups) {
  if (!Array.isArray(groups)) throw invalidArgType('groups', 'an instance of Array', groups);
  groups.forEach((group, index) => validateId(group, `groups[${index}]`));
  const unknown = credentialsBinding.setGroups(groups);
  if (unknown > 0) throw unknownCredential('Group', groups[unknown - 1]);
}

function initgroups(user, extraGroup) {
  validateId(user, 'user');
  validateId(extraGroup, 'extraGroup');
  const result = credentialsBinding.initGroups(user, extraGroup);
  if (result === 1) throw unknownCredential('User', user);
  if (result === 2) throw unknownCredential('Group', extraGroup);
}

// ---- execve ----

function execve(execPath, args = [], env) {
  emitExperimentalWarning('process.execve');
  if (!binding.config.isMainThread) throw workerUnsupported('Calling process.execve');
  validateString(execPath, 'execPath');
  if (!Array.isArray(args)) throw invalidArgType('args', 'an instance of Array', args);
  args.forEach((arg, index) => {
    if (typeof arg !== 'string' || arg.includes('\u0000')) {
      throw invalidArgValue(`args[${index}]`, arg, 'must be a string without null bytes');
    }
  });
  const entries = [];
  if (env !== undefined) {
    validateObject(env, 'env');
    for (const [key, value] of Object.entries(env)) {
      if (typeof value !== 'string' || key.includes('\u0000') || value.includes('\u0000')) {
        throw invalidArgValue('env', env, 'must be an object with string keys and values without null bytes');
      }
      entries.push(`${key}=${value}`);
    }
  } else {
    for (const [key, value] of Object.entries(process.env)) entries.push(`${key}=${value}`);
  }
  const failure = processMethods.execve(execPath, args, entries);
  // Only a failed execve returns: node reports it as a fatal error and aborts.
  printFatal(`process.execve failed with error code ${failure}`, new Error().stack);
  processMethods.abort();
}

// A fatal error's report on stderr as node prints it before aborting: the JS stack from the
// frame that failed, one frame a line.
function printFatal(message, stack) {
  const frames = stack.split('\n').slice(1).map((line) => line.trim().replace(/^at /, ''));
  const lines = ['', message, '', '----- JavaScript stack trace -----', ''];
  frames.forEach((frame, index) => lines.push(`${index + 1}: ${frame}`));
  processMethods.print(2, `${lines.join('\n')}\n\n\n`);
}

// ---- ref/unref ----

function callRefMethod(value, symbol, method) {
  if (value === null || value === undefined) return;
  const fn = value[Symbol.for(symbol)] ?? value[method];
  if (typeof fn === 'function') Reflect.apply(fn, value, []);
}

function ref(maybeRefable) {
  callRefMethod(maybeRefable, 'nodejs.ref', 'ref');
}

function unref(maybeRefable) {
  callRefMethod(maybeRefable, 'nodejs.unref', 'unref');
}

// ---- in workers ----

function workerUnsupported(what) {
  return codedError(TypeError, 'ERR_WORKER_UNSUPPORTED_OPERATION', `${what} is not supported in workers`);
}

// A process method a worker cannot use: it throws, and says so by its `disabled` mark.
function unavailableInWorkers(name) {
  const refusal = {
    [name]() { throw workerUnsupported(`process.${name}()`); },
  };
  refusal[name].disabled = true;
  return refusal[name];
}

function workerUmask(mask) {
  if (mask !== undefined) throw workerUnsupported('Setting process.umask()');
  return processMethods.umask(undefined);
}

// Installs the methods on `process` (on a worker thread, the refusals in place of the
// process-wide setters).
function install(process, isMainThread) {
  defineExitCode(process);
  const methods = {
    // (The native function itself: like node's, no constructor and without a prototype.)
    reallyExit, abort: processMethods.abort, hrtime, cpuUsage, threadCpuUsage, resourceUsage, memoryUsage, constrainedMemory,
    availableMemory, _kill, kill, exit, execve, ref, unref,
  };
  const processWide = {
    umask, chdir, setuid: idSetter('setuid', 'User'), seteuid: idSetter('seteuid', 'User'), setgid: idSetter('setgid', 'Group'),
    setegid: idSetter('setegid', 'Group'), setgroups, initgroups,
  };
  if (isMainThread) processWide._debugProcess = _debugProcess;
  if (!isMainThread) {
    for (const name of Object.keys(processWide)) processWide[name] = unavailableInWorkers(name);
    processWide.umask = workerUmask;
    methods.abort = unavailableInWorkers('abort');
    // A worker has no channel to a parent process, whatever its environment says.
    processWide.send = unavailableInWorkers('send');
    processWide.disconnect = unavailableInWorkers('disconnect');
    for (const name of ['channel', 'connected']) {
      Object.defineProperty(process, name, {
        enumerable: false, configurable: true, get() { throw workerUnsupported(`process.${name}`); },
      });
    }
  }
  Object.assign(process, methods, processWide);
}

module.exports = { install, parseMode, workerUnsupported };
