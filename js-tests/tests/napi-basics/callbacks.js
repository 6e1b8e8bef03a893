// napi_get_cb_info pads argv with undefined, reports the real argc, this and data;
// napi functions are found by dlsym on the main program too.
const { addon, log } = require('../../common');
const basics = addon('napi_basics');
log(basics.cbInfo());
log(basics.cbInfo(1, 'two'));
log(basics.cbInfo(1, 2, 3, 4, 5, 6));
const receiver = { method: basics.cbInfo };
log(receiver.method('x').this === receiver);
log(new basics.cbInfo(1).argc);
log(basics.cbInfo.name, basics.nullArgs.name);
log(require('../../common').addon('napi_basics').selfLookup());
