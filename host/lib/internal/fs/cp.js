'use strict';
// fs.cp, fs.cpSync and fs.promises.cp: one walk of the source tree written as a generator
// that yields the file-system steps it needs (`['lstat', path]`, `['filter', src, dest]`,
// ...). The sync driver runs each step with the *Sync form on the JS thread; the async
// driver awaits fs.promises, whose requests run off the JS thread.

const path = require('path');
const permission = binding.permission();
const {
  codedError, invalidArgType, validateBoolean, validateFunction, validateInteger, validateObject,
} = require('internal/errors');

const EEXIST = 17;
const EISDIR = 21;
const EINVAL = 22;
const ENOTDIR = 20;

// Node's SystemError: `Prefix: cp returned CODE (message) path`, with the details in `info`.
function systemError(code, prefix, { message, path: at, errno, code: errCode }) {
  const info = { message, path: at, syscall: 'cp', errno, code: errCode };
  const error = new Error(`${prefix}: cp returned ${errCode} (${message}) ${at}`);
  Object.defineProperty(error, 'name', { value: 'SystemError', configurable: true, writable: true });
  error.stack = `SystemError [${code}]: ${error.message}${error.stack.slice(error.stack.indexOf('\n'))}`;
  Object.defineProperty(error, 'code', { value: code, enumerable: true, configurable: true, writable: true });
  Object.defineProperty(error, 'info', { value: info, enumerable: true, configurable: true });
  for (const key of ['errno', 'syscall', 'path']) {
    Object.defineProperty(error, key, {
      get() { return info[key]; },
      set(value) { info[key] = value; },
      enumerable: true,
      configurable: true,
    });
  }
  Object.defineProperty(error, 'toString', {
    value() { return `${this.name} [${code}]: ${this.message}`; },
    configurable: true,
    writable: true,
  });
  return error;
}

const errors = {
  EINVAL: (message, at) => systemError('ERR_FS_CP_EINVAL', 'Invalid src or dest', { message, path: at, errno: EINVAL, code: 'EINVAL' }),
  EEXIST: (at) => systemError('ERR_FS_CP_EEXIST', 'Target already exists', { message: `${at} already exists`, path: at, errno: EEXIST, code: 'EEXIST' }),
  DIR_TO_NON_DIR: (src, dest) => systemError('ERR_FS_CP_DIR_TO_NON_DIR', 'Cannot overwrite non-directory with directory', {
    message: `cannot overwrite non-directory ${dest} with directory ${src}`, path: dest, errno: EISDIR, code: 'EISDIR',
  }),
  NON_DIR_TO_DIR: (src, dest) => systemError('ERR_FS_CP_NON_DIR_TO_DIR', 'Cannot overwrite directory with non-directory', {
    message: `cannot overwrite directory ${dest} with non-directory ${src}`, path: dest, errno: ENOTDIR, code: 'ENOTDIR',
  }),
  EISDIR: (src) => systemError('ERR_FS_EISDIR', 'Path is a directory', { message: `${src} is a directory (not copied)`, path: src, errno: EISDIR, code: 'EISDIR' }),
  SYMLINK_TO_SUBDIRECTORY: (message, at) => systemError('ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY', 'Cannot overwrite symlink in subdirectory of self', {
    message, path: at, errno: EINVAL, code: 'EINVAL',
  }),
  special: (kind, dest) => {
    const [code, prefix, what] = {
      socket: ['ERR_FS_CP_SOCKET', 'Cannot copy a socket file', 'a socket file'],
      fifo: ['ERR_FS_CP_FIFO_PIPE', 'Cannot copy a FIFO pipe', 'a FIFO pipe'],
      unknown: ['ERR_FS_CP_UNKNOWN', 'Cannot copy an unknown file type', 'an unknown file type'],
    }[kind];
    return systemError(code, prefix, { message: `cannot copy ${what}: ${dest}`, path: dest, errno: EINVAL, code: 'EINVAL' });
  },
};

const defaults = {
  dereference: false, errorOnExist: false, filter: undefined, force: true, preserveTimestamps: false, recursive: false,
  verbatimSymlinks: false,
};

function validateOptions(options) {
  if (options === undefined) return { ...defaults, mode: 0 };
  validateObject(options, 'options');
  options = { ...defaults, ...options };
  for (const name of ['dereference', 'errorOnExist', 'force', 'preserveTimestamps', 'recursive', 'verbatimSymlinks']) {
    validateBoolean(options[name], `options.${name}`);
  }
  if (options.mode == null) options.mode = 0;
  else validateInteger(options.mode, 'mode', 0, 7);
  if (options.dereference === true && options.verbatimSymlinks === true) {
    throw codedError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "dereference" cannot be used in combination with option "verbatimSymlinks"');
  }
  if (options.filter !== undefined) validateFunction(options.filter, 'options.filter');
  return options;
}

function areIdentical(srcStat, destStat) {
  return Boolean(destStat.ino && destStat.dev && destStat.ino === srcStat.ino && destStat.dev === srcStat.dev);
}

function segments(at) {
  return path.resolve(at).split(path.sep).filter(Boolean);
}

// Whether dest lies in src (by the path strings alone).
function isSrcSubdir(src, dest) {
  const destParts = segments(dest);
  return segments(src).every((part, i) => destParts[i] === part);
}

// ---- the walk ----

// Under the permission model both ends are checked before anything is looked at, as node's
// cpSyncCheckPaths does: the source readable, the destination writable.
function checkPermissions(src, dest) {
  if (!permission.enabled) return;
  permission.checkOrThrow('FileSystemRead', src);
  permission.checkOrThrow('FileSystemWrite', dest);
}

function* copy(src, dest, opts) {
  checkPermissions(src, dest);
  const checked = yield* checkPaths(src, dest, opts);
  if (checked.skipped) return;
  yield* checkParentPaths(src, checked.srcStat, dest);
  const destParent = path.dirname(dest);
  const parent = yield ['stat', destParent, { throwIfNoEntry: false }];
  if (parent === undefined) yield ['mkdir', destParent, { recursive: true }];
  yield* copyEntry(checked.destStat, src, dest, opts);
}

function* checkPaths(src, dest, opts) {
  if (opts.filter && !(yield ['filter', src, dest])) return { skipped: true };
  const statName = opts.dereference ? 'stat' : 'lstat';
  const srcStat = yield [statName, src];
  const destStat = yield [statName, dest, { throwIfNoEntry: false }];
  if (destStat) {
    if (areIdentical(srcStat, destStat)) throw errors.EINVAL('src and dest cannot be the same', dest);
    if (srcStat.isDirectory() && !destStat.isDirectory()) throw errors.DIR_TO_NON_DIR(src, dest);
    if (!srcStat.isDirectory() && destStat.isDirectory()) throw errors.NON_DIR_TO_DIR(src, dest);
  }
  if (srcStat.isDirectory() && isSrcSubdir(src, dest)) {
    throw errors.EINVAL(`cannot copy ${src} to a subdirectory of self ${dest}`, dest);
  }
  return { srcStat, destStat, skipped: false };
}

// Whether some parent of dest is src itself (through links too: by device and inode).
function* checkParentPaths(src, srcStat, dest) {
  const srcParent = path.resolve(path.dirname(src));
  let destParent = path.resolve(path.dirname(dest));
  while (destParent !== srcParent && destParent !== path.parse(destParent).root) {
    const destStat = yield ['stat', destParent, { throwIfNoEntry: false }];
    if (destStat === undefined) return;
    if (areIdentical(srcStat, destStat)) throw errors.EINVAL(`cannot copy ${src} to a subdirectory of self ${dest}`, dest);
    destParent = path.resolve(path.dirname(destParent));
  }
}

function* copyEntry(destStat, src, dest, opts) {
  const srcStat = yield [opts.dereference ? 'stat' : 'lstat', src];
  if (srcStat.isDirectory()) {
    if (!opts.recursive) throw errors.EISDIR(src);
    return yield* copyDirectory(srcStat, destStat, src, dest, opts);
  }
  if (srcStat.isFile() || srcStat.isCharacterDevice() || srcStat.isBlockDevice()) {
    if (destStat) {
      if (opts.force) yield ['unlink', dest];
      else if (opts.errorOnExist) throw errors.EEXIST(dest);
      else return;
    }
    return yield* copyFile(srcStat, src, dest, opts);
  }
  if (srcStat.isSymbolicLink()) return yield* copyLink(destStat, src, dest, opts);
  throw errors.special(srcStat.isSocket() ? 'socket' : srcStat.isFIFO() ? 'fifo' : 'unknown', dest);
}

function* copyFile(srcStat, src, dest, opts) {
  yield ['copyFile', src, dest, opts.mode];
  if (opts.preserveTimestamps) {
    // A read-only copy is made writable for the time being: utimes needs to open it.
    if ((srcStat.mode & 0o200) === 0) yield ['chmod', dest, srcStat.mode | 0o200];
    yield* copyTimestamps(src, dest);
  }
  yield ['chmod', dest, srcStat.mode];
}

// The source's atime as read before the copy is not to be trusted: read(2) changed it.
function* copyTimestamps(src, dest) {
  const current = yield ['stat', src];
  yield ['utimes', dest, current.atime, current.mtime];
}

function* copyDirectory(srcStat, destStat, src, dest, opts) {
  if (!destStat) {
    yield ['mkdir', dest];
  } else if (opts.errorOnExist && !opts.force) {
    throw errors.EEXIST(dest);
  }
  const names = yield ['readdir', src];
  for (const name of names) {
    const srcItem = path.join(src, name);
    const destItem = path.join(dest, name);
    const checked = yield* checkPaths(srcItem, destItem, opts);
    if (!checked.skipped) yield* copyEntry(checked.destStat, srcItem, destItem, opts);
  }
  if (opts.preserveTimestamps) yield* copyTimestamps(src, dest);
  if (!destStat) yield ['chmod', dest, srcStat.mode];
}

function* copyLink(destStat, src, dest, opts) {
  let resolvedSrc = yield ['readlink', src];
  if (!opts.verbatimSymlinks && !path.isAbsolute(resolvedSrc)) resolvedSrc = path.resolve(path.dirname(src), resolvedSrc);
  const target = yield ['stat', src, { throwIfNoEntry: false }];
  const srcIsDir = target !== undefined && target.isDirectory();
  const type = srcIsDir ? 'dir' : 'file';
  if (!destStat) return yield ['symlink', resolvedSrc, dest, type];
  let resolvedDest;
  try {
    resolvedDest = yield ['readlink', dest];
  } catch (err) {
    // dest is a file or directory, not a link: symlink reports that it exists.
    if (err.code === 'EINVAL' || err.code === 'UNKNOWN') return yield ['symlink', resolvedSrc, dest, type];
    throw err;
  }
  if (!path.isAbsolute(resolvedDest)) resolvedDest = path.resolve(path.dirname(dest), resolvedDest);
  // Two links to one directory are no copy into itself unless that directory holds the
  // destination's root.
  let sameTarget = false;
  if (srcIsDir && resolvedSrc === resolvedDest) {
    sameTarget = !isSrcSubdir(yield ['realpath', src], yield ['realpath', opts.destRoot]);
  }
  if (srcIsDir && isSrcSubdir(resolvedSrc, resolvedDest) && !sameTarget) {
    throw errors.EINVAL(`cannot copy ${resolvedSrc} to a subdirectory of self ${resolvedDest}`, dest);
  }
  // Replacing dest when src lies inside it would remove src's own contents.
  const srcStat = yield ['stat', src];
  if (srcStat.isDirectory() && isSrcSubdir(resolvedDest, resolvedSrc) && !sameTarget) {
    throw errors.SYMLINK_TO_SUBDIRECTORY(`cannot overwrite ${resolvedDest} with ${resolvedSrc}`, dest);
  }
  yield ['unlink', dest];
  yield ['symlink', resolvedSrc, dest, type];
}

// ---- the drivers ----

function invalidReturnValue(value) {
  const type = value?.constructor?.name ? `an instance of ${value.constructor.name}` : `type ${typeof value}`;
  return codedError(TypeError, 'ERR_INVALID_RETURN_VALUE', `Expected boolean to be returned from the "filter" function but got ${type}.`);
}

// cpSync checks the top-level pair as node 24's native check does, with its plain coded
// Errors, before the walk copies.
function checkTopSync(fs, src, dest, opts) {
  checkPermissions(src, dest);
  const statName = opts.dereference ? 'statSync' : 'lstatSync';
  const srcStat = fs[statName](src);
  const destStat = fs[statName](dest, { throwIfNoEntry: false });
  const plain = (code, message) => Object.assign(new Error(message), { code });
  const sameFile = (a, b) => {
    const first = fs.statSync(a, { throwIfNoEntry: false });
    const second = fs.statSync(b, { throwIfNoEntry: false });
    return Boolean(first && second && first.dev === second.dev && first.ino === second.ino);
  };
  const srcIsDir = srcStat.isDirectory();
  if (destStat) {
    if (sameFile(src, dest)) throw plain('ERR_FS_CP_EINVAL', `src and dest cannot be the same ${dest}`);
    if (srcIsDir && !destStat.isDirectory()) throw plain('ERR_FS_CP_DIR_TO_NON_DIR', `Cannot overwrite non-directory ${dest} with directory ${src}`);
    if (!srcIsDir && destStat.isDirectory()) throw plain('ERR_FS_CP_NON_DIR_TO_DIR', `Cannot overwrite directory ${dest} with non-directory ${src}`);
  }
  const srcWithSep = src.endsWith(path.sep) ? src : `${src}${path.sep}`;
  const subdirectory = () => plain('ERR_FS_CP_EINVAL', `Cannot copy ${srcWithSep} to a subdirectory of self ${dest}`);
  if (srcIsDir && dest.startsWith(srcWithSep)) throw subdirectory();
  let destParent = path.dirname(dest);
  while (destParent !== path.dirname(src) && destParent !== '.' && path.dirname(destParent) !== destParent) {
    if (sameFile(src, destParent)) throw subdirectory();
    destParent = path.dirname(destParent);
  }
  if (srcIsDir && !opts.recursive) throw plain('ERR_FS_EISDIR', `Recursive option not enabled, cannot copy a directory: ${srcWithSep}`);
  if (srcStat.isSocket()) throw plain('ERR_FS_CP_SOCKET', `Cannot copy a socket file: ${dest}`);
  if (srcStat.isFIFO()) throw plain('ERR_FS_CP_FIFO_PIPE', `Cannot copy a FIFO pipe: ${dest}`);
  if (!srcIsDir && !srcStat.isFile() && !srcStat.isSymbolicLink() && !srcStat.isCharacterDevice() && !srcStat.isBlockDevice()) {
    throw plain('ERR_FS_CP_UNKNOWN', `Cannot copy an unknown file type: ${dest}`);
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  return destStat;
}

function* copyTop(destStat, src, dest, opts) {
  yield* copyEntry(destStat, src, dest, opts);
}

function filterSync(opts, src, dest) {
  const value = opts.filter(src, dest);
  if (value !== null && typeof value?.then === 'function') throw invalidReturnValue(value);
  return value;
}

function cpSync(fs, src, dest, options) {
  const opts = validateOptions(options);
  src = fs.toPath(src, 'src');
  dest = fs.toPath(dest, 'dest');
  opts.destRoot = dest;
  if (opts.filter && !filterSync(opts, src, dest)) return;
  const destStat = checkTopSync(fs, src, dest, opts);
  const steps = copyTop(destStat, src, dest, opts);
  let next = steps.next();
  while (!next.done) {
    const [name, ...args] = next.value;
    let value;
    let failure;
    try {
      value = name === 'filter' ? filterSync(opts, ...args) : fs[`${name}Sync`](...args);
    } catch (err) {
      failure = { err };
    }
    next = failure ? steps.throw(failure.err) : steps.next(value);
  }
}

async function cpAsync(fs, src, dest, opts) {
  opts.destRoot = dest;
  const steps = copy(src, dest, opts);
  let next = steps.next();
  while (!next.done) {
    const [name, ...args] = next.value;
    let value;
    let failure;
    try {
      value = name === 'filter' ? await opts.filter(...args) : await fs.promises[name](...args);
    } catch (err) {
      failure = { err };
    }
    next = failure ? steps.throw(failure.err) : steps.next(value);
  }
}

function cpPromise(fs, src, dest, options) {
  return (async () => {
    const opts = validateOptions(options);
    return cpAsync(fs, fs.toPath(src, 'src'), fs.toPath(dest, 'dest'), opts);
  })();
}

function cp(fs, src, dest, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
  const opts = validateOptions(options);
  src = fs.toPath(src, 'src');
  dest = fs.toPath(dest, 'dest');
  cpAsync(fs, src, dest, opts).then((value) => callback(null, value), callback);
}

module.exports = { cp, cpSync, cpPromise };
