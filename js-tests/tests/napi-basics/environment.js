// process.env writes reach the C environment that addons read with getenv.
const { addon } = require('../../common');
const basics = addon('napi_basics');
process.env.ANODE_ADDON_SEES = 'set from JS';
console.log(basics.getenv('ANODE_ADDON_SEES'));
process.env.ANODE_ADDON_SEES = 123;
console.log(basics.getenv('ANODE_ADDON_SEES'));
delete process.env.ANODE_ADDON_SEES;
console.log(basics.getenv('ANODE_ADDON_SEES'));
console.log(basics.getenv('PATH') === process.env.PATH);
