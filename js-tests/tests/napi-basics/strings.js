// napi_get_value_string_utf8: lengths, truncation without splitting characters, NUL termination.
const { addon } = require('../../common');
const basics = addon('napi_basics');
for (const text of ['hello', '', 'ünï', '€uro', '😀x', 'a'.repeat(70)]) {
  for (const size of [0, 1, 2, 3, 4, 6, 64]) console.log(JSON.stringify(text).slice(0, 12), size, basics.utf8(text, size));
}
