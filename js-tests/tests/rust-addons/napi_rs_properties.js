'use strict';
// anode-napi's Property (napi-rs 3's builder: with_utf8_name, with_value, with_getter,
// with_method, with_property_attributes) defined with define_properties on an object and with
// Env::define_class on a class; every #[napi] function's callback is `<name>_c_callback`.
// Closure accessors (with_getter_closure/with_setter_closure); napi-rs's conversion error
// messages; an Error made from a JS value (From<Unknown>, from_unknown_without_coercion).
const { addon, log } = require('../../common');
const style = addon('napi_rs_style');

const object = style.objectWithProperties();
log(Object.keys(object), object.getter, object.double(21), object.hidden, object.value instanceof ArrayBuffer);
for (const name of ['value', 'getter', 'hidden', 'double']) {
  const { writable, enumerable, configurable, get, set } = Object.getOwnPropertyDescriptor(object, name);
  log(name, { writable, enumerable, configurable, get: typeof get, set: typeof set });
}
try { object.value = 1; } catch (error) { log(error.constructor.name, error.message); }
try { object.double('x'); } catch (error) { log(error.constructor.name, error.code, error.message); }
log(style.answer());

const Dynamic = style.dynamicClass();
const instance = new Dynamic(7);
log(Dynamic.name, Dynamic.kind, instance.get(), instance instanceof Dynamic, Object.keys(Dynamic), Object.getOwnPropertyNames(Dynamic.prototype));
try { new Dynamic('x'); } catch (error) { log(error.constructor.name, error.code, error.message); }

const withClosures = style.objectWithClosureAccessors("I'm ");
withClosures.name = 'Ann';
log(withClosures.name, withClosures._name, withClosures[withClosures.ageSymbol], typeof Object.getOwnPropertyDescriptor(withClosures, 'name').set);
try { withClosures.name = 1; } catch (error) { log(error.constructor.name, error.code, error.message); }
for (const value of [1, function named() {}, () => {}, { a: [1, { b: 'c' }] }, Symbol('s'), undefined, null, 10n, false]) {
  try { style.objectWithClosureAccessors(value); } catch (error) { log(error.constructor.name, error.code, error.message); }
}

const original = new TypeError('original', { cause: new Error('inner') });
original.extra = 1;
try { style.rethrowAsError(original); } catch (error) { log(error === original, error.extra); }
for (const value of [original, 'text', 42, { message: 'plain' }, null]) {
  log(style.describeErrorFrom(value, true), style.describeErrorFrom(value, false));
}
