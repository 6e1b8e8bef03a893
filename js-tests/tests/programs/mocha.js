'use strict';
// mocha with one failing spec: exit 1 and the assertion's diff.
require('../../programs/harness.js').runProgram({ fixture: 'mocha', bin: 'mocha/bin/mocha.js', args: ['--reporter', 'spec'] });
