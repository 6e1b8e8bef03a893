'use strict';
// stream.duplexPair(): two Duplex ends where what one writes, the other reads.

const { Duplex } = require('stream');

const kOtherSide = Symbol('kOtherSide');
// The write callback of the other side, called when this side's reader asks for more.
const kPendingWrite = Symbol('kPendingWrite');

class DuplexSide extends Duplex {
  constructor(options) {
    super(options);
    this[kOtherSide] = null;
    this[kPendingWrite] = null;
  }

  _read() {
    const callback = this[kOtherSide][kPendingWrite];
    if (callback) {
      this[kOtherSide][kPendingWrite] = null;
      callback();
    }
  }

  _write(chunk, encoding, callback) {
    if (chunk.length === 0) {
      process.nextTick(callback);
    } else {
      this[kOtherSide].push(chunk);
      this[kPendingWrite] = callback;
    }
  }

  _final(callback) {
    this[kOtherSide].on('end', callback);
    this[kOtherSide].push(null);
  }

  // An error ends the pair: the other side is destroyed too, without the error.
  _destroy(err, callback) {
    const other = this[kOtherSide];
    if (err && other && !other.destroyed) process.nextTick(() => other.destroy());
    callback(err);
  }
}

function duplexPair(options) {
  const side0 = new DuplexSide(options);
  const side1 = new DuplexSide(options);
  side0[kOtherSide] = side1;
  side1[kOtherSide] = side0;
  return [side0, side1];
}

module.exports = duplexPair;
