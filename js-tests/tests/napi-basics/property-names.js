// napi_set_named_property and napi_get_named_property with names in an addon's read-only
// memory (string literals: more than a small cache holds, some long) and in writable static
// memory rewritten between calls.
const { addon, log, engineError } = require('../../common');
const basics = addon('napi_basics');
const named = {};
log(basics.constantNames(named));
const keys = Object.keys(named);
log(keys.length, keys.slice(0, 3), keys.slice(-4));
log(named.k00, named.k199, named['a-constant-name-longer-than-twenty-four-bytes-9'], named['static-first'], named['static-second']);

// A proxy trap that evicts every cached name while V8 still holds the call's name: V8 then
// checks the trap's answer against the target's property of that name, which must still
// be "fixedName" (a non-writable, non-configurable property the trap contradicts).
const target = {};
Object.defineProperty(target, 'fixedName', { value: 1, writable: false, configurable: false });
const evicting = new Proxy(target, {
  set() { basics.evictNames(); return true; },
  get() { basics.evictNames(); return 2; },
  has() { basics.evictNames(); return false; },
});
// The test's traps throw Errors; a TypeError here is the engine's, for a broken proxy invariant.
const message = (record) => JSON.stringify({
  ...record,
  exception: record.exception && (record.exception instanceof TypeError ? engineError(record.exception) : record.exception.message),
});
// Each call first made with a plain object, so that the name is cached when the trap runs.
for (const query of [() => basics.setFixedName(evicting, 2), () => basics.getFixedName(evicting), () => basics.hasFixedName(evicting)]) {
  basics.getFixedName({});
  log(message(query()));
}
// The names evicted meanwhile were made again, and a plain object takes the name as before.
const plain = {};
log(message(basics.setFixedName(plain, 3)), message(basics.getFixedName(plain)), message(basics.hasFixedName(plain)));

// Queries whose V8 call throws return napi_generic_failure with the exception pending.
const throwing = new Proxy({}, Object.fromEntries(['has', 'deleteProperty', 'getOwnPropertyDescriptor'].map((trap) => [trap, () => { throw new Error(trap); }])));
class Refusing { static [Symbol.hasInstance]() { throw new Error('hasInstance'); } }
for (const [object, ctor] of [[throwing, Refusing], [{ key: 1, 0: 2 }, Object]]) {
  const records = basics.queries(object, ctor);
  for (const [name, record] of Object.entries(records)) log(name, message(record));
}
