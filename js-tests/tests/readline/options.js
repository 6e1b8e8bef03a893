// createInterface's option checks and what the interface looks like: node's errors for bad
// options, the defaults, the legacy Interface called without new, and the module's exports.
'use strict';
const readline = require('readline');
const readlinePromises = require('readline/promises');
const { PassThrough } = require('stream');

const bad = [
  { tabSize: 0 }, { tabSize: '4' }, { tabSize: 1.5 }, { escapeCodeTimeout: Infinity }, { escapeCodeTimeout: 'x' },
  { historySize: -1 }, { historySize: NaN }, { historySize: '5' }, { history: 'x' }, { signal: {} }, { completer: 1 },
];
for (const options of bad) {
  try {
    readline.createInterface({ input: new PassThrough(), ...options });
    console.log('accepted', JSON.stringify(options));
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
const input = new PassThrough();
const rl = readline.Interface({ input, output: new PassThrough(), escapeCodeTimeout: 50, tabSize: 2, crlfDelay: 20 });
console.log(rl instanceof readline.Interface, rl.terminal, rl.escapeCodeTimeout, rl.tabSize, rl.crlfDelay, rl.columns);
console.log(Object.keys(readline).sort().join(), Object.keys(readlinePromises).sort().join());
console.log(typeof rl._ttyWrite, typeof rl._refreshLine, typeof rl._getCursorPos, JSON.stringify(rl._prompt));
const signalled = new AbortController();
const rl2 = readline.createInterface({ input: new PassThrough(), signal: signalled.signal });
rl2.on('close', () => console.log('closed by signal', rl2.closed));
signalled.abort();
const rl3 = readline.createInterface({ input: new PassThrough(), signal: AbortSignal.abort() });
rl3.on('close', () => console.log('closed by pre-aborted signal'));
console.log('not yet closed', rl3.closed);
rl.close();
