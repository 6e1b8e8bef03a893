'use strict';
// path: POSIX paths, and win32 paths (drive letters, UNC roots `\\server\share`, device
// namespaces `\\.\` and `\\?\`, either separator), with node's results to the character.

const { invalidArgType, validateString } = require('internal/errors');

const isPosixSeparator = (char) => char === '/';
const isWin32Separator = (char) => char === '/' || char === '\\';
const isDriveLetter = (char) => (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');

// Drops '.' and empty segments and folds '..' into the segment before it. With allowAboveRoot
// a '..' with nothing left to fold into stays; otherwise it goes.
function normalizeSegments(path, allowAboveRoot, separator, isSeparator) {
  const out = [];
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && !isSeparator(path[i])) continue;
    const segment = path.slice(start, i);
    start = i + 1;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else {
      out.push(segment);
    }
  }
  return out.join(separator);
}

// The last name in path[from, end): its start and end with trailing separators skipped,
// or null when there is none.
function lastName(path, from, isSeparator) {
  let end = path.length;
  while (end > from && isSeparator(path[end - 1])) end--;
  if (end === from) return null;
  let start = end;
  while (start > from && !isSeparator(path[start - 1])) start--;
  return { start, end };
}

// The extension of a name: from its last dot, unless the name is dots only up to there
// ('.', '..', '.profile' have none; '...' has '.').
function extensionOf(name) {
  const dot = name.lastIndexOf('.');
  if (dot === -1) return '';
  let i = 0;
  while (i < dot && name[i] === '.') i++;
  if (i === dot) {
    // Only dots before the last one: '.x' and '..' have no extension, '...' or '..x' do.
    return dot >= 1 && !(dot === 1 && name.length === 2) ? name.slice(dot) : '';
  }
  return name.slice(dot);
}

function basenameWith(path, suffix, rootEnd, isSeparator) {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  const stripsSuffix = suffix !== undefined && suffix.length > 0 && suffix.length <= path.length;
  if (stripsSuffix && suffix === path) return '';
  const name = lastName(path, rootEnd, isSeparator);
  // With a suffix to strip node gives a path of separators only back as it is.
  if (name === null) return stripsSuffix ? path.slice(rootEnd) : '';
  const base = path.slice(name.start, name.end);
  if (!stripsSuffix || base === suffix) return base;
  if (base.endsWith(suffix)) return base.slice(0, base.length - suffix.length);
  // node matches the suffix from the end of the name; one longer than the name that ends with
  // it is never decided, and the name comes back with its trailing separators.
  if (suffix.endsWith(base)) return path.slice(name.start);
  return base;
}

function formatWith(separator) {
  return function format(pathObject) {
    if (pathObject === null || typeof pathObject !== 'object') {
      throw invalidArgType('pathObject', 'of type object', pathObject);
    }
    const dir = pathObject.dir || pathObject.root;
    const ext = pathObject.ext || '';
    const base = pathObject.base || `${pathObject.name || ''}${ext && ext[0] !== '.' ? '.' : ''}${ext}`;
    if (!dir) return base;
    return dir === pathObject.root ? `${dir}${base}` : `${dir}${separator}${base}`;
  };
}

function parseWith(path, rootEnd, isSeparator) {
  const result = { root: path.slice(0, rootEnd), dir: '', base: '', ext: '', name: '' };
  const name = lastName(path, rootEnd, isSeparator);
  if (name === null) {
    result.dir = result.root;
    return result;
  }
  result.base = path.slice(name.start, name.end);
  result.ext = extensionOf(result.base);
  result.name = result.base.slice(0, result.base.length - result.ext.length);
  // The directory ends at the separator just before the name; a root-only directory stays
  // the root as written.
  result.dir = name.start - 1 > rootEnd ? path.slice(0, name.start - 1) : result.root;
  return result;
}

let matchGlob;
function matchesGlobWith(path, pattern, windows) {
  validateString(path, 'path');
  validateString(pattern, 'pattern');
  matchGlob ??= require('internal/deps/minimatch/index').minimatch;
  return matchGlob(path, pattern, {
    nocase: process.platform === 'darwin' || process.platform === 'win32',
    windowsPathsNoEscape: true,
    nonegate: true,
    nocomment: true,
    optimizationLevel: 2,
    platform: windows ? 'win32' : 'posix',
    nocaseMagicOnly: true,
  });
}

const posix = {
  sep: '/',
  delimiter: ':',

  resolve(...args) {
    let resolved = '';
    let absolute = false;
    for (let i = args.length - 1; i >= 0 && !absolute; i--) {
      const path = args[i];
      validateString(path, `paths[${i}]`);
      if (path.length === 0) continue;
      resolved = `${path}/${resolved}`;
      absolute = path[0] === '/';
    }
    if (!absolute) {
      const cwd = process.cwd();
      resolved = `${cwd}/${resolved}`;
      absolute = cwd[0] === '/';
    }
    resolved = normalizeSegments(resolved, !absolute, '/', isPosixSeparator);
    if (absolute) return `/${resolved}`;
    return resolved.length > 0 ? resolved : '.';
  },

  normalize(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const absolute = path[0] === '/';
    const trailing = path[path.length - 1] === '/';
    let out = normalizeSegments(path, !absolute, '/', isPosixSeparator);
    if (out.length === 0) {
      if (absolute) return '/';
      return trailing ? './' : '.';
    }
    if (trailing) out += '/';
    return absolute ? `/${out}` : out;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    return path.length > 0 && path[0] === '/';
  },

  join(...args) {
    if (args.length === 0) return '.';
    const parts = [];
    // Indexed: require() still works once Array.prototype[Symbol.iterator] is deleted.
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      validateString(arg, 'path');
      if (arg.length > 0) parts.push(arg);
    }
    return parts.length === 0 ? '.' : posix.normalize(parts.join('/'));
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    from = posix.resolve(from);
    to = posix.resolve(to);
    if (from === to) return '';
    const fromParts = from === '/' ? [] : from.slice(1).split('/');
    const toParts = to === '/' ? [] : to.slice(1).split('/');
    let common = 0;
    while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
    return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
  },

  toNamespacedPath(path) {
    return path;
  },

  dirname(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const hasRoot = path[0] === '/';
    // The separator just before the last name: trailing separators skipped, then the name.
    let i = path.length - 1;
    while (i >= 1 && path[i] === '/') i--;
    while (i >= 1 && path[i] !== '/') i--;
    if (i < 1) return hasRoot ? '/' : '.';
    if (hasRoot && i === 1) return '//';
    return path.slice(0, i);
  },

  basename(path, suffix) {
    validateString(path, 'path');
    return basenameWith(path, suffix, 0, isPosixSeparator);
  },

  extname(path) {
    validateString(path, 'path');
    const name = lastName(path, 0, isPosixSeparator);
    return name === null ? '' : extensionOf(path.slice(name.start, name.end));
  },

  format: formatWith('/'),

  parse(path) {
    validateString(path, 'path');
    if (path.length === 0) return { root: '', dir: '', base: '', ext: '', name: '' };
    return parseWith(path, path[0] === '/' ? 1 : 0, isPosixSeparator);
  },

  matchesGlob(path, pattern) {
    return matchesGlobWith(path, pattern, false);
  },
};

// ---- win32 ----

// How a win32 path begins. `device` is 'C:', '\\server\share' or a namespace '\\.'/'\\?'
// ('' for none); `rootEnd` is where what follows the root starts; `uncOnly` marks a path that
// is just '\\server\share' (nothing, not even a separator, after the share name).
function win32Root(path) {
  const len = path.length;
  const root = { device: '', rootEnd: 0, absolute: false, uncOnly: false, namespace: false };
  if (len === 0) return root;
  if (isWin32Separator(path[0])) {
    root.absolute = true;
    root.rootEnd = 1;
    if (len > 1 && isWin32Separator(path[1])) {
      let j = 2;
      while (j < len && !isWin32Separator(path[j])) j++;
      if (j < len && j !== 2) {
        const server = path.slice(2, j);
        let last = j;
        while (j < len && isWin32Separator(path[j])) j++;
        if (j < len && j !== last) {
          last = j;
          while (j < len && !isWin32Separator(path[j])) j++;
          if (server === '.' || server === '?') {
            root.device = `\\\\${server}`;
            root.rootEnd = 4;
            root.namespace = true;
          } else {
            root.device = `\\\\${server}\\${path.slice(last, j)}`;
            root.rootEnd = j;
            root.uncOnly = j === len;
          }
        }
      }
    }
  } else if (len > 1 && isDriveLetter(path[0]) && path[1] === ':') {
    root.device = path.slice(0, 2);
    root.rootEnd = 2;
    if (len > 2 && isWin32Separator(path[2])) {
      root.absolute = true;
      root.rootEnd = 3;
    }
  }
  return root;
}

const win32 = {
  sep: '\\',
  delimiter: ';',

  resolve(...args) {
    let resolvedDevice = '';
    let resolvedTail = '';
    let resolvedAbsolute = false;
    for (let i = args.length - 1; i >= -1; i--) {
      let path;
      if (i >= 0) {
        path = args[i];
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
      } else if (resolvedDevice.length === 0) {
        path = process.cwd();
      } else {
        // The working directory of that drive, as Windows keeps it in the '=C:' variables.
        path = process.env[`=${resolvedDevice}`] || process.cwd();
        if (path === undefined ||
            (path.slice(0, 2).toLowerCase() !== resolvedDevice.toLowerCase() && path[2] === '\\')) {
          path = `${resolvedDevice}\\`;
        }
      }
      const root = win32Root(path);
      if (root.device.length > 0) {
        if (resolvedDevice.length > 0) {
          if (root.device.toLowerCase() !== resolvedDevice.toLowerCase()) continue;
        } else {
          resolvedDevice = root.device;
        }
      }
      if (resolvedAbsolute) {
        if (resolvedDevice.length > 0) break;
      } else {
        resolvedTail = `${path.slice(root.rootEnd)}\\${resolvedTail}`;
        resolvedAbsolute = root.absolute;
        if (root.absolute && resolvedDevice.length > 0) break;
      }
    }
    resolvedTail = normalizeSegments(resolvedTail, !resolvedAbsolute, '\\', isWin32Separator);
    if (resolvedAbsolute) return `${resolvedDevice}\\${resolvedTail}`;
    return `${resolvedDevice}${resolvedTail}` || '.';
  },

  normalize(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return isWin32Separator(path) ? '\\' : path;
    const root = win32Root(path);
    if (root.uncOnly) return `${root.device}\\`;
    if (root.device === '' && !root.absolute) {
      const reserved = normalizeReservedDevice(path);
      if (reserved !== undefined) return reserved;
    }
    let tail = root.rootEnd < len ? normalizeSegments(path.slice(root.rootEnd), !root.absolute, '\\', isWin32Separator) : '';
    if (tail.length === 0 && !root.absolute) tail = '.';
    if (tail.length > 0 && isWin32Separator(path[len - 1])) tail += '\\';
    // A relative path whose names could read as a drive or a stream ('a/../c:x' normalizing to
    // 'c:x', a name ending in ':') keeps a leading '.\' so it stays relative.
    if (!root.absolute && root.device === '' &&
        (/:(?:[\\/]|$)/.test(path) || (tail.length >= 2 && isDriveLetter(tail[0]) && tail[1] === ':'))) {
      return `.\\${tail}`;
    }
    if (root.device === '') return root.absolute ? `\\${tail}` : tail;
    return root.absolute ? `${root.device}\\${tail}` : `${root.device}${tail}`;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return false;
    return isWin32Separator(path[0]) ||
      (len > 2 && isDriveLetter(path[0]) && path[1] === ':' && isWin32Separator(path[2]));
  },

  join(...args) {
    if (args.length === 0) return '.';
    const parts = [];
    // Indexed: require() still works once Array.prototype[Symbol.iterator] is deleted.
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      validateString(arg, 'path');
      if (arg.length > 0) parts.push(arg);
    }
    if (parts.length === 0) return '.';
    let joined = parts.join('\\');
    // A part beginning with a device ('CON:..\\x') makes the whole join literal: folding its
    // '..' would climb out of the directory it was joined to.
    if (parts.some(startsWithReservedDevice)) return joined.replace(/\//g, '\\');
    // Joining must not make a UNC root out of parts that were not one (joining '/' and '/x'),
    // so leading separators fold into one unless the first part itself began '\\server'.
    const first = parts[0];
    const beginsUnc = first.length > 2 && isWin32Separator(first[0]) && isWin32Separator(first[1]) && !isWin32Separator(first[2]);
    if (!beginsUnc) joined = joined.replace(/^[\\/]{2,}/, '\\');
    return win32.normalize(joined);
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    const fromOriginal = win32.resolve(from);
    const toOriginal = win32.resolve(to);
    if (fromOriginal === toOriginal) return '';
    from = fromOriginal.toLowerCase();
    to = toOriginal.toLowerCase();
    if (from === to) return '';

    // Compare name by name, ignoring case, with the root's separators trimmed; paths with
    // no name in common (other drives) give the target itself.
    const namesOf = (text) => {
      const trimmed = text.replace(/^\\+/, '').replace(/\\+$/, '');
      return trimmed === '' ? [] : trimmed.split('\\');
    };
    const fromNames = namesOf(from);
    const toNames = namesOf(to);
    const toOriginalNames = namesOf(toOriginal);
    let common = 0;
    while (common < fromNames.length && common < toNames.length && fromNames[common] === toNames[common]) common++;
    // A rooted path without a drive shares its root with another; drives must match.
    if (common === 0 && fromNames.length > 0 && toNames.length > 0) return toOriginal;
    const ups = fromNames.slice(common).map(() => '..');
    return [...ups, ...toOriginalNames.slice(common)].join('\\');
  },

  toNamespacedPath(path) {
    if (typeof path !== 'string' || path.length === 0) return path;
    const resolved = win32.resolve(path);
    if (resolved.length <= 2) return path;
    if (resolved[0] === '\\') {
      if (resolved[1] === '\\' && resolved[2] !== '?' && resolved[2] !== '.') {
        return `\\\\?\\UNC\\${resolved.slice(2)}`;
      }
    } else if (isDriveLetter(resolved[0]) && resolved[1] === ':' && resolved[2] === '\\') {
      return `\\\\?\\${resolved}`;
    }
    return resolved;
  },

  dirname(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return isWin32Separator(path) ? path : '.';
    const root = win32Root(path);
    if (root.uncOnly) return path;
    // Where the name search may start, and the root to fall back to (-1: none).
    let rootEnd = -1;
    let offset = 0;
    if (isWin32Separator(path[0])) {
      rootEnd = offset = 1;
      if (root.device.startsWith('\\\\') && !root.namespace) rootEnd = offset = root.rootEnd + 1;
      else if (root.namespace) rootEnd = offset = uncLikeRootEnd(path);
    } else if (root.device !== '') {
      rootEnd = offset = root.rootEnd;
    }
    let i = len - 1;
    while (i >= offset && isWin32Separator(path[i])) i--;
    while (i >= offset && !isWin32Separator(path[i])) i--;
    if (i < offset) {
      if (rootEnd === -1) return '.';
      return path.slice(0, rootEnd);
    }
    return path.slice(0, i);
  },

  basename(path, suffix) {
    validateString(path, 'path');
    const from = path.length >= 2 && isDriveLetter(path[0]) && path[1] === ':' ? 2 : 0;
    return basenameWith(path, suffix, from, isWin32Separator);
  },

  extname(path) {
    validateString(path, 'path');
    const from = path.length >= 2 && isDriveLetter(path[0]) && path[1] === ':' ? 2 : 0;
    const name = lastName(path, from, isWin32Separator);
    return name === null ? '' : extensionOf(path.slice(name.start, name.end));
  },

  format: formatWith('\\'),

  parse(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return { root: '', dir: '', base: '', ext: '', name: '' };
    if (len === 1) {
      if (isWin32Separator(path)) return { root: path, dir: path, base: '', ext: '', name: '' };
      return { root: '', dir: '', base: path, ext: '', name: path };
    }
    let rootEnd = 0;
    const root = win32Root(path);
    if (isWin32Separator(path[0])) {
      rootEnd = 1;
      if (root.device.startsWith('\\\\') && !root.namespace) rootEnd = root.uncOnly ? len : root.rootEnd + 1;
      else if (root.namespace) rootEnd = uncLikeRootEnd(path);
    } else if (root.device !== '') {
      rootEnd = root.rootEnd;
      if (rootEnd === 2 && len === 2) return { root: path, dir: path, base: '', ext: '', name: '' };
      if (rootEnd === 3 && len === 3) return { root: path, dir: path, base: '', ext: '', name: '' };
    }
    return parseWith(path, rootEnd, isWin32Separator);
  },

  matchesGlob(path, pattern) {
    return matchesGlobWith(path, pattern, true);
  },
};

// Names Windows keeps for devices in every directory ('CON', 'COM1', ...).
const reservedDeviceNames = new Set(['CON', 'PRN', 'AUX', 'NUL',
  ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '\xb9', '\xb2', '\xb3'].flatMap((n) => [`COM${n}`, `LPT${n}`])]);

// A relative path that begins with a device and a colon ('CON:x') is relative to that device:
// what follows never climbs above it, and a leading '.\\' keeps it from reading as a drive.
// A bare device with a trailing dot ('NUL.') keeps that '.\\' too. Undefined for other paths.
function normalizeReservedDevice(path) {
  if (/^[^\\/.:]+\.$/.test(path) && reservedDeviceNames.has(path.slice(0, -1).toUpperCase())) return `.\\${path}`;
  if (!startsWithReservedDevice(path)) return undefined;
  const colon = path.indexOf(':');
  const rest = path.slice(colon + 1);
  let tail = normalizeSegments(rest, true, '\\', isWin32Separator);
  if (tail.length === 0) tail = '.';
  if (rest.length > 0 && isWin32Separator(rest[rest.length - 1])) tail += '\\';
  return `.\\${path.slice(0, colon + 1)}${tail}`;
}

function startsWithReservedDevice(path) {
  const colon = path.indexOf(':');
  return colon > 0 && reservedDeviceNames.has(path.slice(0, colon).toUpperCase()) && !/[\\/]/.test(path.slice(0, colon));
}

// dirname and parse read '\\.\x\' and '\\?\x\' as they read '\\server\share\': the
// namespace and the first name make the root.
function uncLikeRootEnd(path) {
  const len = path.length;
  let j = 2;
  while (j < len && !isWin32Separator(path[j])) j++;
  let last = j;
  while (j < len && isWin32Separator(path[j])) j++;
  last = j;
  while (j < len && !isWin32Separator(path[j])) j++;
  return j === len ? len : (j !== last ? j + 1 : 1);
}

posix.win32 = win32.win32 = win32;
posix.posix = win32.posix = posix;
win32._makeLong = win32.toNamespacedPath;
posix._makeLong = posix.toNamespacedPath;

module.exports = process.platform === 'win32' ? win32 : posix;
