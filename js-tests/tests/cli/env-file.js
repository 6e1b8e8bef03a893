// --env-file and --env-file-if-exists: node's .env dialect, variables already set win, later
// files over earlier ones, NODE_OPTIONS read from the file, missing files.
'use strict';
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

const names = ['BASIC', 'SPACED', 'DOUBLE', 'SINGLE', 'BACKTICK', 'MULTI', 'EQUALS', 'EMPTY', 'HASH', 'UNTERMINATED', 'PRESET'];
const show = `console.log(JSON.stringify([${names.map((n) => `process.env.${n}`).join(', ')}], null, 1), process.title)`;
run(['--env-file=values.env', '-e', show], { env: cleanEnv() });
run(['--env-file', 'values.env', '-e', show], { env: cleanEnv({ PRESET: 'from environment' }) });
run(['--env-file=missing.env', '-p', '1'], { env: cleanEnv() });
run(['--env-file-if-exists=missing.env', '--env-file-if-exists=values.env', '-p', 'process.env.BASIC'], { env: cleanEnv() });
// A later file's value replaces an earlier file's; the environment's still wins.
run(['--env-file=values.env', '--env-file-if-exists=later.env', '-p', '[process.env.BASIC, process.env.PRESET]'],
  { env: cleanEnv({ PRESET: 'from environment' }) });
run(['--env-file=node_modules', '-p', '1'], { env: cleanEnv() });
run(['--env-file'], { env: cleanEnv() });
