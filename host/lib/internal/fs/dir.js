'use strict';
// fs.Dir (fs.opendir, opendirSync, fs.promises.opendir): a directory stream read
// `bufferSize` entries per native read, with node's errors for closed handles and for
// synchronous calls while an asynchronous one is under way.

const { codedError, invalidArgType, validateBoolean, validateFunction, validateInteger } = require('internal/errors');
const { getOptions, toPath } = require('internal/fs/utils');

const dirClosed = () => codedError(Error, 'ERR_DIR_CLOSED', 'Directory handle was closed');
const concurrentOperation = () => codedError(Error, 'ERR_DIR_CONCURRENT_OPERATION',
  'Cannot do synchronous work on directory handle with concurrent asynchronous operations');

// Set by fs.js: its request functions and Dirent.
let native;

function dirOptions(options) {
  options = getOptions(options, {});
  const bufferSize = options.bufferSize ?? 32;
  if (options.bufferSize === null) throw invalidArgType('options.bufferSize', 'of type number', null);
  validateInteger(bufferSize, 'options.bufferSize', 1, 4294967295);
  const recursive = options.recursive ?? false;
  validateBoolean(recursive, 'options.recursive');
  return { encoding: options.encoding ?? 'utf8', bufferSize, recursive };
}

class Dir {
  #id;
  #path;
  #options;
  #entries = [];
  // Subdirectories still to read when recursive: [path, id or undefined until opened].
  #pending = [];
  #current;
  #closed = false;
  // Asynchronous operations waiting for the one under way; null when none is.
  #queue = null;

  constructor(handle, path, options) {
    if (handle == null) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "handle" argument must be specified');
    this.#id = handle;
    this.#current = [path, handle];
    this.#path = path;
    this.#options = options;
  }

  get path() {
    return this.#path;
  }

  #dirent([name, type], parent) {
    return new native.Dirent(native.entryName(name, this.#options.encoding), type, parent);
  }

  // Takes a read batch: its entries, and (recursive) its subdirectories for later.
  #take(parent, [names, types]) {
    for (let i = 0; i < names.length; i++) {
      const entry = [names[i], types[i]];
      this.#entries.push(this.#dirent(entry, parent));
      if (this.#options.recursive && types[i] === 2) this.#pending.push([`${parent}/${native.entryName(names[i], 'utf8')}`, undefined]);
    }
  }

  #readSyncStep() {
    for (;;) {
      if (this.#entries.length > 0) return this.#entries.shift();
      const [parent, id] = this.#current;
      const batch = native.runSync(['readdirBatch', id, this.#options.bufferSize]);
      if (batch[0].length > 0) {
        this.#take(parent, batch);
        continue;
      }
      if (!this.#nextDirectorySync()) return null;
    }
  }

  // Moves on to the next subdirectory (recursive), closing the finished one; false at the end.
  #nextDirectorySync() {
    if (this.#pending.length === 0) return false;
    if (this.#current[1] !== this.#id) native.runSync(['closedir', this.#current[1]]);
    const [path] = this.#pending.shift();
    this.#current = [path, native.runSync(['opendir', path])];
    return true;
  }

  #readAsyncStep(callback) {
    if (this.#entries.length > 0) return callback(null, this.#entries.shift());
    const [parent, id] = this.#current;
    native.submit(['readdirBatch', id, this.#options.bufferSize], (err, batch) => {
      if (err) return callback(err);
      if (batch[0].length > 0) {
        this.#take(parent, batch);
        return callback(null, this.#entries.shift());
      }
      if (this.#pending.length === 0) return callback(null, null);
      const finished = this.#current[1];
      const [path] = this.#pending.shift();
      const openNext = () => native.submit(['opendir', path], (openErr, nextId) => {
        if (openErr) return callback(openErr);
        this.#current = [path, nextId];
        this.#readAsyncStep(callback);
      });
      if (finished === this.#id) openNext();
      else native.submit(['closedir', finished], openNext);
    });
  }

  // Runs `operation(done)` now, or after the asynchronous operations before it.
  #enqueue(operation) {
    if (this.#queue !== null) {
      this.#queue.push(operation);
      return;
    }
    this.#queue = [];
    const runNext = () => {
      const next = this.#queue.shift();
      if (next === undefined) {
        this.#queue = null;
        return;
      }
      next(runNext);
    };
    operation(runNext);
  }

  read(callback) {
    if (callback === undefined) return new Promise((resolve, reject) => this.read((err, dirent) => (err ? reject(err) : resolve(dirent))));
    validateFunction(callback, 'callback');
    if (this.#closed) throw dirClosed();
    this.#enqueue((done) => {
      if (this.#closed) {
        process.nextTick(callback, dirClosed());
        return done();
      }
      if (this.#entries.length > 0) {
        process.nextTick(callback, null, this.#entries.shift());
        return done();
      }
      // As node's: the operations queued behind this one run on the next tick, so the
      // callback still sees it under way.
      this.#readAsyncStep((err, dirent) => {
        process.nextTick(done);
        if (err) callback(err);
        else callback(null, dirent);
      });
    });
  }

  readSync() {
    if (this.#closed) throw dirClosed();
    if (this.#queue !== null) throw concurrentOperation();
    return this.#readSyncStep();
  }

  #openIds() {
    const ids = [this.#id];
    if (this.#current[1] !== this.#id) ids.push(this.#current[1]);
    return ids;
  }

  close(callback) {
    if (callback === undefined) {
      if (this.#closed) return Promise.reject(dirClosed());
      return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
    }
    validateFunction(callback, 'callback');
    if (this.#closed) {
      process.nextTick(callback, dirClosed());
      return;
    }
    this.#enqueue((done) => {
      if (this.#closed) {
        process.nextTick(callback, dirClosed());
        return done();
      }
      this.#closed = true;
      const ids = this.#openIds();
      let remaining = ids.length;
      let failure = null;
      for (const id of ids) {
        native.submit(['closedir', id], (err) => {
          failure ??= err;
          if (--remaining === 0) {
            done();
            callback(failure);
          }
        });
      }
    });
  }

  closeSync() {
    if (this.#closed) throw dirClosed();
    if (this.#queue !== null) throw concurrentOperation();
    this.#closed = true;
    for (const id of this.#openIds()) native.runSync(['closedir', id]);
  }

  async* entries() {
    try {
      for (;;) {
        const dirent = await this.read();
        if (dirent === null) break;
        yield dirent;
      }
    } finally {
      if (!this.#closed) await this.close();
    }
  }

  [Symbol.asyncIterator]() {
    return this.entries();
  }

  [Symbol.dispose]() {
    if (!this.#closed) this.closeSync();
  }

  async [Symbol.asyncDispose]() {
    if (!this.#closed) await this.close();
  }

  static isDir(value) {
    return value !== null && typeof value === 'object' && #path in value;
  }
}

// `path` read off anything but a Dir is node's ERR_INVALID_THIS.
const pathGetter = Object.getOwnPropertyDescriptor(Dir.prototype, 'path').get;
Object.defineProperty(Dir.prototype, 'path', {
  get() {
    if (!isDir(this)) throw codedError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Dir');
    return Reflect.apply(pathGetter, this, []);
  },
  configurable: true,
  enumerable: false,
});
const isDir = Dir.isDir;
delete Dir.isDir;

function opendir(path, options, callback) {
  callback = typeof options === 'function' ? options : callback;
  validateFunction(callback, 'callback');
  const dir = toPath(path);
  const resolved = dirOptions(options);
  native.submit(['opendir', dir], (err, id) => {
    if (err) return callback(err);
    callback(null, new Dir(id, shownPath(path, dir), resolved));
  });
}

// A Dir's path is the one it was given (a URL as its file path).
const shownPath = (given, dir) => (typeof given === 'string' ? given : dir);

function opendirSync(path, options) {
  const dir = toPath(path);
  const resolved = dirOptions(options);
  return new Dir(native.runSync(['opendir', dir]), shownPath(path, dir), resolved);
}

function opendirPromise(path, options) {
  return new Promise((resolve, reject) => {
    opendir(path, options, (err, dir) => (err ? reject(err) : resolve(dir)));
  });
}

module.exports = {
  Dir, isDir, opendir, opendirSync, opendirPromise,
  init(requests) {
    native = requests;
  },
};
