'use strict';
// napi-rs 3's JS-value types for strings and numbers: JsString read as UTF-8, UTF-16 and
// Latin-1 (lengths and contents), Env's string constructors, Latin-1/UTF-16 strings over
// Rust memory (from_data, from_external, from_static: napi10's external strings), ValueType
// and Unknown::cast, JsNumber, Env::get_global.
const { addon, log } = require('../../common');
const style = addon('napi_rs_style');

for (const text of ['', 'plain', 'é ✓ 🦀', 'lone \ud800 surrogate', 'a\u0000b']) {
  log(JSON.stringify(text), JSON.stringify(style.stringEncodings(text)));
}
const original = 'the same value';
log(style.sameString(original) === original);
log(JSON.stringify(style.createdStrings()));

for (const text of ['', 'Hi', 'a string long enough to be kept external by the engine, probably']) {
  log(JSON.stringify(style.externalStrings(text)));
}

log(style.valueTypes([undefined, null, true, 1.5, 'four', Symbol('s'), {}, () => {}, 10n, [1]]));
for (const number of [0, -1, 2 ** 32 + 5, 1.9, -2.5, NaN, Infinity, 2 ** 53]) {
  log(number, style.numberReadings(number));
}

for (const bad of [
  () => style.stringEncodings(1),
  () => style.sameString(Symbol('x')),
  () => style.numberReadings('1'),
  () => style.numberReadings(1n),
]) {
  try { log('returned', bad()); } catch (error) { log(error.constructor.name, error.code, error.message); }
}

log(style.globalHas('globalThis'), style.globalHas('process'), style.globalHas('definitelyNotAGlobal'));
