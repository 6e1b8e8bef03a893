// A terminal interface over plain streams: what it writes for prompts and editing keys (cursor
// moves, kill/yank, word moves, undo/redo), history (navigation, substring search, size,
// duplicates, the 'history' event), line/cursor/getCursorPos with wide characters and tabs.
'use strict';
const readline = require('readline');
const { PassThrough } = require('stream');

function terminal(options = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  output.columns = options.columns ?? 20;
  let written = '';
  output.on('data', (chunk) => (written += chunk));
  const rl = readline.createInterface({ input, output, terminal: true, ...options });
  const take = () => {
    const text = written;
    written = '';
    return JSON.stringify(text);
  };
  return { input, rl, take };
}

{
  const { input, rl, take } = terminal({ prompt: '> ' });
  const lines = [];
  rl.on('line', (line) => lines.push(line));
  rl.on('history', (history) => console.log('history event', JSON.stringify(history)));
  rl.prompt();
  console.log('prompt', take());
  const steps = [
    'hello world', '\x1b[D', '\x1b[D', '\x01', '\x05', '\x1bb', '\x1bf', '\x17', '\x19', '\x15', '\x19', '\x0b',
    '\x1f', '\x1e', 'abc', '\x02', '\x06', '\x08', '\x1b[3~', '\x1b[H', '\x1b[F', '\r',
    'second', '\r', 'third line', '\n', '\x1b[A', '\x1b[A', '\x1b[A', '\x1b[B', '\x1b[B', '\x1b[B', 'se', '\x1b[A', '\r',
  ];
  for (const step of steps) {
    input.write(step);
    console.log(JSON.stringify(step), JSON.stringify(rl.line), rl.cursor, JSON.stringify(rl.getCursorPos()), take());
  }
  console.log('lines', JSON.stringify(lines), JSON.stringify(rl.history), rl.historyIndex);
  rl.close();
  console.log('close', take());
}
{
  // Wide characters, tabs and wrapping at the output's columns.
  const { rl, take } = terminal({ prompt: '>> ', columns: 10, tabSize: 4 });
  for (const text of ['ab\tc', '南越国是', '😀x', 'abcdefghijklmnop']) {
    rl.write(text);
    console.log(JSON.stringify(text), JSON.stringify(rl.getCursorPos()), rl.cursor, take());
    rl.write(null, { ctrl: true, name: 'u' });
    take();
  }
  rl.close();
}
{
  const { input, rl } = terminal({ history: ['b', 'a', 'b'], historySize: 3, removeHistoryDuplicates: true });
  for (const line of ['c', 'a', 'c', '  ', '', 'd']) input.write(`${line}\r`);
  console.log('dedup', JSON.stringify(rl.history), rl.historySize);
  rl.close();
  const zero = terminal({ historySize: 0 });
  zero.input.write('x\r');
  console.log('size 0', JSON.stringify(zero.rl.history));
  zero.rl.close();
}
{
  // The 'history' listener can change what is kept (a password, say).
  const { input, rl } = terminal();
  rl.on('history', (history) => {
    if (history[0].startsWith('secret')) history.shift();
  });
  input.write('visible\rsecret 123\r');
  console.log('filtered', JSON.stringify(rl.history));
  rl.close();
}
{
  // SIGINT/SIGTSTP/SIGCONT listeners, Ctrl+C without one closes.
  const { input, rl } = terminal();
  rl.on('SIGINT', () => console.log('SIGINT, line', JSON.stringify(rl.line)));
  rl.on('SIGTSTP', () => console.log('SIGTSTP'));
  input.write('abc\x03\x1a');
  rl.removeAllListeners('SIGINT');
  rl.on('close', () => console.log('closed by ctrl+c'));
  input.write('\x03');
}
{
  // Text with line endings written at once, and TERM=dumb-free write() with key objects.
  const { rl, take } = terminal();
  const lines = [];
  rl.on('line', (line) => lines.push(line));
  rl.write('one\ntwo\r\nthree');
  rl.write(null, { name: 'left' });
  rl.write(null, { ctrl: true, name: 'a' });
  rl.write('X');
  console.log('written lines', JSON.stringify(lines), JSON.stringify(rl.line), rl.cursor, take());
  rl.close();
}
