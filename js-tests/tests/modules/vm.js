// vm: scripts in this context and in new ones whose global is a contextified object;
// timeouts, errors with the source arrow, argument errors.
const vm = require('vm');
const show = (fn) => {
  try {
    console.log(fn());
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
};

const context = vm.createContext({ counter: 1, list: [] });
const script = new vm.Script('counter += 1; list.push(typeof require); globalThis.added = counter * 10; counter');
console.log(script.runInContext(context), script.runInContext(context), context);
console.log(vm.isContext(context), vm.isContext({}), vm.createContext(context) === context);
console.log(vm.runInNewContext('a + b', { a: 2, b: 3 }), vm.runInNewContext('typeof process + typeof console'));
const sandbox = { inherited: Object.create({ fromProto: 'proto value' }) };
console.log(vm.runInNewContext('x = 1; this.y = 2; inherited.fromProto', sandbox), Object.keys(sandbox));
console.log(vm.runInNewContext('delete x; typeof x', sandbox), 'x' in sandbox);
console.log(vm.runInNewContext('Object.defineProperty(globalThis, "d", { value: 4, enumerable: true }); d', sandbox), sandbox.d);
const foreignArray = vm.runInNewContext('[1, 2, 3]');
console.log(foreignArray instanceof Array, Array.isArray(foreignArray), foreignArray.length);
const inner = vm.runInNewContext('(function (outer) { return [Object === outer, outer === Object]; })');
console.log(inner(Object));
console.log(vm.runInThisContext('typeof require + " " + (globalThis === this)'));
globalThis.shared = 'on the main global';
console.log(vm.runInThisContext('shared'), vm.runInNewContext('typeof shared'));
console.log(vm.compileFunction('return a * b', ['a', 'b'])(6, 7));
console.log(new vm.Script('this.constructor.name').runInNewContext());

show(() => vm.runInNewContext('while (true) {}', {}, { timeout: 20 }));
show(() => vm.runInThisContext('for (;;) {}', { timeout: 20 }));
console.log('still running after the timeouts');
show(() => vm.runInContext('1', {}));
show(() => vm.createContext(1));
show(() => vm.isContext('x'));
show(() => vm.runInNewContext('1', {}, { timeout: -1 }));
try {
  new vm.Script('let x = ;', { filename: 'bad.js' });
} catch (err) {
  console.log(err.name, err.stack.split('\n').slice(0, 5));
}
try {
  vm.runInThisContext('\n  null.x', { filename: 'file.vm' });
} catch (err) {
  console.log(err.stack.split('\n').slice(0, 6));
}
try {
  vm.runInNewContext('throw new RangeError("from inside")', {}, 'named.js');
} catch (err) {
  console.log(err instanceof RangeError, err.name, err.stack.split('\n').slice(0, 5));
}
