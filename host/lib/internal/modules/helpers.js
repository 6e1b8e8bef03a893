'use strict';

// The `require` function a CommonJS module is given: a module's own require() calls show
// in stack traces as `require (node:internal/modules/helpers)`, as node's do.
function requireFunctionFor(module) {
  return function require(id) {
    return module.require(id);
  };
}

module.exports = { requireFunctionFor };
