'use strict';
// fs: every operation is declared once (argument checks, the native request, the shaping of
// its result) and exposed in its three forms — fooSync, foo(..., callback) and
// fs.promises.foo — as node does. Requests of the callback and promise forms run off the
// JS thread (see runtime/fs.rs).

const { Buffer } = require('buffer');
const { invalidArgType, invalidArgValue: invalidArgValueCoded, outOfRange, validateInteger } = require('internal/errors');
const { bindToFrame } = require('internal/async_hooks');

const constants = {
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7, EXTENSIONLESS_FORMAT_JAVASCRIPT: 0,
  EXTENSIONLESS_FORMAT_WASM: 1, S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192,
  S_IFBLK: 24576, S_IFIFO: 4096, S_IFLNK: 40960, S_IFSOCK: 49152, O_CREAT: 64, O_EXCL: 128,
  UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536,
  O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096, O_DIRECT: 16384,
  O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32,
  S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2,
  X_OK: 1, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
};

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC } = constants;
const openFlags = {
  r: O_RDONLY, rs: O_RDONLY | O_SYNC, sr: O_RDONLY | O_SYNC, 'r+': O_RDWR, 'rs+': O_RDWR | O_SYNC, 'sr+': O_RDWR | O_SYNC,
  w: O_TRUNC | O_CREAT | O_WRONLY, wx: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL, xw: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  'w+': O_TRUNC | O_CREAT | O_RDWR, 'wx+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL, 'xw+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  a: O_APPEND | O_CREAT | O_WRONLY, ax: O_APPEND | O_CREAT | O_WRONLY | O_EXCL, xa: O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  as: O_APPEND | O_CREAT | O_WRONLY | O_SYNC, sa: O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  'a+': O_APPEND | O_CREAT | O_RDWR, 'ax+': O_APPEND | O_CREAT | O_RDWR | O_EXCL, 'xa+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'as+': O_APPEND | O_CREAT | O_RDWR | O_SYNC, 'sa+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
};

function invalidArgValue(name, value, reason = 'is invalid') {
  const err = new TypeError(`The argument '${name}' ${reason}. Received ${require('internal/inspect').inspect(value)}`);
  err.code = 'ERR_INVALID_ARG_VALUE';
  return err;
}

function flagsOf(flags, fallback) {
  if (flags === undefined || flags === null) return fallback;
  if (typeof flags === 'number') return flags;
  const value = openFlags[flags];
  if (value === undefined) throw invalidArgValue('flags', flags);
  return value;
}

function modeOf(mode, fallback) {
  if (mode === undefined || mode === null) return fallback;
  if (typeof mode === 'string') return parseInt(mode, 8);
  if (typeof mode !== 'number') throw invalidArgType('mode', 'of type number', mode);
  return mode;
}

function toPath(value, name = 'path') {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      const err = new TypeError(`The argument '${name}' must be a string, Uint8Array, or URL without null bytes. Received ${require('internal/inspect').inspect(value)}`);
      err.code = 'ERR_INVALID_ARG_VALUE';
      throw err;
    }
    return value;
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString();
  if (value instanceof URL) return require('url').fileURLToPath(value);
  throw invalidArgType(name, 'of type string or an instance of Buffer or URL', value);
}

function toFd(fd) {
  validateInteger(fd, 'fd', 0, 2 ** 31 - 1);
  return fd;
}

// A mode as node's parseFileMode takes it: a 32-bit unsigned integer or an octal string.
function fileMode(mode, name = 'mode') {
  if (typeof mode === 'string') {
    if (!/^[0-7]+$/.test(mode)) throw invalidArgValueCoded(name, mode, 'must be a 32-bit unsigned integer or an octal string');
    mode = parseInt(mode, 8);
  }
  validateInteger(mode, name, 0, 2 ** 32 - 1);
  return mode;
}

function userId(id, name) {
  validateInteger(id, name, -1, 2 ** 32 - 1);
  return id;
}

function optionsOf(options, defaults) {
  if (options === undefined || options === null || typeof options === 'function') return defaults;
  if (typeof options === 'string') return { ...defaults, encoding: options };
  if (typeof options !== 'object') throw invalidArgType('options', 'of type string or an instance of Object', options);
  return { ...defaults, ...options };
}

function encode(text, encoding) {
  if (encoding === 'buffer') return Buffer.from(text);
  return text;
}

function dataBytes(data, encoding) {
  if (typeof data === 'string') return Buffer.from(data, encoding ?? 'utf8');
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

function asBuffer(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

const statFields = ['dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'blksize', 'ino', 'size', 'blocks',
  'atimeMs', 'mtimeMs', 'ctimeMs', 'birthtimeMs'];

class Stats {
  constructor(...fields) {
    statFields.forEach((name, i) => { this[name] = fields[i]; });
  }
  isFile() { return (this.mode & constants.S_IFMT) === constants.S_IFREG; }
  isDirectory() { return (this.mode & constants.S_IFMT) === constants.S_IFDIR; }
  isSymbolicLink() { return (this.mode & constants.S_IFMT) === constants.S_IFLNK; }
  isBlockDevice() { return (this.mode & constants.S_IFMT) === constants.S_IFBLK; }
  isCharacterDevice() { return (this.mode & constants.S_IFMT) === constants.S_IFCHR; }
  isFIFO() { return (this.mode & constants.S_IFMT) === constants.S_IFIFO; }
  isSocket() { return (this.mode & constants.S_IFMT) === constants.S_IFSOCK; }
}

// The Date fields are made on first read from the *Ms numbers and then kept as own
// properties (assigning one replaces it), as in node 22+.
for (const name of ['atime', 'mtime', 'ctime', 'birthtime']) {
  const msName = `${name}Ms`;
  const own = (stats, value) => {
    Object.defineProperty(stats, name, { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(Stats.prototype, name, {
    get: { get() {
      const value = new Date(this[msName]);
      own(this, value);
      return value;
    } }.get,
    set: { set(value) {
      own(this, value);
    } }.set,
    enumerable: true,
    configurable: true,
  });
}

class StatFs {
  constructor([type, bsize, frsize, blocks, bfree, bavail, files, ffree]) {
    Object.assign(this, { type, bsize, frsize, blocks, bfree, bavail, files, ffree });
  }
}

const direntType = Symbol('type');

class Dirent {
  constructor(name, type, parentPath) {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    this[direntType] = type;
  }
  isFile() { return this[direntType] === constants.UV_DIRENT_FILE; }
  isDirectory() { return this[direntType] === constants.UV_DIRENT_DIR; }
  isSymbolicLink() { return this[direntType] === constants.UV_DIRENT_LINK; }
  isFIFO() { return this[direntType] === constants.UV_DIRENT_FIFO; }
  isSocket() { return this[direntType] === constants.UV_DIRENT_SOCKET; }
  isCharacterDevice() { return this[direntType] === constants.UV_DIRENT_CHAR; }
  isBlockDevice() { return this[direntType] === constants.UV_DIRENT_BLOCK; }
}

// ---- requests off the JS thread ----
const pendingRequests = new Map();
let nextRequest = 1;

function submit(request, callback) {
  const id = nextRequest++;
  pendingRequests.set(id, bindToFrame(callback));
  const [name, a, b, c, d] = request;
  binding.fs(name, a, b, c, d, id);
}

internals.completeRequest = function (id, error, value) {
  const callback = pendingRequests.get(id);
  pendingRequests.delete(id);
  callback(error, value);
};

const runSync = (request) => binding.fs(...request);

// ---- the operations: each returns { request, done(value) } or a { steps } generator ----

function readdirResult(dir, options) {
  return ([names, types]) => {
    if (options.withFileTypes) return names.map((name, i) => new Dirent(name, types[i], dir));
    return names.map((name) => encode(name, options.encoding));
  };
}

const operations = {
  access: (path, mode) => ({ request: ['access', toPath(path), modeOf(mode, constants.F_OK)] }),
  open: (path, flags, mode) => ({ request: ['open', toPath(path), flagsOf(flags, O_RDONLY), modeOf(mode, 0o666)] }),
  close: (fd) => ({ request: ['close', toFd(fd)] }),
  fstat: (fd) => ({ request: ['fstat', toFd(fd)], done: (fields) => new Stats(...fields) }),
  stat: (path, options) => ({
    request: ['stat', toPath(path), options?.throwIfNoEntry !== false],
    done: (fields) => (fields === undefined ? undefined : new Stats(...fields)),
  }),
  lstat: (path, options) => ({
    request: ['lstat', toPath(path), options?.throwIfNoEntry !== false],
    done: (fields) => (fields === undefined ? undefined : new Stats(...fields)),
  }),
  readFile: (file, rawOptions) => {
    const options = optionsOf(rawOptions, { encoding: null, flag: 'r' });
    const target = typeof file === 'number' ? file : toPath(file);
    return {
      request: ['readFile', target, flagsOf(options.flag, O_RDONLY)],
      done: (bytes) => (options.encoding ? asBuffer(bytes).toString(options.encoding) : asBuffer(bytes)),
    };
  },
  writeFile: (file, data, rawOptions) => {
    const options = optionsOf(rawOptions, { encoding: 'utf8', mode: 0o666, flag: 'w' });
    const target = typeof file === 'number' ? file : toPath(file);
    return { request: ['writeFile', target, dataBytes(data, options.encoding), flagsOf(options.flag, O_TRUNC | O_CREAT | O_WRONLY), modeOf(options.mode, 0o666)] };
  },
  appendFile: (file, data, rawOptions) => {
    const options = optionsOf(rawOptions, { encoding: 'utf8', mode: 0o666, flag: 'a' });
    return operations.writeFile(file, data, options);
  },
  mkdir: (path, options) => {
    const recursive = typeof options === 'object' && options !== null && Boolean(options.recursive);
    const mode = typeof options === 'object' && options !== null ? options.mode : options;
    return { request: ['mkdir', toPath(path), recursive, modeOf(mode, 0o777)] };
  },
  mkdtemp: (prefix, options) => {
    const { encoding } = optionsOf(options, { encoding: 'utf8' });
    return { request: ['mkdtemp', toPath(prefix, 'prefix')], done: (dir) => encode(dir, encoding) };
  },
  readdir: (path, rawOptions) => {
    const options = optionsOf(rawOptions, { encoding: 'utf8', withFileTypes: false, recursive: false });
    const dir = toPath(path);
    if (!options.recursive) return { request: ['readdir', dir], done: readdirResult(dir, options) };
    return { steps: readdirRecursive(dir, options) };
  },
  rm: (path, options = {}) => ({ request: ['rm', toPath(path), Boolean(options.recursive), Boolean(options.force)], fail: rmError }),
  rmdir: (path, options = {}) => ({ request: ['rmdir', toPath(path), Boolean(options.recursive)] }),
  unlink: (path) => ({ request: ['unlink', toPath(path)] }),
  rename: (from, to) => ({ request: ['rename', toPath(from, 'oldPath'), toPath(to, 'newPath')] }),
  copyFile: (from, to, mode) => ({ request: ['copyFile', toPath(from, 'src'), toPath(to, 'dest'), mode ?? 0] }),
  realpath: (path, options) => {
    const { encoding } = optionsOf(options, { encoding: 'utf8' });
    return { request: ['realpath', toPath(path)], done: (real) => encode(real, encoding) };
  },
  readlink: (path, options) => {
    const { encoding } = optionsOf(options, { encoding: 'utf8' });
    return { request: ['readlink', toPath(path)], done: (target) => encode(target, encoding) };
  },
  symlink: (target, path) => ({ request: ['symlink', toPath(target, 'target'), toPath(path)] }),
  link: (from, to) => ({ request: ['link', toPath(from, 'existingPath'), toPath(to, 'newPath')] }),
  chmod: (path, mode) => ({ request: ['chmod', toPath(path), modeOf(mode)] }),
  truncate: (path, length = 0) => ({ request: typeof path === 'number' ? ['ftruncate', path, length] : ['truncate', toPath(path), length] }),
  ftruncate: (fd, length = 0) => ({ request: ['ftruncate', toFd(fd), length] }),
  fsync: (fd) => ({ request: ['fsync', toFd(fd)] }),
  fdatasync: (fd) => ({ request: ['fsync', toFd(fd)] }),
  utimes: (path, atime, mtime) => ({ request: ['utimes', toPath(path), toSeconds(atime), toSeconds(mtime)] }),
  lutimes: (path, atime, mtime) => ({ request: ['lutimes', toPath(path), toSeconds(atime), toSeconds(mtime)] }),
  futimes: (fd, atime, mtime) => ({ request: ['futimes', toFd(fd), toSeconds(atime), toSeconds(mtime)] }),
  statfs: (path, options) => ({
    request: ['statfs', toPath(path)],
    done: (fields) => new StatFs(fields.map((value) => (options?.bigint ? BigInt(value) : value))),
  }),
  fchmod: (fd, mode) => ({ request: ['fchmod', toFd(fd), fileMode(mode)] }),
  chown: (path, uid, gid) => ({ request: ['chown', toPath(path), userId(uid, 'uid'), userId(gid, 'gid')] }),
  lchown: (path, uid, gid) => ({ request: ['lchown', toPath(path), userId(uid, 'uid'), userId(gid, 'gid')] }),
  fchown: (fd, uid, gid) => ({ request: ['fchown', toFd(fd), userId(uid, 'uid'), userId(gid, 'gid')] }),
};

// rm of a directory without `recursive` is node's SystemError ERR_FS_EISDIR.
function rmError(err) {
  if (err.code !== 'EISDIR' || err.syscall !== 'rm') return err;
  const info = { code: 'EISDIR', message: 'is a directory', path: err.path, syscall: 'rm', errno: 21 };
  const error = new Error(`Path is a directory: rm returned EISDIR (is a directory) ${err.path}`);
  Object.defineProperty(error, 'name', { value: 'SystemError', configurable: true, writable: true });
  error.stack = `SystemError [ERR_FS_EISDIR]: ${error.message}`;
  Object.assign(error, { code: 'ERR_FS_EISDIR', info, errno: 21, syscall: 'rm', path: err.path });
  return error;
}

// A time as node's toUnixTimestamp takes it: finite seconds (a negative number is now), a
// numeric string, or a Date.
function toSeconds(time, name = 'time') {
  if (typeof time === 'string' && +time == time) return +time;
  if (Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
  if (time instanceof Date) return time.getTime() / 1000;
  throw invalidArgType(name, 'an instance of Date or an Time in seconds', time);
}

// readdir with recursive: a sequence of readdir requests, breadth first as node lists them.
function* readdirRecursive(root, options) {
  const results = [];
  const queue = [root];
  while (queue.length > 0) {
    const dir = queue.shift();
    const [names, types] = yield ['readdir', dir];
    names.forEach((name, i) => {
      const relative = require('path').relative(root, `${dir}/${name}`);
      if (types[i] === constants.UV_DIRENT_DIR) queue.push(`${dir}/${name}`);
      results.push(options.withFileTypes ? new Dirent(name, types[i], dir) : encode(relative, options.encoding));
    });
  }
  return results;
}

function runStepsSync(steps) {
  let next = steps.next();
  while (!next.done) next = steps.next(runSync(next.value));
  return next.value;
}

function runStepsAsync(steps, callback) {
  const advance = (value) => {
    let next;
    try {
      next = steps.next(value);
    } catch (err) {
      return callback(err);
    }
    if (next.done) return callback(null, next.value);
    submit(next.value, (err, result) => (err ? callback(err) : advance(result)));
  };
  advance(undefined);
}

function perform(operation, callback) {
  if (operation.steps) return runStepsAsync(operation.steps, callback);
  submit(operation.request, (err, value) => {
    if (err) return callback(operation.fail ? operation.fail(err) : err);
    let result;
    try {
      result = operation.done ? operation.done(value) : value;
    } catch (error) {
      return callback(error);
    }
    // As node's request callbacks: no second argument when there is no result.
    if (result === undefined) callback(null);
    else callback(null, result);
  });
}

function performSync(operation) {
  if (operation.steps) return runStepsSync(operation.steps);
  let value;
  try {
    value = runSync(operation.request);
  } catch (err) {
    throw operation.fail ? operation.fail(err) : err;
  }
  return operation.done ? operation.done(value) : value;
}

// The callback comes last; without one, node reports the options argument it took for it.
function takeCallback(args) {
  if (typeof args[args.length - 1] === 'function') return args.pop();
  throw invalidArgType('cb', 'of type function', args.length > 1 ? args[args.length - 1] : undefined);
}

function closeFailed(err) {
  if (err) throw err;
}

// The callback forms that check their other arguments before the callback, as node's do.
const validatesBeforeCallback = new Set(['access', 'open', 'close', 'fstat', 'fsync', 'fdatasync', 'ftruncate', 'chmod',
  'fchmod', 'chown', 'lchown', 'fchown', 'utimes', 'lutimes', 'futimes', 'copyFile']);

function promiseForm(name, operation) {
  return {
    [name]: (...args) => new Promise((resolve, reject) => {
      perform(operation(...args), (err, value) => (err ? reject(err) : resolve(value)));
    }),
  }[name];
}

const fs = { constants, Dirent, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };
const promises = { constants };

for (const [name, operation] of Object.entries(operations)) {
  fs[`${name}Sync`] = { [`${name}Sync`]: (...args) => performSync(operation(...args)) }[`${name}Sync`];
  fs[name] = {
    [name]: (...args) => {
      // close's callback may be left out (undefined): an error is then thrown from the loop.
      if (name === 'close' && args[1] === undefined) args.splice(1, 1, closeFailed);
      if (validatesBeforeCallback.has(name) && typeof args[args.length - 1] !== 'function') operation(...args);
      const callback = takeCallback(args);
      perform(operation(...args), callback);
    },
  }[name];
  promises[name] = promiseForm(name, operation);
}
fs.realpathSync.native = fs.realpathSync;
fs.realpath.native = fs.realpath;

// ---- the forms that do not fit the table ----

fs.existsSync = function existsSync(path) {
  try {
    return runSync(['stat', toPath(path), false]) !== undefined;
  } catch {
    return false;
  }
};

fs.exists = function exists(path, callback) {
  if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
  let target;
  try {
    target = toPath(path);
  } catch {
    return process.nextTick(callback, false);
  }
  submit(['stat', target, false], (err, value) => callback(!err && value !== undefined));
};

function readArguments(fd, buffer, offsetOrOptions, length, position) {
  toFd(fd);
  let offset = offsetOrOptions;
  if (!ArrayBuffer.isView(buffer)) {
    ({ buffer = Buffer.alloc(16384), offset = 0, length, position = null } = buffer ?? {});
    offset ??= 0;
  } else if (typeof offsetOrOptions === 'object' && offsetOrOptions !== null) {
    ({ offset = 0, length, position = null } = offsetOrOptions);
  }
  offset ??= 0;
  length ??= buffer.byteLength - offset;
  if (offset < 0 || offset > buffer.byteLength) throw rangeError('offset', `>= 0 && <= ${buffer.byteLength}`, offset);
  if (length < 0 || offset + length > buffer.byteLength) throw rangeError('length', `>= 0 && <= ${buffer.byteLength - offset}`, length);
  return { buffer, offset, length, position: typeof position === 'bigint' ? Number(position) : position };
}

function rangeError(name, range, value) {
  const err = new RangeError(`The value of "${name}" is out of range. It must be ${range}. Received ${value}`);
  err.code = 'ERR_OUT_OF_RANGE';
  return err;
}

function copyRead(target, bytes) {
  new Uint8Array(target.buffer.buffer, target.buffer.byteOffset + target.offset, bytes.length).set(bytes);
  return bytes.length;
}

fs.readSync = function readSync(fd, buffer, offset, length, position) {
  const target = readArguments(fd, buffer, offset, length, position);
  return copyRead(target, runSync(['read', fd, target.length, target.position ?? -1]));
};

fs.read = function read(fd, ...args) {
  const callback = takeCallback(args);
  const target = readArguments(fd, ...args);
  submit(['read', fd, target.length, target.position ?? -1], (err, bytes) => {
    if (err) return callback(err);
    callback(null, copyRead(target, bytes), target.buffer);
  });
};

function writeArguments(fd, data, offsetOrOptions, length, position) {
  toFd(fd);
  if (typeof data === 'string') {
    const encoding = typeof length === 'string' ? length : 'utf8';
    return { bytes: Buffer.from(data, encoding), position: offsetOrOptions ?? null, data };
  }
  if (!ArrayBuffer.isView(data)) throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  let offset = offsetOrOptions;
  if (typeof offsetOrOptions === 'object' && offsetOrOptions !== null) ({ offset = 0, length, position = null } = offsetOrOptions);
  if (offset == null) offset = 0;
  else validateInteger(offset, 'offset', 0);
  if (typeof length !== 'number') length = data.byteLength - offset;
  if (offset > data.byteLength) throw outOfRange('offset', `<= ${data.byteLength}`, offset);
  if (length > data.byteLength - offset) throw outOfRange('length', `<= ${data.byteLength - offset}`, length);
  if (length < 0) throw outOfRange('length', '>= 0', length);
  validateInteger(length, 'length', 0, 2 ** 31 - 1);
  const bytes = new Uint8Array(data.buffer, data.byteOffset + offset, length);
  return { bytes, position: position ?? null, data };
}

fs.writeSync = function writeSync(fd, ...args) {
  const { bytes, position } = writeArguments(fd, ...args);
  return runSync(['write', fd, bytes, position ?? -1]);
};

fs.write = function write(fd, ...args) {
  const callback = takeCallback(args);
  const { bytes, position, data } = writeArguments(fd, ...args);
  submit(['write', fd, bytes, position ?? -1], (err, written) => (err ? callback(err) : callback(null, written, data)));
};

// readv/writev: one read of the buffers' total length scattered over them, one write of
// them gathered (each a single request, as the vectored syscalls are).
function bufferArray(fd, buffers) {
  toFd(fd);
  if (!Array.isArray(buffers) || !buffers.every((buffer) => ArrayBuffer.isView(buffer))) {
    throw invalidArgType('buffers', 'an ArrayBufferView[]', buffers);
  }
  return buffers;
}

function scatter(buffers, bytes) {
  let offset = 0;
  for (const buffer of buffers) {
    if (offset >= bytes.length) break;
    const part = bytes.subarray(offset, offset + buffer.byteLength);
    new Uint8Array(buffer.buffer, buffer.byteOffset, part.length).set(part);
    offset += part.length;
  }
  return bytes.length;
}

function gather(buffers) {
  return Buffer.concat(buffers.map((buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)));
}

const totalLength = (buffers) => buffers.reduce((total, buffer) => total + buffer.byteLength, 0);
const vectorPosition = (position) => (typeof position === 'number' ? position : -1);

fs.readvSync = function readvSync(fd, buffers, position) {
  bufferArray(fd, buffers);
  return scatter(buffers, runSync(['read', fd, totalLength(buffers), vectorPosition(position)]));
};

fs.writevSync = function writevSync(fd, buffers, position) {
  bufferArray(fd, buffers);
  if (buffers.length === 0) return 0;
  return runSync(['write', fd, gather(buffers), vectorPosition(position)]);
};

fs.readv = function readv(fd, buffers, position, callback) {
  callback = typeof callback === 'function' ? callback : position;
  if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
  bufferArray(fd, buffers);
  submit(['read', fd, totalLength(buffers), vectorPosition(position)], (err, bytes) => {
    if (err) return callback(err);
    callback(null, scatter(buffers, bytes), buffers);
  });
};

fs.writev = function writev(fd, buffers, position, callback) {
  callback = typeof callback === 'function' ? callback : position;
  if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
  bufferArray(fd, buffers);
  if (buffers.length === 0) return process.nextTick(callback, null, 0, buffers);
  submit(['write', fd, gather(buffers), vectorPosition(position)], (err, written) => (err ? callback(err) : callback(null, written, buffers)));
};

const { customPromisifyArgs } = require('internal/util');
for (const [name, args] of [['read', ['bytesRead', 'buffer']], ['write', ['bytesWritten', 'buffer']],
  ['readv', ['bytesRead', 'buffers']], ['writev', ['bytesWritten', 'buffers']]]) {
  Object.defineProperty(fs[name], customPromisifyArgs, { value: args, enumerable: false });
}

// ---- fs.promises: FileHandle ----

// A request on a FileHandle's descriptor; one on a closed handle rejects as node's do.
function handleRequest(handle, method, operation, ...args) {
  if (handle.fd === -1) {
    const err = new Error('file closed');
    Object.assign(err, { code: 'EBADF', syscall: method });
    return Promise.reject(err);
  }
  return new Promise((resolve, reject) => {
    perform(operation(handle.fd, ...args), (err, value) => (err ? reject(err) : resolve(value)));
  });
}

class FileHandle extends require('events') {
  constructor(fd) {
    super();
    this.fd = fd;
  }
  getAsyncId() { return -1; }
  async stat() { return promises.fstat(this.fd); }
  async readFile(options) { return promises.readFile(this.fd, options); }
  async writeFile(data, options) { return promises.writeFile(this.fd, data, options); }
  async appendFile(data, options) { return promises.writeFile(this.fd, data, options); }
  async truncate(length) { return promises.ftruncate(this.fd, length); }
  async sync() { return promises.fsync(this.fd); }
  async datasync() { return promises.fsync(this.fd); }
  read(buffer, offset, length, position) {
    return new Promise((resolve, reject) => {
      fs.read(this.fd, buffer, offset, length, position, (err, bytesRead, buf) => (err ? reject(err) : resolve({ bytesRead, buffer: buf })));
    });
  }
  write(data, ...args) {
    return new Promise((resolve, reject) => {
      fs.write(this.fd, data, ...args, (err, bytesWritten, written) => (err ? reject(err) : resolve({ bytesWritten, buffer: written })));
    });
  }
  async close() {
    if (this.fd === -1) return;
    const fd = this.fd;
    this.fd = -1;
    await promises.close(fd);
    this.emit('close');
  }
  async [Symbol.asyncDispose]() { return this.close(); }
  readv(buffers, position) {
    return new Promise((resolve, reject) => {
      fs.readv(this.fd, buffers, position, (err, bytesRead) => (err ? reject(err) : resolve({ bytesRead, buffers })));
    });
  }
  writev(buffers, position) {
    return new Promise((resolve, reject) => {
      fs.writev(this.fd, buffers, position, (err, bytesWritten) => (err ? reject(err) : resolve({ bytesWritten, buffers })));
    });
  }
  async chmod(mode) { return handleRequest(this, 'fchmod', operations.fchmod, mode); }
  async chown(uid, gid) { return handleRequest(this, 'fchown', operations.fchown, uid, gid); }
  async utimes(atime, mtime) { return handleRequest(this, 'futimes', operations.futimes, atime, mtime); }
}

const openFd = promises.open;
promises.open = async function open(path, flags, mode) {
  return new FileHandle(await openFd(path, flags, mode));
};
delete promises.close;
delete promises.fstat;
delete promises.ftruncate;
delete promises.fsync;
delete promises.fdatasync;
delete promises.futimes;
delete promises.fchmod;
delete promises.fchown;
const fdOperations = { fstat: operations.fstat, ftruncate: operations.ftruncate, fsync: operations.fsync, close: operations.close };
for (const [name, operation] of Object.entries(fdOperations)) {
  Object.defineProperty(promises, name, {
    enumerable: false,
    value: promiseForm(name, operation),
  });
}
for (const name of ['readFile', 'writeFile', 'appendFile']) {
  const byPath = promises[name];
  promises[name] = { [name]: (file, ...args) => byPath(file instanceof FileHandle ? file.fd : file, ...args) }[name];
}

// ---- streams over descriptors ----

function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  options = optionsOf(options, { flags: 'r', mode: 0o666, start: undefined, end: Infinity, highWaterMark: 64 * 1024, autoClose: true });
  require('stream').Readable.call(this, options);
  this.path = typeof path === 'number' ? undefined : toPath(path);
  this.fd = options.fd ?? (typeof path === 'number' ? path : null);
  this.flags = options.flags;
  this.mode = options.mode;
  this.start = options.start;
  this.end = options.end;
  this.pos = options.start;
  this.bytesRead = 0;
  if (this.start !== undefined && this.start > this.end) {
    throw rangeError('start', `<= "end" (here: ${this.end})`, this.start);
  }
}

function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  options = optionsOf(options, { flags: 'w', mode: 0o666, start: undefined, autoClose: true, encoding: 'utf8' });
  require('stream').Writable.call(this, { ...options, decodeStrings: true });
  this.path = typeof path === 'number' ? undefined : toPath(path);
  this.fd = options.fd ?? (typeof path === 'number' ? path : null);
  this.flags = options.flags;
  this.mode = options.mode;
  this.start = options.start;
  this.pos = options.start;
  this.bytesWritten = 0;
}

// Opens the file (unless given a descriptor) before the first read or write.
function openForStream(callback) {
  if (this.fd !== null) {
    callback();
    process.nextTick(() => this.emit('ready'));
    return;
  }
  fs.open(this.path, this.flags, this.mode, (err, fd) => {
    if (err) return callback(err);
    this.fd = fd;
    callback();
    this.emit('open', fd);
    this.emit('ready');
  });
}

function closeForStream(err, callback) {
  if (this.fd === null || this.fd === undefined) return callback(err);
  const fd = this.fd;
  this.fd = null;
  fs.close(fd, (closeErr) => callback(err || closeErr));
}

function linkFileStreams() {
  const { Readable, Writable } = require('stream');
  Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
  Object.setPrototypeOf(ReadStream, Readable);
  Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
  Object.setPrototypeOf(WriteStream, Writable);
  ReadStream.prototype._construct = openForStream;
  ReadStream.prototype._destroy = closeForStream;
  ReadStream.prototype._read = function (size) {
    const remaining = this.end === Infinity ? size : Math.min(size, this.end - (this.pos ?? this.bytesRead) + 1);
    if (remaining <= 0) return this.push(null);
    const buffer = Buffer.allocUnsafe(remaining);
    fs.read(this.fd, buffer, 0, remaining, this.pos ?? null, (err, count) => {
      if (err) return this.destroy(err);
      if (this.pos !== undefined) this.pos += count;
      this.bytesRead += count;
      this.push(count > 0 ? buffer.subarray(0, count) : null);
    });
  };
  ReadStream.prototype.close = function (callback) {
    if (typeof callback === 'function') require('stream').finished(this, callback);
    this.destroy();
  };
  Object.defineProperty(ReadStream.prototype, 'pending', { get() { return this.fd === null; }, configurable: true });
  WriteStream.prototype._construct = openForStream;
  WriteStream.prototype._destroy = closeForStream;
  WriteStream.prototype._write = function (chunk, encoding, callback) {
    const writeAll = (offset) => {
      fs.write(this.fd, chunk, offset, chunk.length - offset, this.pos ?? null, (err, written) => {
        if (err) return callback(err);
        this.bytesWritten += written;
        if (this.pos !== undefined) this.pos += written;
        if (offset + written < chunk.length) writeAll(offset + written);
        else callback();
      });
    };
    writeAll(0);
  };
  WriteStream.prototype.close = function (callback) {
    if (callback) {
      if (this.closed) return process.nextTick(callback);
      this.on('close', callback);
    }
    if (!this.writableEnded) this.end();
    else if (!this.destroyed) this.destroy();
  };
  WriteStream.prototype.destroySoon = WriteStream.prototype.end;
  Object.defineProperty(WriteStream.prototype, 'pending', { get() { return this.fd === null; }, configurable: true });
}
linkFileStreams();

fs.ReadStream = ReadStream;
Object.defineProperty(fs, 'Utf8Stream', {
  get() { return require('internal/streams/fast-utf8-stream').Utf8Stream; },
  enumerable: true,
  configurable: true,
});
fs.WriteStream = WriteStream;
fs.createReadStream = (path, options) => new ReadStream(path, options);
fs.createWriteStream = (path, options) => new WriteStream(path, options);

const StatsClass = Stats;
// Stats objects made by fs itself carry no warning; constructing one yourself is DEP0180.
// (Callable without `new`, as node's function-style Stats is.)
let warnedStats = false;
fs.Stats = function Stats(...fields) {
  if (!warnedStats && !process.noDeprecation) {
    warnedStats = true;
    process.emitWarning('fs.Stats constructor is deprecated.', 'DeprecationWarning', 'DEP0180');
  }
  return Reflect.construct(StatsClass, fields, new.target ?? StatsClass);
};
fs.Stats.prototype = StatsClass.prototype;

const watchers = require('internal/fs/watchers');
fs.watch = function watch(filename, options, listener) {
  return watchers.watch(toPath, filename, options, listener);
};
fs.watchFile = function watchFile(filename, options, listener) {
  return watchers.watchFile(Stats, toPath, filename, options, listener);
};
fs.unwatchFile = function unwatchFile(filename, listener) {
  watchers.unwatchFile(toPath, filename, listener);
};
promises.watch = function watch(filename, options) {
  return watchers.watchAsync(toPath, filename, options);
};

const cpWalk = require('internal/fs/cp');
// The walk reaches fs's forms (and fs.promises) through this view, and its paths through toPath.
const cpView = Object.assign(Object.create(fs), { toPath });
fs.cp = function cp(src, dest, options, callback) {
  cpWalk.cp(cpView, src, dest, options, callback);
};
fs.cpSync = function cpSync(src, dest, options) {
  cpWalk.cpSync(cpView, src, dest, options);
};
promises.cp = function cp(src, dest, options) {
  return cpWalk.cpPromise(cpView, src, dest, options);
};
fs._toUnixTimestamp = toSeconds;
Object.defineProperty(fs.exists, require('util').promisify.custom, {
  value: function exists(path) {
    return new Promise((resolve) => fs.exists(path, resolve));
  },
});

fs.promises = promises;
module.exports = fs;
