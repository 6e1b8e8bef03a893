'use strict';
// Helpers shared by core modules.

// Names for the values a callback API passes after the error: util.promisify resolves with
// an object of them (fs.read's { bytesRead, buffer }, ...), as node's internal symbol does.
const customPromisifyArgs = Symbol('customPromisifyArgs');

module.exports = { customPromisifyArgs };
