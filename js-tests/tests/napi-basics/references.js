// References made and deleted in a scrambled order, hundreds at a time: each reads back the
// value it was made for with the right count; primitives other than symbols are
// napi_invalid_arg before Node-API 10.
const { addon, log } = require('../../common');
const basics = addon('napi_basics');

class Point { constructor(x) { this.x = x; } }
const kinds = [
  (i) => ({ i }), (i) => new Point(i), (i) => [i], (i) => function named() { return i; },
  (i) => Symbol(`s${i}`), (i) => `text ${i}`, (i) => i, (i) => i + 0.5, (i) => (i % 2 === 0),
  (i) => new Map([[i, i]]), (i) => Object.create(null), (i) => BigInt(i), () => undefined, () => null,
];
const values = Array.from({ length: 280 }, (_, i) => kinds[i % kinds.length](i));
const result = basics.referenceChurn(values, 6);
const byStatus = {};
for (const [i, status] of result.statuses.entries()) {
  const value = values[i];
  const kind = value === null ? 'null' : typeof value;
  byStatus[`${kind} -> ${status}`] = (byStatus[`${kind} -> ${status}`] || 0) + 1;
}
log(byStatus);
log('live:', result.live, 'mismatches:', result.mismatches, 'several chunks:', result.severalChunks);
