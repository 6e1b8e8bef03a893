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

module.exports = { customPromisifyArgs, tryGetCwd };
