'use strict';
// run({ files, watch }): the file runs, again when what it loaded changes, until the signal aborts.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run } = require('node:test');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-watch-api-'));
const dep = path.join(dir, 'dep.js');
const file = path.join(dir, 'watched.test.js');
fs.writeFileSync(dep, 'module.exports = 1;\n');
fs.writeFileSync(file, "const test = require('node:test');\nconst value = require('./dep.js');\ntest(`dep is ${value}`, () => {});\n");

(async () => {
  const controller = new AbortController();
  const stream = run({ files: [file], watch: true, signal: controller.signal });
  let drained = 0;
  stream.on('test:watch:drained', () => {
    drained++;
    if (drained === 1) setTimeout(() => fs.writeFileSync(dep, 'module.exports = 2;\n'), 300);
    else controller.abort();
  });
  for await (const { type, data } of stream) {
    if (type === 'test:pass' || type === 'test:fail') console.log(`${type} ${data.name}`);
    // (The run's own summaries: node also passes on each file's.)
    else if (type === 'test:summary' && data.file === undefined) console.log(`${type} success=${data.success} tests=${data.counts.tests}`);
    else if (type === 'test:watch:restarted') console.log(type);
  }
  console.log('ended');
  fs.rmSync(dir, { recursive: true, force: true });
})();
