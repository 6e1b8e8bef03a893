'use strict';
// vite build (rolldown bundles, lightningcss transforms and minifies the CSS: both Node-API addons).
require('../../programs/harness.js').runProgram({
  fixture: 'vite',
  bin: 'vite/bin/vite.js',
  args: ['build', '--logLevel', 'info'],
  show: ['dist'],
});
