'use strict';
// The ES module loader: resolution with node's ESM rules, formats (module, commonjs, json,
// builtin), the graph walk, dynamic import(), import.meta and require() of ES modules.
// V8 compiles, links and evaluates (runtime/modules.rs); modules are cached by URL.

const moduleWrap = binding.moduleWrap();
const typescriptBinding = binding.typescript();
const processMethods = binding.processMethods();
const utilBinding = binding.util();
const path = require('path');
const { sideEffectFreeRegExp, tryGetCwd } = require('internal/util');
const { URL, fileURLToPath, pathToFileURL } = require('url');

// Lazily: internal/module requires this module.
const cjs = () => require('internal/module');

const { codedError, invalidArgType, validateString } = require('internal/errors');
const { reportToWatchMode } = require('internal/watch_mode/report');
const hooks = require('internal/module_hooks');
const packageResolution = require('internal/modules/package_resolve');

// ---- resolution ----

function parentPath(parentURL) {
  return parentURL.startsWith('file:') ? fileURLToPath(parentURL) : parentURL;
}

// `conditions`: a resolve hook's, instead of import's.
// `builtins` false: no built-in modules (a ShadowRealm's loader).
function resolve(specifier, parentURL, conditions, builtins = true) {
  if (specifier.startsWith('node:')) {
    if (builtins && cjs().Module.isBuiltin(specifier)) return specifier;
    throw codedError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${specifier}`);
  }
  if (builtins && cjs().Module.isBuiltin(specifier)) return `node:${specifier}`;
  let url;
  if (specifier.startsWith('/') || specifier.startsWith('./') || specifier.startsWith('../') ||
      specifier === '.' || specifier === '..') {
    if (!URL.canParse(specifier, parentURL)) throw unsupportedResolveRequest(specifier, parentURL);
    url = new URL(specifier, parentURL);
  } else if (hasURLScheme(specifier)) {
    url = new URL(specifier);
  } else if (parentURL.startsWith('data:')) {
    // (A data: URL has no folder to look for packages from.)
    throw unsupportedResolveRequest(specifier, parentURL);
  } else if (!parentURL.startsWith('file:')) {
    // (Nor has a URL of another scheme: node reports it as no file URL.)
    const err = codedError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
    err.input = parentURL;
    throw err;
  } else {
    return resolvePackage(specifier, parentURL, conditions, builtins);
  }
  // A URL of another scheme resolves as it is: loading it is what the default loader refuses
  // (a load hook may load it).
  if (url.protocol !== 'file:') return url.href;
  // The entry point resolves from itself (or, through resolve hooks, from no parent).
  const isMain = specifier === mainURL && (parentURL === undefined || parentURL === mainURL);
  return finalizeResolution(specifier, url, parentURL, isMain);
}

// The file `url` names, exactly: no extensions tried, no directory index (node's
// finalizeResolution).
function finalizeResolution(specifier, url, parentURL, isMain = false) {
  // Own properties (an accessor on Object.prototype is never called).
  const withProperty = (err, key, value) => Object.defineProperty(err, key, { value, writable: true, enumerable: true, configurable: true });
  if (/%2f|%5c/i.test(url.pathname)) {
    throw codedError(TypeError, 'ERR_INVALID_MODULE_SPECIFIER',
      `Invalid module "${url.pathname}" must not include encoded "/" or "\\" characters imported from ${parentPath(parentURL)}`);
  }
  let filename;
  try {
    filename = fileURLToPath(url);
  } catch (err) {
    // (A file: URL with a host: the error names the URL and the module importing it.)
    withProperty(err, 'input', url.href);
    throw withProperty(err, 'module', parentURL);
  }
  // A path ending in '/' is a directory import whether or not it exists (node stats its
  // last character, '/').
  const kind = filename.endsWith('/') ? 2 : binding.statKind(filename);
  const withURL = (err) => withProperty(err, 'url', url.href);
  if (kind === 2) {
    throw withURL(codedError(Error, 'ERR_UNSUPPORTED_DIR_IMPORT', `Directory import '${filename}' is not supported resolving ` +
      `ES modules imported from ${parentPath(parentURL)}${commonJSHint(specifier, filename, parentURL)}`));
  }
  if (kind !== 1) {
    throw withURL(codedError(Error, 'ERR_MODULE_NOT_FOUND', `Cannot find module '${filename}' imported from ` +
      `${parentPath(parentURL)}${commonJSHint(specifier, filename, parentURL)}`));
  }
  if (internals.getOptionValue(isMain ? '--preserve-symlinks-main' : '--preserve-symlinks')) return url.href;
  const real = pathToFileURL(binding.realpath(filename));
  real.search = url.search;
  real.hash = url.hash;
  return real.href;
}

// Whether `specifier` starts with a URL scheme (a letter, then letters, digits, '+', '-' or
// '.', then ':'), read without a regular expression: resolution leaves the RegExp statics alone.
function hasURLScheme(specifier) {
  const isLetter = (code) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (!isLetter(specifier.charCodeAt(0))) return false;
  for (let i = 1; i < specifier.length; i++) {
    const code = specifier.charCodeAt(i);
    if (code === 0x3a) return true;
    if (!isLetter(code) && !(code >= 0x30 && code <= 0x39) && code !== 0x2b && code !== 0x2d && code !== 0x2e) return false;
  }
  return false;
}

function unsupportedResolveRequest(specifier, parentURL) {
  return codedError(TypeError, 'ERR_UNSUPPORTED_RESOLVE_REQUEST', `Failed to resolve module specifier "${specifier}" from ` +
    `"${parentURL}": Invalid relative URL or base scheme is not hierarchical.`);
}

function unsupportedScheme(url) {
  const schemes = url.protocol === 'http:' || url.protocol === 'https:' ? 'file and data' : 'file, data, and node';
  return codedError(Error, 'ERR_UNSUPPORTED_ESM_URL_SCHEME',
    `Only URLs with a scheme in: ${schemes} are supported by the default ESM loader. Received protocol '${url.protocol}'`);
}

// The folder a module at a file: URL resolves from (a directory URL, the --import preloads'
// parent, is its own).
const folderOf = (parentURL) => (parentURL.endsWith('/') ? fileURLToPath(parentURL) : path.dirname(fileURLToPath(parentURL)));

// Node's hint when require() would have found the file: `Did you mean to import "./x.js"?`,
// relative for a relative specifier, by package name for a bare one (URL-encoded), else the
// file's URL. `filename`: the file a URL specifier names.
function commonJSHint(specifier, filename, parentURL) {
  const relative = specifier.startsWith('./') || specifier.startsWith('../');
  const bare = !relative && !specifier.startsWith('/') && !hasURLScheme(specifier);
  if ((relative || bare) && !parentURL.startsWith('file:')) return '';
  const from = parentURL.startsWith('file:') && folderOf(parentURL);
  // (require() finds a `#` specifier in node_modules only: node's hint has no importing file.)
  const found = bare && specifier[0] !== '#' ? resolveAsCommonJS(specifier, parentURL)
    : binding.resolve(relative || bare ? specifier : filename, relative || bare ? from : '/', false);
  // (Nor is there a hint when it finds a built-in module, as in a ShadowRealm's resolution.)
  if (typeof found !== 'string' || !path.isAbsolute(found)) return '';
  // Each segment as a URL path has it (`%` as %25, ` ` as %20, `#` as %23).
  const encoded = (relativePath) => relativePath.split('/')
    .map((segment) => (segment === '..' ? segment : pathToFileURL(`/${segment}`).pathname.slice(1))).join('/');
  let hint = found;
  if (relative) {
    hint = encoded(path.relative(from, found));
    if (!hint.startsWith('../')) hint = `./${hint}`;
  } else if (bare) {
    const name = packageNameOf(specifier, parentURL);
    const inPackage = found.lastIndexOf(`/node_modules/${name}/`);
    hint = inPackage === -1 ? pathToFileURL(found).href
      : `${name}/${encoded(found.slice(inPackage + `/node_modules/${name}/`.length))}`;
  }
  return `\nDid you mean to import ${JSON.stringify(hint)}?`;
}

// What require() of a bare `specifier` from the module at `parentURL` finds (package
// "exports" included), if anything.
function resolveAsCommonJS(specifier, parentURL) {
  const { Module } = cjs();
  const parent = new Module(fileURLToPath(parentURL), null);
  parent.filename = parent.id;
  parent.paths = Module._nodeModulePaths(path.dirname(parent.id));
  try {
    return Module._resolveFilename(specifier, parent, false);
  } catch {
    return undefined;
  }
}

// A bare specifier's package name: `name` or `@scope/name`, up to the next '/'.
function packageNameOf(specifier, parentURL) {
  let separator = specifier.indexOf('/');
  let valid = true;
  if (specifier[0] === '@') {
    if (separator === -1 || specifier.length === 0) valid = false;
    else separator = specifier.indexOf('/', separator + 1);
  }
  const name = separator === -1 ? specifier : specifier.slice(0, separator);
  if (!valid || name[0] === '.' || name.includes('\\') || name.includes('%')) {
    throw codedError(TypeError, 'ERR_INVALID_MODULE_SPECIFIER',
      `Invalid module "${specifier}" is not a valid package name imported from ${parentPath(parentURL)}`);
  }
  return name;
}

// A bare or `#` specifier: through package.json "exports" and "imports" (node's errors),
// else as a package without "exports".
function resolvePackage(specifier, parentURL, conditions, builtins = true) {
  const conditionSet = new Set(conditions ?? importConditions);
  const withoutExports = (request, base) => resolvePackageWithoutExports(request, base, conditions);
  const resolved = specifier[0] === '#'
    ? packageResolution.packageImportsResolve(specifier, parentURL, conditionSet, withoutExports)
    : packageResolution.packageResolve(specifier, parentURL, conditionSet, withoutExports, builtins);
  if (typeof resolved === 'string') return resolved;
  if (resolved.protocol !== 'file:') return resolved.href;
  return finalizeResolution(specifier, resolved, parentURL);
}

// A package without "exports" (its "main", or a file in it), found by the CommonJS resolver.
function resolvePackageWithoutExports(specifier, parentURL, conditions) {
  const name = specifier[0] === '#' ? undefined : packageNameOf(specifier, parentURL);
  const from = folderOf(parentURL);
  const [packageDirectory, main] = (name !== undefined && binding.packageWithoutExports(from, name)) || [];
  // A subpath of a package without "exports" names a file exactly, as a relative URL would.
  if (packageDirectory !== undefined && specifier.length > name.length) {
    const url = pathToFileURL(packageDirectory);
    url.pathname += specifier.slice(name.length);
    return finalizeResolution(specifier, url, parentURL);
  }
  const result = binding.resolve(specifier, from, true, internals.getOptionValue('--preserve-symlinks'), conditions);
  // (The CommonJS resolver finds a file right in node_modules; no package is there.)
  if (typeof result === 'string' && path.basename(path.dirname(result)) !== 'node_modules') {
    const url = pathToFileURL(result).href;
    if (packageDirectory !== undefined) warnLegacyMain(url, packageDirectory, main, parentURL);
    return url;
  }
  const [code, message] = typeof result === 'string' ? ['MODULE_NOT_FOUND'] : result;
  if (code === 'ERR_INVALID_PACKAGE_CONFIG') {
    // Node's native package.json reader throws a plain Error with a code.
    const err = new Error(`${message.slice(0, -1)} while importing "${specifier}" from ${parentPath(parentURL)}.`);
    err.code = code;
    throw err;
  }
  if (code !== 'MODULE_NOT_FOUND') throw codedError(Error, code, message);
  const missing = specifier.startsWith('@') ? specifier.split('/', 2).join('/') : specifier.split('/', 1)[0];
  throw codedError(Error, 'ERR_MODULE_NOT_FOUND',
    `Cannot find package '${missing}' imported from ${parentPath(parentURL)}${commonJSHint(specifier, undefined, parentURL)}`);
}

// DEP0151: an ES module as the main entry point of a package without "exports" found only by
// trying extensions on its "main", or as the index its missing "main" falls back to.
function warnLegacyMain(url, packageDirectory, main, parentURL) {
  const filename = fileURLToPath(url);
  // (The file found is a real path, unless --preserve-symlinks.)
  const directory = internals.getOptionValue('--preserve-symlinks') ? packageDirectory : binding.realpath(packageDirectory);
  if ((main && filename === path.resolve(directory, main)) || formatHint(url) !== 'module') return;
  const folder = `${packageDirectory}/`;
  const entry = path.relative(directory, filename);
  process.emitWarning(main
    ? `Package ${folder} has a "main" field set to "${main}", excluding the full filename and extension to the ` +
      `resolved file at "${entry}", imported from ${parentPath(parentURL)}.\n Automatic extension resolution of the ` +
      '"main" field is deprecated for ES modules.'
    : `No "main" or "exports" field defined in the package.json for ${folder} resolving the main entry point ` +
      `"${entry}", imported from ${parentPath(parentURL)}.\nDefault "index" lookups for the main are deprecated for ES modules.`,
  'DeprecationWarning', 'DEP0151');
}

// The conditions resolve hooks see for import.
const importConditions = ['node', 'import', 'module-sync', ...(binding.permission().addonsEnabled() ? ['node-addons'] : []), ...(internals.getOptionValue('--conditions') ?? [])];

// The last step of the resolve hooks: { url, format }, the format a hint for the load hooks.
function defaultResolve(specifier, context) {
  const conditions = hooks.customConditions(context, importConditions);
  // (The entry point has no parent: it resolves as from the working directory.)
  const url = resolve(specifier, context.parentURL ?? pathToFileURL(path.join(tryGetCwd(), '/')).href, conditions);
  if (url.startsWith('node:')) return { __proto__: null, url, format: specifier.startsWith('node:') ? undefined : 'builtin' };
  return { __proto__: null, url, format: formatHint(url) };
}

// The hooks thread of module.register(), when started.
let asyncModuleHooks;
const asyncHooksThread = () => (asyncModuleHooks ??= require('internal/async_module_hooks')).activeHooksThread();

// `specifier` imported from `parentURL` through the resolve hooks (those of registerHooks,
// then those of module.register on their thread): { url, format }, the format being a hint
// for the load hooks (undefined without hooks).
function resolveRequest(specifier, parentURL, attributes) {
  const thread = asyncHooksThread();
  if (!hooks.hasResolveHooks() && thread === undefined) return { url: resolve(specifier, parentURL), format: undefined };
  const lastStep = thread === undefined ? defaultResolve : (request, context) => thread.resolve(request, context);
  if (!hooks.hasResolveHooks()) return lastStep(specifier, { parentURL, importAttributes: attributes ?? {}, conditions: importConditions });
  return hooks.resolveWithHooks(specifier, parentURL, attributes ?? {}, importConditions, lastStep);
}

// The format a URL's name says (null where the source decides), as the default resolve step
// tells the load hooks.
function formatHint(url) {
  if (!url.startsWith('file:')) {
    // (A data: URL with no MIME type and comma says nothing: its load decides.)
    const mime = url.startsWith('data:') ? /^data:([^,;]*)[^,]*,/s.exec(url)?.[1] : undefined;
    return dataFormats[mime] ?? null;
  }
  const filename = fileURLToPath(url);
  switch (path.extname(filename)) {
    case '.mjs': return 'module';
    case '.cjs': return 'commonjs';
    case '.json': return 'json';
    case '.node': return 'addon';
    case '.wasm': return wasmModulesEnabled ? 'wasm' : null;
    case '.mts': return stripTypesEnabled ? 'module-typescript' : null;
    case '.cts': return stripTypesEnabled ? 'commonjs-typescript' : null;
    case '.ts': {
      const { type } = packageScope(filename);
      return stripTypesEnabled && type !== undefined ? `${type}-typescript` : null;
    }
    case '.js': return packageScope(filename).type ?? null;
    default: return null;
  }
}

// The last step of the load hooks on module.register()'s thread: CommonJS has no source
// (the CommonJS loader reads it; undefined when the resolve step said CommonJS, null when
// the file's contents did), a builtin neither.
function defaultLoad(url, context) {
  let { format } = context;
  if (url.startsWith('node:')) return { __proto__: null, format: format ?? 'builtin', responseURL: url, source: null };
  if (!url.startsWith('data:')) loadableFilename(url);
  let source = format === 'commonjs' ? undefined : readBytes(url);
  if (format == null) {
    format = formatOf(url);
    if (format === 'commonjs') source = null;
  }
  // With load hooks, the attributes are checked here, as the hooks left them (node's
  // defaultLoad validates them; a hook that short-circuits skips that).
  checkAttributes(url, format, context.importAttributes);
  return { __proto__: null, format, responseURL: url, source };
}

// The last step of registerHooks()'s load hooks, when no module.register() hooks follow them.
function registerHooksDefaultLoad(url, context) {
  const format = context.format ?? formatOf(url);
  checkAttributes(url, format, context.importAttributes);
  return { format, source: url.startsWith('node:') ? null : readBytes(url) };
}

// `url` through the load hooks (those of registerHooks, then those of module.register on
// their thread): { format, source } (undefined without hooks).
function loadCustomized(url, attributes, resolvedFormat) {
  const thread = asyncHooksThread();
  if ((!hooks.hasLoadHooks() && thread === undefined) || wantsText(attributes)) return undefined;
  const lastStep = thread === undefined ? registerHooksDefaultLoad : (urlFromHook, context) => thread.load(urlFromHook, context);
  const result = hooks.hasLoadHooks()
    ? hooks.loadWithHooks(url, resolvedFormat, attributes ?? {}, importConditions, lastStep, { commonjsWithoutSource: true })
    : lastStep(url, { format: resolvedFormat, importAttributes: attributes ?? {}, conditions: importConditions });
  let { format, source } = result;
  if (format == null && typeof source === 'string') format = containsModuleSyntax(source, url) ? 'module' : 'commonjs';
  if (format == null) throw codedError(RangeError, 'ERR_UNKNOWN_MODULE_FORMAT', `Unknown module format: ${format} for URL ${url}`);
  // Only CommonJS (read by its loader) and builtins come without a source.
  if (source == null && (format === 'module' || format === 'module-typescript' || format === 'json' || format === 'wasm')) {
    const expected = format === 'wasm' ? 'array buffer, or typed array' : 'string, array buffer, or typed array';
    throw hooks.invalidReturnPropertyValue(expected, 'load', 'source', source);
  }
  return { format, source: source ?? undefined };
}

// The URL a script or module named `referrer` (a file name, a URL or '[eval]') imports from.
function referrerURL(referrer) {
  if (typeof referrer !== 'string' || referrer === '' || referrer.startsWith('[eval')) {
    // As node: the cwd's URL with the name appended as it is (the URL parser keeps `[` `]`).
    return new URL('[eval]', pathToFileURL(path.join(tryGetCwd(), '/'))).href;
  }
  if (referrer.startsWith('file:') || referrer.startsWith('node:')) return referrer;
  return pathToFileURL(referrer).href;
}

// ---- options ----

const stripTypesEnabled = internals.getOptionValue('--experimental-strip-types');
// --inspect-brk: the main module's evaluation pauses on its first statement; so does a worker's
// when a debugger it waited for (NodeWorker's waitForDebuggerOnStart) let it run.
const inspectorBinding = binding.inspector();
const callAndPauseOnStart = internals.getOptionValue('--inspect-brk') ? inspectorBinding.callAndPauseOnStart : undefined;
const requireModuleEnabled = internals.getOptionValue('--experimental-require-module');
const detectModuleEnabled = internals.getOptionValue('--experimental-detect-module');
const wasmModulesEnabled = internals.getOptionValue('--experimental-wasm-modules');
// --experimental-import-meta-resolve: import.meta.resolve(specifier, parentURL).
const importMetaResolveParentEnabled = internals.getOptionValue('--experimental-import-meta-resolve');
// --experimental-import-text: `with { type: 'text' }` imports any module as its text.
const importTextEnabled = internals.getOptionValue('--experimental-import-text');
const wantsText = (attributes) => importTextEnabled && attributes?.type === 'text';

// ---- formats ----

const packageScopes = new Map();

// The package.json nearest to `filename` and its "type": { type: 'module' | 'commonjs' |
// undefined (no "type" field, or no package.json), manifest: its path or null }.
function packageScope(filename) {
  const seen = [];
  let scope = { type: undefined, manifest: null };
  for (let dir = path.dirname(filename); ; dir = path.dirname(dir)) {
    const cached = packageScopes.get(dir);
    if (cached !== undefined) {
      scope = cached;
      break;
    }
    // A package's scope ends at node_modules: a dependency without a package.json has none.
    if (path.basename(dir) === 'node_modules') break;
    seen.push(dir);
    const manifest = path.join(dir, 'package.json');
    if (binding.statKind(manifest) === 1) {
      let type;
      try {
        type = JSON.parse(binding.readFile(manifest)).type;
      } catch {
        type = undefined;
      }
      scope = { type: type === 'module' || type === 'commonjs' ? type : undefined, manifest };
      break;
    }
    if (dir === '/' || dir === '.') break;
  }
  for (let index = 0; index < seen.length; index++) packageScopes.set(seen[index], scope);
  return scope;
}

// module.findPackageJSON(specifier[, base]): the path of the package.json a bare specifier's
// package has (found in node_modules as import looks, exports not consulted), or of the one
// nearest to what any other specifier resolves to (undefined when there is none).
function findPackageJSON(specifier, base = 'data:') {
  if (arguments.length === 0) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "specifier" argument must be specified');
  if (typeof specifier === 'symbol') validateString(specifier, 'specifier');
  specifier = `${specifier}`;
  let parentURL = base;
  if (!(base?.href && base.protocol && base.auth === undefined && base.path === undefined)) {
    validateString(base, 'base');
    parentURL = path.isAbsolute(base) ? pathToFileURL(base) : new URL(base);
  }
  if (specifier !== '' && specifier[0] !== '.' && specifier[0] !== '/' && !URL.canParse(specifier)) {
    return packageJSONOfPackage(specifier, `${parentURL}`);
  }
  let target;
  try {
    target = defaultResolve(specifier, { parentURL: `${parentURL}` }).url;
  } catch (err) {
    // A directory: its own package.json is the nearest.
    if (err?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT') throw err;
    target = err.url;
  }
  const filename = fileURLToPath(target);
  // (The scope of a directory starts in it, that of a file in the file's directory.)
  return packageScope(filename.endsWith('/') ? `${filename}package.json` : filename).manifest ?? undefined;
}

// node_modules/<name>/package.json in the nearest folder up from `parentURL` that has the
// package's folder (or the package `parentURL` is in, when it is named so and has "exports").
function packageJSONOfPackage(specifier, parentURL) {
  const name = packageNameOf(specifier, parentURL);
  const from = fileURLToPath(parentURL);
  const self = packageScope(parentURL.endsWith('/') ? `${from}package.json` : from).manifest;
  if (self !== null) {
    try {
      const manifest = JSON.parse(binding.readFile(self));
      if (manifest.exports != null && manifest.name === name) return self;
    } catch {
      // (A package.json that does not parse names no package.)
    }
  }
  for (let dir = parentURL.endsWith('/') ? from : path.dirname(from); ; dir = path.dirname(dir)) {
    const folder = path.join(dir, 'node_modules', name);
    if (binding.statKind(folder) === 2) return path.join(folder, 'package.json');
    if (dir === '/' || dir === '.') break;
  }
  throw codedError(Error, 'ERR_MODULE_NOT_FOUND', `Cannot find package '${name}' imported from ${from}`);
}

function packageType(filename) {
  return packageScope(filename).type ?? 'commonjs';
}

// ---- syntax detection ----
// A .js or extensionless file (or .ts) in a package without "type" runs as an ES module when
// compiling it as CommonJS fails the way only ES module syntax makes it fail.

// V8's errors for import/export statements and import.meta in a script.
const moduleSyntaxErrors = new Set([
  'Cannot use import statement outside a module',
  "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module",
]);
// Errors that only the CommonJS wrapper causes (its bindings redeclared at the top level, a
// top-level await): the code is an ES module if it compiles as one.
const commonJSOnlyErrors = new Set([
  "Identifier 'module' has already been declared",
  "Identifier 'exports' has already been declared",
  "Identifier 'require' has already been declared",
  "Identifier '__filename' has already been declared",
  "Identifier '__dirname' has already been declared",
  'await is only valid in async functions and the top level bodies of modules',
]);

function shouldRetryAsESM(err, source) {
  return detectModuleEnabled && looksLikeModule(err, source);
}

// Whether code that failed to compile as CommonJS with `err` is an ES module.
function looksLikeModule(err, source) {
  if (err === null || typeof err !== 'object' || err.name !== 'SyntaxError') return false;
  if (moduleSyntaxErrors.has(err.message)) return true;
  return (commonJSOnlyErrors.has(err.message) || mayBeTopLevelAwait(err.message)) && moduleWrap.moduleParses(source);
}

// What V8 says of a top-level await in an argument list (`f(await x)`) or after a token
// (`if (await x)`) in a script: the code may be a module.
function mayBeTopLevelAwait(message) {
  return message.includes('missing ) after argument list') || message.startsWith('Unexpected');
}

const wrapperParams = ['exports', 'require', 'module', '__filename', '__dirname'];

function withoutHashbang(source) {
  return source.startsWith('#!') ? `//${source.slice(2)}` : source;
}

function containsModuleSyntax(source, filename) {
  try {
    binding.compileFunction(withoutHashbang(source), filename, wrapperParams);
    return false;
  } catch (err) {
    return shouldRetryAsESM(err, source);
  }
}

// Node's warning when a file of a package.json without "type" turned out to be an ES module.
function warnTypelessPackage(url, scope) {
  if (scope.manifest === null || url.includes('/node_modules/')) return;
  process.emitWarning(`Module type of ${url} is not specified and it doesn't parse as CommonJS.\n` +
    'Reparsing as ES module because module syntax was detected. This incurs a performance overhead.\n' +
    `To eliminate this warning, add "type": "module" to ${scope.manifest}.`, { code: 'MODULE_TYPELESS_PACKAGE_JSON' });
}

// ---- TypeScript ----

// Lines around a span as swc's report shows them: the line before and after; one line's
// span underlined with carets, the lines of a longer span marked with `>`.
function snippetOf(source, startLine, startColumn, endLine, endColumn) {
  const lines = source.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const expand = (line) => line.replace(/\t/g, '    ');
  const first = Math.max(1, startLine - 1);
  const last = Math.min(lines.length, endLine + 1);
  const shown = [];
  if (startLine === endLine) {
    for (let number = first; number <= last; number++) {
      const line = lines[number - 1];
      if (number === startLine - 1 && line.length === 0 && number === first) continue;
      shown.push(expand(line));
      if (number === startLine) {
        const before = expand(line.slice(0, startColumn)).length;
        const width = Math.max(1, expand(line.slice(startColumn, Math.max(endColumn, startColumn + 1))).length);
        shown.push(`${' '.repeat(before)}${'^'.repeat(width)}`);
      }
    }
  } else {
    for (let number = first; number <= last; number++) {
      const marked = number === startLine || number === endLine;
      shown.push(`${marked ? '  > ' : '    '}${expand(lines[number - 1])}`);
    }
  }
  return shown.map((line) => line.trimEnd()).join('\n');
}

// The JavaScript of a TypeScript file: types erased into whitespace. `display` names the
// file in the report of code that cannot be stripped (a file: URL or a path).
function stripTypes(source, filename, display) {
  if (filename.split(path.sep).includes('node_modules')) {
    throw codedError(Error, 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING',
      `Stripping types is currently unsupported for files under node_modules, for "${filename}"`);
  }
  // --experimental-transform-types: code generated where types had values, and with
  // --enable-source-maps, a source map (inline, as node's) back to the TypeScript.
  const transforming = internals.getOptionValue('--experimental-transform-types');
  if (transforming) require('internal/warning').emitExperimentalWarning('Transform Types');
  const sourceMap = transforming && internals.getOptionValue('--enable-source-maps');
  // The compile cache keeps what a TypeScript file was made into, each way of making it apart
  // (node's numbers: stripped 2, transformed 3, transformed with a source map 4).
  const cacheKind = transforming ? (sourceMap ? 4 : 3) : 2;
  const cached = binding.compileCacheTranspiled(source, filename, cacheKind);
  if (typeof cached === 'string') return cached;
  const code = transpileTypeScript(source, { mode: transforming ? 'transform' : 'strip', sourceMap, filename, display });
  if (cached === null) binding.compileCacheSaveTranspiled(source, filename, cacheKind, code);
  return code;
}

// Node's TypeScript support is WebAssembly (amaro): without it (--jitless), the first use of
// TypeScript fails, as node's does.
let typescriptLoaded = false;
function assertTypeScript() {
  if (typescriptLoaded) return;
  if (globalThis.WebAssembly === undefined) {
    throw codedError(Error, 'ERR_WEBASSEMBLY_NOT_SUPPORTED', 'WebAssembly is not supported in this environment, but is required for TypeScript');
  }
  typescriptLoaded = true;
}

// TypeScript made JavaScript as node's amaro makes it: types erased into whitespace ('strip'),
// or code generated where types had values ('transform', with an inline source map when
// `sourceMap`). `filename` is what swc (and the map's `sources`) calls the code; `display`
// names it in the sourceURL comment (when no map is added) and in the report of code that
// cannot be made JavaScript, a SyntaxError ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX or
// ERR_INVALID_TYPESCRIPT_SYNTAX with the lines at fault on its stack.
function transpileTypeScript(source, { mode, sourceMap, filename, display }) {
  assertTypeScript();
  let result = mode === 'transform' ? typescriptBinding.transformTypeScript(source, filename, sourceMap) : typescriptBinding.stripTypeScript(source, filename);
  // (Transformed: [code, map or undefined]; refused: the problem, as stripping gives it.)
  if (mode === 'transform' && result.length === 2) {
    const [code, map] = result;
    if (map !== undefined) return `${code}\n\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString('base64')}`;
    result = code;
  }
  if (typeof result === 'string') return display ? `${result}\n\n//# sourceURL=${display}` : result;
  const [kind, message, startLine, startColumn, endLine, endColumn] = result;
  const code = kind === 'UnsupportedSyntax' ? 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX' : 'ERR_INVALID_TYPESCRIPT_SYNTAX';
  const err = codedError(SyntaxError, code, message);
  if (startLine > 0) {
    err.stack = `${display}:${startLine}\n${snippetOf(source, startLine, startColumn, endLine, endColumn)}\n\n${err.stack}`;
  }
  throw err; /* node-do-not-add-exception-line */
}

// ---- formats of files ----

// Set while require() loads an ES module graph: node warns of typeless packages only on import.
let requiring = false;

// Source text read while deciding a file's format, kept for the record made from it.
const pendingSources = new Map();

function readSource(url) {
  const cached = pendingSources.get(url);
  if (cached !== undefined) return cached;
  return url.startsWith('data:') ? parseDataURL(url)[1] : binding.readFile(loadableFilename(url));
}

// The file a URL of no scheme but file: and data: names; the default loader loads no other.
function loadableFilename(url) {
  if (!url.startsWith('file:')) throw unsupportedScheme(new URL(url));
  return fileURLToPath(url);
}

// data: URLs: [mime type, source text].
function parseDataURL(url) {
  const match = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,(.*)$/s.exec(url);
  if (!match) throw codedError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
  const body = match[3] ? Buffer.from(decodeURIComponent(match[4]), 'base64').toString() : decodeURIComponent(match[4]);
  return [match[1], body];
}

const dataFormats = { 'text/javascript': 'module', 'application/json': 'json', 'application/wasm': 'wasm' };

// The bytes of a module (a WebAssembly binary, a text module's text).
function readBytes(url) {
  if (!url.startsWith('data:')) return require('fs').readFileSync(loadableFilename(url));
  const match = /^data:[^,]*?(;base64)?,(.*)$/s.exec(url);
  if (match[1]) return Buffer.from(decodeURIComponent(match[2]), 'base64');
  // Percent escapes are bytes (which need not make UTF-8).
  return Buffer.from(match[2].replace(/%([0-9A-Fa-f]{2})/g, (escape, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

const wasmMagic = [0x00, 0x61, 0x73, 0x6d];

// Whether an extensionless file of a "type": "module" package is a WebAssembly binary.
function isWasmFile(filename) {
  let fd;
  try {
    const fs = require('fs');
    fd = fs.openSync(filename, 'r');
    const head = Buffer.alloc(4);
    return fs.readSync(fd, head, 0, 4, 0) === 4 && wasmMagic.every((byte, index) => head[index] === byte);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) require('fs').closeSync(fd);
  }
}

function formatOf(url) {
  if (url.startsWith('node:')) return 'builtin';
  if (url.startsWith('data:')) {
    const [mime] = parseDataURL(url);
    const format = dataFormats[mime] ?? (importTextEnabled && mime === 'text/plain' ? 'text' : undefined);
    if (format) return format;
    throw codedError(RangeError, 'ERR_UNKNOWN_MODULE_FORMAT', `Unknown module format: ${mime} for URL ${url}`);
  }
  const filename = loadableFilename(url);
  const extension = path.extname(filename);
  switch (extension) {
    case '.mjs': return 'module';
    case '.cjs': return 'commonjs';
    case '.json': return 'json';
    case '.node': return 'addon';
    case '.wasm': if (wasmModulesEnabled) return 'wasm'; break;
    case '.mts':
    case '.cts':
    case '.ts': {
      if (!stripTypesEnabled) break;
      if (extension === '.mts') return 'module-typescript';
      if (extension === '.cts') return 'commonjs-typescript';
      const scope = packageScope(filename);
      if (scope.type === undefined && !detectModuleEnabled) return 'commonjs-typescript';
      if (scope.type !== undefined) return `${scope.type}-typescript`;
      const source = readSource(url);
      pendingSources.set(url, source);
      const stripped = stripTypes(source, filename, filename);
      if (!containsModuleSyntax(stripped, filename)) return 'commonjs-typescript';
      if (!requiring) warnTypelessPackage(url, scope);
      return 'module-typescript';
    }
    case '.js':
    case '': {
      const scope = packageScope(filename);
      if (extension === '' && scope.type !== 'commonjs' && wasmModulesEnabled && isWasmFile(filename)) return 'wasm';
      if (scope.type !== undefined) return scope.type;
      if (!detectModuleEnabled) return 'commonjs';
      const source = readSource(url);
      if (!containsModuleSyntax(source, filename)) return 'commonjs';
      pendingSources.set(url, source);
      if (extension === '.js' && !requiring) warnTypelessPackage(url, scope);
      return 'module';
    }
  }
  throw codedError(TypeError, 'ERR_UNKNOWN_FILE_EXTENSION', `Unknown file extension "${extension}" for ${filename}`);
}

function unsupportedAttribute(url, key, value) {
  return codedError(TypeError, 'ERR_IMPORT_ATTRIBUTE_UNSUPPORTED',
    `Import attribute "${key}" with value "${value}" is not supported in ${url}`);
}

// Attributes other than `type` are refused before the module's format is known.
function checkAttributeKeys(url, attributes = {}) {
  Object.keys(attributes).forEach((key) => {
    if (key !== 'type') throw unsupportedAttribute(url, key, attributes[key]);
  });
}

function checkAttributes(url, format, attributes = {}) {
  checkAttributeKeys(url, attributes);
  const type = attributes.type;
  if (type !== undefined && type !== 'json' && !(type === 'text' && importTextEnabled)) {
    throw unsupportedAttribute(url, 'type', type);
  }
  if (format === 'text' && type === undefined) {
    throw codedError(TypeError, 'ERR_IMPORT_ATTRIBUTE_MISSING', `Module "${url}" needs an import attribute of "type: text"`);
  }
  if (format === 'json' && type === undefined) {
    throw codedError(TypeError, 'ERR_IMPORT_ATTRIBUTE_MISSING', `Module "${url}" needs an import attribute of "type: json"`);
  }
  if (format !== 'json' && type === 'json') {
    throw codedError(TypeError, 'ERR_IMPORT_ATTRIBUTE_TYPE_INCOMPATIBLE', `Module "${url}" is not of type "json"`);
  }
}

// ---- CommonJS named exports, found the way node's cjs-module-lexer finds them ----

const identifier = '[\\p{ID_Start}$_][\\p{ID_Continue}$\\u200c\\u200d]*';
const exportsRef = '(?<![\\w$.])(?:module\\s*\\.\\s*)?exports';
// exports.name = …, exports['name'] = …, Object.defineProperty(exports, 'name', { value | get
// returning an identifier or member expression }); the name is group 1 or a string index.
// (The lexer's expressions are of the loaders' own realm: importing leaves the RegExp statics
// alone. Made when first needed.)
let lexerPatterns;
const patterns = () => (lexerPatterns ??= {
  assign: sideEffectFreeRegExp(assignSource, 'gu'),
  reexport: sideEffectFreeRegExp(reexportSource, 'gu'),
  escape: sideEffectFreeRegExp('\\\\(?:u\\{([0-9a-fA-F]+)\\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(\\r\\n|[\\s\\S]))', 'g'),
  separator: sideEffectFreeRegExp('^\\s*(,|\\})'),
});
const assignSource = [
  `${exportsRef}\\s*\\.\\s*(${identifier})\\s*=(?!=)`,
  `${exportsRef}\\s*\\[\\s*'(\\d+)'\\s*\\]\\s*=(?!=)`,
  `Object\\.defineProperty\\(\\s*${exportsRef}\\s*,\\s*'(\\d+)'\\s*,\\s*\\{\\s*(?:enumerable\\s*:\\s*true\\s*,\\s*)?` +
    `(?:value\\s*:|get\\s*(?::\\s*function\\s*)?\\(\\s*\\)\\s*\\{\\s*return\\s+${identifier}(?:\\s*\\.\\s*${identifier})*\\s*;?\\s*\\})`,
].join('|');
const requireCall = `require\\s*\\(\\s*'(\\d+)'\\s*\\)`;
// module.exports = require('x'), TypeScript's __exportStar(require('x')) and __export(require('x')).
const reexportSource =
  `(?:(?<![\\w$.])module\\s*\\.\\s*exports\\s*=\\s*|__exportStar\\(\\s*|__export\\(\\s*)${requireCall}`;

const simpleEscapes = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', 0: '\0' };

// A string literal's value from its text between the quotes.
function decodeEscapes(text) {
  if (!text.includes('\\')) return text;
  return text.replace(patterns().escape,
    (whole, codePoint, unit, byte, other) => {
      if (codePoint !== undefined) return String.fromCodePoint(parseInt(codePoint, 16));
      if (unit !== undefined || byte !== undefined) return String.fromCharCode(parseInt(unit ?? byte, 16));
      if (other === '\n' || other === '\r\n' || other === '\r' || other === '\u2028' || other === '\u2029') return '';
      return simpleEscapes[other] ?? other;
    });
}

// Whether a `/` after the code's last token starts a regular expression rather than dividing:
// it does after an operator, an opening bracket, a separator or a keyword, and at the start.
function startsRegExp(last, word) {
  if (last === '' || '(,=:[!&|?{};+-*%<>~^'.includes(last)) return true;
  return word !== '' && regExpKeywords.has(word);
}

const regExpKeywords = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

// The source with comments removed and every string literal replaced by `'<index>'` into
// `strings`, so that text inside strings and comments is never taken for code.
function tokenize(source) {
  const strings = [];
  let code = '';
  // The last character that is not white space, the identifier it ends (if any), and whether
  // the character before is part of that identifier.
  let last = '';
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
      code += ' ';
    } else if (ch === '/' && startsRegExp(last, word)) {
      // A regular expression literal: its text may hold quotes that start no string.
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== '\n' && (inClass || source[j] !== '/')) {
        if (source[j] === '\\') j++;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j++;
      }
      code += '/r/';
      (last = '/'), (word = ''), (inWord = false);
      i = j + 1;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== ch) j += source[j] === '\\' ? 2 : 1;
      if (ch === '`') {
        code += '``';
      } else {
        code += `'${strings.length}'`;
        strings.push(decodeEscapes(source.slice(i + 1, j)));
      }
      (last = ch), (word = ''), (inWord = false);
      i = j + 1;
    } else {
      code += ch;
      const wordChar = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch === '_' || ch === '$';
      if (wordChar) {
        word = inWord ? word + ch : ch;
        last = ch;
      } else if (ch !== ' ' && ch !== '\n' && ch !== '\t' && ch !== '\r') {
        (last = ch), (word = '');
      }
      inWord = wordChar;
      i++;
    }
  }
  return { code, strings };
}

// `module.exports = { a, b: c, 'd': e, ...require('x') }`: names up to the first entry
// that is not one of those simple shapes (a key whose value starts with an identifier
// still counts, as in node's lexer).
function objectLiteralExports(code, strings, names, reexports) {
  const start = sideEffectFreeRegExp(`(?<![\\w$.])module\\s*\\.\\s*exports\\s*=\\s*\\{`, 'gu');
  const entry = sideEffectFreeRegExp(`^\\s*(?:\\.\\.\\.\\s*${requireCall}|(${identifier})|'(\\d+)')(\\s*:)?`, 'u');
  const value = sideEffectFreeRegExp(`^\\s*${identifier}`, 'u');
  const { separator } = patterns();
  for (const match of code.matchAll(start)) {
    let rest = code.slice(match.index + match[0].length);
    for (;;) {
      const found = entry.exec(rest);
      if (!found) break;
      rest = rest.slice(found[0].length);
      if (found[4] !== undefined) {
        const valueFound = value.exec(rest);
        if (!valueFound) break;
        rest = rest.slice(valueFound[0].length);
      }
      if (found[1] !== undefined) reexports.push(strings[found[1]]);
      else names.add(found[2] ?? strings[found[3]]);
      const next = separator.exec(rest);
      if (!next || next[1] === '}') break;
      rest = rest.slice(next[0].length);
    }
  }
}

// `source` is the file's code when it is not the file's text (types stripped).
// Babel's and TypeScript's `export * from 'x'`: `var _x = require('x');` then
// `Object.keys(_x).forEach(function (key) { … exports[key] = _x[key] or a getter … })`.
function starReexports(code, strings, reexports) {
  const required = new Map();
  const assignment = sideEffectFreeRegExp(`(?:var|let|const)\\s+(${identifier})\\s*=\\s*(?:_interopRequireWildcard\\(\\s*)?${requireCall}`, 'gu');
  for (const match of code.matchAll(assignment)) required.set(match[1], strings[match[2]]);
  if (required.size === 0) return;
  const loop = sideEffectFreeRegExp(`Object\\.keys\\(\\s*(${identifier})\\s*\\)\\s*\\.\\s*forEach\\(\\s*function\\s*\\(\\s*(${identifier})\\s*\\)\\s*\\{`, 'gu');
  for (const match of code.matchAll(loop)) {
    const [, source, key] = match;
    if (!required.has(source)) continue;
    const body = code.slice(match.index + match[0].length, match.index + match[0].length + 500);
    if (sideEffectFreeRegExp(`${source.replaceAll('$', '\\$')}\\s*\\[\\s*${key.replaceAll('$', '\\$')}\\s*\\]`, 'u').test(body)) {
      reexports.push(required.get(source));
    }
  }
}

function cjsExportNames(filename, seen = new Set(), source) {
  const names = new Set();
  if (seen.has(filename)) return names;
  seen.add(filename);
  let tokens;
  try {
    tokens = tokenize(source ?? binding.readFile(filename));
  } catch {
    return names;
  }
  const { code, strings } = tokens;
  for (const match of code.matchAll(patterns().assign)) names.add(match[1] ?? strings[match[2] ?? match[3]]);
  const reexports = [];
  for (const match of code.matchAll(patterns().reexport)) reexports.push(strings[match[1]]);
  starReexports(code, strings, reexports);
  objectLiteralExports(code, strings, names, reexports);
  for (const request of reexports) {
    const target = binding.resolve(request, path.dirname(filename), false);
    if (typeof target === 'string' && (target.endsWith('.js') || target.endsWith('.cjs'))) {
      for (const name of cjsExportNames(target, seen)) names.add(name);
    }
  }
  names.delete('default');
  // Names with a lone surrogate cannot be export names.
  for (const name of names) if (!name.isWellFormed()) names.delete(name);
  return names;
}

// ---- records and the graph ----

const records = new Map();

function syntheticRecord(url, format, names, values) {
  const id = moduleWrap.moduleSynthetic(url, ['default', ...names], values);
  return { id, url, format, targets: [] };
}

// A CommonJS module's namespace: default and 'module.exports' are its exports object.
// `source`: what load hooks gave (the module is not read again); with hooks registered the
// module is not resolved again either.
function commonjsValues(url, filename, names, source) {
  return () => {
    const customized = source !== undefined || hooks.hasResolveHooks() || hooks.hasLoadHooks();
    // (The main module is CommonJS run through this loader when module.register() hooks run it.)
    const exports = customized ? cjs().loadImportedCommonJS(url, filename, source, asyncHooksThread() !== undefined)
      : cjs().Module._load(filename, undefined, url === mainURL);
    const values = { default: exports, 'module.exports': exports };
    for (const name of names) values[name] = exports?.[name];
    return values;
  };
}

let warnedAddons = false;

// The code of a module: its text (the file's, unless `given`), with types stripped for TypeScript.
function codeOf(url, format, given) {
  const source = given === undefined ? readSource(url) : textOf(given);
  pendingSources.delete(url);
  if (!format.endsWith('-typescript')) return source;
  return stripTypes(source, filenameOf(url), url);
}

const textOf = (source) => (typeof source === 'string' ? source : new TextDecoder().decode(source));
// A module's file name, or its URL when it is not a file's.
const filenameOf = (url) => (url.startsWith('file:') ? fileURLToPath(url) : url);

function compiledRecord(url, format, code) {
  // (Indexed: a program may have deleted the arrays' iterator.)
  const compiled = moduleWrap.moduleCompile(code, url);
  const id = compiled[0], specifiers = compiled[1], attributes = compiled[2], sourceMappingURL = compiled[3];
  const phases = compiled[4];
  require('internal/source_map/source_map_cache').maybeCacheSourceMap(url, code, sourceMappingURL);
  return { id, url, format, specifiers, attributes, phases, targets: [] };
}

// `source`: the module's source when it is not read from `url` (a load hook's, --eval's code).
function createRecord(url, format, source) {
  switch (format) {
    case 'module':
    case 'module-typescript':
      return compiledRecord(url, format, codeOf(url, format, source));
    case 'commonjs':
    case 'commonjs-typescript': {
      const filename = filenameOf(url);
      const code = format === 'commonjs' && source === undefined ? undefined : codeOf(url, format, source);
      pendingSources.delete(url);
      const names = [...cjsExportNames(filename, new Set(), code)].filter((name) => name !== 'module.exports');
      return syntheticRecord(url, format, [...names, 'module.exports'], commonjsValues(url, filename, names, code));
    }
    case 'text':
      return syntheticRecord(url, format, [], () => ({ default: textOf(source ?? readBytes(url)) }));
    case 'json':
      return syntheticRecord(url, format, [], () => {
        // A JSON file shares require()'s cache: what require() loaded, or loads later.
        const filename = url.startsWith('file:') && !url.includes('?') && !url.includes('#') ? fileURLToPath(url) : null;
        const cache = cjs().Module._cache;
        if (source === undefined && filename !== null && cache[filename] !== undefined) {
          pendingSources.delete(url);
          return { default: cache[filename].exports };
        }
        const content = source === undefined ? readSource(url) : textOf(source);
        pendingSources.delete(url);
        let value;
        try {
          value = JSON.parse(content);
        } catch (err) {
          err.message = `${filename ?? url}: ${err.message}`;
          throw err;
        }
        if (filename !== null) {
          const module = new (cjs().Module)(filename);
          module.filename = filename;
          module.paths = cjs().Module._nodeModulePaths(path.dirname(filename));
          module.exports = value;
          module.loaded = true;
          cache[filename] = module;
        }
        return { default: value };
      });
    case 'addon': {
      if (!warnedAddons) {
        warnedAddons = true;
        process.emitWarning('Importing addons is an experimental feature and might change at any time', 'ExperimentalWarning');
      }
      const filename = fileURLToPath(url);
      const module = { exports: {} };
      process.dlopen(module, path.toNamespacedPath(filename));
      return syntheticRecord(url, format, [], () => ({ default: module.exports }));
    }
    case 'wasm':
      return wasmRecord(url, source ?? readBytes(url));
    case 'builtin': {
      const exports = internals.requireBuiltin(url.slice(5));
      const names = Object.keys(exports).filter((name) => name !== 'default');
      const record = syntheticRecord(url, format, names, () => ({ ...exports, default: exports }));
      record.builtin = { exports, names };
      return record;
    }
  }
  // A format only a load hook can name.
  throw codedError(RangeError, 'ERR_UNKNOWN_MODULE_FORMAT', `Unknown module format: ${format} for URL ${url}`);
}

// ---- WebAssembly modules (the ES module integration) ----
// A .wasm file is a module whose imports are the modules its imports name and whose exports
// are its instance's exports. It is compiled as the source text of a module that imports
// each of those modules' namespaces and, when evaluated, instantiates the WebAssembly module
// with them and sets its exports (a global export to the global's value).

// A WebAssembly module's namespace -> its instance's exports (a Wasm module importing another's
// global gets the WebAssembly.Global itself).
const wasmInstances = new WeakMap();
// url -> the function the module's code calls to instantiate it (through import.meta).
const wasmInstantiators = new Map();
let warnedWasm = false;

function wasmRecord(url, bytes) {
  let compiled;
  try {
    compiled = new WebAssembly.Module(bytes, {
      builtins: ['js-string'],
      importedStringConstants: 'wasm:js/string-constants',
    });
  } catch (err) {
    err.message = `${url.startsWith('file:') ? fileURLToPath(url) : url}: ${err.message}`;
    throw err;
  }
  const importModules = [];
  const globalImports = [];
  for (const entry of WebAssembly.Module.imports(compiled)) {
    if (entry.kind === 'global') globalImports.push(entry);
    // Names the ES module integration reserves.
    if (entry.module.startsWith('wasm-js:')) {
      throw new WebAssembly.LinkError(`Invalid Wasm import "${entry.module}" in ${url}`);
    }
    if (entry.name.startsWith('wasm:') || entry.name.startsWith('wasm-js:')) {
      throw new WebAssembly.LinkError(`Invalid Wasm import name "${entry.module}" in ${url}`);
    }
    if (!importModules.includes(entry.module)) importModules.push(entry.module);
  }
  const exportNames = [];
  const globalExports = new Set();
  for (const entry of WebAssembly.Module.exports(compiled)) {
    if (entry.kind === 'global') globalExports.add(entry.name);
    if (entry.name.startsWith('wasm:') || entry.name.startsWith('wasm-js:')) {
      throw new WebAssembly.LinkError(`Invalid Wasm export name "${entry.name}" in ${url}`);
    }
    exportNames.push(entry.name);
  }
  // Names only ever appear as string literals (JSON's quoting), never as code.
  const code = [
    ...importModules.map((name, index) => `import * as $import_${index} from ${JSON.stringify(name)};`),
    ...exportNames.map((name, index) => `let $export_${index};\nexport { $export_${index} as ${JSON.stringify(name)} };`),
    `import.meta.instantiate([${importModules.map((_, index) => `$import_${index}`).join(', ')}], [` +
      `${exportNames.map((_, index) => `(value) => { $export_${index} = value; }`).join(', ')}]);`,
  ].join('\n');
  const record = compiledRecord(url, 'wasm', code);
  // `import source` of it gives the compiled WebAssembly.Module.
  moduleWrap.moduleSetSourceObject(record.id, compiled);
  wasmInstantiators.set(url, (namespaces, setters) => {
    wasmInstantiators.delete(url);
    if (!warnedWasm) {
      warnedWasm = true;
      process.emitWarning('Importing WebAssembly module instances is an experimental feature and might change at any time',
        'ExperimentalWarning');
    }
    const imports = { __proto__: null };
    importModules.forEach((name, index) => {
      const namespace = namespaces[index];
      const instance = wasmInstances.get(namespace);
      if (instance === undefined) {
        imports[name] = namespace;
        return;
      }
      const wrapped = Object.assign({ __proto__: null }, namespace);
      for (const global of globalImports) {
        if (global.module === name) wrapped[global.name] = instance[global.name];
      }
      imports[name] = wrapped;
    });
    const { exports } = new WebAssembly.Instance(compiled, imports);
    wasmInstances.set(moduleWrap.moduleNamespace(record.id), exports);
    exportNames.forEach((name, index) => {
      let value = exports[name];
      if (globalExports.has(name)) {
        try {
          value = value.value;
        } catch {
          // A v128 global has no JavaScript value: its binding stays undefined.
          return;
        }
      }
      setters[index](value);
    });
  });
  return record;
}

// The record for `url` with everything it imports compiled and linked. `resolvedFormat`: the
// resolve hooks' format; `loaded`: { format, source } when the module's source is known.
// In the 'source' phase only the module itself is compiled: its source object is what is
// asked for, and nothing it imports is loaded or run.
// `created` gets the keys of the records made.
function loadGraph(url, attributes, resolvedFormat, loaded, phase = 'evaluation', created = []) {
  try {
    return recordFor(url, attributes, resolvedFormat, created, loaded, phase);
  } catch (err) {
    created.forEach((key) => records.delete(key));
    throw err;
  }
}

// The record of `url`: the one loaded before, or one loaded now (through the load hooks).
function recordFor(url, attributes, resolvedFormat, created, loaded, phase = 'evaluation') {
  const existing = recordOf(url, attributes);
  checkAttributeKeys(url, attributes);
  if (existing) {
    checkAttributes(url, existing.format, attributes);
    if (phase !== 'source') loadRequests(existing, created);
    return existing;
  }
  // The resolve hooks' format stands unless load hooks say otherwise.
  const customized = loaded === undefined ? loadCustomized(url, attributes, resolvedFormat) : undefined;
  const { format, source } = loaded ?? customized ??
    { format: wantsText(attributes) ? 'text' : resolvedFormat ?? formatOf(url), source: undefined };
  // (Through load hooks, the default load step checked the attributes it was given.)
  if (customized === undefined) checkAttributes(url, format, attributes);
  return load(url, format, created, source, attributes, phase);
}

// An ES module being required may not import a module still on its way: a CommonJS module
// still loading (its exports unfinished) or an ES module being evaluated.
function refuseImportInCycle(record, specifier, parentURL) {
  const from = `(from ${filenameOf(parentURL)})`;
  if (record.format.startsWith('commonjs') && record.url.startsWith('file:')) {
    const loading = cjs().Module._cache[fileURLToPath(record.url)];
    if (loading !== undefined && !loading.loaded) {
      throw codedError(Error, 'ERR_REQUIRE_CYCLE_MODULE', `Cannot import CommonJS Module ${specifier} in a cycle. ${from}`);
    }
  } else if (record.id !== undefined && moduleWrap.vmModuleStatus(record.id) === kEvaluating) {
    throw codedError(Error, 'ERR_REQUIRE_CYCLE_MODULE', `Cannot import Module ${specifier} in a cycle. ${from}`);
  }
}

// Node keys modules by URL and `type` attribute: a module imported with a type (JSON, text) is
// a record apart from the URL's other one.
function recordKey(url, attributes) {
  return attributes?.type === undefined ? url : `${attributes.type}\0${url}`;
}

function recordOf(url, attributes) {
  return records.get(recordKey(url, attributes));
}

// `source`: the module's source when it is not read from `url` (a load hook's, --eval's code).
function load(url, format, created, source, attributes, phase) {
  if (format === 'text') {
    // A text module imports nothing; it stays loaded even if a module beside it fails.
    const record = createRecord(url, format, source);
    records.set(recordKey(url, attributes), record);
    return record;
  }
  // Reported before compiling: a file with a syntax error is watched for its fix.
  if (url.startsWith('file:')) reportToWatchMode('import', url);
  const record = createRecord(url, format, source);
  records.set(recordKey(url, attributes), record);
  created.push(recordKey(url, attributes));
  if (phase !== 'source') loadRequests(record, created);
  return record;
}

// Loads and links what `record` imports, once (a record first loaded for its source only has
// its imports loaded when something imports it to run).
function loadRequests(record, created) {
  if (record.specifiers === undefined || record.requestsLoaded) return;
  record.requestsLoaded = true;
  const { url } = record;
  try {
    record.targets = record.specifiers.map((specifier, index) => {
      const target = resolveRequest(specifier, url, record.attributes[index]);
      // The attributes a resolve hook gave replace the import's.
      const child = recordFor(target.url, target.importAttributes ?? record.attributes[index], target.format, created,
        undefined, record.phases[index]);
      if (requiring && record.phases[index] === 'evaluation') refuseImportInCycle(child, specifier, url);
      return child;
    });
  } catch (err) {
    record.requestsLoaded = false;
    record.targets = [];
    throw err;
  }
  moduleWrap.moduleLink(record.id, record.specifiers, record.targets.map((target) => target.id),
    record.attributes.map((attributes) => attributes?.type));
}

// The modules `record` imports to run (not those it imports for their source only).
function evaluationTargets(record) {
  return record.targets.filter((_, index) => record.phases?.[index] !== 'source');
}

// How many levels of modules not evaluated yet the graph from `record` has (node links
// each level in turns of its own).
function pendingDepth(record, visiting = new Set()) {
  if (record.evaluated || visiting.has(record)) return 0;
  visiting.add(record);
  let deepest = 0;
  evaluationTargets(record).forEach((target) => { deepest = Math.max(deepest, 1 + pendingDepth(target, visiting)); });
  visiting.delete(record);
  return deepest;
}

// Links `record`'s graph. A named import that a CommonJS module does not provide is
// explained, with an example of importing it through the default export.
function instantiate(record) {
  try {
    moduleWrap.moduleInstantiate(record.id);
  } catch (err) {
    explainMissingCommonJSExport(err);
    throw err;
  }
}

const missingExport = /^The requested module '(.+)' does not provide an export named '(.+)'$/;

function explainMissingCommonJSExport(err) {
  const match = err?.name === 'SyntaxError' && typeof err.stack === 'string' && missingExport.exec(err.message);
  if (!match) return;
  const [, specifier, name] = match;
  // The stack starts with the source arrow: `url:line`, then the importing line.
  const [location, importLine] = err.stack.split('\n', 2);
  const parent = records.get(location.slice(0, location.lastIndexOf(':')));
  const index = parent?.specifiers?.indexOf(specifier) ?? -1;
  if (index === -1 || parent.targets?.[index]?.format !== 'commonjs') return;
  const namedImports = /{.*}/.exec(importLine)?.[0].replace(/\s+as\s+/g, ': ');
  const message = `Named export '${name}' not found. The requested module '${specifier}' is a CommonJS module, ` +
    'which may not support all module.exports as named exports.\nCommonJS modules can always be imported via the ' +
    `default export, for example using:\n\nimport pkg from '${specifier}';\n` +
    (namedImports ? `const ${namedImports} = pkg;\n` : '');
  err.stack = err.stack.replace(err.message, () => message);
  err.message = message;
}

// ---- entry points ----

// import(specifier) from the script or module named `referrer`. Node resolves, loads, links
// and evaluates in promise jobs: the turns below keep its order among other jobs.
// The records an import() has loaded but not yet linked: require() of one is node's race
// condition error.
const importPending = new Set();

// An import()'s first steps, taken when it is called, as node's loader takes them: the
// specifier resolved and the module graph loaded (not linked).
function startImport(specifier, referrer, attributes) {
  const parentURL = referrerURL(referrer);
  // A record's own URL names it (--eval's module has no file to resolve); the entry point
  // (its own referrer) has no parent.
  const isEntry = specifier === referrer;
  const customized = hooks.hasResolveHooks() || asyncHooksThread() !== undefined;
  // (--eval's module, which names no file, is not resolved through hooks; a file entry point
  // run again by module.runMain() is.)
  const resolved = records.has(specifier) && (!customized || (isEntry && specifier === evalURL))
    ? { url: specifier, format: undefined }
    : resolveRequest(`${specifier}`, isEntry && customized ? undefined : parentURL, attributes);
  const { url, format } = resolved;
  attributes = resolved.importAttributes ?? attributes;
  const record = recordOf(url, attributes);
  if (record?.evaluated && record.format !== 'builtin') {
    checkAttributes(url, record.format, attributes);
    return { isEntry, url, record, evaluated: true, pending: [] };
  }
  const created = [];
  const root = loadGraph(url, attributes, format, undefined, 'evaluation', created);
  const pending = created.map((key) => records.get(key));
  pending.forEach((loaded) => importPending.add(loaded));
  return { isEntry, url, record: root, evaluated: false, pending };
}

async function importModule(specifier, referrer, attributes) {
  let started;
  let failure;
  try {
    started = startImport(specifier, referrer, attributes);
  } catch (err) {
    failure = { err };
  }
  // (What went wrong surfaces a few turns later, as before the graph is linked.)
  for (let turn = 0; turn < 4; turn++) await undefined;
  if (failure !== undefined) throw failure.err;
  const { isEntry, url, record, pending } = started;
  if (started.evaluated) {
    await moduleWrap.moduleEvaluate(record.id);
    for (let turn = 0; turn < 2; turn++) await undefined;
    return moduleWrap.moduleNamespace(record.id);
  }
  try {
    instantiate(record);
  } finally {
    pending.forEach((loaded) => importPending.delete(loaded));
  }
  for (let turn = 2 * pendingDepth(record); turn >= 0; turn--) await undefined;
  markEvaluated(record);
  const pauses = isEntry && url === mainURL && (callAndPauseOnStart !== undefined || inspectorBinding.breaksOnStart());
  const evaluation = pauses
    ? inspectorBinding.callAndPauseOnStart(moduleWrap.moduleEvaluate, binding, record.id) : moduleWrap.moduleEvaluate(record.id);
  try {
    await evaluation;
  } catch (err) {
    explainCommonJSGlobal(err, url);
    throw err;
  }
  for (let turn = 0; turn < 4; turn++) await undefined;
  return moduleWrap.moduleNamespace(record.id);
}
// An import() whose module the module.register() hooks never resolve or load stays pending.
async function importThroughHooks(specifier, referrer, attributes) {
  try {
    return await importModule(specifier, referrer, attributes);
  } catch (err) {
    if ((asyncModuleHooks ??= require('internal/async_module_hooks')).isNeverSettled(err)) await new Promise(() => {});
    throw err;
  }
}

// import.source(specifier) from the script or module named `referrer`: the module's source
// object (a WebAssembly module's WebAssembly.Module); the module is compiled, not run.
async function importSource(specifier, referrer, attributes) {
  const parentURL = referrerURL(referrer);
  await undefined;
  const resolved = resolveRequest(`${specifier}`, parentURL, attributes);
  const record = loadGraph(resolved.url, resolved.importAttributes ?? attributes, resolved.format, undefined, 'source');
  return moduleWrap.moduleSourceObject(record.id);
}

// import() (or import.source() in the 'source' phase) as V8 asks for it, traced on the
// module.import channel.
let importTracing;
internals.importModule = function importDynamically(specifier, referrer, attributes, vmKey, global, phase = 'evaluation') {
  if (phase === 'source') return importSource(specifier, referrer, attributes);
  // Made once, as node's loader does.
  importTracing ??= require('diagnostics_channel').tracingChannel('module.import');
  if (!importTracing.hasSubscribers) return importThroughHooks(specifier, referrer, attributes);
  const context = { __proto__: null, parentURL: referrerURL(referrer), url: `${specifier}` };
  return importTracing.tracePromise(importThroughHooks, context, undefined, specifier, referrer, attributes);
};

function markEvaluated(record) {
  if (record.evaluated) return;
  record.evaluated = true;
  evaluationTargets(record).forEach(markEvaluated);
}

let mainURL;

internals.initImportMeta = function (meta, url) {
  const instantiate = wasmInstantiators.get(url);
  if (instantiate !== undefined) {
    meta.instantiate = instantiate;
    return;
  }
  if (url.startsWith('file:')) {
    const filename = fileURLToPath(url);
    meta.dirname = path.dirname(filename);
    meta.filename = filename;
  }
  meta.main = url === mainURL;
  // (Not in the modules of the hooks thread, whose hooks cannot wait on themselves.)
  if (!require('worker_threads').isInternalThread) meta.resolve = importMetaResolveParentEnabled ? function resolveSpecifier(specifier, parentURL = url) {
    if (typeof parentURL !== 'string' && !(parentURL instanceof URL)) {
      throw invalidArgType('parentURL', 'of type string or an instance of URL', parentURL);
    }
    return resolveForMeta(`${specifier}`, `${parentURL}`);
  } : function resolveSpecifier(specifier) {
    return resolveForMeta(`${specifier}`, url);
  };
  meta.url = url;
};

// import.meta.resolve(): a file that is not there (or a directory) still resolves to its URL.
function resolveForMeta(specifier, parentURL) {
  try {
    return resolveRequest(specifier, parentURL).url;
  } catch (err) {
    if ((err?.code === 'ERR_MODULE_NOT_FOUND' || err?.code === 'ERR_UNSUPPORTED_DIR_IMPORT') && typeof err.url === 'string') {
      return err.url;
    }
    throw err;
  }
}

// Runs --eval's code as the main ES module, named [eval1] in the current directory.
let evalURL;

function runEvalModule(code, isMain) {
  const url = evalURL = new URL('[eval1]', pathToFileURL(path.join(tryGetCwd(), '/'))).href;
  const created = [];
  try {
    load(url, 'module', created, code);
  } catch (err) {
    created.forEach((key) => records.delete(key));
    throw err;
  }
  runMainURL(url, isMain);
}

// Runs `filename` as the main ES module.
function runMainModule(filename) {
  runEntryURL(pathToFileURL(filename).href);
}

// Runs the entry point at `url` (a file, not string input) as the main ES module.
function runEntryURL(url) {
  if (internals.getOptionValue('--input-type')) {
    throw codedError(Error, 'ERR_INPUT_TYPE_NOT_ALLOWED', '--input-type can only be used with string input via --eval, --print, or STDIN');
  }
  runMainURL(url);
}

// A top-level await of the main module that never settles ends the process with 13 and
// node's warning naming each await still pending.
function runMainURL(url, isMain = true) {
  if (isMain) mainURL = url;
  let settled = false;
  internals.beforeNaturalExit = () => {
    const record = records.get(url);
    if (settled || (process.exitCode !== undefined && process.exitCode !== 0)) return;
    process.exitCode = 13;
    if (record === undefined || !internals.getOptionValue('--warnings')) return;
    for (const [stalledURL, line, sourceLine, column] of moduleWrap.moduleStalledAwaits(record.id)) {
      processMethods.print(2, `Warning: Detected unsettled top-level await at ${stalledURL}:${line}\n` +
        `${sourceLine}\n${' '.repeat(column)}^\n\n\n\n`);
    }
  };
  importThroughHooks(url, url).then(() => {
    settled = true;
  }, (err) => {
    settled = true;
    processMethods.triggerUncaughtException(err, false);
  });
}

const kRejected = 2;
// V8's module status while the module's code runs (vmModuleStatus).
const kEvaluating = 3;

const commonJSGlobals = /^(?:exports|require|module|__filename|__dirname) is not defined$/;

// Node's hint on a CommonJS variable used in an ES module: `X is not defined in ES module
// scope`, and why a .js file is an ES module.
function explainCommonJSGlobal(err, url) {
  if (err?.name !== 'ReferenceError' || !commonJSGlobals.test(err.message)) return;
  err.message += ' in ES module scope';
  if (err.message.startsWith('require ')) err.message += ', you can use import instead';
  if (url.startsWith('file:') && /\.js(?:\?[^#]*)?(?:#.*)?$/.test(url)) {
    const scope = packageScope(fileURLToPath(url));
    if (scope.type === 'module') {
      err.message += `\nThis file is being treated as an ES module because it has a '.js' file extension and ` +
        `'${scope.manifest}' contains "type": "module". To treat it as a CommonJS script, rename it to use the '.cjs' file extension.`;
    }
  }
}

// require() of an ES module from `parent` (a CommonJS module): its namespace, when the
// graph has no top-level await. `customized`: { url, source } when module customization
// hooks resolved it (and loaded its source).
function requireModule(filename, parent, customized) {
  const url = customized?.url ?? pathToFileURL(filename).href;
  if (importPending.has(recordOf(url, undefined))) {
    throw codedError(Error, 'ERR_REQUIRE_ESM_RACE_CONDITION', `Cannot require() ES Module ${filename} because it is not ` +
      'yet fully loaded.\nThis may be caused by a race condition if the module is simultaneously dynamically import()-ed ' +
      'via Promise.all().\nTry await-ing the import() sequentially in a loop instead.\n' +
      ` (From ${parent?.filename ?? 'an unknown module'} in non-loader-hook thread)`);
  }
  let record;
  requiring = true;
  try {
    const loaded = customized?.source === undefined ? undefined : { format: 'module', source: customized.source };
    record = loadGraph(url, undefined, undefined, loaded);
  } finally {
    requiring = false;
  }
  if (moduleWrap.vmModuleStatus(record.id) === kEvaluating) {
    const from = parent?.filename ? ` (from ${parent.filename})` : '';
    throw codedError(Error, 'ERR_REQUIRE_CYCLE_MODULE', `Cannot require() ES Module ${filename} in a cycle.${from} A cycle ` +
      'involving require(esm) is not allowed to maintain invariants mandated by the ECMAScript specification. ' +
      'Try making at least part of the dependency in the graph lazily loaded.');
  }
  instantiate(record);
  if (moduleWrap.moduleIsGraphAsync(record.id)) {
    let message = 'require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the ' +
      'top-level await comes from, use --experimental-print-required-tla.';
    if (parent?.filename) message += `\n  From ${parent.filename} `;
    message += `\n  Requiring ${filename} `;
    throw codedError(Error, 'ERR_REQUIRE_ASYNC_MODULE', message);
  }
  markEvaluated(record);
  const evaluation = moduleWrap.moduleEvaluate(record.id);
  evaluation.catch(() => {});
  const [state, value] = utilBinding.promiseState(evaluation);
  if (state === kRejected) {
    explainCommonJSGlobal(value, url);
    throw value;
  }
  const namespace = moduleWrap.moduleNamespace(record.id);
  if ('module.exports' in namespace) return namespace['module.exports'];
  if (!('default' in namespace) || '__esModule' in namespace) return namespace;
  // Like node, mark a namespace with a default export as an ES module for transpiled
  // CommonJS consumers.
  if (record.requireWrapper === undefined) {
    const names = Object.keys(namespace);
    record.requireWrapper = moduleWrap.moduleSynthetic(`${url}#require`, ['__esModule', ...names],
      () => ({ ...namespace, __esModule: true }));
    moduleWrap.moduleInstantiate(record.requireWrapper);
    moduleWrap.moduleEvaluate(record.requireWrapper);
  }
  return moduleWrap.moduleNamespace(record.requireWrapper);
}

// module.syncBuiltinESMExports(): the builtins' ES module exports take the current values of
// their CommonJS exports' properties.
function syncBuiltinESMExports() {
  for (const record of records.values()) {
    if (record.builtin === undefined || !record.evaluated) continue;
    const { exports, names } = record.builtin;
    for (const name of names) moduleWrap.moduleSetExport(record.id, name, exports[name]);
  }
}

module.exports = {
  checkAttributes, codeOf, containsModuleSyntax, defaultLoad, defaultResolve, findPackageJSON, formatOf, resolve, importConditions, syncBuiltinESMExports, importModule, runEntryURL, runEvalModule, runMainModule, runMainURL, requireModule, resolveRequest, packageScope, packageType, resolvePackageWithoutExports, shouldRetryAsESM,
  looksLikeModule, requireModuleEnabled, stripTypes, stripTypesEnabled, transpileTypeScript, withoutHashbang, wrapperParams,
};
