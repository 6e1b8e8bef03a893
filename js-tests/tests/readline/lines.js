// readline over non-terminal streams: line splitting (\n, \r\n, lone \r, \u2028/\u2029), a \r\n
// split across chunks within and beyond crlfDelay, a last line without newline, multi-byte
// characters split across chunks, and the close/pause/resume events.
'use strict';
const readline = require('readline');
const { PassThrough } = require('stream');

function session(name, options, feed) {
  return new Promise((resolve) => {
    const input = new PassThrough();
    const rl = readline.createInterface({ input, ...options });
    const events = [];
    rl.on('line', (line) => events.push(['line', line]));
    rl.on('pause', () => events.push(['pause']));
    rl.on('resume', () => events.push(['resume']));
    rl.on('close', () => {
      events.push(['close']);
      console.log(name, JSON.stringify(events));
      resolve();
    });
    feed(input, rl);
  });
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

(async () => {
  await session('endings', {}, (input) => {
    input.end('one\ntwo\r\nthree\rfour\u2028five\u2029six\r\n\nlast');
  });
  await session('crlf-split', {}, (input) => {
    input.write('a\r');
    input.write('\nb\n');
    input.end();
  });
  await session('crlf-late', { crlfDelay: 100 }, async (input) => {
    input.write('a\r');
    await wait(250);
    input.end('\nb\n');
  });
  await session('crlf-infinity', { crlfDelay: Infinity }, async (input) => {
    input.write('a\r');
    await wait(150);
    input.end('\nb\n');
  });
  await session('utf8-split', {}, (input) => {
    const bytes = Buffer.from('héllo 南越\n');
    input.write(bytes.subarray(0, 2));
    input.write(bytes.subarray(2, 9));
    input.end(bytes.subarray(9));
  });
  await session('pause-resume', {}, (input, rl) => {
    rl.pause();
    rl.pause();
    rl.resume();
    input.end('x\n');
  });
  await session('write', {}, (input, rl) => {
    rl.write('typed\nmore');
    rl.close();
  });
  await session('empty', {}, (input) => input.end());

  const rl = readline.createInterface({ input: new PassThrough() });
  console.log('prompt', JSON.stringify(rl.getPrompt()), rl.terminal, rl.crlfDelay, rl.historySize, rl.tabSize);
  rl.setPrompt('$ ');
  console.log('prompt', JSON.stringify(rl.getPrompt()));
  rl.close();
  rl.close();
  for (const action of [() => rl.pause(), () => rl.resume(), () => rl.write('x'), () => rl.question('q', () => {})]) {
    try {
      action();
      console.log('no error');
    } catch (err) {
      console.log(err.name, err.code, err.message);
    }
  }
})();
