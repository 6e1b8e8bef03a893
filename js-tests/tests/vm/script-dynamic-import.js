'use strict';
// importModuleDynamically on vm.Script and vm.compileFunction: the callback gets the
// specifier, the script or function, and the attributes; what it returns is the namespace.
// Flags: --experimental-vm-modules --no-warnings
const vm = require('vm');

(async () => {
  const exporter = new vm.SyntheticModule(['value'], function () {
    this.setExport('value', 'from synthetic');
  });
  await exporter.evaluate();
  const script = new vm.Script('import("a", { with: { type: "json" } })', {
    importModuleDynamically(specifier, referrer, attributes) {
      console.log('script asks for', specifier, referrer === script, attributes);
      return exporter;
    },
  });
  console.log((await script.runInThisContext()).value);
  const fn = vm.compileFunction('return import("b")', [], {
    importModuleDynamically(specifier, referrer) {
      console.log('function asks for', specifier, referrer === fn);
      return exporter.namespace;
    },
  });
  console.log((await fn()).value);
  const wrong = new vm.Script('import("c")', { importModuleDynamically: () => 42 });
  await wrong.runInThisContext().catch((err) => console.log(err.code, err.message));
  const main = new vm.Script('import("path")', { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  console.log(typeof (await main.runInThisContext()).join);
  const ctx = vm.createContext({});
  const inContext = new vm.Script('import("d")', { importModuleDynamically: () => exporter });
  console.log((await inContext.runInContext(ctx)).value);
  // import() without a referrer script (eval in a promise job) asks the context's callback.
  const withCallback = vm.createContext({}, {
    importModuleDynamically(specifier, referrer) {
      console.log('context asks for', specifier, referrer === withCallback);
      return exporter;
    },
  });
  const indirect = new vm.Script('Promise.resolve("import(\'e\')").then(eval)');
  console.log((await indirect.runInContext(withCallback)).value);
  await indirect.runInContext(vm.createContext({})).catch((err) => console.log(err.code));
})();
