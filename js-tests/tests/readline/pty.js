// readline on a real pseudo-terminal (driven by python's pty module): line editing with echo,
// raw mode on and off, the terminal's width, completion, history, keypress events, Ctrl+D,
// and the process ending once stdin is paused.
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const fixtures = path.join(__dirname, '../../fixtures/readline');
const sessions = [
  ['pty-session.js', ['hel', '\t', '\t', 'lo wor', '\x1b[D\x1b[D', 'X', '\r', 'second\r', '\x1b[A', '\x1b[A', '\r', 'abc\x15', 'last\r', '\x04']],
  ['pty-keys.js', ['a', 'B', '\x1b[A', '\x1b[1;5C', '\x1bx', '\x01', '\t', 'é', 'q', 'bob\r']],
];
for (const [script, keys] of sessions) {
  const result = spawnSync('python3', [path.join(fixtures, 'pty-driver.py'), process.execPath, path.join(fixtures, script), JSON.stringify(keys)], { encoding: 'utf8', timeout: 30000 });
  console.log(script);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
}
