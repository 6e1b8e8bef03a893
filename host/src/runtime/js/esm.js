'use strict';
// The ES module loader: resolution with node's ESM rules, formats (module, commonjs, json,
// builtin), the graph walk, dynamic import(), import.meta and require() of ES modules.
// V8 compiles, links and evaluates (runtime/modules.rs); modules are cached by URL.

const path = require('path');
const { URL, fileURLToPath, pathToFileURL } = require('url');

// Lazily: internal/module requires this module.
const cjs = () => require('internal/module');

const { codedError } = require('internal/errors');

// ---- resolution ----

function parentPath(parentURL) {
  return parentURL.startsWith('file:') ? fileURLToPath(parentURL) : parentURL;
}

function resolve(specifier, parentURL) {
  if (specifier.startsWith('node:')) {
    if (cjs().Module.isBuiltin(specifier)) return specifier;
    throw codedError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${specifier}`);
  }
  if (cjs().Module.isBuiltin(specifier)) return `node:${specifier}`;
  let url;
  if (specifier.startsWith('/') || specifier.startsWith('./') || specifier.startsWith('../') ||
      specifier === '.' || specifier === '..') {
    url = new URL(specifier, parentURL);
  } else if (/^[a-zA-Z][a-zA-Z\d+.-]*:/.test(specifier)) {
    url = new URL(specifier);
    if (url.protocol === 'data:') return url.href;
    if (url.protocol !== 'file:') {
      throw codedError(Error, 'ERR_UNSUPPORTED_ESM_URL_SCHEME',
        `Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol '${url.protocol}'`);
    }
  } else {
    return resolvePackage(specifier, parentURL);
  }
  const filename = fileURLToPath(url);
  const kind = binding.statKind(filename);
  if (kind === 2 && !filename.endsWith('/')) {
    throw codedError(Error, 'ERR_UNSUPPORTED_DIR_IMPORT', `Directory import '${filename}' is not supported resolving ` +
      `ES modules imported from ${parentPath(parentURL)}${commonJSHint(specifier, filename, parentURL)}`);
  }
  if (kind !== 1) {
    const err = codedError(Error, 'ERR_MODULE_NOT_FOUND', `Cannot find module '${filename}' imported from ` +
      `${parentPath(parentURL)}${commonJSHint(specifier, filename, parentURL)}`);
    err.url = url.href;
    throw err;
  }
  if (internals.getOptionValue('--preserve-symlinks')) return url.href;
  const real = pathToFileURL(binding.realpath(filename));
  real.search = url.search;
  real.hash = url.hash;
  return real.href;
}

// Node's hint when require() would have found the file: `Did you mean to import "./x.js"?`.
function commonJSHint(specifier, filename, parentURL) {
  const found = binding.resolve(filename, '/', false);
  if (typeof found !== 'string') return '';
  let hint = found;
  if ((specifier.startsWith('./') || specifier.startsWith('../')) && parentURL.startsWith('file:')) {
    hint = path.relative(path.dirname(fileURLToPath(parentURL)), found);
    if (!hint.startsWith('../')) hint = `./${hint}`;
  }
  return `\nDid you mean to import ${JSON.stringify(hint)}?`;
}

function resolvePackage(specifier, parentURL) {
  const from = parentURL.startsWith('file:') ? path.dirname(fileURLToPath(parentURL)) : process.cwd();
  const result = binding.resolve(specifier, from, true, internals.getOptionValue('--preserve-symlinks'));
  if (typeof result === 'string') return pathToFileURL(result).href;
  const [code, message] = result;
  if (code !== 'MODULE_NOT_FOUND') throw codedError(Error, code, message);
  const name = specifier.startsWith('@') ? specifier.split('/', 2).join('/') : specifier.split('/', 1)[0];
  throw codedError(Error, 'ERR_MODULE_NOT_FOUND', `Cannot find package '${name}' imported from ${parentPath(parentURL)}`);
}

// The URL a script or module named `referrer` (a file name, a URL or '[eval]') imports from.
function referrerURL(referrer) {
  if (typeof referrer !== 'string' || referrer === '' || referrer.startsWith('[eval')) {
    return pathToFileURL(path.join(process.cwd(), '[eval]')).href;
  }
  if (referrer.startsWith('file:') || referrer.startsWith('node:')) return referrer;
  return pathToFileURL(referrer).href;
}

// ---- formats ----

const packageTypes = new Map();

// The "type" of the package.json nearest to `filename`: 'module' or 'commonjs'.
function packageType(filename) {
  const seen = [];
  let type = 'commonjs';
  for (let dir = path.dirname(filename); ; dir = path.dirname(dir)) {
    const cached = packageTypes.get(dir);
    if (cached !== undefined) {
      type = cached;
      break;
    }
    seen.push(dir);
    const manifest = path.join(dir, 'package.json');
    if (binding.statKind(manifest) === 1) {
      try {
        type = JSON.parse(binding.readFile(manifest)).type === 'module' ? 'module' : 'commonjs';
      } catch {
        type = 'commonjs';
      }
      break;
    }
    if (dir === '/' || dir === '.') break;
  }
  for (const dir of seen) packageTypes.set(dir, type);
  return type;
}

// data: URLs: [mime type, source text].
function parseDataURL(url) {
  const match = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,(.*)$/s.exec(url);
  if (!match) throw codedError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
  const body = match[3] ? Buffer.from(decodeURIComponent(match[4]), 'base64').toString() : decodeURIComponent(match[4]);
  return [match[1], body];
}

const dataFormats = { 'text/javascript': 'module', 'application/json': 'json' };

function formatOf(url) {
  if (url.startsWith('node:')) return 'builtin';
  if (url.startsWith('data:')) {
    const [mime] = parseDataURL(url);
    const format = dataFormats[mime];
    if (format) return format;
    throw codedError(RangeError, 'ERR_UNKNOWN_MODULE_FORMAT', `Unknown module format: ${mime} for URL ${url}`);
  }
  const filename = fileURLToPath(url);
  const extension = path.extname(filename);
  switch (extension) {
    case '.mjs': return 'module';
    case '.cjs': return 'commonjs';
    case '.json': return 'json';
    case '.js':
    case '': return packageType(filename);
    default:
      throw codedError(TypeError, 'ERR_UNKNOWN_FILE_EXTENSION', `Unknown file extension "${extension}" for ${filename}`);
  }
}

function checkAttributes(url, format, type) {
  if (type !== undefined && type !== 'json') {
    throw codedError(TypeError, 'ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED', `Import attribute type "${type}" is unsupported`);
  }
  if (format === 'json' && type === undefined) {
    throw codedError(TypeError, 'ERR_IMPORT_ASSERTION_TYPE_MISSING', `Module "${url}" needs an import attribute of type "json"`);
  }
  if (format !== 'json' && type === 'json') {
    throw codedError(TypeError, 'ERR_IMPORT_ASSERTION_TYPE_FAILED', `Module "${url}" is not of type "json"`);
  }
}

// ---- CommonJS named exports, found the way node's cjs-module-lexer finds them ----

const identifier = '[A-Za-z_$][\\w$]*';
const exportsRef = '(?<![\\w$.])(?:module\\s*\\.\\s*)?exports';
// exports.name = …, exports['name'] = …, Object.defineProperty(exports, 'name', { value | get
// returning an identifier or member expression }); the name is group 1 or a string index.
const assignPattern = new RegExp([
  `${exportsRef}\\s*\\.\\s*(${identifier})\\s*=(?!=)`,
  `${exportsRef}\\s*\\[\\s*'(\\d+)'\\s*\\]\\s*=(?!=)`,
  `Object\\.defineProperty\\(\\s*${exportsRef}\\s*,\\s*'(\\d+)'\\s*,\\s*\\{\\s*(?:enumerable\\s*:\\s*true\\s*,\\s*)?` +
    `(?:value\\s*:|get\\s*(?::\\s*function\\s*)?\\(\\s*\\)\\s*\\{\\s*return\\s+${identifier}(?:\\s*\\.\\s*${identifier})*\\s*;?\\s*\\})`,
].join('|'), 'g');
const requireCall = `require\\s*\\(\\s*'(\\d+)'\\s*\\)`;
// module.exports = require('x'), TypeScript's __exportStar(require('x')) and __export(require('x')).
const reexportPattern = new RegExp(
  `(?:(?<![\\w$.])module\\s*\\.\\s*exports\\s*=\\s*|__exportStar\\(\\s*|__export\\(\\s*)${requireCall}`, 'g');

// The source with comments removed and every string literal replaced by `'<index>'` into
// `strings`, so that text inside strings and comments is never taken for code.
function tokenize(source) {
  const strings = [];
  let code = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
      code += ' ';
    } else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== ch) j += source[j] === '\\' ? 2 : 1;
      if (ch === '`') {
        code += '``';
      } else {
        code += `'${strings.length}'`;
        strings.push(source.slice(i + 1, j));
      }
      i = j + 1;
    } else {
      code += ch;
      i++;
    }
  }
  return { code, strings };
}

// `module.exports = { a, b: c, 'd': e, ...require('x') }`: names up to the first entry
// that is not one of those simple shapes.
function objectLiteralExports(code, strings, names, reexports) {
  const start = new RegExp(`(?<![\\w$.])module\\s*\\.\\s*exports\\s*=\\s*\\{`, 'g');
  const entry = new RegExp(`^\\s*(?:\\.\\.\\.\\s*${requireCall}|(${identifier})|'(\\d+)')` +
    `(?:\\s*:\\s*${identifier})?\\s*(,|\\})`);
  for (const match of code.matchAll(start)) {
    let rest = code.slice(match.index + match[0].length);
    for (;;) {
      const found = entry.exec(rest);
      if (!found) break;
      if (found[1] !== undefined) reexports.push(strings[found[1]]);
      else names.add(found[2] ?? strings[found[3]]);
      rest = rest.slice(found[0].length);
      if (found[4] === '}') break;
    }
  }
}

function cjsExportNames(filename, seen = new Set()) {
  const names = new Set();
  if (seen.has(filename)) return names;
  seen.add(filename);
  let tokens;
  try {
    tokens = tokenize(binding.readFile(filename));
  } catch {
    return names;
  }
  const { code, strings } = tokens;
  for (const match of code.matchAll(assignPattern)) names.add(match[1] ?? strings[match[2] ?? match[3]]);
  const reexports = [];
  for (const match of code.matchAll(reexportPattern)) reexports.push(strings[match[1]]);
  objectLiteralExports(code, strings, names, reexports);
  for (const request of reexports) {
    const target = binding.resolve(request, path.dirname(filename), false);
    if (typeof target === 'string' && /\.c?js$/.test(target)) {
      for (const name of cjsExportNames(target, seen)) names.add(name);
    }
  }
  names.delete('default');
  return names;
}

// ---- records and the graph ----

const records = new Map();

function syntheticRecord(url, format, names, values) {
  const id = binding.moduleSynthetic(url, ['default', ...names], values);
  return { id, url, format };
}

function commonjsValues(filename, names) {
  return () => {
    const exports = cjs().Module._load(filename, undefined, false);
    const values = { default: exports };
    for (const name of names) values[name] = exports?.[name];
    return values;
  };
}

// Code from -e or stdin run as a module (--input-type=module), by URL.
const evalSources = new Map();

// The source text of a file: or data: URL.
function sourceOf(url) {
  const evalSource = evalSources.get(url);
  if (evalSource !== undefined) return evalSource;
  return url.startsWith('data:') ? parseDataURL(url)[1] : binding.readFile(fileURLToPath(url));
}

function createRecord(url, format) {
  switch (format) {
    case 'module': {
      const [id, specifiers, types] = binding.moduleCompile(sourceOf(url), url);
      return { id, url, format, specifiers, types };
    }
    case 'commonjs': {
      const filename = fileURLToPath(url);
      const names = [...cjsExportNames(filename)];
      return syntheticRecord(url, format, names, commonjsValues(filename, names));
    }
    case 'json':
      return syntheticRecord(url, format, [], () => {
        const content = sourceOf(url);
        try {
          return { default: JSON.parse(content) };
        } catch (err) {
          err.message = `${url.startsWith('file:') ? fileURLToPath(url) : url}: ${err.message}`;
          throw err;
        }
      });
    case 'builtin': {
      const exports = internals.requireBuiltin(url.slice(5));
      const names = Object.keys(exports).filter((name) => name !== 'default');
      return syntheticRecord(url, format, names, () => ({ ...exports, default: exports }));
    }
  }
}

// The record for `url` with everything it imports compiled and linked.
function loadGraph(url, type) {
  let record = records.get(url);
  const format = record?.format ?? formatOf(url);
  checkAttributes(url, format, type);
  if (record) return record;
  const created = [];
  try {
    record = load(url, format, created);
  } catch (err) {
    for (const url of created) records.delete(url);
    throw err;
  }
  return record;
}

function load(url, format, created) {
  const record = createRecord(url, format);
  records.set(url, record);
  created.push(url);
  if (format !== 'module') return record;
  const targets = record.specifiers.map((specifier, index) => {
    const target = resolve(specifier, url);
    const existing = records.get(target);
    const targetFormat = existing?.format ?? formatOf(target);
    checkAttributes(target, targetFormat, record.types[index]);
    return (existing ?? load(target, targetFormat, created)).id;
  });
  binding.moduleLink(record.id, record.specifiers, targets);
  return record;
}

// ---- entry points ----

// import(specifier) from the script or module named `referrer`.
async function importModule(specifier, referrer, type) {
  const url = resolve(`${specifier}`, referrerURL(referrer));
  // Node reads module files asynchronously: a module not loaded yet arrives in a later turn.
  if (!url.startsWith('node:') && !records.has(url)) await new Promise(setImmediate);
  const record = loadGraph(url, type);
  binding.moduleInstantiate(record.id);
  await binding.moduleEvaluate(record.id);
  return binding.moduleNamespace(record.id);
}
internals.importModule = importModule;

internals.initImportMeta = function (meta, url) {
  meta.url = url;
  if (url.startsWith('file:')) {
    const filename = fileURLToPath(url);
    meta.dirname = path.dirname(filename);
    meta.filename = filename;
  }
  meta.resolve = function resolveSpecifier(specifier) {
    return resolve(`${specifier}`, url);
  };
};

// Runs `filename` as the main ES module; a top-level await that never settles exits with 13.
function runMainModule(filename) {
  const url = pathToFileURL(filename).href;
  let settled = false;
  process.once('exit', (code) => {
    if (!settled && code === 0) process.exitCode = 13;
  });
  importModule(url, url).then(() => {
    settled = true;
  }, (err) => {
    settled = true;
    binding.triggerUncaughtException(err, false);
  });
}

// Runs code from -e or stdin as an ES module, named [eval1] in the working directory.
function evalModule(code) {
  const url = pathToFileURL(path.join(process.cwd(), '[eval1]')).href;
  evalSources.set(url, code);
  const created = [];
  let record;
  try {
    record = load(url, 'module', created);
  } catch (err) {
    for (const url of created) records.delete(url);
    throw err;
  }
  binding.moduleInstantiate(record.id);
  binding.moduleEvaluate(record.id).catch((err) => binding.triggerUncaughtException(err, false));
}

const kRejected = 2;

// require() of an ES module: its namespace, when the graph has no top-level await.
function requireModule(filename) {
  const url = pathToFileURL(filename).href;
  const record = loadGraph(url, undefined);
  binding.moduleInstantiate(record.id);
  if (binding.moduleIsGraphAsync(record.id)) {
    throw codedError(Error, 'ERR_REQUIRE_ASYNC_MODULE',
      'require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the ' +
      'top-level await comes from, use --experimental-print-required-tla.');
  }
  const evaluation = binding.moduleEvaluate(record.id);
  evaluation.catch(() => {});
  const [state, value] = binding.promiseState(evaluation);
  if (state === kRejected) throw value;
  const namespace = binding.moduleNamespace(record.id);
  if ('__esModule' in namespace) return namespace;
  // Like node, mark the namespace as an ES module for transpiled CommonJS consumers.
  const names = Object.keys(namespace);
  const wrapper = binding.moduleSynthetic(`${url}#require`, ['__esModule', ...names],
    () => ({ ...namespace, __esModule: true }));
  binding.moduleInstantiate(wrapper);
  binding.moduleEvaluate(wrapper);
  return binding.moduleNamespace(wrapper);
}

module.exports = { importModule, runMainModule, requireModule, packageType, evalModule };
