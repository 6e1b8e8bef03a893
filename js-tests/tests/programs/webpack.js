'use strict';
// webpack through webpack-cli: a production bundle (terser minifies it, tree shaking drops the unused export).
require('../../programs/harness.js').runProgram({
  fixture: 'webpack',
  bin: 'webpack-cli/bin/cli.js',
  args: [],
  show: ['dist/bundle.js'],
});
