// sqlite: user-defined functions and aggregates — arguments and results converted as node
// does, varargs, useBigIntArguments, deterministic/directOnly, exceptions carried out of
// SQLite, window aggregates with inverse, and start as a value or a function.
'use strict';
const { DatabaseSync } = require('node:sqlite');

const db = new DatabaseSync(':memory:');
db.function('describe', { varargs: true }, (...args) => args.map((arg) => {
  if (arg instanceof Uint8Array) return `blob:${[...arg]}`;
  return `${typeof arg}:${arg}`;
}).join(' '));
console.log(db.prepare('SELECT describe(1, 2.5, \'s\', NULL, x\'0102\') AS d').get());
db.function('bigs', { useBigIntArguments: true }, (a) => typeof a);
console.log(db.prepare('SELECT bigs(9007199254740993) AS t').get());
db.function('twice', { deterministic: true }, (x) => x * 2);
db.exec('CREATE TABLE g(x INTEGER, y INTEGER GENERATED ALWAYS AS (twice(x)))');
db.exec('INSERT INTO g(x) VALUES (21)');
console.log(db.prepare('SELECT * FROM g').get());
db.function('returns', (kind) => ({
  bigint: 5n,
  blob: new Uint8Array([1]),
  undef: undefined,
  huge: 2n ** 64n,
  promise: Promise.resolve(1),
  object: {},
}[kind]));
for (const kind of ['bigint', 'blob', 'undef', 'huge', 'promise', 'object']) {
  try {
    console.log(kind, db.prepare('SELECT returns(?) AS r').get(kind));
  } catch (err) {
    console.log(kind, err.code, err.message, err.errcode);
  }
}
db.function('fails', () => {
  throw new RangeError('from js');
});
try {
  db.exec('SELECT fails()');
} catch (err) {
  console.log(err.name, err.message, err.code);
}
try {
  db.prepare('SELECT twice(1, 2)');
} catch (err) {
  console.log(err.code, err.message);
}

db.exec('CREATE TABLE w(k TEXT, n INTEGER); INSERT INTO w VALUES (\'a\', 1), (\'b\', 2), (\'c\', 3), (\'d\', 4)');
db.aggregate('total', { start: 0, step: (acc, n) => acc + n });
db.aggregate('list', { start: () => [], step: (acc, k) => [...acc, k], result: (acc) => acc.join('|') });
console.log(db.prepare('SELECT total(n) AS t, list(k) AS l FROM w').get());
console.log(db.prepare('SELECT total(n) AS t FROM w WHERE 0').get());
db.aggregate('moving', { start: 0, step: (acc, n) => acc + n, inverse: (acc, n) => acc - n });
console.log(db.prepare('SELECT k, moving(n) OVER (ORDER BY k ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS m FROM w').all());
try {
  db.prepare('SELECT total(n) OVER () FROM w');
} catch (err) {
  console.log(err.code, err.message);
}
db.aggregate('boom', { start: 0, step: () => { throw new Error('step failed'); } });
try {
  db.prepare('SELECT boom(n) FROM w').get();
} catch (err) {
  console.log(err.message, err.code);
}
