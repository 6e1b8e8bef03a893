// --eval's code as node 24 runs it: an ES module with --input-type=module or when its syntax
// says so (detection; import.meta.main then false), a script otherwise; --print refuses ESM.
const { spawnSync } = require('child_process');

function run(...args) {
  const child = spawnSync(process.execPath, args, { cwd: __dirname, encoding: 'utf8' });
  console.log(args.slice(0, -1).join(' '), '->', child.status);
  console.log(child.stdout.trimEnd().split(__dirname).join('<dir>'));
  const errorLine = child.stderr.split("\n").find((line) => /^(?:[A-Z]\w*)?(?:Error|Warning)\b/.test(line));
  if (errorLine) console.log(errorLine.split(__dirname).join('<dir>'));
}

run('-e', 'import { sep } from "node:path"; console.log(sep, import.meta.url, import.meta.main, typeof require)');
run('-e', 'const value = await Promise.resolve("top-level await"); console.log(value)');
run('--input-type=module', '-e', 'console.log(import.meta.url, import.meta.main, this)');
run('--input-type=commonjs', '-e', 'import os from "node:os"');
run('--input-type=module', '-p', '1');
run('-e', 'console.log(typeof require, typeof module, __filename)');
run('--input-type=module', '-e', 'await new Promise(() => {})');
