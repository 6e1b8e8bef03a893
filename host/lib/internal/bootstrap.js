'use strict';
// Runs once per isolate with the native `binding`; builds node's globals and returns the
// internals the native event loop calls.

const processMethods = binding.processMethods();
const envBinding = binding.env();
const credentialsBinding = binding.credentials();
const utilBinding = binding.util();
const taskQueue = binding.taskQueue();
const internals = {};
// perf_hooks' clock and milestones: performance.now() counts from this thread's time origin
// (the process's start, a worker's own), which is `clockStart` ms before processMethods.now()'s zero.
{
  const [clockStart, nodeStart, v8Start, timeOrigin] = binding.perf().milestones();
  internals.perfClockStart = clockStart;
  internals.perfTimeOrigin = Number.isNaN(timeOrigin) ? Date.now() - (processMethods.now() + clockStart) : timeOrigin;
  internals.perfMilestones = { nodeStart, v8Start, environment: processMethods.now() + clockStart, bootstrapComplete: -1 };
}
// Made first: every builtin gets it as its `process` parameter (its prototype comes below).
const process = {};
// The built-in module loader, compiled before this script (binding.realm).
const { moduleLoadList, requireBuiltin } = (() => {
  const realm = { exports: {}, id: 'internal/bootstrap/realm', loaded: false };
  binding.realm(realm.exports, undefined, realm, binding, internals, process);
  return realm.exports;
})();
internals.requireBuiltin = requireBuiltin;

function defineGlobal(name, value, enumerable = false) {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable });
}

// A global that scripts may replace by assignment (process, Buffer): an accessor pair, named
// `get` and `set` as node's.
function defineReplaceableGlobal(name, initial) {
  let value = initial;
  Object.defineProperty(globalThis, name, {
    get() {
      return value;
    },
    set(replacement) {
      value = replacement;
    },
    configurable: true,
    enumerable: false,
  });
}

const { inspect, formatWithOptions } = requireBuiltin('internal/inspect');
const {
  codedError, invalidArgType, isStackTraceLimitWritable, validateFunction, validateString,
} = requireBuiltin('internal/errors');
// Every error's stack is made by internals.prepareStackTrace (and the default Error.prepareStackTrace).
requireBuiltin('internal/source_map/prepare_stack_trace');
const EventEmitter = requireBuiltin('events');
const config = binding.config;

// Node's getOptionValue: the value of an option by name; '--no-x' reads as !'--x'.
internals.getOptionValue = function getOptionValue(name) {
  if (name.startsWith('--no-')) return !config.options[`--${name.slice(5)}`];
  if (name === '--inspect-port') return { __proto__: null, host: config.inspectHost, port: config.inspectPort };
  return config.options[name];
};
// Node's getOptionsAsFlags: the options' values as the command-line options that set them.
internals.getOptionsAsFlags = () => [...config.optionsAsFlags];
// The options the config file (--experimental-config-file) set, as command-line options.
internals.configFileArgs = config.configFileArgs;

// ---- process ----
const processPrototype = Object.create(EventEmitter.prototype, {
  constructor: { value: function process() {}, writable: true, configurable: true },
});
processPrototype.constructor.prototype = processPrototype;
Object.setPrototypeOf(process, processPrototype);
EventEmitter.init.call(process);
Object.defineProperty(process, Symbol.toStringTag, { value: 'process', writable: true, enumerable: false, configurable: false });
// The global object has its own tag too ('[object global]'), as node gives it.
Object.defineProperty(globalThis, Symbol.toStringTag, { value: 'global', writable: false, enumerable: false, configurable: true });
defineReplaceableGlobal('process', process);

const nodeVersion = config.nodeVersion;
processMethods.defineTitle(process);
if (config.isMainThread && config.options['--title']) process.title = config.options['--title'];
process.version = nodeVersion;
// node first, then the libraries in alphabetical order, as node lists them.
const versions = {
  node: nodeVersion.slice(1),
  anode: config.anodeVersion,
  brotli: config.compressionVersions.brotli,
  // No Node C++ ABI is implemented: a value no Node release uses keeps prebuild loaders on
  // their Node-API builds.
  modules: '0',
  napi: config.napiVersion,
  nghttp2: config.nghttp2Version,
  openssl: config.opensslVersion,
  sqlite: config.sqliteVersion,
  uv: config.uvVersion,
  v8: config.v8Version,
  zlib: config.compressionVersions.zlib,
  zstd: config.compressionVersions.zstd,
};
process.arch = 'x64';
process.platform = 'linux';
const release = {
  name: 'node',
  lts: 'Krypton',
  sourceUrl: `https://nodejs.org/download/release/${nodeVersion}/node-${nodeVersion}.tar.gz`,
  headersUrl: `https://nodejs.org/download/release/${nodeVersion}/node-${nodeVersion}-headers.tar.gz`,
};
// What build tools and prebuild loaders read (node-gyp, node-gyp-build, prebuild-install) and
// what Node's tests check, each as it is true of anode.
const buildConfig = {
  target_defaults: {
    cflags: [], default_configuration: 'Release', defines: [], include_dirs: [], libraries: [],
  },
  variables: {
    asan: 0,
    clang: 0,
    host_arch: 'x64',
    target_arch: 'x64',
    napi_build_version: config.napiVersion,
    node_module_version: 0,
    node_byteorder: 'little',
    node_shared: false,
    node_shared_openssl: true,
    node_use_openssl: true,
    node_use_amaro: true,
    v8_enable_i18n_support: 1,
    v8_enable_inspector: 1,
    debug_node: false,
  },
};
for (const part of [buildConfig.target_defaults, buildConfig.variables, buildConfig]) {
  for (const value of Object.values(part)) if (Array.isArray(value)) Object.freeze(value);
  Object.freeze(part);
}
for (const [name, value] of [['versions', versions], ['release', release], ['config', buildConfig]]) {
  Object.defineProperty(process, name, { value, writable: false, enumerable: true, configurable: true });
}
process.argv = config.argv;
process.argv0 = config.argv0;
process.execArgv = config.execArgv;
process.execPath = config.execPath;
process.pid = config.pid;
// Stops the inspector server (what inspector.close() does).
if (config.isMainThread) process._debugEnd = () => binding.inspector().close();
// The inspector server's port: where it listens, or would (--inspect-port, inspector.open()).
Object.defineProperty(process, 'debugPort', {
  get: () => binding.inspector().getDebugPort(),
  set(value) {
    const port = value | 0;
    if ((port !== 0 && port < 1024) || port > 65535) {
      // Node throws it from C++: a plain RangeError with a code, which its text does not name.
      const error = new RangeError('process.debugPort must be 0 or in range 1024 to 65535');
      error.code = 'ERR_OUT_OF_RANGE';
      throw error;
    }
    binding.inspector().setDebugPort(port);
  },
  enumerable: true,
  configurable: true,
});
process.ppid = config.ppid;
Object.defineProperty(process, 'moduleLoadList', { value: moduleLoadList, writable: false, enumerable: true, configurable: true });
process.features = {
  inspector: true,
  debug: false,
  uv: true,
  ipv6: true,
  tls_alpn: true,
  tls_sni: true,
  tls_ocsp: true,
  tls: true,
  openssl_is_boringssl: false,
  // Getters, as node's: require_module and typescript follow the options that turn them off.
  get cached_builtins() { return true; },
  get require_module() { return internals.getOptionValue('--experimental-require-module'); },
  get quic() { return false; },
  get typescript() {
    if (internals.getOptionValue('--experimental-transform-types')) return 'transform';
    return internals.getOptionValue('--experimental-strip-types') ? 'strip' : false;
  },
};
requireBuiltin('internal/process/per_thread').install(process, config.isMainThread);
requireBuiltin('internal/process/active_resources').install(process);
process._exiting = false;
process.domain = null;
internals.nodeDebug = envBinding.envGet('NODE_DEBUG');
internals.nodeDebugNative = envBinding.envGet('NODE_DEBUG_NATIVE');

// DEP0104, once, under --pending-deprecation.
let envValueWarned = false;
function warnNonStringEnvValue(value) {
  if (envValueWarned || !internals.getOptionValue('--pending-deprecation') || ['string', 'number', 'boolean'].includes(typeof value)) {
    return;
  }
  envValueWarned = true;
  process.emitWarning('Assigning any value other than a string, number, or boolean to a process.env property is ' +
    'deprecated. Please make sure to convert the value to a string before setting process.env with it.',
  'DeprecationWarning', 'DEP0104');
}

process.env = envBinding.createEnv({
  nonStringValue: warnNonStringEnvValue,
  definePropertyError: (accessor) => codedError(TypeError, 'ERR_INVALID_OBJECT_DEFINE_PROPERTY', accessor
    ? '\'process.env\' does not accept an accessor(getter/setter) descriptor'
    : '\'process.env\' only accepts a configurable, writable, and enumerable data descriptor'),
});

if (config.isMainThread) {
  process.cwd = () => processMethods.cwd();
} else {
  // A worker asks for the directory again only after process.chdir() has moved it (only the
  // main thread can), as node's workers cache it.
  const directoryChanges = new Int32Array(processMethods.cwdCounter());
  const AtomicsLoad = Atomics.load;
  let cachedCwd = '';
  let cachedAt = -1;
  process.cwd = function cwd() {
    const changes = AtomicsLoad(directoryChanges, 0);
    if (changes === cachedAt) return cachedCwd;
    cachedCwd = processMethods.cwd();
    cachedAt = changes;
    return cachedCwd;
  };
}
process.uptime = () => processMethods.now() / 1000;
let report;
Object.defineProperty(process, 'report', {
  get: () => (report ??= requireBuiltin('internal/report')),
  enumerable: true,
  configurable: true,
});

process.dlopen = (module, filename, flags) => binding.dlopen(module, filename, flags);
// A public built-in module's exports (as require gives them), undefined for other names.
process.getBuiltinModule = function getBuiltinModule(id) {
  validateString(id, 'id');
  if (!requireBuiltin('module').isBuiltin(id)) return undefined;
  return requireBuiltin(id.startsWith('node:') ? id.slice(5) : id);
};
// Source maps for stack traces: --enable-source-maps and process.setSourceMapsEnabled turn
// them on for node_modules and generated code too.
process.setSourceMapsEnabled = function setSourceMapsEnabled(enabled) {
  requireBuiltin('internal/source_map/source_map_cache').setSourceMapsSupport(enabled, { nodeModules: enabled, generatedCode: enabled });
};
Object.defineProperty(process, 'sourceMapsEnabled', {
  get() { return requireBuiltin('internal/source_map/source_map_cache').getSourceMapsSupport().enabled; },
  enumerable: true,
  configurable: true,
});
if (internals.getOptionValue('--enable-source-maps')) process.setSourceMapsEnabled(true);
let finalization;
Object.defineProperty(process, 'finalization', {
  get: () => (finalization ??= requireBuiltin('internal/process/finalization')),
  enumerable: true,
  configurable: true,
});
// The process's user and group ids (their setters are in internal/process/per_thread).
process.getuid = function getuid() { return credentialsBinding.id(0); };
process.geteuid = function geteuid() { return credentialsBinding.id(1); };
process.getgid = function getgid() { return credentialsBinding.id(2); };
process.getegid = function getegid() { return credentialsBinding.id(3); };
process.getgroups = function getgroups() { return credentialsBinding.groups(); };
// Straight to fd 2, past process.stderr (node's debugging aid, used by its tests).
process._rawDebug = (...args) => processMethods.print(2, `${requireBuiltin('util').format(...args)}\n`);
process.emitWarning = requireBuiltin('internal/warning').emitWarning;
// A .env file's variables into process.env; variables already set keep their values.
process.loadEnvFile = function loadEnvFile(path) {
  path ??= '.env';
  const { Buffer } = requireBuiltin('buffer');
  const { URL, fileURLToPath } = requireBuiltin('url');
  if (path instanceof URL) path = fileURLToPath(path);
  else if (Buffer.isBuffer(path)) path = path.toString();
  else if (typeof path !== 'string') {
    throw requireBuiltin('internal/errors').invalidArgType('path', 'of type string or an instance of Buffer or URL', path);
  }
  let content;
  try {
    content = requireBuiltin('fs').readFileSync(path, 'utf8');
  } catch (err) {
    if (err.code !== 'EISDIR') throw err;
    throw requireBuiltin('internal/errors').codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `Contents of '${path}' should be a valid string.`);
  }
  const variables = utilBinding.parseEnv(content);
  for (const key of Object.keys(variables)) {
    if (process.env[key] === undefined) process.env[key] = variables[key];
  }
};
// Node's emitWarningSync: printed and emitted at once (the module loaders' warnings).
internals.emitWarningSync = requireBuiltin('internal/warning').emitWarningSync;

// The options NODE_OPTIONS may hold: a read-only Set whose has() accepts a flag with or
// without its dashes, with _ for -, and with a value after =.
function buildAllowedFlags() {
  const flags = config.allowedInNodeOptions;
  const withoutDashes = flags.map((flag) => flag.replace(/^--?/, ''));
  const values = () => new Set(flags).values();
  class NodeEnvironmentFlagsSet extends Set {
    add() {
      return this;
    }
    delete() {
      return false;
    }
    clear() {}
    has(key) {
      if (typeof key !== 'string') return false;
      key = key.replace(/_/g, '-');
      if (/^--?/.test(key)) return flags.includes(key.replace(/=.*$/, ''));
      return withoutDashes.includes(key);
    }
    entries() {
      return new Set(flags).entries();
    }
    forEach(callback, thisArg = undefined) {
      for (const flag of flags) Reflect.apply(callback, thisArg, [flag, flag, this]);
    }
    get size() {
      return flags.length;
    }
    values() {
      return values();
    }
  }
  Object.defineProperty(NodeEnvironmentFlagsSet.prototype, Symbol.iterator, { value: values });
  Object.defineProperty(NodeEnvironmentFlagsSet.prototype, 'keys', { value: values });
  Object.freeze(NodeEnvironmentFlagsSet);
  Object.freeze(NodeEnvironmentFlagsSet.prototype);
  return Object.freeze(new NodeEnvironmentFlagsSet());
}
let allowedNodeEnvironmentFlags;
Object.defineProperty(process, 'allowedNodeEnvironmentFlags', {
  get() {
    return (allowedNodeEnvironmentFlags ??= buildAllowedFlags());
  },
  set(value) {
    Object.defineProperty(this, 'allowedNodeEnvironmentFlags', { value, configurable: true, enumerable: true, writable: true });
  },
  enumerable: true,
  configurable: true,
});

// The options node mirrors on `process` (read-only, and only when set).
for (const [name, option] of [
  ['_eval', '--eval'], ['_print_eval', '--print'], ['_syntax_check_only', '--check'], ['_preload_modules', '--require'],
  ['noDeprecation', '--no-deprecation'], ['noProcessWarnings', '--no-warnings'], ['traceProcessWarnings', '--trace-warnings'],
  ['throwDeprecation', '--throw-deprecation'], ['traceDeprecation', '--trace-deprecation'],
]) {
  const value = internals.getOptionValue(option);
  if (value) Object.defineProperty(process, name, { value, writable: false, enumerable: true, configurable: true });
}

// process.stdout, stderr and stdin are made when first read, as node's are: on the main
// thread over fds 1, 2 and 0; on a worker's, over the channel to its Worker object.
function defineStdioStream(name, create) {
  let stream;
  Object.defineProperty(process, name, {
    get() {
      stream ??= create();
      return stream;
    },
    enumerable: true,
    configurable: true,
  });
}
function mainThreadOutput(fd) {
  const stream = requireBuiltin('internal/stdio').createWritableStdioStream(fd);
  if (stream.isTTY) process.on('SIGWINCH', () => stream._refreshSize());
  return stream;
}
if (config.isMainThread) {
  defineStdioStream('stdout', () => mainThreadOutput(1));
  defineStdioStream('stderr', () => mainThreadOutput(2));
  defineStdioStream('stdin', () => requireBuiltin('internal/stdio').createStdin());
} else {
  for (const name of ['stdout', 'stderr', 'stdin']) {
    defineStdioStream(name, () => {
      requireBuiltin('worker_threads');
      return internals.workerThreadStdio()[name];
    });
  }
}
process.openStdin = function openStdin() {
  process.stdin.resume();
  return process.stdin;
};

// ---- nextTick, microtasks and promise rejections ----
// The native side reads the queue lengths from binding.fields to skip calling in here
// when there is nothing to do (node's tick_info).
let tickQueue = [];
let tickHead = 0;
const asyncHooks = requireBuiltin('internal/async_hooks');
const TICKS_QUEUED = 12, REJECTIONS_PENDING = 13;

process.nextTick = function nextTick(callback, ...args) {
  validateFunction(callback, 'callback');
  if (process._exiting) return;
  const tick = { callback, args };
  asyncHooks.initAsyncResource(tick, 'TickObject');
  tickQueue.push(tick);
  binding.fields[TICKS_QUEUED] = tickQueue.length - tickHead;
};

// Rejections without a handler, by promise: { reason, uid, warned, domain }.
let pendingRejections = new Map();
const maybeUnhandledRejections = new WeakMap();
const asyncHandledRejections = [];
let lastRejectionId = 0;
const kRejectWithNoHandler = 0, kHandlerAddedAfterReject = 1;

function updateRejectionsPending() {
  binding.fields[REJECTIONS_PENDING] = pendingRejections.size + asyncHandledRejections.length;
}

internals.promiseRejectHook = function (event, promise, reason) {
  if (event === kRejectWithNoHandler) {
    pendingRejections.set(promise, { reason, uid: ++lastRejectionId, warned: false, domain: process.domain });
  } else if (event === kHandlerAddedAfterReject && !pendingRejections.delete(promise)) {
    const info = maybeUnhandledRejections.get(promise);
    if (info !== undefined) {
      maybeUnhandledRejections.delete(promise);
      if (info.warned) {
        // Made now, for a stack trace where the handler was added.
        asyncHandledRejections.push({ promise, warning: new PromiseRejectionHandledWarning(info.uid) });
      }
    }
  }
  updateRejectionsPending();
};

function safeToString(value) {
  try {
    return String(value);
  } catch {
    return inspect(value);
  }
}

class UnhandledPromiseRejection extends Error {
  code = 'ERR_UNHANDLED_REJECTION';
  constructor(reason) {
    super('This error originated either by throwing inside of an async function without a catch block, ' +
      'or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason ' +
      `"${safeToString(reason)}".`);
  }
}
Object.defineProperty(UnhandledPromiseRejection.prototype, 'name', { value: 'UnhandledPromiseRejection', configurable: true });

class UnhandledPromiseRejectionWarning extends Error {
  name = 'UnhandledPromiseRejectionWarning';
  constructor(uid) {
    const limit = Error.stackTraceLimit;
    const writable = isStackTraceLimitWritable();
    if (writable) Error.stackTraceLimit = 0;
    super('Unhandled promise rejection. This error originated either by throwing inside of an async function ' +
      'without a catch block, or by rejecting a promise which was not handled with .catch(). To terminate the ' +
      'node process on unhandled promise rejection, use the CLI flag `--unhandled-rejections=strict` (see ' +
      `https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). (rejection id: ${uid})`);
    if (writable) Error.stackTraceLimit = limit;
  }
}

class PromiseRejectionHandledWarning extends Error {
  name = 'PromiseRejectionHandledWarning';
  constructor(uid) {
    super(`Promise rejection was handled asynchronously (rejection id: ${uid})`);
  }
}

// hasOwnProperty, not .stack: reading the stack would format it and lose the frames the
// error report takes its source arrow from.
function isErrorLike(reason) {
  return reason !== null && typeof reason === 'object' && Object.prototype.hasOwnProperty.call(reason, 'stack');
}

function emitUnhandledRejectionWarning(info) {
  const warning = new UnhandledPromiseRejectionWarning(info.uid);
  const { reason } = info;
  try {
    if (isErrorLike(reason)) {
      warning.stack = reason.stack;
      process.emitWarning(reason.stack, 'UnhandledPromiseRejectionWarning');
    } else {
      process.emitWarning(safeToString(reason), 'UnhandledPromiseRejectionWarning');
    }
  } catch {
    try {
      process.emitWarning(safeToString(reason), 'UnhandledPromiseRejectionWarning');
    } catch {
      // Nothing more to report it with.
    }
  }
  process.emitWarning(warning);
}

function raiseRejection(reason) {
  processMethods.triggerUncaughtException(isErrorLike(reason) ? reason : new UnhandledPromiseRejection(reason), true);
}

// An unhandled rejection goes to the domain that was active when the promise was rejected
// (as an 'error'), else to process' 'unhandledRejection'; true when someone listened.
function emitUnhandled(promise, info) {
  if (info.domain) return info.domain.emit('error', info.reason);
  return process.emit('unhandledRejection', info.reason, promise);
}

// --unhandled-rejections: what an unhandled rejection does in each mode (throw by default).
const unhandledRejectionModes = {
  throw(promise, info) {
    if (!emitUnhandled(promise, info)) raiseRejection(info.reason);
  },
  strict(promise, info) {
    raiseRejection(info.reason);
    if (!emitUnhandled(promise, info)) emitUnhandledRejectionWarning(info);
  },
  warn(promise, info) {
    emitUnhandled(promise, info);
    emitUnhandledRejectionWarning(info);
  },
  none(promise, info) {
    emitUnhandled(promise, info);
  },
  'warn-with-error-code'(promise, info) {
    if (!emitUnhandled(promise, info)) {
      emitUnhandledRejectionWarning(info);
      process.exitCode = 1;
    }
  },
};
const unhandledRejectionMode = unhandledRejectionModes[config.options['--unhandled-rejections'] || 'throw'];

const mapEntries = Map.prototype.entries;
const mapIteratorNext = Object.getPrototypeOf(new Map().entries()).next;
function processPromiseRejections() {
  let any = asyncHandledRejections.length > 0;
  while (asyncHandledRejections.length > 0) {
    const { promise, warning } = asyncHandledRejections.shift();
    updateRejectionsPending();
    if (!process.emit('rejectionHandled', promise)) process.emitWarning(warning);
  }
  if (pendingRejections.size === 0) return any;
  const pending = pendingRejections;
  pendingRejections = new Map();
  updateRejectionsPending();
  // Through Map's own iteration as it was at startup: programs may replace it (node iterates
  // its SafeMap likewise).
  const entries = mapEntries.call(pending);
  for (let step = mapIteratorNext.call(entries); !step.done; step = mapIteratorNext.call(entries)) {
    const promise = step.value[0];
    const info = step.value[1];
    maybeUnhandledRejections.set(promise, info);
    info.warned = true;
    any = true;
    unhandledRejectionMode(promise, info);
  }
  return any;
}

function processTicksAndRejections() {
  do {
    while (tickHead < tickQueue.length) {
      const tick = tickQueue[tickHead];
      tickQueue[tickHead++] = undefined;
      const outerFrame = asyncHooks.enterResourceScope(tick);
      let completed = false;
      try {
        const callback = tick.callback;
        const args = tick.args;
        if (args.length === 0) callback();
        else Reflect.apply(callback, undefined, args);
        completed = true;
      } finally {
        asyncHooks.exitResourceScope(tick, outerFrame, completed);
      }
      asyncHooks.destroyResource(tick);
    }
    if (tickHead > 0) {
      tickQueue = [];
      tickHead = 0;
    }
    binding.fields[TICKS_QUEUED] = 0;
    taskQueue.runMicrotasks();
  } while (tickHead < tickQueue.length || processPromiseRejections());
}
// Called on `process`, as node's: stack traces show `process.processTicksAndRejections`.
internals.processTicksAndRejections = processTicksAndRejections.bind(process);

// A queued microtask is an async resource ('Microtask'), as in node; an exception it throws
// is uncaught inside its scope (a domain it ran in still sees it).
const resolved = Promise.resolve();
function queueMicrotask(callback) {
  validateFunction(callback, 'callback');
  const microtask = { callback };
  asyncHooks.initAsyncResource(microtask, 'Microtask');
  resolved.then(() => asyncHooks.runAsResource(microtask, runMicrotask, microtask, []));
}
function runMicrotask() {
  try {
    this.callback();
  } catch (err) {
    processMethods.triggerUncaughtException(err, false);
  } finally {
    asyncHooks.destroyResource(this);
  }
}

// ---- exceptions and exit ----
// The uncaught exception capture callback takes an exception before 'uncaughtException'.
let captureCallback = null;
process.setUncaughtExceptionCaptureCallback = function setUncaughtExceptionCaptureCallback(fn) {
  if (fn === null) {
    captureCallback = null;
    processMethods.setAbortOnUncaught(true);
    return;
  }
  if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function or null', fn);
  if (captureCallback !== null) {
    throw codedError(Error, 'ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET',
      '`process.setupUncaughtExceptionCapture()` was called while a capture callback was already active');
  }
  captureCallback = fn;
  processMethods.setAbortOnUncaught(false);
};
process.hasUncaughtExceptionCaptureCallback = () => captureCallback !== null;

// Node's process._fatalException, which a program may replace: true when a listener (or the
// capture callback) took the error. Replaced by a non-function, the process ends with 6.
process._fatalException = function _fatalException(err, fromPromise) {
  const origin = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  process.emit('uncaughtExceptionMonitor', err, origin);
  if (captureCallback !== null) {
    captureCallback(err);
  } else if (process.listenerCount('uncaughtException') === 0) {
    return false;
  } else {
    process.emit('uncaughtException', err, origin);
  }
  // As node: the ticks the throw left queued run in the next turn, which this immediate
  // makes sure there is.
  requireBuiltin('timers').setImmediate(noop);
  return true;
};
function noop() {}
const INVALID_FATAL_EXCEPTION_MONKEY_PATCHING = 6;
// The listeners of an exception a callback threw run in that callback's async context.
internals.fatalException = function (err, fromPromise) {
  const handler = process._fatalException;
  if (typeof handler !== 'function') return INVALID_FATAL_EXCEPTION_MONKEY_PATCHING;
  const frame = asyncHooks.takeThrowFrame();
  if (fromPromise) return handler(err, fromPromise);
  return asyncHooks.inThrownScopes(() => (frame === undefined
    ? handler(err, fromPromise) : asyncHooks.runInFrame(frame, handler, process, [err, fromPromise])));
};
// Node prints a thrown primitive as its text (a symbol as nothing), anything else inspected.
internals.inspectFatal = (err) => {
  if (typeof err === 'symbol') return '';
  if (err === null || (typeof err !== 'object' && typeof err !== 'function')) return `${err}`;
  return inspect(err);
};
internals.wasmStreamingCompile = (id, source) => requireBuiltin('internal/wasm_web_api').compile(id, source);
internals.emitBeforeExit = function () {
  process.emit('beforeExit', process.exitCode | 0);
  processTicksAndRejections();
};
internals.workerProfileCommand = (command, id) => requireBuiltin('internal/profilers').workerProfileCommand(command, id);
internals.emitExit = function (code) {
  if (code !== undefined) process.exitCode = code;
  // The loop ran dry: the main ES module's check for a top-level await that never settled.
  if (code === undefined && !process._exiting) internals.beforeNaturalExit?.();
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', process.exitCode | 0);
  }
  internals.flushWorkerStdio?.();
  requireBuiltin('internal/profilers').endStarted();
  return process.exitCode | 0;
};

// ---- console ----
const console = requireBuiltin('console');

// V8's own console reports to the inspector's sessions (it is inspector.console): while one
// is connected, each method of node's console calls V8's first. The methods only V8's has
// (profile, profileEnd, timeStamp, context, createTask) are V8's, as in node.
const inspectorConsole = globalThis.console;
const { consoleCall } = binding.inspector();
for (const key of Object.keys(inspectorConsole)) {
  if (typeof console[key] !== 'function') {
    console[key] = inspectorConsole[key];
    continue;
  }
  console[key] = consoleCall.bind(console, inspectorConsole[key], console[key]);
  Object.defineProperty(console[key], 'name', { value: key });
}
defineGlobal('console', console);
internals.console = console;
internals.inspectorConsole = inspectorConsole;
// Node's own first 'warning' listener prints warnings.
if (internals.getOptionValue('--warnings') && process.env.NODE_NO_WARNINGS !== '1') {
  process.on('warning', requireBuiltin('internal/warning').onWarning);
}
defineReplaceableGlobal('Buffer', requireBuiltin('buffer').Buffer);

// ---- globals ----
defineGlobal('global', globalThis, true);
const timersModule = requireBuiltin('timers');
// In node's order of the global object's keys.
for (const name of ['clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout', 'setInterval', 'setTimeout']) {
  defineGlobal(name, timersModule[name], true);
}
defineGlobal('queueMicrotask', queueMicrotask, true);
const web = requireBuiltin('internal/web');
defineGlobal('structuredClone', web.structuredClone, true);
defineGlobal('atob', web.atob, true);
defineGlobal('btoa', web.btoa, true);
for (const name of ['TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'DOMException', 'Event', 'EventTarget',
  'CustomEvent', 'AbortController', 'AbortSignal']) {
  defineGlobal(name, web[name]);
}
defineGlobal('URLPattern', requireBuiltin('internal/url_pattern').URLPattern);
if (internals.getOptionValue('--experimental-websocket')) {
  const websocket = requireBuiltin('internal/websocket');
  defineGlobal('WebSocket', websocket.WebSocket);
  defineGlobal('CloseEvent', websocket.CloseEvent);
}
if (internals.getOptionValue('--experimental-eventsource')) {
  defineGlobal('EventSource', requireBuiltin('internal/eventsource').EventSource);
}
// The WHATWG streams, blobs and fetch classes (node 24's globals).
const webStreams = requireBuiltin('stream/web');
for (const name of ['TransformStream', 'TransformStreamDefaultController', 'WritableStream',
  'WritableStreamDefaultController', 'WritableStreamDefaultWriter', 'ReadableStream', 'ReadableStreamDefaultReader',
  'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest', 'ReadableByteStreamController',
  'ReadableStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy', 'TextEncoderStream',
  'TextDecoderStream', 'CompressionStream', 'DecompressionStream']) {
  defineGlobal(name, webStreams[name]);
}
const blobModule = requireBuiltin('internal/blob');
defineGlobal('Blob', blobModule.Blob);
defineGlobal('File', blobModule.File);
// worker_threads' ports, as node has them global too.
const workerThreads = requireBuiltin('worker_threads');
defineGlobal('MessageChannel', workerThreads.MessageChannel);
defineGlobal('MessagePort', workerThreads.MessagePort);
defineGlobal('MessageEvent', workerThreads.MessageEvent);
defineGlobal('BroadcastChannel', workerThreads.BroadcastChannel);
const fetchClasses = requireBuiltin('internal/fetch');
for (const name of ['FormData', 'Headers', 'Request', 'Response']) defineGlobal(name, fetchClasses[name]);
// fetch itself loads its client (and http/https) on first call, as node's loads undici.
defineGlobal('fetch', function fetch(input, init = undefined) {
  return requireBuiltin('internal/fetch_client').fetch(input, init);
}, true);
const perfHooks = requireBuiltin('perf_hooks');
for (const name of ['Performance', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver',
  'PerformanceObserverEntryList', 'PerformanceResourceTiming']) {
  defineGlobal(name, perfHooks[name]);
}
{
  let current = perfHooks.performance;
  const { get, set } = Object.getOwnPropertyDescriptor({
    get performance() {
      return current;
    },
    set performance(value) {
      current = value;
    },
  }, 'performance');
  Object.defineProperty(globalThis, 'performance', { get, set, enumerable: true, configurable: true });
}
// The Web Crypto object, made when first read (after `performance`, as in node).
Object.defineProperty(globalThis, 'crypto', {
  get: function crypto() {
    return requireBuiltin('crypto').webcrypto;
  },
  enumerable: true,
  configurable: true,
});
Object.defineProperty(Object.getOwnPropertyDescriptor(globalThis, 'crypto').get, 'name', { value: 'get crypto' });
// Web Crypto's classes, loaded when first read.
for (const name of ['Crypto', 'CryptoKey', 'SubtleCrypto']) {
  Object.defineProperty(globalThis, name, {
    get() {
      const value = requireBuiltin('internal/crypto/webcrypto')[name];
      defineGlobal(name, value);
      return value;
    },
    set(value) {
      defineGlobal(name, value);
    },
    enumerable: false,
    configurable: true,
  });
}
Object.defineProperty(globalThis, 'navigator', {
  get: { get navigator() {
    return web.getNavigator();
  } }.__lookupGetter__('navigator'),
  enumerable: true,
  configurable: true,
});
defineGlobal('Navigator', web.Navigator);
// Web Storage's globals under --experimental-webstorage, loaded (and warned of) when first read:
// Storage becomes a plain property then; localStorage and sessionStorage stay accessors that
// an assignment replaces.
if (internals.getOptionValue('--experimental-webstorage')) {
  const named = (fn, name) => Object.defineProperty(fn, 'name', { value: name });
  const setStorage = named(function(value) { defineGlobal('Storage', value); }, 'set Storage');
  Object.defineProperty(globalThis, 'Storage', {
    get: named(function() {
      const value = requireBuiltin('internal/webstorage').Storage;
      setStorage(value);
      return value;
    }, 'get Storage'),
    set: setStorage,
    enumerable: false,
    configurable: true,
  });
  for (const name of ['localStorage', 'sessionStorage']) {
    let value;
    let replaced = false;
    Object.defineProperty(globalThis, name, {
      get: named(function() {
        if (!replaced) value ??= requireBuiltin('internal/webstorage')[name];
        return value;
      }, `get ${name}`),
      set: named(function(replacement) {
        replaced = true;
        value = replacement;
      }, `set ${name}`),
      enumerable: true,
      configurable: true,
    });
  }
}

// ---- entry points ----
if (internals.getOptionValue('--experimental-shadow-realm')) requireBuiltin('internal/shadow_realm');
requireBuiltin('internal/profilers').startConfigured(internals.getOptionValue);
const { Module, runMain, checkSyntax } = requireBuiltin('internal/module');
const { evalScript: runEval } = requireBuiltin('internal/process/execution');
// A worker's parentPort exists before its code asks for it: messages may come first.
if (!config.isMainThread) requireBuiltin('worker_threads');
// So does a forked process's channel to its parent.
if (config.isMainThread && process.env.NODE_CHANNEL_FD !== undefined) {
  requireBuiltin('child_process');
  internals.openParentChannel();
  // A cluster worker announces itself before its program runs.
  if (process.env.NODE_UNIQUE_ID !== undefined) {
    requireBuiltin('cluster')._setupWorker();
    delete process.env.NODE_UNIQUE_ID;
  }
}

// Async stack traces: the program's async tasks are reported while a session asks for them.
requireBuiltin('internal/inspector/async_hook').register();

// --experimental-network-inspection: the program's requests are reported to the sessions
// that enable the Network domain.
if (internals.getOptionValue('--experimental-network-inspection')) {
  requireBuiltin('internal/inspector/network_tracking').register();
}

// --experimental-storage-inspection: the Storage and DOMStorage domains see the program's
// Web Storage.
if (internals.getOptionValue('--experimental-storage-inspection')) {
  requireBuiltin('internal/inspector/dom_storage').register();
}

// --heapsnapshot-signal: a heap snapshot written each time the signal comes, named by default
// (in --diagnostic-dir when given).
function listenForHeapSnapshotSignal() {
  const signal = internals.getOptionValue('--heapsnapshot-signal');
  if (!signal) return;
  const { signals } = requireBuiltin('os').constants;
  if (signals[signal] === undefined) {
    const hint = signals[signal.toUpperCase()] === undefined ? '' : ' (signals must use all capital letters)';
    throw codedError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${signal}${hint}`);
  }
  const directory = internals.getOptionValue('--diagnostic-dir');
  process.on(signal, function doWriteHeapSnapshot() {
    const name = directory ? `${directory}/${requireBuiltin('internal/heap_utils').diagnosticFileName('Heap', 'heapsnapshot')}` : undefined;
    requireBuiltin('v8').writeHeapSnapshot(name);
  });
}

// The permission model's process.permission and warnings come first (its option errors are the
// program's uncaught exception); then the --require modules load, then the
// --experimental-loader ones (on the hooks thread), the --import ones (each awaited), then the
// program. (`node --test` leaves some of them to its runner: `preloads` says which it loads.)
function runProgram(run, preloads = { require: true, import: true }) {
  if (config.isMainThread && internals.getOptionValue('--experimental-config-file')) {
    requireBuiltin('internal/warning').emitExperimentalWarning('--experimental-config-file');
  }
  requireBuiltin('internal/process/permission').initialize(internals.getOptionValue, config.isMainThread);
  if (config.isMainThread) listenForHeapSnapshotSignal();
  if (preloads.require) Module._preloadModules(internals.getOptionValue('--require'));
  if (internals.getOptionValue('--frozen-intrinsics')) {
    // ("intristics": node's spelling.)
    process.emitWarning('Frozen intristics is an experimental feature and might change at any time', 'ExperimentalWarning');
    requireBuiltin('internal/freeze_intrinsics')();
  }
  requireBuiltin('internal/async_module_hooks').startLoaders();
  const imports = preloads.import ? internals.getOptionValue('--import') : [];
  // The program finds the RegExp statics empty, whatever startup matched.
  const { clearRegExpStatics } = requireBuiltin('internal/util');
  if (imports.length === 0) {
    clearRegExpStatics();
    run();
    return;
  }
  const { importModule } = requireBuiltin('internal/esm');
  const parentURL = requireBuiltin('url').pathToFileURL(`${requireBuiltin('internal/util').tryGetCwd()}/`).href;
  (async () => {
    for (const specifier of imports) await importModule(specifier, parentURL);
    clearRegExpStatics();
    run();
  })().catch((err) => processMethods.triggerUncaughtException(err, false));
}

internals.runMain = function (file) {
  // As node's: the main script's path is absolute in process.argv (cluster forks it again).
  if (process.argv[1] === file && typeof file === 'string' && !file.startsWith('-')) {
    process.argv[1] = requireBuiltin('path').resolve(file);
  }
  // (--check loads the --require and --import modules first too.)
  runProgram(config.isMainThread && internals.getOptionValue('--check') ? () => checkSyntax(file) : () => runMain(file));
};
// Signal events: listening for 'SIGINT' (or any signal os.constants knows) on the main thread
// starts a libuv watcher, unreferenced; the last listener removed stops it.
if (config.isMainThread) {
  const signalWatches = new Map();
  const watchedTypes = new Map();
  const signalNumber = (type) => typeof type === 'string' && type.startsWith('SIG')
    ? requireBuiltin('os').constants.signals[type] : undefined;
  process.on('newListener', function startListeningIfSignal(type) {
    const signum = signalNumber(type);
    if (signum === undefined || signalWatches.has(type)) return;
    // The inspector's server owns SIGPROF: it is not watched while the server runs.
    if (type === 'SIGPROF' && binding.inspector().isEnabled()) {
      process.emitWarning('process.on(SIGPROF) is reserved while debugging');
      signalWatches.set(type, null);
      return;
    }
    const id = binding.signals().start(signum);
    if (id < 0) throw requireBuiltin('util')._errnoException(id, 'uv_signal_start');
    signalWatches.set(type, id);
    watchedTypes.set(id, [type, signum]);
  });
  process.on('removeListener', function stopListeningIfSignal(type) {
    const id = signalWatches.get(type);
    if (id === undefined || process.listenerCount(type) !== 0) return;
    signalWatches.delete(type);
    if (id === null) return;
    binding.signals().stop(id);
    watchedTypes.delete(id);
  });
  if (config.options['--trace-sigint']) requireBuiltin('internal/util/trace_sigint').setTraceSigInt(true);
  internals.emitSignal = function (id) {
    const watched = watchedTypes.get(id);
    if (watched !== undefined) process.emit(watched[0], watched[0], watched[1]);
    processTicksAndRejections();
  };
}
// No script: the REPL (after the code of -e or -p, if given), as node's internal/main/repl.
internals.runRepl = function (code, print) {
  runProgram(() => {
    // (After the --require modules, as node's.)
    console.log(`Welcome to Node.js ${process.version}.\nType ".help" for more information.`);
    requireBuiltin('internal/repl').createInternalRepl(process.env, (err, repl) => {
      if (err) throw err;
      repl.on('exit', () => {
        if (repl.historyManager.isFlushing) return repl.once('flushHistory', () => process.exit());
        process.exit();
      });
    });
    if (code !== undefined) runEval(code, print, '[eval]');
  });
  processTicksAndRejections();
};
// --test: node:test's runner over the test files given or found.
// The runner's own process loads no --import module (the files' processes do); without
// isolation, the runner loads the --require and --import modules itself, after the global setup.
internals.runTests = function () {
  const isolated = internals.getOptionValue('--test-isolation') !== 'none';
  runProgram(() => requireBuiltin('internal/test_runner/runner').runCli(), { require: isolated, import: false });
  processTicksAndRejections();
};
// An internal thread (the module.register() hooks' thread): its builtin is its program.
internals.runInternalThread = function (id) {
  requireBuiltin(id);
  processTicksAndRejections();
};
// --watch: the program in a child process, restarted when what it loaded changes.
// The watching process itself preloads nothing: --require and --import are the program's.
internals.runWatch = function () {
  requireBuiltin('internal/main/watch_mode');
  processTicksAndRejections();
};
// `inspect`: the command-line debugger client (node's internal/main/inspect).
internals.runInspect = function () {
  requireBuiltin('internal/debugger/inspect').start();
  processTicksAndRejections();
};
internals.runEval = function (code, print, name) {
  // Code from -e and -p sees the built-in modules as globals (as in node).
  // `crypto`, a web global too, is node:crypto there: as node does, code naming it runs in a
  // scope whose own `crypto` is the module (the global stays Web Crypto), and may rebind it.
  if (name === '[eval]') {
    requireBuiltin('internal/module').addBuiltinLibsToObject(globalThis, '<eval>');
    if ((internals.getOptionValue('--input-type') || 'commonjs') === 'commonjs' && /\bcrypto\b/.test(code)) {
      code = print ? `let crypto=require("node:crypto");{${code}}` : `(crypto=>{{${code}}})(require('node:crypto'))`;
    }
  }
  runProgram(config.isMainThread && internals.getOptionValue('--check') ? () => checkSyntax(undefined, code) : () => runEval(code, print, name));
};
internals.perfMilestones.bootstrapComplete = processMethods.now() + internals.perfClockStart;
if (binding.traceEvents().getEnabledCategories() !== undefined) requireBuiltin('internal/trace_events').threadStarted();
return internals;
