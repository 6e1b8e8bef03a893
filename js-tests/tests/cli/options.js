// Node's option syntax and its errors: bad options, missing arguments, invalid negations,
// NODE_OPTIONS (what it may hold, its quoting), process.execArgv, -pe, --, -c, --input-type.
'use strict';
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

const env = cleanEnv();
for (const args of [
  ['--no-such-option'], ['--no-such-option=1', '--another-bad-one'], ['--require'], ['-r'], ['-e'], ['-e', '-1'],
  ['--title='], ['--conditions='], ['--no-title', '-p', '1'], ['--no-require', '-p', '1'],
  ['--unhandled-rejections=sometimes', '-p', '1'], ['--input-type=json', '-e', '1'],
  ['-c', '-e', '1'], ['--check', '-p', '1'], ['--stack-trace-limit', '-p', '1'],
  ['--eval=1', '-p', 'process.execArgv'], ['-pe', '6 * 7', 'script-arg'], ['-e', '1', '-p', '2'],
  ['--no-warnings', '--', 'main.js', '--not-an-option'], ['-p', 'process.argv.slice(1)', '--', '-x'],
  ['--expose_gc', '-p', 'typeof gc'], ['--no-expose-gc', '-p', 'typeof gc'],
  ['--stack-trace-limit=3', '-p', 'Error.stackTraceLimit'], ['--stack-size=500', '-p', 'process.execArgv'],
  ['--max-old-space-size=64', '--jitless', '--allow-natives-syntax', '-p', '%IsSmi(1)'],
  ['--title=cli-title', '-p', 'process.title'], ['--title', 'a b', '--title=last', '-p', 'process.title'],
  ['--check', 'main.js'], ['--check', 'bad-syntax.js'],
  ['--input-type=module', '-e', 'console.log(import.meta.url.slice(-8), typeof require)'],
  ['--input-type=module', '-p', '1'], ['--input-type=commonjs', '-p', 'typeof require'],
]) {
  run(args, { env });
}
run(['-'], { env, input: 'console.log("from stdin", process.argv.length)' });
run(['-p'], { env, input: '6 * 7' });
run(['--check'], { env, input: 'let let' });
run(['--input-type=module'], { env, input: 'console.log(typeof import.meta)' });

for (const options of ['--title=from-env --no-deprecation', '"--title=a b"', '--title="unterminated', '--eval=1',
  '-e 1', '--check', '--stack-size=500', '--allow-natives-syntax', '--max-old-space-size=64 --expose-gc',
  '--env-file=values.env', '--no-such-option', '--require']) {
  run(['-p', 'JSON.stringify([process.title, process.noDeprecation, process.execArgv])'],
    { env: cleanEnv({ NODE_OPTIONS: options }) });
}
// Options on the command line come after NODE_OPTIONS' and override them.
run(['--title=cli', '-p', 'process.title'], { env: cleanEnv({ NODE_OPTIONS: '--title=env' }) });
run(['-r', './preload-a.js', '-p', '1'], { env: cleanEnv({ NODE_OPTIONS: '--require ./preload-a.js' }) });

// process.allowedNodeEnvironmentFlags: what NODE_OPTIONS may hold, matched loosely.
const allowed = process.allowedNodeEnvironmentFlags;
console.log(['--no_warnings', 'no-warnings', 'title=x', '--title=x', '-r', 'r', '--r', '-R', '--require=x', '--eval', '-e',
  '--check', '--stack-trace-limit=5', '--perf_basic_prof', '--expose-gc', '--allow-natives-syntax', '--no-deprecation',
  '--unhandled-rejections', '-C', '--env-file', 42].map((flag) => `${flag} ${allowed.has(flag)}`).join('\n'));
allowed.add('--extra');
allowed.delete('-r');
allowed.clear();
console.log(allowed.has('--extra'), allowed.has('-r'), Object.isFrozen(allowed), allowed instanceof Set,
  [...allowed].every((flag) => /^--?[a-zA-Z0-9._-]+$/.test(flag)));
