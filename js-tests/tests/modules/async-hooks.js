// async_hooks: ids and the execution resource, hooks for timers, immediates, ticks,
// AsyncResource and Node-API async work / async contexts, and AsyncLocalStorage carried
// through every kind of callback, native ones included.
const ah = require('async_hooks');
const { AsyncLocalStorage, AsyncResource } = ah;
const fs = require('fs');
const { addon } = require('../../common');
const areas = addon('napi_areas');

const show = (fn) => {
  try {
    console.log(fn());
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
};
const step = (fn) => new Promise((resolve) => fn(resolve));

console.log('top level', ah.executionAsyncId(), ah.triggerAsyncId(), typeof ah.executionAsyncResource());
show(() => ah.createHook({ init: 1 }));
show(() => ah.createHook({ destroy: 'x' }));
show(() => new AsyncResource(5));
show(() => new AsyncResource('T', { triggerAsyncId: -2 }));
show(() => new AsyncResource('T', 2.5));

// Hooks: events of the kinds asked for, ids made relative to the first one seen.
function recordEvents(types) {
  const events = [];
  const ids = new Map();
  const name = (id) => (ids.has(id) ? `#${ids.get(id)}` : 'other');
  const hook = ah.createHook({
    init(id, type, triggerId, resource) {
      if (!types.includes(type)) return;
      ids.set(id, ids.size);
      events.push(`init ${type} ${name(id)} trigger=${triggerId === ah.executionAsyncId() ? 'current' : triggerId}`
        + ` resource=${resource.constructor.name}`);
    },
    before(id) { if (ids.has(id)) events.push(`before ${name(id)} current=${ah.executionAsyncId() === id}`); },
    after(id) { if (ids.has(id)) events.push(`after ${name(id)}`); },
    destroy(id) { if (ids.has(id)) events.push(`destroy ${name(id)}`); },
  });
  return { hook: hook.enable(), events };
}

async function hooks() {
  const { hook, events } = recordEvents(['Timeout', 'Immediate', 'TickObject', 'CUSTOM']);
  await step((done) => setTimeout(() => {
    events.push(`timer runs, resource is the Timeout: ${ah.executionAsyncResource().constructor.name}`);
    done();
  }, 1));
  await step((done) => setImmediate(done));
  await step((done) => process.nextTick(done));
  const resource = new AsyncResource('CUSTOM');
  resource.runInAsyncScope(function (a, b) {
    events.push(`runInAsyncScope this=${this.name} args=${a},${b} resource=${ah.executionAsyncResource() === resource}`);
  }, { name: 'thisArg' }, 1, 2);
  resource.emitDestroy();
  // Destroy hooks run at the next check phase, before its immediates.
  await step((done) => setImmediate(done));
  await step((done) => setImmediate(done));
  hook.disable();
  console.log(events.join('\n'));
  // Node-API resources on their own: an immediate's destroy would race the work's completion
  // on the thread pool.
  const native = recordEvents(['napi work', 'areas']);
  await step((done) => areas.asyncWork({ kind: 'work resource' }, 'napi work', () => {
    native.events.push(`work complete, resource kind: ${ah.executionAsyncResource().kind}`);
    done();
  }));
  areas.makeCallback(() => native.events.push(`make_callback, resource: ${typeof ah.executionAsyncResource()}`));
  await step((done) => setImmediate(done));
  await step((done) => setImmediate(done));
  native.hook.disable();
  console.log(native.events.join('\n'));
  const cleared = recordEvents(['Timeout']);
  clearTimeout(setTimeout(() => {}, 10));
  await step((done) => setImmediate(done));
  cleared.hook.disable();
  console.log('cleared timer:', cleared.events.join(', '));
}

async function localStorage() {
  const als = new AsyncLocalStorage();
  const seen = [];
  const record = (label) => seen.push(`${label}=${als.getStore()?.id}`);
  await als.run({ id: 1 }, async () => {
    record('sync');
    await step((done) => setTimeout(() => { record('timeout'); done(); }, 1));
    await step((done) => setImmediate(() => { record('immediate'); done(); }));
    await step((done) => process.nextTick(() => { record('tick'); done(); }));
    await step((done) => queueMicrotask(() => { record('microtask'); done(); }));
    await step((done) => fs.readFile(__filename, () => { record('fs callback'); done(); }));
    await fs.promises.stat(__filename);
    record('after fs.promises');
    await step((done) => areas.asyncWork(undefined, 'work', () => { record('napi async work'); done(); }));
    areas.makeCallback(() => record('napi make_callback'));
    const bound = AsyncLocalStorage.bind(() => record('bound'));
    const snapshot = AsyncLocalStorage.snapshot();
    als.run({ id: 2 }, () => {
      record('nested');
      bound();
      snapshot(() => record('snapshot'));
      als.exit(() => record('exit'));
    });
    record('back');
  });
  record('outside');
  als.enterWith({ id: 3 });
  record('enterWith');
  await step((done) => setTimeout(done, 1));
  record('after await');
  als.disable();
  record('disabled');
  als.run({ id: 4 }, () => record('run after disable'));
  console.log(seen.join(' '));
  const other = new AsyncLocalStorage();
  other.run('a', () => als.run({ id: 5 }, () => console.log('two storages:', other.getStore(), als.getStore().id)));
}

hooks().then(localStorage);
