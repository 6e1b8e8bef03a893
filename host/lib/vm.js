'use strict';
// vm: scripts run in this context or in new ones whose global reads and writes through a
// contextified object (runtime/vm.rs).

const contextify = binding.contextify();
const moduleWrap = binding.moduleWrap();
const ReflectApply = Reflect.apply;
const {
  validateArray,
  codedError, invalidArgType, invalidArgValue, invalidThis, outOfRange, validateBoolean, validateFunction, validateInteger,
  validateString,
} = require('internal/errors');

const vmModulesEnabled = internals.getOptionValue('--experimental-vm-modules');

const constants = Object.freeze({
  __proto__: null,
  USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('vm_dynamic_import_main_context_default'),
  DONT_CONTEXTIFY: Symbol('vm_context_no_contextify'),
});

// contextified object -> the global object of its context
const contexts = new WeakMap();
// For worker_threads.moveMessagePortToContext: undefined for what is no contextified object.
internals.vmContextGlobal = (object) => contexts.get(object);

function validateObject(value, name, nullable = false) {
  if (nullable && value === null) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgType(name, 'of type object', value);
  }
}

function validateInt32(value, name, min = -(2 ** 31), max = 2 ** 31 - 1) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

function validateUint32(value, name, positive = false) {
  validateInt32(value, name, positive ? 1 : 0, 2 ** 32 - 1);
}

function validateBufferSource(value, name) {
  if (!ArrayBuffer.isView(value)) throw invalidArgType(name, 'an instance of Buffer, TypedArray, or DataView', value);
}

function isContext(object) {
  if (typeof object !== 'object' || object === null) throw invalidArgType('object', 'of type object', object);
  return contexts.has(object);
}

function validateContext(contextifiedObject) {
  if (!isContext(contextifiedObject)) throw invalidArgType('contextifiedObject', 'an vm.Context', contextifiedObject);
}

// a context's global object -> its importModuleDynamically and contextified object
const contextImports = new WeakMap();
let defaultContextNameIndex = 1;

function createContext(contextObject = {}, options = {}) {
  if (contextObject !== constants.DONT_CONTEXTIFY && isContext(contextObject)) return contextObject;
  validateObject(options, 'options');
  const {
    name = `VM Context ${defaultContextNameIndex++}`, origin, codeGeneration, microtaskMode, importModuleDynamically,
  } = options;
  // The name and origin are what an inspector would show for the context.
  validateString(name, 'options.name');
  if (origin !== undefined) validateString(origin, 'options.origin');
  if (codeGeneration !== undefined) validateObject(codeGeneration, 'options.codeGeneration');
  let strings = true;
  let wasm = true;
  if (codeGeneration !== undefined) {
    ({ strings = true, wasm = true } = codeGeneration);
    validateBoolean(strings, 'options.codeGeneration.strings');
    validateBoolean(wasm, 'options.codeGeneration.wasm');
  }
  if (microtaskMode !== undefined && microtaskMode !== 'afterEvaluate') {
    throw invalidArgValue('options.microtaskMode', microtaskMode, "must be one of: 'afterEvaluate', undefined");
  }
  if (importModuleDynamically !== undefined && !isImportConstant(importModuleDynamically)) {
    validateFunction(importModuleDynamically, 'options.importModuleDynamically');
  }
  const ownMicrotaskQueue = microtaskMode === 'afterEvaluate';
  let global;
  if (contextObject === constants.DONT_CONTEXTIFY) {
    // A context with an ordinary global object, which is what this returns.
    global = contextify.makeContext(undefined, strings, wasm, ownMicrotaskQueue, name);
    contextObject = global;
  } else {
    global = contextify.makeContext(contextObject, strings, wasm, ownMicrotaskQueue, name);
  }
  contexts.set(contextObject, global);
  if (importModuleDynamically !== undefined) {
    const referrer = contextObject;
    contextImports.set(global, { key: importKeyFor(importModuleDynamically, () => referrer) });
  }
  return contextObject;
}

function contextGlobal(contextifiedObject) {
  validateContext(contextifiedObject);
  return contexts.get(contextifiedObject);
}

// The context options of runInNewContext (contextName, contextOrigin, ...) as createContext's.
function contextOptions(options) {
  if (!options) return {};
  const result = {
    name: options.contextName,
    origin: options.contextOrigin,
    codeGeneration: undefined,
    microtaskMode: options.microtaskMode,
  };
  if (result.name !== undefined) validateString(result.name, 'options.contextName');
  if (result.origin !== undefined) validateString(result.origin, 'options.contextOrigin');
  if (options.contextCodeGeneration !== undefined) {
    validateObject(options.contextCodeGeneration, 'options.contextCodeGeneration');
    const { strings, wasm } = options.contextCodeGeneration;
    if (strings !== undefined) validateBoolean(strings, 'options.contextCodeGeneration.strings');
    if (wasm !== undefined) validateBoolean(wasm, 'options.contextCodeGeneration.wasm');
    result.codeGeneration = { strings, wasm };
  }
  if (options.microtaskMode !== undefined) validateString(options.microtaskMode, 'options.microtaskMode');
  return result;
}

function runOptions(options = {}) {
  validateObject(options, 'options');
  const { timeout, displayErrors = true, breakOnSigint = false } = options;
  if (timeout !== undefined) validateUint32(timeout, 'options.timeout', true);
  validateBoolean(displayErrors, 'options.displayErrors');
  validateBoolean(breakOnSigint, 'options.breakOnSigint');
  return { timeout, displayErrors, breakOnSigint };
}

// The context a script compiles in (runInContext's and runInNewContext's own).
const kParsingContext = Symbol('script parsing context');

class Script {
  #handle;
  #importKey;

  constructor(code, options = {}) {
    code = `${code}`;
    if (typeof options === 'string') options = { filename: options };
    else validateObject(options, 'options');
    const {
      filename = 'evalmachine.<anonymous>', lineOffset = 0, columnOffset = 0, cachedData, produceCachedData = false,
      importModuleDynamically, [kParsingContext]: parsingContext,
    } = options;
    validateString(filename, 'options.filename');
    validateInt32(lineOffset, 'options.lineOffset');
    validateInt32(columnOffset, 'options.columnOffset');
    if (cachedData !== undefined) validateBufferSource(cachedData, 'options.cachedData');
    validateBoolean(produceCachedData, 'options.produceCachedData');
    this.#importKey = importKeyFor(importModuleDynamically, () => this);
    const parsingGlobal = parsingContext === undefined ? undefined : contexts.get(parsingContext);
    // Read by index: REPL input may have deleted the array iterator.
    const compiled = contextify.vmScriptCompile(
      code, filename, lineOffset, columnOffset, cachedData, produceCachedData, parsingGlobal, this.#importKey);
    const handle = compiled[0];
    const sourceMapURL = compiled[1];
    const cachedDataRejected = compiled[2];
    const producedCachedData = compiled[3];
    this.#handle = handle;
    if (cachedDataRejected !== undefined) this.cachedDataRejected = cachedDataRejected;
    if (produceCachedData) {
      this.cachedDataProduced = producedCachedData.byteLength > 0;
      if (this.cachedDataProduced) this.cachedData = Buffer.from(producedCachedData);
    }
    this.sourceMapURL = sourceMapURL;
  }

  createCachedData() {
    if (!(#handle in this)) throw invalidThis('Script');
    return Buffer.from(contextify.vmScriptCreateCachedData(this.#handle));
  }

  // Both call the script straight away (not through a shared helper), so that an error's
  // stack shows the frames node's does.
  runInThisContext(options) {
    const { timeout, displayErrors, breakOnSigint } = runOptions(options);
    const args = [this.#handle, undefined, timeout, displayErrors, breakOnSigint];
    if (breakOnSigint && process.listenerCount('SIGINT') > 0) return runWithSigintListenersResting(args);
    return ReflectApply(contextify.vmScriptRun, contextify, args);
  }

  runInContext(contextifiedObject, options) {
    const global = contextGlobal(contextifiedObject);
    const { timeout, displayErrors, breakOnSigint } = runOptions(options);
    const args = [this.#handle, global, timeout, displayErrors, breakOnSigint];
    if (breakOnSigint && process.listenerCount('SIGINT') > 0) return runWithSigintListenersResting(args);
    return ReflectApply(contextify.vmScriptRun, contextify, args);
  }

  runInNewContext(contextObject, options) {
    return this.runInContext(createContext(contextObject, contextOptions(options)), options);
  }
}

// The script's SIGINT belongs to the watchdog: 'SIGINT' listeners rest while it runs.
function runWithSigintListenersResting(args) {
  const listeners = process.rawListeners('SIGINT');
  process.removeAllListeners('SIGINT');
  try {
    return ReflectApply(contextify.vmScriptRun, contextify, args);
  } finally {
    for (let i = 0; i < listeners.length; i++) process.addListener('SIGINT', listeners[i]);
  }
}

function createScript(code, options) {
  return new Script(code, options);
}

function runInThisContext(code, options) {
  if (typeof options === 'string') options = { filename: options };
  return createScript(code, options).runInThisContext(options);
}

function runInContext(code, contextifiedObject, options) {
  validateContext(contextifiedObject);
  if (typeof options === 'string') options = { filename: options, [kParsingContext]: contextifiedObject };
  else options = { ...options, [kParsingContext]: contextifiedObject };
  return createScript(code, options).runInContext(contextifiedObject, options);
}

function runInNewContext(code, contextObject, options) {
  if (typeof options === 'string') options = { filename: options };
  contextObject = createContext(contextObject, contextOptions(options));
  options = { ...options, [kParsingContext]: contextObject };
  return createScript(code, options).runInNewContext(contextObject, options);
}

function compileFunction(code, params, options = {}) {
  validateString(code, 'code');
  if (params !== undefined) {
    validateArray(params, 'params');
    params.forEach((param, i) => validateString(param, `params[${i}]`));
  }
  validateObject(options, 'options');
  const {
    filename = '', columnOffset = 0, lineOffset = 0, cachedData, produceCachedData = false, parsingContext,
    contextExtensions = [], importModuleDynamically,
  } = options;
  validateString(filename, 'options.filename');
  validateInt32(columnOffset, 'options.columnOffset');
  validateInt32(lineOffset, 'options.lineOffset');
  if (cachedData !== undefined) validateBufferSource(cachedData, 'options.cachedData');
  validateBoolean(produceCachedData, 'options.produceCachedData');
  if (parsingContext !== undefined) {
    if (typeof parsingContext !== 'object' || parsingContext === null || !isContext(parsingContext)) {
      throw invalidArgType('options.parsingContext', 'an instance of Context', parsingContext);
    }
  }
  validateArray(contextExtensions, 'options.contextExtensions');
  contextExtensions.forEach((extension, i) => validateObject(extension, `options.contextExtensions[${i}]`, true));
  if (importModuleDynamically !== undefined && !isImportConstant(importModuleDynamically)) {
    validateFunction(importModuleDynamically, 'options.importModuleDynamically');
  }
  // The function is the referrer its import() callback gets.
  let fn;
  const key = importKeyFor(importModuleDynamically, () => fn);
  const parsingGlobal = parsingContext === undefined ? undefined : contexts.get(parsingContext);
  const [compiled, cachedDataRejected, producedCachedData] = contextify.vmCompileFunction(
    code, filename, lineOffset, columnOffset, cachedData, produceCachedData, parsingGlobal, contextExtensions,
    params ?? [], key);
  fn = compiled;
  if (cachedDataRejected !== undefined) fn.cachedDataRejected = cachedDataRejected;
  if (produceCachedData) {
    fn.cachedDataProduced = producedCachedData.byteLength > 0;
    if (fn.cachedDataProduced) fn.cachedData = Buffer.from(producedCachedData);
  }
  return fn;
}

let warnedMeasureMemory = false;

function measureMemory(options = {}) {
  if (!warnedMeasureMemory) {
    warnedMeasureMemory = true;
    process.emitWarning('vm.measureMemory is an experimental feature and might change at any time',
      'ExperimentalWarning');
  }
  validateObject(options, 'options');
  const { mode = 'summary', execution = 'default' } = options;
  if (mode !== 'summary' && mode !== 'detailed') {
    throw invalidArgValue('options.mode', mode, "must be one of: 'summary', 'detailed'");
  }
  if (execution !== 'default' && execution !== 'eager') {
    throw invalidArgValue('options.execution', execution, "must be one of: 'default', 'eager'");
  }
  return contextify.vmMeasureMemory(mode === 'detailed', execution === 'eager');
}

// ---- dynamic import() from code vm compiled ----
// That code carries a key in its host-defined options (runtime/modules.rs): which callback
// its import() calls.

const kNoCallback = 0;
const kMissingFlag = 1;
const kMainContextLoader = 2;
// key -> { importModuleDynamically, referrer } (referrer: what the callback gets as such).
const importHandlers = new Map();
let nextImportKey = 3;

// Callbacks of anode's own builtins (the REPL's), which need no --experimental-vm-modules.
const builtinImportCallbacks = new WeakSet();
internals.builtinImportCallback = (callback) => {
  builtinImportCallbacks.add(callback);
  return callback;
};

function isImportConstant(value) {
  return value === constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
}

// The key for code compiled with `importModuleDynamically`; `referrer()` gives what the
// callback gets as the referrer (the script, function, module or context).
function importKeyFor(importModuleDynamically, referrer) {
  if (importModuleDynamically === constants.USE_MAIN_CONTEXT_DEFAULT_LOADER) return kMainContextLoader;
  if (importModuleDynamically === undefined) return kNoCallback;
  validateFunction(importModuleDynamically, 'options.importModuleDynamically');
  if (!vmModulesEnabled && !builtinImportCallbacks.has(importModuleDynamically)) return kMissingFlag;
  const key = nextImportKey++;
  importHandlers.set(key, { importModuleDynamically, referrer });
  return key;
}

let warnedMainContextLoader = false;

// `phase`: 'evaluation' (import()) or 'source' (import.source()).
internals.vmImportDynamically = function (specifier, referrerName, attributes, key, global, phase) {
  if (key === undefined) {
    // No referrer: the main context's loader, or the callback of the vm context it runs in.
    if (global === globalThis) return internals.importModule(specifier, referrerName, attributes, undefined, undefined, phase);
    key = contextImports.get(global)?.key ?? kNoCallback;
    // The referrer V8 found is some frame of anode's own: resolve from the working directory.
    referrerName = undefined;
  }
  return importThroughCallback(specifier, referrerName, attributes, key, phase);
};

async function importThroughCallback(specifier, referrerName, attributes, key, phase) {
  if (key === kMainContextLoader) {
    if (!warnedMainContextLoader) {
      warnedMainContextLoader = true;
      process.emitWarning('vm.USE_MAIN_CONTEXT_DEFAULT_LOADER is an experimental feature and might change at any time',
        'ExperimentalWarning');
    }
    return internals.importModule(specifier, referrerName, attributes, undefined, undefined, phase);
  }
  const handler = importHandlers.get(key);
  if (handler !== undefined) {
    const { importModuleDynamically, referrer } = handler;
    const result = await importModuleDynamically(specifier, referrer(), attributes, phase);
    if (phase === 'source') {
      if (!isModule(result)) throw notModule();
      return moduleWrap.moduleSourceObject(recordOf(result).id);
    }
    if (require('util').types.isModuleNamespaceObject(result)) return result;
    if (!isModule(result)) throw notModule();
    if (result.status === 'errored') throw result.error;
    return result.namespace;
  }
  if (key === kMissingFlag) {
    throw codedError(TypeError, 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG',
      'A dynamic import callback was invoked without --experimental-vm-modules');
  }
  throw codedError(TypeError, 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING', 'A dynamic import callback was not specified.');
}

// ---- vm.Module (--experimental-vm-modules) ----

const kUnlinked = 0;
const kLinking = 1;
const kLinked = 2;
const kEvaluated = 4;
const kErrored = 5;
const statusNames = ['unlinked', 'linking', 'linked', 'evaluating', 'evaluated', 'errored'];

// Module -> its native record: { id, context (the contextified object or undefined) }.
const moduleRecords = new WeakMap();
// record id -> WeakRef of its Module, for import.meta.
const modulesById = new Map();
// A Module nothing holds takes its native record with it (a module linked to it holds it).
const moduleRecordRelease = new FinalizationRegistry((id) => {
  modulesById.delete(id);
  moduleWrap.moduleRelease(id);
});
let nextModuleNumber = 0;
const moduleNumbers = new WeakMap();
let warnedVMModules = false;

function isModule(value) {
  return value !== null && typeof value === 'object' && moduleRecords.has(value);
}

function notModule() {
  return codedError(Error, 'ERR_VM_MODULE_NOT_MODULE', 'Provided module is not an instance of Module');
}

function moduleStatusError(detail) {
  return codedError(Error, 'ERR_VM_MODULE_STATUS', `Module status ${detail}`);
}

function recordOf(module, type = 'Module') {
  const record = moduleRecords.get(module);
  if (record === undefined) throw invalidThis(type);
  return record;
}

// `vm:module(N)`, N counting per context as node's does.
function defaultIdentifier(context) {
  const key = context ?? globalThis;
  const number = moduleNumbers.get(key) ?? 0;
  moduleNumbers.set(key, number + 1);
  return `vm:module(${number})`;
}

function contextGlobalOf(record) {
  return record.context === undefined ? undefined : contexts.get(record.context);
}

class Module {
  constructor(options) {
    if (new.target === Module) throw new TypeError('Module is not a constructor');
    if (!warnedVMModules) {
      warnedVMModules = true;
      process.emitWarning('VM Modules is an experimental feature and might change at any time', 'ExperimentalWarning');
    }
    const { context, identifier, create } = options;
    if (context !== undefined) {
      validateObject(context, 'context');
      if (!contexts.has(context)) throw invalidArgType('options.context', 'an instance of vm.Context', context);
    }
    if (identifier !== undefined) validateString(identifier, 'options.identifier');
    const name = identifier ?? defaultIdentifier(context);
    const record = { id: create(name), context, identifier: name };
    moduleRecords.set(this, record);
    // Node's modules hold their native half under an own symbol (inspect shows it at depth -1).
    this[kWrap] = record.id;
    modulesById.set(record.id, new WeakRef(this));
    moduleRecordRelease.register(this, record.id);
  }

  get identifier() {
    return recordOf(this).identifier;
  }

  get context() {
    return recordOf(this).context;
  }

  get namespace() {
    const { id } = recordOf(this);
    if (moduleWrap.vmModuleStatus(id) < kLinked) throw moduleStatusError('must not be unlinked or linking');
    return moduleWrap.moduleNamespace(id);
  }

  get status() {
    return statusNames[moduleWrap.vmModuleStatus(recordOf(this).id)];
  }

  get error() {
    const { id } = recordOf(this);
    if (moduleWrap.vmModuleStatus(id) !== kErrored) throw moduleStatusError('must be errored');
    return moduleWrap.vmModuleError(id);
  }

  async link(linker) {
    recordOf(this);
    validateFunction(linker, 'linker');
    if (this.status === 'linked') throw codedError(Error, 'ERR_VM_MODULE_ALREADY_LINKED', 'Module has already been linked');
    if (this.status !== 'unlinked') throw moduleStatusError('must be unlinked');
    await this[kLink](linker);
    const record = recordOf(this);
    moduleWrap.vmModuleInstantiate(record.id, contextGlobalOf(record));
  }

  evaluate(options = {}) {
    try {
      const record = recordOf(this);
      validateObject(options, 'options');
      let { timeout } = options;
      if (timeout !== undefined) {
        validateInteger(timeout, 'options.timeout', 1, 2 ** 32 - 1);
      }
      const { breakOnSigint = false } = options;
      validateBoolean(breakOnSigint, 'options.breakOnSigint');
      const status = moduleWrap.vmModuleStatus(record.id);
      if (status !== kLinked && status !== kEvaluated && status !== kErrored) {
        throw moduleStatusError('must be one of linked, evaluated, or errored');
      }
      return moduleWrap.vmModuleEvaluate(record.id, contextGlobalOf(record), timeout, breakOnSigint);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    recordOf(this);
    if (typeof depth === 'number' && depth < 0) return this;
    const constructor = this.constructor ?? Module;
    const shown = { status: this.status, identifier: this.identifier, context: this.context };
    Object.setPrototypeOf(shown, Object.getPrototypeOf(this));
    Object.defineProperty(shown, Symbol.toStringTag, { value: constructor.name, configurable: true });
    return inspect(shown, { ...options, customInspect: false });
  }
}

const kLink = Symbol('kLink');
const kWrap = Symbol('kWrap');
const kNoError = Symbol('kNoError');
const kImportMeta = Symbol('kImportMeta');

// How node names a module request in its errors.
function moduleCacheKey(specifier, attributes) {
  const entries = Object.entries(attributes).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `ModuleCacheKey(${JSON.stringify(specifier)}${entries.length > 0 ? `, ${entries.join(', ')}` : ''})`;
}

class SourceTextModule extends Module {
  #error = kNoError;
  #statusOverride;
  #moduleRequests;
  #dependencySpecifiers;
  #initializeImportMeta;

  constructor(sourceText, options = {}) {
    validateString(sourceText, 'sourceText');
    validateObject(options, 'options');
    const {
      lineOffset = 0, columnOffset = 0, initializeImportMeta, importModuleDynamically, context, identifier, cachedData,
    } = options;
    validateInteger(lineOffset, 'options.lineOffset', -(2 ** 31), 2 ** 31 - 1);
    validateInteger(columnOffset, 'options.columnOffset', -(2 ** 31), 2 ** 31 - 1);
    if (initializeImportMeta !== undefined) validateFunction(initializeImportMeta, 'options.initializeImportMeta');
    if (importModuleDynamically !== undefined) {
      validateFunction(importModuleDynamically, 'options.importModuleDynamically');
    }
    if (cachedData !== undefined && !ArrayBuffer.isView(cachedData)) {
      throw invalidArgType('options.cachedData', 'an instance of Buffer, TypedArray, or DataView', cachedData);
    }
    const owner = { module: undefined };
    let compiled;
    super({
      context,
      identifier,
      create(name) {
        const key = importModuleDynamically === undefined ? kNoCallback :
          importKeyFor(importModuleDynamically, () => owner.module);
        compiled = moduleWrap.vmModuleCompile(sourceText, name, lineOffset, columnOffset, key, cachedData);
        return compiled[0];
      },
    });
    owner.module = this;
    this.#initializeImportMeta = initializeImportMeta;
    const [, specifiers, attributes, phases] = compiled;
    this.#moduleRequests = Object.freeze(specifiers.map((specifier, index) => Object.freeze({
      __proto__: null,
      specifier,
      attributes: Object.freeze(attributes[index]),
      phase: phases[index],
    })));
  }

  async [kLink](linker) {
    this.#statusOverride = 'linking';
    const requests = this.#moduleRequests;
    const pending = new Array(requests.length);
    for (let index = 0; index < requests.length; index++) {
      const { specifier, attributes } = requests[index];
      const result = linker(specifier, this, { attributes, assert: attributes });
      pending[index] = Promise.resolve(result).then(async (module) => {
        if (!isModule(module)) throw notModule();
        if (module.context !== this.context) {
          throw codedError(Error, 'ERR_VM_MODULE_DIFFERENT_CONTEXT', 'Linked modules must use the same context');
        }
        if (module.status === 'errored') {
          const err = codedError(Error, 'ERR_VM_MODULE_LINK_FAILURE', `request for '${specifier}' resolved to an errored module`);
          err.cause = module.error;
          throw err;
        }
        if (module.status === 'unlinked') await module[kLink](linker);
        return module;
      });
    }
    try {
      const modules = await Promise.all(pending);
      const record = recordOf(this);
      moduleWrap.moduleLink(record.id, requests.map((request) => request.specifier), modules.map((module) => recordOf(module).id));
      record.dependencies = modules;
      record.linked = true;
    } catch (err) {
      this.#error = err;
      throw err;
    } finally {
      this.#statusOverride = undefined;
    }
  }

  linkRequests(modules) {
    const record = recordOf(this, 'SourceTextModule');
    if (this.status !== 'unlinked') throw moduleStatusError('must be unlinked');
    if (!Array.isArray(modules)) throw invalidArgType('modules', 'an instance of Array', modules);
    const requests = this.#moduleRequests;
    if (modules.length !== requests.length) {
      throw codedError(TypeError, 'ERR_MODULE_LINK_MISMATCH', `Expected ${requests.length} modules, got ${modules.length}`);
    }
    const ids = modules.map((module) => {
      if (!isModule(module)) throw notModule();
      if (module.context !== this.context) {
        throw codedError(Error, 'ERR_VM_MODULE_DIFFERENT_CONTEXT', 'Linked modules must use the same context');
      }
      return recordOf(module).id;
    });
    // Requests for one specifier and attributes (in different phases) take one module.
    const firstIndex = new Map();
    requests.forEach(({ specifier, attributes }, index) => {
      const key = JSON.stringify([specifier, Object.entries(attributes)]);
      const first = firstIndex.get(key);
      if (first === undefined) {
        firstIndex.set(key, index);
      } else if (modules[first] !== modules[index]) {
        throw codedError(TypeError, 'ERR_MODULE_LINK_MISMATCH', `Module request '${moduleCacheKey(specifier, attributes)}' ` +
          `at index ${first} must be linked to the same module requested at index ${index}`);
      }
    });
    moduleWrap.moduleLink(record.id, requests.map((request) => request.specifier), ids);
    record.dependencies = modules;
    record.linked = true;
  }

  instantiate() {
    const record = recordOf(this, 'SourceTextModule');
    if (this.status !== 'unlinked') throw moduleStatusError('must be unlinked');
    if (!record.linked) throw codedError(Error, 'ERR_VM_MODULE_LINK_FAILURE', 'module is not linked');
    moduleWrap.vmModuleInstantiate(record.id, contextGlobalOf(record));
  }

  hasAsyncGraph() {
    const { id } = recordOf(this, 'SourceTextModule');
    if (moduleWrap.vmModuleStatus(id) < kLinked) throw moduleStatusError('must be instantiated');
    return moduleWrap.moduleIsGraphAsync(id);
  }

  hasTopLevelAwait() {
    return moduleWrap.vmModuleHasTopLevelAwait(recordOf(this, 'SourceTextModule').id);
  }

  get dependencySpecifiers() {
    this.#dependencySpecifiers ??= Object.freeze(this.#moduleRequests.map((request) => request.specifier));
    return this.#dependencySpecifiers;
  }

  get moduleRequests() {
    return this.#moduleRequests;
  }

  get status() {
    if (this.#error !== kNoError) return 'errored';
    if (this.#statusOverride) return this.#statusOverride;
    return super.status;
  }

  get error() {
    if (this.#error !== kNoError) return this.#error;
    return super.error;
  }

  createCachedData() {
    const { status } = this;
    if (status === 'evaluating' || status === 'evaluated' || status === 'errored') {
      throw codedError(Error, 'ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA',
        'Cached data cannot be created for a module which has been evaluated');
    }
    return Buffer.from(moduleWrap.vmModuleCreateCachedData(recordOf(this).id));
  }

  static [kImportMeta](module, meta) {
    const initialize = module.#initializeImportMeta;
    if (initialize !== undefined) initialize(meta, module);
  }
}

internals.vmInitImportMeta = function (meta, id) {
  const module = modulesById.get(id)?.deref();
  if (module instanceof SourceTextModule) SourceTextModule[kImportMeta](module, meta);
};

class SyntheticModule extends Module {
  #evaluateCallback;

  constructor(exportNames, evaluateCallback, options = {}) {
    if (!Array.isArray(exportNames) || exportNames.some((name) => typeof name !== 'string')) {
      throw invalidArgType('exportNames', 'an Array of unique strings', exportNames);
    }
    exportNames.forEach((name, index) => {
      if (exportNames.indexOf(name, index + 1) !== -1) throw invalidArgValue(`exportNames.${name}`, name, 'is duplicated');
    });
    validateFunction(evaluateCallback, 'evaluateCallback');
    validateObject(options, 'options');
    const { context, identifier } = options;
    // The native record holds its evaluation function: through a WeakRef, so that the module
    // (which the callback usually closes over) can be collected.
    const self = { ref: undefined };
    super({
      context,
      identifier,
      create: (name) => moduleWrap.moduleSynthetic(name, exportNames, () => {
        const module = self.ref.deref();
        module.#evaluateCallback.call(module);
        return {};
      }, true),
    });
    this.#evaluateCallback = evaluateCallback;
    self.ref = new WeakRef(this);
    // A synthetic module has no dependencies: it is linked from the start.
    const record = recordOf(this);
    moduleWrap.vmModuleInstantiate(record.id, contextGlobalOf(record));
  }

  link() {
    recordOf(this, 'SyntheticModule');
  }

  setExport(name, value) {
    const { id } = recordOf(this, 'SyntheticModule');
    validateString(name, 'name');
    if (moduleWrap.vmModuleStatus(id) < kLinked) throw moduleStatusError('must be linked');
    moduleWrap.moduleSetExport(id, name, value);
  }
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
  measureMemory,
  constants,
};
if (vmModulesEnabled) Object.assign(module.exports, { Module, SourceTextModule, SyntheticModule });
