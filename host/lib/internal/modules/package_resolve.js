'use strict';
// Node's package resolution through package.json "exports" and "imports" (PACKAGE_RESOLVE,
// PACKAGE_EXPORTS_RESOLVE, PACKAGE_IMPORTS_RESOLVE of the ESM resolution algorithm), with
// node's errors and deprecation warnings, for import and require alike. Packages without
// "exports" are left to the caller (`withoutExports`), as are package.json files that do not
// parse.
//
// `base`: the URL (a string) of what resolves, or undefined (require()'s node_modules lookups:
// node's errors then name no importer). Results are URL objects (file: or another scheme), or
// whatever `withoutExports` returned.

const path = require('path');
const { URL, fileURLToPath, pathToFileURL } = require('url');
const { codedError } = require('internal/errors');

const importerPath = (base) => (base === undefined ? undefined : base.startsWith('file:') ? fileURLToPath(base) : base);
const importedFrom = (base) => (base === undefined ? '' : ` imported from ${importerPath(base)}`);

// ---- package.json files (read once, as node does) ----

const configs = new Map();

// { pjsonPath, exists, invalid, name, exports, imports } of the package.json at `pjsonPath`.
function packageConfig(pjsonPath) {
  let config = configs.get(pjsonPath);
  if (config !== undefined) return config;
  config = { pjsonPath, exists: false, invalid: false, name: undefined, exports: undefined, imports: undefined };
  if (binding.statKind(pjsonPath) === 1) {
    config.exists = true;
    try {
      const { name, exports, imports } = JSON.parse(binding.readFile(pjsonPath));
      config.name = typeof name === 'string' ? name : undefined;
      config.exports = exports;
      config.imports = typeof imports === 'object' && imports !== null ? imports : undefined;
    } catch {
      config.invalid = true;
    }
  }
  configs.set(pjsonPath, config);
  return config;
}

// The package.json whose scope `filename` is in (none past a node_modules folder).
function scopeConfig(filename) {
  for (let dir = path.dirname(filename); ; dir = path.dirname(dir)) {
    if (path.basename(dir) === 'node_modules') return undefined;
    const config = packageConfig(path.join(dir, 'package.json'));
    if (config.exists) return config;
    if (dir === '/' || dir === '.') return undefined;
  }
}

// ---- errors ----

const packageFolder = (pjsonPath) => pjsonPath.slice(0, -'package.json'.length);

function pathNotExported(subpath, pjsonPath, base) {
  return codedError(Error, 'ERR_PACKAGE_PATH_NOT_EXPORTED', subpath === '.'
    ? `No "exports" main defined in ${pjsonPath}${importedFrom(base)}`
    : `Package subpath '${subpath}' is not defined by "exports" in ${pjsonPath}${importedFrom(base)}`);
}

function invalidPackageTarget(key, target, pjsonPath, internal, base) {
  target = typeof target === 'object' && target !== null ? JSON.stringify(target, null, '') : `${target}`;
  const mustStart = !internal && target.length > 0 && !target.startsWith('./') ? '; targets must start with "./"' : '';
  const where = `in the package config ${pjsonPath}${importedFrom(base)}${mustStart}`;
  return codedError(Error, 'ERR_INVALID_PACKAGE_TARGET', key === '.'
    ? `Invalid "exports" main target ${JSON.stringify(target)} defined ${where}`
    : `Invalid "${internal ? 'imports' : 'exports'}" target ${JSON.stringify(target)} defined for '${key}' ${where}`);
}

function invalidSpecifier(request, reason, base) {
  return codedError(TypeError, 'ERR_INVALID_MODULE_SPECIFIER', `Invalid module "${request}" ${reason}${importedFrom(base)}`);
}

function invalidPackageConfig(pjsonPath, base, message) {
  const err = new Error(`Invalid package config ${pjsonPath}${base === undefined ? '' : ` while importing ${base}`}. ${message}`);
  err.code = 'ERR_INVALID_PACKAGE_CONFIG';
  return err;
}

function importNotDefined(specifier, pjsonPath, base) {
  return codedError(TypeError, 'ERR_PACKAGE_IMPORT_NOT_DEFINED', `Package import specifier "${specifier}" is not defined` +
    `${pjsonPath === undefined ? '' : ` in package ${pjsonPath}`}${importedFrom(base)}`);
}

// ---- deprecations ----

const warnedTrailingSlashes = new Set();

// DEP0155: a subpath ending in "/" matched against a pattern.
function warnTrailingSlashPattern(subpath, pjsonPath, base) {
  if (warnedTrailingSlashes.has(`${pjsonPath}|${subpath}`)) return;
  warnedTrailingSlashes.add(`${pjsonPath}|${subpath}`);
  process.emitWarning(`Use of deprecated trailing slash pattern mapping "${subpath}" in the "exports" field module ` +
    `resolution of the package at ${pjsonPath}${importedFrom(base)}. Mapping specifiers ending in "/" is no longer supported.`,
  'DeprecationWarning', 'DEP0155');
}

// DEP0166: an empty segment (a double, leading or trailing slash) in a target or in what a
// pattern's "*" matched.
function warnEmptySegment(target, request, key, pjsonPath, internal, base, inTarget) {
  const double = /[/\\][/\\]/.test(inTarget ? target : request);
  process.emitWarning(`Use of deprecated ${double ? 'double slash' : 'leading or trailing slash matching'} resolving ` +
    `"${target}" for module request "${request}" ${request === key ? '' : `matched to "${key}" `}in the ` +
    `"${internal ? 'imports' : 'exports'}" field module resolution of the package at ${pjsonPath}${importedFrom(base)}.`,
  'DeprecationWarning', 'DEP0166');
}

// ---- targets ----

// A `.`, `..` or node_modules segment (percent-encoded or not), or an empty one.
const invalidOrEmptySegment = /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))?(\\|\/|$)/i;
const invalidSegment = /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))(\\|\/|$)/i;

// The resolution state one "exports" or "imports" lookup shares.
// { pjsonPath, base, conditions, internal, withoutExports, trailingSlash }

function resolveTargetString(lookup, target, subpath, key, pattern) {
  const { pjsonPath, base, internal } = lookup;
  const fail = () => invalidPackageTarget(key, target, pjsonPath, internal, base);
  const substituted = (text) => (pattern ? text.replace(/\*/g, () => subpath) : text + subpath);
  if (subpath !== '' && !pattern && !target.endsWith('/')) throw fail();
  if (!target.startsWith('./')) {
    // An "imports" target may name a package (or its subpath).
    if (internal && !target.startsWith('../') && !target.startsWith('/') && !URL.canParse(target)) {
      return packageResolve(substituted(target), pathToFileURL(pjsonPath).href, lookup.conditions, lookup.withoutExports);
    }
    throw fail();
  }
  if (invalidOrEmptySegment.test(target.slice(2))) {
    if (invalidSegment.test(target.slice(2))) throw fail();
    const request = pattern ? key.replace('*', () => subpath) : key + subpath;
    if (!lookup.trailingSlash) {
      warnEmptySegment(pattern ? target.replace(/\*/g, () => subpath) : target, request, key, pjsonPath, internal, base, true);
    }
  }
  const packageURL = pathToFileURL(pjsonPath);
  const resolved = new URL(target, packageURL);
  if (!resolved.pathname.startsWith(new URL('.', packageURL).pathname)) throw fail();
  if (subpath === '') return resolved;
  if (invalidOrEmptySegment.test(subpath)) {
    const request = pattern ? key.replace('*', () => subpath) : key + subpath;
    if (invalidSegment.test(subpath)) {
      throw invalidSpecifier(request, `request is not a valid match in pattern "${key}" for the ` +
        `"${internal ? 'imports' : 'exports'}" resolution of ${pjsonPath}`, base);
    }
    if (!lookup.trailingSlash) {
      warnEmptySegment(pattern ? target.replace(/\*/g, () => subpath) : target, request, key, pjsonPath, internal, base, false);
    }
  }
  return pattern ? new URL(resolved.href.replace(/\*/g, () => subpath)) : new URL(subpath, resolved);
}

const isArrayIndex = (key) => `${+key}` === key && +key >= 0 && +key < 0xFFFF_FFFF;

// A URL, null (explicitly nothing) or undefined (no condition matched).
function resolveTarget(lookup, target, subpath, key, pattern) {
  if (typeof target === 'string') return resolveTargetString(lookup, target, subpath, key, pattern);
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let lastError;
    for (let i = 0; i < target.length; i++) {
      let result;
      try {
        result = resolveTarget(lookup, target[i], subpath, key, pattern);
      } catch (err) {
        lastError = err;
        if (err.code === 'ERR_INVALID_PACKAGE_TARGET') continue;
        throw err;
      }
      if (result === undefined) continue;
      if (result === null) {
        lastError = null;
        continue;
      }
      return result;
    }
    if (lastError === undefined || lastError === null) return lastError;
    throw lastError;
  }
  if (typeof target === 'object' && target !== null) {
    const keys = Object.getOwnPropertyNames(target);
    if (keys.some(isArrayIndex)) {
      throw invalidPackageConfig(lookup.pjsonPath, lookup.base, '"exports" cannot contain numeric property keys.');
    }
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== 'default' && !lookup.conditions.has(keys[i])) continue;
      const result = resolveTarget(lookup, target[keys[i]], subpath, key, pattern);
      if (result !== undefined) return result;
    }
    return undefined;
  }
  if (target === null) return null;
  throw invalidPackageTarget(key, target, lookup.pjsonPath, lookup.internal, lookup.base);
}

// Node's order of pattern keys: the longer prefix first, then the longer key.
function comparePatternKeys(a, b) {
  const aStar = a.indexOf('*');
  const bStar = b.indexOf('*');
  const aBase = aStar === -1 ? a.length : aStar + 1;
  const bBase = bStar === -1 ? b.length : bStar + 1;
  if (aBase !== bBase) return aBase > bBase ? -1 : 1;
  if (aStar === -1) return 1;
  if (bStar === -1) return -1;
  if (a.length !== b.length) return a.length > b.length ? -1 : 1;
  return 0;
}

// The pattern key of `map` that matches `request` best: [key, what its "*" stands for].
function bestPattern(map, request, onPrefixMatch) {
  let best = '';
  let bestSubpath;
  const keys = Object.getOwnPropertyNames(map);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const star = key.indexOf('*');
    if (star === -1 || !request.startsWith(key.slice(0, star))) continue;
    onPrefixMatch?.();
    const trailer = key.slice(star + 1);
    if (request.length >= key.length && request.endsWith(trailer) && comparePatternKeys(best, key) === 1 &&
        key.lastIndexOf('*') === star) {
      best = key;
      bestSubpath = request.slice(star, request.length - trailer.length);
    }
  }
  return [best, bestSubpath];
}

// Whether "exports" is the main entry point's target alone (a string, an array, or an object
// of conditions).
function isMainSugar(exports, lookup) {
  if (typeof exports === 'string' || Array.isArray(exports)) return true;
  if (typeof exports !== 'object' || exports === null) return false;
  const keys = Object.getOwnPropertyNames(exports);
  let sugar = false;
  for (let i = 0; i < keys.length; i++) {
    const conditionKey = keys[i] === '' || keys[i][0] !== '.';
    if (i === 0) {
      sugar = conditionKey;
    } else if (sugar !== conditionKey) {
      throw invalidPackageConfig(lookup.pjsonPath, lookup.base, '"exports" cannot contain some keys starting with \'.\' ' +
        'and some not. The exports object must either be an object of package subpath keys or an object of main entry ' +
        'condition name keys only.');
    }
  }
  return sugar;
}

function packageExportsResolve(config, subpath, base, conditions, withoutExports) {
  const lookup = { pjsonPath: config.pjsonPath, base, conditions, internal: false, withoutExports };
  let exports = config.exports;
  if (isMainSugar(exports, lookup)) exports = { '.': exports };
  if (Object.prototype.hasOwnProperty.call(exports, subpath) && !subpath.includes('*') && !subpath.endsWith('/')) {
    const result = resolveTarget(lookup, exports[subpath], '', subpath, false);
    if (result == null) throw pathNotExported(subpath, config.pjsonPath, base);
    return result;
  }
  const [key, patternSubpath] = bestPattern(exports, subpath, () => {
    if (subpath.endsWith('/')) warnTrailingSlashPattern(subpath, config.pjsonPath, base);
  });
  // (A subpath ending in "/" got DEP0155 instead of DEP0166.)
  lookup.trailingSlash = subpath.endsWith('/');
  const result = key ? resolveTarget(lookup, exports[key], patternSubpath, key, true) : undefined;
  if (result == null) throw pathNotExported(subpath, config.pjsonPath, base);
  return result;
}

// `#name` through the "imports" of the package `base` is in.
function packageImportsResolve(name, base, conditions, withoutExports) {
  if (name === '#' || name.endsWith('/')) {
    throw invalidSpecifier(name, 'is not a valid internal imports specifier name', base);
  }
  const config = scopeConfig(importerPath(base));
  if (config?.imports !== undefined) {
    const lookup = { pjsonPath: config.pjsonPath, base, conditions, internal: true, withoutExports };
    const { imports } = config;
    let result;
    if (Object.prototype.hasOwnProperty.call(imports, name) && !name.includes('*')) {
      result = resolveTarget(lookup, imports[name], '', name, false);
    } else {
      const [key, subpath] = bestPattern(imports, name);
      if (key) result = resolveTarget(lookup, imports[key], subpath, key, true);
    }
    if (result != null) return result;
  }
  throw importNotDefined(name, config?.pjsonPath, base);
}

// `name` and `./subpath` of a bare specifier.
function parsePackageName(specifier, base) {
  let separator = specifier.indexOf('/');
  let valid = true;
  if (specifier[0] === '@') {
    if (separator === -1) valid = false;
    else separator = specifier.indexOf('/', separator + 1);
  }
  const name = separator === -1 ? specifier : specifier.slice(0, separator);
  if (!valid || /^\.|%|\\/.test(name)) throw invalidSpecifier(specifier, 'is not a valid package name', base);
  return { name, subpath: `.${separator === -1 ? '' : specifier.slice(separator)}` };
}

// A bare specifier: the package itself when `base` is in it, else node_modules/<name> in
// the nearest folder up from `base` that has it. Through its "exports" when it has them,
// else `withoutExports(specifier, base)`.
function packageResolve(specifier, base, conditions, withoutExports, builtins = true) {
  const { Module } = require('internal/module');
  if (builtins && Module.isBuiltin(specifier) && !specifier.startsWith('node:') && Module.isBuiltin(`node:${specifier}`)) {
    return new URL(`node:${specifier}`);
  }
  const { name, subpath } = parsePackageName(specifier, base);
  const from = importerPath(base);
  const self = scopeConfig(from);
  if (self?.name === name && self.exports != null && !self.invalid) {
    return packageExportsResolve(self, subpath, base, conditions, withoutExports);
  }
  for (let dir = base.endsWith('/') ? from : path.dirname(from); ; dir = path.dirname(dir)) {
    const folder = path.join(dir, 'node_modules', name);
    if (binding.statKind(folder) === 2) {
      const config = packageConfig(path.join(folder, 'package.json'));
      if (config.exports == null || config.invalid) break;
      return packageExportsResolve(config, subpath, base, conditions, withoutExports);
    }
    if (dir === '/' || dir === '.') break;
  }
  return withoutExports(specifier, base);
}

// ---- require() ----

// require()'s conditions (a resolve hook may give others).
function requireConditions(conditions) {
  if (conditions !== undefined) return new Set(conditions);
  const names = ['require', 'node', 'module-sync', ...(internals.getOptionValue('--conditions') ?? [])];
  if (binding.permission().addonsEnabled()) names.push('node-addons');
  return new Set(names);
}

function moduleNotFound(request, pjsonPath) {
  const err = new Error(`Cannot find module '${request}'`);
  err.code = 'MODULE_NOT_FOUND';
  if (pjsonPath !== undefined) err.path = pjsonPath;
  return err;
}

// The file an "exports" or "imports" resolution names, for require(): it must be there.
function finalizeForRequire(resolved, parentPath, pjsonPath, preserveSymlinks) {
  const url = typeof resolved === 'string' ? new URL(resolved) : resolved;
  if (/%2f|%5c/i.test(url.href)) throw invalidSpecifier(url.href, 'must not include encoded "/" or "\\" characters', parentPath);
  const filename = fileURLToPath(url);
  if (binding.statKind(filename) === 1) return preserveSymlinks ? filename : binding.realpath(filename);
  throw moduleNotFound(filename, pjsonPath);
}

// require(`request`) through "exports" or "imports": the file name, or undefined when
// neither applies (the package has no "exports", `request` names no package with them
// before the first folder that has it, ...). `parentPath`: the requiring file, if any;
// `lookupPaths`: the node_modules folders to look in.
function resolveForRequire(request, parentPath, lookupPaths, options) {
  const { conditions, preserveSymlinks, withoutExports } = options;
  const conditionSet = requireConditions(conditions);
  const notFoundAs = (pjsonPath, fn) => {
    try {
      return fn();
    } catch (err) {
      if (err.code === 'ERR_MODULE_NOT_FOUND') throw moduleNotFound(request, pjsonPath);
      throw err;
    }
  };
  const scope = parentPath ? scopeConfig(parentPath) : undefined;
  const base = parentPath ? pathToFileURL(parentPath).href : undefined;
  if (request[0] === '#') {
    if (scope?.imports === undefined) return undefined;
    return notFoundAs(undefined, () => finalizeForRequire(packageImportsResolve(request, base, conditionSet, withoutExports),
      parentPath, scope.pjsonPath, preserveSymlinks));
  }
  const match = /^((?:@[^/\\%]+\/)?[^./\\%][^/\\%]*)(\/.*)?$/.exec(request);
  if (match === null) return undefined;
  const [, name, rest = ''] = match;
  if (scope?.name === name && scope.exports != null && !scope.invalid) {
    return notFoundAs(scope.pjsonPath, () => finalizeForRequire(packageExportsResolve(scope, `.${rest}`, base, conditionSet, withoutExports),
      parentPath, scope.pjsonPath, preserveSymlinks));
  }
  for (let i = 0; i < lookupPaths.length; i++) {
    const folder = path.resolve(lookupPaths[i], name);
    const kind = binding.statKind(folder);
    if (kind === 2) {
      const config = packageConfig(path.join(folder, 'package.json'));
      if (config.exports == null || config.invalid) return undefined;
      return notFoundAs(config.pjsonPath, () => finalizeForRequire(packageExportsResolve(config, `.${rest}`, undefined, conditionSet, withoutExports),
        undefined, config.pjsonPath, preserveSymlinks));
    }
    // (A file named like the package, with or without an extension, is found first.)
    if (kind === 1 || (rest === '' && ['.js', '.json', '.node'].some((extension) => binding.statKind(folder + extension) === 1))) {
      return undefined;
    }
  }
  return undefined;
}

module.exports = { packageResolve, packageImportsResolve, resolveForRequire };
