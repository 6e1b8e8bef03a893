'use strict';
// AbortController and AbortSignal as node has them, with timeout and composite (any) signals
// that neither keep the process alive nor keep otherwise unreachable signals from being
// collected, and util.aborted.

const {
  Event,
  EventTarget,
  defineEventHandler,
  kNewListener,
  kRemoveListener,
  kResistStopPropagation,
  kTrustEvent,
  kWeakHandler,
} = require('internal/event_target');
const { kMaxEventTargetListeners } = require('events');
const { codedError, illegalConstructor, invalidArgType, invalidThis, outOfRange } = require('internal/errors');

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
const kCreate = Symbol('kCreate');

function domException(message, name) {
  return new (require('internal/web').DOMException)(message, name);
}

function inspectWithFields(self, fields, depth, options) {
  if (depth < 0) return self;
  const inner = { ...options, depth: options.depth === null ? null : options.depth - 1 };
  return `${self.constructor.name} ${require('internal/inspect').inspect(fields, inner)}`;
}

// Signals that must stay alive although nothing else may reference them: a timeout or
// composite signal with an abort listener, until it aborts or loses its listeners.
const persistentSignals = new Set();
// A collected timeout signal's timer is cleared.
const timeoutTimers = new FinalizationRegistry((timer) => clearTimeout(timer));
// A collected composite signal leaves its sources' dependant sets; a collected source leaves
// its composites' source sets.
const dependantCleanup = new FinalizationRegistry(({ sourceRef, dependantRef, token }) => {
  sourceCleanup.unregister(token);
  sourceRef.deref()?.[kDependants]?.delete(dependantRef);
});
const sourceCleanup = new FinalizationRegistry(({ sourceRef, compositeRef }) => {
  const composite = compositeRef.deref();
  if (composite === undefined) return;
  composite[kSources].delete(sourceRef);
  if (composite[kSources].size === 0) persistentSignals.delete(composite);
});

// The signal's state lives under symbols (not private fields) so that the brand check is a
// property look-up, as node's, and reads through proxies of signals fail the same way.
const kAborted = Symbol('kAborted');
const kReason = Symbol('kReason');
const kTimeout = Symbol('kTimeout');
const kComposite = Symbol('kComposite');
// A composite signal's sources (weak refs to plain signals) and whether they know of it yet.
const kSources = Symbol('kSourceSignals');
const kFollowing = Symbol('kFollowing');
const kSelfRef = Symbol('kSelfRef');
// The composite signals (weak refs) that follow a plain signal.
const kDependants = Symbol('kDependantSignals');

const { kTransfer, kTransferList, kDeserialize, markTransferMode } = require('internal/worker/js_transferable');
// The channel a transferred, still pending signal reports its abort through.
const kTransferChannel = Symbol('kTransferChannel');

function checkSignal(value) {
  if (value?.[kAborted] === undefined) throw invalidThis('AbortSignal');
}

function isAbortSignal(value) {
  return value !== null && typeof value === 'object' && value[kAborted] !== undefined;
}

// A composite signal whose sources have not been told of it yet learns here if one aborted.
function refreshComposite(signal) {
  if (!signal[kComposite] || signal[kAborted] || !signal[kSources]?.size) return;
  for (const sourceRef of signal[kSources]) {
    const source = sourceRef.deref();
    if (source === undefined) {
      signal[kSources].delete(sourceRef);
    } else if (source.aborted) {
      abortSignal(signal, source.reason);
      return;
    }
  }
}

// A composite signal with an abort listener has its sources abort it when they abort.
function followSources(signal) {
  if (signal[kFollowing] || signal[kAborted] || !signal[kSources]?.size) return;
  signal[kSelfRef] ??= new WeakRef(signal);
  const dependantRef = signal[kSelfRef];
  for (const sourceRef of signal[kSources]) {
    const source = sourceRef.deref();
    if (source === undefined) {
      signal[kSources].delete(sourceRef);
      continue;
    }
    if (source.aborted) {
      abortSignal(signal, source.reason);
      return;
    }
    source[kDependants] ??= new Set();
    source[kDependants].add(dependantRef);
    dependantCleanup.register(signal, { sourceRef, dependantRef, token: sourceRef });
    sourceCleanup.register(source, { sourceRef, compositeRef: dependantRef }, sourceRef);
  }
  signal[kFollowing] = true;
}

// WebIDL's sequence<AbortSignal>: any iterable of signals.
function signalSequence(signals) {
  if (signals === null || (typeof signals !== 'object' && typeof signals !== 'function') ||
      typeof signals[Symbol.iterator] !== 'function') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'signals cannot be converted to sequence.');
  }
  const list = [];
  for (const signal of signals) {
    if (!isAbortSignal(signal)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `signals[${list.length}] is not of type AbortSignal.`);
    }
    list.push(signal);
  }
  return list;
}

class AbortSignal extends EventTarget {
  constructor(key = undefined, init = undefined) {
    if (key !== kCreate) throw illegalConstructor();
    super();
    this[kMaxEventTargetListeners] = 0;
    this[kAborted] = Boolean(init?.aborted);
    this[kReason] = init?.reason;
    this[kComposite] = Boolean(init?.composite);
  }

  get aborted() {
    checkSignal(this);
    refreshComposite(this);
    return this[kAborted];
  }

  get reason() {
    checkSignal(this);
    refreshComposite(this);
    return this[kReason];
  }

  throwIfAborted() {
    checkSignal(this);
    refreshComposite(this);
    if (this[kAborted]) throw this[kReason];
  }

  // A signal made transferable moves as a copy that aborts when it does (through an unref'd
  // channel, so neither side is kept alive by it); an aborted one moves as its state.
  [kTransferList]() {
    if (this.aborted) return [];
    const { MessageChannel } = require('worker_threads');
    const channel = new MessageChannel();
    channel.port1.unref();
    channel.port2.unref();
    this[kTransferChannel] = channel;
    return [channel.port2];
  }

  [kTransfer]() {
    checkSignal(this);
    const deserializeInfo = 'internal/abort_controller:ClonedAbortSignal';
    if (this.aborted) return { data: { aborted: true, reason: this.reason }, deserializeInfo };
    const { port1, port2 } = this[kTransferChannel];
    this[kTransferChannel] = undefined;
    this.addEventListener('abort', () => {
      port1.postMessage(this.reason);
      port1.close();
    }, { once: true });
    return { data: { port: port2 }, deserializeInfo };
  }

  [kDeserialize]({ aborted, reason, port }) {
    if (aborted) {
      this[kAborted] = true;
      this[kReason] = reason;
      return;
    }
    port.onmessage = ({ data }) => {
      abortSignal(this, data);
      port.close();
      port.onmessage = undefined;
    };
    port.unref();
  }

  [inspectCustom](depth, options) {
    return inspectWithFields(this, { aborted: this.aborted }, depth, options);
  }

  static abort(reason = domException('This operation was aborted', 'AbortError')) {
    return new AbortSignal(kCreate, { aborted: true, reason });
  }

  static timeout(delay) {
    if (typeof delay !== 'number') throw invalidArgType('delay', 'of type number', delay);
    if (!Number.isInteger(delay)) throw outOfRange('delay', 'an integer', delay);
    if (delay < 0 || delay > 0xFFFFFFFF) throw outOfRange('delay', '>= 0 && <= 4294967295', delay);
    const signal = new AbortSignal(kCreate);
    signal[kTimeout] = true;
    const signalRef = new WeakRef(signal);
    const timer = setTimeout(() => {
      const target = signalRef.deref();
      if (target === undefined) return;
      timeoutTimers.unregister(target);
      persistentSignals.delete(target);
      abortSignal(target, domException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    timer.unref();
    timeoutTimers.register(signal, timer, signal);
    return signal;
  }

  static any(signals) {
    const sources = signalSequence(signals);
    const result = new AbortSignal(kCreate, { composite: true });
    if (sources.length === 0) return result;
    result[kSources] = new Set();
    let hasTimeout = false;
    for (const signal of sources) {
      if (signal[kTimeout]) {
        hasTimeout = true;
        persistentSignals.add(signal);
      }
      if (signal.aborted) {
        abortSignal(result, signal.reason);
        return result;
      }
      if (!signal[kComposite]) {
        result[kSources].add(new WeakRef(signal));
        continue;
      }
      // A composite source contributes its own sources.
      if (!signal[kSources]) continue;
      for (const sourceRef of signal[kSources]) {
        const source = sourceRef.deref();
        if (source === undefined) continue;
        if (source.aborted) {
          abortSignal(result, source.reason);
          return result;
        }
        result[kSources].add(sourceRef);
      }
    }
    if (hasTimeout && result[kSources].size > 0) result[kTimeout] = true;
    return result;
  }

  [kNewListener](size, type, listener, once, capture, passive, weak) {
    super[kNewListener](size, type, listener, once, capture, passive, weak);
    if (type !== 'abort' || size !== 1 || this.aborted) return;
    if (this[kComposite]) followSources(this);
    const mayStillAbort = this[kTimeout] || (this[kComposite] && this[kSources]?.size);
    if (mayStillAbort && !this[kAborted] && !weak) persistentSignals.add(this);
  }

  [kRemoveListener](size, type, listener, capture) {
    super[kRemoveListener](size, type, listener, capture);
    const mayStillAbort = this[kTimeout] || (this[kComposite] && this[kSources]?.size);
    if (mayStillAbort && type === 'abort' && size === 0) persistentSignals.delete(this);
  }
}

Object.defineProperty(AbortSignal.prototype, 'aborted', { enumerable: true });
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });
defineEventHandler(AbortSignal.prototype, 'abort');

// The DOM's "signal abort": the signal and then its dependants hear of it.
function abortSignal(signal, reason) {
  if (signal[kAborted]) return;
  signal[kAborted] = true;
  signal[kReason] = reason;
  const dependants = [];
  signal[kDependants]?.forEach((ref) => {
    const dependant = ref.deref();
    if (dependant !== undefined && !dependant[kAborted]) {
      dependant[kAborted] = true;
      dependant[kReason] = reason;
      dependants.push(dependant);
    }
  });
  dispatchAbort(signal);
  for (const dependant of dependants) dispatchAbort(dependant);
  persistentSignals.delete(signal);
  releaseSources(signal);
  for (const dependant of dependants) releaseSources(dependant);
}

// An aborted composite never fires again: its sources let go of it.
function releaseSources(signal) {
  if (!signal[kComposite] || !signal[kSources]) return;
  for (const sourceRef of signal[kSources]) {
    const source = sourceRef.deref();
    if (source === undefined) continue;
    persistentSignals.delete(source);
    if (signal[kSelfRef] !== undefined) source[kDependants]?.delete(signal[kSelfRef]);
  }
}

function dispatchAbort(signal) {
  signal.dispatchEvent(new Event('abort', { [kTrustEvent]: true }));
}

class AbortController {
  #signal;

  get signal() {
    this.#signal ??= new AbortSignal(kCreate);
    return this.#signal;
  }

  abort(reason = domException('This operation was aborted', 'AbortError')) {
    this.#signal ??= new AbortSignal(kCreate);
    abortSignal(this.#signal, reason);
  }

  [inspectCustom](depth, options) {
    return inspectWithFields(this, { signal: this.signal }, depth, options);
  }
}

Object.defineProperty(AbortController.prototype, 'signal', { enumerable: true });
Object.defineProperty(AbortController.prototype, 'abort', { enumerable: true });
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });

// What a transferred signal is made from before its state is read back.
function ClonedAbortSignal() {
  return transferableAbortSignal(new AbortSignal(kCreate));
}

function transferableAbortSignal(signal) {
  if (!isAbortSignal(signal)) throw invalidArgType('signal', 'an instance of AbortSignal', signal);
  markTransferMode(signal, false, true);
  return signal;
}

function transferableAbortController() {
  const controller = new AbortController();
  transferableAbortSignal(controller.signal);
  return controller;
}

// util.aborted: settles when `signal` aborts, for as long as `resource` lives (the listener is
// tied to it weakly, so a collected resource leaves the promise pending and nothing leaked).
async function aborted(signal, resource) {
  if (!isAbortSignal(signal)) throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'signal is not of type AbortSignal.');
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
    throw invalidArgType('resource', 'of type object', resource);
  }
  if (signal.aborted) return undefined;
  const { promise, resolve } = Promise.withResolvers();
  signal.addEventListener('abort', resolve, {
    __proto__: null, once: true, [kWeakHandler]: resource, [kResistStopPropagation]: true,
  });
  return promise;
}

module.exports = {
  AbortController,
  AbortSignal,
  ClonedAbortSignal,
  aborted,
  isAbortSignal,
  transferableAbortSignal,
  transferableAbortController,
};
