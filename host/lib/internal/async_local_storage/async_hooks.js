'use strict';
// AsyncLocalStorage under --no-async-context-frame: each store lives on async resources. An
// init hook copies every enabled storage's store from the resource running when a resource
// is made to the new one, and getStore() reads it from executionAsyncResource().

const { createHook, executionAsyncResource, AsyncResource } = require('internal/async_hooks').publicApi;
const { validateObject } = require('internal/errors');

// The storages enabled, in the order they were; the hook runs while there is one.
const enabledStorages = [];
const propagationHook = createHook({
  init(asyncId, type, triggerAsyncId, resource) {
    const current = executionAsyncResource();
    for (let i = 0; i < enabledStorages.length; i++) enabledStorages[i]._propagate(resource, current, type);
  },
});

class AsyncLocalStorage {
  #defaultValue;
  #name;

  constructor(options = {}) {
    // (Public, as node's: the key of this storage's store on resources, and whether it is on.)
    this.kResourceStore = Symbol('kResourceStore');
    this.enabled = false;
    validateObject(options, 'options');
    this.#defaultValue = options.defaultValue;
    if (options.name !== undefined) this.#name = `${options.name}`;
    // On from the start: resources made from now on carry its store.
    this._enable();
  }

  get name() {
    return this.#name || '';
  }

  static bind(fn) {
    return AsyncResource.bind(fn);
  }

  static snapshot() {
    return AsyncResource.bind((callback, ...args) => callback(...args));
  }

  disable() {
    if (!this.enabled) return;
    this.enabled = false;
    enabledStorages.splice(enabledStorages.indexOf(this), 1);
    if (enabledStorages.length === 0) propagationHook.disable();
  }

  _enable() {
    if (this.enabled) return;
    this.enabled = true;
    enabledStorages.push(this);
    propagationHook.enable();
  }

  _propagate(resource, triggerResource) {
    if (this.enabled) resource[this.kResourceStore] = triggerResource[this.kResourceStore];
  }

  enterWith(store) {
    this._enable();
    executionAsyncResource()[this.kResourceStore] = store;
  }

  run(store, callback, ...args) {
    if (Object.is(store, this.getStore())) return Reflect.apply(callback, null, args);
    this._enable();
    const resource = executionAsyncResource();
    const prior = resource[this.kResourceStore];
    resource[this.kResourceStore] = store;
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      resource[this.kResourceStore] = prior;
    }
  }

  exit(callback, ...args) {
    if (!this.enabled) return Reflect.apply(callback, null, args);
    this.disable();
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      this._enable();
    }
  }

  getStore() {
    if (!this.enabled) return this.#defaultValue;
    const resource = executionAsyncResource();
    return this.kResourceStore in resource ? resource[this.kResourceStore] : this.#defaultValue;
  }
}

module.exports = AsyncLocalStorage;
