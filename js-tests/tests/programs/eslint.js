'use strict';
// eslint with a flat config (ES module) reports errors and warnings: exit 1.
require('../../programs/harness.js').runProgram({ fixture: 'eslint', bin: 'eslint/bin/eslint.js', args: ['.'] });
