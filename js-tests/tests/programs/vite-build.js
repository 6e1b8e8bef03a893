'use strict';
// vite build (rolldown bundles, lightningcss transforms and minifies the CSS: both Node-API addons).
// skip: anode needs node:https (vite imports it at start-up, after node:http; https comes with tls)
require('../../programs/harness.js').runProgram({
  fixture: 'vite',
  bin: 'vite/bin/vite.js',
  args: ['build', '--logLevel', 'info'],
  show: ['dist'],
});
