'use strict';
// anode-napi's Property (napi-rs 3's builder: with_utf8_name, with_value, with_getter,
// with_method, with_property_attributes) defined with define_properties on an object and with
// Env::define_class on a class; every #[napi] function's callback is `<name>_c_callback`.
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
