'use strict';
// KeyObjects' state, kept off the objects (they have no own properties): the key's type, a
// secret key's bytes, an asymmetric key's native id. Brand checks go through it.

const { codedError } = require('internal/errors');
const { kDeserialize } = require('internal/worker/js_transferable');

const keySlots = new WeakMap();

// A KeyObject's slots; with `kind` ('secret' or 'asymmetric'), only a key of that kind's.
function keySlotsOf(key, kind) {
  const slots = keySlots.get(key);
  const expected = kind === 'secret' ? 'SecretKeyObject' : kind === 'asymmetric' ? 'AsymmetricKeyObject' : 'KeyObject';
  if (slots === undefined || (kind !== undefined && (slots.type === 'secret') !== (kind === 'secret'))) {
    throw codedError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${expected}`);
  }
  return slots;
}

const isKeyObject = (value) => keySlots.has(value);

// Whether two KeyObjects hold the same key, read from their slots (never their overridable
// methods); secret bytes are compared in constant time.
function keyObjectsEqual(a, b) {
  const mine = keySlots.get(a);
  const theirs = keySlots.get(b);
  if (mine === undefined || theirs === undefined || mine.type !== theirs.type) return false;
  if (mine.type !== 'secret') return binding.crypto().keyEquals(mine.id, theirs.id);
  if (mine.bytes.byteLength !== theirs.bytes.byteLength) return false;
  let difference = 0;
  for (let i = 0; i < mine.bytes.byteLength; i++) difference |= mine.bytes[i] ^ theirs.bytes[i];
  return difference === 0;
}

// A KeyObject arriving in a message or structuredClone: made empty, then given its key by
// crypto.js (loaded on the receiving side first if need be).
let restoreKeyObject;
const setKeyObjectRestorer = (restore) => { restoreKeyObject = restore; };
class ClonedKeyObject {
  [kDeserialize](data) {
    if (restoreKeyObject === undefined) require('crypto');
    restoreKeyObject(this, data);
  }
}

module.exports = { keySlots, keySlotsOf, isKeyObject, keyObjectsEqual, setKeyObjectRestorer, ClonedKeyObject };
