// vm.Script and compileFunction options: cached data made and consumed (and rejected for
// other source), sourceMapURL, offsets in stacks and the source arrow, parsingContext and
// contextExtensions, and node's errors for bad options.
'use strict';
const vm = require('vm');

const source = 'function add(a, b) { return a + b; } add(1, 2)';
const first = new vm.Script(source, { produceCachedData: true });
console.log(first.cachedDataProduced, Buffer.isBuffer(first.cachedData), 'cachedDataRejected' in first);
const again = new vm.Script(source, { cachedData: first.cachedData });
console.log(again.cachedDataRejected, again.runInThisContext());
console.log(new vm.Script('1 + 1', { cachedData: first.cachedData }).cachedDataRejected);
console.log(new vm.Script(source, { cachedData: first.createCachedData() }).cachedDataRejected);
console.log(new vm.Script('x\n//# sourceMappingURL=map.json').sourceMapURL, new vm.Script('x').sourceMapURL);

try {
  vm.runInNewContext('\n  throw new Error("boom")', {}, { filename: 'f.js', lineOffset: 10, columnOffset: 7 });
} catch (err) {
  console.log(err.stack.split('\n').slice(0, 5).join('|'));
}
try {
  new vm.Script('let let = 1', { filename: 'bad.js', columnOffset: 4 });
} catch (err) {
  console.log(err.name, err.stack.split('\n').slice(0, 3).join('|'));
}

const fn = vm.compileFunction('return a + b + c', ['a'], {
  parsingContext: vm.createContext({ b: 'B' }),
  contextExtensions: [{ c: 'C' }],
  produceCachedData: true,
});
console.log(fn('A'), fn.cachedDataProduced, fn.cachedData.length > 0);
const reused = vm.compileFunction('return a + b + c', ['a'], { cachedData: fn.cachedData, contextExtensions: [{ b: 1, c: 2 }] });
console.log(reused.cachedDataRejected, reused(3));

const attempts = [
  () => new vm.Script('1', { lineOffset: 1.5 }),
  () => new vm.Script('1', { columnOffset: '1' }),
  () => new vm.Script('1', { cachedData: 'no' }),
  () => new vm.Script('1', null),
  () => new vm.Script('1').runInThisContext({ timeout: 0 }),
  () => new vm.Script('1').runInThisContext({ timeout: 'x' }),
  () => new vm.Script('1').runInContext({}),
  () => vm.runInContext('1', 'nope'),
  () => vm.isContext(null),
  () => vm.createContext({}, { name: 1 }),
  () => vm.createContext({}, { microtaskMode: 'never' }),
  () => vm.createContext({}, { codeGeneration: { wasm: 'no' } }),
  () => vm.runInNewContext('1', {}, { contextCodeGeneration: [] }),
  () => vm.compileFunction('', 'a'),
  () => vm.compileFunction('', [1]),
  () => vm.compileFunction('', [], { parsingContext: {} }),
  () => vm.compileFunction('', [], { contextExtensions: [1] }),
  () => vm.measureMemory({ execution: 'later' }),
];
for (const attempt of attempts) {
  try {
    attempt();
    console.log('no error');
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
