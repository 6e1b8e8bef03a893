// --require and --import run before the program (--import's awaited); -C/--conditions picks
// package exports; --preserve-symlinks(-main) keeps symlinked file names.
'use strict';
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

const env = cleanEnv();
for (const args of [
  ['-r', './preload-a.js', 'main.js'], ['--require=./preload-a.js', '-r', './preload-a.js', 'main.js'],
  ['--import', './preload-b.mjs', '-r', './preload-a.js', 'main.js'], ['--import=./preload-b.mjs', '-e', 'console.log("eval")'],
  ['-r', './no-such-module.js', 'main.js'], ['--import', './no-such-module.mjs', 'main.js'],
  ['-C', 'custom', 'main.js'], ['--conditions=custom', '-p', 'require.resolve("conditional")'],
  ['--conditions=custom', '--input-type=module', '-e', 'import c from "conditional"; console.log(c)'],
  ['linked-main.js'], ['--preserve-symlinks-main', 'linked-main.js'], ['--preserve-symlinks', 'linked-main.js'],
  ['-p', 'process._preload_modules'], ['-r', './preload-a.js', '-p', 'process._preload_modules'],
]) {
  run(args, { env });
}
