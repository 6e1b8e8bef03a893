// napi: 10
// Which AsyncLocalStorage store native callbacks see under Node 24, where AsyncLocalStorage
// runs on AsyncContextFrame: napi_make_callback in an async context runs in the frame the
// context was made in, without one in the empty frame; callback scopes, async work and
// threadsafe function calls run in the empty frame.
const { AsyncLocalStorage } = require('async_hooks');
const { addon, log } = require('../../common');
const node24 = addon('napi_node24');
const areas = addon('napi_areas');
const als = new AsyncLocalStorage();
const seen = [];
const record = (what) => seen.push(`${what}=${als.getStore()}`);
const step = (fn) => new Promise((resolve) => fn(resolve));

(async () => {
  const madeInOne = als.run(1, () => node24.contextNow());
  const madeOutside = node24.contextNow();
  als.run(2, () => {
    node24.makeCallbackIn(madeInOne, () => record('make_callback, context made in 1'));
    node24.makeCallbackIn(madeOutside, () => record('make_callback, context made outside'));
    node24.makeCallbackIn(null, () => record('make_callback, no context'));
    node24.scopeIn(madeInOne, () => record('callback scope, context made in 1'));
    record('back in 2');
  });
  node24.makeCallbackIn(madeInOne, () => record('make_callback outside, context made in 1'));
  node24.scopeIn(madeInOne, () => record('callback scope outside'));
  await als.run(3, () => step((done) => node24.tsfnCall(() => { record('threadsafe call'); done(); })));
  await als.run(4, () => step((done) => areas.asyncWork(undefined, 'w', () => { record('async work'); done(); })));
  await als.run(5, () => step((done) => areas.asyncWork({}, 'w', () => { record('async work with a resource'); done(); })));
  als.run(6, () => {
    areas.makeCallbackOn({}, () => record('make_callback, context made at the call'), true);
    areas.makeCallbackOn({}, () => record('make_callback, NULL context'), false);
    record('back in 6');
  });
  node24.destroyContext(madeInOne);
  node24.destroyContext(madeOutside);
  log(seen.join('\n'));
})();
