// sqlite: DatabaseSync — opening (paths as string, URL and Buffer, options, read-only, open:
// false), exec, prepare, isOpen/isTransaction, location, limits, defensive mode, serialize and
// deserialize, Symbol.dispose, closing with statements alive, and a worker's own connection.
'use strict';
const { DatabaseSync, StatementSync, constants } = require('node:sqlite');
const { pathToFileURL } = require('url');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Worker } = require('worker_threads');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-sqlite-'));
const file = path.join(dir, 'one.db');

console.log(typeof process.versions.sqlite, /^3\.\d+\.\d+$/.test(process.versions.sqlite));
console.log(require('module').builtinModules.includes('node:sqlite'), require('module').isBuiltin('sqlite'));
console.log(Object.keys(constants).length, constants.SQLITE_INSERT, constants.SQLITE_CHANGESET_ABORT);
console.log(DatabaseSync.length, DatabaseSync.name, Object.keys(DatabaseSync.prototype).slice(0, 5));

const db = new DatabaseSync(file);
console.log(db, db.isOpen, db.isTransaction, db.location() === file, db[Symbol.for('sqlite-type')]);
console.log(db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t(name) VALUES (\'a\'), (\'b\')'));
db.exec('BEGIN');
console.log('in transaction', db.isTransaction);
db.exec('COMMIT');
db.close();
console.log('closed', db.isOpen);

const byUrl = new DatabaseSync(pathToFileURL(file), { readOnly: true });
console.log(byUrl.prepare('SELECT name FROM t ORDER BY id').all());
try {
  byUrl.exec('INSERT INTO t(name) VALUES (\'c\')');
} catch (err) {
  console.log(err.code, err.message, err.errcode, err.errstr);
}
byUrl.close();

const byBuffer = new DatabaseSync(Buffer.from(file), { open: false });
console.log('open false', byBuffer.isOpen);
byBuffer.open();
console.log(byBuffer.prepare('SELECT count(*) AS n FROM t').get());
byBuffer.close();

const memory = new DatabaseSync(':memory:', { timeout: 10, enableForeignKeyConstraints: false });
console.log('memory location', memory.location());
console.log(Object.keys(memory.limits), memory.limits.column);
memory.limits.column = 3;
console.log('column limit', memory.limits.column);
try {
  memory.exec('CREATE TABLE wide(a, b, c, d)');
} catch (err) {
  console.log(err.code, err.message);
}
memory.limits.column = Infinity;
console.log('column limit back', memory.limits.column);

memory.exec('CREATE TABLE kv(k TEXT PRIMARY KEY, v)');
memory.prepare('INSERT INTO kv VALUES (?, ?)').run('x', 1);
const image = memory.serialize();
console.log(image instanceof Uint8Array, Buffer.isBuffer(image), image.length % 512);
const copy = new DatabaseSync(':memory:');
const stale = copy.prepare('SELECT 1');
copy.deserialize(image);
console.log(copy.prepare('SELECT * FROM kv').all());
try {
  stale.get();
} catch (err) {
  console.log(err.code, err.message);
}

// Statements outlive their connection's close: they are finalized, never freed under JS.
const alive = memory.prepare('SELECT * FROM kv');
const iterator = alive.iterate();
memory.close();
for (const use of [() => alive.all(), () => alive.sourceSQL, () => iterator.next(), () => memory.prepare('SELECT 1')]) {
  try {
    use();
  } catch (err) {
    console.log(err.code, err.message);
  }
}

{
  using scoped = new DatabaseSync(':memory:');
  scoped.exec('CREATE TABLE s(x)');
  console.log('scoped open', scoped.isOpen);
  globalThis.scoped = scoped;
}
console.log('disposed', globalThis.scoped.isOpen);
globalThis.scoped[Symbol.dispose]();

// Defensive mode (on by default) refuses writable_schema.
for (const options of [{}, { defensive: false }]) {
  const d = new DatabaseSync(':memory:', options);
  d.exec('PRAGMA writable_schema = ON');
  console.log(JSON.stringify(options), d.prepare('PRAGMA writable_schema').get());
  d.enableDefensive(true);
  d.close();
}

// A connection in a worker, left open when the worker ends.
const worker = new Worker(`
  const { DatabaseSync } = require('node:sqlite');
  const { parentPort, workerData } = require('worker_threads');
  const db = new DatabaseSync(workerData);
  const stmt = db.prepare('SELECT name FROM t ORDER BY id DESC');
  parentPort.postMessage(stmt.all().map((row) => row.name));
`, { eval: true, workerData: file });
worker.on('message', (names) => console.log('worker read', names));
worker.on('exit', (code) => {
  console.log('worker exit', code);
  fs.rmSync(dir, { recursive: true });
  console.log(StatementSync.name);
});
