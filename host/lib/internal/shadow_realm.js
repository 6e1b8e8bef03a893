'use strict';
// ShadowRealm (--experimental-shadow-realm): V8 runs each realm in a context of its own
// (runtime/shadow_realm.rs); this loads the realm's modules, as node's realm loader does:
// no built-in modules (`node:x` is unknown, a bare builtin name is looked up as a package),
// no module customization hooks, no preloads. An importValue() specifier resolves from the
// working directory, an import() from the module making it. Each realm has its own instance
// of every module it imports, linked, run and given import.meta in the realm.

const moduleWrap = binding.moduleWrap();
const path = require('path');
const { fileURLToPath, pathToFileURL } = require('url');
const { codedError } = require('internal/errors');
const { tryGetCwd } = require('internal/util');
const esm = require('internal/esm');

// A realm's global -> its modules by URL and type, and the URLs of its compiled modules.
const realms = new WeakMap();

internals.shadowRealmCreated = function (global) {
  realms.set(global, { records: new Map(), moduleURLs: new Set() });
};

internals.isShadowRealmGlobal = (global) => realms.has(global);

internals.shadowRealmImport = async function (specifier, referrer, attributes, global, phase) {
  const realm = realms.get(global);
  const parentURL = typeof referrer === 'string' && realm.moduleURLs.has(referrer) ? referrer
    : pathToFileURL(path.join(tryGetCwd(), '/')).href;
  const url = esm.resolve(`${specifier}`, parentURL, undefined, false);
  const record = load(realm, global, url, attributes);
  if (phase !== 'evaluation') {
    throw codedError(SyntaxError, 'ERR_SOURCE_PHASE_NOT_DEFINED', `Source phase import object is not defined for module '${url}'`);
  }
  moduleWrap.vmModuleInstantiate(record.id, global);
  await moduleWrap.vmModuleEvaluate(record.id, global, 0, false);
  return moduleWrap.moduleNamespace(record.id);
};

// The module at `url` and the graph it imports, compiled and linked for the realm.
function load(realm, global, url, attributes = {}) {
  const key = `${url}\0${attributes.type}`;
  let record = realm.records.get(key);
  if (record !== undefined) return record;
  const format = esm.formatOf(url);
  esm.checkAttributes(url, format, attributes);
  switch (format) {
    case 'module':
    case 'module-typescript': {
      const [id, specifiers, requestAttributes] = moduleWrap.moduleCompile(esm.codeOf(url, format), url);
      record = { id };
      realm.records.set(key, record);
      realm.moduleURLs.add(url);
      try {
        const targets = specifiers.map((specifier, index) =>
          load(realm, global, esm.resolve(specifier, url, undefined, false), requestAttributes[index]).id);
        moduleWrap.moduleLink(id, specifiers, targets, requestAttributes.map((requested) => requested?.type));
      } catch (err) {
        realm.records.delete(key);
        throw err;
      }
      return record;
    }
    case 'json': {
      const source = esm.codeOf(url, format);
      // Parsed by the realm's JSON: the value is of the realm.
      const id = moduleWrap.moduleSynthetic(url, ['default'], () => ({ default: global.JSON.parse(source) }));
      record = { id };
      realm.records.set(key, record);
      return record;
    }
  }
  throw codedError(RangeError, 'ERR_UNKNOWN_MODULE_FORMAT', `Unknown module format: ${format} for URL ${url}`);
}

// import.meta of a realm's module: url, filename, dirname, and a resolve() of the realm whose
// errors are the realm's.
internals.shadowRealmInitImportMeta = function (meta, url, global) {
  if (url.startsWith('file:')) {
    const filename = fileURLToPath(url);
    meta.dirname = path.dirname(filename);
    meta.filename = filename;
  }
  meta.main = false;
  const resolveInRealm = (specifier) => {
    try {
      return esm.resolve(`${specifier}`, url, undefined, false);
    } catch (err) {
      const RealmError = global[err?.name] ?? global.Error;
      const realmError = new RealmError(err?.message);
      if (err?.code !== undefined) realmError.code = err.code;
      throw realmError;
    }
  };
  // (A function of the realm, made by its Function constructor, so nothing of the principal
  // realm reaches the realm's code.)
  meta.resolve = new global.Function('resolveInRealm', 'return function resolve(specifier) { return resolveInRealm(specifier); };')(resolveInRealm);
  meta.url = url;
};
