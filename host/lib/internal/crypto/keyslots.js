'use strict';
// KeyObjects' state, kept off the objects (they have no own properties): the key's type, a
// secret key's bytes, an asymmetric key's native id. Brand checks go through it.

const { codedError } = require('internal/errors');

const keySlots = new WeakMap();

function keySlotsOf(key) {
  const slots = keySlots.get(key);
  if (slots === undefined) throw codedError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type KeyObject');
  return slots;
}

const isKeyObject = (value) => keySlots.has(value);

module.exports = { keySlots, keySlotsOf, isKeyObject };
