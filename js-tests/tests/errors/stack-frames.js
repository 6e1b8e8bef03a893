// The frames node's own code puts in error stacks: vm's run functions (two, so a user frame
// still shows under Error.stackTraceLimit = 4), none below microtasks run after the main
// program, and an immediate's callback gone (null) once it has run or been cleared, so an
// uncaught error's report points where it was thrown.
'use strict';
const { spawnSync } = require('child_process');
const vm = require('vm');

const names = (stack) => stack.split('\n').filter((line) => line.startsWith('    at '))
  .map((line) => line.trim().replace(/ \(.*\)$/, '').replace(/:\d+:\d+$/, ''));

Error.stackTraceLimit = 4;
try {
  vm.runInThisContext('throw new Error("thrown")', { filename: 'test.vm' });
} catch (err) {
  console.log(names(err.stack));
}
try {
  vm.runInThisContext('var 4;', { filename: 'test.vm' });
} catch (err) {
  console.log(names(err.stack));
}
try {
  vm.runInNewContext('throw new Error("thrown")', {}, { filename: 'test.vm' });
} catch (err) {
  console.log(err.message, names(err.stack).length);
}
Error.stackTraceLimit = 10;

async function thrower() {
  await 0;
  throw new Error('after await');
}
// (Whether ticks were queued too, which node drains from processTicksAndRejections, is no
// matter here.)
thrower().catch((err) => console.log(names(err.stack).filter((name) => !name.endsWith('.processTicksAndRejections'))));

const ran = setImmediate(() => {
  setImmediate(() => console.log('ran:', ran._onImmediate));
});
const cleared = setImmediate(() => {});
clearImmediate(cleared);
console.log('cleared:', cleared._onImmediate);

const child = spawnSync(process.execPath, ['-e', 'setImmediate(function () { throw new Error("from an immediate"); });']);
console.log(child.status, child.stderr.toString().split('\n').slice(0, 3));
