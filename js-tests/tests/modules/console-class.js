'use strict';
// console.Console over custom streams: options, bound and overridable methods, groups,
// counters, timers' warnings, tables, assert, trace, dir, and errors for bad arguments;
// the global console writing through a replaced process.stdout.write.
const { Writable } = require('stream');
const { Console } = require('console');

const lines = [];
const sink = (tag) => new Writable({ write(chunk, encoding, callback) { lines.push(`${tag}|${chunk}`); callback(); } });
const out = sink('out');
const err = sink('err');
const c = new Console({ stdout: out, stderr: err, groupIndentation: 4 });
console.log(c instanceof Console, console instanceof Console, Console(out) instanceof Console, typeof console.Console);
c.log('hello %s', 'world', { a: [1, 2] });
c.info('info'); c.debug('debug'); c.warn('warn'); c.error('error');
c.group('group');
c.log('inside\nmulti');
c.groupEnd();
c.count(); c.count(); c.count('x'); c.countReset(); c.count();
c.assert(true, 'fine'); c.assert(false, 'broken %d', 1); c.assert(false);
c.dir({ deep: { deeper: { deepest: {} } } }, { depth: 0 });
c.table([{ a: 1, b: 'x' }, { a: 2 }]);
c.table([1, 2]);
c.table({ r: { c: 1 } }, ['c']);
c.table('not tabular');
const { log } = c;
log('detached');
class Mine extends Console { log() { return 'overridden'; } }
const mine = new Mine(out);
const detached = mine.log;
console.log(mine.log(), detached(), c.log.name, c.error.name);
process.removeAllListeners('warning');
process.on('warning', (w) => lines.push(`warning|${w.message}\n`));
c.countReset('nope');
c.timeEnd('nope');
for (const bad of [() => new Console(), () => new Console({ stdout: {} }), () => new Console({ stdout: out, colorMode: 'x' }),
  () => new Console({ stdout: out, groupIndentation: 2000 }), () => new Console({ stdout: out, inspectOptions: { colors: true }, colorMode: true }),
  () => c.table([], 'x')]) {
  try { bad(); } catch (e) { console.log(e.name, e.code, e.message); }
}
const realWrite = process.stdout.write;
const captured = [];
process.stdout.write = (chunk) => { captured.push(chunk); return true; };
console.log('through write');
console.count('global');
process.stdout.write = realWrite;
console.log('captured:', captured);
setImmediate(() => console.log(lines.join('')));
