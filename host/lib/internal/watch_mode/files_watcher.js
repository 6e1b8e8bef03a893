'use strict';
// The files watch mode restarts on: each file the program reported loading ('filter' mode),
// or everything under the --watch-path directories ('all' mode). A change is reported once
// per file per debounce period, with the owners of the file: the keys (the test runner's test
// files) of the processes that reported loading it.
const EventEmitter = require('events');
const { watch } = require('fs');
const path = require('path');
const { fileURLToPath } = require('url');

class FilesWatcher extends EventEmitter {
  #watchers = new Map();
  #files = new Set();
  #debouncing = new Set();
  // file -> the owners that loaded it, and owner -> the files it loaded.
  #owners = new Map();
  #dependencies = new Map();
  #debounce;
  #mode;

  constructor({ debounce = 200, mode = 'filter' } = {}) {
    super();
    this.#debounce = debounce;
    this.#mode = mode;
  }

  #covered(file) {
    if (this.#watchers.has(file)) return true;
    for (const [watched, watcher] of this.#watchers) {
      if (watcher.recursive && file.startsWith(watched)) return true;
    }
    return false;
  }

  #changed(file, eventType) {
    if (this.#debouncing.has(file)) return;
    if (this.#mode === 'filter' && !this.#files.has(file)) return;
    this.#debouncing.add(file);
    setTimeout(() => {
      this.#debouncing.delete(file);
      this.emit('changed', { trigger: file, eventType, owners: new Set(this.#owners.get(file)) });
    }, this.#debounce).unref();
  }

  watchPath(target, recursive = true) {
    if (this.#covered(target)) return;
    const handle = watch(target, { recursive });
    handle.on('change', (eventType, name) => this.#changed(recursive ? path.resolve(target, name ?? '') : target, eventType));
    handle.on('error', (error) => this.emit('error', error));
    this.#watchers.set(target, { handle, recursive });
    if (!recursive) return;
    for (const [watched, watcher] of this.#watchers) {
      if (watched !== target && watched.startsWith(target)) {
        watcher.handle.close();
        this.#watchers.delete(watched);
      }
    }
  }

  // Linux has no cheap recursive watch: each reported file gets a watcher of its own.
  filterFile(file, owner, { allowMissing = false } = {}) {
    if (!file) return;
    try {
      this.watchPath(file, false);
    } catch (error) {
      if (!allowMissing) throw error;
      return;
    }
    this.#files.add(file);
    if (owner === undefined) return;
    if (!this.#owners.has(file)) this.#owners.set(file, new Set());
    this.#owners.get(file).add(owner);
    if (!this.#dependencies.has(owner)) this.#dependencies.set(owner, new Set());
    this.#dependencies.get(owner).add(file);
  }

  // The files only these owners loaded are no longer watched (until they are reported again).
  unfilterFilesOwnedBy(owners) {
    for (const owner of owners) {
      for (const file of this.#dependencies.get(owner) ?? []) {
        const fileOwners = this.#owners.get(file);
        fileOwners?.delete(owner);
        if (fileOwners?.size === 0) {
          this.#owners.delete(file);
          this.#files.delete(file);
        }
      }
      this.#dependencies.delete(owner);
    }
  }

  // The child reports what it loads over IPC: CommonJS filenames and ES module URLs.
  watchChildProcessModules(child, owner) {
    if (this.#mode !== 'filter' && owner === undefined) return;
    child.on('message', (message) => {
      try {
        if (Array.isArray(message?.['watch:require'])) {
          for (const file of message['watch:require']) this.filterFile(file, owner);
        }
        if (Array.isArray(message?.['watch:import'])) {
          for (const url of message['watch:import']) this.filterFile(fileURLToPath(url), owner);
        }
      } catch {
        // A file that cannot be watched (removed meanwhile) is left out, as node does.
      }
    });
  }

  clearFileFilters() {
    this.#files.clear();
  }

  clear() {
    for (const { handle } of this.#watchers.values()) {
      handle.removeAllListeners();
      handle.close();
    }
    this.#watchers.clear();
    this.#files.clear();
    this.#owners.clear();
    this.#dependencies.clear();
  }
}

module.exports = { FilesWatcher };
