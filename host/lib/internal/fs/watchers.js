'use strict';
// fs.watch (FSWatcher, on inotify: runtime/fs_watch.rs), fs.promises.watch, and
// fs.watchFile/unwatchFile (StatWatcher: a stat every `interval` ms, reporting changes as
// libuv's fs poll does).

const EventEmitter = require('events');
const { Buffer } = require('buffer');
const { kResourceName, addHandleSource } = require('internal/process/active_resources');
const {
  AbortError, codedError, invalidArgType, invalidArgValue, validateBoolean, validateFunction, validateInteger,
  validateObject,
} = require('internal/errors');

const native = binding.fsWatch();

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'an instance of AbortSignal', signal);
  }
}

function validateEncoding(encoding) {
  if (encoding && encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
    throw invalidArgValue('encoding', encoding, 'is invalid encoding');
  }
}

// The `watch` system error, as node's UVException makes it (with `filename` too).
function watchError(errno, filename) {
  const [code, description] = require('util').getSystemErrorMap().get(errno) ?? [`Unknown system error ${errno}`, ''];
  const err = new Error(`${code}: ${description}, watch '${filename}'`);
  err.errno = errno;
  err.code = code;
  err.syscall = 'watch';
  err.path = filename;
  err.filename = filename;
  return err;
}

// The `ignore` option: a glob (minimatch, as node's; one without a '/' also matches the
// basename), a RegExp, a function of the filename, or an array of these. A predicate or null.
function createIgnoreMatcher(ignore) {
  if (ignore === undefined || ignore === null) return null;
  const tests = [];
  const list = Array.isArray(ignore) ? ignore : [ignore];
  for (const [index, matcher] of list.entries()) {
    const name = Array.isArray(ignore) ? `options.ignore[${index}]` : 'options.ignore';
    if (typeof matcher === 'string') {
      if (matcher.length === 0) throw invalidArgValue(name, matcher, 'must be a non-empty string');
      const { Minimatch } = require('internal/deps/minimatch/index');
      const glob = new Minimatch(matcher, {
        nonegate: true, nocomment: true, optimizationLevel: 2, platform: process.platform, matchBase: !matcher.includes('/'),
      });
      tests.push((filename) => glob.match(filename));
    } else if (matcher instanceof RegExp) {
      tests.push((filename) => {
        matcher.lastIndex = 0;
        return matcher.exec(filename) !== null;
      });
    } else if (typeof matcher === 'function') {
      tests.push(matcher);
    } else {
      throw invalidArgType(name, 'one of type string or function or an instance of RegExp', matcher);
    }
  }
  return (filename) => {
    if (filename === null || filename === undefined) return false;
    const name = typeof filename === 'string' ? filename : String(filename);
    return tests.some((test) => test(name));
  };
}

// Watch ids to the function receiving their events.
const receivers = new Map();
let nextWatchId = 1;

// A started watcher's handle, as node's FSEventWrap and StatWatcher; its owner is the watcher.
class WatchHandle {
  constructor(name, owner, refed) {
    this[kResourceName] = name;
    this.owner = owner;
    this.refed = refed;
  }
  hasRef() { return this.refed; }
}

const watchHandles = new Set();
addHandleSource(() => watchHandles.values());

function openWatchHandle(name, owner, refed) {
  const handle = new WatchHandle(name, owner, refed);
  watchHandles.add(handle);
  return handle;
}

function closeWatchHandle(owner) {
  if (owner._handle !== null) watchHandles.delete(owner._handle);
  owner._handle = null;
}

internals.fsWatchEvent = function (id, kind, value) {
  const receiver = receivers.get(id);
  if (receiver !== undefined) receiver(kind, value);
};

function decodeFilename(bytes, encoding) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return encoding === 'buffer' ? buffer : buffer.toString(encoding || 'utf8');
}

// Starts a native watch delivering (eventType, filename) or (errno) to `receive`; returns its id.
function startWatch(path, persistent, recursive, encoding, receive) {
  const id = nextWatchId++;
  try {
    native.start(id, path, recursive, Boolean(persistent));
  } catch (err) {
    err.filename = path;
    throw err;
  }
  receivers.set(id, (kind, value) => {
    if (kind === 'error') receive(value);
    else receive(0, kind, decodeFilename(value, encoding));
  });
  return id;
}

function stopWatch(id) {
  receivers.delete(id);
  native.close(id);
}

const kStart = Symbol('kFSWatchStart');

class FSWatcher extends EventEmitter {
  constructor() {
    super();
    this._watch = undefined;
    this._closed = false;
    this._handle = null;
  }

  [kStart](filename, persistent, recursive, encoding, ignored = null) {
    if (this._closed) return;
    this._watch = startWatch(filename, persistent, recursive, encoding, (status, eventType, name) => {
      if (status < 0) {
        const error = watchError(status, filename);
        this._stop();
        this.emit('error', error);
        return;
      }
      if (ignored?.(name)) return;
      this.emit('change', eventType, name);
    });
    this._handle = openWatchHandle('FSEventWrap', this, Boolean(persistent));
  }

  _stop() {
    if (this._watch !== undefined) stopWatch(this._watch);
    this._watch = undefined;
    this._closed = true;
    closeWatchHandle(this);
  }

  close() {
    if (this._closed) return;
    this._stop();
    process.nextTick(() => this.emit('close'));
  }

  ref() {
    if (this._watch !== undefined) native.ref(this._watch, true);
    if (this._handle !== null) this._handle.refed = true;
    return this;
  }

  unref() {
    if (this._watch !== undefined) native.ref(this._watch, false);
    if (this._handle !== null) this._handle.refed = false;
    return this;
  }

  [Symbol.dispose]() {
    this.close();
  }
}

function watch(toPath, filename, options, listener) {
  if (typeof options === 'function') listener = options;
  if (options === undefined || options === null || typeof options === 'function') options = {};
  else if (typeof options === 'string') options = { encoding: options };
  else if (typeof options !== 'object') throw invalidArgType('options', 'of type string or an instance of Object', options);
  options = { ...options };
  if (options.persistent === undefined) options.persistent = true;
  if (options.recursive === undefined) options.recursive = false;
  const path = toPath(filename);
  validateBoolean(options.recursive, 'options.recursive');
  validateEncoding(options.encoding);
  validateAbortSignal(options.signal, 'options.signal');
  const ignored = createIgnoreMatcher(options.ignore);
  const watcher = new FSWatcher();
  watcher[kStart](path, options.persistent, options.recursive, options.encoding, ignored);
  if (listener) watcher.addListener('change', listener);
  const { signal } = options;
  if (signal) {
    if (signal.aborted) {
      process.nextTick(() => watcher.close());
    } else {
      const onAbort = () => watcher.close();
      signal.addEventListener('abort', onAbort, { once: true });
      watcher.once('close', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return watcher;
}

async function* watchAsync(toPath, filename, options = {}) {
  const path = toPath(filename);
  validateObject(options, 'options');
  const { persistent = true, recursive = false, encoding = 'utf8', signal, maxQueue = 2048, overflow = 'ignore' } = options;
  validateBoolean(persistent, 'options.persistent');
  validateBoolean(recursive, 'options.recursive');
  validateAbortSignal(signal, 'options.signal');
  validateInteger(maxQueue, 'options.maxQueue');
  if (overflow !== 'ignore' && overflow !== 'error') {
    throw invalidArgValue('options.overflow', overflow, "must be one of: 'ignore', 'error'");
  }
  validateEncoding(encoding);
  const ignored = createIgnoreMatcher(options.ignore);
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });

  const queue = [];
  let failure;
  let wake;
  let pending = new Promise((resolve) => { wake = resolve; });
  let id;
  const onAbort = () => {
    if (id !== undefined) stopWatch(id);
    id = undefined;
    wake();
  };
  try {
    signal?.addEventListener('abort', onAbort, { once: true });
    id = startWatch(path, persistent, recursive, encoding, (status, eventType, name) => {
      if (status < 0) {
        failure = watchError(status, path);
        onAbort();
      } else if (ignored?.(name)) {
        // Left out, as the ignore option asks.
      } else if (queue.length < maxQueue) {
        queue.push({ __proto__: null, eventType, filename: name });
        wake();
      } else if (overflow === 'error') {
        queue.length = 0;
        failure = codedError(Error, 'ERR_FS_WATCH_QUEUE_OVERFLOW', `fs.watch() queued more than ${maxQueue} events`);
        onAbort();
      } else {
        process.emitWarning('fs.watch maxQueue exceeded');
      }
    });
    while (!signal?.aborted) {
      await pending;
      while (queue.length) yield queue.shift();
      if (failure) throw failure;
      if (id === undefined && !signal?.aborted) return;
      pending = new Promise((resolve) => { wake = resolve; });
    }
    throw new AbortError(undefined, { cause: signal?.reason });
  } finally {
    if (id !== undefined) stopWatch(id);
    signal?.removeEventListener('abort', onAbort);
  }
}

// ---- fs.watchFile: polling ----

// The fields libuv compares to decide a file changed.
const comparedFields = ['ctimeMs', 'mtimeMs', 'birthtimeMs', 'size', 'mode', 'uid', 'gid', 'ino', 'dev'];
const sameStats = (a, b) => comparedFields.every((name) => a[name] === b[name]);

class StatWatcher extends EventEmitter {
  constructor(Stats, bigint) {
    super();
    this._Stats = Stats;
    this._bigint = bigint;
    this._timer = null;
    this._active = false;
    this._handle = null;
    this._watchCount = 1;
  }

  _zero() {
    return new this._Stats(...new Array(14).fill(0));
  }

  start(filename, persistent, interval) {
    if (this._active) return;
    validateBoolean(persistent, 'persistent');
    if (typeof interval !== 'number') throw invalidArgType('interval', 'of type number', interval);
    // Each poll is a stat the fs binding checks; a path the permission model refuses is refused
    // here at once, as node's watcher refuses it.
    binding.permission().checkOrThrow('FileSystemRead', filename);
    this._active = true;
    this._handle = openWatchHandle('StatWatcher', this, persistent);
    let previous = this._zero();
    // libuv's poll state: 0 before the first stat, 1 after a good one, else the failing errno.
    let polling = 0;
    let oldStatus = -1;
    const report = (status, current, before) => {
      if (oldStatus === -1 && status === -1 && current.nlink === before.nlink) return;
      oldStatus = status;
      this.emit('change', current, before);
    };
    const poll = () => {
      const started = Date.now();
      require('fs').stat(filename, (err, stats) => {
        if (!this._active) return;
        if (err) {
          const status = err.errno ?? -1;
          if (polling !== status) {
            polling = status;
            report(status, this._zero(), previous);
          }
        } else {
          if (polling !== 0 && (polling < 0 || !sameStats(previous, stats))) report(0, stats, previous);
          previous = stats;
          polling = 1;
        }
        if (!this._active) return;
        const elapsed = Date.now() - started;
        this._timer = setTimeout(poll, interval - (elapsed % Math.max(interval, 1)));
        if (!this._handle.refed) this._timer.unref();
      });
    };
    poll();
  }

  stop() {
    if (!this._active) return;
    this._active = false;
    closeWatchHandle(this);
    clearTimeout(this._timer);
    this._timer = null;
    process.nextTick(() => this.emit('stop'));
  }

  ref() {
    if (this._handle !== null) this._handle.refed = true;
    this._timer?.ref();
    return this;
  }

  unref() {
    if (this._handle !== null) this._handle.refed = false;
    this._timer?.unref();
    return this;
  }
}

const statWatchers = new Map();

function watchFile(Stats, toPath, filename, options, listener) {
  const path = require('path').resolve(toPath(filename));
  if (options === null || typeof options !== 'object') {
    listener = options;
    options = null;
  }
  options = { interval: 5007, persistent: true, ...options };
  validateFunction(listener, 'listener');
  let watcher = statWatchers.get(path);
  if (watcher === undefined) {
    watcher = new StatWatcher(Stats, options.bigint);
    watcher.start(path, options.persistent, options.interval);
    statWatchers.set(path, watcher);
  } else {
    watcher._watchCount++;
  }
  watcher.addListener('change', listener);
  return watcher;
}

function unwatchFile(toPath, filename, listener) {
  const path = require('path').resolve(toPath(filename));
  const watcher = statWatchers.get(path);
  if (watcher === undefined) return;
  if (typeof listener === 'function') watcher.removeListener('change', listener);
  else watcher.removeAllListeners('change');
  if (watcher.listenerCount('change') === 0) {
    watcher.stop();
    statWatchers.delete(path);
  }
}

module.exports = { FSWatcher, StatWatcher, watch, watchAsync, watchFile, unwatchFile };
