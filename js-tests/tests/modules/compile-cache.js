'use strict';
// The module compile cache: NODE_COMPILE_CACHE and module.enableCompileCache() keep V8's code
// cache of CommonJS and ES modules compiled from files in a versioned directory; a later run
// whose sources did not change uses it, a changed source is compiled again and its entry
// rewritten; flushCompileCache writes early; NODE_DISABLE_COMPILE_CACHE wins; bad arguments
// throw. What NODE_DEBUG_NATIVE=COMPILE_CACHE logs is shown with the parts that differ from
// runtime to runtime (the V8 tag of the directory, the header's sizes and hashes, temporary
// names, the entries' keys, which hash the temporary directory's path) masked, and in order
// (node persists its entries in hash-table order).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const module_ = require('module');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-compile-cache-'));
const cacheDir = path.join(dir, 'cache');
fs.writeFileSync(path.join(dir, 'main.js'), 'console.log("main:", require("./dep.js"));\n');
fs.writeFileSync(path.join(dir, 'dep.js'), 'module.exports = 1;\n');
fs.writeFileSync(path.join(dir, 'esm.mjs'), 'import { value } from "./value.mjs";\nconsole.log("esm:", value);\n');
fs.writeFileSync(path.join(dir, 'value.mjs'), 'export const value = 2;\n');

function run(label, args, env = {}) {
  const result = spawnSync(process.execPath, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE', NODE_COMPILE_CACHE: cacheDir, ...env },
  });
  console.log(`--- ${label}: exit ${result.status}`);
  if (result.stdout.trim()) console.log(result.stdout.trim());
  const log = result.stderr.split('\n')
    .filter((line) => line.startsWith('[compile cache]'))
    .map((line) => line
      .split(dir).join('<dir>')
      .replace(/v24\.19\.0-[a-z0-9]+-[0-9a-f]{8}-\d+/g, '<tag>')
      .replace(/\[\d+ \d+ \d+ \d+ \d+\]/g, '[header]')
      .replace(/size=\d+/g, 'size=N')
      .replace(/\/[0-9a-f]{8}(\.[A-Za-z0-9]{6})?\b/g, (_, temporary) => `/<key>${temporary ? '.XXXXXX' : ''}`));
  console.log(log.sort().join('\n'));
}

run('first run', ['main.js']);
run('second run', ['main.js']);
fs.writeFileSync(path.join(dir, 'dep.js'), 'module.exports = 3;\n');
run('dep.js changed', ['main.js']);
run('ES modules', ['esm.mjs']);
run('ES modules again', ['esm.mjs']);
run('disabled', ['main.js'], { NODE_DISABLE_COMPILE_CACHE: '1' });
run('flushed early', ['-e', `
  const m = require('module');
  console.log(m.getCompileCacheDir() === undefined, JSON.stringify(m.enableCompileCache(${JSON.stringify(path.join(dir, 'api'))}).status));
  require('./dep.js');
  m.flushCompileCache();
  console.log(require('fs').readdirSync(m.getCompileCacheDir()).length);
`], { NODE_COMPILE_CACHE: '' });
console.log('cache files:', fs.readdirSync(fs.readdirSync(cacheDir).map((tag) => path.join(cacheDir, tag))[0]).length);

console.log(module_.constants.compileCacheStatus);
for (const bad of [0, null, false, Symbol('s'), { directory: 5 }]) {
  try {
    module_.enableCompileCache(bad);
  } catch (err) {
    console.log(typeof bad, err.name, err.code, err.message);
  }
}
fs.rmSync(dir, { recursive: true, force: true });
