// A contextified global reads and writes through its sandbox as node's interceptors do:
// accessors on the sandbox run, declarations land on both, keys merge the sandbox's own
// (symbols and indices too), read-only and non-configurable properties keep their meaning; a
// sandbox of another class names the global after it.
'use strict';
const vm = require('vm');

let sets = 0;
const sym = Symbol('s');
const sandbox = {
  plain: 1,
  get accessor() { return 'got'; },
  set accessor(value) { sets += value; },
  [sym]: 'symbol',
  3: 'three',
};
Object.defineProperty(sandbox, 'fixed', { value: 'fixed', enumerable: true });
const ctx = vm.createContext(sandbox);

console.log(vm.runInContext('accessor = 5; accessor', ctx), sets);
console.log(vm.runInContext('this[3] + plain', ctx));
vm.runInContext('var declared = 1; function fn() { return 2; } this.assigned = 3; implicit = 4;', ctx);
console.log(sandbox.declared, typeof sandbox.fn, sandbox.assigned, sandbox.implicit);
const keys = vm.runInContext('Reflect.ownKeys(this)', ctx);
const own = keys.filter((key) => key === sym || ['plain', 'accessor', 'fixed', '3', 'declared', 'fn'].includes(key));
console.log(own.map(String));
console.log(vm.runInContext('Object.keys(this).filter((k) => k !== "fn")', ctx));
console.log(vm.runInContext('fixed = 2; fixed', ctx));
console.log(vm.runInContext('delete plain', ctx), 'plain' in sandbox);
console.log(vm.runInContext('delete fixed', ctx), 'fixed' in sandbox);
try {
  vm.runInContext('"use strict"; undeclaredStrict = 1', ctx);
} catch (err) {
  console.log(err.name, err.message);
}
console.log(vm.runInContext('Object.getOwnPropertyDescriptor(this, "fixed")', ctx));
vm.runInContext('Object.defineProperty(this, "defined", { get() { return "defined getter"; }, configurable: true })', ctx);
console.log(sandbox.defined, Object.getOwnPropertyDescriptor(sandbox, 'defined').configurable);
console.log(vm.runInContext('typeof Array', ctx), sandbox.Array);
vm.runInContext('Array = 1', ctx);
console.log(sandbox.Array, vm.runInContext('Array', ctx));
console.log(vm.runInContext('this.self = this; self === this', vm.createContext({})));
const withGlobal = vm.createContext({});
withGlobal.global = withGlobal;
console.log(vm.runInContext('global === globalThis', withGlobal));
class Sandbox {}
console.log(vm.runInContext('Object.prototype.toString.call(this)', vm.createContext(new Sandbox())));
console.log(vm.runInContext('Object.prototype.toString.call(this)', vm.createContext([])));
console.log(vm.runInContext('Object.prototype.toString.call(this)', vm.createContext()));
