'use strict';
// node:sea, as node has it in an executable that is not a single-executable application
// (anode never is one): isSea() is false and there are no assets to read.

const { codedError, validateString } = require('internal/errors');

function notInSea() {
  return codedError(Error, 'ERR_NOT_IN_SINGLE_EXECUTABLE_APPLICATION',
    'Operation cannot be invoked when not in a single-executable application');
}

function isSea() {
  return false;
}

function getAsset(key, encoding) {
  validateString(key, 'key');
  if (encoding !== undefined) validateString(encoding, 'encoding');
  throw notInSea();
}

function getRawAsset(key) {
  validateString(key, 'key');
  throw notInSea();
}

function getAssetAsBlob(key, options) {
  validateString(key, 'key');
  throw notInSea();
}

function getAssetKeys() {
  throw notInSea();
}

module.exports = { isSea, getAsset, getRawAsset, getAssetAsBlob, getAssetKeys };
