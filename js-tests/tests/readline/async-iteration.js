// for await over an interface reading a file stream (lines queued before the loop, a last
// line without newline, CRLF), breaking out early, and Symbol.dispose.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readline-iter-'));
const file = path.join(dir, 'lines.txt');

(async () => {
  for (const content of ['', '\n', 'one', 'one\ntwo\r\nthree\n\nfive', 'x\n'.repeat(3000)]) {
    fs.writeFileSync(file, content);
    const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    const lines = [];
    for await (const line of rl) lines.push(line);
    console.log(JSON.stringify(content.slice(0, 20)), lines.length, JSON.stringify(lines.slice(0, 5)));
  }
  fs.writeFileSync(file, 'a\nb\nc\n');
  const input = fs.createReadStream(file);
  const rl = readline.createInterface({ input });
  for await (const line of rl) {
    console.log('first', line);
    break;
  }
  console.log('same iterator', rl[Symbol.asyncIterator]() === rl[Symbol.asyncIterator]());
  rl.on('close', () => console.log('disposed'));
  rl[Symbol.dispose]();
  input.destroy();
  fs.rmSync(dir, { recursive: true });
})();
