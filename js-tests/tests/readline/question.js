// question(): callback and promise forms, prompts written to the output, AbortSignal before
// and during a question, util.promisify's custom form, readline/promises' rejections.
'use strict';
const readline = require('readline');
const readlinePromises = require('readline/promises');
const util = require('util');
const { PassThrough } = require('stream');

function streams() {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk) => (written += chunk));
  return { input, output, written: () => written };
}

(async () => {
  {
    const { input, output, written } = streams();
    const rl = readline.createInterface({ input, output, terminal: false });
    const closed = new Promise((resolve) => rl.on('close', resolve));
    rl.question('name? ', (answer) => {
      console.log('answer', JSON.stringify(answer), JSON.stringify(rl.getPrompt()));
      rl.question('again? ', (second) => {
        console.log('second', JSON.stringify(second));
        rl.close();
      });
      input.write('there\n');
    });
    input.write('world\n');
    await closed;
    console.log('written', JSON.stringify(written()));
  }
  {
    const { input, output } = streams();
    const rl = readline.createInterface({ input, output, terminal: false });
    const ac = new AbortController();
    rl.question('cancel? ', { signal: ac.signal }, () => console.log('never'));
    ac.abort();
    rl.on('line', (line) => console.log('line after abort', line));
    input.write('after\n');
    const aborted = AbortSignal.abort();
    rl.question('pre-aborted ', { signal: aborted }, () => console.log('never'));
    const question = util.promisify(rl.question);
    try {
      await question.call(rl, 'q ', { signal: aborted });
    } catch (err) {
      console.log('promisified', err.name, err.code, err.message);
    }
    const answer = question.call(rl, 'q2 ');
    input.write('promised\n');
    console.log('promisified answer', await answer);
    rl.close();
  }
  {
    const { input, output, written } = streams();
    const rl = readlinePromises.createInterface({ input, output, terminal: false });
    const answer = rl.question('promises? ');
    input.write('yes\n');
    console.log('promises answer', await answer);
    const ac = new AbortController();
    const pending = rl.question('abort me ', { signal: ac.signal });
    ac.abort(new Error('because'));
    try {
      await pending;
    } catch (err) {
      console.log('aborted', err.name, err.code, err.message, err.cause.message);
    }
    try {
      await rl.question('x', { signal: AbortSignal.abort() });
    } catch (err) {
      console.log('pre-aborted', err.name, err.code, err.message, err.cause.name);
    }
    try {
      await rl.question('x', { signal: 'nope' });
    } catch (err) {
      console.log('bad signal', err.name, err.code, err.message);
    }
    rl.close();
    console.log('written', JSON.stringify(written()));
    try {
      await rl.question('closed');
    } catch (err) {
      console.log('closed', err.code, err.message);
    }
  }
  {
    // Ctrl+C and Ctrl+D reject a pending question of a terminal interface.
    for (const key of ['\x03', '\x04']) {
      const { input, output } = streams();
      const rl = readlinePromises.createInterface({ input, output, terminal: true });
      const pending = rl.question('key? ');
      rl.on('close', () => console.log('closed by', JSON.stringify(key)));
      input.write(key);
      try {
        await pending;
      } catch (err) {
        console.log('rejected', err.name, err.code, err.message);
      }
    }
  }
})();
