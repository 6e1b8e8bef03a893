// --run: scripts of the nearest package.json through /bin/sh, node_modules/.bin of every
// ancestor on PATH, arguments after -- quoted for the shell, node's messages and exit codes.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'run-script-'));
const nested = path.join(root, 'a', 'b');
fs.mkdirSync(path.join(nested, 'node_modules', '.bin'), { recursive: true });
fs.mkdirSync(path.join(root, 'node_modules', '.bin'), { recursive: true });
fs.writeFileSync(path.join(root, 'node_modules', '.bin', 'show-args'),
  '#!/bin/sh\nfor a in "$@"; do echo "[$a]"; done\n', { mode: 0o755 });
fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({
  scripts: {
    args: 'show-args',
    where: 'pwd; echo "$NODE_RUN_SCRIPT_NAME $NODE_RUN_PACKAGE_JSON_PATH"; echo "$PATH" | tr : "\\n" | grep node_modules',
    fails: 'echo failing >&2; exit 7',
    signalled: 'kill -TERM $$',
    shell: 'echo "$0"',
    number: 3,
  },
}));
const env = cleanEnv();
// The temporary directory's name differs from run to run.
const log = console.log;
console.log = (text) => log(text.replaceAll(root, 'ROOT'));
const inRoot = { env, cwd: root };

for (const [args, cwd] of [
  [['--run', 'args', '--', 'a b', "it's", '$HOME', '`id`', '"q"'], root],
  [['--run', 'args', 'ignored', '--', 'kept'], root],
  [['--run', 'where'], nested],
  [['--run', 'fails'], root],
  [['--run', 'signalled'], root],
  [['--run', 'shell'], root],
  [['--run', 'number'], root],
  [['--run', 'missing'], nested],
  [['--run', 'args', 'main.js'], root],
  [['--run'], root],
]) {
  run(args, { ...inRoot, cwd });
}
for (const [name, content] of [['not-object', '[1]'], ['no-scripts', '{}'], ['unparsable', '{ "scripts"'],
  ['scripts-string', '{"scripts":"x"}']]) {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), content);
  run(['--run', 'x'], { env, cwd: dir });
}
run(['--run', 'x'], { env, cwd: '/' });
run(['-p', '1'], { env: cleanEnv({ NODE_OPTIONS: '--run=x' }) });
fs.rmSync(root, { recursive: true });
