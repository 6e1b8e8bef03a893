'use strict';
// internal/options: the process's command-line and NODE_OPTIONS settings, by option name
// (for code run with --expose-internals, as node's module of that name).

let optionsAsFlags;

module.exports = {
  getOptionValue: internals.getOptionValue,
  getOptionsAsFlagsFromBinding: () => optionsAsFlags ??= internals.getOptionsAsFlags(),
};
