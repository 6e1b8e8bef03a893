// --experimental-transform-types: enums, namespaces with values and parameter properties run
// (turned into code), stacks point at the TypeScript through the inline source map, and the
// option shows in process.features.typescript; invalid syntax keeps node's error.
const path = require('path');
const { spawnSync } = require('child_process');
const fixtures = path.join(__dirname, '../../fixtures/esm/ts');
const relative = (text) => text.split(fixtures).join('<ts>').replace(/\(node:\d+\)/, '(node:PID)');

function run(args) {
  const result = spawnSync(process.execPath, ['--no-warnings', '--experimental-transform-types', ...args], { encoding: 'utf8' });
  console.log(`$ ${args.map((arg) => relative(arg)).join(' ')}`);
  console.log('  exit', result.status);
  if (result.stdout) console.log(relative(result.stdout).trimEnd());
  // The error (from the first line naming the program's file) and the frames that are the program's.
  const lines = relative(result.stderr).split('\n');
  const first = lines.findIndex((line) => line.includes('<ts>'));
  const stderr = lines.slice(Math.max(first, 0)).filter((line) => !/^\s+at (node:|.*\(node:)/.test(line) && !/^Node\.js v/.test(line));
  if (stderr.join('').trim()) console.log(stderr.join('\n').trimEnd());
}

run(['-p', 'process.features.typescript']);
for (const file of ['enum.ts', 'parameter-property.cts', 'namespace.mts', 'plain.ts', 'invalid.ts', 'transform-throws.ts']) {
  run([path.join(fixtures, file)]);
}
