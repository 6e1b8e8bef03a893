'use strict';
// Synthetic vm modules nothing holds can be collected, though their evaluation callback closes
// over the module (node's module wraps are weak; when its source text modules go is up to its
// GC, so they are made here but not asked about); a module another one was linked to lives as
// long as that one does.
// Flags: --expose-gc --experimental-vm-modules
const vm = require('vm');

const collected = { synthetic: 0, 'source text': 0 };
const registry = new FinalizationRegistry((kind) => collected[kind]++);

async function makeModules(count) {
  for (let i = 0; i < count; i++) {
    const synthetic = new vm.SyntheticModule(['value'], () => synthetic.setExport('value', new Array(64).fill('s')));
    await synthetic.link(() => {});
    await synthetic.evaluate();
    registry.register(synthetic, 'synthetic');

    const source = new vm.SourceTextModule('export const value = new Array(64).fill("t");');
    await source.link(() => {});
    await source.evaluate();
    registry.register(source, 'source text');
  }
}

async function makeDependent() {
  const dependency = new vm.SyntheticModule(['answer'], function() { this.setExport('answer', 41); });
  const dependent = new vm.SourceTextModule('import { answer } from "dep"; export const next = answer + 1;');
  await dependent.link(() => dependency);
  return dependent;
}

(async () => {
  await makeModules(200);
  const dependent = await makeDependent();
  for (let i = 0; i < 20 && !collected.synthetic; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  console.log('synthetic modules collected:', collected.synthetic > 0);
  await dependent.evaluate();
  console.log('dependent evaluated:', dependent.status, dependent.namespace.next);
})();
