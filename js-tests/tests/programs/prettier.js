'use strict';
// prettier --check finds the unformatted file (exit 1); --write formats it.
const { runProgram } = require('../../programs/harness.js');
runProgram({ fixture: 'prettier', bin: 'prettier/bin/prettier.cjs', args: ['--check', '.'] });
runProgram({ fixture: 'prettier', bin: 'prettier/bin/prettier.cjs', args: ['--write', 'ugly.js'], show: ['ugly.js'] });
