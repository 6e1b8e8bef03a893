'use strict';
// npm (the reference's own npm-cli.js) on a project with a lockfile: `npm ci` from the local
// cache (scripts/setup.sh filled it for js-tests/programs, whose lock pins the same debug and
// ms), then `npm ls` and a package script. (`npm pack` is left out: its tarball's size and
// hashes differ, since node's zlib is Chromium's fork and anode's is stock zlib, whose
// deflate picks other matches.)
const path = require('path');
const npm = path.join(__dirname, '..', '..', '..', 'target', 'reference-node', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
require('../../programs/harness.js').runProgram({
  fixture: 'npm',
  linkModules: false,
  commands: [
    { bin: npm, args: ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'] },
    { bin: npm, args: ['ls', '--all'] },
    { bin: npm, args: ['run', 'hello'] },
  ],
  show: ['node_modules/debug/package.json'],
});
