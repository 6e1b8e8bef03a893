'use strict';
// fs: every operation is declared once (argument checks, the native request, the shaping of
// its result) and exposed in its three forms — fooSync, foo(..., callback) and
// fs.promises.foo — as node does. Requests of the callback and promise forms run off the
// JS thread (see runtime/fs.rs).

const { Buffer } = require('buffer');
const {
  AbortError, codedError, invalidArgType, invalidArgValue: invalidArgValueCoded, outOfRange, validateBoolean, validateInteger,
  validateObject,
} = require('internal/errors');
const { initAsyncResource, runAsResource, destroyResource } = require('internal/async_hooks');
const { kResourceName, addRequestSource } = require('internal/process/active_resources');
const { unmanagedFdOpened, unmanagedFdClosed } = require('internal/fs/unmanaged_fds');
const {
  assertEncoding, getOptions, kFileHandleBrand, kFileHandleRef, kFileHandleUnref, toBindingPath, toFd, toPath,
} = require('internal/fs/utils');

const constants = Object.assign(Object.create(null), {
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7, S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192,
  S_IFBLK: 24576, S_IFIFO: 4096, S_IFLNK: 40960, S_IFSOCK: 49152, O_CREAT: 64, O_EXCL: 128,
  UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536,
  O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096, O_DIRECT: 16384,
  O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32,
  S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2,
  X_OK: 1, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
});

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
  if (typeof flags === 'number') {
    validateInteger(flags, 'flags', -(2 ** 31), 2 ** 31 - 1);
    return flags;
  }
  const value = openFlags[flags];
  if (value === undefined) throw invalidArgValue('flags', flags);
  return value;
}

function modeOf(mode, fallback, name = 'mode') {
  if (mode === undefined || mode === null) return fallback;
  return fileMode(mode, name);
}

// The mode of access and copyFile: an int32 from 0 to 7 (node checks it natively, hence
// its wording).
function accessMode(mode, fallback) {
  if (mode === undefined || mode === null) return fallback;
  if (!Number.isInteger(mode) || mode < -(2 ** 31) || mode >= 2 ** 31) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'mode must be int32 or null/undefined');
  }
  if (mode < 0 || mode > 7) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'mode is out of range: >= 0 && <= 7');
  return mode;
}

function validateLength(len) {
  validateInteger(len, 'len');
  return Math.max(0, len);
}

// Encoding a string for write: hex takes an even number of digits.
function stringBytes(data, encoding) {
  if (encoding === 'hex' && data.length % 2 !== 0) {
    throw invalidArgValueCoded('encoding', encoding, `is invalid for data of length ${data.length}`);
  }
  return Buffer.from(data, encoding);
}

// mkdtemp adds six random characters; platforms disagree on what a template's own trailing
// Xs mean, so node warns (once) about them.
let warnedTrailingX = false;
function warnOnTrailingX(template) {
  if (warnedTrailingX || !template.endsWith('X')) return;
  warnedTrailingX = true;
  process.emitWarning('mkdtemp() templates ending with X are not portable. For details see: https://nodejs.org/api/fs.html');
}

const symlinkTypes = ['dir', 'file', 'junction', null, undefined];

let warnedRmdirRecursive = false;
function rmdirOptions(options) {
  if (options === undefined) return false;
  validateObject(options, 'options');
  const recursive = options.recursive ?? false;
  validateBoolean(recursive, 'options.recursive');
  if (recursive && !warnedRmdirRecursive) {
    warnedRmdirRecursive = true;
    process.emitWarning('In future versions of Node.js, fs.rmdir(path, { recursive: true }) will be removed. Use fs.rm(path, { recursive: true }) instead',
      'DeprecationWarning', 'DEP0147');
  }
  return recursive;
}

function rmOptions(options) {
  if (options === undefined) return { recursive: false, force: false };
  validateObject(options, 'options');
  const { recursive = false, force = false, maxRetries = 0, retryDelay = 100 } = options;
  validateBoolean(recursive, 'options.recursive');
  validateBoolean(force, 'options.force');
  validateInteger(maxRetries, 'options.maxRetries', 0, 2 ** 32 - 1);
  validateInteger(retryDelay, 'options.retryDelay', 0, 2 ** 32 - 1);
  return { recursive, force };
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
  return { ...defaults, ...getOptions(options, {}) };
}

// A name or path the system gave as UTF-8, in the encoding asked for.
function encode(text, encoding) {
  if (encoding === 'buffer') return Buffer.from(text);
  if (!encoding || encoding === 'utf8' || encoding === 'utf-8') return text;
  return Buffer.from(text).toString(encoding);
}

// A directory entry's name: the binding gives a string, or the bytes of a name that is not UTF-8.
function entryName(name, encoding) {
  if (typeof name === 'string') return encode(name, encoding);
  const bytes = Buffer.from(name.buffer, name.byteOffset, name.byteLength);
  return encoding === 'buffer' ? bytes : bytes.toString(encoding || 'utf8');
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

// BigIntStats: every field a bigint, with the times also in nanoseconds (*Ns).
class BigIntStats {
  constructor(fields) {
    statFields.slice(0, 10).forEach((name, i) => { this[name] = BigInt(fields[i]); });
    const times = ['atime', 'mtime', 'ctime', 'birthtime'];
    times.forEach((name, i) => {
      const nanos = BigInt(fields[14 + i * 2]) * 1000000000n + BigInt(fields[15 + i * 2]);
      this[`${name}Ms`] = nanos / 1000000n;
      this[`${name}Ns`] = nanos;
    });
    times.forEach((name, i) => {
      this[name] = new Date(fields[14 + i * 2] * 1000 + Math.floor(fields[15 + i * 2] / 1e6));
    });
  }
  isFile() { return (this.mode & BigInt(constants.S_IFMT)) === BigInt(constants.S_IFREG); }
  isDirectory() { return (this.mode & BigInt(constants.S_IFMT)) === BigInt(constants.S_IFDIR); }
  isSymbolicLink() { return (this.mode & BigInt(constants.S_IFMT)) === BigInt(constants.S_IFLNK); }
  isBlockDevice() { return (this.mode & BigInt(constants.S_IFMT)) === BigInt(constants.S_IFBLK); }
  isCharacterDevice() { return (this.mode & BigInt(constants.S_IFMT)) === BigInt(constants.S_IFCHR); }
  isFIFO() { return (this.mode & BigInt(constants.S_IFMT)) === BigInt(constants.S_IFIFO); }
  isSocket() { return (this.mode & BigInt(constants.S_IFMT)) === BigInt(constants.S_IFSOCK); }
}

const makeStats = (fields, options) => (options?.bigint ? new BigIntStats(fields) : new Stats(...fields.slice(0, 14)));

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

function validateSignal(signal, name = 'options.signal') {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'an instance of AbortSignal', signal);
  }
}

function checkAborted(signal) {
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
}

function signalOf(options) {
  const signal = options !== null && typeof options === 'object' ? options.signal : undefined;
  validateSignal(signal);
  return signal;
}

// ---- requests off the JS thread ----
// A request in flight, as node's FSReqCallback, or FSReqPromise for the promise forms (the
// async resources init hooks see).
class FSReqCallback {
  constructor(oncomplete) {
    this.oncomplete = oncomplete;
  }
  get [kResourceName]() { return 'FSReqCallback'; }
}
class FSReqPromise {
  constructor(oncomplete) {
    this.oncomplete = oncomplete;
  }
  get [kResourceName]() { return 'FSReqPromise'; }
}

const pendingRequests = new Map();
let nextRequest = 1;
addRequestSource(() => pendingRequests.values());

function submit(request, callback, promised = false) {
  const id = nextRequest++;
  const pending = promised ? new FSReqPromise(callback) : new FSReqCallback(callback);
  initAsyncResource(pending, promised ? 'FSREQPROMISE' : 'FSREQCALLBACK');
  pendingRequests.set(id, pending);
  const [name, a, b, c, d] = request;
  binding.fs(name, a, b, c, d, id);
}

internals.completeRequest = function (id, error, value) {
  const pending = pendingRequests.get(id);
  pendingRequests.delete(id);
  try {
    runAsResource(pending, pending.oncomplete, undefined, [error, value]);
  } finally {
    destroyResource(pending);
  }
};

// A failed call's stack starts at `caller`'s caller (the public function), as node's do.
function runSync(request, caller = runSync) {
  try {
    return Reflect.apply(binding.fs, binding, request);
  } catch (err) {
    if (err instanceof Error) Error.captureStackTrace(err, caller);
    throw err;
  }
}

// ---- the operations: each returns { request, done(value) } or a { steps } generator ----

function readdirResult(dir, options) {
  return ([names, types]) => {
    if (options.withFileTypes) return names.map((name, i) => new Dirent(entryName(name, options.encoding), types[i], dir));
    return names.map((name) => entryName(name, options.encoding));
  };
}

const openOperation = (path, flags, mode) => ({ request: ['open', toBindingPath(path), flagsOf(flags, O_RDONLY), modeOf(mode, 0o666)] });
const closeOperation = (fd) => ({ request: ['close', toFd(fd)] });

const operations = {
  access: (path, mode) => ({ request: ['access', toBindingPath(path), accessMode(mode, constants.F_OK)] }),
  // fs.open's and fs.close's descriptors are a worker's unmanaged ones (FileHandles' are not).
  open: (path, flags, mode) => ({ ...openOperation(path, flags, mode), done: unmanagedFdOpened }),
  close: (fd) => {
    fd = toFd(fd);
    const closed = () => unmanagedFdClosed(fd);
    return { request: ['close', fd], done: closed, fail: (err) => (closed(), err) };
  },
  fstat: (fd, options) => ({ request: ['fstat', toFd(fd)], done: (fields) => makeStats(fields, options) }),
  stat: (path, options) => ({
    request: ['stat', toBindingPath(path), options?.throwIfNoEntry !== false],
    signal: signalOf(options),
    done: (fields) => (fields === undefined ? undefined : makeStats(fields, options)),
  }),
  lstat: (path, options) => ({
    request: ['lstat', toBindingPath(path), options?.throwIfNoEntry !== false],
    done: (fields) => (fields === undefined ? undefined : makeStats(fields, options)),
  }),
  readFile: (file, rawOptions) => {
    const options = optionsOf(rawOptions, { encoding: null, flag: 'r' });
    const target = typeof file === 'number' ? file : toBindingPath(file);
    const flags = flagsOf(options.flag, O_RDONLY);
    const signal = signalOf(options);
    const done = (bytes) => {
      if (typeof bytes === 'number') throw fileTooLarge(bytes);
      return options.encoding ? asBuffer(bytes).toString(options.encoding) : asBuffer(bytes);
    };
    return {
      request: ['readFile', target, flags],
      signal,
      abortable: true,
      done,
      asyncSteps: signal === undefined ? undefined : () => readFileAbortable(target, flags, signal, done),
    };
  },
  writeFile: (file, data, rawOptions) => {
    const options = optionsOf(rawOptions, { encoding: 'utf8', mode: 0o666, flag: 'w' });
    const flush = flushOf(options);
    const target = typeof file === 'number' ? file : toBindingPath(file);
    const bytes = dataBytes(data, options.encoding);
    const flags = flagsOf(options.flag, O_TRUNC | O_CREAT | O_WRONLY);
    const mode = modeOf(options.mode, 0o666);
    const signal = signalOf(options);
    if (flush) return { steps: writeFlushed(target, bytes, flags, mode), signal };
    return { request: ['writeFile', target, bytes, flags, mode], signal, abortable: true };
  },
  appendFile: (file, data, rawOptions) => {
    const options = optionsOf(rawOptions, { encoding: 'utf8', mode: 0o666, flag: 'a' });
    return operations.writeFile(file, data, options);
  },
  mkdir: (path, options) => {
    let recursive = false;
    let mode = 0o777;
    if (typeof options === 'number' || typeof options === 'string') {
      mode = modeOf(options, 0o777);
    } else if (options) {
      if (options.recursive !== undefined) recursive = options.recursive;
      mode = modeOf(options.mode, 0o777, 'options.mode');
    }
    validateBoolean(recursive, 'options.recursive');
    return { request: ['mkdir', toBindingPath(path), recursive, mode] };
  },
  mkdtemp: (prefix, options) => {
    const { encoding } = optionsOf(options, { encoding: 'utf8' });
    const template = toPath(prefix, 'prefix');
    warnOnTrailingX(template);
    return { request: ['mkdtemp', template], done: (dir) => encode(dir, encoding) };
  },
  readdir: (path, rawOptions) => {
    const options = optionsOf(rawOptions, { encoding: 'utf8', withFileTypes: false, recursive: false });
    const dir = toPath(path);
    if (options.recursive) return { steps: readdirRecursive(dir, options) };
    // (Entries' parentPath is the path as given when that was a Buffer, as in node.)
    return { request: ['readdir', toBindingPath(path)], done: readdirResult(path instanceof Uint8Array ? path : dir, options) };
  },
  rm: (path, options) => {
    const target = toBindingPath(path);
    const { recursive, force } = rmOptions(options);
    return { request: ['rm', target, recursive, force], fail: rmError };
  },
  rmdir: (path, options) => {
    const target = toBindingPath(path);
    return { request: ['rmdir', target, rmdirOptions(options)] };
  },
  unlink: (path) => ({ request: ['unlink', toBindingPath(path)] }),
  rename: (from, to) => ({ request: ['rename', toBindingPath(from, 'oldPath'), toBindingPath(to, 'newPath')] }),
  copyFile: (from, to, mode) => ({ request: ['copyFile', toBindingPath(from, 'src'), toBindingPath(to, 'dest'), accessMode(mode, 0)] }),
  realpath: (path, options) => {
    const { encoding } = optionsOf(options, { encoding: 'utf8' });
    return { request: ['realpath', toBindingPath(path)], done: (real) => encode(real, encoding) };
  },
  readlink: (path, options) => {
    const { encoding } = optionsOf(options, { encoding: 'utf8' });
    return { request: ['readlink', toBindingPath(path)], done: (target) => encode(target, encoding) };
  },
  symlink: (target, path, type) => {
    if (!symlinkTypes.includes(type)) {
      throw invalidArgValueCoded('type', type, "must be one of: 'dir', 'file', 'junction', null, undefined");
    }
    return { request: ['symlink', toBindingPath(target, 'target'), toBindingPath(path)] };
  },
  link: (from, to) => ({ request: ['link', toBindingPath(from, 'existingPath'), toBindingPath(to, 'newPath')] }),
  chmod: (path, mode) => ({ request: ['chmod', toBindingPath(path), fileMode(mode)] }),
  truncate: (path, length = 0) => {
    const len = validateLength(length);
    return { request: typeof path === 'number' ? ['ftruncate', toFd(path), len] : ['truncate', toBindingPath(path), len] };
  },
  ftruncate: (fd, length = 0) => ({ request: ['ftruncate', toFd(fd), validateLength(length)] }),
  fsync: (fd) => ({ request: ['fsync', toFd(fd)] }),
  fdatasync: (fd) => ({ request: ['fdatasync', toFd(fd)] }),
  utimes: (path, atime, mtime) => ({ request: ['utimes', toBindingPath(path), toSeconds(atime), toSeconds(mtime)] }),
  lutimes: (path, atime, mtime) => ({ request: ['lutimes', toBindingPath(path), toSeconds(atime), toSeconds(mtime)] }),
  futimes: (fd, atime, mtime) => ({ request: ['futimes', toFd(fd), toSeconds(atime), toSeconds(mtime)] }),
  statfs: (path, options) => ({
    request: ['statfs', toBindingPath(path)],
    done: (fields) => new StatFs(fields.map((value) => (options?.bigint ? BigInt(value) : value))),
  }),
  fchmod: (fd, mode) => ({ request: ['fchmod', toFd(fd), fileMode(mode)] }),
  chown: (path, uid, gid) => ({ request: ['chown', toBindingPath(path), userId(uid, 'uid'), userId(gid, 'gid')] }),
  lchown: (path, uid, gid) => ({ request: ['lchown', toBindingPath(path), userId(uid, 'uid'), userId(gid, 'gid')] }),
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

const fileTooLarge = (size) => codedError(RangeError, 'ERR_FS_FILE_TOO_LARGE', `File size (${size}) is greater than 2 GiB`);

// readFile given a signal: open, fstat and reads of at most 512 KiB as separate requests, the
// signal checked between them, as node's are.
function* readFileAbortable(target, flags, signal, done) {
  const fd = typeof target === 'number' ? target : yield ['open', target, flags, 0o666];
  try {
    checkAborted(signal);
    const fields = yield ['fstat', fd];
    if ((fields[1] & constants.S_IFMT) === constants.S_IFREG && fields[8] > 2 ** 31 - 1) throw fileTooLarge(fields[8]);
    const chunks = [];
    for (;;) {
      checkAborted(signal);
      const bytes = yield ['read', fd, 512 * 1024, -1];
      if (bytes.length === 0) break;
      chunks.push(bytes);
    }
    return done(Buffer.concat(chunks));
  } finally {
    if (fd !== target) yield ['close', fd];
  }
}

// The `flush` option of writeFile, appendFile and their kin.
function flushOf(options) {
  const flush = options.flush ?? false;
  validateBoolean(flush, 'options.flush');
  return flush;
}

// A step that calls one of fs's public forms (which a program may have replaced) where node's
// own code does: its Sync form in fooSync, its callback form in foo, and the native request
// in the promise forms.
const publicCall = (name, ...args) => ({ publicCall: name, args });

// writeFile with `flush`: the data written, then fs.fsync on the descriptor before it closes.
function* writeFlushed(target, bytes, flags, mode) {
  const fd = typeof target === 'number' ? target : yield ['open', target, flags, mode];
  try {
    yield ['writeFile', fd, bytes];
    yield publicCall('fsync', fd);
  } finally {
    if (fd !== target) yield ['close', fd];
  }
}

const isFileType = (fields, type) => (fields[1] & constants.S_IFMT) === type;

// realpath's walk, component by component from the root: a symbolic link is read (once per
// dev:ino) and the walk starts over on its target joined with the rest. As in node, a
// component already known not to be a link ends the walk when the stat fetched last was of a
// pipe or socket (node reads that from its shared stat array), so /dev/stdin on a pipe gives
// /proc/<pid>/fd/pipe:[n].
function* realpathWalk(start) {
  const { resolve } = require('path');
  const seenLinks = new Map();
  const knownHard = new Set();
  let path = start;
  let lastStat;
  let current = '/';
  let position = 1;
  while (position < path.length) {
    const slash = path.indexOf('/', position);
    const previous = current;
    const end = slash === -1 ? path.length : slash;
    const base = previous + path.slice(position, end);
    current = slash === -1 ? base : `${base}/`;
    position = end + 1;
    if (knownHard.has(base)) {
      if (isFileType(lastStat, constants.S_IFIFO) || isFileType(lastStat, constants.S_IFSOCK)) break;
      continue;
    }
    lastStat = yield ['lstat', base, true];
    if (!isFileType(lastStat, constants.S_IFLNK)) {
      knownHard.add(base);
      continue;
    }
    const id = `${lastStat[0]}:${lastStat[7]}`;
    let target = seenLinks.get(id);
    if (target === undefined) {
      lastStat = yield ['stat', base, true];
      target = yield ['readlink', base];
      seenLinks.set(id, target);
    }
    path = resolve(resolve(previous, target), path.slice(position));
    current = '/';
    position = 1;
  }
  return path;
}

// readdir with recursive: a sequence of readdir requests, breadth first as node lists them.
function* readdirRecursive(root, options) {
  const results = [];
  const queue = [root];
  while (queue.length > 0) {
    const dir = queue.shift();
    const [names, types] = yield ['readdir', dir];
    names.forEach((bytesOrName, i) => {
      const name = entryName(bytesOrName, 'utf8');
      const relative = require('path').relative(root, `${dir}/${name}`);
      if (types[i] === constants.UV_DIRENT_DIR) queue.push(`${dir}/${name}`);
      results.push(options.withFileTypes ? new Dirent(name, types[i], dir) : encode(relative, options.encoding));
    });
  }
  return results;
}

// A step's failure is thrown into the generator, so its `finally` blocks still run.
function runStepsSync(steps) {
  let next = steps.next();
  while (!next.done) {
    const step = next.value;
    let value;
    try {
      value = step.publicCall ? fs[`${step.publicCall}Sync`](...step.args) : runSync(step, performSync);
    } catch (err) {
      next = steps.throw(err);
      continue;
    }
    next = steps.next(value);
  }
  return next.value;
}

function runStepsAsync(steps, callback, promised) {
  const advance = (failure, value) => {
    let next;
    try {
      next = failure ? steps.throw(failure) : steps.next(value);
    } catch (err) {
      return callback(err);
    }
    if (next.done) return callback(null, next.value);
    const step = next.value;
    const settle = (err, result) => (err ? advance(err) : advance(null, result));
    if (step.publicCall && !promised) fs[step.publicCall](...step.args, settle);
    else submit(step.publicCall ? [step.publicCall, ...step.args] : step, settle, promised);
  };
  advance(null, undefined);
}

// An operation given a signal fails with AbortError when it was aborted before it started or
// while it ran.
function perform(operation, callback, promised = false) {
  const { signal } = operation;
  const aborted = () => new AbortError(undefined, { cause: signal.reason });
  if (signal?.aborted) return process.nextTick(callback, aborted());
  const steps = operation.asyncSteps?.() ?? operation.steps;
  if (steps) return runStepsAsync(steps, callback, promised);
  submit(operation.request, (err, value) => {
    if (signal?.aborted && operation.abortable) return callback(aborted());
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
  }, promised);
}

function performSync(operation) {
  if (operation.steps) return runStepsSync(operation.steps);
  let value;
  try {
    value = runSync(operation.request, performSync);
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
const validatesBeforeCallback = new Set(['access', 'open', 'close', 'fstat', 'fsync', 'fdatasync', 'truncate', 'ftruncate', 'chmod',
  'fchmod', 'chown', 'lchown', 'fchown', 'utimes', 'lutimes', 'futimes', 'copyFile']);

// A system error of a promise form gets its stack where the promise settles, so it shows the
// async functions awaiting it (as node's handleErrorFromBinding does).
function withAwaitingStack(err) {
  if (err instanceof Error && typeof err.errno === 'number' && typeof err.syscall === 'string') {
    Error.captureStackTrace(err, withAwaitingStack);
  }
  throw err;
}

function promiseForm(name, operation) {
  return {
    async [name](...args) {
      return await new Promise((resolve, reject) => {
        perform(operation(...args), (err, value) => (err ? reject(err) : resolve(value)), true);
      }).then(undefined, withAwaitingStack);
    },
  }[name];
}

const fs = { Dirent };
Object.defineProperty(fs, 'constants', { value: constants, writable: false, enumerable: true, configurable: false });
// fs.F_OK and the others: deprecated getters (DEP0176), without setters.
for (const name of ['F_OK', 'R_OK', 'W_OK', 'X_OK']) {
  Object.defineProperty(fs, name, {
    get: require('util').deprecate(() => constants[name], `fs.${name} is deprecated, use fs.constants.${name} instead`, 'DEP0176'),
    enumerable: false,
    configurable: false,
  });
}
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
// realpath and realpathSync walk the path in JS as node's do (errors name lstat); the
// .native forms and fs.promises.realpath ask the system's realpath.
const walkRealpath = (path, options) => {
  const { encoding } = optionsOf(options, { encoding: 'utf8' });
  const start = require('path').resolve(toPath(path));
  return { steps: realpathWalk(start), done: (real) => encode(real, encoding) };
};
fs.realpathSync = { realpathSync: (path, options) => {
  const operation = walkRealpath(path, options);
  return operation.done(performSync(operation));
} }.realpathSync;
fs.realpath = { realpath: (path, ...args) => {
  const callback = takeCallback(args);
  const operation = walkRealpath(path, args[0]);
  perform(operation, (err, real) => (err ? callback(err) : callback(null, operation.done(real))));
} }.realpath;
fs.realpathSync.native = { realpathSync: (...args) => performSync(operations.realpath(...args)) }.realpathSync;
fs.realpath.native = { realpath: (...args) => {
  const callback = takeCallback(args);
  perform(operations.realpath(...args), callback);
} }.realpath;

// ---- the forms that do not fit the table ----

let warnedExistsArgument = false;
fs.existsSync = function existsSync(path) {
  let target;
  try {
    target = toBindingPath(path);
  } catch (err) {
    if (err.code === 'ERR_INVALID_ARG_TYPE' && !warnedExistsArgument) {
      warnedExistsArgument = true;
      process.emitWarning('Passing invalid argument types to fs.existsSync is deprecated', 'DeprecationWarning', 'DEP0187');
    }
    return false;
  }
  try {
    return runSync(['stat', target, false]) !== undefined;
  } catch (err) {
    // The permission model's refusal is thrown, as node's does.
    if (err.code === 'ERR_ACCESS_DENIED') throw err;
    return false;
  }
};

fs.exists = function exists(path, callback) {
  if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
  let target;
  try {
    target = toBindingPath(path);
  } catch {
    return process.nextTick(callback, false);
  }
  submit(['stat', target, false], (err, value) => callback(!err && value !== undefined));
};

function validateBuffer(buffer) {
  if (!ArrayBuffer.isView(buffer)) throw invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', buffer);
}

function validateOptionsObject(options) {
  if (options !== null && (typeof options !== 'object' || Array.isArray(options))) throw invalidArgType('options', 'of type object', options);
}

// A read or write position: null for the current one, else an integer >= -1 (a bigint up to
// 2^63 - 1 less the length).
function validatePosition(position, length) {
  if (typeof position === 'number') {
    validateInteger(position, 'position', -1);
  } else if (typeof position === 'bigint') {
    const max = 2n ** 63n - 1n - BigInt(length);
    if (!(position >= -1n && position <= max)) throw outOfRange('position', `>= -1 && <= ${max}`, position);
  } else {
    throw invalidArgType('position', 'of type bigint or integer', position);
  }
}

// The checks both read forms make once they have offset, length and position; undefined
// when there is nothing to read.
function checkRead(buffer, offset, length, position) {
  if (offset == null) offset = 0;
  else validateInteger(offset, 'offset', 0);
  length |= 0;
  if (position == null) position = -1;
  else validatePosition(position, length);
  if (length === 0) return undefined;
  if (buffer.byteLength === 0) throw invalidArgValueCoded('buffer', buffer, 'is empty and cannot be written');
  if (length < 0) throw outOfRange('length', '>= 0', length);
  if (offset + length > buffer.byteLength) throw outOfRange('length', `<= ${buffer.byteLength - offset}`, length);
  return { buffer, offset, length, position };
}

function copyRead(target, bytes) {
  new Uint8Array(target.buffer.buffer, target.buffer.byteOffset + target.offset, bytes.length).set(bytes);
  return bytes.length;
}

fs.readSync = function readSync(fd, buffer, offsetOrOptions, length, position) {
  validateBuffer(buffer);
  let offset = offsetOrOptions;
  if (arguments.length <= 3 || typeof offsetOrOptions === 'object') {
    if (offsetOrOptions !== undefined) validateOptionsObject(offsetOrOptions);
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions ?? {});
  }
  if (offset === undefined) offset = 0;
  const target = checkRead(buffer, offset, length, position);
  if (target === undefined) return 0;
  return copyRead(target, runSync(['read', toFd(fd), target.length, target.position], readSync));
};

fs.read = function read(fd, buffer, offsetOrOptions, length, position, callback) {
  toFd(fd);
  let offset = offsetOrOptions;
  let params = null;
  if (arguments.length <= 4) {
    if (arguments.length === 4) {
      // read(fd, buffer, options, callback)
      validateOptionsObject(offsetOrOptions);
      callback = length;
      params = offsetOrOptions;
    } else if (arguments.length === 3) {
      // read(fd, buffer, callback) or read(fd, options, callback)
      if (!ArrayBuffer.isView(buffer)) {
        params = buffer;
        ({ buffer = Buffer.alloc(16384) } = params ?? {});
      }
      callback = offsetOrOptions;
    } else {
      // read(fd, callback)
      callback = buffer;
      buffer = Buffer.alloc(16384);
    }
    if (params !== undefined) validateOptionsObject(params);
    ({ offset = 0, length = buffer?.byteLength - offset, position = null } = params ?? {});
  }
  validateBuffer(buffer);
  if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
  const target = checkRead(buffer, offset, length, position);
  if (target === undefined) return process.nextTick(callback, null, 0, buffer);
  submit(['read', fd, target.length, target.position], (err, bytes) => {
    if (err) return callback(err, 0, buffer);
    callback(null, copyRead(target, bytes), buffer);
  });
};

function writeArguments(fd, data, offsetOrOptions, length, position) {
  toFd(fd);
  if (typeof data === 'string') {
    const encoding = typeof length === 'string' ? length : 'utf8';
    return { bytes: stringBytes(data, encoding), position: offsetOrOptions ?? null, data };
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
  return runSync(['write', fd, bytes, position ?? -1], writeSync);
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
  return scatter(buffers, runSync(['read', fd, totalLength(buffers), vectorPosition(position)], readvSync));
};

fs.writevSync = function writevSync(fd, buffers, position) {
  bufferArray(fd, buffers);
  if (buffers.length === 0) return 0;
  return runSync(['write', fd, gather(buffers), vectorPosition(position)], writevSync);
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

const kFd = Symbol('kFd');
const kRefs = Symbol('kRefs');
const kClosePromise = Symbol('kClosePromise');
const kCloseSettle = Symbol('kCloseSettle');
const kLocked = Symbol('kLocked');
const kTransferred = Symbol('kTransferred');

function closedHandleError(syscall, transferred = false) {
  const err = new Error(transferred ? 'The FileHandle has been transferred' : 'file closed');
  Object.assign(err, { code: 'EBADF', syscall });
  return err;
}

// An operation on a FileHandle's descriptor, which the handle keeps open until it ends (a
// close() meanwhile waits for it). `syscall` names it in the error of a closed handle.
async function handleCall(handle, syscall, body) {
  if (handle?.[kFileHandleBrand] !== true) {
    // A method called on something else: node's internal assertion.
    throw codedError(Error, 'ERR_INTERNAL_ASSERTION', 'handle must be an instance of FileHandle\nThis is caused by ' +
      'either a bug in Node.js or incorrect usage of Node.js internals.\nPlease open an issue with this stack trace at ' +
      'https://github.com/nodejs/node/issues\n');
  }
  if (handle.fd === -1) throw closedHandleError(syscall, handle[kTransferred]);
  handle[kFileHandleRef]();
  try {
    return await body(handle.fd);
  } finally {
    handle[kFileHandleUnref]();
  }
}

const callbackResult = (method, ...args) => new Promise((resolve, reject) => {
  method(...args, (err, ...values) => (err ? reject(err) : resolve(values)));
});

const { kTransfer, kDeserialize, markTransferMode } = require('internal/worker/js_transferable');

// A FileHandle collected while still open closes its descriptor, with node's warnings.
let warnedCloseOnCollection = false;
const openHandles = new FinalizationRegistry((fd) => {
  process.emitWarning(`Closing file descriptor ${fd} on garbage collection`);
  try {
    runSync(['close', fd]);
  } catch {
    // Already closed by other means: nothing more to do.
  }
  if (!warnedCloseOnCollection) {
    warnedCloseOnCollection = true;
    process.emitWarning('Closing a FileHandle object on garbage collection is deprecated. Please close FileHandle ' +
      'objects explicitly using FileHandle.prototype.close(). In the future, an error will be thrown if a file ' +
      'descriptor is closed during garbage collection.', 'DeprecationWarning', 'DEP0137');
  }
});

// The handle's descriptor, set (watched for collection) or given up (-1).
function setHandleFd(handle, fd) {
  if (handle[kFd] !== undefined && handle[kFd] !== -1) openHandles.unregister(handle);
  handle[kFd] = fd;
  if (fd !== -1) openHandles.register(handle, fd, handle);
}

class FileHandle extends require('events') {
  constructor(fd) {
    super();
    this[kFileHandleBrand] = true;
    setHandleFd(this, fd);
    this[kRefs] = 1;
    this[kClosePromise] = null;
    this[kLocked] = false;
    this[kTransferred] = false;
    markTransferMode(this, false, true);
  }
  get fd() { return this[kFd]; }
  // Transferred in a message, the descriptor goes to the receiving thread's FileHandle.
  [kTransfer]() {
    if (this[kClosePromise] || this[kRefs] > 1) {
      throw new DOMException('Cannot transfer FileHandle while in use', 'DataCloneError');
    }
    const fd = this[kFd];
    setHandleFd(this, -1);
    this[kTransferred] = true;
    return { data: { fd }, deserializeInfo: 'internal/fs/promises:FileHandle' };
  }
  [kDeserialize]({ fd }) {
    setHandleFd(this, fd);
  }
  getAsyncId() { return -1; }
  stat(options) { return handleCall(this, 'fstat', (fd) => fdPromise('fstat', fd, options)); }
  readFile(options) { return handleCall(this, 'readFile', (fd) => promises.readFile(fd, options)); }
  writeFile(data, options) { return handleCall(this, 'writeFile', (fd) => writeFileToFd(fd, data, options, 'w')); }
  appendFile(data, options) { return handleCall(this, 'writeFile', (fd) => writeFileToFd(fd, data, options, 'a')); }
  truncate(length) { return handleCall(this, 'ftruncate', (fd) => fdPromise('ftruncate', fd, length)); }
  sync() { return handleCall(this, 'fsync', (fd) => fdPromise('fsync', fd)); }
  datasync() { return handleCall(this, 'fdatasync', (fd) => fdPromise('fdatasync', fd)); }
  chmod(mode) { return handleCall(this, 'fchmod', (fd) => fdPromise('fchmod', fd, mode)); }
  chown(uid, gid) { return handleCall(this, 'fchown', (fd) => fdPromise('fchown', fd, uid, gid)); }
  utimes(atime, mtime) { return handleCall(this, 'futimes', (fd) => fdPromise('futimes', fd, atime, mtime)); }
  read(buffer, offset, length, position) {
    return handleCall(this, 'read', async (fd) => {
      // With no buffer (or options in its place), a 16 KiB one is made.
      if (!ArrayBuffer.isView(buffer)) {
        const options = buffer ?? {};
        if (typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
        ({ buffer = Buffer.alloc(16384), offset = 0, length = buffer.byteLength - offset, position = null } = options);
      } else if (offset !== null && typeof offset === 'object') {
        ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset);
      }
      if (position != null) validatePosition(position, length ?? 0);
      if (buffer.byteLength === 0 && (length ?? 0) === 0) return { bytesRead: 0, buffer };
      const [bytesRead] = await callbackResult(fs.read, fd, buffer, offset ?? 0, length ?? buffer.byteLength - (offset ?? 0), position ?? null);
      return { bytesRead, buffer };
    });
  }
  write(data, ...args) {
    return handleCall(this, 'write', async (fd) => {
      if (ArrayBuffer.isView(data) && data.byteLength === 0) return { bytesWritten: 0, buffer: data };
      const [bytesWritten, buffer] = await callbackResult(fs.write, fd, data, ...args);
      return { bytesWritten, buffer };
    });
  }
  readv(buffers, position) {
    return handleCall(this, 'readv', async (fd) => {
      const [bytesRead] = await callbackResult(fs.readv, fd, buffers, position ?? null);
      return { bytesRead, buffers };
    });
  }
  writev(buffers, position) {
    return handleCall(this, 'writev', async (fd) => {
      const [bytesWritten] = await callbackResult(fs.writev, fd, buffers, position ?? null);
      return { bytesWritten, buffers };
    });
  }
  // The descriptor closes now, or once the operations still using it end.
  close() {
    if (this[kFd] === -1) return Promise.resolve();
    if (this[kClosePromise]) return this[kClosePromise];
    this[kRefs]--;
    let closing;
    if (this[kRefs] === 0) {
      const fd = this[kFd];
      setHandleFd(this, -1);
      closing = new Promise((resolve, reject) => fs.close(fd, (err) => (err ? reject(err) : resolve())));
    } else {
      closing = new Promise((resolve, reject) => { this[kCloseSettle] = { resolve, reject }; });
    }
    this[kClosePromise] = closing.finally(() => {
      this[kClosePromise] = undefined;
      this[kCloseSettle] = undefined;
    });
    this.emit('close');
    return this[kClosePromise];
  }
  async [Symbol.asyncDispose]() { await this.close(); }
  [kFileHandleRef]() { this[kRefs]++; }
  [kFileHandleUnref]() {
    this[kRefs]--;
    if (this[kRefs] === 0) {
      const fd = this[kFd];
      setHandleFd(this, -1);
      const settle = this[kCloseSettle];
      fs.close(fd, (err) => {
        if (!settle) return;
        if (err) settle.reject(err);
        else settle.resolve();
      });
    }
  }
  // A byte ReadableStream of the file from its current position.
  readableWebStream(options = {}) {
    if (this[kFd] === -1) throw codedError(Error, 'ERR_INVALID_STATE', 'Invalid state: The FileHandle is closed');
    if (this[kClosePromise]) throw codedError(Error, 'ERR_INVALID_STATE', 'Invalid state: The FileHandle is closing');
    if (this[kLocked]) throw codedError(Error, 'ERR_INVALID_STATE', 'Invalid state: The FileHandle is locked');
    validateObject(options, 'options');
    const { type = 'bytes', autoClose = false } = options;
    validateBoolean(autoClose, 'options.autoClose');
    if (type !== 'bytes') {
      process.emitWarning('A non-"bytes" options.type has no effect. A byte-oriented steam is always created.', 'ExperimentalWarning');
    }
    this[kLocked] = true;
    this[kFileHandleRef]();
    let done = false;
    const finish = async () => {
      if (done) return;
      done = true;
      this[kFileHandleUnref]();
      if (autoClose) await this.close();
    };
    const handle = this;
    let streamController;
    const { ReadableStream } = require('internal/webstreams/readablestream');
    const readable = new ReadableStream({
      type: 'bytes',
      autoAllocateChunkSize: 16384,
      start(controller) { streamController = controller; },
      async pull(controller) {
        const view = controller.byobRequest.view;
        const { bytesRead } = await new Promise((resolve, reject) => {
          fs.read(handle.fd, view, 0, view.byteLength, null, (err, count) => (err ? reject(err) : resolve({ bytesRead: count })));
        });
        if (bytesRead === 0) {
          controller.close();
          controller.byobRequest?.respond(0);
          await finish();
          return;
        }
        controller.byobRequest.respond(bytesRead);
      },
      async cancel() { await finish(); },
    });
    this.once('close', () => {
      if (done) return;
      done = true;
      this[kFileHandleUnref]();
      try {
        streamController.close();
        streamController.byobRequest?.respond(0);
      } catch {
        // Already closed or errored.
      }
    });
    return readable;
  }
  readLines(options) {
    const { Interface } = require('readline');
    return new Interface({ input: this.createReadStream(options), crlfDelay: Infinity });
  }
  createReadStream(options) {
    return new ReadStream(undefined, { ...options, fd: this });
  }
  createWriteStream(options) {
    return new WriteStream(undefined, { ...options, fd: this });
  }
}
// internal/fs/promises gives it to a message's deserialization.
internals.FileHandle = FileHandle;

function fdPromise(name, ...args) {
  return new Promise((resolve, reject) => {
    perform(fdOperations[name](...args), (err, value) => (err ? reject(err) : resolve(value)));
  });
}

const openFd = promiseForm('open', openOperation);
promises.open = async function open(path, flags, mode) {
  return new FileHandle(await openFd(path, flags, mode));
};
const fdOperations = {};
for (const name of ['close', 'fstat', 'ftruncate', 'fsync', 'fdatasync', 'futimes', 'fchmod', 'fchown']) {
  fdOperations[name] = name === 'close' ? closeOperation : operations[name];
  delete promises[name];
}
for (const name of ['fstat', 'ftruncate', 'fsync', 'close']) {
  Object.defineProperty(promises, name, { enumerable: false, value: promiseForm(name, fdOperations[name]) });
}
for (const name of ['readFile', 'writeFile', 'appendFile']) {
  const byPath = promises[name];
  promises[name] = {
    [name]: (file, ...args) => {
      if (file instanceof FileHandle) return file[name](...args);
      if (name !== 'readFile' && isIterableData(args[0])) return writeIterableToPath(file, args[0], args[1], name === 'writeFile' ? 'w' : 'a');
      return byPath(file, ...args);
    },
  }[name];
}

// Data that writeFile takes as a sequence of chunks: an iterable or async iterable other
// than a string or a view.
const isIterableData = (data) => data !== null && typeof data === 'object' && !ArrayBuffer.isView(data) &&
  (typeof data[Symbol.iterator] === 'function' || typeof data[Symbol.asyncIterator] === 'function');

async function writeChunks(fd, data, encoding, signal) {
  checkAborted(signal);
  for await (const chunk of data) {
    checkAborted(signal);
    let bytes;
    if (typeof chunk === 'string') bytes = Buffer.from(chunk, encoding ?? 'utf8');
    else if (ArrayBuffer.isView(chunk)) bytes = chunk;
    else throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', chunk);
    let offset = 0;
    while (offset < bytes.byteLength) {
      const [written] = await callbackResult(fs.write, fd, bytes, offset, bytes.byteLength - offset, null);
      offset += written;
      checkAborted(signal);
    }
  }
}

async function writeFileToFd(fd, data, rawOptions, flag) {
  const options = optionsOf(rawOptions, { encoding: 'utf8', flag });
  validateSignal(options.signal);
  checkAborted(options.signal);
  if (isIterableData(data)) return writeChunks(fd, data, options.encoding, options.signal);
  return promises.writeFile(fd, data, options);
}

async function writeIterableToPath(path, data, rawOptions, flag) {
  const options = optionsOf(rawOptions, { encoding: 'utf8', mode: 0o666, flag });
  const flush = flushOf(options);
  validateSignal(options.signal);
  checkAborted(options.signal);
  const handle = await promises.open(path, options.flag, options.mode);
  try {
    await writeChunks(handle.fd, data, options.encoding, options.signal);
    if (flush) await handle.sync();
  } finally {
    await handle.close();
  }
}

// ---- streams over descriptors ----

const fileStreams = require('internal/fs/streams');
const { ReadStream, WriteStream } = fileStreams;
fs.ReadStream = ReadStream;
Object.defineProperty(fs, 'Utf8Stream', {
  get() { return require('internal/streams/fast-utf8-stream').Utf8Stream; },
  enumerable: true,
  configurable: true,
});
fs.WriteStream = WriteStream;
// The older names, accessors over the classes above.
for (const [alias, name] of [['FileReadStream', 'ReadStream'], ['FileWriteStream', 'WriteStream']]) {
  Object.defineProperty(fs, alias, {
    get() { return fs[name]; },
    set(value) { fs[name] = value; },
    enumerable: true,
    configurable: true,
  });
}
fs.createReadStream = function createReadStream(path, options) {
  return new ReadStream(path, options);
};
fs.createWriteStream = function createWriteStream(path, options) {
  return new WriteStream(path, options);
};

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

const dirs = require('internal/fs/dir');
dirs.init({ submit, runSync, Dirent, entryName });
fs.Dir = dirs.Dir;
fs.opendir = dirs.opendir;
fs.opendirSync = dirs.opendirSync;
promises.opendir = dirs.opendirPromise;

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
// A temporary directory removed (with everything in it) by remove() or at the end of a
// `using` block; the path is resolved when made, so a later chdir does not move it.
fs.mkdtempDisposableSync = function mkdtempDisposableSync(prefix, options) {
  const path = fs.mkdtempSync(prefix, options);
  const fullPath = require('path').resolve(process.cwd(), path);
  const removeAll = () => fs.rmSync(fullPath, { maxRetries: 0, recursive: true, force: true });
  return {
    path,
    remove() {
      removeAll();
    },
    [Symbol.dispose]() {
      removeAll();
    },
  };
};
promises.mkdtempDisposable = async function mkdtempDisposable(prefix, options) {
  const path = await promises.mkdtemp(prefix, options);
  const fullPath = require('path').resolve(process.cwd(), path);
  const removeAll = () => promises.rm(fullPath, { maxRetries: 0, recursive: true, force: true });
  return {
    __proto__: null,
    path,
    async remove() {
      await removeAll();
    },
    async [Symbol.asyncDispose]() {
      await removeAll();
    },
  };
};
// lchmod exists on macOS only; elsewhere fs has the names, undefined, and fs.promises' one
// always rejects.
fs.lchmod = undefined;
fs.lchmodSync = undefined;
promises.lchmod = async function lchmod(path, mode) { // eslint-disable-line no-unused-vars -- node's arity
  throw codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The lchmod() method is not implemented');
};

const globWalk = require('internal/fs/glob');
fs.glob = globWalk.glob;
fs.globSync = globWalk.globSync;
promises.glob = globWalk.globAsync;
fs._toUnixTimestamp = toSeconds;
fs.openAsBlob = function openAsBlob(path, options = undefined) {
  return require('internal/blob').openAsBlob(path, options);
};
Object.defineProperty(fs.exists, require('util').promisify.custom, {
  value: function exists(path) {
    return new Promise((resolve) => fs.exists(path, resolve));
  },
});

fs.promises = promises;
module.exports = fs;
