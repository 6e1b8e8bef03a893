// sqlite: node's errors for bad arguments and states — class, code, message and own keys.
'use strict';
const { DatabaseSync, StatementSync } = require('node:sqlite');

function attempt(label, fn) {
  try {
    console.log(label, 'ok', fn());
  } catch (err) {
    console.log(label, err.name, err.code, JSON.stringify(err.message), Object.keys(err), err.stack.split('\n')[0]);
  }
}

attempt('require without scheme', () => require('sqlite'));
attempt('no new', () => DatabaseSync(':memory:'));
attempt('StatementSync', () => new StatementSync());
attempt('path number', () => new DatabaseSync(5));
attempt('path nul', () => new DatabaseSync('a\0b'));
attempt('http URL', () => new DatabaseSync(new URL('http://example.com/x.db')));
attempt('missing dir', () => new DatabaseSync('/nonexistent-dir/x.db'));
for (const option of ['open', 'readOnly', 'enableForeignKeyConstraints', 'enableDoubleQuotedStringLiterals',
  'allowExtension', 'readBigInts', 'returnArrays', 'allowBareNamedParameters', 'allowUnknownNamedParameters',
  'defensive']) {
  attempt(option, () => new DatabaseSync(':memory:', { [option]: 1 }));
}
attempt('options', () => new DatabaseSync(':memory:', 'x'));
attempt('timeout', () => new DatabaseSync(':memory:', { timeout: 1.5 }));
attempt('limits', () => new DatabaseSync(':memory:', { limits: 1 }));
attempt('limits value', () => new DatabaseSync(':memory:', { limits: { attach: -1 } }));

const db = new DatabaseSync(':memory:');
attempt('open twice', () => db.open());
attempt('exec number', () => db.exec(1));
attempt('syntax', () => db.exec('SELEKT 1'));
attempt('prepare options', () => db.prepare('SELECT 1', { returnArrays: 'yes' }));
attempt('location', () => db.location(1));
attempt('function name', () => db.function(1, () => {}));
attempt('function fn', () => db.function('f', {}));
attempt('function option', () => db.function('f', { varargs: 1 }, () => {}));
attempt('aggregate start', () => db.aggregate('a', { step() {} }));
attempt('aggregate inverse', () => db.aggregate('a', { start: 0, step() {}, inverse: 1 }));
attempt('limit type', () => { db.limits.attach = 'x'; });
attempt('limit negative', () => { db.limits.attach = -1; });
attempt('deserialize', () => db.deserialize('x'));
attempt('deserialize empty', () => db.deserialize(Buffer.alloc(0)));
attempt('serialize unknown', () => db.serialize('nope'));
attempt('defensive', () => db.enableDefensive('x'));
attempt('illegal invocation', () => DatabaseSync.prototype.exec.call({}, 'SELECT 1'));

db.exec('CREATE TABLE u(k INTEGER PRIMARY KEY, v INTEGER NOT NULL) STRICT');
const stmt = db.prepare('INSERT INTO u VALUES (?, ?)');
attempt('unique', () => { stmt.run(1, 1); return stmt.run(1, 1); });
attempt('not null', () => stmt.run(2, null));
attempt('bind object', () => stmt.run(3, {}));
attempt('bind boolean', () => stmt.run(3, true));
attempt('bind big', () => stmt.run(2n ** 64n, 1));
attempt('too many', () => stmt.run(1, 2, 3));
attempt('unknown named', () => db.prepare('SELECT :x').get({ y: 1 }));
attempt('bare conflict', () => db.prepare('SELECT :x, $x').get({ x: 1 }));
attempt('setReadBigInts', () => stmt.setReadBigInts(1));
attempt('setReturnArrays', () => stmt.setReturnArrays(1));
attempt('setAllowBare', () => stmt.setAllowBareNamedParameters(1));
attempt('setAllowUnknown', () => stmt.setAllowUnknownNamedParameters(1));
db.close();
attempt('closed exec', () => db.exec('SELECT 1'));
attempt('closed close', () => db.close());
attempt('closed isTransaction', () => db.isTransaction);
attempt('closed limits', () => db.limits);
attempt('finalized', () => stmt.run(1, 2));
attempt('finalized setter', () => stmt.setReadBigInts(1));
