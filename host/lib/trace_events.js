'use strict';
// trace_events: Tracing objects that enable categories of the process's trace while they are
// enabled, and the categories enabled now. Only the main thread may change them.

const { codedError, validateObject, invalidArgType, validateString } = require('internal/errors');
const { traceBinding, categoriesChanged } = require('internal/trace_events');

if (!binding.config.isMainThread) throw codedError(Error, 'ERR_TRACE_EVENTS_UNAVAILABLE', 'Trace events are unavailable');

const kMaxTracingCount = 10;
// Enabled Tracing objects are kept alive until disabled, as node keeps them.
const enabledTracingObjects = new Set();
let nextHandle = 1;

class Tracing {
  #handle = nextHandle++;
  #categories;
  #enabled = false;

  constructor(categories) {
    this.#categories = categories;
  }

  enable() {
    if (this.#enabled) return;
    this.#enabled = true;
    traceBinding.setCategories(this.#handle, this.#categories);
    categoriesChanged();
    enabledTracingObjects.add(this);
    if (enabledTracingObjects.size > kMaxTracingCount) {
      process.emitWarning('Possible trace_events memory leak detected. There are more than ' +
                          `${kMaxTracingCount} enabled Tracing objects.`);
    }
  }

  disable() {
    if (!this.#enabled) return;
    this.#enabled = false;
    traceBinding.setCategories(this.#handle, undefined);
    categoriesChanged();
    enabledTracingObjects.delete(this);
  }

  get enabled() {
    return this.#enabled;
  }

  get categories() {
    return this.#categories.join(',');
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    if (typeof depth === 'number' && depth < 0) return this;
    const { inspect } = require('internal/inspect');
    return `Tracing ${inspect({ enabled: this.enabled, categories: this.categories }, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}

function createTracing(options) {
  validateObject(options, 'options');
  const { categories } = options;
  if (!Array.isArray(categories)) throw invalidArgType('options.categories', 'an instance of Array', categories);
  for (let index = 0; index < categories.length; index++) validateString(categories[index], `options.categories[${index}]`);
  if (categories.length <= 0) throw codedError(TypeError, 'ERR_TRACE_EVENTS_CATEGORY_REQUIRED', 'At least one category is required');
  return new Tracing([...categories]);
}

function getEnabledCategories() {
  return traceBinding.getEnabledCategories();
}

module.exports = { createTracing, getEnabledCategories };
