'use strict';
// Source maps: with --enable-source-maps (or module.setSourceMapsSupport) a module's
// `//# sourceMappingURL=` (an inline data: URL or a .map file beside it) is read, error stacks
// show the original files, positions and names, an uncaught exception's report shows the
// original source line, module.findSourceMap and util.getCallSites answer from the maps,
// node_modules are left out unless asked for, eval'd code naming itself with a sourceURL is
// mapped too, and module.SourceMap looks positions up.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { SourceMap } = require('module');

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'anode-source-maps-')));

// Base64 VLQ of the source map format, to write the fixtures' mappings.
function vlq(value) {
  const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    out += digits[digit];
  } while (rest > 0);
  return out;
}

// Mappings from [generatedLine, generatedColumn, originalLine, originalColumn, nameIndex?].
function mappings(entries) {
  const lines = [];
  let previous = [0, 0, 0, 0];
  for (const [line, column, originalLine, originalColumn, name] of entries) {
    while (lines.length <= line) lines.push([]);
    const lastColumn = lines[line].length ? lines[line].lastColumn : 0;
    let segment = vlq(column - lastColumn) + vlq(0) + vlq(originalLine - previous[1]) + vlq(originalColumn - previous[2]);
    if (name !== undefined) {
      segment += vlq(name - previous[3]);
      previous[3] = name;
    }
    previous = [0, originalLine, originalColumn, previous[3]];
    lines[line].push(segment);
    lines[line].lastColumn = column;
  }
  return lines.map((segments) => segments.join(',')).join(';');
}

const original = [
  'function greet(name: string): never {',
  '  throw new Error(`no ${name}`);',
  '}',
  'export function main(): void { greet("world"); }',
].join('\n');
const generated = [
  '"use strict";',
  'function g(n) {',
  '    throw new Error(`no ${n}`);',
  '}',
  'function m() { g("world"); }',
  'module.exports = { main: m };',
];
const greetMap = {
  version: 3,
  sources: ['greet.ts'],
  sourceRoot: 'src/',
  names: ['greet', 'main'],
  sourcesContent: [original],
  mappings: mappings([[1, 0, 0, 0], [1, 9, 0, 9, 0], [2, 4, 1, 2], [2, 10, 1, 8], [3, 0, 2, 0], [4, 0, 3, 7], [4, 9, 3, 16, 1], [4, 15, 3, 33]]),
};
const inline = `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(greetMap)).toString('base64')}`;
fs.writeFileSync(path.join(dir, 'greet.js'), [...generated, inline, ''].join('\n'));
fs.mkdirSync(path.join(dir, 'node_modules/dep'), { recursive: true });
fs.writeFileSync(path.join(dir, 'node_modules/dep/index.js'), [...generated, '//# sourceMappingURL=index.js.map', ''].join('\n'));
fs.writeFileSync(path.join(dir, 'node_modules/dep/index.js.map'), JSON.stringify({ ...greetMap, sourcesContent: undefined }));
fs.writeFileSync(path.join(dir, 'esm.mjs'), [
  'export function thrower() {',
  '  throw new TypeError("from esm");',
  '}',
  '//# sourceMappingURL=esm.mjs.map',
  '',
].join('\n'));
fs.writeFileSync(path.join(dir, 'esm.mjs.map'), JSON.stringify({
  version: 3, sources: ['/abs/esm-original.ts'], names: ['throwIt'], mappings: mappings([[0, 0, 4, 0, 0], [1, 2, 5, 4], [1, 8, 5, 10]]),
}));

// Generated code naming itself: eval'd with a sourceURL and an inline map.
const evalMap = { version: 3, sources: ['evald.ts'], names: ['fail'], mappings: mappings([[0, 0, 9, 0, 0], [1, 2, 10, 4], [1, 8, 10, 10]]) };
const evalSource = [
  'function f() {',
  '  throw new RangeError("from eval");',
  '}',
  'f();',
  '//# sourceURL=gen/evald.js',
  `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(evalMap)).toString('base64')}`,
].join('\n');
fs.writeFileSync(path.join(dir, 'evald.txt'), evalSource);

fs.writeFileSync(path.join(dir, 'stacks.js'), `
const module_ = require('module');
const util = require('util');
const show = (stack) => stack.split('\\n').filter((line) => !line.includes('node:')).join('\\n');
console.log('sourceMapsEnabled', process.sourceMapsEnabled, module_.getSourceMapsSupport());
try { require('./greet.js').main(); } catch (err) { console.log(show(err.stack)); }
try { require('dep').main(); } catch (err) { console.log(show(err.stack)); }
const map = module_.findSourceMap(require.resolve('./greet.js'));
if (map) {
  console.log(map.payload.sources, map.payload.sourceRoot, map.lineLengths);
  console.log(map.findEntry(2, 12), map.findOrigin(5, 16));
}
console.log(module_.findSourceMap(require.resolve('dep')) === undefined);
try { eval(require('fs').readFileSync('evald.txt', 'utf8')); } catch (err) { console.log(show(err.stack)); }
console.log(module_.findSourceMap('gen/evald.js')?.payload.sources);
import('./esm.mjs').then((esm) => {
  try { esm.thrower(); } catch (err) { console.log(show(err.stack)); }
  const site = util.getCallSites({ sourceMap: true })[0];
  console.log(site.scriptName.endsWith('stacks.js'), site.lineNumber);
  require('./greet.js').main();
});
`);

function run(label, args) {
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  // Frames inside the runtime differ between runtimes; the program's own are compared.
  const clean = (text) => text.split(dir).join('<dir>').replace(/^Node\.js .*$/m, 'Node.js <version>')
    .split('\n').filter((line) => !/^ +at .*node:/.test(line)).join('\n').trim();
  console.log(`--- ${label}: exit ${result.status}`);
  console.log(clean(result.stdout));
  console.log(clean(result.stderr));
}

run('--enable-source-maps', ['--enable-source-maps', 'stacks.js']);
run('without', ['stacks.js']);
run('setSourceMapsSupport(true)', ['-e', 'require("module").setSourceMapsSupport(true); require("./stacks.js")']);
run('setSourceMapsSupport(true, { nodeModules: true })', ['-e', 'require("module").setSourceMapsSupport(true, { nodeModules: true }); require("./stacks.js")']);

// module.SourceMap by itself.
const map = new SourceMap({ version: 3, sources: ['a.js', 'b.js'], names: ['x'], mappings: 'A,CAAAA;;EACC,GCAA;K' }, { lineLengths: [3, 4] });
for (const [line, column] of [[0, 0], [0, 1], [1, 5], [2, 2], [2, 9], [3, 5], [-1, 0]]) {
  console.log(line, column, map.findEntry(line, column), map.findOrigin(line + 1, column + 1));
}
console.log(map.lineLengths, map.payload.sources);
const index = new SourceMap({ version: 3, sections: [{ offset: { line: 1, column: 2 }, map: { version: 3, sources: ['s.js'], names: [], mappings: 'AAAA,EAAE' } }] });
console.log(index.findEntry(1, 1), index.findEntry(1, 4));
for (const bad of [null, 1, 'x']) {
  try { new SourceMap(bad); } catch (err) { console.log(err.code, err.message); }
}
fs.rmSync(dir, { recursive: true, force: true });
