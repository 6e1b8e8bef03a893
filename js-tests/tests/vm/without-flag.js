'use strict';
// Without --experimental-vm-modules vm has no Module classes, an importModuleDynamically
// callback is refused when import() runs, and vm.constants exists.
const vm = require('vm');

console.log(typeof vm.Module, typeof vm.SourceTextModule, typeof vm.SyntheticModule);
console.log(vm.constants);
(async () => {
  const script = new vm.Script('import("fs")', { importModuleDynamically() {} });
  await script.runInThisContext().catch((err) => console.log(err.name, err.code, err.message));
  const fn = vm.compileFunction('return import("fs")');
  await fn().catch((err) => console.log(err.name, err.code, err.message));
  try {
    new vm.Script('1', { importModuleDynamically: 5 });
  } catch (err) {
    console.log(err.code, err.message);
  }
  const global = vm.createContext(vm.constants.DONT_CONTEXTIFY);
  console.log(vm.isContext(global), vm.runInContext('this === globalThis && typeof Array', global));
  vm.runInContext('var declared = 2; globalThis.assigned = 3', global);
  console.log(global.declared, global.assigned, Object.getPrototypeOf(global) === Object.prototype);
})();
