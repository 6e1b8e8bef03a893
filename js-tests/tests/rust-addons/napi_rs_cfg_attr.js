'use strict';
// #[napi] behind cfg_attr on a struct, its impl and each member (napi-rs's example crate
// writes its Bird class so): members exist where the predicate holds, and only there.
const { addon, log } = require('../../common');
const { Sparrow } = addon('napi_rs_style');

const sparrow = new Sparrow('Jack');
log(sparrow.describe(), sparrow.name);
log(Object.getOwnPropertyNames(Sparrow.prototype).sort());
log('hidden' in sparrow, typeof sparrow.description);
