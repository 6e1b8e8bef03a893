'use strict';
// mock.module() (--experimental-test-module-mocks): a module's exports replaced, for require()
// and import alike, until the mock is restored.
// - import: module hooks (registerHooks) resolve a mocked module's URL with a
//   `node-test-mock=<version>` search parameter and load, for it, a module whose exports are
//   the mock's. Without `cache`, each import resolves to a new version (ES modules cannot be
//   taken out of their cache).
// - require(): Module._load answers a mocked module's resolved file name (or `node:` id) with
//   the mock's exports; its cache entry is set aside while the mock lasts.

const { codedError, invalidArgType, invalidArgValue } = require('internal/errors');
const { fileURLToPath, pathToFileURL } = require('url');

const kMockSearchParam = 'node-test-mock';
const kBadExportsMessage = 'Cannot create mock because named exports cannot be applied to the provided default export.';
const kSupportedFormats = ['builtin', 'commonjs-typescript', 'commonjs', 'json', 'module-typescript', 'module'];

// By base URL: what the module hooks know of each module mocked (now or before).
const mocks = new Map();
// By base URL: the exports of the active mocks, read by the modules the load hook makes.
const mockExports = new Map();
// By base URL and by file name (or `node:` id): the active mocks' settings for require().
const mockMap = new Map();
let installed = false;

function ensureNodeScheme(specifier) {
  return specifier.startsWith('node:') ? specifier : `node:${specifier}`;
}

function resolveHook(specifier, context, nextResolve) {
  const result = nextResolve(specifier, context);
  const mock = mocks.get(result.url);
  if (mock?.active !== true) return result;
  const url = new URL(result.url);
  url.searchParams.set(kMockSearchParam, mock.localVersion);
  if (!mock.cache) mock.localVersion++;
  return { __proto__: null, url: url.href, format: result.format, shortCircuit: true };
}

function loadHook(url, context, nextLoad) {
  const parsed = URL.parse(url);
  parsed?.searchParams.delete(kMockSearchParam);
  const mock = mocks.get(parsed ? parsed.href : url);
  const original = nextLoad(url, context);
  if (mock?.active !== true) return original;
  // A builtin cannot be replaced by a hook: its mock is CommonJS; JSON's is an ES module.
  let format = original.format;
  if (format === 'builtin' || format === 'commonjs-sync' || format === 'require-commonjs') format = 'commonjs';
  else if (format === 'json') format = 'module';
  return { __proto__: null, format, shortCircuit: true, source: mockSource(mock, format) };
}

// The source of the module standing for a mock: its exports read from mockExports.
function mockSource({ url, exportNames, hasDefaultExport }, format) {
  const esm = format === 'module' || format === 'module-typescript';
  const key = JSON.stringify(url);
  const lines = [
    esm ? "import $__test from 'node:test';" : "const $__test = require('node:test');",
    `if (!$__test.mock._mockExports.has(${key})) {`,
    `  throw new Error(${JSON.stringify(`mock exports not found for "${url}"`)});`,
    '}',
    `const $__exports = $__test.mock._mockExports.get(${key});`,
  ];
  if (hasDefaultExport) lines.push(esm ? 'export default $__exports.moduleExports.default;' : 'module.exports = $__exports.moduleExports.default;');
  if (!esm && exportNames.length > 0) {
    lines.push("if (module.exports === null || typeof module.exports !== 'object') {",
      `  throw new Error(${JSON.stringify(kBadExportsMessage)});`, '}');
  }
  for (const name of exportNames) {
    const value = `$__exports.moduleExports[${JSON.stringify(name)}]`;
    lines.push(esm ? `export let ${name} = ${value};` : `module.exports[${JSON.stringify(name)}] = ${value};`);
  }
  return `${lines.join('\n')}\n`;
}

// require() of a mocked module: the mock's exports (the default export, given the named ones).
function mockedLoad(load, request, parent, isMain) {
  const { Module } = require('internal/module');
  // An imported mock's URL may come back here with the mock's parameter: without it, it is
  // the request the resolver knows.
  const parsed = URL.parse(request);
  if (parsed?.searchParams.has(kMockSearchParam)) {
    parsed.searchParams.delete(kMockSearchParam);
    request = parsed.href;
  }
  const resolved = Module.isBuiltin(request) ? ensureNodeScheme(request) : Module._resolveFilename(request, parent, isMain);
  const config = mockMap.get(resolved);
  if (config === undefined) return Reflect.apply(load, Module, [request, parent, isMain]);
  const { cache, caller, moduleExports } = config;
  // Cached, the mock's exports are what the first require() made.
  if (cache && Module._cache[resolved]) return Module._cache[resolved].exports;
  const exports = 'default' in moduleExports ? moduleExports.default : {};
  const exportNames = Object.keys(moduleExports).filter((name) => name !== 'default');
  if ((typeof exports !== 'object' || exports === null) && exportNames.length > 0) throw new Error(kBadExportsMessage);
  for (const name of exportNames) Object.defineProperty(exports, name, Object.getOwnPropertyDescriptor(moduleExports, name));
  if (cache) {
    const entry = new Module(resolved, caller);
    entry.exports = exports;
    entry.filename = resolved;
    entry.loaded = true;
    entry.paths = Module._nodeModulePaths(entry.path);
    Module._cache[resolved] = entry;
  }
  return exports;
}

function install() {
  if (installed) return;
  installed = true;
  require('internal/module_hooks').registerHooks({ resolve: resolveHook, load: loadHook });
  const { Module } = require('internal/module');
  const load = Module._load;
  Module._load = (request, parent, isMain) => mockedLoad(load, request, parent, isMain);
}

const deprecationsWarned = new Set();
function warnDeprecatedOption(options, key, message) {
  if (!(key in options) || deprecationsWarned.has(key)) return;
  deprecationsWarned.add(key);
  process.emitWarning(message, 'DeprecationWarning');
}

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'of type object', value);
}

function copyOwnProperties(from, to) {
  const descriptors = Object.getOwnPropertyDescriptors(from);
  for (const descriptor of Object.values(descriptors)) Object.setPrototypeOf(descriptor, null);
  Object.defineProperties(to, descriptors);
}

// { cache, moduleExports } from mock.module()'s options: `exports`, or the deprecated
// `namedExports` and `defaultExport` (which cannot be mixed with it).
function moduleMockOptions(options) {
  const { cache = false } = options;
  if (typeof cache !== 'boolean') throw invalidArgType('options.cache', 'of type boolean', cache);
  const hasExports = 'exports' in options;
  const hasNamedExports = 'namedExports' in options;
  const hasDefaultExport = 'defaultExport' in options;
  warnDeprecatedOption(options, 'namedExports', 'mock.module(): options.namedExports is deprecated. Use options.exports instead.');
  warnDeprecatedOption(options, 'defaultExport', 'mock.module(): options.defaultExport is deprecated. Use options.exports.default instead.');
  if (hasExports) validateObject(options.exports, 'options.exports');
  if (hasNamedExports) validateObject(options.namedExports, 'options.namedExports');
  if (hasExports && (hasNamedExports || hasDefaultExport)) {
    let reason = "cannot be used with 'options.namedExports'";
    if (hasDefaultExport) {
      reason = hasNamedExports ? "cannot be used with 'options.namedExports' or 'options.defaultExport'" : "cannot be used with 'options.defaultExport'";
    }
    throw invalidArgValue('options.exports', options.exports, reason);
  }
  const moduleExports = { __proto__: null };
  if (hasExports) copyOwnProperties(options.exports, moduleExports);
  if (hasNamedExports) copyOwnProperties(options.namedExports, moduleExports);
  if (hasDefaultExport) {
    Object.defineProperty(moduleExports, 'default', { __proto__: null, ...Object.getOwnPropertyDescriptor(options, 'defaultExport') });
  }
  return { cache, moduleExports };
}

// The file (as a URL) of the code that called `fn`.
function callerURL(fn) {
  const holder = {};
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (_, sites) => sites;
  Error.captureStackTrace(holder, fn);
  const sites = holder.stack;
  Error.prepareStackTrace = previous;
  const filename = Array.isArray(sites) ? sites[0]?.getFileName() : undefined;
  if (filename === undefined || filename === null) return pathToFileURL(`${process.cwd()}/`).href;
  return filename.startsWith('file://') ? filename : pathToFileURL(filename).href;
}

class MockModuleContext {
  #restore;

  constructor({ baseURL, cache, caller, format, fullPath, moduleExports, specifier }) {
    const { Module } = require('internal/module');
    const config = { __proto__: null, cache, moduleExports, caller };
    mockMap.set(baseURL, config);
    mockMap.set(fullPath, config);
    this.#restore = { baseURL, cached: fullPath in Module._cache, fullPath, value: Module._cache[fullPath] };
    const mock = mocks.get(baseURL);
    if (mock?.active) throw codedError(Error, 'ERR_INVALID_STATE', `Invalid state: Cannot mock '${specifier}'. The module is already mocked.`);
    mocks.set(baseURL, {
      __proto__: null,
      url: baseURL,
      cache,
      exportNames: Object.keys(moduleExports).filter((name) => name !== 'default'),
      hasDefaultExport: 'default' in moduleExports,
      format,
      localVersion: mock?.localVersion ?? 0,
      active: true,
    });
    delete Module._cache[fullPath];
    mockExports.set(baseURL, { __proto__: null, moduleExports });
  }

  restore() {
    if (this.#restore === undefined) return;
    const { Module } = require('internal/module');
    const { baseURL, cached, fullPath, value } = this.#restore;
    delete Module._cache[fullPath];
    if (cached) Module._cache[fullPath] = value;
    const mock = mocks.get(baseURL);
    if (mock !== undefined) {
      mock.active = false;
      mock.localVersion++;
    }
    mockMap.delete(baseURL);
    mockMap.delete(fullPath);
    this.#restore = undefined;
  }
}

// mock.module(specifier, options): `specifier` resolved as an import from the caller's file.
function mockModule(specifier, options, caller) {
  require('internal/warning').emitExperimentalWarning('Module mocking');
  if (typeof specifier !== 'string') {
    if (!(specifier instanceof URL)) throw invalidArgType('specifier', 'of type string or an instance of URL', specifier);
    specifier = `${specifier}`;
  }
  validateObject(options, 'options');
  const { cache, moduleExports } = moduleMockOptions(options);
  install();
  require('test').mock._mockExports = mockExports;
  const mockSpecifier = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  const { url, format } = require('internal/esm').resolveRequest(mockSpecifier, caller, {});
  if (format && !kSupportedFormats.includes(format)) {
    throw invalidArgValue('format', format, `must be one of: ${kSupportedFormats.map((name) => `'${name}'`).join(', ')}`);
  }
  const baseURL = URL.parse(url);
  if (baseURL === null) throw invalidArgValue('specifier', specifier, 'cannot compute URL');
  if (baseURL.searchParams.has(kMockSearchParam)) {
    throw codedError(Error, 'ERR_INVALID_STATE', `Invalid state: Cannot mock '${specifier}'. The module is already mocked.`);
  }
  const fullPath = url.startsWith('file://') ? fileURLToPath(url) : null;
  return new MockModuleContext({ baseURL: baseURL.href, cache, caller, format, fullPath, moduleExports, specifier: mockSpecifier });
}

module.exports = { callerURL, mockModule };
