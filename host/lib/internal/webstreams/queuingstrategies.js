'use strict';
// ByteLengthQueuingStrategy and CountQueuingStrategy.

const { codedError, invalidArgType, invalidThis, inspectCustom, customInspect } = require('internal/webstreams/util');

function readHighWaterMark(init) {
  if (init === null || typeof init !== 'object') throw invalidArgType('init', 'of type object', init);
  if (init.highWaterMark === undefined) {
    throw codedError(TypeError, 'ERR_MISSING_OPTION', 'init.highWaterMark is required');
  }
  return +init.highWaterMark;
}

const byteLengthSize = { size(chunk) { return chunk.byteLength; } }.size;
const countSize = { size() { return 1; } }.size;

class ByteLengthQueuingStrategy {
  #highWaterMark;
  constructor(init) {
    this.#highWaterMark = readHighWaterMark(init);
  }
  get highWaterMark() {
    if (!(#highWaterMark in this)) throw invalidThis('ByteLengthQueuingStrategy');
    return this.#highWaterMark;
  }
  get size() {
    if (!(#highWaterMark in this)) throw invalidThis('ByteLengthQueuingStrategy');
    return byteLengthSize;
  }
  [inspectCustom](depth, options, inspect) {
    return customInspect(this, 'ByteLengthQueuingStrategy',
      { highWaterMark: this.highWaterMark }, depth, options, inspect);
  }
}

class CountQueuingStrategy {
  #highWaterMark;
  constructor(init) {
    this.#highWaterMark = readHighWaterMark(init);
  }
  get highWaterMark() {
    if (!(#highWaterMark in this)) throw invalidThis('CountQueuingStrategy');
    return this.#highWaterMark;
  }
  get size() {
    if (!(#highWaterMark in this)) throw invalidThis('CountQueuingStrategy');
    return countSize;
  }
  [inspectCustom](depth, options, inspect) {
    return customInspect(this, 'CountQueuingStrategy', { highWaterMark: this.highWaterMark }, depth, options, inspect);
  }
}

for (const C of [ByteLengthQueuingStrategy, CountQueuingStrategy]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
  for (const name of ['highWaterMark', 'size']) Object.defineProperty(C.prototype, name, { enumerable: true });
}

module.exports = { ByteLengthQueuingStrategy, CountQueuingStrategy };
