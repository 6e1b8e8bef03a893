// Callback scopes: one opened from a libuv timer, outside any call into JS, drains the ticks
// and microtasks its JS queued when it closes, and the async context's before/after hooks
// surround it; JS called after it closed has its ticks drained before the check phase; one
// opened inside a call drains nothing; NULL arguments give napi_invalid_arg.
const { log: print } = require('../../common');
const edges = require('../../common').addon('napi_edges');
const ah = require('async_hooks');
const log = [];
const types = new Map();
ah.createHook({
  init(id, type) { if (type.startsWith('edges')) types.set(id, type); },
  before(id) { if (types.has(id)) log.push(`before ${types.get(id)}`); },
  after(id) { if (types.has(id)) log.push(`after ${types.get(id)}`); },
}).enable();
const step = (name) => () => {
  log.push(`${name}: ${types.get(ah.executionAsyncId()) ?? 'other'}`);
  process.nextTick(() => log.push(`tick from ${name}`));
  Promise.resolve().then(() => log.push(`microtask from ${name}`));
};
print(edges.scopeStatuses());
// What napi_async_init's failed conversions throw: not pending for Node-API, thrown into JS
// when the call returns unless the addon throws its own or makes a call that may run JS.
for (const [resource, name] of [[undefined, 'edges-stray'], [null, 'edges-stray'], [{}, Symbol('s')], [{}, 'edges-fine']]) {
  for (const then of ['return', 'throw', 'call', 'clear', 'call first', 'throw first', 'syntax', 'call, syntax', 'refuse, syntax', 'script throws']) {
    try {
      print('stray', typeof resource, typeof name, then, edges.strayConversion(resource, name, then));
    } catch (error) {
      print('stray', typeof resource, typeof name, then, 'threw', error.name, error.message);
    }
  }
}
edges.scopeFromTimer([step('in scope'), step('still in scope'), step('after close')]);
setTimeout(() => {
  print(log.join('\n'));
  log.length = 0;
  print(edges.scopeInCall(step('inner scope')));
  log.push('back in JS');
  setImmediate(() => print(log.join('\n')));
}, 20);
