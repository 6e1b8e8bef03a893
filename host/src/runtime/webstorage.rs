//! Web Storage's native half (`localStorage`, `sessionStorage` under --experimental-webstorage):
//! Storage objects whose properties are their items (V8 interceptors, as node's), each kept in
//! SQLite as node keeps them — keys and values as UTF-16 blobs in `nodejs_webstorage`, a 10 MiB
//! quota enforced by triggers on `nodejs_webstorage_state` — in the --localstorage-file database
//! (opened when first used) or in memory. Symbol-keyed properties live beside the items.

use std::cell::RefCell;
use std::ffi::{c_int, CString};

use libsqlite3_sys as ffi;
use v8::Intercepted;

use super::bindings::{binding_object, set_property, string};
use super::internals::Internal;
use super::RuntimeState;

/// node's schema (version 1), made when a database is first opened.
const INIT_SQL: &str = "
    PRAGMA encoding = 'UTF-16le';
    PRAGMA busy_timeout = 3000;
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA temp_store = memory;
    PRAGMA optimize;
    CREATE TABLE IF NOT EXISTS nodejs_webstorage(key BLOB NOT NULL, value BLOB NOT NULL, PRIMARY KEY(key)) STRICT;
    CREATE TABLE IF NOT EXISTS nodejs_webstorage_state(
    max_size INTEGER NOT NULL DEFAULT 10485760, total_size INTEGER NOT NULL,
    schema_version INTEGER NOT NULL DEFAULT 0,
    single_row_ INTEGER NOT NULL DEFAULT 1 CHECK(single_row_ = 1), PRIMARY KEY(single_row_)) STRICT;
    CREATE TRIGGER IF NOT EXISTS nodejs_quota_insert AFTER INSERT ON nodejs_webstorage FOR EACH ROW BEGIN
    UPDATE nodejs_webstorage_state SET total_size = total_size + OCTET_LENGTH(NEW.key) + OCTET_LENGTH(NEW.value);
    SELECT RAISE(ABORT, 'QuotaExceeded') WHERE EXISTS (SELECT 1 FROM nodejs_webstorage_state WHERE total_size > max_size);
    END;
    CREATE TRIGGER IF NOT EXISTS nodejs_quota_update AFTER UPDATE ON nodejs_webstorage FOR EACH ROW BEGIN
    UPDATE nodejs_webstorage_state SET total_size = total_size +
    ((OCTET_LENGTH(NEW.key) + OCTET_LENGTH(NEW.value)) - (OCTET_LENGTH(OLD.key) + OCTET_LENGTH(OLD.value)));
    SELECT RAISE(ABORT, 'QuotaExceeded') WHERE EXISTS (SELECT 1 FROM nodejs_webstorage_state WHERE total_size > max_size);
    END;
    CREATE TRIGGER IF NOT EXISTS nodejs_quota_delete AFTER DELETE ON nodejs_webstorage FOR EACH ROW BEGIN
    UPDATE nodejs_webstorage_state SET total_size = total_size - (OCTET_LENGTH(OLD.key) + OCTET_LENGTH(OLD.value));
    END;
    INSERT OR IGNORE INTO nodejs_webstorage_state (total_size) VALUES (0);
";
const SCHEMA_VERSION: c_int = 1;

struct Store {
    location: CString,
    /// Null until first used.
    db: *mut ffi::sqlite3,
    symbols: v8::Global<v8::Map>,
}

thread_local! {
    /// The storages of this thread; an object's id is its index here plus one.
    static STORES: RefCell<Vec<Store>> = const { RefCell::new(Vec::new()) };
}

impl Drop for Store {
    fn drop(&mut self) {
        if !self.db.is_null() {
            // SAFETY: the connection is open and owned by the store; its statements are
            // finalized after each use.
            unsafe { ffi::sqlite3_close(self.db) };
        }
    }
}

/// Closes every storage's database as the process ends (a thread's close as it ends),
/// checkpointing its WAL into the file.
pub fn close_all() {
    drop(STORES.with(|stores| std::mem::take(&mut *stores.borrow_mut())));
}

fn id_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
    let name = string(scope, "anode:webstorage_id");
    v8::Private::for_api(scope, Some(name))
}

/// The storage `object` is, if it is one.
fn store_id(scope: &mut v8::PinScope, object: v8::Local<v8::Object>) -> Option<usize> {
    let key = id_key(scope);
    let id = object.get_private(scope, key)?;
    if !id.is_uint32() {
        return None;
    }
    Some(id.uint32_value(scope)? as usize)
}

fn throw_coded(scope: &mut v8::PinScope, type_error: bool, code: &str, message: &str) {
    let text = string(scope, message);
    let error = if type_error { v8::Exception::type_error(scope, text) } else { v8::Exception::error(scope, text) };
    let code = string(scope, code).into();
    set_property(scope, error.cast::<v8::Object>(), "code", code);
    scope.throw_exception(error);
}

fn throw_sqlite(scope: &mut v8::PinScope, status: c_int) {
    // SAFETY: sqlite3_errstr returns a static string for any code.
    let message = unsafe { std::ffi::CStr::from_ptr(ffi::sqlite3_errstr(status)) }.to_string_lossy().into_owned();
    throw_coded(scope, false, "ERR_INVALID_STATE", &message);
}

fn throw_quota_exceeded(scope: &mut v8::PinScope) {
    let state = RuntimeState::get(scope);
    let Some((internals, require)) = state.internal_function(scope, Internal::RequireBuiltin) else { return };
    let module = string(scope, "internal/per_context/domexception").into();
    let Some(exports) = require.call(scope, internals.into(), &[module]) else { return };
    let Ok(exports) = v8::Local::<v8::Object>::try_from(exports) else { return };
    let name = string(scope, "DOMException").into();
    let Some(class) = exports.get(scope, name).and_then(|class| v8::Local::<v8::Function>::try_from(class).ok()) else { return };
    let message = string(scope, "Setting the value exceeded the quota").into();
    let name = string(scope, "QuotaExceededError").into();
    if let Some(exception) = class.new_instance(scope, &[message, name]) {
        scope.throw_exception(exception.into());
    }
}

/// A finalized-on-drop statement.
struct Statement(*mut ffi::sqlite3_stmt);

impl Drop for Statement {
    fn drop(&mut self) {
        // SAFETY: prepared by sqlite3_prepare_v2 and finalized once.
        unsafe { ffi::sqlite3_finalize(self.0) };
    }
}

/// The storage's connection, opened (and its schema made) when first needed.
fn open(scope: &mut v8::PinScope, id: usize) -> Option<*mut ffi::sqlite3> {
    let (db, location) = STORES.with(|stores| {
        let stores = stores.borrow();
        let store = &stores[id - 1];
        (store.db, store.location.clone())
    });
    if !db.is_null() {
        return Some(db);
    }
    let mut db = std::ptr::null_mut();
    // SAFETY: the location is NUL-terminated; sqlite3_open sets the connection even on failure.
    let status = unsafe { ffi::sqlite3_open(location.as_ptr(), &mut db) };
    let init = CString::new(INIT_SQL).unwrap();
    let status = if status == ffi::SQLITE_OK {
        // SAFETY: an open connection and NUL-terminated SQL.
        unsafe { ffi::sqlite3_exec(db, init.as_ptr(), None, std::ptr::null_mut(), std::ptr::null_mut()) }
    } else {
        status
    };
    if status != ffi::SQLITE_OK {
        // SAFETY: the connection sqlite3_open gave, closed once.
        unsafe { ffi::sqlite3_close(db) };
        throw_sqlite(scope, status);
        return None;
    }
    let version = prepare(db, "SELECT schema_version FROM nodejs_webstorage_state")
        // SAFETY: a prepared statement with one integer column once stepped to a row.
        .filter(|statement| unsafe { ffi::sqlite3_step(statement.0) } == ffi::SQLITE_ROW)
        .map(|statement| unsafe { ffi::sqlite3_column_int(statement.0, 0) })
        .unwrap_or(0);
    if version > SCHEMA_VERSION {
        // SAFETY: as above.
        unsafe { ffi::sqlite3_close(db) };
        throw_coded(scope, false, "ERR_INVALID_STATE", "localStorage was created with a newer version of Node.js");
        return None;
    }
    if version < SCHEMA_VERSION {
        let update = CString::new(format!("UPDATE nodejs_webstorage_state SET schema_version = {SCHEMA_VERSION};")).unwrap();
        // SAFETY: an open connection and NUL-terminated SQL.
        unsafe { ffi::sqlite3_exec(db, update.as_ptr(), None, std::ptr::null_mut(), std::ptr::null_mut()) };
    }
    STORES.with(|stores| stores.borrow_mut()[id - 1].db = db);
    Some(db)
}

fn prepare(db: *mut ffi::sqlite3, sql: &str) -> Option<Statement> {
    let mut handle = std::ptr::null_mut();
    // SAFETY: an open connection; the SQL's length is given.
    let status = unsafe { ffi::sqlite3_prepare_v2(db, sql.as_ptr().cast(), sql.len() as c_int, &mut handle, std::ptr::null_mut()) };
    (status == ffi::SQLITE_OK && !handle.is_null()).then_some(Statement(handle))
}

/// Runs `sql` with the given blobs bound; calls `row` for each row; the final status.
fn run(db: *mut ffi::sqlite3, sql: &str, blobs: &[&[u16]], integer: Option<i32>, mut row: impl FnMut(*mut ffi::sqlite3_stmt)) -> c_int {
    let Some(statement) = prepare(db, sql) else {
        // SAFETY: an open connection.
        return unsafe { ffi::sqlite3_errcode(db) };
    };
    for (index, blob) in blobs.iter().enumerate() {
        // SAFETY: the blob outlives the statement's steps (SQLITE_STATIC).
        unsafe { ffi::sqlite3_bind_blob(statement.0, index as c_int + 1, blob.as_ptr().cast(), (blob.len() * 2) as c_int, ffi::SQLITE_STATIC()) };
    }
    if let Some(integer) = integer {
        // SAFETY: a prepared statement with one parameter.
        unsafe { ffi::sqlite3_bind_int(statement.0, 1, integer) };
    }
    loop {
        // SAFETY: a prepared statement.
        match unsafe { ffi::sqlite3_step(statement.0) } {
            ffi::SQLITE_ROW => row(statement.0),
            status => return status,
        }
    }
}

/// Column 0 of the current row, a UTF-16 blob, as a string.
fn column_string<'s>(scope: &mut v8::PinScope<'s, '_>, statement: *mut ffi::sqlite3_stmt) -> v8::Local<'s, v8::Value> {
    // SAFETY: a row is current; the blob's bytes stay valid until the next step.
    let units = unsafe {
        let data = ffi::sqlite3_column_blob(statement, 0) as *const u8;
        let length = ffi::sqlite3_column_bytes(statement, 0) as usize;
        if data.is_null() { Vec::new() } else { std::slice::from_raw_parts(data, length).chunks_exact(2).map(|pair| u16::from_ne_bytes([pair[0], pair[1]])).collect::<Vec<u16>>() }
    };
    v8::String::new_from_two_byte(scope, &units, v8::NewStringType::Normal).map(Into::into).unwrap_or_else(|| v8::undefined(scope).into())
}

fn utf16(scope: &mut v8::PinScope, value: v8::Local<v8::String>) -> Vec<u16> {
    let mut units = vec![0u16; value.length()];
    value.write_v2(scope, 0, &mut units, v8::WriteFlags::empty());
    units
}

/// The item `key` holds: Some(null) when none; None when an exception was thrown.
fn load<'s>(scope: &mut v8::PinScope<'s, '_>, id: usize, key: v8::Local<'s, v8::Name>) -> Option<v8::Local<'s, v8::Value>> {
    if let Ok(symbol) = v8::Local::<v8::Symbol>::try_from(key) {
        let map = STORES.with(|stores| v8::Local::new(scope, &stores.borrow()[id - 1].symbols));
        return map.get(scope, symbol.into()).map(|value| if value.is_undefined() { v8::null(scope).into() } else { value });
    }
    let db = open(scope, id)?;
    let key = utf16(scope, key.cast::<v8::String>());
    let mut found = None;
    let status = run(db, "SELECT value FROM nodejs_webstorage WHERE key = ? LIMIT 1", &[&key], None, |statement| found = Some(column_string(scope, statement)));
    if status != ffi::SQLITE_DONE {
        throw_sqlite(scope, status);
        return None;
    }
    Some(found.unwrap_or_else(|| v8::null(scope).into()))
}

/// Stores `value` (made a string) under `key`; false when an exception was thrown.
fn store(scope: &mut v8::PinScope, id: usize, key: v8::Local<v8::Name>, value: v8::Local<v8::Value>) -> bool {
    if let Ok(symbol) = v8::Local::<v8::Symbol>::try_from(key) {
        let map = STORES.with(|stores| v8::Local::new(scope, &stores.borrow()[id - 1].symbols));
        return map.set(scope, symbol.into(), value).is_some();
    }
    let Some(value) = value.to_string(scope) else { return false };
    let Some(db) = open(scope, id) else { return false };
    let (key, value) = (utf16(scope, key.cast::<v8::String>()), utf16(scope, value));
    let sql = "INSERT INTO nodejs_webstorage (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value WHERE EXCLUDED.key = key";
    match run(db, sql, &[&key, &value], None, |_| {}) {
        ffi::SQLITE_DONE => true,
        ffi::SQLITE_CONSTRAINT => {
            throw_quota_exceeded(scope);
            false
        }
        status => {
            throw_sqlite(scope, status);
            false
        }
    }
}

fn remove(scope: &mut v8::PinScope, id: usize, key: v8::Local<v8::Name>) -> bool {
    if let Ok(symbol) = v8::Local::<v8::Symbol>::try_from(key) {
        let map = STORES.with(|stores| v8::Local::new(scope, &stores.borrow()[id - 1].symbols));
        return map.delete(scope, symbol.into()).is_some();
    }
    let Some(db) = open(scope, id) else { return false };
    let key = utf16(scope, key.cast::<v8::String>());
    let status = run(db, "DELETE FROM nodejs_webstorage WHERE key = ?", &[&key], None, |_| {});
    if status != ffi::SQLITE_DONE {
        throw_sqlite(scope, status);
        return false;
    }
    true
}

fn keys<'s>(scope: &mut v8::PinScope<'s, '_>, id: usize) -> Option<v8::Local<'s, v8::Array>> {
    let db = open(scope, id)?;
    let mut keys = Vec::new();
    let status = run(db, "SELECT key FROM nodejs_webstorage", &[], None, |statement| keys.push(column_string(scope, statement)));
    if status != ffi::SQLITE_DONE {
        throw_sqlite(scope, status);
        return None;
    }
    Some(v8::Array::new_with_elements(scope, &keys))
}

/// Whether the interceptors leave `key` to the object: the prototype chain has it.
fn on_prototype(scope: &mut v8::PinScope, this: v8::Local<v8::Object>, key: v8::Local<v8::Name>) -> bool {
    let Some(prototype) = this.get_prototype(scope) else { return false };
    let Ok(prototype) = v8::Local::<v8::Object>::try_from(prototype) else { return false };
    prototype.has(scope, key.into()).unwrap_or(true)
}

fn get_named<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Value>) -> Intercepted {
    let this = args.holder();
    if on_prototype(scope, this, key) {
        return Intercepted::kNo;
    }
    let Some(id) = store_id(scope, this) else { return Intercepted::kNo };
    if let Some(value) = load(scope, id, key) {
        if !value.is_null() {
            rv.set(value);
        }
    }
    Intercepted::kYes
}

fn set_named<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, value: v8::Local<'s, v8::Value>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let Some(id) = store_id(scope, args.holder()) else { return Intercepted::kNo };
    if !store(scope, id, key, value) {
        rv.set_bool(false);
    }
    Intercepted::kYes
}

fn query_named<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Integer>) -> Intercepted {
    let this = args.holder();
    if on_prototype(scope, this, key) {
        return Intercepted::kNo;
    }
    let Some(id) = store_id(scope, this) else { return Intercepted::kNo };
    match load(scope, id, key) {
        Some(value) if !value.is_null() => {
            rv.set_int32(0);
            Intercepted::kYes
        }
        _ => Intercepted::kNo,
    }
}

fn delete_named<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let Some(id) = store_id(scope, args.holder()) else { return Intercepted::kNo };
    let removed = remove(scope, id, key);
    rv.set_bool(removed);
    Intercepted::kYes
}

fn enumerate_named<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Array>) {
    let Some(id) = store_id(scope, args.holder()) else { return };
    if let Some(keys) = keys(scope, id) {
        rv.set(keys);
    }
}

fn define_named<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, descriptor: &v8::PropertyDescriptor, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let Some(id) = store_id(scope, args.holder()) else { return Intercepted::kNo };
    if descriptor.has_value() && !store(scope, id, key, descriptor.value()) {
        rv.set_bool(false);
    }
    Intercepted::kYes
}

fn index_name<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32) -> v8::Local<'s, v8::Name> {
    string(scope, &index.to_string()).into()
}

fn get_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, args: v8::PropertyCallbackArguments<'s>, rv: v8::ReturnValue<v8::Value>) -> Intercepted {
    let key = index_name(scope, index);
    get_named(scope, key, args, rv)
}

fn set_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, value: v8::Local<'s, v8::Value>, args: v8::PropertyCallbackArguments<'s>, rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let key = index_name(scope, index);
    set_named(scope, key, value, args, rv)
}

fn query_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, args: v8::PropertyCallbackArguments<'s>, rv: v8::ReturnValue<v8::Integer>) -> Intercepted {
    let key = index_name(scope, index);
    query_named(scope, key, args, rv)
}

fn delete_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, args: v8::PropertyCallbackArguments<'s>, rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let key = index_name(scope, index);
    delete_named(scope, key, args, rv)
}

fn define_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, descriptor: &v8::PropertyDescriptor, args: v8::PropertyCallbackArguments<'s>, rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let key = index_name(scope, index);
    define_named(scope, key, descriptor, args, rv)
}

/// create(location): a storage object (its items in the database at `location`, or in memory
/// for ':memory:'), with no prototype yet.
fn create(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let location = args.get(0).to_rust_string_lossy(scope);
    let template = v8::ObjectTemplate::new(scope);
    template.set_named_property_handler(
        v8::NamedPropertyHandlerConfiguration::new()
            .getter(get_named)
            .setter(set_named)
            .query(query_named)
            .deleter(delete_named)
            .enumerator(enumerate_named)
            .definer(define_named)
            .flags(v8::PropertyHandlerFlags::HAS_NO_SIDE_EFFECT),
    );
    template.set_indexed_property_handler(
        v8::IndexedPropertyHandlerConfiguration::new()
            .getter(get_indexed)
            .setter(set_indexed)
            .query(query_indexed)
            .deleter(delete_indexed)
            .definer(define_indexed)
            .flags(v8::PropertyHandlerFlags::HAS_NO_SIDE_EFFECT),
    );
    let Some(object) = template.new_instance(scope) else { return };
    let map = v8::Map::new(scope);
    let symbols = v8::Global::new(scope, map);
    let Ok(location) = CString::new(location) else { return };
    let id = STORES.with(|stores| {
        let mut stores = stores.borrow_mut();
        stores.push(Store { location, db: std::ptr::null_mut(), symbols });
        stores.len()
    });
    let key = id_key(scope);
    let id = v8::Integer::new_from_unsigned(scope, id as u32).into();
    object.set_private(scope, key, id);
    rv.set(object.into());
}

/// The storage `this` is, else a TypeError (Illegal invocation).
fn this_store(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<usize> {
    let id = v8::Local::<v8::Object>::try_from(args.get(0)).ok().and_then(|object| store_id(scope, object));
    if id.is_none() {
        let message = string(scope, "Illegal invocation");
        let error = v8::Exception::type_error(scope, message);
        scope.throw_exception(error);
    }
    id
}

/// A method's key argument as a string.
fn key_arg<'s>(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<v8::Value>) -> Option<v8::Local<'s, v8::Name>> {
    value.to_string(scope).map(Into::into)
}

/// check(storage): a TypeError (Illegal invocation) unless it is one.
fn check(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    this_store(scope, &args);
}

fn clear(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = this_store(scope, &args) else { return };
    let Some(db) = open(scope, id) else { return };
    let status = run(db, "DELETE FROM nodejs_webstorage", &[], None, |_| {});
    if status != ffi::SQLITE_DONE {
        throw_sqlite(scope, status);
    }
}

fn get_item(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(id) = this_store(scope, &args) else { return };
    let Some(key) = key_arg(scope, args.get(1)) else { return };
    if let Some(value) = load(scope, id, key) {
        rv.set(value);
    }
}

fn key(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(id) = this_store(scope, &args) else { return };
    let Some(index) = args.get(1).int32_value(scope) else { return };
    if index < 0 {
        return rv.set_null();
    }
    let Some(db) = open(scope, id) else { return };
    let mut found = None;
    let status = run(db, "SELECT key FROM nodejs_webstorage LIMIT 1 OFFSET ?", &[], Some(index), |statement| found = Some(column_string(scope, statement)));
    if status != ffi::SQLITE_DONE {
        return throw_sqlite(scope, status);
    }
    match found {
        Some(key) => rv.set(key),
        None => rv.set_null(),
    }
}

fn remove_item(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = this_store(scope, &args) else { return };
    let Some(key) = key_arg(scope, args.get(1)) else { return };
    remove(scope, id, key);
}

fn set_item(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = this_store(scope, &args) else { return };
    let Some(key) = key_arg(scope, args.get(1)) else { return };
    store(scope, id, key, args.get(2));
}

fn length(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(id) = this_store(scope, &args) else { return };
    let Some(db) = open(scope, id) else { return };
    let mut count = 0;
    // SAFETY: a row is current with one integer column.
    let status = run(db, "SELECT count(*) FROM nodejs_webstorage", &[], None, |statement| count = unsafe { ffi::sqlite3_column_int(statement, 0) });
    if status != ffi::SQLITE_DONE {
        return throw_sqlite(scope, status);
    }
    rv.set_int32(count);
}

/// The natives of internal/webstorage: create, and the Storage methods (each given the
/// storage first).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "create" => create,
        "check" => check,
        "clear" => clear,
        "getItem" => get_item,
        "key" => key,
        "removeItem" => remove_item,
        "setItem" => set_item,
        "length" => length,
    });
    rv.set(object.into());
}
