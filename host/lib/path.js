'use strict';
// path: POSIX paths, and win32 paths (drive letters, UNC roots, either separator).

const { validateString: validate } = require('internal/errors');

function normalizeSegments(path, allowAboveRoot) {
  const out = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else {
      out.push(segment);
    }
  }
  return out.join('/');
}

// path.format for one separator.
function formatWith(separator) {
  return function format(object) {
    const dir = object.dir || object.root;
    const base = object.base || `${object.name || ''}${object.ext ? (object.ext[0] === '.' ? '' : '.') + object.ext : ''}`;
    if (!dir) return base;
    return dir === object.root ? `${dir}${base}` : `${dir}${separator}${base}`;
  };
}

const posix = {
  sep: '/',
  delimiter: ':',
  resolve(...args) {
    let resolved = '';
    let absolute = false;
    for (let i = args.length - 1; i >= -1 && !absolute; i--) {
      const path = i >= 0 ? args[i] : process.cwd();
      validate(path, `paths[${i}]`);
      if (path.length === 0) continue;
      resolved = `${path}/${resolved}`;
      absolute = path[0] === '/';
    }
    resolved = normalizeSegments(resolved, !absolute);
    if (absolute) return `/${resolved}`;
    return resolved.length > 0 ? resolved : '.';
  },
  normalize(path) {
    validate(path, 'path');
    if (path.length === 0) return '.';
    const absolute = path[0] === '/';
    const trailing = path[path.length - 1] === '/';
    let out = normalizeSegments(path, !absolute);
    if (out.length === 0) {
      if (absolute) return '/';
      return trailing ? './' : '.';
    }
    if (trailing) out += '/';
    return absolute ? `/${out}` : out;
  },
  isAbsolute(path) {
    validate(path, 'path');
    return path.length > 0 && path[0] === '/';
  },
  join(...args) {
    if (args.length === 0) return '.';
    for (const arg of args) validate(arg, 'path');
    const joined = args.filter((a) => a.length > 0).join('/');
    return joined.length === 0 ? '.' : posix.normalize(joined);
  },
  relative(from, to) {
    validate(from, 'from');
    validate(to, 'to');
    if (from === to) return '';
    const fromParts = posix.resolve(from).split('/').filter(Boolean);
    const toParts = posix.resolve(to).split('/').filter(Boolean);
    let i = 0;
    while (i < fromParts.length && i < toParts.length && fromParts[i] === toParts[i]) i++;
    return [...fromParts.slice(i).map(() => '..'), ...toParts.slice(i)].join('/');
  },
  toNamespacedPath(path) {
    return path;
  },
  dirname(path) {
    validate(path, 'path');
    if (path.length === 0) return '.';
    const hasRoot = path[0] === '/';
    // The last slash before the last name (trailing slashes skipped); repeated slashes
    // before it stay, as node keeps them.
    let end = path.length;
    while (end > 1 && path[end - 1] === '/') end--;
    const slash = end > 1 ? path.lastIndexOf('/', end - 1) : -1;
    if (slash < 1) return hasRoot ? '/' : '.';
    if (hasRoot && slash === 1) return '//';
    return path.slice(0, slash);
  },
  basename(path, suffix) {
    validate(path, 'path');
    if (suffix !== undefined) validate(suffix, 'suffix');
    if (suffix !== undefined && suffix.length > 0 && suffix === path) return '';
    let end = path.length;
    while (end > 0 && path[end - 1] === '/') end--;
    if (end === 0) return '';
    const base = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
    if (suffix !== undefined && suffix !== base && base.endsWith(suffix)) return base.slice(0, base.length - suffix.length);
    return base;
  },
  extname(path) {
    validate(path, 'path');
    const base = posix.basename(path);
    const dot = base.lastIndexOf('.');
    if (dot <= 0 || base === '..') return '';
    return base.slice(dot);
  },
  parse(path) {
    validate(path, 'path');
    const root = path[0] === '/' ? '/' : '';
    const base = posix.basename(path);
    const ext = posix.extname(path);
    let dir = posix.dirname(path);
    if (!path.slice(root.length).includes('/')) dir = root;
    return { root, dir, base, ext, name: ext ? base.slice(0, base.length - ext.length) : base };
  },
  format: formatWith('/'),
};
// ---- win32 ----

const isSeparator = (char) => char === '\\' || char === '/';

// The root of a win32 path: its device (`C:` or `\\server\share`), whether it is absolute,
// and where the rest starts.
function splitRoot(path) {
  if (path.length >= 2 && isSeparator(path[0]) && isSeparator(path[1])) {
    const parts = path.slice(2).split(/[\\/]/);
    if (parts.length >= 2 && parts[0] && parts[1]) {
      const device = `\\\\${parts[0]}\\${parts[1]}`;
      const consumed = 2 + parts[0].length + 1 + parts[1].length;
      return { device, absolute: true, rest: path.slice(consumed) };
    }
    return { device: '', absolute: true, rest: path.slice(1) };
  }
  if (path.length >= 2 && /[a-zA-Z]/.test(path[0]) && path[1] === ':') {
    return { device: path.slice(0, 2), absolute: isSeparator(path[2] ?? ''), rest: path.slice(2) };
  }
  return { device: '', absolute: isSeparator(path[0] ?? ''), rest: path };
}

function win32Segments(rest, allowAboveRoot) {
  return normalizeSegments(rest.replace(/\//g, '\\').split('\\').join('/'), allowAboveRoot).split('/').filter(Boolean).join('\\');
}

const win32 = {
  sep: '\\',
  delimiter: ';',
  resolve(...args) {
    let device = '';
    let tail = '';
    let absolute = false;
    for (let i = args.length - 1; i >= -1; i--) {
      const path = i >= 0 ? args[i] : process.cwd();
      validate(path, `paths[${i}]`);
      if (path.length === 0) continue;
      const root = splitRoot(path);
      if (root.device && device && root.device.toLowerCase() !== device.toLowerCase()) continue;
      if (!device) device = root.device;
      if (!absolute) {
        tail = `${root.rest}\\${tail}`;
        absolute = root.absolute;
      }
      if (absolute && device) break;
    }
    const normalized = win32Segments(tail, !absolute);
    const result = `${device}${absolute ? '\\' : ''}${normalized}`;
    return result || '.';
  },
  normalize(path) {
    validate(path, 'path');
    if (path.length === 0) return '.';
    const { device, absolute, rest } = splitRoot(path);
    let tail = win32Segments(rest, !absolute);
    if (!tail && !absolute) tail = '.';
    if (tail && isSeparator(path[path.length - 1])) tail += '\\';
    return `${device}${absolute ? '\\' : ''}${tail}`;
  },
  isAbsolute(path) {
    validate(path, 'path');
    return splitRoot(path).absolute;
  },
  join(...paths) {
    paths.forEach((path, i) => validate(path, `paths[${i}]`));
    const joined = paths.filter((path) => path.length > 0).join('\\');
    return joined.length === 0 ? '.' : win32.normalize(joined);
  },
  relative(from, to) {
    validate(from, 'from');
    validate(to, 'to');
    const fromResolved = win32.resolve(from);
    const toResolved = win32.resolve(to);
    if (fromResolved.toLowerCase() === toResolved.toLowerCase()) return '';
    const fromRoot = splitRoot(fromResolved);
    const toRoot = splitRoot(toResolved);
    if (fromRoot.device.toLowerCase() !== toRoot.device.toLowerCase()) return toResolved;
    const fromParts = fromRoot.rest.split('\\').filter(Boolean);
    const toParts = toRoot.rest.split('\\').filter(Boolean);
    let common = 0;
    while (common < fromParts.length && common < toParts.length && fromParts[common].toLowerCase() === toParts[common].toLowerCase()) common++;
    return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('\\');
  },
  toNamespacedPath(path) {
    if (typeof path !== 'string' || path.length === 0) return path;
    const resolved = win32.resolve(path);
    if (/^[a-zA-Z]:\\/.test(resolved)) return `\\\\?\\${resolved}`;
    if (resolved.startsWith('\\\\') && resolved[2] !== '.' && resolved[2] !== '?') return `\\\\?\\UNC\\${resolved.slice(2)}`;
    return path;
  },
  dirname(path) {
    validate(path, 'path');
    const { device, absolute, rest } = splitRoot(path);
    const root = `${device}${absolute ? path[device.length] ?? '' : ''}`;
    let end = rest.length;
    while (end > 0 && isSeparator(rest[end - 1])) end--;
    let cut = end - 1;
    while (cut >= 0 && !isSeparator(rest[cut])) cut--;
    if (cut < 0) return root || '.';
    let dirEnd = cut;
    while (dirEnd > 0 && isSeparator(rest[dirEnd - 1])) dirEnd--;
    const dir = rest.slice(absolute ? 1 : 0, dirEnd);
    return dir ? `${root}${dir}` : root || (absolute ? path[0] : '.');
  },
  basename(path, suffix) {
    validate(path, 'path');
    if (suffix !== undefined) validate(suffix, 'suffix');
    if (suffix !== undefined && suffix.length > 0 && suffix === path) return '';
    const { device, rest } = splitRoot(path);
    // node names a bare UNC root after its share.
    const text = rest === '' && device.startsWith('\\\\') ? device : rest;
    let end = text.length;
    while (end > 0 && isSeparator(text[end - 1])) end--;
    let start = end - 1;
    while (start >= 0 && !isSeparator(text[start])) start--;
    const base = text.slice(start + 1, end);
    if (suffix !== undefined && suffix !== base && base.endsWith(suffix)) return base.slice(0, base.length - suffix.length);
    return base;
  },
  extname(path) {
    validate(path, 'path');
    const base = win32.basename(path);
    const dot = base.lastIndexOf('.');
    if (dot <= 0 || base === '..') return '';
    return base.slice(dot);
  },
  parse(path) {
    validate(path, 'path');
    const { device, absolute } = splitRoot(path);
    const root = `${device}${absolute ? path[device.length] ?? '' : ''}`;
    const base = path === root || (root.startsWith('\\\\') && splitRoot(path).rest === '') ? '' : win32.basename(path);
    const ext = win32.extname(path);
    let dir = win32.dirname(path);
    if (base === '') dir = root;
    else if (!/[\\/]/.test(path.slice(root.length))) dir = root;
    return { root, dir, base, ext, name: ext ? base.slice(0, base.length - ext.length) : base };
  },
  format: formatWith('\\'),
};

posix.posix = win32.posix = posix;
posix.win32 = win32.win32 = win32;
posix.toNamespacedPath ??= (path) => path;
win32.toNamespacedPath = win32.toNamespacedPath.bind(win32);
module.exports = posix;
