'use strict';
// The code of --eval and --print, evaluated as node's internal/process/execution evaluates it
// (so a debugger's async stack traces show the frames node's show).

const contextify = binding.contextify();
const moduleWrap = binding.moduleWrap();
const path = require('path');
const { tryGetCwd } = require('internal/util');
const { codedError } = require('internal/errors');

const breaksOnStart = internals.getOptionValue('--inspect-brk') || internals.getOptionValue('--inspect-brk-node');
const callAndPauseOnStart = breaksOnStart ? binding.inspector().callAndPauseOnStart : undefined;

// --eval's code: an ES module with --input-type=module, or when it has module syntax and no
// --input-type (node's syntax detection); else a script with CommonJS's variables.
function evalScript(code, print, name) {
  const { Module, makeRequire } = require('internal/module');
  const esm = require('internal/esm');
  const inputType = internals.getOptionValue('--input-type') || undefined;
  let detected = false;
  if (inputType === undefined && !print) {
    const syntaxError = moduleWrap.scriptSyntaxError(code, name);
    detected = syntaxError !== undefined && esm.shouldRetryAsESM({ name: 'SyntaxError', message: syntaxError }, code);
  }
  if (inputType === 'module' || detected) {
    if (print) throw codedError(Error, 'ERR_EVAL_ESM_CANNOT_PRINT', '--print cannot be used with ESM input');
    esm.runEvalModule(code, !detected);
    return;
  }
  const module = new Module(name);
  module.filename = path.join(tryGetCwd(), name);
  module.paths = Module._nodeModulePaths(tryGetCwd());
  const moduleRequire = makeRequire(module);
  // The REPL's own `module` (-i with -e) comes back once the code ran, as node's evalScript.
  const replModule = globalThis.module;
  globalThis.module = module;
  globalThis.exports = module.exports;
  globalThis.require = moduleRequire;
  globalThis.__filename = name;
  globalThis.__dirname = '.';
  const result = callAndPauseOnStart === undefined ? contextify.runScript(code, name) : callAndPauseOnStart(contextify.runScript, binding, code, name);
  if (replModule !== undefined) globalThis.module = replModule;
  // --print shows the result as it is when the process exits (a promise settled by then shows
  // its value), before the program's own 'exit' listeners run, as node does.
  if (print) process.prependOnceListener('exit', () => console.log(result));
}

module.exports = { evalScript };
