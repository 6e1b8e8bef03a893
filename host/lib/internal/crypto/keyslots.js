'use strict';
// KeyObjects' state, kept off the objects (they have no own properties): the key's type, a
// secret key's bytes, an asymmetric key's native id. Brand checks go through it.

const { codedError } = require('internal/errors');

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

module.exports = { keySlots, keySlotsOf, isKeyObject };
