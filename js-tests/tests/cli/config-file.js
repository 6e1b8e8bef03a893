// --experimental-config-file and --experimental-default-config-file: the file's options under
// NODE_OPTIONS and the command line, node's errors for what it refuses, execArgv as node shows it.
'use strict';
const path = require('path');
const { run, cleanEnv, fixtures } = require('../../fixtures/cli/run.js');

const env = cleanEnv();
const dir = path.join(fixtures, 'config');
const config = (name) => `--experimental-config-file=config/${name}`;
const options = 'const { getOptionValue } = require("internal/options"); ' +
  'console.log(http.maxHeaderSize, getOptionValue("--test-isolation"), getOptionValue("--test-concurrency"), ' +
  'getOptionValue("--import"), getOptionValue("--warnings"), getOptionValue("--experimental-config-file"))';
run(['--expose-internals', config('valid.json'), '-e', options], { env });
// NODE_OPTIONS, then the command line, override the file.
run(['--expose-internals', config('valid.json'), '-e', options], { env: cleanEnv({ NODE_OPTIONS: '--max-http-header-size=30' }) });
run(['--expose-internals', config('valid.json'), '--test-isolation=process', '--import=./preload-a.js', '-e', options], { env });
for (const name of ['repeated.json', 'smuggled.json', 'unterminated.json', 'test-runner.json', 'namespace-not-object.json',
  'not-in-node-options.json', 'v8.json', 'no-op.json', 'negative.json', 'bad-list.json', 'array.json', 'broken.json',
  'missing.json']) {
  run([config(name), '-p', '1'], { env });
}
run([config('permission.json'), '-p', 'process.permission === undefined'], { env });
// Without a path: node.config.json in the working directory (the next argument is never taken).
for (const args of [['--experimental-default-config-file'], ['--experimental-config-file']]) {
  run(['--no-warnings', ...args, '-p', 'http.maxHeaderSize + " " + process.execArgv.join(" ")'], { env, cwd: dir });
}
run(['--experimental-config-file=', '-p', '1'], { env });
run(['--experimental-default-config-file=x', '-p', '1'], { env });
run(['--no-experimental-config-file', '-p', '1'], { env });
run(['-p', '1'], { env: cleanEnv({ NODE_OPTIONS: '--experimental-default-config-file' }) });
run(['--expose-internals', '-p', 'require("internal/options").getOptionValue("--inspect-port")'], { env });
run(['--expose-internals', '--inspect-port=[::1]:4000', '-p', 'require("internal/options").getOptionValue("--inspect-port")'], { env });
