'use strict';
// --frozen-intrinsics: after the --require modules, the language's built-in objects (and
// node's console and timer functions) are frozen, with everything reachable from them. The
// prototypes' data properties become accessors first, so that assigning one on an object
// that inherits it still makes an own property (which freezing alone would forbid).

const { Console } = require('console');
const console = require('console');
const timers = require('timers');

const getProto = Object.getPrototypeOf;
const protoOfIterator = (iterable) => getProto(iterable[Symbol.iterator]());
const arrayIterator = protoOfIterator([]);
const iteratorPrototype = getProto(arrayIterator);
const asyncIteratorPrototype = getProto(getProto(getProto((async function* generator() {})())));
const regExpStringIterator = getProto(/e/[Symbol.matchAll](''));
const mapIterator = protoOfIterator(new Map());
const setIterator = protoOfIterator(new Set());
const stringIterator = protoOfIterator('');
const typedArrays = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];
const TypedArray = getProto(Int8Array);
const errors = [Error, AggregateError, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError];
const wasmClasses = ['Module', 'Instance', 'Table', 'Memory', 'CompileError', 'LinkError', 'RuntimeError'];
const intlClasses = ['Collator', 'DateTimeFormat', 'ListFormat', 'NumberFormat', 'PluralRules', 'RelativeTimeFormat'];

// The prototypes whose data properties stay overridable on derived objects.
function overridablePrototypes() {
  const list = [
    Object.prototype, Function.prototype, Boolean.prototype, Symbol.prototype,
    ...errors.map((ctor) => ctor.prototype),
    Number.prototype, BigInt.prototype, Date.prototype,
    String.prototype, stringIterator, RegExp.prototype, regExpStringIterator,
    Array.prototype, arrayIterator, TypedArray.prototype, ...typedArrays.map((ctor) => ctor.prototype),
    Map.prototype, mapIterator, Set.prototype, setIterator, WeakMap.prototype, WeakSet.prototype,
    ArrayBuffer.prototype, SharedArrayBuffer.prototype, DataView.prototype,
    WeakRef.prototype, FinalizationRegistry.prototype,
    iteratorPrototype, asyncIteratorPrototype, Promise.prototype,
    Console.prototype,
  ];
  // (V8 has no WebAssembly under --jitless.)
  if (typeof WebAssembly !== 'undefined') list.push(...wasmClasses.map((name) => WebAssembly[name].prototype));
  if (typeof Intl !== 'undefined') list.push(...intlClasses.map((name) => Intl[name].prototype));
  return list;
}

// The roots of what is frozen.
function frozenRoots() {
  const list = [
    Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get,
    eval, isFinite, isNaN, parseFloat, parseInt, decodeURI, decodeURIComponent, encodeURI, encodeURIComponent,
    Object, Function, Boolean, Symbol, ...errors,
    Number, BigInt, Math, Date,
    String, stringIterator, RegExp, regExpStringIterator,
    Array, arrayIterator, TypedArray, ...typedArrays,
    Map, mapIterator, Set, setIterator, WeakMap, WeakSet,
    ArrayBuffer, SharedArrayBuffer, DataView, Atomics, JSON,
    WeakRef, FinalizationRegistry,
    iteratorPrototype, asyncIteratorPrototype, Promise,
    getProto(function* generator() {}), getProto(async function* generator() {}), getProto(async function f() {}),
    Reflect, Proxy, escape, unescape,
    timers.clearImmediate, timers.clearInterval, timers.clearTimeout,
    timers.setImmediate, timers.setInterval, timers.setTimeout,
    console,
  ];
  if (typeof WebAssembly !== 'undefined') list.push(WebAssembly);
  if (typeof Intl !== 'undefined') list.push(Intl);
  return list;
}

// A configurable data property of `owner` becomes an accessor: reading it gives the value;
// assigning it on an object that inherits it defines (or sets) that object's own property.
function makeOverridable(owner, key, descriptor) {
  if (!('value' in descriptor) || !descriptor.configurable) return;
  const { value } = descriptor;
  const get = function () { return value; };
  // What the freezing walk follows: the value, as the data property was.
  get.value = value;
  const set = function (newValue) {
    if (this === owner) {
      throw new TypeError(`Cannot assign to read only property '${String(key)}' of object '${owner}'`);
    }
    if (Object.prototype.hasOwnProperty.call(this, key)) {
      this[key] = newValue;
    } else {
      Object.defineProperty(this, key, { value: newValue, writable: true, enumerable: true, configurable: true });
    }
  };
  Object.defineProperty(owner, key, { get, set, enumerable: descriptor.enumerable, configurable: true });
}

// Freezes `root` and every object reachable from it through prototypes, property values and
// accessors (each once).
function deepFreeze(root, frozen) {
  const pending = [root];
  while (pending.length > 0) {
    const object = pending.pop();
    if (Object(object) !== object || frozen.has(object)) continue;
    frozen.add(object);
    // Frozen before it is read, so that a proxy can't add what the walk would miss.
    Object.freeze(object);
    pending.push(getProto(object));
    const descriptors = Object.getOwnPropertyDescriptors(object);
    Reflect.ownKeys(descriptors).forEach((key) => {
      const descriptor = descriptors[key];
      if ('value' in descriptor) pending.push(descriptor.value);
      else pending.push(descriptor.get, descriptor.set);
    });
  }
}

module.exports = function freezeIntrinsics() {
  overridablePrototypes().forEach((prototype) => {
    const descriptors = Object.getOwnPropertyDescriptors(prototype);
    Reflect.ownKeys(descriptors).forEach((key) => makeOverridable(prototype, key, descriptors[key]));
  });
  const frozen = new WeakSet();
  frozenRoots().forEach((root) => deepFreeze(root, frozen));
  Object.defineProperty(globalThis, 'globalThis', { value: globalThis, writable: false, configurable: false });
};
