'use strict';
// The escape sequences node's own messages use (watch mode, the test runner's summaries):
// empty strings unless stderr is a terminal with colours.
const { shouldColorize } = require('internal/tty');

const colors = {
  blue: '', green: '', white: '', yellow: '', red: '', gray: '', clear: '', reset: '',
  hasColors: false,
  refresh() {
    const on = Boolean(process.stderr?.isTTY) && shouldColorize(process.stderr);
    const pick = (code) => (on ? code : '');
    Object.assign(colors, {
      blue: pick('\u001b[34m'),
      green: pick('\u001b[32m'),
      white: pick('\u001b[39m'),
      yellow: pick('\u001b[33m'),
      red: pick('\u001b[31m'),
      gray: pick('\u001b[90m'),
      clear: pick('\u001bc'),
      reset: pick('\u001b[0m'),
      hasColors: on,
    });
  },
};
colors.refresh();

module.exports = colors;
