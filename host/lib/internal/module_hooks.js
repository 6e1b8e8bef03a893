'use strict';
// module.registerHooks(): synchronous, in-thread module customization hooks. Both loaders run
// their resolution and loading through the chains here — require() (internal/module) and
// import (internal/esm) — so one registration customizes every way a module is reached.
// The last registered hook runs first; each gets the next one as its third argument, and a
// hook that returns without calling it must say so with `shortCircuit: true`.

const path = require('path');
const { codedError, describeReceived, invalidArgValue, validateFunction } = require('internal/errors');

const resolveHooks = [];
const loadHooks = [];
const hookId = Symbol('kModuleHooksIdKey');
let nextHookId = 0;

class ModuleHooks {
  constructor(resolve, load) {
    this[hookId] = Symbol(`module-hook-${nextHookId++}`);
    // Both own properties exist even when only one hook is given.
    this.resolve = resolve;
    this.load = load;
    if (resolve) resolveHooks.push(this);
    if (load) loadHooks.push(this);
    Object.freeze(this);
  }

  deregister() {
    for (const hooks of [resolveHooks, loadHooks]) {
      const index = hooks.findIndex((hook) => hook[hookId] === this[hookId]);
      if (index !== -1) hooks.splice(index, 1);
    }
  }
}

function registerHooks(hooks) {
  const { resolve, load } = hooks;
  if (resolve) validateFunction(resolve, 'hooks.resolve');
  if (load) validateFunction(load, 'hooks.load');
  return new ModuleHooks(resolve, load);
}

function invalidReturnPropertyValue(expected, hook, property, value) {
  const got = describeReceived(value).replace(/^Received /, '');
  return codedError(TypeError, 'ERR_INVALID_RETURN_PROPERTY_VALUE',
    `Expected ${expected} to be returned for the "${property}" from the "${hook}" hook but got ${got}.`);
}

// Runs `hooks` (registration order) as a chain ending in `defaultStep`, on `input`. Every
// step shares one context: what a hook passes to its next step is merged into it.
function runChain(hooks, name, defaultStep, validate, context, input) {
  // The step that ran last: a hook's result must short-circuit when no later step ran.
  let lastRun;
  const step = (index) => function next(nextInput, nextContext) {
    lastRun = index;
    if (nextContext && nextContext !== context) Object.assign(context, nextContext);
    const result = index === 0 ? defaultStep(nextInput, context) : hooks[index - 1][name](nextInput, context, step(index - 1));
    if (index > 0 && lastRun === index && !result.shortCircuit) {
      throw invalidReturnPropertyValue('true', name, 'shortCircuit', result.shortCircuit);
    }
    return validate(nextInput, result);
  };
  return step(hooks.length)(input, context);
}

function validateResolve(specifier, result) {
  const { url, format, importAttributes } = result;
  if (typeof url !== 'string') throw invalidReturnPropertyValue('a URL string', 'resolve', 'url', url);
  if (format && typeof format !== 'string') throw invalidReturnPropertyValue('a string', 'resolve', 'format', format);
  if (importAttributes && typeof importAttributes !== 'object') {
    throw invalidReturnPropertyValue('an object', 'resolve', 'importAttributes', importAttributes);
  }
  return { __proto__: null, url, format, importAttributes };
}

const isBinarySource = (source) => source instanceof ArrayBuffer || source instanceof SharedArrayBuffer || ArrayBuffer.isView(source);

// `source` must be text or bytes, except for builtins (whose source is never used) and
// addons; the ES module loader's own step gives CommonJS no source.
function validateLoad(url, result, { commonjsWithoutSource = false } = {}) {
  const { source, format } = result;
  const sourceless = url.startsWith('node:') || format === 'addon' || (commonjsWithoutSource && format === 'commonjs' && source == null);
  if (!sourceless && typeof source !== 'string' && !isBinarySource(source)) {
    throw invalidReturnPropertyValue('a string, an ArrayBuffer, or a TypedArray', 'load', 'source', source);
  }
  if (typeof format !== 'string' && format !== undefined) {
    throw invalidReturnPropertyValue('a string', 'load', 'format', format);
  }
  return result;
}

class ModuleResolveContext {
  constructor(parentURL, importAttributes, conditions) {
    this.parentURL = parentURL;
    this.importAttributes = importAttributes;
    this.conditions = conditions;
  }
}

class ModuleLoadContext {
  constructor(format, importAttributes, conditions) {
    this.format = format;
    this.importAttributes = importAttributes;
    this.conditions = conditions;
  }
}

// { url, format, importAttributes } for `specifier`: the resolve hooks' answer, ending in
// `defaultResolve(specifier, context)`.
function resolveWithHooks(specifier, parentURL, importAttributes, conditions, defaultResolve) {
  const context = new ModuleResolveContext(parentURL, importAttributes, conditions);
  if (resolveHooks.length === 0) return defaultResolve(specifier, context);
  return runChain(resolveHooks, 'resolve', defaultResolve, validateResolve, context, specifier);
}

const textFormats = new Set([undefined, 'module', 'commonjs', 'json', 'module-typescript', 'commonjs-typescript', 'typescript']);

// { format, source } for `url`: the load hooks' answer, ending in `defaultLoad(url,
// context)`; bytes returned for a text format become text.
function loadWithHooks(url, format, importAttributes, conditions, defaultLoad, validateOptions) {
  const context = new ModuleLoadContext(format, importAttributes, conditions);
  if (loadHooks.length === 0) return defaultLoad(url, context);
  const result = runChain(loadHooks, 'load', defaultLoad, (input, result) => validateLoad(input, result, validateOptions),
    context, url);
  if (isBinarySource(result.source) && textFormats.has(result.format)) {
    result.source = new TextDecoder().decode(result.source);
  }
  return result;
}

// The conditions a resolve hook asked the default step to resolve with: undefined when they
// are still `defaults` (or unset).
function customConditions(context, defaults) {
  const { conditions } = context;
  if (conditions === undefined || conditions === defaults) return undefined;
  if (!Array.isArray(conditions)) throw invalidArgValue('context.conditions', conditions, 'expected an array');
  return conditions;
}

// The URL hooks see for a CommonJS module's file name (or builtin id).
function filenameToURL(filename, isBuiltin) {
  if (!filename) return filename;
  if (isBuiltin(filename)) return filename.startsWith('node:') ? filename : `node:${filename}`;
  if (path.isAbsolute(filename)) return require('url').pathToFileURL(filename).href;
  return filename;
}

// The file name (or builtin id) the CommonJS loader keys a hook's URL by.
function urlToFilename(url, isBuiltin) {
  if (!url) return url;
  if (url.startsWith('node:') && isBuiltin(url)) return url.slice(5);
  if (url.startsWith('file://')) return require('url').fileURLToPath(url);
  return url;
}

module.exports = {
  customConditions,
  filenameToURL,
  hasLoadHooks: () => loadHooks.length > 0,
  hasResolveHooks: () => resolveHooks.length > 0,
  invalidReturnPropertyValue,
  loadWithHooks,
  registerHooks,
  resolveWithHooks,
  urlToFilename,
};
