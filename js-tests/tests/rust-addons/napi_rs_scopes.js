'use strict';
// napi-rs 3's handle scopes: HandleScope::create + close around each turn of a loop,
// EscapableHandleScope::with escaping one value to the enclosing scope (a second escape
// fails with EscapeCalledTwice), Array read through JsObjectValue::get_element.
const { addon, log } = require('../../common');
const style = addon('napi_rs_style');

log(style.lengthsInScopes(['abc', 'é✓', {}, [1], 7, null, undefined, '']));
log(style.lengthsInScopes([]));

const words = ['a', 'abcd', 'ab', 'abcdef', 'abc', 'x'];
let calls = 0;
log(style.longestEscaped(() => { calls++; return words.shift(); }), calls);
log(JSON.stringify(style.longestEscaped(() => undefined)));

try { log(style.escapeTwice()); } catch (error) { log(error.constructor.name, error.code, error.message); }
try {
  style.longestEscaped(() => { throw new RangeError('from the callback'); });
} catch (error) { log(error.constructor.name, error.message); }
try {
  style.longestEscaped(() => 5);
} catch (error) { log(error.constructor.name, error.code, error.message); }
try {
  style.lengthsInScopes('not an array');
} catch (error) { log(error.constructor.name, error.code, error.message); }
