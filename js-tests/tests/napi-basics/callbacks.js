// napi_get_cb_info pads argv with undefined, reports the real argc, this and data;
// napi functions are found by dlsym on the main program too.
const { addon } = require('../../common');
const basics = addon('napi_basics');
console.log(basics.cbInfo());
console.log(basics.cbInfo(1, 'two'));
console.log(basics.cbInfo(1, 2, 3, 4, 5, 6));
const receiver = { method: basics.cbInfo };
console.log(receiver.method('x').this === receiver);
console.log(new basics.cbInfo(1).argc);
console.log(basics.cbInfo.name, basics.nullArgs.name);
console.log(require('../../common').addon('napi_basics').selfLookup());
