'use strict';
// fs.glob, fs.globSync and fsPromises.glob: node's walk over minimatch's parsed patterns (the
// same part-by-part rules, so the same matches, `**` and `..` quirks included).
//
// One walk serves all three forms. It is a generator that yields what it needs from the
// filesystem ({ op: 'lstat' | 'readdir' | 'realpath', path }) and what it found
// ({ op: 'match', value }); `walkSync` answers with the *Sync calls, `walkAsync` with
// fs/promises, so the traversal is written once.

const { basename, dirname, isAbsolute, join, resolve, sep } = require('path');
const { invalidArgType, validateBoolean, validateObject, validateString } = require('internal/errors');

let minimatch;
const lazyMinimatch = () => (minimatch ??= require('internal/deps/minimatch/index'));

// Node's matcher options for globs on this platform.
function createMatcher(pattern) {
  return new (lazyMinimatch().Minimatch)(pattern, {
    nocase: process.platform === 'win32' || process.platform === 'darwin',
    windowsPathsNoEscape: true,
    nonegate: true,
    nocomment: true,
    optimizationLevel: 2,
    platform: process.platform,
    nocaseMagicOnly: true,
  });
}

// Whether a path matches a glob as the globs of fs.glob match (the test runner's coverage globs).
function matchGlobPattern(path, pattern) {
  return createMatcher(pattern).match(path);
}

const direntStats = Symbol('stats');
let DirentFromStats;

// A Dirent for a path that was lstat'ed rather than read from its directory: it asks the
// Stats (node's DirentFromStats).
function direntOfStats(name, stats, parentPath) {
  if (DirentFromStats === undefined) {
    const { Dirent } = require('fs');
    DirentFromStats = class DirentFromStats extends Dirent {
      constructor(name, stats, parentPath) {
        super(name, null, parentPath);
        this[direntStats] = stats;
      }
    };
    for (const method of Object.getOwnPropertyNames(Dirent.prototype)) {
      if (method === 'constructor') continue;
      DirentFromStats.prototype[method] = function () {
        return this[direntStats][method]();
      };
    }
  }
  return new DirentFromStats(name, stats, parentPath);
}

// One brace-expanded alternative of a pattern, at a set of positions (`indexes`) the walk may
// be at for some path; `symlinkIndexes` are the `**` positions reached through a symlink.
class PatternState {
  constructor(parts, partStrings, indexes, symlinkIndexes = new Set()) {
    this.parts = parts;
    this.partStrings = partStrings;
    this.indexes = indexes;
    this.symlinkIndexes = symlinkIndexes;
    this.last = parts.length - 1;
  }

  at(index) { return this.parts.at(index); }
  with(indexes, symlinkIndexes) { return new PatternState(this.parts, this.partStrings, indexes, symlinkIndexes); }

  isLast(isDirectory) {
    return this.indexes.has(this.last) ||
      (this.at(-1) === '' && isDirectory && this.indexes.has(this.last - 1) && this.at(-2) === lazyMinimatch().GLOBSTAR);
  }

  // Whether some position was not reached through a symlink (then a symlink here is walked).
  get hasPositionOffSymlinks() {
    for (const index of this.indexes) if (!this.symlinkIndexes.has(index)) return true;
    return false;
  }

  matches(index, name) {
    if (index > this.parts.length) return false;
    const part = this.parts[index];
    if (part === lazyMinimatch().GLOBSTAR) return true;
    if (typeof part === 'string') return part === name;
    return typeof part?.test === 'function' ? part.test(name) : false;
  }

  // The rest of the pattern from `index`, as written: what "this path was visited at this
  // position" is remembered by.
  keyAt(index) {
    return this.partStrings.slice(index).join('/');
  }
}

class Glob {
  // One minimatch per pattern, public as node's (its test runner asks them hasMagic()).
  matchers;
  #root;
  #excludeMatchers = null;
  #excludeFunction = null;
  #withFileTypes;
  #followSymlinks;
  #states;
  #lstats = new Map();
  #listings = new Map();
  #realpaths = new Map();
  #visited = new Map();
  #results = new Set();
  // Paths to walk next with the states that reach them (node's queue discipline: a path's
  // states are collected while its parent is walked, then pushed; the last pushed goes first).
  #pending = new Map();

  constructor(patterns, options = {}) {
    validateObject(options, 'options');
    const { cwd, exclude, withFileTypes, followSymlinks = false } = options;
    this.#root = cwd instanceof URL ? require('url').fileURLToPath(cwd) : cwd ?? '.';
    this.#withFileTypes = !!withFileTypes;
    validateBoolean(followSymlinks, 'options.followSymlinks');
    this.#followSymlinks = followSymlinks;
    if (exclude != null) {
      if (Array.isArray(exclude)) {
        exclude.forEach((pattern, i) => {
          if (typeof pattern !== 'string') throw invalidArgType(`options.exclude[${i}]`, 'of type string', pattern);
        });
        // Exclusions match absolute paths, so both relative and absolute ones apply.
        this.#excludeMatchers = exclude.map((pattern) => createMatcher(resolve(this.#root, pattern)));
      } else if (typeof exclude === 'function') {
        this.#excludeFunction = exclude;
      } else {
        throw invalidArgType('options.exclude', 'of type function or string[]', exclude);
      }
    }
    let list;
    if (typeof patterns === 'object' && patterns !== null) {
      if (!Array.isArray(patterns)) throw invalidArgType('patterns', 'an instance of Array', patterns);
      patterns.forEach((pattern, i) => validateString(pattern, `patterns[${i}]`));
      list = patterns;
    } else {
      validateString(patterns, 'patterns');
      list = [patterns];
    }
    this.matchers = list.map(createMatcher);
    this.#states = this.matchers.flatMap((matcher) =>
      matcher.set.map((parts, i) => new PatternState(parts, matcher.globParts[i], new Set([0]))));
  }

  #isExcluded(path) {
    return this.#excludeMatchers !== null && this.#excludeMatchers.some((matcher) => matcher.match(path));
  }

  * #lstat(path) {
    if (!this.#lstats.has(path)) this.#lstats.set(path, yield { op: 'lstat', path });
    return this.#lstats.get(path);
  }

  * #readdir(path) {
    if (!this.#listings.has(path)) this.#listings.set(path, yield { op: 'readdir', path });
    return this.#listings.get(path);
  }

  * #realpath(path) {
    if (!this.#realpaths.has(path)) this.#realpaths.set(path, yield { op: 'realpath', path });
    return this.#realpaths.get(path);
  }

  // Records `path` as visited at each of the state's positions; true if it already was at any.
  #markVisited(path, state) {
    let keys = this.#visited.get(path);
    if (keys === undefined) this.#visited.set(path, keys = new Set());
    const before = keys.size;
    for (const index of state.indexes) keys.add(state.keyAt(index));
    return keys.size !== before + state.indexes.size;
  }

  #wasVisited(path, state, index) {
    return this.#visited.get(path)?.has(state.keyAt(index)) ?? false;
  }

  // A match: reported once, unless excluded.
  * #match(path, dirent) {
    if (this.#results.has(path) || this.#isExcluded(resolve(this.#root, path))) return;
    this.#results.add(path);
    if (!this.#withFileTypes) return yield { op: 'match', value: path };
    dirent ??= yield* this.#lstat(isAbsolute(path) ? path : join(this.#root, path));
    yield { op: 'match', value: dirent };
  }

  // Queues `path` to be walked with `state`, unless an exclusion removes it (and below it).
  * #enqueue(path, state) {
    if (this.#isExcluded(path)) return;
    const fullPath = resolve(this.#root, path);
    if (this.#isExcluded(`${fullPath}/`) && (yield* this.#lstat(fullPath))?.isDirectory()) return;
    if (this.#excludeFunction !== null) {
      if (this.#withFileTypes) {
        // As node: the path is looked up as given, i.e. against the process's directory, not `cwd`.
        const dirent = yield* this.#lstat(path);
        if (dirent !== null && this.#excludeFunction(dirent)) return;
      } else if (this.#excludeFunction(path)) {
        return;
      }
    }
    const states = this.#pending.get(path);
    if (states === undefined) this.#pending.set(path, [state]);
    else states.push(state);
  }

  // Whether a symlinked directory met under `**` is walked into: only with followSymlinks,
  // and never into a directory it is inside of (a cycle).
  * #followsInto(dirPath, entry) {
    if (!this.#followSymlinks || !entry.isSymbolicLink()) return false;
    const target = yield* this.#realpath(join(dirPath, entry.name));
    if (target === null || !(yield { op: 'isDirectory', path: target })) return false;
    const here = yield* this.#realpath(dirPath);
    return here !== null && here !== target && !here.startsWith(target === sep ? target : `${target}${sep}`);
  }

  // Every match, as an array.
  globSync() {
    return runSync(this.walk());
  }

  // The matches, as an async iterator.
  glob() {
    return runAsync(this.walk());
  }

  * walk() {
    const queue = [{ path: '.', states: this.#states }];
    while (queue.length > 0) {
      const { path, states } = queue.pop();
      for (const state of states) yield* this.#visit(path, state);
      for (const [next, nextStates] of this.#pending) queue.push({ path: next, states: nextStates });
      this.#pending.clear();
    }
  }

  * #visit(path, state) {
    if (this.#markVisited(path, state)) return;
    const { GLOBSTAR } = lazyMinimatch();
    const fullPath = resolve(this.#root, path);
    const stat = yield* this.#lstat(fullPath);
    const last = state.last;
    const isDirectory = stat?.isDirectory() || (stat?.isSymbolicLink() && state.hasPositionOffSymlinks);
    const isLast = state.isLast(isDirectory);
    if (this.#isExcluded(fullPath)) return;

    if (state.indexes.has(0)) {
      const first = state.at(0);
      // An absolute pattern starts at the root, `..` at the parent; a leading `.` is skipped.
      const start = first === '' ? '/' : first === '..' ? '../' : first === '.' ? '.' : null;
      if (start !== null) return yield* this.#enqueue(start, state.with(new Set([1])));
    }

    if (isLast && typeof state.at(-1) === 'string') {
      const name = state.at(-1);
      const found = yield* this.#lstat(join(fullPath, name));
      if (found && (name || isDirectory)) yield* this.#match(join(path, name), found);
      if (state.indexes.size === 1 && state.indexes.has(last)) return;
    } else if (isLast && state.at(-1) === GLOBSTAR && (path !== '.' || state.at(0) === '.' || (last === 0 && stat))) {
      // A trailing `**` matches the directory itself; the start only for `**` or `./**`.
      yield* this.#match(path, stat);
    }
    if (!isDirectory) return;

    let entries;
    const only = state.indexes.size === 1 ? state.at(state.indexes.values().next().value) : undefined;
    if (typeof only === 'string') {
      // A literal part: no listing, just that name.
      const found = yield* this.#lstat(join(fullPath, only));
      if (!found) return;
      found.name = only;
      entries = [found];
    } else {
      entries = yield* this.#readdir(fullPath);
    }

    for (const entry of entries) {
      const entryPath = join(path, entry.name);
      this.#lstats.set(join(fullPath, entry.name), entry);
      const nextIndexes = new Set();
      const symlinkIndexes = new Set();
      for (const index of state.indexes) {
        const part = state.at(index);
        const nextIndex = index + 1;
        const fromSymlink = state.symlinkIndexes.has(index);

        if (part === GLOBSTAR) {
          if (this.#excludeFunction !== null && this.#excludeFunction(this.#withFileTypes ? entry : entry.name)) continue;
          // `**` never walks into or matches a dot entry; the part after it may still name one.
          const hidden = entry.name[0] === '.';
          const nextMatches = state.matches(nextIndex, entry.name);
          if (hidden && !nextMatches) continue;
          const followed = !hidden && (yield* this.#followsInto(fullPath, entry));
          const entryIsDirectory = entry.isDirectory() || followed;
          if (!hidden && !fromSymlink && entryIsDirectory) {
            nextIndexes.add(index);
          } else if (!hidden && !fromSymlink && index === last) {
            yield* this.#match(entryPath, entry);
          }
          if (nextMatches && nextIndex === last && !isLast) {
            yield* this.#match(entryPath, entry);
          } else if (nextMatches && entryIsDirectory) {
            nextIndexes.add(index + 2);
          }
          if ((nextMatches || (!hidden && state.at(0) === '.')) && (entryIsDirectory || entry.isSymbolicLink()) &&
              !fromSymlink) {
            nextIndexes.add(nextIndex);
          }
          if (entry.isSymbolicLink() && !followed) symlinkIndexes.add(index);
          if (!hidden && state.at(nextIndex) === '..' && entry.isDirectory()) {
            yield* this.#globstarThenParent(path, state, nextIndex);
          }
        } else if (typeof part === 'string') {
          if (state.matches(index, entry.name) && index !== last) {
            nextIndexes.add(nextIndex);
          } else if (part === '.' && state.matches(nextIndex, entry.name)) {
            if (nextIndex === last) yield* this.#match(entryPath, entry);
            else nextIndexes.add(nextIndex + 1);
          }
        } else if (state.matches(index, entry.name)) {
          if (index === last) yield* this.#match(entryPath, entry);
          else if (entry.isDirectory()) nextIndexes.add(nextIndex);
        }
      }
      if (nextIndexes.size > 0) yield* this.#enqueue(entryPath, state.with(nextIndexes, symlinkIndexes));
    }
  }

  // `**/..`: both this directory and its parent continue after the `..` (or match, at the end).
  * #globstarThenParent(path, state, dotDotIndex) {
    const parent = join(path, '..');
    if (dotDotIndex < state.last) {
      for (const target of [path, parent]) {
        if (!this.#pending.has(target) && !this.#wasVisited(target, state, dotDotIndex + 1)) {
          this.#pending.set(target, [state.with(new Set([dotDotIndex + 1]))]);
        }
      }
      return;
    }
    const atEnd = state.with(new Set([dotDotIndex]));
    if (!this.#wasVisited(path, state, dotDotIndex)) {
      this.#markVisited(path, atEnd);
      yield* this.#match(path);
    }
    if (!this.#wasVisited(path, state, dotDotIndex) || !this.#wasVisited(parent, state, dotDotIndex)) {
      this.#markVisited(parent, atEnd);
      yield* this.#match(parent);
    }
  }
}

// The filesystem's answers to the walk's questions, synchronously.
function answerSync(request) {
  const fs = require('fs');
  switch (request.op) {
    case 'lstat': {
      let stats;
      try {
        stats = fs.lstatSync(request.path);
      } catch {
        return null;
      }
      return direntOfStats(basename(request.path), stats, dirname(request.path));
    }
    case 'readdir':
      try {
        return fs.readdirSync(request.path, { withFileTypes: true });
      } catch {
        return [];
      }
    case 'realpath':
      try {
        return fs.realpathSync(request.path);
      } catch {
        return null;
      }
    case 'isDirectory':
      return fs.statSync(request.path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  }
}

async function answerAsync(request) {
  const fsPromises = require('fs/promises');
  switch (request.op) {
    case 'lstat': {
      try {
        const stats = await fsPromises.lstat(request.path);
        return direntOfStats(basename(request.path), stats, dirname(request.path));
      } catch {
        return null;
      }
    }
    case 'readdir':
      return fsPromises.readdir(request.path, { withFileTypes: true }).catch(() => []);
    case 'realpath':
      return fsPromises.realpath(request.path).catch(() => null);
    case 'isDirectory':
      return fsPromises.stat(request.path).then((stats) => stats.isDirectory(), () => false);
  }
}

function runSync(walk) {
  const matches = [];
  let answer;
  for (;;) {
    const { value: request, done } = walk.next(answer);
    if (done) return matches;
    if (request.op === 'match') {
      matches.push(request.value);
      answer = undefined;
    } else {
      answer = answerSync(request);
    }
  }
}

async function* runAsync(walk) {
  let answer;
  for (;;) {
    const { value: request, done } = walk.next(answer);
    if (done) return;
    if (request.op === 'match') {
      yield request.value;
      answer = undefined;
    } else {
      answer = await answerAsync(request);
    }
  }
}

// fs.globSync(pattern[, options]): every match, as an array.
function globSync(patterns, options) {
  return new Glob(patterns, options).globSync();
}

// fsPromises.glob(pattern[, options]): the matches as an async iterator (bad arguments
// reject its first step, as node's async generator does).
async function* globAsync(patterns, options) {
  yield* new Glob(patterns, options).glob();
}

// fs.glob(pattern[, options], callback): every match, as an array, to the callback.
function glob(patterns, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
  Array.fromAsync(new Glob(patterns, options).glob()).then((matches) => callback(null, matches), callback);
}

module.exports = { Glob, glob, globAsync, globSync, matchGlobPattern };
