// process.env writes reach the C environment that addons read with getenv.
const { addon, log } = require('../../common');
const basics = addon('napi_basics');
process.env.ANODE_ADDON_SEES = 'set from JS';
log(basics.getenv('ANODE_ADDON_SEES'));
process.env.ANODE_ADDON_SEES = 123;
log(basics.getenv('ANODE_ADDON_SEES'));
delete process.env.ANODE_ADDON_SEES;
log(basics.getenv('ANODE_ADDON_SEES'));
log(basics.getenv('PATH') === process.env.PATH);
