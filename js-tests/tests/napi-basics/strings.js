// napi_get_value_string_utf8: lengths, truncation without splitting characters, NUL termination.
const { addon, log } = require('../../common');
const basics = addon('napi_basics');
// Latin-1 after an ASCII prefix, a rope (flattened before it is read), a lone surrogate.
const join = (a, b) => a + b;
const rope = join('caféééé', 'ÿ!ÿ!ÿ!ÿ');
for (const text of ['hello', '', 'ünï', '€uro', '😀x', 'a'.repeat(70), 'abcdé', rope, 'x\ud800y']) {
  for (const size of [0, 1, 2, 3, 4, 6, 64]) log(JSON.stringify(text).slice(0, 12), size, basics.utf8(text, size));
}
