'use strict';
// napi-rs 3's references to single values: ObjectRef and UnknownRef received as arguments and
// held across calls (get_value, unref), ObjectRef and SymbolRef returned (the value given to
// JS), a reference dropped without unref reported on stderr unless LEAK_CHECK is false.
const { addon, log } = require('../../common');
const style = addon('napi_rs_style');

const first = { name: 'first' };
log(style.hold(first, 42), style.hold(() => 'fn', 'text'), style.hold([1, 2], first));
const held = style.held();
log(held.length, held[0][0] === first, held[0][1], typeof held[1][0], held[1][1], held[2][0], held[2][1] === first);
log(style.releaseHeld(), style.held().length, style.releaseHeld());

log(style.objectThroughRef());
const symbol = style.symbolThroughRef('made in Rust');
log(typeof symbol, symbol.description);

for (const bad of [() => style.hold(1, 2), () => style.hold(null, 2), () => style.symbolThroughRef(1)]) {
  try { log('returned', bad()); } catch (error) { log(error.constructor.name, error.code, error.message); }
}

style.dropReferences({}, false);
style.dropReferences({}, true);
log('done');
