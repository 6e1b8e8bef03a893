'use strict';
// node:sqlite: synchronous SQLite connections (DatabaseSync) and prepared statements
// (StatementSync) over the bundled SQLite in the native binding, with node's argument checks
// and errors. Connections and statements nothing references any more are closed and
// finalized when collected; a connection's close finalizes its statements.

const { URL } = require('internal/web');

const native = binding.sqlite();
const kType = Symbol.for('sqlite-type');

// Errors as node's C++ throws them: the plain class name in the stack and an own `code`.
function nativeError(Base, code, message) {
  const err = new Base(message);
  err.code = code;
  return err;
}

const invalidArgType = (message) => nativeError(TypeError, 'ERR_INVALID_ARG_TYPE', message);
const invalidState = (message) => nativeError(Error, 'ERR_INVALID_STATE', message);
const illegalInvocation = () => new TypeError('Illegal invocation');
const illegalConstructor = () => nativeError(Error, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');

function optionalBoolean(options, name, fallback) {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalidArgType(`The "options.${name}" argument must be a boolean.`);
  return value;
}

// sqlite3_limit's ids, by the names DatabaseSync#limits uses.
const limitIds = {
  length: 0,
  sqlLength: 1,
  column: 2,
  exprDepth: 3,
  compoundSelect: 4,
  vdbeOp: 5,
  functionArg: 6,
  attach: 7,
  likePatternLength: 8,
  variableNumber: 9,
  triggerDepth: 10,
};
// Any value past a limit's compile-time maximum sets it to that maximum.
const kLimitMaximum = 0x7fffffff;

const isInt32 = (value) => Number.isInteger(value) && value === (value | 0);

function pathOf(path) {
  const invalidPath = () =>
    invalidArgType('The "path" argument must be a string, Uint8Array, or URL without null bytes.');
  let text;
  if (typeof path === 'string') {
    text = path;
  } else if (path instanceof Uint8Array) {
    text = new TextDecoder().decode(path);
  } else if (path instanceof URL) {
    if (path.protocol !== 'file:') throw nativeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file:');
    text = path.href;
  } else {
    throw invalidPath();
  }
  if (text.includes('\0')) throw invalidPath();
  return text;
}

function limitsOption(limits) {
  if (limits === undefined) return [];
  if (limits === null || typeof limits !== 'object') {
    throw invalidArgType('The "options.limits" argument must be an object.');
  }
  const pairs = [];
  for (const name of Object.keys(limitIds)) {
    const value = limits[name];
    if (value === undefined) continue;
    if (!Number.isInteger(value)) throw invalidArgType(`The "options.limits.${name}" argument must be an integer.`);
    if (value < 0) {
      throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', `The "options.limits.${name}" argument must be non-negative.`);
    }
    pairs.push([limitIds[name], Math.min(value, kLimitMaximum)]);
  }
  return pairs;
}

const databases = new FinalizationRegistry((id) => native.close(id));
const statements = new FinalizationRegistry((id) => native.finalize(id));
const sessions = new FinalizationRegistry((id) => native.sessionFree(id));

// Methods enumerable, as on node's C++ prototypes.
function enumerableMethods(prototype) {
  for (const name of Object.getOwnPropertyNames(prototype)) {
    if (name !== 'constructor') Object.defineProperty(prototype, name, { __proto__: null, enumerable: true });
  }
}

// Passed by this module's factories to constructors that JS may not call.
const kConstructing = Symbol('kConstructing');

let isDatabase;

// The class behind DatabaseSync, which node's constructor function fronts (a call without
// `new` gets node's ERR_CONSTRUCT_CALL_REQUIRED rather than V8's class error).
class Database {
  #id = 0;
  #location;
  #open = {};
  #statementDefaults;
  #extensionsEnabled = false;
  // The JS callbacks SQLite calls (it holds them weakly): functions, aggregates' options, the
  // authorizer.
  #callbacks = [];
  #authorizer = null;

  static {
    isDatabase = (value) => value !== null && typeof value === 'object' && #id in value;
  }

  constructor(path, options) {
    this.#location = pathOf(path);
    let open = true;
    if (options !== undefined) {
      if (options === null || typeof options !== 'object') throw invalidArgType('The "options" argument must be an object.');
      open = optionalBoolean(options, 'open', true);
      const readOnly = optionalBoolean(options, 'readOnly', false);
      const foreignKeys = optionalBoolean(options, 'enableForeignKeyConstraints', true);
      const doubleQuoted = optionalBoolean(options, 'enableDoubleQuotedStringLiterals', false);
      const allowExtension = optionalBoolean(options, 'allowExtension', false);
      const timeout = options.timeout;
      if (timeout !== undefined && !isInt32(timeout)) {
        throw invalidArgType('The "options.timeout" argument must be an integer.');
      }
      const readBigInts = optionalBoolean(options, 'readBigInts', false);
      const returnArrays = optionalBoolean(options, 'returnArrays', false);
      const allowBare = optionalBoolean(options, 'allowBareNamedParameters', true);
      const allowUnknown = optionalBoolean(options, 'allowUnknownNamedParameters', false);
      const defensive = optionalBoolean(options, 'defensive', true);
      const limits = limitsOption(options.limits);
      this.#open = { readOnly, foreignKeys, doubleQuoted, allowExtension, timeout: timeout ?? 0, defensive, limits };
      this.#statementDefaults = { readBigInts, returnArrays, allowBare, allowUnknown };
    } else {
      this.#open = { readOnly: false, foreignKeys: true, doubleQuoted: false, allowExtension: false, timeout: 0, defensive: true, limits: [] };
    }
    this.#statementDefaults ??= { readBigInts: false, returnArrays: false, allowBare: true, allowUnknown: false };
    Object.defineProperties(this, {
      isOpen: { __proto__: null, get: () => this.#id !== 0, enumerable: true, configurable: false },
      isTransaction: {
        __proto__: null,
        get: () => native.isTransaction(this.#connection()),
        enumerable: true,
        configurable: false,
      },
      limits: { __proto__: null, get: () => this.#limits(), enumerable: true, configurable: false },
    });
    this[kType] = 'node:sqlite';
    if (open) this.#openConnection();
  }

  #openConnection() {
    if (this.#id !== 0) throw invalidState('database is already open');
    const { readOnly, foreignKeys, doubleQuoted, allowExtension, timeout, defensive, limits } = this.#open;
    this.#id = native.open(this.#location, readOnly, foreignKeys, doubleQuoted, timeout, allowExtension, limits, defensive);
    this.#extensionsEnabled = allowExtension;
    databases.register(this, this.#id, this);
  }

  #connection() {
    if (this.#id === 0) throw invalidState('database is not open');
    return this.#id;
  }

  #limits() {
    this.#connection();
    const limits = {};
    for (const [name, which] of Object.entries(limitIds)) {
      Object.defineProperty(limits, name, {
        __proto__: null,
        get: () => native.limit(this.#connection(), which),
        set: (value) => {
          if (value === Infinity) value = kLimitMaximum;
          else if (!Number.isInteger(value)) {
            throw invalidArgType('Limit value must be a non-negative integer or Infinity.');
          } else if (value < 0) {
            throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', 'Limit value must be non-negative.');
          }
          native.limit(this.#connection(), which, Math.min(value, kLimitMaximum));
        },
        enumerable: true,
        configurable: false,
      });
    }
    return limits;
  }

  open() {
    if (!isDatabase(this)) throw illegalInvocation();
    this.#openConnection();
  }

  close() {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    databases.unregister(this);
    this.#id = 0;
    native.close(id);
  }

  prepare(sql = undefined, options = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    if (typeof sql !== 'string') throw invalidArgType('The "sql" argument must be a string.');
    let settings = this.#statementDefaults;
    if (options !== undefined) {
      if (options === null || typeof options !== 'object') throw invalidArgType('The "options" argument must be an object.');
      const returnArrays = optionalBoolean(options, 'returnArrays', settings.returnArrays);
      const readBigInts = optionalBoolean(options, 'readBigInts', settings.readBigInts);
      const allowBare = optionalBoolean(options, 'allowBareNamedParameters', settings.allowBare);
      const allowUnknown = optionalBoolean(options, 'allowUnknownNamedParameters', settings.allowUnknown);
      settings = { readBigInts, returnArrays, allowBare, allowUnknown };
    }
    return newStatement(this, native.prepare(id, sql), settings);
  }

  exec(sql = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    if (typeof sql !== 'string') throw invalidArgType('The "sql" argument must be a string.');
    native.exec(id, sql);
  }

  function(...args) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    const [name] = args;
    if (typeof name !== 'string') throw invalidArgType('The "name" argument must be a string.');
    // (name, fn) or (name, options, fn).
    let options = {};
    let fn = args[1];
    if (args.length >= 3) {
      options = args[1];
      fn = args[2];
      if (options === null || typeof options !== 'object') throw invalidArgType('The "options" argument must be an object.');
    }
    const useBigIntArguments = optionalBoolean(options, 'useBigIntArguments', false);
    const varargs = optionalBoolean(options, 'varargs', false);
    const deterministic = optionalBoolean(options, 'deterministic', false);
    const directOnly = optionalBoolean(options, 'directOnly', false);
    if (typeof fn !== 'function') throw invalidArgType('The "function" argument must be a function.');
    this.#callbacks.push(fn);
    native.createFunction(id, name, fn, varargs ? -1 : fn.length, deterministic, directOnly, useBigIntArguments);
  }

  createTagStore(capacity = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    this.#connection();
    return newTagStore(this, tagStoreCapacity(capacity));
  }

  location(dbName = undefined) {
    if (dbName === undefined) dbName = 'main';
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    if (typeof dbName !== 'string') throw invalidArgType('The "dbName" argument must be a string.');
    return native.location(id, dbName);
  }

  aggregate(name = undefined, options = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    const start = options.start;
    if (start === undefined) {
      throw invalidArgType('The "options.start" argument must be a function or a primitive value.');
    }
    const step = options.step;
    if (typeof step !== 'function') throw invalidArgType('The "options.step" argument must be a function.');
    const useBigIntArguments = optionalBoolean(options, 'useBigIntArguments', false);
    const varargs = optionalBoolean(options, 'varargs', false);
    const directOnly = optionalBoolean(options, 'directOnly', false);
    const inverse = options.inverse;
    if (inverse !== undefined && typeof inverse !== 'function') {
      throw invalidArgType('The "options.inverse" argument must be a function.');
    }
    // The accumulator is the callbacks' first parameter, not an SQL argument.
    const argc = varargs ? -1 : Math.max(step.length - 1, inverse === undefined ? 0 : inverse.length - 1, 0);
    const result = options.result;
    this.#callbacks.push(start, step, inverse, result);
    native.createAggregate(id, `${name}`, start, step, inverse, typeof result === 'function' ? result : undefined, argc,
                           directOnly, useBigIntArguments);
  }

  createSession(options = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    let table;
    let dbName = 'main';
    if (options !== undefined) {
      if (options === null || typeof options !== 'object') throw invalidArgType('The "options" argument must be an object.');
      if (options.table !== undefined) {
        if (typeof options.table !== 'string') throw invalidArgType('The "options.table" argument must be a string.');
        table = options.table;
      }
      if (options.db !== undefined) {
        if (typeof options.db !== 'string') throw invalidArgType('The "options.db" argument must be a string.');
        dbName = options.db;
      }
    }
    return newSession(this, () => this.#connection(), native.createSession(id, table, dbName));
  }

  applyChangeset(changeset = undefined, options = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    if (!(changeset instanceof Uint8Array)) throw invalidArgType('The "changeset" argument must be a Uint8Array.');
    let filter;
    let onConflict;
    if (options !== undefined) {
      if (options === null || typeof options !== 'object') throw invalidArgType('The "options" argument must be an object.');
      filter = options.filter;
      if (filter !== undefined && typeof filter !== 'function') {
        throw invalidArgType('The "options.filter" argument must be a function.');
      }
      onConflict = options.onConflict;
      if (onConflict !== undefined && typeof onConflict !== 'function') {
        throw invalidArgType('The "options.onConflict" argument must be a function.');
      }
    }
    return native.applyChangeset(id, changeset, filter, onConflict);
  }

  enableLoadExtension(allow = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    if (typeof allow !== 'boolean') throw invalidArgType('The "allow" argument must be a boolean.');
    if (allow && !this.#open.allowExtension) {
      throw invalidState('Cannot enable extension loading because it was disabled at database creation.');
    }
    native.enableLoadExtension(id, allow);
    this.#extensionsEnabled = allow;
  }

  enableDefensive(active = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    if (typeof active !== 'boolean') throw invalidArgType('The "active" argument must be a boolean.');
    native.setDefensive(id, active);
  }

  loadExtension(path = undefined, entryPoint = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    if (!this.#extensionsEnabled) throw invalidState('extension loading is not allowed');
    if (typeof path !== 'string') throw invalidArgType('The "path" argument must be a string.');
    native.loadExtension(id, path, entryPoint);
  }

  serialize(dbName = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    if (dbName === undefined) dbName = 'main';
    if (typeof dbName !== 'string') throw invalidArgType('The "dbName" argument must be a string.');
    return native.serialize(id, dbName);
  }

  deserialize(buffer = undefined, options = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    if (!(buffer instanceof Uint8Array)) throw invalidArgType('The "buffer" argument must be a Uint8Array.');
    if (buffer.byteLength === 0) throw nativeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'The "buffer" argument must not be empty.');
    let dbName = 'main';
    if (options !== undefined) {
      if (options === null || typeof options !== 'object') throw invalidArgType('The "options" argument must be an object.');
      if (options.dbName !== undefined) {
        if (typeof options.dbName !== 'string') throw invalidArgType('The "options.dbName" argument must be a string.');
        dbName = options.dbName;
      }
    }
    native.deserialize(id, buffer, dbName);
  }

  setAuthorizer(callback = undefined) {
    if (!isDatabase(this)) throw illegalInvocation();
    const id = this.#connection();
    if (callback !== null && typeof callback !== 'function') {
      throw invalidArgType('The "callback" argument must be a function or null.');
    }
    native.setAuthorizer(id, callback);
    this.#authorizer = callback;
  }

  [Symbol.dispose]() {
    if (!isDatabase(this)) throw illegalInvocation();
    if (this.#id !== 0) this.close();
  }
}

function DatabaseSync(path = undefined, options = undefined) {
  if (new.target === undefined) throw nativeError(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', 'Cannot call constructor without `new`');
  return Reflect.construct(Database, [path, options], new.target);
}
Object.defineProperty(DatabaseSync, 'prototype', { __proto__: null, value: Database.prototype, writable: false });
Object.defineProperty(Database.prototype, 'constructor', { __proto__: null, value: DatabaseSync });
enumerableMethods(DatabaseSync.prototype);

let newStatement;

class StatementSync {
  #id;
  #database;
  #readBigInts;
  #returnArrays;
  #allowBare;
  #allowUnknown;
  // Bumped by every run of the statement: an iterator from an earlier run is invalidated.
  #generation = 0;

  static {
    newStatement = (database, id, defaults) => {
      const statement = new StatementSync(kConstructing);
      statement.#id = id;
      statement.#database = database;
      statement.#readBigInts = defaults.readBigInts;
      statement.#returnArrays = defaults.returnArrays;
      statement.#allowBare = defaults.allowBare;
      statement.#allowUnknown = defaults.allowUnknown;
      statements.register(statement, id);
      return statement;
    };
  }

  constructor(key = undefined) {
    if (key !== kConstructing) throw illegalConstructor();
    Object.defineProperties(this, {
      sourceSQL: { __proto__: null, get: () => native.sql(this.#checked(), false), enumerable: true, configurable: false },
      expandedSQL: { __proto__: null, get: () => native.sql(this.#checked(), true), enumerable: true, configurable: false },
    });
  }

  #checked() {
    if (!(#id in this)) throw illegalInvocation();
    if (!this.#database.isOpen) throw invalidState('statement has been finalized');
    return this.#id;
  }

  #call(method, params) {
    const id = this.#checked();
    this.#generation++;
    return native[method](id, this.#readBigInts, this.#returnArrays, this.#allowBare, this.#allowUnknown, params);
  }

  iterate(...params) {
    this.#call('start', params);
    const generation = this.#generation;
    const id = this.#id;
    const readBigInts = this.#readBigInts;
    const returnArrays = this.#returnArrays;
    let done = false;
    const current = () => {
      if (generation !== this.#generation) throw invalidState('iterator was invalidated');
      this.#checked();
    };
    return newIterator({
      next: () => {
        if (done) return { __proto__: null, done: true, value: null };
        current();
        const row = native.step(id, readBigInts, returnArrays);
        if (row === null) {
          done = true;
          return { __proto__: null, done: true, value: null };
        }
        return { __proto__: null, done: false, value: row };
      },
      return: () => {
        if (!done) {
          done = true;
          if (generation === this.#generation && this.#database.isOpen) native.reset(id);
        }
        return { __proto__: null, done: true, value: null };
      },
    });
  }

  all(...params) {
    return this.#call('all', params);
  }

  get(...params) {
    return this.#call('get', params);
  }

  run(...params) {
    return this.#call('run', params);
  }

  columns() {
    return native.columns(this.#checked());
  }

  // A setter's boolean argument, checked after the statement.
  #flag(value, name) {
    this.#checked();
    if (typeof value !== 'boolean') throw invalidArgType(`The "${name}" argument must be a boolean.`);
    return value;
  }

  setAllowBareNamedParameters(enabled = undefined) {
    this.#allowBare = this.#flag(enabled, 'allowBareNamedParameters');
  }

  setAllowUnknownNamedParameters(enabled = undefined) {
    this.#allowUnknown = this.#flag(enabled, 'enabled');
  }

  setReadBigInts(readBigInts = undefined) {
    this.#readBigInts = this.#flag(readBigInts, 'readBigInts');
  }

  setReturnArrays(returnArrays = undefined) {
    this.#returnArrays = this.#flag(returnArrays, 'returnArrays');
  }
}

enumerableMethods(StatementSync.prototype);

let newSession;

// Session: the changes made to a connection since it was created, as a changeset or patchset.
class Session {
  #id;
  // The connection (kept alive by the session) and its current connection id.
  #database;
  #connection;

  static {
    newSession = (database, connection, id) => {
      const session = new Session(kConstructing);
      session.#id = id;
      session.#database = database;
      session.#connection = connection;
      sessions.register(session, id);
      return session;
    };
  }

  constructor(key = undefined) {
    if (key !== kConstructing) throw illegalConstructor();
  }

  #owner() {
    if (!(#id in this)) throw illegalInvocation();
    return this.#connection();
  }

  changeset() {
    return native.sessionChanges(this.#id, this.#owner(), false);
  }

  patchset() {
    return native.sessionChanges(this.#id, this.#owner(), true);
  }

  close() {
    native.sessionClose(this.#id, this.#owner());
  }

  [Symbol.dispose]() {
    try {
      this.close();
    } catch {
      // Closing twice, or after the connection closed, is not an error here.
    }
  }
}

enumerableMethods(Session.prototype);

// node reads the capacity as a C++ int made a size_t: NaN and values outside int32 become
// INT_MIN, and negative values wrap around 2^64.
function tagStoreCapacity(capacity) {
  if (typeof capacity !== 'number') return 1000;
  let value = Math.trunc(capacity);
  if (Number.isNaN(value) || value < -(2 ** 31) || value >= 2 ** 31) value = -(2 ** 31);
  return value < 0 ? 2 ** 64 + value : value;
}

let newTagStore;

// SQLTagStore: statements prepared from tagged templates, cached by their SQL (least recently
// used first out).
class SQLTagStore {
  #database;
  #capacity;
  #cache = new Map();

  static {
    newTagStore = (database, capacity) => {
      const store = new SQLTagStore(kConstructing);
      store.#database = database;
      store.#capacity = capacity;
      return store;
    };
  }

  constructor(key = undefined) {
    if (key !== kConstructing) throw illegalConstructor();
    Object.defineProperties(this, {
      capacity: { __proto__: null, get: () => this.#capacity, enumerable: true, configurable: false },
      db: { __proto__: null, get: () => this.#database, enumerable: true, configurable: false },
      size: { __proto__: null, get: () => this.#cache.size, enumerable: true, configurable: false },
    });
  }

  #statement(strings, values) {
    if (!(#cache in this)) throw illegalInvocation();
    if (!this.#database.isOpen) throw invalidState('database is not open');
    if (!Array.isArray(strings) || !strings.every((part) => typeof part === 'string')) {
      throw invalidArgType('First argument must be an array of strings (template literal).');
    }
    let sql = '';
    for (let i = 0; i < strings.length; i++) {
      sql += strings[i];
      if (i < values.length) sql += '?';
    }
    let statement = this.#cache.get(sql);
    if (statement !== undefined) {
      this.#cache.delete(sql);
    } else {
      statement = this.#database.prepare(sql);
    }
    if (this.#capacity > 0) {
      this.#cache.set(sql, statement);
      if (this.#cache.size > this.#capacity) this.#cache.delete(this.#cache.keys().next().value);
    }
    return statement;
  }

  get(strings = undefined, ...values) {
    return this.#statement(strings, values).get(...values);
  }

  all(strings = undefined, ...values) {
    return this.#statement(strings, values).all(...values);
  }

  iterate(strings = undefined, ...values) {
    return this.#statement(strings, values).iterate(...values);
  }

  run(strings = undefined, ...values) {
    return this.#statement(strings, values).run(...values);
  }

  clear() {
    if (!(#cache in this)) throw illegalInvocation();
    this.#cache.clear();
  }
}

enumerableMethods(SQLTagStore.prototype);

// StatementSyncIterator: next/return on a prototype that inherits %IteratorPrototype%.
const iteratorState = new WeakMap();
class StatementSyncIterator extends Iterator {
  next() {
    const state = iteratorState.get(this);
    if (state === undefined) throw illegalInvocation();
    return state.next();
  }

  return() {
    const state = iteratorState.get(this);
    if (state === undefined) throw illegalInvocation();
    return state.return();
  }
}

function newIterator(state) {
  const iterator = new StatementSyncIterator();
  iteratorState.set(iterator, state);
  return iterator;
}

const constants = {
  SQLITE_CHANGESET_OMIT: 0,
  SQLITE_CHANGESET_REPLACE: 1,
  SQLITE_CHANGESET_ABORT: 2,
  SQLITE_CHANGESET_DATA: 1,
  SQLITE_CHANGESET_NOTFOUND: 2,
  SQLITE_CHANGESET_CONFLICT: 3,
  SQLITE_CHANGESET_CONSTRAINT: 4,
  SQLITE_CHANGESET_FOREIGN_KEY: 5,
  SQLITE_OK: 0,
  SQLITE_DENY: 1,
  SQLITE_IGNORE: 2,
  SQLITE_CREATE_INDEX: 1,
  SQLITE_CREATE_TABLE: 2,
  SQLITE_CREATE_TEMP_INDEX: 3,
  SQLITE_CREATE_TEMP_TABLE: 4,
  SQLITE_CREATE_TEMP_TRIGGER: 5,
  SQLITE_CREATE_TEMP_VIEW: 6,
  SQLITE_CREATE_TRIGGER: 7,
  SQLITE_CREATE_VIEW: 8,
  SQLITE_DELETE: 9,
  SQLITE_DROP_INDEX: 10,
  SQLITE_DROP_TABLE: 11,
  SQLITE_DROP_TEMP_INDEX: 12,
  SQLITE_DROP_TEMP_TABLE: 13,
  SQLITE_DROP_TEMP_TRIGGER: 14,
  SQLITE_DROP_TEMP_VIEW: 15,
  SQLITE_DROP_TRIGGER: 16,
  SQLITE_DROP_VIEW: 17,
  SQLITE_INSERT: 18,
  SQLITE_PRAGMA: 19,
  SQLITE_READ: 20,
  SQLITE_SELECT: 21,
  SQLITE_TRANSACTION: 22,
  SQLITE_UPDATE: 23,
  SQLITE_ATTACH: 24,
  SQLITE_DETACH: 25,
  SQLITE_ALTER_TABLE: 26,
  SQLITE_REINDEX: 27,
  SQLITE_ANALYZE: 28,
  SQLITE_CREATE_VTABLE: 29,
  SQLITE_DROP_VTABLE: 30,
  SQLITE_FUNCTION: 31,
  SQLITE_SAVEPOINT: 32,
  SQLITE_COPY: 0,
  SQLITE_RECURSIVE: 33,
};

module.exports = { DatabaseSync, StatementSync, Session, constants };
