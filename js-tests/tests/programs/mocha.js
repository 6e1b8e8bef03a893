'use strict';
// mocha with one failing spec: exit 1 and the assertion's diff.
// skip: anode needs fs.watch, fs.watchFile and fs.unwatchFile (chokidar imports them)
require('../../programs/harness.js').runProgram({ fixture: 'mocha', bin: 'mocha/bin/mocha.js', args: ['--reporter', 'spec'] });
