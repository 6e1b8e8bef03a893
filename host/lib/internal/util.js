'use strict';
// Helpers shared by core modules.

// Names for the values a callback API passes after the error: util.promisify resolves with
// an object of them (fs.read's { bytesRead, buffer }, ...), as node's internal symbol does.
const customPromisifyArgs = Symbol('customPromisifyArgs');

// The working directory, or (when it was removed) the executable's directory, where node's
// loaders need some directory to resolve from.
function tryGetCwd() {
  try {
    return process.cwd();
  } catch {
    return require('path').dirname(process.execPath);
  }
}

// obj[key] = value as an own data property, whatever setters Object.prototype has gained.
function setOwnProperty(obj, key, value) {
  return Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

module.exports = { customPromisifyArgs, setOwnProperty, tryGetCwd };
