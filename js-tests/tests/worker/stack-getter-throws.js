// A prepareStackTrace that throws for an error: vm lets the error itself through (its
// stack unreadable, not replaced by the hook's exception), and a worker's Worker gets the
// error without a stack.
const { Worker } = require('worker_threads');
const vm = require('vm');

const hook = `Error.prepareStackTrace = (err) => {
  if (err.message === 'fhqwhgads') throw new Error('come on');
  return 'custom stack';
};`;

vm.runInThisContext(hook);
try {
  vm.runInThisContext('throw new Error("fhqwhgads")');
} catch (err) {
  let stack;
  try {
    stack = err.stack;
  } catch (thrown) {
    stack = `stack threw: ${thrown.message}`;
  }
  console.log(err.message, stack);
}
Error.prepareStackTrace = undefined;

new Worker(`${hook}\nthrow new Error('fhqwhgads');`, { eval: true }).on('error', (err) => {
  console.log(err.name, err.message, err.stack, Object.keys(err));
});
