// sqlite: setAuthorizer (the actions and names SQLite asks about, deny, ignore, bad answers and
// exceptions) and extension loading's switches and errors.
'use strict';
const { DatabaseSync, constants } = require('node:sqlite');

const plain = new DatabaseSync(':memory:');
for (const attempt of [() => plain.loadExtension('/nonexistent/ext'), () => plain.enableLoadExtension(true),
  () => plain.enableLoadExtension('yes'), () => plain.loadExtension(5)]) {
  try {
    attempt();
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
const loading = new DatabaseSync(':memory:', { allowExtension: true });
try {
  loading.loadExtension('/nonexistent/ext');
} catch (err) {
  console.log(err.name, err.code, err.message);
}
loading.enableLoadExtension(false);
try {
  loading.loadExtension('/nonexistent/ext');
} catch (err) {
  console.log(err.name, err.code, err.message);
}

const db = new DatabaseSync(':memory:');
db.exec('CREATE TABLE t(a, secret)');
db.exec('INSERT INTO t VALUES (1, 2)');
const asked = [];
db.setAuthorizer((action, first, second, database, trigger) => {
  asked.push([action, first, second, database, trigger]);
  if (action === constants.SQLITE_READ && second === 'secret') return constants.SQLITE_IGNORE;
  if (action === constants.SQLITE_INSERT) return constants.SQLITE_DENY;
  return constants.SQLITE_OK;
});
console.log(db.prepare('SELECT a, secret FROM t').get());
console.log(asked);
try {
  db.exec('INSERT INTO t VALUES (3, 4)');
} catch (err) {
  console.log(err.code, err.message, err.errcode, err.errstr);
}
for (const answer of [7, 'x', 1.5, undefined]) {
  db.setAuthorizer(() => answer);
  try {
    db.prepare('SELECT 1');
  } catch (err) {
    console.log(String(answer), err.name, err.code, err.message);
  }
}
db.setAuthorizer(() => {
  throw new SyntaxError('from the authorizer');
});
try {
  db.exec('SELECT 1');
} catch (err) {
  console.log(err.name, err.message);
}
db.setAuthorizer(null);
console.log(db.prepare('SELECT count(*) AS n FROM t').get());
for (const bad of [1, undefined]) {
  try {
    db.setAuthorizer(bad);
  } catch (err) {
    console.log(err.code, err.message);
  }
}
// (Left open: node 24.19 crashes closing a connection that had an authorizer.)

