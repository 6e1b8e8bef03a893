'use strict';
// The legacy `constants` module: os' dlopen, errno, priority and signal numbers, fs' and
// crypto's constants in one frozen object, as node has it.

const os = require('os').constants;

module.exports = Object.freeze(Object.assign({}, os.dlopen, os.errno, os.priority, os.signals,
  require('fs').constants, require('crypto').constants));
