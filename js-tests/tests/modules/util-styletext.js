// util.styleText as Node 24 has it: formats and their aliases, arrays, hex colors, 'none',
// nested styles re-opened after an inner reset, the stream check and the color decision
// (a pipe gets no colors; FORCE_COLOR forces them; NO_COLOR with FORCE_COLOR warns), and
// node's errors for bad formats, text, options and streams.
const util = require('util');
const { spawnSync } = require('child_process');
const { PassThrough } = require('stream');

const show = (label, fn) => {
  try {
    console.log(label, JSON.stringify(fn()));
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
};

if (process.argv[2] === 'child') {
  show('stdout', () => util.styleText('red', 'x'));
  show('stderr', () => util.styleText(['bold', 'green'], 'y', { stream: process.stderr }));
  show('tty-like', () => util.styleText('blue', 'z', { stream: Object.assign(new PassThrough(), { isTTY: true }) }));
  return;
}

const free = { validateStream: false };
show('red', () => util.styleText('red', 'text', free));
show('array', () => util.styleText(['bold', 'underline', 'bgBlue'], 'text', free));
show('aliases', () => ['grey', 'bgGrey', 'blackBright', 'faint', 'crossedOut', 'swapColors', 'conceal', 'doubleUnderline']
  .map((name) => util.styleText(name, '.', free)));
show('none', () => [util.styleText('none', 'plain'), util.styleText(['none', 'italic'], 'i', free)]);
show('hex', () => [util.styleText('#f0a', 'h', free), util.styleText(['#10AB3c', 'bold'], 'h', free)]);
show('nested', () => util.styleText('red', `a${util.styleText('blue', 'b', free)}c`, free));
show('nested bg', () => util.styleText('red', `A${util.styleText(['bgRed', 'blue'], 'B', free)}C`, free));
show('nested dim', () => util.styleText('dim', `d${util.styleText('bold', 'b', free)}d`, free));
show('trailing reset', () => util.styleText('red', `a${util.styleText('blue', 'b', free)}`, free));
show('same twice', () => util.styleText(['red', 'bold'], 'a\u001b[39mb\u001b[22m', free));
show('pipe stdout', () => util.styleText('red', 'no colors in a pipe'));
show('stream null', () => util.styleText('red', 'x', { stream: null }));
show('stream unchecked', () => util.styleText('red', 'x', { stream: {}, validateStream: false }));
show('stream plain tty', () => util.styleText('red', 'x', { stream: Object.assign(new PassThrough(), { isTTY: true }) }));
show('stream depth 1', () => util.styleText('red', 'x', {
  stream: Object.assign(new PassThrough(), { isTTY: true, getColorDepth: () => 1 }),
}));
show('stream depth 8', () => util.styleText('red', 'x', {
  stream: Object.assign(new PassThrough(), { isTTY: true, getColorDepth: () => 8 }),
}));

for (const format of ['bogus', 5, null, undefined, {}, ['red', 'nope'], '#12', '#ggg', 'bg#fff']) {
  show(`format ${util.inspect(format)}`, () => util.styleText(format, 'x'));
}
for (const text of [5, null, undefined, Symbol('s'), ['a']]) {
  show(`text ${String(text)}`, () => util.styleText('red', text));
}
show('options number', () => util.styleText('red', 'x', 5));
show('options null', () => util.styleText('red', 'x', null));
show('validateStream', () => util.styleText('red', 'x', { validateStream: 'yes' }));
show('stream object', () => util.styleText('red', 'x', { stream: {} }));
show('stream write only', () => util.styleText('red', 'x', { stream: { write() {}, isTTY: true } }));
show('format first', () => util.styleText('bogus', 5));

const env = { ...process.env };
delete env.NO_COLOR;
delete env.FORCE_COLOR;
delete env.NODE_DISABLE_COLORS;
for (const extra of [{}, { FORCE_COLOR: '1' }, { FORCE_COLOR: '0' }, { FORCE_COLOR: '3', NO_COLOR: '1' },
  { NO_COLOR: '1' }, { FORCE_COLOR: '', NODE_DISABLE_COLORS: '1', NO_COLOR: '' }]) {
  const child = spawnSync(process.execPath, [__filename, 'child'], { env: { ...env, ...extra }, encoding: 'utf8' });
  console.log(JSON.stringify(extra), child.status, child.stdout.trim().split('\n').join(' | '));
  console.log('  stderr:', child.stderr.replace(/\(node:\d+\)/g, '(node:PID)').replace(/\(Use `\S+ /g, '(Use `node ').trim());
}

// The color depth the environment implies (the heuristics styleText relies on).
const depth = require('tty').WriteStream.prototype.getColorDepth;
for (const vars of [{}, { TERM: 'xterm' }, { TERM: 'xterm-256color' }, { TERM: 'dumb' }, { TERM: 'xterm', NO_COLOR: '' },
  { TERM: 'xterm', NO_COLOR: '1' }, { TERM: 'xterm', NODE_DISABLE_COLORS: '' }, { COLORTERM: 'truecolor' }, { COLORTERM: 'x' },
  { TMUX: '1' }, { CI: '1' }, { CI: '1', GITHUB_ACTIONS: '1' }, { CI: '1', CI_NAME: 'codeship' }, { TEAMCITY_VERSION: '9.1.0' },
  { TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.4' }, { TERM_PROGRAM: 'Apple_Terminal' }, { TERM: 'screen' },
  { TERM: 'konsole' }, { TERM: 'xterm-kitty' }, { FORCE_COLOR: '2' }, { FORCE_COLOR: 'true' }, { FORCE_COLOR: 'no' }]) {
  console.log(JSON.stringify(vars), depth.call(null, vars));
}
