'use strict';
// The glob patterns `--test` and run() find test files with: `*`, `?`, `[...]`, `{a,b}` and
// `**` (any depth), minimatch's way: magic never matches a leading dot; node_modules is skipped.

const fs = require('fs');
const path = require('path');

// `a{b,c{d,e}}f` → abf, acdf, acef (a brace without a comma stays as it is).
function expandBraces(pattern) {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (char === '}' && depth > 0) {
      depth--;
      if (depth !== 0) continue;
      const body = pattern.slice(open + 1, i);
      const alternatives = splitTopLevel(body);
      if (alternatives.length < 2) continue;
      const head = pattern.slice(0, open);
      const tail = pattern.slice(i + 1);
      return alternatives.flatMap((alternative) => expandBraces(`${head}${alternative}${tail}`));
    }
  }
  return [pattern];
}

function splitTopLevel(body) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

function hasMagic(pattern) {
  return /[*?[{]/.test(pattern);
}

// One path segment's pattern as a RegExp, or the segment itself when it has no magic.
function segmentMatcher(segment) {
  if (segment === '**') return '**';
  if (!/[*?[]/.test(segment)) return segment.replace(/\\(.)/g, '$1');
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i];
    if (char === '\\' && i + 1 < segment.length) {
      source += escapeRegExp(segment[++i]);
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close === -1) {
        source += '\\[';
        continue;
      }
      let members = segment.slice(i + 1, close);
      const negated = members[0] === '!' || members[0] === '^';
      if (negated) members = members.slice(1);
      source += `[${negated ? '^' : ''}${members.replace(/\\/g, '\\\\').replace(/]/g, '\\]')}]`;
      i = close;
    } else {
      source += escapeRegExp(char);
    }
  }
  // Magic does not match a leading dot.
  const noDot = segment[0] === '.' ? '' : '(?!\\.)';
  return new RegExp(`^${noDot}${source}$`);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function readDirectory(directory) {
  try {
    return fs.readdirSync(directory, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isDirectory(entry, full) {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return fs.statSync(full).isDirectory();
  } catch {
    return false;
  }
}

// Adds to `found` the paths under `base` (shown as `shown`) that match `matchers[index...]`.
function walk(base, shown, matchers, index, found) {
  if (index === matchers.length) {
    found.add(shown);
    return;
  }
  const matcher = matchers[index];
  const join = (name) => (shown === '' ? name : shown.endsWith('/') ? `${shown}${name}` : `${shown}/${name}`);
  if (matcher === '**') {
    // Zero directories, then each directory below (not hidden ones, nor node_modules).
    walk(base, shown, matchers, index + 1, found);
    for (const entry of readDirectory(base)) {
      if (entry.name[0] === '.' || entry.name === 'node_modules') continue;
      const full = path.join(base, entry.name);
      if (isDirectory(entry, full)) walk(full, join(entry.name), matchers, index, found);
    }
    return;
  }
  if (typeof matcher === 'string') {
    if (matcher === 'node_modules') return;
    const full = path.join(base, matcher);
    if (index + 1 < matchers.length || fs.existsSync(full)) {
      if (index + 1 === matchers.length || isDirectoryPath(full)) walk(full, join(matcher), matchers, index + 1, found);
    }
    return;
  }
  for (const entry of readDirectory(base)) {
    if (entry.name === 'node_modules' || !matcher.test(entry.name)) continue;
    const full = path.join(base, entry.name);
    if (index + 1 < matchers.length && !isDirectory(entry, full)) continue;
    walk(full, join(entry.name), matchers, index + 1, found);
  }
}

function isDirectoryPath(full) {
  try {
    return fs.statSync(full).isDirectory();
  } catch {
    return false;
  }
}

// The paths matching any of `patterns`: relative patterns give paths relative to cwd (with `/`),
// absolute ones absolute paths.
function globSync(patterns, cwd) {
  const found = new Set();
  for (const pattern of patterns) {
    for (const expanded of expandBraces(pattern)) {
      const absolute = path.isAbsolute(expanded);
      const segments = expanded.split('/').filter((segment, index) => segment !== '' && (segment !== '.' || index === 0));
      const matchers = segments.filter((segment) => segment !== '.').map(segmentMatcher);
      walk(absolute ? '/' : cwd, absolute ? '/' : '', matchers, 0, found);
    }
  }
  return [...found];
}

module.exports = { globSync, hasMagic };
