// util.inspect and console.log show a string longer than its line a line at a time ('a\\n' +
// 'b'), each piece quoted on its own, indented under its property, as node 24 does.
'use strict';
const util = require('util');
const s = "line one of text\nline two of the text that is long enough to exceed the break length\nthree";
const short = "a\nb\nc";
const mid = "0123456789\n0123456789\n0123456789\n0123456789\n0123456789\n0123456789\n012345678";
console.log({a: s}); console.log([s]); console.log(util.inspect(s)); console.log(util.inspect({x:{y:s}}, {compact: false}));
console.log({ short, mid, m2: [mid, short], deep: { deeper: { deepest: mid } } });
console.log(util.inspect(s, { compact: true }), util.inspect(s, { breakLength: Infinity }));
console.log(new Map([[s, short]]), new Set([mid]));
console.log(util.inspect('x'.repeat(100)), util.inspect("it's\nquoted 'here' and \"there\"\n and `back` ticks so long it breaks"));
console.log(util.inspect({ s }, { maxStringLength: 20 }), util.inspect([mid], { colors: true }));
console.log(util.format('%o', { s }), util.format('%O', [mid]));
const e = new Error('m'); e.extra = mid; console.log(util.inspect(e).split('\n').filter(l => !l.includes(' at ')).join('\n'));
