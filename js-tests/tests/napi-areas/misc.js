// BigInts, dates, scripts, versions, external memory, module file name, promises.
const { addon } = require('../../common');
const areas = addon('napi_areas');
console.log(areas.misc());
areas.promises(true).promise.then((value) => console.log('then', value));
areas.promises(false).promise.catch((value) => console.log('catch', value));
