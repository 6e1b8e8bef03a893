'use strict';
// Error stacks: V8 hands every one to internals.prepareStackTrace. A realm's own
// Error.prepareStackTrace gets the call sites; otherwise (and through the main realm's
// default Error.prepareStackTrace) the stack is V8's text, or with source maps on, frames in
// files with a source map show the original file, position and, where the map names it,
// function. With them on, the source line an uncaught exception's report shows is the
// original one too.

const { findSourceMap, getSourceMapsSupport } = require('internal/source_map/source_map_cache');

const kAt = '\n    at ';

function withoutFileScheme(source) {
  return source.startsWith('file://') ? require('url').fileURLToPath(source) : source;
}

// The name the map gives the function around a frame (or, failing that, its caller's call
// in the same file): transpilers may have renamed it.
function originalFunctionName(map, site, caller) {
  const enclosing = map.findEntry(site.getEnclosingLineNumber() - 1, site.getEnclosingColumnNumber() - 1);
  if (enclosing.name) return enclosing.name;
  if (caller && site.getFileName() === caller.getFileName()) {
    return map.findEntry(caller.getLineNumber() - 1, caller.getColumnNumber() - 1).name;
  }
  return undefined;
}

// A frame as V8 writes one, at its original position.
function mappedFrame(map, site, caller) {
  const { originalSource, originalLine, originalColumn } = map.findEntry(site.getLineNumber() - 1, site.getColumnNumber() - 1);
  if (originalSource === undefined || originalLine === undefined || originalColumn === undefined) return `${site}`;
  const mappedName = originalFunctionName(map, site, caller);
  const prefix = site.isAsync() ? 'async ' : site.isConstructor() ? 'new ' : '';
  const typeName = site.getTypeName();
  const functionName = site.getFunctionName() ?? site.getMethodName();
  const typePrefix = typeName !== null && typeName !== 'global' ? `${typeName}.` : '';
  const name = `${typePrefix}${mappedName || functionName || '<anonymous>'}`;
  return `${prefix}${name} (${withoutFileScheme(originalSource)}:${originalLine + 1}:${originalColumn + 1})`;
}

function formatStack(error, sites) {
  const header = Error.prototype.toString.call(error);
  if (sites.length === 0) return header;
  if (!getSourceMapsSupport().enabled) return `${header}${kAt}${sites.join(kAt)}`;
  let lastFile;
  let lastMap;
  let frames = '';
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i];
    let frame;
    try {
      const file = site.getFileName() ?? site.getEvalOrigin();
      const map = file === lastFile ? lastMap : findSourceMap(file);
      if (map) {
        lastFile = file;
        lastMap = map;
        frame = mappedFrame(map, site, sites[i + 1]);
      }
    } catch {
      // A frame that cannot be mapped is shown as it is.
    }
    frames += `${kAt}${frame ?? site}`;
  }
  return `${header}${frames}`;
}

const MainRealmError = Error;

MainRealmError.prepareStackTrace = function ErrorPrepareStackTrace(error, trace) {
  return formatStack(error, trace);
};

internals.prepareStackTrace = function prepareStackTrace(realmGlobal, error, sites) {
  if (typeof realmGlobal.Error?.prepareStackTrace === 'function') return realmGlobal.Error.prepareStackTrace(error, sites);
  // (A ShadowRealm's errors never reach the principal realm's.)
  if (internals.isShadowRealmGlobal?.(realmGlobal)) return formatStack(error, sites);
  if (typeof MainRealmError.prepareStackTrace === 'function') return MainRealmError.prepareStackTrace(error, sites);
  return formatStack(error, sites);
};

// The original source's text: from the map's sourcesContent, else read from its file.
function originalSourceText(payload, source) {
  const index = payload.sources.indexOf(source);
  if (payload.sourcesContent?.[index]) return payload.sourcesContent[index];
  if (!source.startsWith('file://')) return undefined;
  try {
    return require('fs').readFileSync(require('url').fileURLToPath(source), 'utf8');
  } catch {
    return undefined;
  }
}

// The `file:line`, source line and caret an uncaught exception's report starts with, for a
// throw at `line` (one-based), `column` (zero-based) of a file with a source map; undefined
// when there is no map or no original line to show.
internals.sourceMapErrorSource = function sourceMapErrorSource(file, line, column) {
  if (!getSourceMapsSupport().enabled) return undefined;
  const map = findSourceMap(file);
  if (map === undefined) return undefined;
  const { originalSource, originalLine, originalColumn } = map.findEntry(line - 1, column);
  if (typeof originalSource !== 'string') return undefined;
  const text = originalSourceText(map.payload, originalSource);
  if (typeof text !== 'string') return undefined;
  const sourceLine = text.split(/\r?\n/, originalLine + 1)[originalLine];
  if (!sourceLine) return undefined;
  const { getStringWidth } = require('internal/readline');
  // The characters up to and under the caret as wide as shown (tabs kept), less one column.
  let indent = '';
  for (const character of sourceLine.slice(0, originalColumn + 1)) {
    indent += character === '\t' ? '\t' : ' '.repeat(getStringWidth(character));
  }
  indent = indent.slice(0, -1);
  return `${withoutFileScheme(originalSource)}:${originalLine + 1}\n${sourceLine}\n${indent}^\n`;
};
