'use strict';
// tsc (TypeScript's JavaScript compiler) on a project with one type error: exit 2, the error, and the files it emitted.
require('../../programs/harness.js').runProgram({
  fixture: 'tsc',
  bin: 'typescript/bin/tsc',
  args: ['-p', '.'],
  show: ['out/ok.js'],
});
