'use strict';
// Which modules' source maps are read (module.setSourceMapsSupport, process.setSourceMapsEnabled,
// --enable-source-maps), the maps read from their `//# sourceMappingURL=` comments, and
// module.findSourceMap. A CommonJS module's map lives as long as the module does.

const { validateBoolean, validateObject } = require('internal/errors');

let support = Object.freeze({ __proto__: null, enabled: false, nodeModules: false, generatedCode: false });

// url -> { moduleURL, payload (null when it could not be read), sourceMapURL (the comment's
// URL when it is an absolute one other than data:, which is not read), lineLengths, sourceMap
// (made when first asked for), module (a WeakRef to a CommonJS module, whose map goes when it
// does) }.
const cache = new Map();

function getSourceMapsSupport() {
  return support;
}

function setSourceMapsSupport(enabled, options = {}) {
  validateBoolean(enabled, 'enabled');
  validateObject(options, 'options');
  const { nodeModules = false, generatedCode = false } = options;
  validateBoolean(nodeModules, 'options.nodeModules');
  validateBoolean(generatedCode, 'options.generatedCode');
  support = Object.freeze({ __proto__: null, enabled, nodeModules, generatedCode });
}

// The URL of the last `//# name=` (or `/*# name=... */`) comment, as node reads it from the text.
function magicCommentURL(content, name) {
  let url = null;
  for (const match of content.matchAll(new RegExp(`/[*/]#\\s+${name}=([^\\s]+)`, 'g'))) url = match[1];
  return url;
}

function isUnderNodeModules(filename) {
  return /^(?:.*)[\\/]node_modules[\\/]/.test(filename);
}

// The sources as absolute URLs: each behind the map's sourceRoot (then emptied), an absolute
// path as its file URL, anything else resolved against `baseURL`. An index map has none to
// resolve and is refused, as node refuses it here.
function withAbsoluteSources(payload, baseURL) {
  const { URL, pathToFileURL } = require('url');
  payload.sources = payload.sources.map((source) => {
    source = (payload.sourceRoot || '') + source;
    return source.startsWith('/') ? pathToFileURL(source).href : new URL(source, baseURL).href;
  });
  payload.sourceRoot = '';
  return payload;
}

// The payload a sourceMappingURL names (a data: URL with JSON, or a file relative to the
// module), or null when there is none to read.
function readPayload(moduleURL, sourceMappingURL) {
  const { URL, fileURLToPath } = require('url');
  let url;
  try {
    url = new URL(sourceMappingURL);
  } catch {
    url = null;
  }
  try {
    if (url !== null) {
      if (url.protocol !== 'data:') return null;
      const [format, data = ''] = url.pathname.split(',');
      const parameters = format.split(';');
      if (parameters[0] !== 'application/json') return null;
      const text = parameters[parameters.length - 1] === 'base64' ? Buffer.from(data, 'base64').toString('utf8') : data;
      return withAbsoluteSources(JSON.parse(text), moduleURL);
    }
    const mapURL = new URL(sourceMappingURL, moduleURL).href;
    const text = require('fs').readFileSync(fileURLToPath(mapURL), 'utf8');
    return withAbsoluteSources(JSON.parse(text), mapURL);
  } catch {
    return null;
  }
}

function lineLengthsOf(content) {
  return content.split(/\n|\u2028|\u2029/).map((line) => line.length);
}

// The absolute URL a sourceMappingURL comment names, unless it is a data: URL (null then, and
// for a relative one).
function absoluteMapURL(sourceMappingURL) {
  try {
    const url = new (require('url').URL)(sourceMappingURL);
    return url.protocol === 'data:' ? null : url.href;
  } catch {
    return null;
  }
}

// Reads and keeps the source map of a module just compiled (`filename` a path or URL), when
// source maps are on for it (or NODE_V8_COVERAGE asks for them, to write beside the coverage),
// under its URL and its `//# sourceURL=` name. Maps of eval'd code are `generated`. `sourceMappingURL`
// is the magic comment as V8 read it; `module` the CommonJS module the map lives as long as.
function maybeCacheSourceMap(filename, content, sourceMappingURL, module, generated = false) {
  if (!support.enabled && !process.env.NODE_V8_COVERAGE) return;
  const { pathToFileURL } = require('url');
  const toURL = (name) => (name.startsWith('/') ? pathToFileURL(name).href : name);
  const moduleURL = toURL(filename);
  if (!support.nodeModules && isUnderNodeModules(moduleURL)) return;
  if (typeof sourceMappingURL !== 'string') return;
  const entry = {
    moduleURL,
    payload: readPayload(moduleURL, sourceMappingURL),
    sourceMapURL: absoluteMapURL(sourceMappingURL),
    lineLengths: lineLengthsOf(content),
    sourceMap: undefined,
    module: module === undefined ? undefined : new WeakRef(module),
    generated,
  };
  cache.set(moduleURL, entry);
  const sourceURL = magicCommentURL(content, 'sourceURL');
  if (sourceURL !== null) cache.set(/^\w+:\/\//.test(sourceURL) ? sourceURL : pathToFileURL(sourceURL).href, entry);
}

// eval'd and new Function code naming itself with `//# sourceURL=`: its map is kept under
// that name (node reads these whenever source maps are on, whatever `generatedCode` says).
internals.maybeCacheGeneratedSourceMap = function maybeCacheGeneratedSourceMap(content) {
  if (!support.enabled) return;
  const sourceURL = magicCommentURL(content, 'sourceURL');
  const sourceMappingURL = magicCommentURL(content, 'sourceMappingURL');
  if (sourceURL === null || sourceMappingURL === null) return;
  const { pathToFileURL } = require('url');
  try {
    maybeCacheSourceMap(/^\w+:\/\//.test(sourceURL) ? sourceURL : pathToFileURL(sourceURL).href, content, sourceMappingURL, undefined, true);
  } catch {
    // A sourceURL that is no URL has no map.
  }
};

function findSourceMap(sourceURL) {
  if (typeof sourceURL !== 'string' || sourceURL.startsWith('node:')) return undefined;
  if (!support.nodeModules && isUnderNodeModules(sourceURL)) return undefined;
  try {
    if (!/^\w+:\/\//.test(sourceURL)) sourceURL = require('url').pathToFileURL(sourceURL).href;
    const entry = cache.get(sourceURL);
    if (entry === undefined) return undefined;
    if (entry.module !== undefined && entry.module.deref() === undefined) {
      cache.delete(sourceURL);
      return undefined;
    }
    if (entry.payload === null) return undefined;
    if (entry.sourceMap === undefined) {
      const { SourceMap } = require('internal/source_map/source_map');
      entry.sourceMap = new SourceMap(entry.payload, { lineLengths: entry.lineLengths });
    }
    return entry.sourceMap;
  } catch {
    return undefined;
  }
}

// The modules' source maps as NODE_V8_COVERAGE writes them beside the coverage (its
// 'source-map-cache'): module URL -> { lineLengths, data, url }; undefined when there are none.
function sourceMapCacheToObject() {
  let object;
  for (const [url, entry] of cache) {
    if (url !== entry.moduleURL || entry.generated || (entry.module !== undefined && entry.module.deref() === undefined)) continue;
    object ??= { __proto__: null };
    object[url] = { lineLengths: entry.lineLengths, data: entry.payload, url: entry.sourceMapURL };
  }
  return object;
}

module.exports = { findSourceMap, sourceMapCacheToObject, getSourceMapsSupport, maybeCacheSourceMap, setSourceMapsSupport };
