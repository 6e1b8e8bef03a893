'use strict';
// Deep equality as assert and util see it: loose (deepEqual: ==, prototypes ignored), strict
// (deepStrictEqual / util.isDeepStrictEqual: Object.is, same prototypes and tags) and partial
// (partialDeepStrictEqual: what expected has, actual must have, strictly).

const utilBinding = binding.util();
const kind = utilBinding.kind;

const kLoose = 0;
const kStrict = 1;
const kPartial = 2;

const { hasOwnProperty, propertyIsEnumerable, toString: objectToString } = Object.prototype;
const { isKeyObject, keyObjectsEqual } = require('internal/crypto/keyslots');

// The primitive inside a boxed value, read through the brand's own valueOf (a String object
// can't answer Number.prototype.valueOf), with the brand's name.
const boxedBrands = [
  ['Number', Number.prototype.valueOf],
  ['String', String.prototype.valueOf],
  ['Boolean', Boolean.prototype.valueOf],
  ['BigInt', BigInt.prototype.valueOf],
  ['Symbol', Symbol.prototype.valueOf],
];
function unbox(value) {
  for (const [brand, valueOf] of boxedBrands) {
    try {
      return { brand, primitive: valueOf.call(value) };
    } catch {
      // Not this brand.
    }
  }
  return undefined;
}

const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const isFloatArray = (tag) => tag === 'Float16Array' || tag === 'Float32Array' || tag === 'Float64Array';
const getTime = Date.prototype.getTime;
const regexpFlags = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get;
const regexpSource = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
const byteLengthOf = {
  arraybuffer: Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get,
  sharedarraybuffer: typeof SharedArrayBuffer === 'function'
    ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get : undefined,
};

function bytesOf(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function primitiveEqual(a, b, mode) {
  if (mode === kLoose) return a == b || (a !== a && b !== b); // eslint-disable-line eqeqeq
  return Object.is(a, b);
}

// Own enumerable keys the comparison looks at: strings, and in the strict modes symbols too.
function ownKeys(value, mode) {
  const keys = Object.keys(value);
  if (mode !== kLoose) {
    for (const symbol of Object.getOwnPropertySymbols(value)) {
      if (propertyIsEnumerable.call(value, symbol)) keys.push(symbol);
    }
  }
  return keys;
}

const isIndexKey = (key) => typeof key === 'string' && key !== '' && String(key >>> 0) === key && key !== '4294967295';

class Comparer {
  constructor(mode, skipPrototype) {
    this.mode = mode;
    this.skipPrototype = skipPrototype;
    // The objects on each side being compared further up, with their depth: a cycle matches
    // only a cycle that closes at the same depth.
    this.depthA = new Map();
    this.depthB = new Map();
  }

  equal(a, b) {
    if (a === b) return this.mode === kLoose || a !== 0 || Object.is(a, b);
    const mode = this.mode;
    if (typeof a !== 'object' || a === null) {
      if (typeof b === 'object' && b !== null) return false;
      if (mode === kLoose) return primitiveEqual(a, b, mode);
      return typeof a === 'number' && a !== a && b !== b;
    }
    if (typeof b !== 'object' || b === null) return false;
    // Partially, prototypes are left out (objects from another realm compare alike).
    if (mode === kStrict && !this.skipPrototype && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    if (objectToString.call(a) !== objectToString.call(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;

    const depthA = this.depthA.get(a);
    const depthB = this.depthB.get(b);
    if (depthA !== undefined || depthB !== undefined) return depthA === depthB;
    const depth = this.depthA.size;
    this.depthA.set(a, depth);
    this.depthB.set(b, depth);
    try {
      return this.objectsEqual(a, b);
    } finally {
      this.depthA.delete(a);
      this.depthB.delete(b);
    }
  }

  objectsEqual(a, b) {
    const mode = this.mode;
    // A proxy compares as the object it shows (its traps run), a module namespace as an
    // ordinary object with its exports.
    const kindOf = (value) => {
      const found = kind(value);
      return found === 'proxy' || found === 'module' ? '' : found;
    };
    const ka = kindOf(a);
    // A promise, WeakMap or WeakSet equals only itself; the expected value's being one is not
    // looked at (as node's check is of the actual value alone): a proxy of one compares as
    // an ordinary object, even to one.
    const identityOnly = (found) => found === 'promise' || found === 'weakmap' || found === 'weakset';
    if (identityOnly(ka)) return false;
    const kb = kindOf(b);
    if (ka !== kb && !(ka === '' && identityOnly(kb))) return false;
    if (Array.isArray(a)) return this.arraysEqual(a, b);
    switch (ka) {
      case 'date':
        if (!Object.is(getTime.call(a), getTime.call(b))) return false;
        break;
      case 'regexp':
        if (regexpSource.call(a) !== regexpSource.call(b) || regexpFlags.call(a) !== regexpFlags.call(b) ||
            a.lastIndex !== b.lastIndex) return false;
        break;
      case 'boxed': {
        const ua = unbox(a);
        const ub = unbox(b);
        if (ua.brand !== ub.brand || !Object.is(ua.primitive, ub.primitive)) return false;
        break;
      }
      case 'typedarray':
      case 'dataview':
        if (!this.viewsEqual(a, b, ka)) return false;
        return this.keysEqual(a, b, ownKeys(a, mode).filter((key) => !isIndexKey(key)), ownKeys(b, mode).filter((key) => !isIndexKey(key)));
      case 'arraybuffer':
      case 'sharedarraybuffer': {
        const length = byteLengthOf[ka].call(a);
        if (mode !== kPartial && length !== byteLengthOf[ka].call(b)) return false;
        const bytesA = new Uint8Array(a);
        const bytesB = new Uint8Array(b);
        if (mode === kPartial ? !isSubsequence(bytesA, bytesB, Object.is) : !sameBytes(bytesA, bytesB)) return false;
        break;
      }
      case 'set':
        if (!this.setsEqual(a, b)) return false;
        break;
      case 'map':
        if (!this.mapsEqual(a, b)) return false;
        break;
      default:
        if (ka === '' && a instanceof Error !== b instanceof Error) return false;
        if (!this.opaqueEqual(a, b)) return false;
    }
    if (ka === 'error' || a instanceof Error) {
      if (!this.errorsEqual(a, b)) return false;
    }
    return this.keysEqual(a, b, ownKeys(a, mode), ownKeys(b, mode));
  }

  // Objects whose state is internal: URLs compare by href, KeyObjects by their key material.
  opaqueEqual(a, b) {
    if (a instanceof URL || b instanceof URL) {
      return a instanceof URL && b instanceof URL && a.href === b.href;
    }
    if (objectToString.call(a) === '[object CryptoKey]') {
      const { isCryptoKey, keyObjectOf } = require('internal/crypto/webcrypto');
      if (!isCryptoKey(a) || !isCryptoKey(b)) return isCryptoKey(a) === isCryptoKey(b);
      return a.type === b.type && a.extractable === b.extractable && this.equal(a.algorithm, b.algorithm) &&
        this.equal(a.usages, b.usages) && keyObjectsEqual(keyObjectOf(a), keyObjectOf(b));
    }
    if (isKeyObject(a) || isKeyObject(b)) return keyObjectsEqual(a, b);
    return true;
  }

  // message, name (own or inherited), and cause and errors when either has them: all
  // non-enumerable, so the key walk does not see them.
  errorsEqual(a, b) {
    // Partially, an expected error without a message of its own leaves the message out.
    if (a.name !== b.name) return false;
    if ((this.mode !== kPartial || hasOwnProperty.call(b, 'message')) && a.message !== b.message) return false;
    for (const key of ['cause', 'errors']) {
      const inA = hasOwnProperty.call(a, key) && !propertyIsEnumerable.call(a, key);
      const inB = hasOwnProperty.call(b, key) && !propertyIsEnumerable.call(b, key);
      if (this.mode === kPartial ? inB && (!inA || !this.equal(a[key], b[key])) : inA !== inB || (inA && !this.equal(a[key], b[key]))) {
        return false;
      }
    }
    return true;
  }

  keysEqual(a, b, keysA, keysB) {
    if (this.mode === kPartial) {
      for (const key of keysB) {
        if (!hasOwnProperty.call(a, key) || !propertyIsEnumerable.call(a, key)) return false;
        if (!this.equal(a[key], b[key])) return false;
      }
      return true;
    }
    if (keysA.length !== keysB.length) return false;
    for (const key of keysA) {
      if (!hasOwnProperty.call(b, key) || !propertyIsEnumerable.call(b, key)) return false;
    }
    for (const key of keysA) {
      if (!this.equal(a[key], b[key])) return false;
    }
    return true;
  }

  arraysEqual(a, b) {
    const mode = this.mode;
    const extra = (value) => ownKeys(value, mode).filter((key) => !isIndexKey(key));
    if (mode === kPartial) {
      // The elements expected has (holes skipped) appear in actual's, in order.
      if (b.length > a.length) return false;
      const present = (array) => Object.keys(array).filter(isIndexKey).map((key) => array[key]);
      if (!isSubsequence(present(a), present(b), (x, y) => this.equal(x, y))) return false;
      return this.keysEqual(a, b, extra(a), extra(b));
    }
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const inA = hasOwnProperty.call(a, i);
      const inB = hasOwnProperty.call(b, i);
      // A hole and an undefined differ, loosely too.
      if (inA !== inB) return false;
      if (!this.equal(a[i], b[i])) return false;
    }
    return this.keysEqual(a, b, extra(a), extra(b));
  }

  viewsEqual(a, b, viewKind) {
    const mode = this.mode;
    if (viewKind === 'typedarray') {
      const tag = typedArrayTag.call(a);
      if (tag !== typedArrayTag.call(b)) return false;
      if (mode === kPartial) return isSubsequence(a, b, Object.is);
      if (a.length !== b.length) return false;
      // Loosely, floats compare as numbers (0 and -0 alike, NaN unlike itself); otherwise
      // the bytes decide.
      if (mode === kLoose && isFloatArray(tag)) {
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
        return true;
      }
    } else if (mode !== kPartial && a.byteLength !== b.byteLength) {
      return false;
    }
    if (mode === kPartial) return isSubsequence(bytesOf(a), bytesOf(b), Object.is);
    return sameBytes(bytesOf(a), bytesOf(b));
  }

  setsEqual(a, b) {
    const mode = this.mode;
    if (mode === kPartial ? b.size > a.size : a.size !== b.size) return false;
    // Primitives match by lookup; objects (and, loosely, primitives that == others) need a
    // deep match against a not yet used member of a.
    const unmatched = [];
    for (const value of b) {
      if (a.has(value) && (typeof value !== 'object' || value === null)) continue;
      if (typeof value === 'object' && value !== null) {
        if (a.has(value)) continue;
        unmatched.push(value);
      } else if (mode === kLoose) {
        unmatched.push(value);
      } else {
        return false;
      }
    }
    if (unmatched.length === 0) return true;
    const candidates = [];
    for (const value of a) {
      if (typeof value === 'object' && value !== null ? !b.has(value) : mode === kLoose && !b.has(value)) candidates.push(value);
    }
    return this.matchAll(unmatched, candidates, (x, y) => this.equal(y, x));
  }

  mapsEqual(a, b) {
    const mode = this.mode;
    if (mode === kPartial ? b.size > a.size : a.size !== b.size) return false;
    const unmatched = [];
    const matchedKeys = new Set();
    for (const [key, value] of b) {
      if ((typeof key !== 'object' || key === null) && mode !== kLoose) {
        if (!a.has(key) || !this.equal(a.get(key), value)) return false;
        matchedKeys.add(key);
      } else if (a.has(key) && this.equal(a.get(key), value)) {
        matchedKeys.add(key);
      } else {
        unmatched.push([key, value]);
      }
    }
    if (unmatched.length === 0) return true;
    const candidates = [];
    for (const entry of a) {
      if (!matchedKeys.has(entry[0]) && (mode === kLoose || (typeof entry[0] === 'object' && entry[0] !== null))) candidates.push(entry);
    }
    return this.matchAll(unmatched, candidates, ([kx, vx], [ky, vy]) => this.equal(ky, kx) && this.equal(vy, vx));
  }

  // Every wanted item finds its own candidate.
  matchAll(wanted, candidates, matches) {
    const used = new Array(candidates.length).fill(false);
    outer: for (const item of wanted) {
      for (let i = 0; i < candidates.length; i++) {
        if (!used[i] && matches(item, candidates[i])) {
          used[i] = true;
          continue outer;
        }
      }
      return false;
    }
    return true;
  }
}

// expected's items appear in actual in the same order (partial comparison of sequences).
function isSubsequence(actual, expected, equal) {
  let i = 0;
  for (let j = 0; j < expected.length; j++) {
    while (i < actual.length && !equal(actual[i], expected[j])) i++;
    if (i === actual.length) return false;
    i++;
  }
  return true;
}

function isDeepEqual(a, b) {
  return new Comparer(kLoose, false).equal(a, b);
}

function isDeepStrictEqual(a, b, skipPrototype = false) {
  return new Comparer(kStrict, skipPrototype).equal(a, b);
}

function isPartialStrictEqual(actual, expected) {
  return new Comparer(kPartial, false).equal(actual, expected);
}

module.exports = { isDeepEqual, isDeepStrictEqual, isPartialStrictEqual };
