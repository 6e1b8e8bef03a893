'use strict';
// WebIDL conversions for Web Crypto, with node's messages: required argument counts, enums,
// sequences, BufferSource, [EnforceRange] integers, and the algorithm dictionaries read while
// normalizing an algorithm (members in WebIDL's order: inherited first, then by name).

const { codedError } = require('internal/errors');

const isView = ArrayBuffer.isView;
// By brand, so buffers from other realms count.
const isAnyArrayBuffer = (value) => require('util').types.isAnyArrayBuffer(value);
const isArrayBuffer = (value) => require('util').types.isArrayBuffer(value);
const isSharedArrayBuffer = (value) => require('util').types.isSharedArrayBuffer(value);

const ordinals = ['1st', '2nd', '3rd'];
const argument = (index) => `${ordinals[index] ?? `${index + 1}th`} argument`;

function requiredArguments(count, required, prefix) {
  if (count < required) {
    throw codedError(TypeError, 'ERR_MISSING_ARGS',
      `${prefix}: ${required} argument${required === 1 ? '' : 's'} required, but only ${count} present.`);
  }
}

// A BufferSource's bytes, copied now (the caller may change or detach it afterwards). Shared
// memory is no BufferSource, nor a view on it.
function bufferSource(value, prefix, context) {
  let view;
  // A detached buffer reads as no bytes.
  if (isView(value)) {
    if (isSharedArrayBuffer(value.buffer)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
        `${prefix}: ${context} is a view on a SharedArrayBuffer, which is not allowed.`);
    }
    view = value.buffer.detached ? new Uint8Array(0) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  } else if (isArrayBuffer(value)) view = value.detached ? new Uint8Array(0) : new Uint8Array(value);
  else {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
      `${prefix}: ${context} is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
  }
  return new Uint8Array(view);
}

function domString(value) {
  if (typeof value === 'symbol') throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Cannot convert a Symbol value to a string');
  return `${value}`;
}

function enumValue(value, values, type, prefix, context) {
  const text = domString(value);
  if (!values.includes(text)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${prefix}: ${context} '${text}' is not a valid enum value of type ${type}.`);
  }
  return text;
}

const keyUsages = ['encrypt', 'decrypt', 'sign', 'verify', 'deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey',
  'encapsulateBits', 'decapsulateBits', 'encapsulateKey', 'decapsulateKey'];
const keyFormats = ['raw', 'raw-secret', 'raw-public', 'raw-private', 'raw-seed', 'spki', 'pkcs8', 'jwk'];

function usageSequence(value, prefix, context) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || typeof value[Symbol.iterator] !== 'function') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${prefix}: ${context} cannot be converted to sequence.`);
  }
  const out = [];
  let index = 0;
  for (const item of value) out.push(enumValue(item, keyUsages, 'KeyUsage', prefix, `${context}[${index++}]`));
  return out;
}

function enforceRange(value, max, prefix, context) {
  const number = Number(value);
  if (!Number.isFinite(number)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${prefix}: ${context} is not a finite number.`);
  }
  const integer = Math.trunc(number);
  if (integer < 0 || integer > max) {
    throw codedError(TypeError, 'ERR_OUT_OF_RANGE', `${prefix}: ${context} is outside the expected range of 0 to ${max}.`);
  }
  return integer;
}

module.exports = {
  argument,
  bufferSource,
  domString,
  enforceRange,
  enumValue,
  isAnyArrayBuffer,
  keyFormats,
  keyUsages,
  requiredArguments,
  usageSequence,
};
