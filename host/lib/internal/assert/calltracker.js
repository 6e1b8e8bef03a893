'use strict';
// assert.CallTracker: wraps functions to count their calls and checks the counts on verify().

const { codedError, invalidArgValue, validateInteger } = require('internal/errors');

// One tracked function: its calls so far against the count expected.
class TrackedCalls {
  #expected;
  #calls = [];
  #name;
  #stack;
  constructor(expected, name, stack) {
    this.#expected = expected;
    this.#name = name;
    this.#stack = stack;
  }
  record(thisArg, args) {
    this.#calls.push(Object.freeze({ thisArg, arguments: Object.freeze(Array.prototype.slice.call(args)) }));
  }
  reset() {
    this.#calls = [];
  }
  calls() {
    return Object.freeze(this.#calls.slice());
  }
  // A report entry when the count is off, else undefined.
  report() {
    const actual = this.#calls.length;
    if (actual === this.#expected) return undefined;
    return {
      message: `Expected the ${this.#name} function to be executed ${this.#expected} time(s) but was executed ${actual} time(s).`,
      actual,
      expected: this.#expected,
      operator: this.#name,
      stack: this.#stack,
    };
  }
}

// Untracked-function default: nameless, so reports call it `calls`.
const noop = Function.prototype;

class CallTracker {
  #all = new Set();
  #byFunction = new WeakMap();

  #tracked(fn) {
    const tracked = this.#byFunction.get(fn);
    if (tracked === undefined) throw invalidArgValue('tracked', fn, 'is not a tracked function');
    return tracked;
  }

  calls(fn, expected = 1) {
    if (process._exiting) {
      throw codedError(Error, 'ERR_UNAVAILABLE_DURING_EXIT', 'Cannot call function in process exit handler');
    }
    if (typeof fn === 'number') {
      expected = fn;
      fn = noop;
    } else if (fn === undefined) {
      fn = noop;
    }
    validateInteger(expected, 'expected', 1, 4294967295);
    const tracked = new TrackedCalls(expected, fn.name || 'calls', new Error());
    // A proxy keeps the function's own properties (length, name, extras) without reading them.
    const wrapper = new Proxy(fn, {
      __proto__: null,
      apply(target, thisArg, args) {
        tracked.record(thisArg, args);
        return Reflect.apply(target, thisArg, args);
      },
    });
    this.#all.add(tracked);
    this.#byFunction.set(wrapper, tracked);
    return wrapper;
  }

  getCalls(fn) {
    return this.#tracked(fn).calls();
  }

  reset(fn) {
    if (fn === undefined) {
      for (const tracked of this.#all) tracked.reset();
      return;
    }
    this.#tracked(fn).reset();
  }

  report() {
    const errors = [];
    for (const tracked of this.#all) {
      const entry = tracked.report();
      if (entry !== undefined) errors.push(entry);
    }
    return errors;
  }

  verify() {
    const errors = this.report();
    if (errors.length === 0) return;
    const { AssertionError } = require('assert');
    const message = errors.length === 1 ? errors[0].message : 'Functions were not called the expected number of times';
    throw new AssertionError({ message, details: errors });
  }
}

module.exports = CallTracker;
