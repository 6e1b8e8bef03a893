'use strict';
// The built-in module loader (node's realm bootstrap): compiled and run first, by the
// bootstrap (internal/bootstrap.js), before anything else of node's JS runs.

const builtinCache = { __proto__: null };
// process.moduleLoadList: the built-in modules compiled so far, in order, as node names them.
const moduleLoadList = [];

function requireBuiltin(name) {
  const cached = builtinCache[name];
  if (cached !== undefined) return cached.exports;
  const fn = binding.compileBuiltin(name);
  const module = { exports: {}, id: name, loaded: false };
  builtinCache[name] = module;
  moduleLoadList.push(`NativeModule ${name}`);
  try {
    fn(module.exports, requireBuiltin, module, binding, internals, process);
  } catch (err) {
    // A module that refused to load (domain, under a capture callback) may load later.
    delete builtinCache[name];
    throw err;
  }
  module.loaded = true;
  return module.exports;
}

builtinCache[module.id] = module;
module.loaded = true;
module.exports = { moduleLoadList, requireBuiltin };
