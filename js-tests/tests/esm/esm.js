// ES module loading details node's tests pin only loosely: DEP0151 for a package main found
// by extension or index lookup, require(esm) cycles (ERR_REQUIRE_CYCLE_MODULE), the three
// ERR_REQUIRE_ESM messages, --trace-require-module, URLs of other schemes (resolved as they
// are, refused when loaded), and a package installed after an import of it failed.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'esm-matrix-'));
process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
const write = (file, text) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};
const hidePaths = (text) => text.split(root).join('<root>').replace(/\(node:\d+\)/g, '(node:PID)');

// The errors and warnings on stderr, without what names the program or its own files (the
// "(Use `node --trace-warnings ...`)" hint, source arrows, stack frames).
function run(args) {
  const { status, stdout, stderr } = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  console.log(`exit ${status}`);
  if (stdout) console.log(hidePaths(stdout.trimEnd()));
  let inMessage = false;
  for (const line of stderr.split('\n')) {
    if (/^(\w*Error\b|\(node:\d+\))/.test(line)) inMessage = true;
    else if (line === '' || /^\s+at /.test(line) || line.startsWith('(Use `')) inMessage = false;
    if (inMessage) console.log(hidePaths(line));
  }
}

write('node_modules/by-extension/package.json', JSON.stringify({ type: 'module', main: './index' }));
write('node_modules/by-extension/index.js', 'export default "by-extension";');
write('node_modules/no-main/package.json', JSON.stringify({ type: 'module' }));
write('node_modules/no-main/index.js', 'export default "no-main";');
write('node_modules/exact-main/package.json', JSON.stringify({ type: 'module', main: './index.js' }));
write('node_modules/exact-main/index.js', 'export default "exact-main";');
write('node_modules/commonjs-index/package.json', JSON.stringify({}));
write('node_modules/commonjs-index/index.js', 'module.exports = "commonjs-index";');
write('mains.mjs', ['by-extension', 'no-main', 'exact-main', 'commonjs-index']
  .map((name, index) => `import m${index} from '${name}'; console.log(m${index});`).join('\n'));
console.log('-- package mains');
run(['mains.mjs']);

write('cycle/a.mjs', "import b from './b.cjs';\nexport default 'a';\n");
write('cycle/b.cjs', "module.exports = require('./a.mjs');\n");
write('cycle/require-a.cjs', "require('./a.mjs');\n");
write('cycle/require-b.cjs', "require('./b.cjs');\n");
for (const entry of ['a.mjs', 'b.cjs', 'require-a.cjs', 'require-b.cjs']) {
  console.log(`-- cycle from ${entry}`);
  run([`cycle/${entry}`]);
}

write('typed/package.json', JSON.stringify({ type: 'module' }));
write('typed/syntax.js', 'export const value = 1;\n');
write('typed/plain.js', 'globalThis.value = 1;\n');
write('typed/module.mjs', 'export const value = 1;\n');
for (const file of ['syntax.js', 'plain.js', 'module.mjs']) {
  write(`require-${file}.cjs`, `require('./typed/${file}');\n`);
  console.log(`-- --no-experimental-require-module ${file}`);
  run(['--no-experimental-require-module', `require-${file}.cjs`]);
}

write('traced.cjs', "require('./typed/module.mjs'); require('./typed/syntax.js'); console.log('required');\n");
console.log('-- --trace-require-module=all');
run(['--trace-require-module=all', 'traced.cjs']);
console.log('-- --trace-require-module=other');
run(['--trace-require-module=other', 'traced.cjs']);

write('schemes.mjs', `
console.log(import.meta.resolve('http://example.com/x.mjs'));
console.log(import.meta.resolve('custom://host/path?q#h'));
for (const url of ['http://example.com/x.mjs', 'custom://host/path', 'file://host/x.mjs']) {
  await import(url).then(() => console.log(url, 'loaded'), (err) => console.log(url, err.code, err.message));
}
`);
console.log('-- other schemes');
run(['schemes.mjs']);

(async () => {
  console.log('-- a package installed after an import of it failed');
  const from = pathToFileURL(path.join(root, 'late.mjs')).href;
  write('late.mjs', 'export const importLate = (specifier) => import(specifier);\n');
  const { importLate } = await import(from);
  for (const attempt of [1, 2]) {
    await importLate('late-package/file.js').then(
      (namespace) => console.log(attempt, 'loaded', namespace.default),
      (err) => console.log(attempt, err.code, hidePaths(err.message)),
    );
    write('node_modules/late-package/file.js', 'export default "late";\n');
  }
})();
