'use strict';
// The permission model's JS side (node's internal/process/permission): process.permission.has
// over the native checks (host/src/runtime/permission.rs), the start-up warnings, and the
// flags a child process inherits.

const permission = binding.permission();
const { codedError, validateString } = require('internal/errors');

function has(scope, reference) {
  validateString(scope, 'scope');
  if (reference != null) {
    if (reference instanceof Uint8Array) reference = require('buffer').Buffer.from(reference).toString();
    validateString(reference, 'reference');
  }
  return permission.has(scope, reference);
}

// Options that turn a part of the model off, each worth a warning.
const CAUTION_FLAGS = ['--allow-addons', '--allow-child-process', '--allow-inspector', '--allow-wasi', '--allow-worker'];
const PATH_FLAGS = ['--allow-fs-read', '--allow-fs-write'];

// Node's initializePermission: process.permission with the model on (and its warnings on the main
// thread); without it the path grants are refused as meaningless.
function initialize(getOptionValue, isMainThread) {
  if (!permission.enabled) {
    if (!isMainThread) return;
    for (const flag of PATH_FLAGS) {
      if (getOptionValue(flag).length) throw codedError(TypeError, 'ERR_MISSING_OPTION', '--permission is required');
    }
    return;
  }
  // path is what the checks resolve with: frozen so that it cannot be patched around them.
  Object.freeze(require('path'));
  if (isMainThread) {
    for (const flag of CAUTION_FLAGS) {
      if (getOptionValue(flag)) {
        process.emitWarning(`The flag ${flag} must be used with extreme caution. It could invalidate the permission model.`, 'SecurityWarning');
      }
    }
    for (const flag of PATH_FLAGS) {
      const value = getOptionValue(flag);
      if (value.length === 1 && value[0].includes(',')) {
        process.emitWarning(`The ${flag} CLI flag has changed. Passing a comma-separated list of paths is no longer valid. ` +
          'Documentation can be found at https://nodejs.org/api/permissions.html#file-system-permissions', 'Warning');
      }
    }
  }
  Object.defineProperty(process, 'permission', { __proto__: null, enumerable: true, configurable: false, writable: false, value: { has } });
}

// A child process runs under this process's permissions unless it is given its own: the
// environment's NODE_OPTIONS gets them appended when neither it nor the arguments hold
// --permission. `env` is the child's 'KEY=value' list (changed in place).
function inheritFlags(env, args, getOptionValue) {
  if (!permission.enabled || args.includes('--permission')) return;
  const index = env.findIndex((pair) => pair.startsWith('NODE_OPTIONS='));
  const nodeOptions = index === -1 ? '' : env[index].slice('NODE_OPTIONS='.length);
  if (nodeOptions.split(/\s+/).includes('--permission')) return;
  const flags = ['--permission'];
  for (const flag of PATH_FLAGS) {
    for (const path of getOptionValue(flag)) flags.push(`${flag}=${path}`);
  }
  for (const flag of CAUTION_FLAGS) {
    if (getOptionValue(flag)) flags.push(flag);
  }
  const value = `NODE_OPTIONS=${nodeOptions === '' ? '' : `${nodeOptions} `}${flags.join(' ')}`;
  if (index === -1) env.push(value);
  else env[index] = value;
}

module.exports = { has, initialize, inheritFlags };
