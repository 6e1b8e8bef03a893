// sqlite: StatementSync — run/get/all/iterate, anonymous, ?NNN and named parameters (bare and
// unknown names), value conversion both ways (integers, BigInt, doubles, text, blobs from every
// typed array and DataView, null), readBigInts/returnArrays, columns, sourceSQL/expandedSQL.
'use strict';
const { DatabaseSync } = require('node:sqlite');

const db = new DatabaseSync(':memory:');
db.exec('CREATE TABLE v(id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB)');
const insert = db.prepare('INSERT INTO v(i, r, t, b) VALUES (?, ?, ?, ?)');
console.log(insert.run(1, 1.5, 'one', new Uint8Array([1, 2])));
console.log(insert.run(2n, 2, 'zwei ü', Buffer.from('buf')));
console.log(insert.run(null, null, null, null));
console.log(insert.run(-(2n ** 63n), 0.1, '', new Uint16Array([0x102, 0x304])));
console.log(insert.run(2 ** 53 - 1, -0, 'x', new DataView(new Uint8Array([9, 8, 7]).buffer, 1)));
console.log(insert.run(5, 5, 5, new Float64Array([1.5])));
console.log(db.prepare('SELECT * FROM v ORDER BY id').all());
console.log(db.prepare('SELECT * FROM v WHERE id = ?').get(99));

const big = db.prepare('SELECT i FROM v WHERE id = 4');
try {
  big.get();
} catch (err) {
  console.log(err.name, err.code, err.message);
}
big.setReadBigInts(true);
console.log(big.get());
const arrays = db.prepare('SELECT id, t FROM v ORDER BY id LIMIT 2', { returnArrays: true });
console.log(arrays.all());
arrays.setReturnArrays(false);
console.log(arrays.get());
console.log(db.prepare('INSERT INTO v(i) VALUES (7)', { readBigInts: true }).run());

const named = db.prepare('SELECT :a AS a, @b AS b, $c AS c, ?9 AS nine, ? AS anon');
console.log(named.get({ a: 1, '@b': 2, $c: 3 }, 'anonymous'));
named.setAllowBareNamedParameters(false);
try {
  named.get({ a: 1 });
} catch (err) {
  console.log(err.code, err.message);
}
named.setAllowUnknownNamedParameters(true);
console.log(named.get({ ':a': 1, nothing: 2 }));
console.log(db.prepare('SELECT ?1 + ?2 AS sum').get(2, 3));

const iterated = db.prepare('SELECT id FROM v WHERE id < ? ORDER BY id');
const iterator = iterated.iterate(4);
console.log(Object.prototype.toString.call(iterator), typeof iterator[Symbol.iterator], iterator.next());
console.log([...iterator]);
console.log(iterator.next());
const broken = iterated.iterate(4);
broken.next();
iterated.all(2);
try {
  broken.next();
} catch (err) {
  console.log(err.code, err.message);
}
const early = iterated.iterate(10);
for (const row of early) {
  console.log('first', row);
  break;
}
console.log(early.next());

const columns = db.prepare('SELECT id, t AS text, 1 + 1 AS two FROM v');
console.log(columns.columns());
const expanded = db.prepare('SELECT * FROM v WHERE t = ? AND i = ?');
console.log(expanded.sourceSQL);
expanded.get('one', 1);
console.log(expanded.expandedSQL);
console.log(Object.keys(expanded), Object.keys(Object.getPrototypeOf(expanded)));
