// Flags: --expose-gc
// References and their counts, handle scopes and escaping, externals, type tags; and
// finalizers running after the GC collects wrapped objects and externals.
const { addon, log } = require('../../common');
const areas = addon('napi_areas');
log(areas.lifetimes());
const Point = areas.definePoint();
(function makeGarbage() {
  for (let i = 0; i < 10; i++) new Point(i, i);
  areas.lifetimes();
})();
async function collect() {
  for (let i = 0; i < 10 && (areas.finalizedPoints() < 10 || areas.externalsFinalized() < 2); i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
  log('points finalized:', areas.finalizedPoints() >= 10, 'externals finalized:', areas.externalsFinalized() >= 2);
}
if (typeof globalThis.gc === 'function') collect();
else log('run with --expose-gc');
