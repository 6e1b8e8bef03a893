// Properties by key, name and index, key collection, prototypes, define, freeze and seal.
const { addon, log } = require('../../common');
const areas = addon('napi_areas');
const target = { a: 1, [Symbol('sym')]: 's', 1: 'one' };
Object.defineProperty(target, 'hidden', { value: 'h', enumerable: false, configurable: true });
log(areas.properties(target));
log(target, Object.isFrozen(target), Object.getOwnPropertyDescriptors(target).readonly);
log(areas.arrays(), Object.isSealed(areas.arrays().sealed));
