'use strict';
// napi-rs 3's JsExternal and ExternalRef<T>: externals made with ExternalRef::new or
// External::into_js_external + create_ref, received as ExternalRef (type-checked), changed
// through it, kept across calls (the same JS value), read with JsExternal::get_value.
const { addon, log } = require('../../common');
const style = addon('napi_rs_style');

const made = style.externalRef(41);
const through = style.externalThroughRef(7);
log(typeof made, Object.prototype.toString.call(made), style.readExternal(made), style.readExternal(through));
log(style.keepExternal(made), style.readExternal(made));
const [kept, value] = style.keptExternal(false);
log(kept === made, value);
log(style.keepExternal(through), JSON.stringify(style.keptExternal(true)[1]), style.keptExternal(false));

for (const bad of [
  () => style.keepExternal({}),
  () => style.readExternal(1),
  () => style.readExternalString(made),
]) {
  try { log('returned', bad()); } catch (error) { log(error.constructor.name, error.code, error.message); }
}
