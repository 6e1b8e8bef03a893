'use strict';
// napi-rs 3's async methods on a #[napi] class: `async fn(&self)` returns a promise, the
// future borrowing the instance (kept alive until it settles), arguments moved in, Err as a
// rejection with its code, a receiver that is not an instance rejected synchronously.
const { addon, log } = require('../../common');
const { Bird } = addon('napi_rs_style');

(async () => {
  const bird = new Bird('robin');
  const pending = bird.nameAsync();
  log(pending instanceof Promise);
  log(await pending, bird.calls);
  log(await bird.greet('hello'), bird.calls);
  log(await Promise.all([bird.nameAsync(), bird.greet('hi'), new Bird('wren').nameAsync()]), bird.calls);
  try { await bird.failAsync(); } catch (error) { log(error.constructor.name, error.code, error.message); }
  try { await bird.greet(42); } catch (error) { log(error.constructor.name, error.code, error.message); }
  try { await Bird.prototype.nameAsync.call({}); } catch (error) { log(error.constructor.name, error.code, error.message); }
  // The instance is only reachable from the pending call.
  log(await new Bird('temporary').nameAsync());
})();
