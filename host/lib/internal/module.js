'use strict';
// CommonJS modules with node's semantics. Resolution itself is done natively (oxc_resolver).

const utilBinding = binding.util();
const contextify = binding.contextify();
const sourceMaps = binding.sourceMaps();
const moduleWrap = binding.moduleWrap();
const path = require('path');
const { formatTime, setOwnProperty, tryGetCwd } = require('internal/util');
const {
  codedError, invalidArgType, invalidArgValue, validateBoolean, validateObject, validateOneOf, validateString,
} = require('internal/errors');
const { reportToWatchMode } = require('internal/watch_mode/report');
const hooks = require('internal/module_hooks');
const { requireFunctionFor } = require('internal/modules/helpers');
const packageResolution = require('internal/modules/package_resolve');

// Builtins reachable only with the `node:` scheme (listed so in builtinModules).
const schemeOnly = new Set(['sea', 'sqlite', 'test', 'test/reporters']);
// Builtins switched off by a command-line flag (node's --no-experimental-sqlite).
const switchedOff = new Set(internals.getOptionValue('--experimental-sqlite') ? [] : ['sqlite']);
const builtinNames = Object.keys(binding.natives).filter((name) => !name.startsWith('internal/') && !switchedOff.has(name));
// Those reachable only with `node:` are listed last, as node lists them.
const builtinModules = [
  ...builtinNames.filter((name) => !schemeOnly.has(name)),
  ...builtinNames.filter((name) => schemeOnly.has(name)).map((name) => `node:${name}`),
];
// --expose-internals: the internal modules are required by name too (never listed), the
// loader itself aside, as in node.
const exposedInternals = internals.getOptionValue('--expose-internals')
  ? Object.keys(binding.natives).filter((name) => name.startsWith('internal/') && name !== 'internal/bootstrap/realm') : [];
const builtinSet = new Set([...builtinNames.filter((name) => !schemeOnly.has(name)), ...exposedInternals]);
const schemeBuiltinSet = new Set(builtinNames);

function invalidArg(code, message) {
  const err = new TypeError(message);
  err.code = code;
  return err;
}

// (String operations, not a regular expression: require() leaves the RegExp statics alone.)
const withoutNodeScheme = (id) => (id.startsWith('node:') ? id.slice(5) : id);

function isBuiltin(request) {
  if (typeof request !== 'string') return false;
  return request.startsWith('node:') ? schemeBuiltinSet.has(request.slice(5)) : builtinSet.has(request);
}

// Any builtin id, with or without `node:` (as module customization hooks name builtins).
const isBuiltinId = (id) => schemeBuiltinSet.has(id.startsWith('node:') ? id.slice(5) : id);

const kFirstParent = Symbol('kFirstModuleParent');
// What module customization hooks said of a module: its URL, its format and its source.
const kURL = Symbol('kURL');
const kFormat = Symbol('kFormat');
const kSource = Symbol('kModuleSource');
// An ES module require() loads (its CommonJS Module while it loads is in a cycle if required).
const kRequiredESM = Symbol('kRequiredESM');

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  setOwnProperty(this, 'exports', {});
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this.paths = [];
  this[kFirstParent] = parent;
  // A new module is in no parent's children yet.
  const siblings = parent?.children;
  if (siblings) siblings.push(this);
}

// module.parent: DEP0144 under --pending-deprecation.
const { pendingDeprecate } = require('internal/warning');
// --inspect-brk: the program's first user code (the main module, -e's code) runs through the
// inspector, which pauses it on its first statement; so does a worker's main module when a
// debugger it waited for (NodeWorker's waitForDebuggerOnStart) let it run.
const inspectorBinding = binding.inspector();
const callAndPauseOnStart = internals.getOptionValue('--inspect-brk') ? inspectorBinding.callAndPauseOnStart : undefined;
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
  const paths = [];
  // Each directory from `from` up, by the '/' before its last component, except one that is
  // itself a node_modules.
  for (let end = from.length; end > 0;) {
    const start = from.lastIndexOf('/', end - 1);
    if (end - start - 1 !== 'node_modules'.length || !from.startsWith('node_modules', start + 1)) {
      paths.push(`${from.slice(0, end)}/node_modules`);
    }
    end = start;
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

// DEP0128: a package found by its index file because its "main" names no file (checked
// once per package directory).
const checkedMainFields = new Set();
function warnIfMainFallsBackToIndex(request, filename) {
  if (!path.basename(filename).startsWith('index.') || path.basename(request).startsWith('index')) return;
  const directory = path.dirname(filename);
  if (checkedMainFields.has(directory)) return;
  checkedMainFields.add(directory);
  const manifest = path.join(directory, 'package.json');
  if (binding.statKind(manifest) !== 1) return;
  let main;
  try {
    main = JSON.parse(binding.readFile(manifest)).main;
  } catch {
    return;
  }
  if (typeof main !== 'string' || main === '') return;
  const target = path.resolve(directory, main);
  const candidates = [target, path.join(target, 'index')].flatMap((base) => [base, ...Object.keys(Module._extensions).map((extension) => base + extension)]);
  if (candidates.some((candidate) => binding.statKind(candidate) === 1)) return;
  process.emitWarning(`Invalid 'main' field in '${manifest}' of '${main}'. Please either fix that or report it to the module author`,
    'DeprecationWarning', 'DEP0128');
}

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
function resolveIn(request, directory, preserveSymlinks, conditions) {
  const extensions = registeredExtensions();
  const pathLike = path.isAbsolute(request) || isRelativeRequest(request);
  if (!pathLike && path.basename(directory) === 'node_modules') {
    const found = binding.resolve(request, path.dirname(directory), false, true, conditions);
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
  return binding.resolve(target, '/', false, preserveSymlinks, conditions);
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

// require(`request`) through package.json "exports" or "imports" (node's errors, thrown as
// they are), or undefined when those do not apply.
function resolveThroughPackageFields(request, parent, lookupPaths, preserveSymlinks, conditions) {
  const withoutExports = (specifier, base) => esm.resolvePackageWithoutExports(specifier, base, conditions);
  return packageResolution.resolveForRequire(request, parent?.filename || undefined, lookupPaths,
    { conditions, preserveSymlinks, withoutExports });
}

Module._resolveFilename = function (request, parent, isMain, options) {
  // An unknown `node:` name is not found here (require() itself reports it as unknown).
  if (request.startsWith('node:') && schemeBuiltinSet.has(request.slice(5))) return request;
  if (builtinSet.has(request)) return request;
  const preserveSymlinks = internals.getOptionValue(isMain ? '--preserve-symlinks-main' : '--preserve-symlinks');
  // A resolve hook's conditions (node's internal option).
  const conditions = options?.conditions;
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
  if (request.startsWith('file:')) {
    // A file: URL is no path to require(): node looks it up as a package name, which it cannot be.
    result = failure;
  } else if (Array.isArray(options?.paths)) {
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
    result = resolveThroughPackageFields(request, parent, lookups, preserveSymlinks, conditions);
    for (let i = 0; i < lookups.length && result === undefined; i++) {
      const found = resolveIn(request, path.resolve(lookups[i]), preserveSymlinks, conditions);
      if (settles(found)) result = found;
    }
    result ??= failure;
  } else {
    const directory = parent?.filename ? path.dirname(parent.filename) : tryGetCwd();
    const pathLike = path.isAbsolute(request) || isRelativeRequest(request);
    if (!pathLike) {
      result = resolveThroughPackageFields(request, parent, [...Module._nodeModulePaths(directory), ...modulePaths],
        preserveSymlinks, conditions);
    }
    result ??= pathLike ? resolveIn(request, directory, preserveSymlinks, conditions)
      : binding.resolve(request, directory, false, preserveSymlinks, conditions);
    if (!settles(result) && !pathLike) {
      for (let i = 0; i < modulePaths.length; i++) {
        result = resolveIn(request, path.resolve(modulePaths[i]), preserveSymlinks, conditions);
        if (settles(result)) break;
      }
    }
  }
  if (typeof result === 'string') {
    warnIfMainFallsBackToIndex(request, result);
    return result;
  }
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

function unknownBuiltin(request) {
  return codedError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${request}`);
}

Module._load = function (request, parent, isMain) {
  if (parent?.[kRequiresThroughHooksThread]) return loadThroughHooksThread(request, parent);
  if (hooks.hasResolveHooks() || hooks.hasLoadHooks()) return loadCustomized(request, parent, isMain);
  if (request.startsWith('node:') && !schemeBuiltinSet.has(request.slice(5))) throw unknownBuiltin(request);
  // require.cache can stand in for a builtin named without `node:`.
  if (!request.startsWith('node:') && builtinSet.has(request) && Module._cache[request] !== undefined) {
    return Module._cache[request].exports;
  }
  if (isBuiltin(request) && !(request.startsWith('./') || request.startsWith('/'))) {
    return internals.requireBuiltin(withoutNodeScheme(Module._resolveFilename(request, parent)));
  }
  return loadFile(Module._resolveFilename(request, parent, isMain), parent, isMain);
};

// The conditions resolve hooks see for require().
const requireConditions = ['require', 'node', ...(binding.permission().addonsEnabled() ? ['node-addons'] : []), 'module-sync', ...(internals.getOptionValue('--conditions') ?? [])];

// require()'s resolution through the resolve hooks: { url, format, filename }, the file name
// (or builtin id) being what the URL names. `options`: require.resolve()'s.
function resolveCustomized(request, parent, isMain, options) {
  if (parent && parent[kURL] === undefined && parent.filename) parent[kURL] = hooks.filenameToURL(parent.filename, isBuiltinId);
  const defaultResolve = (specifier, context) => {
    const conditions = hooks.customConditions(context, requireConditions);
    // require() takes a `node:` request as it is (require.resolve() checks it as any other).
    if (options === undefined && specifier.startsWith('node:')) {
      if (!schemeBuiltinSet.has(specifier.slice(5))) throw unknownBuiltin(specifier);
      return { __proto__: null, url: specifier, format: 'builtin' };
    }
    const filename = Module._resolveFilename(specifier, parent, isMain, { paths: options?.paths, conditions });
    return { __proto__: null, url: hooks.filenameToURL(filename, isBuiltinId), format: undefined };
  };
  const { url, format } = hooks.resolveWithHooks(request, parent?.[kURL], undefined, requireConditions, defaultResolve);
  return { url, format, filename: hooks.urlToFilename(url, isBuiltinId) };
}

// require() with module customization hooks registered.
function loadCustomized(request, parent, isMain) {
  const { url, format, filename } = resolveCustomized(request, parent, isMain);
  // A `node:` request loads its builtin before require.cache is looked at.
  const schemeRequest = request === url && request.startsWith('node:') && schemeBuiltinSet.has(request.slice(5));
  if (!schemeRequest) {
    const cached = cachedExports(filename, parent);
    if (cached !== undefined) return cached.exports;
  }
  if (schemeRequest || builtinSet.has(filename)) {
    const id = schemeRequest ? request.slice(5) : filename;
    const loaded = loadBuiltinCustomized(id, url ?? `node:${id}`, format);
    // Unless a load hook made it a module of another format.
    if (loaded.format === undefined) return loaded.exports;
    return loadFile(filename, parent, isMain, { url, format: loaded.format, source: loaded.source });
  }
  return loadFile(filename, parent, isMain, { url, format, source: undefined });
}

// A builtin through the load hooks, which see no source for it: { exports }, or
// { format, source } when a hook gave it another format.
function loadBuiltinCustomized(id, url, format) {
  if (hooks.hasLoadHooks()) {
    const result = hooks.loadWithHooks(url, format || 'builtin', undefined, requireConditions, defaultLoadFor(url, id));
    if (result.format && result.format !== 'builtin') return { format: result.format, source: result.source };
  }
  return { exports: internals.requireBuiltin(id), format: undefined };
}

// The last step of require()'s load hooks: the file's text (a builtin has none).
function defaultLoadFor(url, filename) {
  return function defaultLoad(urlFromHook, context) {
    const file = urlFromHook === url ? filename : hooks.urlToFilename(urlFromHook, isBuiltinId);
    switch (context.format) {
      case undefined:
      case null:
      case 'module':
      case 'commonjs':
      case 'json':
      case 'module-typescript':
      case 'commonjs-typescript':
      case 'typescript':
        return { source: require('fs').readFileSync(file, 'utf8'), format: context.format };
      case 'builtin':
        return { source: null, format: context.format };
      default:
        throw codedError(RangeError, 'ERR_UNKNOWN_MODULE_FORMAT',
          `Unknown module format: ${context.format} for URL ${hooks.filenameToURL(file, isBuiltinId)}`);
    }
  };
}

// The cached module for `filename` (recorded as `parent`'s child), if any: { exports }.
function cachedExports(filename, parent) {
  const cached = Module._cache[filename];
  if (cached === undefined) return undefined;
  if (cached[kRequiredESM] && !cached.loaded) {
    const from = cached[kFirstParent]?.filename ? ` (from ${cached[kFirstParent].filename})` : '';
    throw codedError(Error, 'ERR_REQUIRE_CYCLE_MODULE', `Cannot require() ES Module ${filename} in a cycle.${from}`);
  }
  if (parent && !parent.children.includes(cached)) parent.children.push(cached);
  return { exports: cached.loaded ? cached.exports : exportsForCircularRequire(cached) };
}

// Loads the module file `filename` (unless cached). `customized`: what module customization
// hooks said of it ({ url, format, source }); a source given bypasses the cache.
function loadFile(filename, parent, isMain, customized) {
  reportToWatchMode('require', filename);
  if (customized?.source === undefined) {
    const cached = cachedExports(filename, parent);
    if (cached !== undefined) return cached.exports;
  }
  const module = new Module(filename, parent);
  if (customized !== undefined) {
    module[kURL] = customized.url;
    module[kFormat] = customized.format;
    module[kSource] = customized.source;
    if (customized.throughHooksThread) module[kRequiresThroughHooksThread] = true;
  }
  if (isMain) {
    process.mainModule = module;
    module.id = '.';
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
    if (exportsWithCircularWarning.has(module.exports)) {
      exportsWithCircularWarning.delete(module.exports);
      if (Object.getPrototypeOf(module.exports) === circularRequireWarning) Object.setPrototypeOf(module.exports, Object.prototype);
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
}

// A CommonJS module imported with module customization hooks registered: the ES module
// loader already resolved and loaded it, and `source` is what its load hooks gave.
// `fromHooksThread`: module.register() hooks gave the source.
function loadImportedCommonJS(url, filename, source, fromHooksThread) {
  const cached = cachedExports(filename, undefined);
  if (cached !== undefined) return cached.exports;
  const throughHooksThread = fromHooksThread && source != null;
  return loadFile(filename, undefined, false, { url, format: 'commonjs', source: source ?? undefined, throughHooksThread });
}

// A CommonJS module whose source module.register() load hooks gave requires through them,
// as in node: its require() and require.resolve() ask the hooks thread.
const kRequiresThroughHooksThread = Symbol('kRequiresThroughHooksThread');

// `request` as the hooks see it: a file the CommonJS resolver finds as its URL (with its
// path), a builtin as it was asked for.
function requestForHooksThread(request, parent) {
  if (request.startsWith('node:')) return { specifier: request, filename: undefined };
  // (registerHooks() resolve hooks have their say first.)
  if (hooks.hasResolveHooks()) {
    const { url, filename } = resolveCustomized(request, parent, false);
    return { specifier: url, filename: isBuiltinId(filename) ? undefined : filename };
  }
  const filename = Module._resolveFilename(request, parent);
  return { specifier: filename === request && isBuiltinId(request) ? request : require('url').pathToFileURL(filename).href, filename };
}

function resolveThroughHooksThread(specifier, parent, importAttributes = {}) {
  if (parent[kURL] === undefined) parent[kURL] = hooks.filenameToURL(parent.filename, isBuiltinId);
  return asyncModuleHooks.activeHooksThread().resolve(specifier, { parentURL: parent[kURL], importAttributes });
}

function loadThroughHooksThread(request, parent) {
  const { specifier, filename: found } = requestForHooksThread(request, parent);
  // An addon loads as it does without hooks; a JSON file is imported as JSON.
  if (found !== undefined && path.extname(found) === '.node') return loadFile(found, parent, false);
  const importAttributes = found !== undefined && path.extname(found) === '.json' ? { type: 'json' } : {};
  const { url, format: resolvedFormat } = resolveThroughHooksThread(specifier, parent, importAttributes);
  const filename = hooks.urlToFilename(url, isBuiltinId);
  const cached = cachedExports(filename, parent);
  if (cached !== undefined) return cached.exports;
  const thread = asyncModuleHooks.activeHooksThread();
  const { format, source } = thread.load(url, { format: resolvedFormat, importAttributes });
  if (format === 'builtin') return internals.requireBuiltin(withoutNodeScheme(url));
  // CommonJS without a source: the CommonJS loader reads the file.
  if (source == null) return loadFile(filename, parent, false);
  const text = typeof source === 'string' ? source : new TextDecoder().decode(source);
  return loadFile(filename, parent, false, { url, format, source: text, throughHooksThread: format === 'commonjs' });
}

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

// The exports given the warning prototype, checked without touching exports that a module
// replaced (a Proxy's traps must not run).
const exportsWithCircularWarning = new WeakSet();

function exportsForCircularRequire(module) {
  const exports = module.exports;
  if (exports !== null && typeof exports === 'object' && utilBinding.kind(exports) !== 'proxy' &&
      Object.getPrototypeOf(exports) === Object.prototype && !exports.__esModule) {
    Object.setPrototypeOf(exports, circularRequireWarning);
    exportsWithCircularWarning.add(exports);
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
  const ownHandler = Module._extensions[extension] === ownExtensions[extension] || Module._extensions[extension] === undefined;
  if (ownHandler && extension !== '.node' &&
      (hooks.hasLoadHooks() || this[kFormat] !== undefined || this[kSource] !== undefined)) {
    loadWithFormat(this, filename, extension);
  } else {
    (Module._extensions[extension] ?? internalLoaders[extension])(this, filename);
  }
  this.loaded = true;
};

// The format node gives a file by its name, before the load hooks see it.
function formatOfFile(filename, extension) {
  if (extension === '.json') return 'json';
  if (filename.endsWith('.cjs')) return 'commonjs';
  if (filename.endsWith('.mjs')) return 'module';
  if (filename.endsWith('.js')) return esm.packageScope(filename).type;
  if (!esm.stripTypesEnabled) return undefined;
  if (filename.endsWith('.mts')) return 'module-typescript';
  if (filename.endsWith('.cts')) return 'commonjs-typescript';
  if (filename.endsWith('.ts')) {
    const { type } = esm.packageScope(filename);
    return type === undefined ? 'typescript' : `${type}-typescript`;
  }
  return undefined;
}

// A module loaded through the load hooks (or with what the resolve hooks said of it): its
// source from them, compiled as the format they gave.
function loadWithFormat(module, filename, extension) {
  const resolvedFormat = module[kFormat];
  module[kFormat] ??= formatOfFile(filename, extension);
  let { source, format } = loadSource(module, filename);
  // The format the resolve hooks gave picks the loader; else the file's extension does.
  if (resolvedFormat === 'json' || (resolvedFormat === undefined && extension === '.json')) {
    try {
      module.exports = JSON.parse(source.charCodeAt(0) === 0xFEFF ? source.slice(1) : source);
    } catch (err) {
      err.message = `${filename}: ${err.message}`;
      throw err;
    }
    return;
  }
  if (format === 'module-typescript' || format === 'commonjs-typescript' || format === 'typescript') {
    source = esm.stripTypes(source, filename, hooks.filenameToURL(filename, isBuiltinId));
    format = format === 'typescript' ? undefined : format.slice(0, -'-typescript'.length);
  }
  if (format === 'module') {
    loadESMFromCJS(module, filename, source);
    return;
  }
  module._compile(source, filename, format === 'commonjs' ? 'commonjs' : undefined);
}

// The module's source and format through the load hooks (once: a source the hooks gave is kept).
function loadSource(module, filename) {
  if (module[kSource] === undefined) {
    if (module[kURL] === undefined) module[kURL] = hooks.filenameToURL(filename, isBuiltinId);
    const result = hooks.loadWithHooks(module[kURL], module[kFormat], undefined, requireConditions,
      defaultLoadFor(module[kURL], filename));
    if (result.format !== undefined) module[kFormat] = result.format;
    module[kSource] = result.source;
  }
  return { source: module[kSource], format: module[kFormat] };
}

// Module._load, timed for NODE_DEBUG=module_timer (`MODULE_TIMER pid [parent id] [request]:
// time`) and the node.module_timer trace events (a begin and an end for each load).
const traceBinding = binding.traceEvents();
const kModuleTimerCategory = 'node,node.module_timer';
let moduleTimerLog;
function wrapModuleLoad(request, parent, isMain) {
  moduleTimerLog ??= require('util').debuglog('module_timer');
  const logging = moduleTimerLog.enabled;
  const tracing = traceBinding.isTraceCategoryEnabled(kModuleTimerCategory);
  if (!logging && !tracing) return Module._load(request, parent, isMain);
  const traceLabel = `require('${request}')`;
  if (tracing) traceBinding.trace('b'.charCodeAt(0), kModuleTimerCategory, traceLabel, 0);
  const start = process.hrtime.bigint();
  try {
    return Module._load(request, parent, isMain);
  } finally {
    if (logging) {
      const elapsed = formatTime(Number(process.hrtime.bigint() - start) / 1e6);
      process.stderr.write(`MODULE_TIMER ${process.pid} [${parent?.id || ''}] [${request}]: ${elapsed}\n`);
    }
    if (tracing) traceBinding.trace('e'.charCodeAt(0), kModuleTimerCategory, traceLabel, 0);
  }
}

// Made once, as node's loader does (tracingChannel() names and looks up its five channels).
let requireTracing;
Module.prototype.require = function (id) {
  if (typeof id !== 'string') {
    throw invalidArgType('id', 'of type string', id);
  }
  if (id === '') {
    throw invalidArg('ERR_INVALID_ARG_VALUE', "The argument 'id' must be a non-empty string. Received ''");
  }
  requireTracing ??= require('diagnostics_channel').tracingChannel('module.require');
  if (!requireTracing.hasSubscribers) return wrapModuleLoad(id, this, false);
  return requireTracing.traceSync(wrapModuleLoad, { __proto__: null, parentFilename: this.filename, id }, Module, id, this, false);
};

const esm = require('internal/esm');
const { wrapperParams } = esm;
const sourceMapCache = require('internal/source_map/source_map_cache');

// `format`: 'commonjs' compiles the code as CommonJS only; 'module' runs it as an ES module;
// anything else (undefined) detects ES module syntax in code that fails as CommonJS.
Module.prototype._compile = function (content, filename, format) {
  let compiled;
  if (format !== 'module') {
    try {
      compiled = wrapperPatched ? contextify.runScript(Module.wrap(esm.withoutHashbang(content)), filename)
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
    loadESMFromCJS(this, filename, content);
    return;
  }
  sourceMapCache.maybeCacheSourceMap(filename, content, sourceMaps.functionSourceMappingURL(compiled), this);
  const dirname = path.dirname(filename);
  if (this.id === '.' && (callAndPauseOnStart !== undefined || inspectorBinding.breaksOnStart())) {
    return inspectorBinding.callAndPauseOnStart(compiled, this.exports, this.exports, makeRequire(this), this, filename, dirname);
  }
  return compiled.call(this.exports, this.exports, makeRequire(this), this, filename, dirname);
};

// ERR_REQUIRE_ESM (--no-experimental-require-module): what to change, for an .mjs file, a .js
// file with module syntax, or one an ES module only by its package's "type": "module".
function requireOfESM(filename, parentFilename) {
  let message = `require() of ES Module ${filename}${parentFilename ? ` from ${parentFilename}` : ''} not supported.`;
  const { type, manifest } = esm.packageScope(filename);
  if (filename.endsWith('.mjs') || type !== 'module' || !manifest) {
    message += `\nInstead change the require of ${filename} to a dynamic import() which is available in all CommonJS modules.`;
    return codedError(Error, 'ERR_REQUIRE_ESM', message);
  }
  const name = parentFilename && path.basename(filename) === path.basename(parentFilename) ? filename : path.basename(filename);
  if (esm.containsModuleSyntax(binding.readFile(filename), filename)) {
    message += `\nInstead change the require of ${name} in ${parentFilename} to a dynamic import() which is available in all ` +
      'CommonJS modules.';
  } else {
    message += `\n${name} is treated as an ES module file as it is a .js file whose nearest parent package.json contains ` +
      '"type": "module" which declares all .js files in that package scope as ES modules.\nInstead either rename ' +
      `${name} to end in .cjs, change the requiring code to use dynamic import() which is available in all CommonJS ` +
      `modules, or change "type": "module" to "type": "commonjs" in ${manifest} to treat all .js files as CommonJS (using ` +
      '.mjs for all ES modules instead).\n';
  }
  return codedError(Error, 'ERR_REQUIRE_ESM', message);
}

// --trace-require-module: the first require() of an ES module (with `no-node-modules`, from
// a module outside node_modules) is reported as experimental.
function traceRequireModule(parent, filename) {
  const trace = internals.getOptionValue('--trace-require-module');
  if (!trace) return;
  if (trace === 'no-node-modules' && parent?.filename?.split(/[\\/]/).includes('node_modules')) return;
  const prefix = parent?.filename ? `CommonJS module ${parent.filename} is loading ES Module ${filename} using require().\n` : '';
  // The trace starts at the require() call (frames from Module.prototype.require on left out).
  require('internal/warning').emitExperimentalWarning('Support for loading ES Module in require()', prefix, parent?.require);
}

// An ES module reached through the CommonJS loader: the main module runs through the ES
// module loader; require() gets its namespace (or its 'module.exports' export).
function loadESMFromCJS(module, filename, source) {
  if (module.id === '.') {
    process.mainModule = undefined;
    esm.runMainModule(filename);
    return;
  }
  if (!esm.requireModuleEnabled) throw requireOfESM(filename, module.parent?.filename);
  traceRequireModule(module.parent, filename);
  module[kRequiredESM] = true;
  module.exports = esm.requireModule(filename, module.parent, module[kURL] === undefined ? undefined : { url: module[kURL], source });
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
  if (format === 'module') {
    loadESMFromCJS(module, filename);
    return;
  }
  module._compile(esm.stripTypes(binding.readFile(filename), filename, require('url').pathToFileURL(filename).href), filename, format);
}

if (esm.stripTypesEnabled) {
  internalLoaders['.cts'] = (module, filename) => loadTypeScript(module, filename, 'commonjs');
  internalLoaders['.mts'] = (module, filename) => loadTypeScript(module, filename, 'module');
  internalLoaders['.ts'] = (module, filename) => loadTypeScript(module, filename, esm.packageScope(filename).type);
}

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
  const require = requireFunctionFor(module);
  setOwnProperty(require, 'resolve', function resolve(request, options) {
    if (typeof request !== 'string') {
      throw invalidArgType('request', 'of type string', request);
    }
    if (module[kRequiresThroughHooksThread]) {
      const { specifier } = requestForHooksThread(request, module);
      return hooks.urlToFilename(resolveThroughHooksThread(specifier, module).url, isBuiltinId);
    }
    if (hooks.hasResolveHooks()) {
      // A `node:` request that stays itself is answered as it was asked.
      const { url, filename } = resolveCustomized(request, module, false, options ?? {});
      return url === request && request.startsWith('node:') ? request : filename;
    }
    return Module._resolveFilename(request, module, false, options);
  });
  // (Node's require for a module whose source module.register() hooks gave has no paths().)
  if (!module[kRequiresThroughHooksThread]) setOwnProperty(require.resolve, 'paths', function paths(request) {
    if (typeof request !== 'string') {
      throw invalidArgType('request', 'of type string', request);
    }
    return Module._resolveLookupPaths(request, module);
  });
  setOwnProperty(require, 'main', process.mainModule);
  setOwnProperty(require, 'extensions', Module._extensions);
  setOwnProperty(require, 'cache', Module._cache);
  return require;
}

Module.createRequire = function (given) {
  let filename = given;
  let url;
  if (filename instanceof URL || (typeof filename === 'string' && !path.isAbsolute(filename))) {
    try {
      filename = require('url').fileURLToPath(given);
      url = `${given}`;
    } catch {
      filename = undefined;
    }
  }
  if (typeof filename !== 'string') {
    throw invalidArgValue('filename', given, 'must be a file URL object, file URL string, or absolute path string');
  }
  // A path ending in a separator names a directory: requests resolve as from a file inside it.
  if (filename.endsWith('/')) filename = path.join(filename, 'noop.js');
  const module = new Module(filename);
  module.filename = filename;
  module.paths = Module._nodeModulePaths(path.dirname(filename));
  // Resolve hooks see the URL it was given as the parent's.
  module[kURL] = url;
  return makeRequire(module);
};

Module.syncBuiltinESMExports = esm.syncBuiltinESMExports;
Module.findPackageJSON = esm.findPackageJSON;
Module.findSourceMap = sourceMapCache.findSourceMap;
Module.getSourceMapsSupport = sourceMapCache.getSourceMapsSupport;
Module.setSourceMapsSupport = sourceMapCache.setSourceMapsSupport;
Module.SourceMap = require('internal/source_map/source_map').SourceMap;
Module.registerHooks = hooks.registerHooks;
// module.stripTypeScriptTypes(code, { mode, sourceMap, sourceUrl }): TypeScript made
// JavaScript, as the loader makes a .ts file's.
Module.stripTypeScriptTypes = function stripTypeScriptTypes(code, options = {}) {
  require('internal/warning').emitExperimentalWarning('stripTypeScriptTypes');
  validateString(code, 'code');
  validateObject(options, 'options');
  const { mode = 'strip', sourceMap = false, sourceUrl = '' } = options;
  validateOneOf(mode, 'options.mode', ['strip', 'transform']);
  validateBoolean(sourceMap, 'options.sourceMap');
  validateString(sourceUrl, 'options.sourceUrl');
  if (mode === 'strip') validateOneOf(sourceMap, 'options.sourceMap', [false, undefined]);
  return esm.transpileTypeScript(code, { mode, sourceMap, filename: sourceUrl, display: sourceUrl });
};
const asyncModuleHooks = require('internal/async_module_hooks');
Module.register = asyncModuleHooks.register;
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
  // --entry-url: the entry point is a URL (relative to the working directory's).
  if (internals.getOptionValue('--entry-url')) {
    require('internal/warning').emitExperimentalWarning('--entry-url');
    const { URL, pathToFileURL } = require('url');
    esm.runEntryURL(new URL(file, pathToFileURL(path.join(tryGetCwd(), '/'))).href);
    return;
  }
  // With module.register() hooks, the ES module loader runs the entry point through them
  // (which may resolve a path that names no file).
  const customized = asyncModuleHooks.activeHooksThread() !== undefined;
  let filename;
  try {
    filename = Module._resolveFilename(path.resolve(file), null, true);
  } catch (err) {
    if (!customized || err?.code !== 'MODULE_NOT_FOUND') throw err;
    filename = path.resolve(file);
  }
  if (customized || isModuleFile(filename)) {
    esm.runMainModule(filename);
    return;
  }
  wrapModuleLoad(filename, null, true);
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
    moduleWrap.moduleCompile(code, filename);
    return;
  }
  try {
    binding.compileFunction(code.startsWith('#!') ? `//${code.slice(2)}` : code, filename, wrapperParams);
  } catch (err) {
    // A file of no declared type is checked as what syntax detection makes it.
    const typeless = file !== undefined && !filename.endsWith('.cjs') && esm.packageScope(filename).type === undefined;
    if (!typeless || !esm.shouldRetryAsESM(err, code)) throw err;
    moduleWrap.moduleCompile(code, filename);
  }
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

// The handlers node's own extensions start with: a replaced one is the program's to run.
const ownExtensions = { ...Module._extensions };

module.exports = {
  Module, loadImportedCommonJS, runMain: (file) => Module.runMain(file), makeRequire, checkSyntax, addBuiltinLibsToObject,
};
