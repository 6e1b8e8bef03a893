'use strict';
// internal/options: the process's command-line and NODE_OPTIONS settings, by option name
// (for code run with --expose-internals, as node's module of that name).

module.exports = {
  getOptionValue: internals.getOptionValue,
};
