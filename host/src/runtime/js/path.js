'use strict';
// path (POSIX).

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
    let end = path.length;
    while (end > 1 && path[end - 1] === '/') end--;
    const slash = path.lastIndexOf('/', end - 1);
    if (slash === -1) return '.';
    if (slash === 0) return '/';
    let dirEnd = slash;
    while (dirEnd > 1 && path[dirEnd - 1] === '/') dirEnd--;
    return path.slice(0, dirEnd);
  },
  basename(path, suffix) {
    validate(path, 'path');
    if (suffix !== undefined) validate(suffix, 'suffix');
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
    if (dir === '.' && !path.startsWith('.')) dir = '';
    return { root, dir, base, ext, name: ext ? base.slice(0, base.length - ext.length) : base };
  },
  format(object) {
    const dir = object.dir || object.root;
    const base = object.base || `${object.name || ''}${object.ext ? (object.ext[0] === '.' ? '' : '.') + object.ext : ''}`;
    if (!dir) return base;
    return dir === object.root ? `${dir}${base}` : `${dir}/${base}`;
  },
};
posix.posix = posix;
module.exports = posix;
