'use strict';
// vite build (rolldown bundles, lightningcss transforms and minifies the CSS: both Node-API addons).
// skip: anode needs util.parseEnv (vite's node chunk imports it at start-up; node:https is there now)
require('../../programs/harness.js').runProgram({
  fixture: 'vite',
  bin: 'vite/bin/vite.js',
  args: ['build', '--logLevel', 'info'],
  show: ['dist'],
});
