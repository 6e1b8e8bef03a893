// sqlite: createTagStore — statements from tagged templates cached by their SQL (least
// recently used out), capacity as node reads it, and its errors.
'use strict';
const { DatabaseSync } = require('node:sqlite');

const db = new DatabaseSync(':memory:');
db.exec('CREATE TABLE t(a INTEGER, b TEXT)');
const sql = db.createTagStore();
console.log(sql, sql.capacity, sql.size, sql.db === db, Object.keys(Object.getPrototypeOf(sql)));
console.log(sql.run`INSERT INTO t VALUES (${1}, ${'one'})`, sql.run`INSERT INTO t VALUES (${2}, ${'two'})`, sql.size);
console.log(sql.get`SELECT * FROM t WHERE a = ${2}`, sql.all`SELECT b FROM t ORDER BY a`);
console.log([...sql.iterate`SELECT a FROM t WHERE a > ${0}`], sql.size);
sql.clear();
console.log('cleared', sql.size);
const two = db.createTagStore(2);
two.get`SELECT 1`;
two.get`SELECT 2`;
two.get`SELECT 1`;
two.get`SELECT 3`;
console.log('lru', two.size);
for (const capacity of ['x', -1, 1.5, 2 ** 40, null, 0, NaN, 5n]) {
  console.log(String(capacity), db.createTagStore(capacity).capacity);
}
const none = db.createTagStore(0);
none.get`SELECT 1`;
console.log('capacity 0 keeps', none.size);
for (const bad of [() => sql.get('SELECT 1'), () => sql.get(5), () => sql.run(['SELECT ?'], 1, 2)]) {
  try {
    bad();
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
db.close();
for (const bad of [() => sql.get`SELECT 1`, () => db.createTagStore()]) {
  try {
    bad();
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
console.log('size after close', sql.size);
