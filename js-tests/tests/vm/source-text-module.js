'use strict';
// vm.SourceTextModule and vm.SyntheticModule: linking, evaluation, status, errors with node's
// codes, contexts, import.meta, dynamic import(), cached data and timeouts.
// Flags: --experimental-vm-modules --no-warnings
const vm = require('vm');
(async () => {
  const m = new vm.SourceTextModule('import { x } from "dep"; export const a = x + 1; export default import.meta.foo;', {
    initializeImportMeta(meta, mod) { meta.foo = mod === m; },
  });
  console.log(m, m.identifier, m.status, m.dependencySpecifiers, m.moduleRequests);
  const dep = new vm.SyntheticModule(['x'], function () { this.setExport('x', 41); });
  console.log(dep.status);
  await m.link((spec, ref) => { console.log('link', spec, ref === m); return dep; });
  console.log(m.status);
  await m.evaluate();
  console.log(m.status, m.namespace.a, m.namespace.default, dep.namespace.x);
  try { m.error } catch (e) { console.log(e.code, e.message); }
  try { await m.link(() => {}); } catch (e) { console.log(e.code, e.message); }
  const bad = new vm.SourceTextModule('throw new Error("boom")');
  await bad.link(() => {});
  await bad.evaluate().catch((e) => console.log('rejected', e.message));
  console.log(bad.status, bad.error.message);
  const ctx = vm.createContext({ secret: 7 });
  const c = new vm.SourceTextModule('export const s = secret; export const g = typeof globalThis.secret;', { context: ctx });
  console.log(c.identifier);
  await c.link(() => {}); await c.evaluate(); console.log(c.namespace.s, c.namespace.g);
  const d = new vm.SourceTextModule('export const p = import("foo");', {
    importModuleDynamically(spec, ref, attrs) { console.log('dyn', spec, ref === d); return dep; } });
  await d.link(() => {}); await d.evaluate(); console.log((await d.namespace.p).x);
  const e = new vm.SourceTextModule('import "x"');
  await e.link(() => ({})).catch((err) => console.log(err.code, err.message));
  console.log(e.status);
  const f = new vm.SourceTextModule('import "x"', { context: ctx });
  await f.link(() => dep).catch((err) => console.log(err.code, err.message));
  const s = new vm.Script('import("y")'); await s.runInThisContext().catch((err) => console.log(err.code, err.message));
  const s2 = new vm.Script('import("y")', { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }); await s2.runInThisContext().catch((err) => console.log(err.code));
  const s3 = new vm.Script('import("fs")', { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }); console.log(typeof (await s3.runInThisContext()).readFileSync);
  const s4 = new vm.Script('import("q")', { importModuleDynamically(spec, script) { console.log('script', spec, script === s4); return dep; } });
  console.log((await s4.runInThisContext()).x);
  const g = vm.createContext(vm.constants.DONT_CONTEXTIFY);
  console.log(vm.isContext(g), vm.runInContext('var zz = 1; globalThis.zz', g), g.zz);
  const cache = new vm.SourceTextModule('export const k = 1').createCachedData();
  console.log(Buffer.isBuffer(cache), cache.length > 0);
  const h = new vm.SourceTextModule('export const k = 1', { cachedData: cache });
  try { new vm.SourceTextModule('export const k = 2;;', { cachedData: Buffer.from('junk') }); } catch (err) { console.log(err.code, err.message); }
  try { new vm.SourceTextModule('export {'); } catch (err) { console.log(err.name, err.message); }
  try { new vm.Module(); } catch (err) { console.log(err.message); }
  const t = new vm.SourceTextModule('while(true){}'); await t.link(() => {});
  await t.evaluate({ timeout: 50 }).catch((err) => console.log(err.code, err.message));
  const tla = new vm.SourceTextModule('export const v = await Promise.resolve(3)'); await tla.link(() => {});
  await tla.evaluate(); console.log(tla.namespace.v);
})();
