'use strict';
// webpack through webpack-cli: a production bundle (terser minifies it, tree shaking drops the unused export).
// skip: anode needs the constants module (its crypto constants come with the OpenSSL crypto, issue 26)
require('../../programs/harness.js').runProgram({
  fixture: 'webpack',
  bin: 'webpack-cli/bin/cli.js',
  args: [],
  show: ['dist/bundle.js'],
});
