'use strict';
// trace_events: createTracing's validation, Tracing objects and the enabled categories, and
// the trace a child writes (--trace-event-file-pattern, the console's and vm's events, the
// metadata, the categories set from JS in the child).
const { createTracing, getEnabledCategories } = require('trace_events');
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');

const report = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
};

// Tracing objects enabled here write this process's trace into the working directory.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trace-events-'));
process.chdir(dir);

for (const options of [undefined, null, 1, 'x', [], { categories: 'x' }, { categories: [1] }, { categories: [] }]) {
  report(`createTracing(${util.inspect(options)})`, () => createTracing(options));
}
const a = createTracing({ categories: ['node.perf', 'b'] });
const b = createTracing({ categories: ['a', 'b'] });
report('initial', () => [a.categories, a.enabled, getEnabledCategories(), util.inspect(a)]);
a.enable();
b.enable();
report('both enabled', () => [a.enabled, getEnabledCategories(), util.inspect(b)]);
a.disable();
report('a disabled', () => [a.enabled, getEnabledCategories()]);
b.disable();
b.disable();
report('none', () => getEnabledCategories());

const code = `
  console.count('c'); console.count('c'); console.countReset('c'); console.countReset('nope');
  console.time('t'); console.time('t'); console.timeLog('t'); console.timeEnd('t'); console.timeEnd('t');
  require('vm').runInThisContext('1');
  const tracing = require('trace_events').createTracing({ categories: ['node.promises.rejections'] });
  tracing.enable();
  const p = Promise.reject(1);
  setImmediate(() => p.catch(() => {}));
`;
fs.writeFileSync(path.join(dir, 'child.js'), code);
const child = spawnSync(process.execPath, [
  '--trace-event-categories', 'node.console,node.vm.script', '--unhandled-rejections=none', '--no-warnings',
  '--trace-event-file-pattern', 'trace-${rotation}-${pid}.json', 'child.js',
], { cwd: dir, encoding: 'utf8' });
report('child', () => [child.status, child.stderr]);
report('files', () => fs.readdirSync(dir).map((name) => name.replace(String(child.pid), 'PID')).sort());
const { traceEvents } = JSON.parse(fs.readFileSync(path.join(dir, `trace-1-${child.pid}.json`), 'utf8'));
report('events', () => traceEvents.filter((event) => event.cat !== '__metadata')
  .map((event) => [event.ph, event.cat, event.name, event.id, event.args]));
report('metadata', () => [...new Set(traceEvents.filter((event) => event.cat === '__metadata' && event.tid === child.pid)
  .map((event) => `${event.name} ${Object.keys(event.args)}`))]);
report('fields', () => traceEvents.every((event) => event.pid === child.pid && typeof event.ts === 'number' &&
  typeof event.tts === 'number' && typeof event.dur === 'number' && typeof event.tdur === 'number'));
fs.rmSync(dir, { recursive: true });
