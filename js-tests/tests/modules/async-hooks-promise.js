// async_hooks sees promises as PROMISE resources: init with the triggering promise's id,
// before/after around reactions (executionAsyncResource is the promise), promiseResolve,
// and destroy once a promise is collected; v8.promiseHooks work beside them.
// Flags: --expose-gc
const async_hooks = require('async_hooks');
const v8 = require('v8');

const events = [];
const ids = new Map();
const name = (id) => (ids.has(id) ? ids.get(id) : id === 1 ? 'top' : `?${id}`);
const hook = async_hooks.createHook({
  init(asyncId, type, triggerAsyncId, resource) {
    if (type !== 'PROMISE') return;
    ids.set(asyncId, `p${ids.size}`);
    events.push(`init ${name(asyncId)} from ${name(triggerAsyncId)} ${resource instanceof Promise}`);
  },
  before(asyncId) {
    if (ids.has(asyncId)) events.push(`before ${name(asyncId)}`);
  },
  after(asyncId) {
    if (ids.has(asyncId)) events.push(`after ${name(asyncId)}`);
  },
  promiseResolve(asyncId) {
    if (ids.has(asyncId)) events.push(`resolve ${name(asyncId)}`);
  },
  destroy(asyncId) {
    if (ids.has(asyncId)) events.push(`destroy ${name(asyncId)}`);
  },
}).enable();
let v8Inits = 0;
const stop = v8.promiseHooks.onInit(() => v8Inits++);

const first = Promise.resolve(1);
first.then((value) => {
  events.push(`in reaction: ${async_hooks.executionAsyncResource() instanceof Promise} ${name(async_hooks.executionAsyncId())}`);
  return value + 1;
}).then(() => {
  stop();
  hook.disable();
  console.log(events.join('\n'));
  console.log('v8 hooks saw inits:', v8Inits > 0);
  setImmediate(() => {
    const collected = async_hooks.createHook({ destroy() { console.log('destroy seen'); collected.disable(); } }).enable();
    (() => { Promise.resolve(); })();
    globalThis.gc();
    setImmediate(() => {});
  });
});
