'use strict';
// module.register() and --experimental-loader: asynchronous module customization hooks, run
// on one internal thread (the hooks thread) for every module registered. The ES module
// loader asks that thread to resolve and load, blocking until it answers: a request goes
// over a message port and the thread, once its answer is posted, bumps a shared counter the
// main thread waits on with Atomics.wait.
//
// This module has both halves: HooksThread is the main thread's end; the chains and the
// request handling (runHooksThread) are what the hooks thread runs.

const { codedError, invalidArgType, invalidArgValue, invalidReturnValue, validateObject } = require('internal/errors');
const { invalidReturnPropertyValue } = require('internal/module_hooks');

// ---- the main thread's end ----

let hooksThread;

class HooksThread {
  #port;
  #counter;
  #counterSeen = 0;
  exited = false;

  constructor() {
    // The hooks run on a worker thread: the permission model must allow workers.
    binding.permission().checkOrThrow('WorkerThreads', '');
    const { MessageChannel } = require('worker_threads');
    const counterBuffer = new SharedArrayBuffer(4);
    this.#counter = new Int32Array(counterBuffer);
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#port.unref();
    const worker = internals.createInternalWorker('internal/main/module_hooks_thread', {
      workerData: { counter: counterBuffer, port: port2 },
      transferList: [port2],
    });
    worker.unref();
    worker.on('exit', (code) => {
      this.exited = true;
      process.exit(code);
    });
    // The first answer says the --experimental-loader modules are registered.
    this.#receive();
  }

  // What the thread's `method` answers for `args` (a value, or what it threw, thrown here).
  request(method, args, transferList) {
    this.#port.postMessage({ method, args }, transferList);
    return this.#receive(method, args);
  }

  #receive(method, args) {
    let response;
    do {
      Atomics.wait(this.#counter, 0, this.#counterSeen);
      this.#counterSeen = Atomics.load(this.#counter, 0);
      response = require('worker_threads').receiveMessageOnPort(this.#port);
    } while (response === undefined);
    const { status, body } = response.message;
    switch (status) {
      case 'success':
        return body;
      case 'error':
        throw rebuildThrown(body);
      case 'exit':
        this.exited = true;
        process.exit(body);
        break;
      case 'never-settle': {
        // The thread ran out of work with the request pending (an import() asking stays
        // pending forever).
        const err = codedError(Error, 'ERR_ASYNC_LOADER_REQUEST_NEVER_SETTLED', 'Async loader request never settled');
        err.details = { method, args };
        neverSettledErrors.add(err);
        throw err;
      }
    }
    return undefined;
  }

  resolve(specifier, context) {
    return this.request('resolve', [specifier, context.parentURL, context.importAttributes]);
  }

  load(url, context) {
    return this.request('load', [url, { format: context.format, importAttributes: context.importAttributes }]);
  }
}

const neverSettledErrors = new WeakSet();
// Whether `err` says the hooks thread will never answer a request.
const isNeverSettled = (err) => neverSettledErrors.has(err);

// At the process's exit, the hooks thread's coverage (when coverage is collected) is written
// before the thread goes with the process.
function takeHooksThreadCoverage() {
  if (hooksThread === undefined || hooksThread.exited) return;
  try {
    hooksThread.request('takeCoverage', []);
  } catch {
    // A thread that cannot answer has no coverage to give.
  }
}

// The hooks thread, when module.register() or --experimental-loader started it.
const activeHooksThread = () => hooksThread;

function startHooksThread() {
  hooksThread ??= new HooksThread();
  return hooksThread;
}

// --experimental-loader: its modules are registered by the hooks thread as it starts.
function startLoaders() {
  const loaders = internals.getOptionValue('--experimental-loader') ?? [];
  if (loaders.length === 0 || !require('worker_threads').isMainThread) return;
  // For the --import flag's single quotes: encoded, with the quotes and slashes left readable.
  const readable = (text) => encodeURIComponent(text).replace(/'/g, '%27').replace(/%22/g, '"').replace(/%2F/ig, '/');
  const registers = loaders.map((loader) => `register(${readable(JSON.stringify(loader))}, pathToFileURL("./"))`);
  process.emitWarning('`--experimental-loader` may be removed in the future; instead use `register()`:\n' +
    `--import 'data:text/javascript,import { register } from "node:module"; import { pathToFileURL } from "node:url"; ` +
    `${registers.join('; ')};'`, 'ExperimentalWarning');
  startHooksThread();
}

// module.register(specifier[, parentURL][, options]).
function register(specifier, parentURL, options) {
  if (parentURL != null && typeof parentURL === 'object' && !(parentURL instanceof URL)) {
    options = parentURL;
    parentURL = options.parentURL;
  }
  const data = options?.data;
  const transferList = options?.transferList;
  if (require('worker_threads').isInternalThread) {
    // On the hooks thread (a --require module of its own calling register()): the hooks join
    // its chains before it answers any request.
    registrationsInThread.push(registerHooks(`${specifier}`, `${parentURL ?? 'data:'}`, data));
    return;
  }
  startHooksThread().request('register', [`${specifier}`, `${parentURL ?? 'data:'}`, data, transferList], transferList);
}

// ---- what is thrown across threads ----
// An error goes as worker_threads describes an uncaught one (its class and every property),
// a symbol by its description, another value as it is; one that cannot be cloned (a
// function, an object holding one) becomes its inspection, as in node.

function rebuildThrown([kind, value]) {
  if (kind === 'error') return internals.rebuildWorkerError(value);
  if (kind === 'symbol') return Symbol.for(value);
  return value;
}

// ---- the hooks thread ----

const defaultResolveURL = 'node:internal/modules/esm/resolve';
const defaultLoadURL = 'node:internal/modules/esm/load';

function chainIncomplete(hook) {
  return codedError(Error, 'ERR_LOADER_CHAIN_INCOMPLETE', `"${hook}" did not call the next hook in its chain and did not ` +
    "explicitly signal a short circuit. If this is intentional, include `shortCircuit: true` in the hook's return.");
}

const canParseURL = (text) => URL.canParse(text);
const isBinary = (value) => value instanceof ArrayBuffer || value instanceof SharedArrayBuffer || ArrayBuffer.isView(value);

// The hooks registered, in registration order; the default step of each chain is first.
const chains = { resolve: [], load: [] };

// Runs chain `name` from its last hook: each hook gets the next as its third argument.
// `run.identifier` names the hook that ran last ("<url> 'resolve'"), for errors.
async function runChain(name, input, context, validateArgs) {
  const chain = chains[name];
  const run = { identifier: '', finished: false, shortCircuited: false };
  const nextName = `next${name[0].toUpperCase()}${name.slice(1)}`;
  const validateOutput = (identifier, output) => {
    if (typeof output !== 'object' || output === null) throw invalidReturnValue('an object', identifier, output);
  };
  const step = (index) => {
    const { fn, url } = chain[index];
    const next = index > 0 ? step(index - 1) : undefined;
    const nextStep = async (arg = undefined, nextContext) => {
      run.identifier = `${url} '${name}'`;
      validateArgs(`${run.identifier} hook's ${nextName}()`, arg, nextContext);
      if (index === 0) run.finished = true;
      if (nextContext) Object.assign(context, nextContext);
      const output = await fn(arg, context, next);
      validateOutput(`${url} '${name}' hook's ${nextName}()`, output);
      if (output?.shortCircuit === true) run.shortCircuited = true;
      return output;
    };
    Object.defineProperty(nextStep, 'name', { value: nextName });
    return nextStep;
  };
  const output = await step(chain.length - 1)(input, context);
  validateOutput(run.identifier, output);
  if (output?.shortCircuit === true) run.shortCircuited = true;
  if (!run.finished && !run.shortCircuited) throw chainIncomplete(run.identifier);
  return { output, identifier: run.identifier };
}

function validateContext(identifier, context) {
  if (context) validateObject(context, `${identifier} context`);
}

let warnedImportAssertions = false;

// The hooks' contexts and resolve results keep `importAssertions`, the old name of
// `importAttributes`, warning when it is used.
function warnImportAssertions() {
  if (warnedImportAssertions) return;
  warnedImportAssertions = true;
  process.emitWarning('Use `importAttributes` instead of `importAssertions`', 'ExperimentalWarning');
}

function withImportAssertions(context) {
  return Object.defineProperty(context, 'importAssertions', {
    configurable: true,
    get() {
      warnImportAssertions();
      return this.importAttributes;
    },
    set(value) {
      warnImportAssertions();
      return Reflect.set(this, 'importAttributes', value);
    },
  });
}

async function resolve(specifier, parentURL, importAttributes = { __proto__: null }) {
  const esm = require('internal/esm');
  const context = withImportAssertions({ conditions: [...esm.importConditions], importAttributes, parentURL });
  const { output, identifier } = await runChain('resolve', specifier, context, (identifier, nextSpecifier, nextContext) => {
    if (typeof nextSpecifier !== 'string') throw invalidArgType(`${identifier} specifier`, 'of type string', nextSpecifier);
    validateContext(identifier, nextContext);
  });
  const { format, url } = output;
  if (typeof url !== 'string' || !canParseURL(url)) throw invalidReturnPropertyValue('a URL string', identifier, 'url', url);
  let attributes = output.importAttributes;
  if (attributes == null && output.importAssertions != null) {
    warnImportAssertions();
    attributes = output.importAssertions;
  }
  if (attributes != null && typeof attributes !== 'object') {
    throw invalidReturnPropertyValue('an object', identifier, 'importAttributes', attributes);
  }
  if (format != null && typeof format !== 'string') throw invalidReturnPropertyValue('a string', identifier, 'format', format);
  return { format, importAttributes: attributes, url };
}

async function load(url, context) {
  const { output, identifier } = await runChain('load', url, withImportAssertions(context), (identifier, nextURL, nextContext) => {
    if (typeof nextURL !== 'string') throw invalidArgType(`${identifier} url`, 'a URL string', nextURL);
    if (!canParseURL(nextURL)) throw invalidArgValue(`${identifier} url`, nextURL, 'should be a URL string');
    validateContext(identifier, nextContext);
  });
  const { format, source } = output;
  const responseURL = output.responseURL === undefined ? url : output.responseURL;
  let parsed;
  try {
    parsed = typeof responseURL === 'string' ? new URL(responseURL).href : undefined;
  } catch {
    // Not a URL: refused below.
  }
  if (parsed !== responseURL) {
    throw invalidReturnPropertyValue('undefined or a fully resolved URL string', identifier, 'responseURL', responseURL);
  }
  if (format == null) {
    throw codedError(RangeError, 'ERR_UNKNOWN_MODULE_FORMAT', `Unknown module format: ${format} for URL ${url}`);
  }
  if (typeof format !== 'string') throw invalidReturnPropertyValue('a string', identifier, 'format', format);
  if (source != null && typeof source !== 'string' && !isBinary(source)) {
    throw invalidReturnPropertyValue('a string, an ArrayBuffer, or a TypedArray', identifier, 'source', source);
  }
  return { format, responseURL, source };
}

let warnedGlobalPreload = false;

// Imports the hooks module `specifier` (from `parentURL`) and adds its hooks to the chains;
// what its initialize(data) returns is awaited.
async function registerHooks(specifier, parentURL, data) {
  const esm = require('internal/esm');
  // (Through the resolve hooks registered before it.)
  const { url } = await resolve(specifier, parentURL);
  const exports = await esm.importModule(url, url);
  const { globalPreload, initialize, resolve: resolveHook, load: loadHook } = exports;
  if (globalPreload && !initialize && !warnedGlobalPreload) {
    warnedGlobalPreload = true;
    process.emitWarning('`globalPreload` has been removed; use `initialize` instead.', 'UnsupportedWarning');
  }
  if (resolveHook) chains.resolve.push({ fn: resolveHook, url: specifier });
  if (loadHook) chains.load.push({ fn: loadHook, url: specifier });
  await initialize?.(data);
}

// takeCoverage: the thread's coverage written now (the process ends without waiting for the
// thread, whose own exit would write it, as a node worker's does).
const methods = { register: registerHooks, resolve, load, takeCoverage: () => require('internal/profilers').takeCoverage() };
const registrationsInThread = [];

// The hooks thread's program: registers the --experimental-loader modules, says it is ready,
// then answers requests. While a request's hooks run, the port does not hold the thread's
// loop: when nothing else does, the request can never settle, and the main thread is told.
function runHooksThread() {
  const esm = require('internal/esm');
  chains.resolve.push({ fn: async (specifier, context) => esm.defaultResolve(specifier, context), url: defaultResolveURL });
  chains.load.push({ fn: async (url, context) => esm.defaultLoad(url, context), url: defaultLoadURL });
  const { port, counter: counterBuffer } = internals.internalThreadData();
  const counter = new Int32Array(counterBuffer);
  const notify = () => {
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  };
  const post = (status, body, transferList) => {
    try {
      port.postMessage({ status, body }, transferList);
      return true;
    } catch {
      return false;
    }
  };
  const answerError = (thrown) => {
    const [kind, value, inspected] = internals.describeWorkerError(thrown);
    if (!post('error', [kind, value])) post('error', ['value', inspected]);
    notify();
  };
  const answer = (status, body, transferList) => {
    try {
      port.postMessage({ status, body }, transferList);
    } catch (err) {
      return answerError(err);
    }
    notify();
  };

  // The thread ending (process.exit in a hook, an uncaught exception) ends the process with
  // its code: the main thread may be waiting for an answer.
  process.on('exit', (code) => {
    port.postMessage({ status: 'exit', body: code });
    notify();
  });

  let pending = 0;
  process.on('beforeExit', () => {
    if (pending === 0) return;
    pending = 0;
    answer('never-settle');
    port.ref();
  });

  port.on('message', async ({ method, args }) => {
    pending++;
    port.unref();
    let result;
    try {
      result = await methods[method](...args);
    } catch (err) {
      pending--;
      port.ref();
      answerError(err);
      return;
    }
    pending--;
    port.ref();
    const source = result?.source;
    const transfer = source instanceof ArrayBuffer ? [source] : undefined;
    answer('success', result, transfer);
  });

  // As node's: the --require modules run here too (not the --import ones), then the
  // --experimental-loader modules are registered.
  (async () => {
    require('internal/module').Module._preloadModules(internals.getOptionValue('--require'));
    await Promise.all(registrationsInThread);
    const loaders = internals.getOptionValue('--experimental-loader') ?? [];
    const parentURL = require('url').pathToFileURL(`${require('internal/util').tryGetCwd()}/`).href;
    for (const loader of loaders) await registerHooks(loader, parentURL);
  })().then(() => answer('success'), answerError);
}

module.exports = { activeHooksThread, isNeverSettled, register, startLoaders, runHooksThread, takeHooksThreadCoverage };
