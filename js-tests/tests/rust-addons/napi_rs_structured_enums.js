'use strict';
// napi-rs's structured enums in anode-napi: a #[napi] enum with fields converts to and from
// plain objects tagged by a discriminant property (`discriminant = "kind"`, `type` by
// default, `discriminant_case`), tuple variants' fields as field0/field1 (or js_name),
// `None` fields left out.
const { addon, log } = require('../../common');
const style = addon('napi_rs_style');

for (const shape of [
  { kind: 'Point' },
  { kind: 'Circle', radius: 1.5 },
  { kind: 'Labelled', sideCount: 3 },
  { kind: 'Labelled', label: 'tri', sideCount: 3 },
  { kind: 'Pair', field0: 4, second: 5 },
  { kind: 'Point', extra: true },
]) {
  log(shape, style.echoShape(shape), style.describeShape(shape));
}
log(style.echoUiEvent({ type: 'key-down', keyCode: 13 }), style.echoUiEvent({ type: 'window-closed' }));

for (const bad of [
  () => style.echoShape({ kind: 'Square' }),
  () => style.echoShape({ kind: 'Circle' }),
  () => style.echoShape({ kind: 'Circle', radius: 'big' }),
  () => style.echoShape({}),
  () => style.echoShape('Point'),
  () => style.echoUiEvent({ type: 'KeyDown', keyCode: 1 }),
]) {
  try {
    log('returned', bad());
  } catch (error) {
    log(error.constructor.name, error.code, error.message);
  }
}
