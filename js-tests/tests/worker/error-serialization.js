// A worker's uncaught exception as its Worker's 'error' event sees it: an error keeps its
// built-in class, own and inherited properties (getters read), cause and stack; functions
// and symbols are left out; non-errors arrive as clones (or their inspection).
const { Worker } = require('worker_threads');
const util = require('util');

function errorFrom(code) {
  return new Promise((resolve) => {
    new Worker(code, { eval: true }).on('error', resolve);
  });
}

async function main() {
  const err = await errorFrom(`
    class HttpError extends RangeError { get status() { return 404; } }
    const error = new HttpError('not found', { cause: new TypeError('inner') });
    Object.assign(error, { code: 'E_HTTP', details: { path: '/x', tries: [1, 2] }, retry() {}, tag: Symbol('t') });
    throw error;
  `);
  console.log(err.constructor.name, err.name, err.message, err.code, err.details, err.status);
  console.log(Object.keys(err), err instanceof RangeError, util.types.isNativeError(err));
  console.log(Object.prototype.toString.call(err), typeof err.retry, err.tag);
  console.log(err.cause instanceof TypeError, err.cause.message, err.stack.split('\n')[0]);
  console.log(typeof err.stack, err.stack.includes('HttpError') || err.stack.includes('RangeError'));

  const custom = await errorFrom(`
    const error = new Error('base');
    error.name = 'CustomName';
    throw error;
  `);
  console.log(custom.name, custom.constructor.name, String(custom));

  console.log(await errorFrom('throw { plain: true, list: [1] }'));
  console.log(await errorFrom('throw [1, "two"]'));
  console.log(await errorFrom('throw new Map([[1, 2]])'));
  console.log(await errorFrom('throw { fn() {} }'));
}

main();
