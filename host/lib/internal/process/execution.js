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
// --input-type (node's syntax detection); else a script with CommonJS's variables. With type
// stripping on, TypeScript as node's evalTypeScript takes it: --input-type=module-typescript
// and commonjs-typescript strip the types first; with no --input-type, code that does not
// compile as JavaScript is stripped and run, or, if it is not TypeScript either, fails with
// JavaScript's error and the TypeScript message beside it.
function evalScript(code, print, name) {
  const { Module, makeRequire } = require('internal/module');
  const esm = require('internal/esm');
  const inputType = internals.getOptionValue('--input-type') || undefined;
  if (inputType === 'module-typescript') {
    evalModule(stripEvalTypes(code), print, true, false);
    return;
  }
  if (inputType === 'commonjs-typescript') code = stripEvalTypes(code);
  const typescript = inputType === undefined && esm.stripTypesEnabled;
  const syntaxError = inputType === undefined ? moduleWrap.scriptSyntaxError(code, name) : undefined;
  if (inputType === 'module' || isModuleSyntaxError(syntaxError, code)) {
    evalModule(code, print, inputType === 'module', typescript);
    return;
  }
  if (typescript && syntaxError !== undefined) {
    // (Not TypeScript either: JavaScript's error, with the TypeScript message under its arrow.)
    const stripped = strippedOrFailed(code, () => contextify.runScript(code, name), (stack, message) => afterLine(stack, 3, message));
    if (stripped === undefined) return;
    if (isModuleSyntaxError(moduleWrap.scriptSyntaxError(stripped, name), stripped)) {
      evalModule(code, print, false, true);
      return;
    }
    code = stripped;
  }
  const module = new Module(name);
  module.filename = path.join(tryGetCwd(), name);
  module.paths = Module._nodeModulePaths(tryGetCwd());
  // The REPL's own `module` (-i with -e) comes back once the code ran, as node's evalScript.
  const replModule = globalThis.module;
  globalThis.__filename = name;
  // As in node, a function named `${name}-wrapper` gives the code its CommonJS variables and
  // calls it (so stacks show its frame, at 6:24).
  const enter = binding.compileFunction(evalWrapperSource, `${name}-wrapper`, esm.wrapperParams)
    .call(module.exports, module.exports, makeRequire(module), module, name, '.');
  const result = enter(() => (callAndPauseOnStart === undefined ? contextify.runScript(code, name) : callAndPauseOnStart(contextify.runScript, binding, code, name)));
  if (replModule !== undefined) globalThis.module = replModule;
  // --print shows the result as it is when the process exits (a promise settled by then shows
  // its value), before the program's own 'exit' listeners run, as node does.
  if (print) process.prependOnceListener('exit', () => console.log(result));
}

const evalWrapperSource = `
      globalThis.module = module;
      globalThis.exports = exports;
      globalThis.__dirname = __dirname;
      globalThis.require = require;
      return (main) => main();
    `;

// The ES module of --eval; TypeScript's types stripped when it does not compile as is (and
// when it is not TypeScript either, the module's error comes with the TypeScript message).
function evalModule(code, print, isMain, typescript) {
  if (print) throw codedError(Error, 'ERR_EVAL_ESM_CANNOT_PRINT', '--print cannot be used with ESM input');
  const esm = require('internal/esm');
  if (typescript && !moduleWrap.moduleParses(code)) {
    const original = code;
    code = strippedOrFailed(original, () => esm.runEvalModule(original, isMain), (stack, message) => `${message}\n\n${stack}`);
    if (code === undefined) return;
  }
  esm.runEvalModule(code, isMain);
}

// Eval code that does not compile as JavaScript, with its types stripped; when it is not
// TypeScript either, `runAsIs` fails with JavaScript's own error, thrown with `withMessage`
// (stack, TypeScript's message) as its stack.
function strippedOrFailed(code, runAsIs, withMessage) {
  try {
    return stripEvalTypes(code);
  } catch (tsError) {
    if (!isTypeScriptSyntaxError(tsError)) throw tsError;
    try {
      runAsIs();
    } catch (originalError) {
      originalError.stack = withMessage(originalError.stack, tsError.message);
      throw originalError;
    }
    return undefined;
  }
}

// Whether code from --eval that failed to compile as a script with `syntaxError` (a message, or
// undefined when it compiled) is an ES module by node's syntax detection.
function isModuleSyntaxError(syntaxError, code) {
  return syntaxError !== undefined && require('internal/esm').shouldRetryAsESM({ name: 'SyntaxError', message: syntaxError }, code);
}

// Eval code's types stripped (or transformed), named [eval] as node names it, whatever its source.
function stripEvalTypes(code) {
  return require('internal/esm').stripTypes(code, '[eval]', '[eval]');
}

function isTypeScriptSyntaxError(error) {
  return error?.code === 'ERR_INVALID_TYPESCRIPT_SYNTAX' || error?.code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX';
}

// `text` with `inserted` as a line of its own after its first `count` lines.
function afterLine(text, count, inserted) {
  let index = -1;
  for (let i = 0; i < count && (i === 0 || index !== -1); i++) index = text.indexOf('\n', index + 1);
  if (index === -1) return `${text}\n${inserted}`;
  return `${text.slice(0, index)}\n${inserted}${text.slice(index)}`;
}

module.exports = { evalScript };
