// console colors values as node's does: FORCE_COLOR decides even for a pipe (its levels,
// 0 for none), otherwise a pipe gets no colors; strings stay plain, %s/%d pieces uncolored.
const { spawnSync } = require('child_process');
const code = `console.log({ a: 1, s: 'x', n: null, u: undefined, b: true, d: new Date(0), r: /re/, f() {} }, 'plain', 5, 7n, Symbol('s'));
console.error([true, 'e'], '%s and %d', 'str', 42);`;
const env = { ...process.env };
delete env.NO_COLOR;
delete env.NODE_DISABLE_COLORS;
delete env.FORCE_COLOR;
for (const extra of [{}, { FORCE_COLOR: '1' }, { FORCE_COLOR: '3' }, { FORCE_COLOR: '0' }, { FORCE_COLOR: '1', NO_COLOR: '1' }]) {
  const child = spawnSync(process.execPath, ['-e', code], { env: { ...env, ...extra }, encoding: 'utf8' });
  console.log(JSON.stringify(extra), JSON.stringify(child.stdout), JSON.stringify(child.stderr.replace(/\(node:\d+\)/g, '(node:PID)').replace(/\(Use `\S+ /g, '(Use `node ')));
}
