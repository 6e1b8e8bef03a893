'use strict';
// CommonJS modules with node's semantics. Resolution itself is done natively (oxc_resolver).

const path = require('path');
const { tryGetCwd } = require('internal/util');
const { codedError, invalidArgType } = require('internal/errors');
const { reportToWatchMode } = require('internal/watch_mode/report');

// Builtins reachable only with the `node:` scheme (listed so in builtinModules).
const schemeOnly = new Set(['sqlite', 'test', 'test/reporters']);
// Builtins switched off by a command-line flag (node's --no-experimental-sqlite).
const switchedOff = new Set(internals.getOptionValue('--experimental-sqlite') ? [] : ['sqlite']);
const builtinNames = Object.keys(binding.natives).filter((name) => !name.startsWith('internal/') && !switchedOff.has(name));
const builtinModules = builtinNames.map((name) => (schemeOnly.has(name) ? `node:${name}` : name));
const builtinSet = new Set(builtinNames.filter((name) => !schemeOnly.has(name)));
const schemeBuiltinSet = new Set(builtinNames);

function invalidArg(code, message) {
  const err = new TypeError(message);
  err.code = code;
  return err;
}

function isBuiltin(request) {
  if (typeof request !== 'string') return false;
  return request.startsWith('node:') ? schemeBuiltinSet.has(request.slice(5)) : builtinSet.has(request);
}

const kFirstParent = Symbol('kFirstModuleParent');

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  this.exports = {};
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this.paths = [];
  this[kFirstParent] = parent;
  if (parent && !parent.children.includes(this)) parent.children.push(this);
}

// module.parent: DEP0144 under --pending-deprecation.
const { pendingDeprecate } = require('internal/warning');
const parentDeprecation = 'module.parent is deprecated due to accuracy issues. Please use require.main to find ' +
  'program entry point instead.';
Object.defineProperty(Module.prototype, 'parent', {
  get: pendingDeprecate(function () {
    return this[kFirstParent];
  }, parentDeprecation, 'DEP0144'),
  set: pendingDeprecate(function (value) {
    this[kFirstParent] = value;
  }, parentDeprecation, 'DEP0144'),
  enumerable: false,
  configurable: false,
});

Module.builtinModules = builtinModules;
Module.isBuiltin = isBuiltin;
Module._cache = { __proto__: null };
Module._extensions = { __proto__: null };

Module._nodeModulePaths = function (from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const parts = from.split('/');
  const paths = [];
  for (let i = parts.length; i > 1; i--) {
    if (parts[i - 1] === 'node_modules') continue;
    paths.push(`${parts.slice(0, i).join('/')}/node_modules`);
  }
  paths.push('/node_modules');
  return paths;
};

function requireStack(parent) {
  const stack = [];
  for (let cursor = parent; cursor; cursor = cursor[kFirstParent]) stack.push(cursor.filename || cursor.id);
  return stack;
}

// The directories searched after node_modules: NODE_PATH's, then $HOME/.node_modules,
// $HOME/.node_libraries and $PREFIX/lib/node.
let modulePaths = [];
Module.globalPaths = [];
Module._initPaths = function () {
  const homeDir = process.env.HOME;
  const nodePath = process.env.NODE_PATH;
  const paths = [path.resolve(process.execPath, '..', '..', 'lib', 'node')];
  if (homeDir) paths.unshift(path.resolve(homeDir, '.node_modules'), path.resolve(homeDir, '.node_libraries'));
  if (nodePath) paths.unshift(...nodePath.split(path.delimiter).filter(Boolean));
  modulePaths = paths;
  Module.globalPaths = paths.slice();
};
Module._initPaths();

// './x', '../x', '.' and '..' (not '.x' or '..x').
function isRelativeRequest(request) {
  if (request[0] !== '.') return false;
  if (request.length === 1 || request[1] === '/') return true;
  return request[1] === '.' && (request.length === 2 || request[2] === '/');
}

// The directories node looks `request` up in for `parent`: null for a builtin, the parent's
// directory for a relative request, else its node_modules paths then the global ones.
Module._resolveLookupPaths = function (request, parent) {
  if (isBuiltin(request)) return null;
  if (request[0] !== '.' || (request.length > 1 && request[1] !== '.' && request[1] !== '/')) {
    const paths = parent?.paths?.length ? [...parent.paths, ...modulePaths] : modulePaths;
    return paths.length > 0 ? paths : null;
  }
  if (!parent || !parent.id || !parent.filename) return ['.'];
  return [path.dirname(parent.filename)];
};

// 0 for a file, 1 for a directory, a negative errno otherwise.
Module._stat = function (filename) {
  const kind = binding.statKind(path.toNamespacedPath(`${filename}`));
  return kind === 1 ? 0 : kind === 2 ? 1 : -2;
};

// The file name a request for a file or directory (`target`, absolute) stands for; a
// trailing `/`, `/.` or `/..` asks for a directory.
function targetPath(directory, request) {
  const target = path.resolve(directory, request);
  const wantsDirectory = request.endsWith('/') || request === '.' || request === '..' ||
    request.endsWith('/.') || request.endsWith('/..');
  return wantsDirectory && target !== '/' ? `${target}/` : target;
}

// Extensions registered in require.extensions beyond node's own, tried after those.
function registeredExtensions() {
  const extensions = Object.keys(Module._extensions);
  return extensions.some((extension) => extension !== '.js' && extension !== '.json' && extension !== '.node')
    ? extensions : null;
}

// `request` looked up in one directory (a node_modules directory or one of the global
// paths): the file name, or a [code, message] failure.
function resolveIn(request, directory, preserveSymlinks) {
  const extensions = registeredExtensions();
  const pathLike = path.isAbsolute(request) || isRelativeRequest(request);
  if (!pathLike && path.basename(directory) === 'node_modules') {
    const found = binding.resolve(request, path.dirname(directory), false, true);
    if (typeof found === 'string') {
      if (!found.startsWith(`${directory}/`)) return ['MODULE_NOT_FOUND', `Cannot find module '${request}'`];
      return preserveSymlinks ? found : binding.realpath(found);
    }
    if (found[0] !== 'MODULE_NOT_FOUND' || extensions === null) return found;
  }
  const target = targetPath(directory, request);
  if (extensions !== null && !target.endsWith('/') && binding.statKind(target) !== 1) {
    for (const extension of extensions) {
      if (binding.statKind(target + extension) === 1) {
        return preserveSymlinks ? target + extension : binding.realpath(target + extension);
      }
    }
  }
  return binding.resolve(target, '/', false, preserveSymlinks);
}

Module._findPath = function (request, paths, isMain) {
  const absolute = path.isAbsolute(request);
  if (absolute) {
    paths = [''];
  } else if (!paths || paths.length === 0) {
    return false;
  }
  const preserveSymlinks = internals.getOptionValue(isMain ? '--preserve-symlinks-main' : '--preserve-symlinks');
  for (let i = 0; i < paths.length; i++) {
    const found = resolveIn(request, absolute ? '/' : path.resolve(paths[i]), preserveSymlinks);
    if (typeof found === 'string') return found;
    if (found[0] !== 'MODULE_NOT_FOUND') throw codedError(Error, found[0], found[1]);
  }
  return false;
};

function requireStack(parent) {
  const stack = [];
  for (let cursor = parent; cursor; cursor = cursor[kFirstParent]) stack.push(cursor.filename || cursor.id);
  return stack;
}

Module._resolveFilename = function (request, parent, isMain, options) {
  // An unknown `node:` name is not found here (require() itself reports it as unknown).
  if (request.startsWith('node:') && schemeBuiltinSet.has(request.slice(5))) return request;
  if (builtinSet.has(request)) return request;
  const preserveSymlinks = internals.getOptionValue(isMain ? '--preserve-symlinks-main' : '--preserve-symlinks');
  let failure = ['MODULE_NOT_FOUND', `Cannot find module '${request}'`];
  // Whether `result` ends the search: a file name, or a failure other than not found.
  const settles = (result) => {
    if (typeof result === 'string') return true;
    if (result[0] === 'MODULE_NOT_FOUND') return false;
    failure = result;
    return true;
  };
  let result;
  if (options !== null && typeof options === 'object' && options.paths !== undefined && !Array.isArray(options.paths)) {
    const { inspect } = require('internal/inspect');
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.paths' is invalid. Received ${inspect(options.paths)}`);
  }
  if (Array.isArray(options?.paths)) {
    let lookups;
    if (isRelativeRequest(request)) {
      lookups = options.paths;
    } else {
      lookups = [];
      const fakeParent = new Module('', null);
      for (let i = 0; i < options.paths.length; i++) {
        fakeParent.paths = Module._nodeModulePaths(options.paths[i]);
        const paths = Module._resolveLookupPaths(request, fakeParent) ?? [];
        for (let j = 0; j < paths.length; j++) if (!lookups.includes(paths[j])) lookups.push(paths[j]);
      }
    }
    for (let i = 0; i < lookups.length; i++) {
      result = resolveIn(request, path.resolve(lookups[i]), preserveSymlinks);
      if (settles(result)) break;
    }
  } else {
    const directory = parent?.filename ? path.dirname(parent.filename) : tryGetCwd();
    const pathLike = path.isAbsolute(request) || isRelativeRequest(request);
    result = pathLike ? resolveIn(request, directory, preserveSymlinks)
      : binding.resolve(request, directory, false, preserveSymlinks);
    if (!settles(result) && !pathLike) {
      for (let i = 0; i < modulePaths.length; i++) {
        result = resolveIn(request, path.resolve(modulePaths[i]), preserveSymlinks);
        if (settles(result)) break;
      }
    }
  }
  if (typeof result === 'string') return result;
  let [code, message] = failure;
  // An "imports" target's error names the file that asked, as node's package imports resolution.
  if (code === 'ERR_INVALID_PACKAGE_TARGET' && request[0] === '#' && parent?.filename) {
    message += ` imported from ${parent.filename}`;
  }
  if (code === 'ERR_INVALID_PACKAGE_CONFIG') {
    const err = new Error(message);
    err.code = code;
    throw err;
  }
  const stack = requireStack(parent);
  const err = new Error(code === 'MODULE_NOT_FOUND' && stack.length > 0
    ? `${message}\nRequire stack:\n- ${stack.join('\n- ')}` : message);
  err.code = code;
  if (code === 'MODULE_NOT_FOUND') err.requireStack = stack;
  throw err;
};

Module._load = function (request, parent, isMain) {
  if (request.startsWith('node:') && !schemeBuiltinSet.has(request.slice(5))) {
    throw codedError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${request}`);
  }
  // require.cache can stand in for a builtin named without `node:`.
  if (!request.startsWith('node:') && builtinSet.has(request) && Module._cache[request] !== undefined) {
    return Module._cache[request].exports;
  }
  if (isBuiltin(request) && !(request.startsWith('./') || request.startsWith('/'))) {
    return internals.requireBuiltin(Module._resolveFilename(request, parent).replace(/^node:/, ''));
  }
  const filename = Module._resolveFilename(request, parent, isMain);
  reportToWatchMode('require', filename);
  const cached = Module._cache[filename];
  if (cached !== undefined) {
    if (parent && !parent.children.includes(cached)) parent.children.push(cached);
    return cached.loaded ? cached.exports : exportsForCircularRequire(cached);
  }
  const module = new Module(filename, parent);
  if (isMain) {
    process.mainModule = module;
    module.id = '.';
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
    if (Object.getPrototypeOf(module.exports) === circularRequireWarning) {
      Object.setPrototypeOf(module.exports, Object.prototype);
    }
  } finally {
    if (threw) {
      delete Module._cache[filename];
      if (parent) {
        const index = parent.children.indexOf(module);
        if (index !== -1) parent.children.splice(index, 1);
      }
    }
  }
  return module.exports;
};

// While a module is still loading, a cycle sees its partial exports; reading a property
// they do not have yet warns, as node does.
const circularRequireWarning = new Proxy(Object.prototype, {
  get(target, prop, receiver) {
    if (prop in target || prop === '__esModule') return Reflect.get(target, prop, receiver);
    process.emitWarning(`Accessing non-existent property '${String(prop)}' of module exports inside circular dependency`);
    return undefined;
  },
  getOwnPropertyDescriptor(target, prop) {
    if (Object.prototype.hasOwnProperty.call(target, prop) || prop === '__esModule') {
      return Reflect.getOwnPropertyDescriptor(target, prop);
    }
    process.emitWarning(`Accessing non-existent property '${String(prop)}' of module exports inside circular dependency`);
    return undefined;
  },
});

function exportsForCircularRequire(module) {
  const exports = module.exports;
  if (exports !== null && typeof exports === 'object' && binding.kind(exports) !== 'proxy' &&
      Object.getPrototypeOf(exports) === Object.prototype && !exports.__esModule) {
    Object.setPrototypeOf(exports, circularRequireWarning);
  }
  return exports;
}

// Files node loads itself whatever Module._extensions holds: ES modules and TypeScript.
const internalLoaders = { __proto__: null };

Module.prototype.load = function (filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(path.dirname(filename));
  const base = path.basename(filename);
  let extension = '.js';
  for (let dot = base.indexOf('.', 1); dot !== -1; dot = base.indexOf('.', dot + 1)) {
    const candidate = base.slice(dot);
    if (Module._extensions[candidate] || internalLoaders[candidate]) {
      extension = candidate;
      break;
    }
  }
  (Module._extensions[extension] ?? internalLoaders[extension])(this, filename);
  this.loaded = true;
};

Module.prototype.require = function (id) {
  if (typeof id !== 'string') {
    throw invalidArgType('id', 'of type string', id);
  }
  if (id === '') {
    throw invalidArg('ERR_INVALID_ARG_VALUE', "The argument 'id' must be a non-empty string. Received ''");
  }
  const trace = require('diagnostics_channel').tracingChannel('module.require');
  if (!trace.hasSubscribers) return Module._load(id, this, false);
  return trace.traceSync(Module._load, { __proto__: null, parentFilename: this.filename, id }, Module, id, this, false);
};

const esm = require('internal/esm');
const { wrapperParams } = esm;

// `format`: 'commonjs' compiles the code as CommonJS only; 'module' runs it as an ES module;
// anything else (undefined) detects ES module syntax in code that fails as CommonJS.
Module.prototype._compile = function (content, filename, format) {
  let compiled;
  if (format !== 'module') {
    try {
      compiled = wrapperPatched ? binding.runScript(Module.wrap(esm.withoutHashbang(content)), filename)
        : binding.compileCommonJS(esm.withoutHashbang(content), filename, wrapperParams);
    } catch (err) {
      const canBeModule = this.id === '.' || esm.requireModuleEnabled;
      if (format === 'commonjs' || !canBeModule || !esm.shouldRetryAsESM(err, content)) {
        if (esm.looksLikeModule(err, content)) {
          internals.emitWarningSync(`Failed to load the ES module: ${filename}. Make sure to set "type": "module" in the ` +
            'nearest package.json file or use the .mjs extension.');
        }
        // Compiled again to throw from the compiler: a fatal error then points at the code's
        // own line, not at this rethrow.
        binding.compileFunction(esm.withoutHashbang(content), filename, wrapperParams);
        throw err;
      }
      format = 'module';
    }
  }
  if (format === 'module') {
    loadESMFromCJS(this, filename);
    return;
  }
  const dirname = path.dirname(filename);
  return compiled.call(this.exports, this.exports, makeRequire(this), this, filename, dirname);
};

// An ES module reached through the CommonJS loader: the main module runs through the ES
// module loader; require() gets its namespace (or its 'module.exports' export).
function loadESMFromCJS(module, filename) {
  if (module.id === '.') {
    process.mainModule = undefined;
    esm.runMainModule(filename);
    return;
  }
  if (!esm.requireModuleEnabled) {
    const from = module.parent?.filename ? ` from ${module.parent.filename}` : '';
    throw codedError(Error, 'ERR_REQUIRE_ESM', `require() of ES Module ${filename}${from} not supported.\n` +
      `Instead change the require of ${filename} to a dynamic import() which is available in all CommonJS modules.`);
  }
  module.exports = esm.requireModule(filename, module.parent);
}

Module._extensions['.js'] = function (module, filename) {
  const { type } = esm.packageScope(filename);
  if (type === 'module' && filename.endsWith('.js')) {
    loadESMFromCJS(module, filename);
    return;
  }
  const commonjs = type === 'commonjs' || filename.endsWith('.cjs');
  module._compile(binding.readFile(filename), filename, commonjs ? 'commonjs' : undefined);
};

internalLoaders['.mjs'] = function (module, filename) {
  loadESMFromCJS(module, filename);
};

// TypeScript: types stripped, then as JavaScript: .cts is CommonJS, .mts an ES module, .ts
// follows the package's "type" (or syntax detection).
function loadTypeScript(module, filename, format) {
  const code = esm.stripTypes(binding.readFile(filename), filename, require('url').pathToFileURL(filename).href);
  if (format === 'module') {
    loadESMFromCJS(module, filename);
    return;
  }
  module._compile(code, filename, format);
}

if (esm.stripTypesEnabled) {
  internalLoaders['.cts'] = (module, filename) => loadTypeScript(module, filename, 'commonjs');
  internalLoaders['.mts'] = (module, filename) => loadTypeScript(module, filename, 'module');
  internalLoaders['.ts'] = (module, filename) => loadTypeScript(module, filename, esm.packageScope(filename).type);
} else {
  process.features.typescript = false;
}
if (!esm.requireModuleEnabled) process.features.require_module = false;

Module._extensions['.json'] = function (module, filename) {
  const content = binding.readFile(filename);
  try {
    module.exports = JSON.parse(content);
  } catch (err) {
    err.message = `${filename}: ${err.message}`;
    throw err;
  }
};

Module._extensions['.node'] = function (module, filename) {
  process.dlopen(module, path.toNamespacedPath(filename));
};

function makeRequire(module) {
  const require = function require(id) {
    return module.require(id);
  };
  require.resolve = function resolve(request, options) {
    if (typeof request !== 'string') {
      throw invalidArgType('request', 'of type string', request);
    }
    return Module._resolveFilename(request, module, false, options);
  };
  require.resolve.paths = function paths(request) {
    if (typeof request !== 'string') {
      throw invalidArgType('request', 'of type string', request);
    }
    return Module._resolveLookupPaths(request, module);
  };
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

Module.createRequire = function (filename) {
  if (filename instanceof URL || (typeof filename === 'string' && filename.startsWith('file:'))) {
    filename = require('url').fileURLToPath(filename);
  } else if (typeof filename !== 'string' || !path.isAbsolute(filename)) {
    const { inspect } = require('internal/inspect');
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'filename' must be a file URL object, file URL " +
      `string, or absolute path string. Received ${inspect(filename)}`);
  }
  const module = new Module(filename);
  module.filename = filename;
  module.paths = Module._nodeModulePaths(path.dirname(filename));
  return makeRequire(module);
};

Module.syncBuiltinESMExports = esm.syncBuiltinESMExports;
Module.Module = Module;

// The compile cache: V8's code cache of modules compiled from files, kept in a directory.
const compileCacheStatus = Object.freeze({ __proto__: null, FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 });
Module.constants = { __proto__: null, compileCacheStatus };
Module.enableCompileCache = function enableCompileCache(options) {
  let directory = options;
  let portable = process.env.NODE_COMPILE_CACHE_PORTABLE === '1';
  if (typeof options === 'object' && options !== null) {
    ({ directory } = options);
    if (options.portable !== undefined) portable = options.portable;
  }
  if (directory === undefined) directory = process.env.NODE_COMPILE_CACHE || path.join(require('os').tmpdir(), 'node-compile-cache');
  const [status, message, cacheDirectory] = binding.compileCacheEnable(directory, portable);
  const result = { status };
  if (message !== undefined) result.message = message;
  if (cacheDirectory !== undefined) result.directory = cacheDirectory;
  return result;
};
Module.getCompileCacheDir = function getCompileCacheDir() {
  return binding.compileCacheDirectory();
};
Module.flushCompileCache = function flushCompileCache() {
  binding.compileCacheFlush();
};
// Module.wrap and Module.wrapper, which packages patch: once either is replaced or the
// wrapper's text changed, modules compile from Module.wrap(source) as a script.
let wrapperPatched = false;
const wrapper = [`(function (${wrapperParams.join(', ')}) { `, '\n});'];
let wrap = function (script) {
  return Module.wrapper[0] + script + Module.wrapper[1];
};
let wrapperProxy = new Proxy(wrapper, {
  set(target, property, value, receiver) {
    wrapperPatched = true;
    return Reflect.set(target, property, value, receiver);
  },
  defineProperty(target, property, descriptor) {
    wrapperPatched = true;
    return Reflect.defineProperty(target, property, descriptor);
  },
});
Object.defineProperty(Module, 'wrap', {
  get: () => wrap,
  set(value) {
    wrapperPatched = true;
    wrap = value;
  },
  configurable: true,
  enumerable: true,
});
Object.defineProperty(Module, 'wrapper', {
  get: () => wrapperProxy,
  set(value) {
    wrapperPatched = true;
    wrapperProxy = value;
  },
  configurable: true,
  enumerable: true,
});

function runMain(file) {
  const filename = Module._resolveFilename(path.resolve(file), null, true);
  if (isModuleFile(filename)) {
    esm.runMainModule(filename);
    return;
  }
  Module._load(filename, null, true);
}

// --require: modules loaded before the main one, resolved from the working directory.
let isPreloading = false;
Object.defineProperty(Module.prototype, 'isPreloading', { get: () => isPreloading });
Module._preloadModules = function (requests) {
  if (!Array.isArray(requests)) return;
  isPreloading = true;
  try {
    const parent = new Module('internal/preload', null);
    parent.paths = Module._nodeModulePaths(tryGetCwd());
    for (const request of requests) parent.require(request);
  } finally {
    isPreloading = false;
  }
};

// Whether the main file runs as an ES module: .mjs, .mts with type stripping, or .js/.ts in a
// "type": "module" package (syntax detection decides later for the others).
function isModuleFile(filename) {
  const typescript = esm.stripTypesEnabled && (filename.endsWith('.mts') || filename.endsWith('.ts'));
  return filename.endsWith('.mjs') || (typescript && filename.endsWith('.mts')) ||
    (filename.endsWith('.wasm') && internals.getOptionValue('--experimental-wasm-modules')) ||
    ((filename.endsWith('.js') || typescript || path.extname(filename) === '') && esm.packageScope(filename).type === 'module');
}

// --check: compiles the main file (or the code from stdin) as what it would run as.
function checkSyntax(file, code) {
  let filename = '[stdin]';
  let asModule = internals.getOptionValue('--input-type') === 'module';
  if (code === undefined) {
    filename = Module._resolveFilename(path.resolve(file), null, true);
    code = binding.readFile(filename);
    asModule = isModuleFile(filename);
  }
  if (asModule) {
    binding.moduleCompile(code, filename);
  } else {
    binding.compileFunction(code.startsWith('#!') ? `//${code.slice(2)}` : code, filename, wrapperParams);
  }
}

// --eval's code: an ES module with --input-type=module, or when it has module syntax and no
// --input-type (node's syntax detection); else a script with CommonJS's variables.
function runEval(code, print, name) {
  const inputType = internals.getOptionValue('--input-type') || undefined;
  let detected = false;
  if (inputType === undefined && !print) {
    const syntaxError = binding.scriptSyntaxError(code, name);
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
  const require = makeRequire(module);
  globalThis.module = module;
  globalThis.exports = module.exports;
  globalThis.require = require;
  globalThis.__filename = name;
  globalThis.__dirname = '.';
  const result = binding.runScript(code, name);
  if (print) console.log(result);
}

// The entry point as node runs it: a preloaded module may replace Module.runMain.
Module.runMain = function executeUserEntryPoint(main = process.argv[1]) {
  runMain(main);
};

// The built-in modules as properties of `object` (the REPL's context, -e's global), each
// loaded when first read and replaced when assigned.
function addBuiltinLibsToObject(object, dummyModuleName) {
  const loader = new Module(dummyModuleName);
  for (const name of builtinModules) {
    if (name.startsWith('_') || name.includes('/') || name.startsWith('node:') ||
        Object.prototype.hasOwnProperty.call(object, name)) continue;
    const setReal = (value) => {
      delete object[name];
      object[name] = value;
    };
    Object.defineProperty(object, name, {
      get: () => {
        const lib = loader.require(name);
        try {
          Object.defineProperty(object, name, { get: () => lib, set: setReal, configurable: true, enumerable: false });
        } catch {
          // Made non-configurable meanwhile: it stays as it is.
        }
        return lib;
      },
      set: setReal,
      configurable: true,
      enumerable: false,
    });
  }
}

module.exports = {
  Module, runMain: (file) => Module.runMain(file), runEval, makeRequire, checkSyntax, addBuiltinLibsToObject,
};
