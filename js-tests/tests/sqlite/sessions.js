// sqlite: Session and applyChangeset — changesets and patchsets of one table or all, filters,
// every conflict kind with each answer, aborts, exceptions from handlers, closing (twice,
// after the connection) and node's argument errors. (node 24.19 crashes using a session after
// its connection reopened, or closing one while SQLite writes its changes: not compared.)
'use strict';
const { DatabaseSync, Session, constants } = require('node:sqlite');

const source = new DatabaseSync(':memory:');
const target = new DatabaseSync(':memory:');
const schema = 'CREATE TABLE a(k INTEGER PRIMARY KEY, v TEXT UNIQUE); CREATE TABLE b(k INTEGER PRIMARY KEY)';
source.exec(schema);
target.exec(schema);
const all = source.createSession();
const onlyB = source.createSession({ table: 'b' });
console.log(all, Object.keys(Session.prototype), all.changeset().length);
source.exec("INSERT INTO a VALUES (1, 'one'), (2, 'two'); INSERT INTO b VALUES (10)");
const changes = all.changeset();
console.log(changes instanceof Uint8Array, changes.length, all.patchset().length, onlyB.changeset().length);

console.log('filtered', target.applyChangeset(changes, { filter: (table) => table === 'b' }),
            target.prepare('SELECT count(*) AS n FROM a').get(), target.prepare('SELECT * FROM b').all());
target.exec("DELETE FROM b; INSERT INTO a VALUES (1, 'uno')");
const kinds = [];
console.log('omit', target.applyChangeset(changes, {
  onConflict: (kind) => {
    kinds.push(kind);
    return constants.SQLITE_CHANGESET_OMIT;
  },
}), kinds, target.prepare('SELECT * FROM a ORDER BY k').all());
console.log('replace', target.applyChangeset(changes, { onConflict: () => constants.SQLITE_CHANGESET_REPLACE }),
            target.prepare('SELECT * FROM a ORDER BY k').all());
console.log('default abort', target.applyChangeset(changes));
for (const onConflict of [() => 9, () => 'x', () => { throw new TypeError('from onConflict'); }]) {
  try {
    console.log(target.applyChangeset(changes, { onConflict }));
  } catch (err) {
    console.log(err.name, err.code, err.message, err.errcode, err.errstr);
  }
}
try {
  target.applyChangeset(changes, { filter: (table) => { throw new Error(`no ${table}`); } });
} catch (err) {
  console.log(err.message);
}
for (const bad of [() => target.applyChangeset('x'), () => target.applyChangeset(changes, 1),
  () => target.applyChangeset(changes, { filter: 1 }), () => target.applyChangeset(changes, { onConflict: 1 }),
  () => target.applyChangeset(new Uint8Array([1, 2, 3])), () => source.createSession(1),
  () => source.createSession({ table: 1 }), () => source.createSession({ db: 1 }), () => new Session()]) {
  try {
    bad();
  } catch (err) {
    console.log(err.name, err.code, err.message, err.errcode);
  }
}

const busy = source.createSession({ table: 'a' });
source.exec("INSERT INTO a VALUES (3, 'three')");
console.log('has changes', busy.changeset().length > 0);
busy.close();
for (const use of [() => busy.close(), () => busy.patchset()]) {
  try {
    use();
  } catch (err) {
    console.log(err.code, err.message);
  }
}
busy[Symbol.dispose]();
{
  using scoped = target.createSession();
  console.log('scoped', scoped.changeset().length);
  globalThis.scoped = scoped;
}
try {
  globalThis.scoped.changeset();
} catch (err) {
  console.log(err.code, err.message);
}
const orphan = target.createSession();
target.close();
for (const use of [() => orphan.changeset(), () => orphan.close(), () => target.createSession(), () => target.applyChangeset(changes)]) {
  try {
    use();
  } catch (err) {
    console.log(err.code, err.message);
  }
}
