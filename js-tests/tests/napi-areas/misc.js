// BigInts, dates, scripts, versions, external memory, module file name, promises.
const { addon, log } = require('../../common');
const areas = addon('napi_areas');
log(areas.misc());
areas.promises(true).promise.then((value) => log('then', value));
areas.promises(false).promise.catch((value) => log('catch', value));
