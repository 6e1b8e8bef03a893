'use strict';
// process.emitWarning and the default 'warning' listener that prints warnings, with what
// --no-warnings, --no-deprecation, --throw-deprecation, --trace-warnings,
// --trace-deprecation, --disable-warning and --redirect-warnings change.

const { invalidArgType, isStackTraceLimitWritable, validateString } = require('internal/errors');
const getOptionValue = internals.getOptionValue;

function createWarningObject(message, type, code, ctor, detail) {
  // The frames are captured below, from the caller of `ctor`.
  const limit = Error.stackTraceLimit;
  const writable = isStackTraceLimitWritable();
  if (writable) Error.stackTraceLimit = 0;
  const warning = new Error(message);
  if (writable) Error.stackTraceLimit = limit;
  warning.name = String(type || 'Warning');
  if (code !== undefined) warning.code = code;
  if (detail !== undefined) warning.detail = detail;
  Error.captureStackTrace(warning, ctor || process.emitWarning);
  return warning;
}

// process.emitWarning(warning[, type[, code]][, ctor]) or (warning[, options]).
function emitWarning(warning, type, code, ctor) {
  if (process.noDeprecation && type === 'DeprecationWarning') return;
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor;
    code = type.code;
    if (typeof type.detail === 'string') detail = type.detail;
    type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type;
    code = undefined;
    type = 'Warning';
  }
  if (type !== undefined) validateString(type, 'type');
  if (typeof code === 'function') {
    ctor = code;
    code = undefined;
  } else if (code !== undefined) {
    validateString(code, 'code');
  }
  if (typeof warning === 'string') {
    warning = createWarningObject(warning, type, code, ctor, detail);
  } else if (!(warning instanceof Error)) {
    throw invalidArgType('warning', 'of type string or an instance of Error', warning);
  }
  if (warning.name === 'DeprecationWarning') {
    if (process.noDeprecation) return;
    if (process.throwDeprecation) {
      // Thrown on the next tick, after the warnings emitted before it were printed.
      process.nextTick(() => {
        throw warning;
      });
      return;
    }
  }
  process.nextTick(emitWarningEvent, warning);
}

// Node's emitWarningSync: the 'warning' event (and so the default listener's output) at once,
// for the module loaders' warnings.
function emitWarningSync(message, type = 'Warning', code) {
  process.emit('warning', createWarningObject(message, type, code, emitWarningSync));
}

function emitWarningEvent(warning) {
  process.emit('warning', warning);
}

// ---- the default listener ----

let disabled;
let traceHintShown = false;
let warningFile;
let warningFd;

function writeOut(message) {
  internals.console.error(message);
}

function writeToFile(message) {
  const fs = require('fs');
  if (warningFd === undefined) {
    try {
      warningFd = fs.openSync(warningFile, 'a');
    } catch {
      return writeOut(message);
    }
    process.on('exit', () => {
      try {
        fs.closeSync(warningFd);
      } catch {
        // The descriptor is gone already.
      }
    });
  }
  fs.appendFile(warningFd, `${message}\n`, (err) => {
    if (err) writeOut(message);
  });
}

function onWarning(warning) {
  disabled ??= new Set(getOptionValue('--disable-warning'));
  if ((warning?.code && disabled.has(warning.code)) || (warning?.name && disabled.has(warning.name))) return;
  if (!(warning instanceof Error)) return;
  const isDeprecation = warning.name === 'DeprecationWarning';
  if (isDeprecation && process.noDeprecation) return;
  const trace = process.traceProcessWarnings || (isDeprecation && process.traceDeprecation);
  let message = `(${process.release.name}:${process.pid}) `;
  if (warning.code) message += `[${warning.code}] `;
  if (trace && warning.stack) {
    message += `${warning.stack}`;
  } else {
    message += typeof warning.toString === 'function' ? `${warning.toString()}` : Error.prototype.toString.call(warning);
  }
  if (typeof warning.detail === 'string') message += `\n${warning.detail}`;
  if (!trace && !traceHintShown) {
    const flag = isDeprecation ? '--trace-deprecation' : '--trace-warnings';
    const program = require('path').basename(process.argv0 || 'node', '.exe');
    message += `\n(Use \`${program} ${flag} ...\` to show where the warning was created)`;
    traceHintShown = true;
  }
  warningFile ??= getOptionValue('--redirect-warnings');
  if (warningFile) return writeToFile(message);
  writeOut(message);
}

// Wraps `fn` to emit a deprecation (once per code) only under --pending-deprecation.
const pendingCodesWarned = new Set();
function pendingDeprecate(fn, message, code) {
  function deprecated(...args) {
    if (getOptionValue('--pending-deprecation') && getOptionValue('--deprecation') && !pendingCodesWarned.has(code)) {
      pendingCodesWarned.add(code);
      process.emitWarning(message, 'DeprecationWarning', code, deprecated);
    }
    return Reflect.apply(fn, this, args);
  }
  Object.defineProperty(deprecated, 'length', Object.getOwnPropertyDescriptor(fn, 'length'));
  return deprecated;
}

// Node's emitExperimentalWarning: once per feature.
const experimentalWarned = new Set();
// `messagePrefix`: what the warning says before naming the feature; `ctor`: the function whose
// call and the frames above it the warning's stack leaves out.
function emitExperimentalWarning(feature, messagePrefix = '', ctor = undefined) {
  if (experimentalWarned.has(feature)) return;
  experimentalWarned.add(feature);
  process.emitWarning(`${messagePrefix}${feature} is an experimental feature and might change at any time`, 'ExperimentalWarning',
    undefined, ctor);
}

module.exports = { emitExperimentalWarning, emitWarning, emitWarningSync, onWarning, pendingDeprecate };
