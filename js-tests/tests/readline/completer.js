// Tab completion: sync and callback completers (readline) and async ones (readline/promises),
// common-prefix insertion, the column listing on a second tab, errors from the completer.
'use strict';
const readline = require('readline');
const readlinePromises = require('readline/promises');
const { PassThrough } = require('stream');

const words = ['hello', 'help', 'helium', 'world', 'wide', '', 'zebra'];
const complete = (line) => {
  const word = line.split(' ').pop();
  return [words.filter((w) => w === '' || w.startsWith(word)), word];
};

function run(name, createInterface, completer, columns) {
  const input = new PassThrough();
  const output = new PassThrough();
  output.columns = columns;
  let written = '';
  output.on('data', (chunk) => (written += chunk));
  const rl = createInterface({ input, output, terminal: true, completer, prompt: '$ ' });
  const steps = ['he', '\t', '\t', 'l', '\t', 'i\t', ' w', '\t', '\t', 'x\t\t'];
  return (async () => {
    for (const step of steps) {
      input.write(step);
      await new Promise((resolve) => setTimeout(resolve, 10));
      console.log(name, JSON.stringify(step), JSON.stringify(rl.line), rl.cursor, JSON.stringify(written));
      written = '';
    }
    rl.close();
  })();
}

(async () => {
  await run('sync', readline.createInterface, complete, 40);
  await run('sync-narrow', readline.createInterface, complete, 12);
  await run('sync-no-columns', readline.createInterface, complete, undefined);
  await run('callback', readline.createInterface, (line, callback) => setTimeout(() => callback(null, complete(line)), 1), 80);
  await run('callback-error', readline.createInterface, (line, callback) => {
    // The stack would show each runtime's own internal frames.
    const err = new Error('no completions');
    err.stack = 'Error: no completions (stack left out)';
    callback(err);
  }, 80);
  await run('async', readlinePromises.createInterface, async (line) => complete(line), 40);
  await run('async-throws', readlinePromises.createInterface, async () => {
    const err = new TypeError('bad');
    err.stack = 'TypeError: bad (stack left out)';
    throw err;
  }, 40);
  try {
    readline.createInterface({ input: new PassThrough(), completer: 'nope' });
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
})();
