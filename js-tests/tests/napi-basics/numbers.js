// int32/uint32/int64/double conversions, including NaN, ±Infinity, fractions and out-of-range values.
const { addon, log } = require('../../common');
const basics = addon('napi_basics');
const values = [0, -0, 1.9, -1.9, 2 ** 31, 2 ** 32 + 5, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 63), 2 ** 63, 1e300, -1e300,
  NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MAX_VALUE, 2 ** 31 - 1, -(2 ** 31), -7, 4294967295, -4294967296.5];
for (const v of values) log(v, basics.numbers(v));

// Thousands of numbers made in one callback: integers (Smis and not), -0 and fractions.
const many = basics.manyNumbers(3000);
let sum = 0;
let negativeZeros = 0;
for (const v of many) {
  sum += v;
  if (Object.is(v, -0)) negativeZeros++;
}
log(many.length, sum, negativeZeros, many.slice(0, 8), many.slice(-4));
