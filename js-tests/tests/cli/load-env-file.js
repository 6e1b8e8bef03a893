// process.loadEnvFile and util.parseEnv: node's .env dialect, variables already set kept,
// paths as strings, Buffers and file URLs, and node's errors.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const util = require('util');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-env-'));
const file = path.join(dir, 'values.env');
fs.writeFileSync(file, 'LOAD_ENV_A=from file\nexport LOAD_ENV_B="two\\nlines"\n# comment\nLOAD_ENV_C=\'kept # hash\'\nLOAD_ENV_D=cut # here\n');
process.env.LOAD_ENV_A = 'already set';
console.log(process.loadEnvFile(file));
console.log([process.env.LOAD_ENV_A, process.env.LOAD_ENV_B, process.env.LOAD_ENV_C, process.env.LOAD_ENV_D]);
delete process.env.LOAD_ENV_B;
process.loadEnvFile(pathToFileURL(file));
process.loadEnvFile(Buffer.from(file));
console.log(process.env.LOAD_ENV_B);
process.chdir(dir);
for (const arg of [undefined, dir, 1, null]) {
  try {
    process.loadEnvFile(arg);
  } catch (err) {
    console.log(err.name, err.code, err.message.replaceAll(dir, 'DIR'));
  }
}
console.log(util.parseEnv('A=1\nB = spaced \nC="quoted"\nD=`back`\nE\nF='));
for (const value of [1, undefined, Buffer.from('A=1')]) {
  try {
    util.parseEnv(value);
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
process.chdir(os.tmpdir());
fs.rmSync(dir, { recursive: true });
