'use strict';
// fs: the synchronous API (the callback and promise forms come with issue 8's async I/O).

const { Buffer } = require('buffer');

const { invalidArgType } = require('internal/errors');

const constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, S_IFMT: 0o170000, S_IFREG: 0o100000, S_IFDIR: 0o40000, S_IFLNK: 0o120000 };

function toPath(value, name = 'path') {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString();
  if (value instanceof URL) {
    if (value.protocol !== 'file:') {
      const err = new TypeError('The URL must be of scheme file');
      err.code = 'ERR_INVALID_URL_SCHEME';
      throw err;
    }
    return decodeURIComponent(value.pathname);
  }
  throw invalidArgType(name, 'of type string or an instance of Buffer or URL', value);
}

function encodingOf(options) {
  if (typeof options === 'string') return options;
  return options?.encoding ?? null;
}

class Stats {
  constructor(fields) {
    [this.dev, this.ino, this.mode, this.nlink, this.uid, this.gid, this.rdev, this.size,
      this.blksize, this.blocks, this.atimeMs, this.mtimeMs, this.ctimeMs, this.birthtimeMs] = fields;
    this.atime = new Date(this.atimeMs);
    this.mtime = new Date(this.mtimeMs);
    this.ctime = new Date(this.ctimeMs);
    this.birthtime = new Date(this.birthtimeMs);
  }
  isFile() { return (this.mode & constants.S_IFMT) === constants.S_IFREG; }
  isDirectory() { return (this.mode & constants.S_IFMT) === constants.S_IFDIR; }
  isSymbolicLink() { return (this.mode & constants.S_IFMT) === constants.S_IFLNK; }
  isBlockDevice() { return (this.mode & constants.S_IFMT) === 0o60000; }
  isCharacterDevice() { return (this.mode & constants.S_IFMT) === 0o20000; }
  isFIFO() { return (this.mode & constants.S_IFMT) === 0o10000; }
  isSocket() { return (this.mode & constants.S_IFMT) === 0o140000; }
}

class Dirent {
  constructor(name, parentPath, isDirectory, isFile, isSymlink) {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    this._kind = { isDirectory, isFile, isSymlink };
  }
  isDirectory() { return this._kind.isDirectory; }
  isFile() { return this._kind.isFile; }
  isSymbolicLink() { return this._kind.isSymlink; }
  isBlockDevice() { return false; }
  isCharacterDevice() { return false; }
  isFIFO() { return false; }
  isSocket() { return false; }
}

function existsSync(file) {
  try {
    return binding.fsStat(toPath(file), false, false) !== undefined;
  } catch {
    return false;
  }
}

function readFileSync(file, options) {
  const bytes = binding.fsReadFile(toPath(file));
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const encoding = encodingOf(options);
  return encoding ? buffer.toString(encoding) : buffer;
}

function dataBytes(data, options) {
  if (typeof data === 'string') return Buffer.from(data, encodingOf(options) ?? 'utf8');
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

function writeFileSync(file, data, options) {
  binding.fsWriteFile(toPath(file), dataBytes(data, options), options?.flag === 'a');
}

function appendFileSync(file, data, options) {
  binding.fsWriteFile(toPath(file), dataBytes(data, options), true);
}

function mkdirSync(dir, options) {
  const recursive = typeof options === 'object' && options !== null && Boolean(options.recursive);
  return binding.fsMkdir(toPath(dir), recursive);
}

function rmSync(target, options = {}) {
  binding.fsRm(toPath(target), Boolean(options.recursive), Boolean(options.force));
}

function rmdirSync(dir, options = {}) {
  const dirPath = toPath(dir);
  const stats = statSync(dirPath);
  if (!stats.isDirectory()) {
    const err = new Error(`ENOTDIR: not a directory, rmdir '${dirPath}'`);
    Object.assign(err, { errno: -20, code: 'ENOTDIR', syscall: 'rmdir', path: dirPath });
    throw err;
  }
  binding.fsRm(dirPath, Boolean(options.recursive), false);
}

function unlinkSync(file) {
  const filePath = toPath(file);
  if (statSync(filePath, { throwIfNoEntry: false })?.isDirectory()) {
    const err = new Error(`EISDIR: illegal operation on a directory, unlink '${filePath}'`);
    Object.assign(err, { errno: -21, code: 'EISDIR', syscall: 'unlink', path: filePath });
    throw err;
  }
  binding.fsRm(filePath, false, false);
}

function readdirSync(dir, options) {
  const dirPath = toPath(dir);
  const entries = binding.fsReaddir(dirPath).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (options?.withFileTypes) return entries.map(([name, d, f, l]) => new Dirent(name, dirPath, d, f, l));
  const encoding = encodingOf(options);
  return entries.map(([name]) => (encoding === 'buffer' ? Buffer.from(name) : name));
}

function statSync(file, options) {
  const fields = binding.fsStat(toPath(file), false, options?.throwIfNoEntry !== false);
  return fields === undefined ? undefined : new Stats(fields);
}

function lstatSync(file, options) {
  const fields = binding.fsStat(toPath(file), true, options?.throwIfNoEntry !== false);
  return fields === undefined ? undefined : new Stats(fields);
}

function mkdtempSync(prefix) {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  for (;;) {
    let suffix = '';
    for (let i = 0; i < 6; i++) suffix += chars[Math.floor(Math.random() * chars.length)];
    const candidate = `${toPath(prefix, 'prefix')}${suffix}`;
    if (!existsSync(candidate)) {
      mkdirSync(candidate);
      return candidate;
    }
  }
}

const realpathSync = (file) => binding.fsRealpath(toPath(file));
realpathSync.native = realpathSync;

module.exports = {
  constants,
  Stats,
  Dirent,
  existsSync,
  readFileSync,
  writeFileSync,
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  rmdirSync,
  unlinkSync,
  readdirSync,
  statSync,
  lstatSync,
  realpathSync,
  copyFileSync: (from, to) => binding.fsCopyFile(toPath(from, 'src'), toPath(to, 'dest')),
  renameSync: (from, to) => binding.fsRename(toPath(from, 'oldPath'), toPath(to, 'newPath')),
  accessSync: (file, mode = constants.F_OK) => binding.fsAccess(toPath(file), mode),
};

