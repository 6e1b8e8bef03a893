// Statuses for NULL and wrong-typed arguments, and napi_get_last_error_info's messages.
const { addon, log } = require('../../common');
const basics = addon('napi_basics');
for (const [probe, status] of Object.entries(basics.nullArgs())) log(`${probe}: ${status}`);
for (const value of [1, 'str', true, null, undefined, {}, [], () => {}, Symbol('s'), 10n]) {
  log(typeof value === 'symbol' ? 'symbol' : typeof value === 'bigint' ? '10n' : JSON.stringify(value) ?? String(value),
    basics.wrongTypes(value));
}
