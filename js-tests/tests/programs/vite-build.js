'use strict';
// vite build (rolldown bundles, lightningcss transforms and minifies the CSS: both Node-API addons).
// skip: anode needs node:http2 (vite's node chunk imports it at start-up; https and util.parseEnv are there now)
require('../../programs/harness.js').runProgram({
  fixture: 'vite',
  bin: 'vite/bin/vite.js',
  args: ['build', '--logLevel', 'info'],
  show: ['dist'],
});
