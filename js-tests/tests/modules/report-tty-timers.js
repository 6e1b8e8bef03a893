// tty, process.report (what addon loaders read), process.resourceUsage/cpuUsage, timers/promises, and the alias modules.
'use strict';
const tp = require('timers/promises');
const tty = require('tty');
console.log(tty.isatty(0) === require('node:tty').isatty(0), tty.isatty(-1), tty.isatty('x'), process.stdout.isTTY, Object.keys(tty));
const r = process.report.getReport();
console.log(r.header.glibcVersionRuntime, typeof r.header.glibcVersionCompiler, r.sharedObjects[0], r.sharedObjects.some((s) => s.includes('libc.so')), Object.keys(r).join());
console.log(r.header.nodejsVersion === process.version, r.header.processId === process.pid, Array.isArray(r.header.cpus), r.javascriptStack.message);
console.log(typeof process.report.writeReport, process.report.signal, process.report.compact);
console.log(require('util/types') === require('util').types, require('assert/strict') === require('assert').strict, require('path/posix') === require('path').posix, require('process') === process);
const ru = process.resourceUsage();
console.log(Object.keys(ru).join(), typeof process.cpuUsage().user);
(async () => {
  console.log(await tp.setTimeout(5, 'value'));
  console.log(await tp.setImmediate('imm'));
  const ac = new AbortController();
  const p = tp.setTimeout(1000, 'x', { signal: ac.signal });
  ac.abort();
  await p.catch((e) => console.log(e.name, e.code, e.message));
  let n = 0;
  for await (const v of tp.setInterval(2, 'tick')) {
    console.log(v, n);
    if (++n === 3) break;
  }
  await tp.scheduler.wait(2);
  await tp.setTimeout(1, null, null).catch((e) => console.log(e.code));
  console.log('done');
})();
