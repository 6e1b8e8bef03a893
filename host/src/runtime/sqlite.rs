//! Native half of `node:sqlite`: connections and prepared statements of the bundled SQLite
//! (libsqlite3-sys), kept by id per thread as node's DatabaseSync and StatementSync keep
//! theirs, with node's value conversions both ways and its errors (ERR_SQLITE_ERROR with
//! `errcode`/`errstr`, ERR_INVALID_STATE, ERR_OUT_OF_RANGE, ...). User-defined functions call
//! back into JS from inside `sqlite3_step`; a JS exception they throw is carried out of SQLite
//! and rethrown to the caller, as node does.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void, CStr, CString};

use libsqlite3_sys as ffi;

use super::bindings::{binding_object, set_property, string, uint8_array, view_bytes};

const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// An open connection; its statements are finalized before it closes (see `Handles`).
struct Database {
    connection: *mut ffi::sqlite3,
    /// How many native calls are running SQL on it (nested when JS callbacks call back in).
    in_use: u32,
    /// Closed by JS while in use: really closed when the outermost call ends, so SQLite never
    /// has the connection or a running statement freed under it.
    closing: bool,
}

impl Drop for Database {
    fn drop(&mut self) {
        // SAFETY: the connection is open and owned by this Database, its statements already
        // finalized; closing also frees the user-defined functions' data.
        unsafe { ffi::sqlite3_close(self.connection) };
    }
}

struct Statement {
    handle: *mut ffi::sqlite3_stmt,
    database: u32,
}

impl Drop for Statement {
    fn drop(&mut self) {
        // SAFETY: the statement is live and finalized once, here.
        unsafe { ffi::sqlite3_finalize(self.handle) };
    }
}

/// A change-recording session on a connection (deleted before the connection closes).
struct Session {
    handle: *mut ffi::sqlite3_session,
    database: u32,
    /// Set while SQLite writes its changes: closing it then would free it under SQLite.
    busy: bool,
}

impl Drop for Session {
    fn drop(&mut self) {
        // SAFETY: the session is live and deleted once, here, before its connection closes.
        unsafe { ffi::sqlite3session_delete(self.handle) };
    }
}

/// This thread's connections, statements and sessions by id. Fields drop in order, so at
/// thread exit every statement is finalized and every session deleted before the connections
/// close.
#[derive(Default)]
struct Handles {
    statements: HashMap<u32, Statement>,
    sessions: HashMap<u32, Session>,
    databases: HashMap<u32, Database>,
    next_id: u32,
}

impl Handles {
    /// The open connection `id` (one being closed is not).
    fn open_connection(&self, id: u32) -> Option<*mut ffi::sqlite3> {
        self.databases.get(&id).filter(|database| !database.closing).map(|database| database.connection)
    }

    /// Closes connection `id` for JS — at once, or when the calls using it end; false when it
    /// was not open.
    fn close(&mut self, id: u32) -> bool {
        match self.databases.get_mut(&id) {
            Some(database) if database.closing => false,
            Some(database) if database.in_use > 0 => {
                database.closing = true;
                true
            }
            Some(_) => self.close_now(id),
            None => false,
        }
    }

    /// Finalizes a connection's statements, deletes its sessions and closes it.
    fn close_now(&mut self, id: u32) -> bool {
        self.statements.retain(|_, statement| statement.database != id);
        self.sessions.retain(|_, session| session.database != id);
        let closed = self.databases.remove(&id).is_some();
        AUTHORIZERS.with(|authorizers| authorizers.borrow_mut().remove(&id));
        closed
    }
}

thread_local! {
    static HANDLES: RefCell<Handles> = RefCell::new(Handles::default());
    /// The exception a user-defined function threw while SQLite ran it, to rethrow after.
    static CALLBACK_EXCEPTION: RefCell<Option<v8::Global<v8::Value>>> = const { RefCell::new(None) };
}

/// Marks a connection in use for as long as it lives (see `Database::closing`).
struct InUse(u32);

impl InUse {
    fn new(id: u32) -> InUse {
        HANDLES.with(|handles| handles.borrow_mut().databases.get_mut(&id).map(|database| database.in_use += 1));
        InUse(id)
    }
}

impl Drop for InUse {
    fn drop(&mut self) {
        HANDLES.with(|handles| {
            let mut handles = handles.borrow_mut();
            let Some(database) = handles.databases.get_mut(&self.0) else { return };
            database.in_use -= 1;
            if database.in_use == 0 && database.closing {
                handles.close_now(self.0);
            }
        });
    }
}

fn next_id() -> u32 {
    HANDLES.with(|handles| {
        let mut handles = handles.borrow_mut();
        handles.next_id += 1;
        handles.next_id
    })
}

/// SQLite's bundled version, for `process.versions.sqlite`.
pub(super) fn version() -> String {
    // SAFETY: sqlite3_libversion returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(ffi::sqlite3_libversion()) }.to_string_lossy().into_owned()
}

// ---- errors ----

type ErrorConstructor = for<'s> fn(&v8::PinScope<'s, '_>, v8::Local<v8::String>) -> v8::Local<'s, v8::Value>;

/// An error as node's C++ throws them: the plain class name in the stack, an own `code`.
fn throw_coded(scope: &mut v8::PinScope, constructor: ErrorConstructor, code: &str, message: &str) {
    let text = string(scope, message);
    let error = constructor(scope, text);
    let code = string(scope, code).into();
    set_property(scope, error.cast::<v8::Object>(), "code", code);
    scope.throw_exception(error);
}

fn throw_invalid_state(scope: &mut v8::PinScope, message: &str) {
    throw_coded(scope, v8::Exception::error, "ERR_INVALID_STATE", message);
}

/// ERR_SQLITE_ERROR for the connection's last error: its message, extended code and string.
fn throw_sqlite_error(scope: &mut v8::PinScope, connection: *mut ffi::sqlite3) {
    // A user-defined function's exception wins over the error SQLite reports for it.
    if let Some(exception) = CALLBACK_EXCEPTION.with(|pending| pending.borrow_mut().take()) {
        let exception = v8::Local::new(scope, exception);
        scope.throw_exception(exception);
        return;
    }
    // SAFETY: the connection is open; the message is NUL-terminated and copied at once.
    let (errcode, errmsg) = unsafe {
        let errcode = ffi::sqlite3_extended_errcode(connection);
        (errcode, CStr::from_ptr(ffi::sqlite3_errmsg(connection)).to_string_lossy().into_owned())
    };
    throw_sqlite_error_with(scope, &errmsg, errcode, Some(&error_string(errcode)));
}

/// ERR_SQLITE_ERROR with `errcode` and, when given, `errstr`.
fn throw_sqlite_error_with(scope: &mut v8::PinScope, message: &str, errcode: c_int, errstr: Option<&str>) {
    let text = string(scope, message);
    let error = v8::Exception::error(scope, text).cast::<v8::Object>();
    let code = string(scope, "ERR_SQLITE_ERROR").into();
    set_property(scope, error, "code", code);
    let errcode = v8::Integer::new(scope, errcode).into();
    set_property(scope, error, "errcode", errcode);
    if let Some(errstr) = errstr {
        let errstr = string(scope, errstr).into();
        set_property(scope, error, "errstr", errstr);
    }
    scope.throw_exception(error.into());
}

fn with_database<R>(scope: &mut v8::PinScope, id: v8::Local<v8::Value>, run: impl FnOnce(&mut v8::PinScope, *mut ffi::sqlite3) -> R) -> Option<R> {
    let id = id.uint32_value(scope).unwrap_or(0);
    let connection = HANDLES.with(|handles| handles.borrow().open_connection(id));
    match connection {
        Some(connection) => {
            let _in_use = InUse::new(id);
            Some(run(scope, connection))
        }
        None => {
            throw_invalid_state(scope, "database is not open");
            None
        }
    }
}

/// The statement, its connection (in use while the answer lives), or ERR_INVALID_STATE when
/// it was finalized.
fn statement(scope: &mut v8::PinScope, id: v8::Local<v8::Value>) -> Option<(*mut ffi::sqlite3_stmt, *mut ffi::sqlite3, InUse)> {
    let id = id.uint32_value(scope).unwrap_or(0);
    let found = HANDLES.with(|handles| {
        let handles = handles.borrow();
        let statement = handles.statements.get(&id)?;
        Some((statement.handle, handles.open_connection(statement.database)?, statement.database))
    });
    match found {
        Some((handle, connection, database)) => Some((handle, connection, InUse::new(database))),
        None => {
            throw_invalid_state(scope, "statement has been finalized");
            None
        }
    }
}

fn utf8(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> CString {
    let text = value.to_rust_string_lossy(scope);
    CString::new(text).unwrap_or_default()
}

// ---- connections ----

/// open(path, readOnly, enableForeignKeyConstraints, enableDoubleQuotedStringLiterals,
/// timeout, allowExtension, limits: [id, value][], defensive): a connection's id.
fn open(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = utf8(scope, args.get(0));
    let read_only = args.get(1).is_true();
    let foreign_keys = args.get(2).is_true();
    let double_quoted = args.get(3).is_true();
    let timeout = args.get(4).int32_value(scope).unwrap_or(0);
    let allow_extension = args.get(5).is_true();
    let defensive = args.get(7).is_true();
    if allow_extension && super::permission::enabled() {
        let message = "Cannot load SQLite extensions when the permission model is enabled.";
        return throw_coded(scope, v8::Exception::error, "ERR_LOAD_SQLITE_EXTENSION", message);
    }
    let flags = ffi::SQLITE_OPEN_URI
        | if read_only { ffi::SQLITE_OPEN_READONLY } else { ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE };
    let mut connection = std::ptr::null_mut();
    // SAFETY: path is NUL-terminated; sqlite3_open_v2 always sets the connection (null only
    // when out of memory).
    let status = unsafe { ffi::sqlite3_open_v2(path.as_ptr(), &mut connection, flags, std::ptr::null()) };
    if status != ffi::SQLITE_OK {
        throw_sqlite_error(scope, connection);
        // SAFETY: a failed open's handle must still be closed.
        unsafe { ffi::sqlite3_close(connection) };
        return;
    }
    // SAFETY: the connection is open; each call takes plain ints and out-pointers.
    let configured = unsafe {
        let mut ignored = 0;
        ffi::sqlite3_db_config(connection, ffi::SQLITE_DBCONFIG_DQS_DML, double_quoted as c_int, &mut ignored as *mut c_int) == ffi::SQLITE_OK
            && ffi::sqlite3_db_config(connection, ffi::SQLITE_DBCONFIG_DQS_DDL, double_quoted as c_int, &mut ignored as *mut c_int) == ffi::SQLITE_OK
            && ffi::sqlite3_db_config(connection, ffi::SQLITE_DBCONFIG_ENABLE_FKEY, foreign_keys as c_int, &mut ignored as *mut c_int) == ffi::SQLITE_OK
            && ffi::sqlite3_db_config(connection, ffi::SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, allow_extension as c_int, &mut ignored as *mut c_int)
                == ffi::SQLITE_OK
            && ffi::sqlite3_db_config(connection, ffi::SQLITE_DBCONFIG_DEFENSIVE, defensive as c_int, &mut ignored as *mut c_int) == ffi::SQLITE_OK
            && ffi::sqlite3_busy_timeout(connection, timeout) == ffi::SQLITE_OK
    };
    if !configured {
        throw_sqlite_error(scope, connection);
        // SAFETY: the connection is ours and unused.
        unsafe { ffi::sqlite3_close(connection) };
        return;
    }
    if let Ok(limits) = v8::Local::<v8::Array>::try_from(args.get(6)) {
        for index in 0..limits.length() {
            let Some(pair) = limits.get_index(scope, index).and_then(|pair| v8::Local::<v8::Array>::try_from(pair).ok()) else { continue };
            let which = pair.get_index(scope, 0).and_then(|value| value.int32_value(scope)).unwrap_or(-1);
            let value = pair.get_index(scope, 1).and_then(|value| value.int32_value(scope)).unwrap_or(0);
            // SAFETY: the connection is open; an unknown limit id is ignored by SQLite.
            unsafe { ffi::sqlite3_limit(connection, which, value) };
        }
    }
    let id = next_id();
    HANDLES.with(|handles| handles.borrow_mut().databases.insert(id, Database { connection, in_use: 0, closing: false }));
    rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

/// close(id): finalizes the connection's statements and closes it.
fn close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    if !HANDLES.with(|handles| handles.borrow_mut().close(id)) {
        throw_invalid_state(scope, "database is not open");
    }
}

/// exec(id, sql): runs every statement of `sql`.
fn exec(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let sql = utf8(scope, args.get(1));
    CALLBACK_EXCEPTION.with(|pending| pending.borrow_mut().take());
    with_database(scope, args.get(0), |scope, connection| {
        // SAFETY: the connection is open and sql NUL-terminated.
        let status = unsafe { ffi::sqlite3_exec(connection, sql.as_ptr(), None, std::ptr::null_mut(), std::ptr::null_mut()) };
        if status != ffi::SQLITE_OK {
            throw_sqlite_error(scope, connection);
        }
    });
}

/// prepare(id, sql): a statement's id.
fn prepare(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let database = args.get(0).uint32_value(scope).unwrap_or(0);
    let sql = utf8(scope, args.get(1));
    CALLBACK_EXCEPTION.with(|pending| pending.borrow_mut().take());
    let prepared = with_database(scope, args.get(0), |scope, connection| {
        let mut handle = std::ptr::null_mut();
        // SAFETY: the connection is open and sql NUL-terminated.
        let status = unsafe { ffi::sqlite3_prepare_v2(connection, sql.as_ptr(), -1, &mut handle, std::ptr::null_mut()) };
        if status != ffi::SQLITE_OK {
            throw_sqlite_error(scope, connection);
            return None;
        }
        Some(handle)
    });
    let Some(Some(handle)) = prepared else { return };
    let id = next_id();
    HANDLES.with(|handles| handles.borrow_mut().statements.insert(id, Statement { handle, database }));
    rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

/// setDefensive(id, active): SQLite's defensive flag (no writes that could corrupt the file).
fn set_defensive(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let active = args.get(1).is_true() as c_int;
    with_database(scope, args.get(0), |scope, connection| {
        let mut ignored = 0;
        // SAFETY: the connection is open; the call takes an int and an out-pointer.
        let status = unsafe { ffi::sqlite3_db_config(connection, ffi::SQLITE_DBCONFIG_DEFENSIVE, active, &mut ignored as *mut c_int) };
        if status != ffi::SQLITE_OK {
            throw_sqlite_error(scope, connection);
        }
    });
}

/// serialize(id, dbName): a copy of the schema's database file, as a Uint8Array.
fn serialize(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let name = utf8(scope, args.get(1));
    let bytes = with_database(scope, args.get(0), |scope, connection| {
        let mut size: ffi::sqlite3_int64 = 0;
        // SAFETY: the connection is open; the copy SQLite returns is ours to free.
        let data = unsafe { ffi::sqlite3_serialize(connection, name.as_ptr(), &mut size, 0) };
        if data.is_null() {
            throw_sqlite_error(scope, connection);
            return None;
        }
        let bytes = bytes_at(data.cast(), size as c_int);
        // SAFETY: as above, freed once.
        unsafe { ffi::sqlite3_free(data.cast()) };
        Some(bytes)
    });
    if let Some(Some(bytes)) = bytes {
        rv.set(uint8_array(scope, bytes).into());
    }
}

/// deserialize(id, bytes, dbName): replaces the schema's database with a copy of `bytes`,
/// finalizing the connection's statements first.
fn deserialize(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(1)) else { return };
    let bytes = view_bytes(&view);
    let name = utf8(scope, args.get(2));
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    HANDLES.with(|handles| handles.borrow_mut().statements.retain(|_, statement| statement.database != id));
    with_database(scope, args.get(0), |scope, connection| {
        // SAFETY: SQLite takes the allocation (FREEONCLOSE), also when deserializing fails.
        let status = unsafe {
            let data = ffi::sqlite3_malloc64(bytes.len() as u64).cast::<u8>();
            if data.is_null() {
                ffi::SQLITE_NOMEM
            } else {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len());
                let size = bytes.len() as ffi::sqlite3_int64;
                let flags = ffi::SQLITE_DESERIALIZE_FREEONCLOSE | ffi::SQLITE_DESERIALIZE_RESIZEABLE;
                ffi::sqlite3_deserialize(connection, name.as_ptr(), data, size, size, flags as u32)
            }
        };
        if status != ffi::SQLITE_OK {
            throw_sqlite_error(scope, connection);
        }
    });
}

/// isTransaction(id): whether the connection is inside a transaction.
fn is_transaction(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    // SAFETY: the connection is open.
    let autocommit = with_database(scope, args.get(0), |_, connection| unsafe { ffi::sqlite3_get_autocommit(connection) });
    if let Some(autocommit) = autocommit {
        rv.set(v8::Boolean::new(scope, autocommit == 0).into());
    }
}

/// location(id, dbName): the database file's path, or null for in-memory databases.
fn location(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let name = utf8(scope, args.get(1));
    // SAFETY: the connection is open; the returned name (null for an unknown schema) is
    // copied before the connection changes.
    let path = with_database(scope, args.get(0), |_, connection| unsafe {
        let path = ffi::sqlite3_db_filename(connection, name.as_ptr());
        (!path.is_null()).then(|| CStr::from_ptr(path).to_string_lossy().into_owned())
    });
    let Some(path) = path else { return };
    match path.filter(|path| !path.is_empty()) {
        Some(path) => rv.set(string(scope, &path).into()),
        None => rv.set(v8::null(scope).into()),
    }
}

/// limit(id, which, value?): the limit's value before (set when `value` is a number).
fn limit(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let which = args.get(1).int32_value(scope).unwrap_or(-1);
    let value = if args.get(2).is_number() { args.get(2).int32_value(scope).unwrap_or(-1) } else { -1 };
    // SAFETY: the connection is open; a negative value only reads the limit.
    let previous = with_database(scope, args.get(0), |_, connection| unsafe { ffi::sqlite3_limit(connection, which, value) });
    if let Some(previous) = previous {
        rv.set(v8::Integer::new(scope, previous).into());
    }
}

// ---- values ----

/// Binds one JS value at `index` as node does; false with an exception thrown when refused.
fn bind_value(scope: &mut v8::PinScope, handle: *mut ffi::sqlite3_stmt, connection: *mut ffi::sqlite3, index: c_int, value: v8::Local<v8::Value>) -> bool {
    // SAFETY (each bind): the statement is live; TRANSIENT makes SQLite copy the bytes.
    let status = if value.is_number() {
        let number = value.number_value(scope).unwrap_or(0.0);
        unsafe { ffi::sqlite3_bind_double(handle, index, number) }
    } else if value.is_string() {
        let text = value.to_rust_string_lossy(scope);
        unsafe { ffi::sqlite3_bind_text64(handle, index, text.as_ptr().cast(), text.len() as u64, ffi::SQLITE_TRANSIENT(), ffi::SQLITE_UTF8 as u8) }
    } else if value.is_null() {
        unsafe { ffi::sqlite3_bind_null(handle, index) }
    } else if let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(value) {
        let bytes = view_bytes(&view);
        unsafe { ffi::sqlite3_bind_blob64(handle, index, bytes.as_ptr().cast(), bytes.len() as u64, ffi::SQLITE_TRANSIENT()) }
    } else if let Ok(big) = v8::Local::<v8::BigInt>::try_from(value) {
        let (integer, lossless) = big.i64_value();
        if !lossless {
            throw_coded(scope, v8::Exception::type_error, "ERR_INVALID_ARG_VALUE", "BigInt value is too large to bind.");
            return false;
        }
        unsafe { ffi::sqlite3_bind_int64(handle, index, integer) }
    } else {
        let message = format!("Provided value cannot be bound to SQLite parameter {index}.");
        throw_coded(scope, v8::Exception::type_error, "ERR_INVALID_ARG_TYPE", &message);
        return false;
    };
    if status != ffi::SQLITE_OK {
        throw_sqlite_error(scope, connection);
        return false;
    }
    true
}

/// Whether parameter `index` has a name (`:a`, `@a`, `$a`; not `?` or `?NNN`).
fn is_named(handle: *mut ffi::sqlite3_stmt, index: c_int) -> bool {
    // SAFETY: the statement is live; past the last parameter or for `?` the name is null.
    let name = unsafe { ffi::sqlite3_bind_parameter_name(handle, index) };
    // SAFETY: a non-null name has at least its prefix character.
    !name.is_null() && unsafe { *name } != b'?' as c_char
}

/// Binds a call's parameters as node's BindParams: an object first (not a typed array or
/// DataView) binds named parameters — `:a`, `@a`, `$a`, or bare `a` when allowed — and the
/// rest bind the anonymous ones in order.
fn bind_params(scope: &mut v8::PinScope, handle: *mut ffi::sqlite3_stmt, connection: *mut ffi::sqlite3, params: v8::Local<v8::Array>, allow_bare: bool, allow_unknown: bool) -> bool {
    // SAFETY: the statement is live.
    unsafe { ffi::sqlite3_clear_bindings(handle) };
    let count = params.length();
    let mut anonymous_start = 0;
    let first = if count > 0 { params.get_index(scope, 0) } else { None };
    if let Some(named) = first.filter(|first| first.is_object() && !first.is_array_buffer_view()) {
        let named = named.cast::<v8::Object>();
        // SAFETY: the statement is live.
        let parameter_count = unsafe { ffi::sqlite3_bind_parameter_count(handle) };
        let mut bare_names: HashMap<String, String> = HashMap::new();
        if allow_bare {
            for index in 1..=parameter_count {
                // SAFETY: as above; the name lives as long as the statement.
                let name = unsafe { ffi::sqlite3_bind_parameter_name(handle, index) };
                if !is_named(handle, index) {
                    continue;
                }
                // SAFETY: a NUL-terminated name.
                let full = unsafe { CStr::from_ptr(name) }.to_string_lossy().into_owned();
                let bare = full[1..].to_string();
                match bare_names.get(&bare) {
                    Some(existing) if *existing != full => {
                        let message = format!("Cannot create bare named parameter '{bare}' because of conflicting names '{existing}' and '{full}'.");
                        throw_invalid_state(scope, &message);
                        return false;
                    }
                    Some(_) => {}
                    None => {
                        bare_names.insert(bare, full);
                    }
                }
            }
        }
        let Some(keys) = named.get_own_property_names(scope, v8::GetPropertyNamesArgs::default()) else { return false };
        for key_index in 0..keys.length() {
            let Some(key) = keys.get_index(scope, key_index) else { return false };
            let key_text = key.to_rust_string_lossy(scope);
            let key_c = CString::new(key_text.clone()).unwrap_or_default();
            // SAFETY: the statement is live; names are NUL-terminated.
            let mut index = unsafe { ffi::sqlite3_bind_parameter_index(handle, key_c.as_ptr()) };
            if index == 0 && allow_bare {
                if let Some(full) = bare_names.get(&key_text) {
                    let full = CString::new(full.clone()).unwrap_or_default();
                    // SAFETY: as above.
                    index = unsafe { ffi::sqlite3_bind_parameter_index(handle, full.as_ptr()) };
                }
            }
            if index == 0 {
                if allow_unknown {
                    continue;
                }
                throw_invalid_state(scope, &format!("Unknown named parameter '{key_text}'"));
                return false;
            }
            let Some(value) = named.get(scope, key) else { return false };
            if !bind_value(scope, handle, connection, index, value) {
                return false;
            }
        }
        anonymous_start = 1;
    }
    let mut anonymous_index = 1;
    for position in anonymous_start..count {
        // Named parameters are skipped; `?NNN` ones are positional.
        while is_named(handle, anonymous_index) {
            anonymous_index += 1;
        }
        let Some(value) = params.get_index(scope, position) else { return false };
        if !bind_value(scope, handle, connection, anonymous_index, value) {
            return false;
        }
        anonymous_index += 1;
    }
    true
}

/// An integer as node reads one: a BigInt, or a number within the safe range.
fn integer_to_js<'s>(scope: &mut v8::PinScope<'s, '_>, value: i64, big: bool) -> Option<v8::Local<'s, v8::Value>> {
    if big {
        return Some(v8::BigInt::new_from_i64(scope, value).into());
    }
    // node compares std::abs(value), which leaves i64::MIN negative: that one passes as a number.
    if value != i64::MIN && value.unsigned_abs() > MAX_SAFE_INTEGER as u64 {
        let message = format!("Value is too large to be represented as a JavaScript number: {value}");
        throw_coded(scope, v8::Exception::range_error, "ERR_OUT_OF_RANGE", &message);
        return None;
    }
    Some(v8::Number::new(scope, value as f64).into())
}

/// SQLite text or blob bytes (`length` of them at `data`).
fn bytes_at(data: *const c_void, length: c_int) -> Vec<u8> {
    if data.is_null() || length <= 0 {
        return Vec::new();
    }
    // SAFETY: SQLite guarantees `length` readable bytes at `data` until the next step.
    unsafe { std::slice::from_raw_parts(data.cast::<u8>(), length as usize) }.to_vec()
}

fn column_value<'s>(scope: &mut v8::PinScope<'s, '_>, handle: *mut ffi::sqlite3_stmt, column: c_int, big: bool) -> Option<v8::Local<'s, v8::Value>> {
    // SAFETY (each read): the statement is live and positioned on a row.
    match unsafe { ffi::sqlite3_column_type(handle, column) } {
        ffi::SQLITE_INTEGER => integer_to_js(scope, unsafe { ffi::sqlite3_column_int64(handle, column) }, big),
        ffi::SQLITE_FLOAT => Some(v8::Number::new(scope, unsafe { ffi::sqlite3_column_double(handle, column) }).into()),
        ffi::SQLITE_TEXT => {
            let data = unsafe { ffi::sqlite3_column_text(handle, column) };
            let bytes = bytes_at(data.cast(), unsafe { ffi::sqlite3_column_bytes(handle, column) });
            Some(string(scope, &String::from_utf8_lossy(&bytes)).into())
        }
        ffi::SQLITE_BLOB => {
            let data = unsafe { ffi::sqlite3_column_blob(handle, column) };
            let bytes = bytes_at(data, unsafe { ffi::sqlite3_column_bytes(handle, column) });
            Some(uint8_array(scope, bytes).into())
        }
        _ => Some(v8::null(scope).into()),
    }
}

fn column_name<'s>(scope: &mut v8::PinScope<'s, '_>, handle: *mut ffi::sqlite3_stmt, column: c_int) -> Option<v8::Local<'s, v8::Name>> {
    // SAFETY: the statement is live; the name is NUL-terminated.
    let name = unsafe { ffi::sqlite3_column_name(handle, column) };
    if name.is_null() {
        throw_invalid_state(scope, &format!("Cannot get name of column {column}"));
        return None;
    }
    let name = unsafe { CStr::from_ptr(name) }.to_string_lossy().into_owned();
    Some(string(scope, &name).into())
}

/// The current row: an array, or a null-prototype object keyed by column name.
fn row<'s>(scope: &mut v8::PinScope<'s, '_>, handle: *mut ffi::sqlite3_stmt, big: bool, arrays: bool) -> Option<v8::Local<'s, v8::Value>> {
    // SAFETY: the statement is live.
    let count = unsafe { ffi::sqlite3_column_count(handle) };
    let mut values = Vec::with_capacity(count as usize);
    for column in 0..count {
        values.push(column_value(scope, handle, column, big)?);
    }
    if arrays {
        return Some(v8::Array::new_with_elements(scope, &values).into());
    }
    let row = v8::Object::with_prototype_and_properties(scope, v8::null(scope).into(), &[], &[]);
    for (column, value) in values.into_iter().enumerate() {
        let name = column_name(scope, handle, column as c_int)?;
        row.set(scope, name.into(), value);
    }
    Some(row.into())
}

// ---- statements ----

/// The options every running call passes: (id, readBigInts, returnArrays, allowBare,
/// allowUnknown, params array).
struct RunOptions<'s> {
    big: bool,
    arrays: bool,
    allow_bare: bool,
    allow_unknown: bool,
    params: v8::Local<'s, v8::Array>,
}

fn run_options<'s>(args: &v8::FunctionCallbackArguments<'s>) -> Option<RunOptions<'s>> {
    let params = v8::Local::<v8::Array>::try_from(args.get(5)).ok()?;
    Some(RunOptions { big: args.get(1).is_true(), arrays: args.get(2).is_true(), allow_bare: args.get(3).is_true(), allow_unknown: args.get(4).is_true(), params })
}

/// Resets the statement and binds the call's parameters.
fn start(scope: &mut v8::PinScope, handle: *mut ffi::sqlite3_stmt, connection: *mut ffi::sqlite3, options: &RunOptions) -> bool {
    CALLBACK_EXCEPTION.with(|pending| pending.borrow_mut().take());
    // SAFETY: the statement is live.
    unsafe { ffi::sqlite3_reset(handle) };
    bind_params(scope, handle, connection, options.params, options.allow_bare, options.allow_unknown)
}

/// One step: Some(true) on a row, Some(false) when done, None with an exception thrown.
fn step(scope: &mut v8::PinScope, handle: *mut ffi::sqlite3_stmt, connection: *mut ffi::sqlite3) -> Option<bool> {
    // SAFETY: the statement is live.
    match unsafe { ffi::sqlite3_step(handle) } {
        ffi::SQLITE_ROW => Some(true),
        ffi::SQLITE_DONE => Some(false),
        _ => {
            throw_sqlite_error(scope, connection);
            None
        }
    }
}

fn reset(handle: *mut ffi::sqlite3_stmt) {
    // SAFETY: the statement is live.
    unsafe { ffi::sqlite3_reset(handle) };
}

/// run(id, big, arrays, bare, unknown, params): `{ changes, lastInsertRowid }`.
fn statement_run(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((handle, connection, _in_use)) = statement(scope, args.get(0)) else { return };
    let Some(options) = run_options(&args) else { return };
    if !start(scope, handle, connection, &options) {
        return;
    }
    loop {
        match step(scope, handle, connection) {
            Some(true) => continue,
            Some(false) => break,
            None => return reset(handle),
        }
    }
    reset(handle);
    // SAFETY: the connection is open.
    let (changes, rowid) = unsafe { (ffi::sqlite3_changes64(connection), ffi::sqlite3_last_insert_rowid(connection)) };
    let result = v8::Object::new(scope);
    let (changes, rowid): (v8::Local<v8::Value>, v8::Local<v8::Value>) = match options.big {
        true => (v8::BigInt::new_from_i64(scope, changes).into(), v8::BigInt::new_from_i64(scope, rowid).into()),
        false => (v8::Number::new(scope, changes as f64).into(), v8::Number::new(scope, rowid as f64).into()),
    };
    set_property(scope, result, "changes", changes);
    set_property(scope, result, "lastInsertRowid", rowid);
    rv.set(result.into());
}

/// get(id, big, arrays, bare, unknown, params): the first row, or undefined.
fn statement_get(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((handle, connection, _in_use)) = statement(scope, args.get(0)) else { return };
    let Some(options) = run_options(&args) else { return };
    if !start(scope, handle, connection, &options) {
        return;
    }
    if let Some(true) = step(scope, handle, connection) {
        if let Some(row) = row(scope, handle, options.big, options.arrays) {
            rv.set(row);
        }
    }
    reset(handle);
}

/// all(id, big, arrays, bare, unknown, params): every row.
fn statement_all(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((handle, connection, _in_use)) = statement(scope, args.get(0)) else { return };
    let Some(options) = run_options(&args) else { return };
    if !start(scope, handle, connection, &options) {
        return;
    }
    let mut rows = Vec::new();
    let finished = loop {
        match step(scope, handle, connection) {
            Some(true) => match row(scope, handle, options.big, options.arrays) {
                Some(row) => rows.push(row),
                None => break false,
            },
            Some(false) => break true,
            None => break false,
        }
    };
    reset(handle);
    if finished {
        rv.set(v8::Array::new_with_elements(scope, &rows).into());
    }
}

/// start(id, big, arrays, bare, unknown, params): resets and binds, for an iterator.
fn statement_start(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((handle, connection, _in_use)) = statement(scope, args.get(0)) else { return };
    let Some(options) = run_options(&args) else { return };
    if start(scope, handle, connection, &options) {
        rv.set(v8::Boolean::new(scope, true).into());
    }
}

/// step(id, big, arrays): the next row, or null when done (the statement then reset).
fn statement_step(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((handle, connection, _in_use)) = statement(scope, args.get(0)) else { return };
    match step(scope, handle, connection) {
        Some(true) => {
            if let Some(row) = row(scope, handle, args.get(1).is_true(), args.get(2).is_true()) {
                rv.set(row);
            } else {
                reset(handle);
            }
        }
        Some(false) => {
            reset(handle);
            rv.set(v8::null(scope).into());
        }
        None => reset(handle),
    }
}

/// reset(id): ends a statement's current run (an iterator's `return`).
fn statement_reset(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    if let Some((handle, _, _in_use)) = statement(scope, args.get(0)) {
        reset(handle);
    }
}

fn text_or_null<'s>(scope: &mut v8::PinScope<'s, '_>, text: *const c_char) -> v8::Local<'s, v8::Value> {
    if text.is_null() {
        return v8::null(scope).into();
    }
    // SAFETY: a NUL-terminated string owned by the statement.
    let text = unsafe { CStr::from_ptr(text) }.to_string_lossy().into_owned();
    string(scope, &text).into()
}

/// columns(id): `{ column, database, name, table, type }` for each result column.
fn statement_columns(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((handle, _, _in_use)) = statement(scope, args.get(0)) else { return };
    // SAFETY: the statement is live; each name is NUL-terminated or null.
    let count = unsafe { ffi::sqlite3_column_count(handle) };
    let mut columns = Vec::with_capacity(count as usize);
    for column in 0..count {
        // SAFETY: column < count on a live statement.
        let (origin, database, name, table, declared) = unsafe {
            (
                ffi::sqlite3_column_origin_name(handle, column),
                ffi::sqlite3_column_database_name(handle, column),
                ffi::sqlite3_column_name(handle, column),
                ffi::sqlite3_column_table_name(handle, column),
                ffi::sqlite3_column_decltype(handle, column),
            )
        };
        let entry = v8::Object::with_prototype_and_properties(scope, v8::null(scope).into(), &[], &[]);
        let values = [
            ("column", text_or_null(scope, origin)),
            ("database", text_or_null(scope, database)),
            ("name", text_or_null(scope, name)),
            ("table", text_or_null(scope, table)),
            ("type", text_or_null(scope, declared)),
        ];
        for (key, value) in values {
            set_property(scope, entry, key, value);
        }
        columns.push(entry.into());
    }
    rv.set(v8::Array::new_with_elements(scope, &columns).into());
}

/// sql(id, expanded): the statement's source SQL, or with its parameters' values in place.
fn statement_sql(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((handle, connection, _in_use)) = statement(scope, args.get(0)) else { return };
    if args.get(1).is_true() {
        // SAFETY: the statement is live; the expanded text is ours to free.
        let expanded = unsafe { ffi::sqlite3_expanded_sql(handle) };
        if expanded.is_null() {
            throw_sqlite_error(scope, connection);
            return;
        }
        let text = unsafe { CStr::from_ptr(expanded) }.to_string_lossy().into_owned();
        unsafe { ffi::sqlite3_free(expanded.cast()) };
        rv.set(string(scope, &text).into());
    } else {
        // SAFETY: the statement is live; its text lives as long as it does.
        let text = unsafe { CStr::from_ptr(ffi::sqlite3_sql(handle)) }.to_string_lossy().into_owned();
        rv.set(string(scope, &text).into());
    }
}

/// finalize(id): frees a statement nothing references any more.
fn statement_finalize(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let statement = HANDLES.with(|handles| handles.borrow_mut().statements.remove(&id));
    drop(statement);
}

// ---- user-defined functions and aggregates ----

/// How SQLite's callbacks get back into JS: the isolate and context of the JS call that
/// registered them. SQLite only runs them inside a later JS call on the same thread.
struct JsEntry {
    isolate: v8::UnsafeRawIsolatePtr,
    context: v8::Global<v8::Context>,
    big_arguments: bool,
}

impl JsEntry {
    fn new(scope: &mut v8::PinScope, big_arguments: bool) -> JsEntry {
        let context = scope.get_current_context();
        // SAFETY: the pointer is only turned back into the isolate on this thread.
        JsEntry { isolate: unsafe { scope.as_raw_isolate_ptr() }, context: v8::Global::new(scope, context), big_arguments }
    }

    /// Runs `body` in JS; an exception it throws is kept for the caller of the SQLite call
    /// that ran this callback, and `body`'s answer is None.
    fn call<R>(&self, body: impl FnOnce(&mut v8::PinScope) -> Option<R>) -> Option<R> {
        let mut isolate_ptr = self.isolate;
        // SAFETY: SQLite runs the callback inside the JS call that stepped the statement, on
        // this isolate's thread, so the isolate is live and entered.
        let isolate = unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut isolate_ptr) };
        v8::scope_with_context!(let scope, isolate, &self.context);
        v8::tc_scope!(let scope, scope);
        let answer = body(scope);
        match scope.exception() {
            Some(exception) => {
                let exception = v8::Global::new(scope, exception);
                // The first exception is the one the caller gets.
                CALLBACK_EXCEPTION.with(|pending| {
                    pending.borrow_mut().get_or_insert(exception);
                });
                None
            }
            None => answer,
        }
    }

    /// Runs `body` for the function call `context`; SQLite is told the call failed when it
    /// throws.
    fn run(&self, context: *mut ffi::sqlite3_context, body: impl FnOnce(&mut v8::PinScope)) {
        if self.call(|scope| Some(body(scope))).is_none() {
            // SAFETY: a live context; the JS exception replaces this error for the caller.
            unsafe { ffi::sqlite3_result_error(context, c"".as_ptr(), 0) };
        }
    }

    /// The call's SQLite arguments as JS values (None with an exception thrown).
    fn arguments<'s>(&self, scope: &mut v8::PinScope<'s, '_>, argc: c_int, argv: *mut *mut ffi::sqlite3_value) -> Option<Vec<v8::Local<'s, v8::Value>>> {
        let mut arguments = Vec::with_capacity(argc.max(0) as usize);
        for index in 0..argc.max(0) as usize {
            // SAFETY: argv holds argc values.
            let value = unsafe { *argv.add(index) };
            arguments.push(sqlite_value_to_js(scope, value, self.big_arguments)?);
        }
        Some(arguments)
    }
}

/// A JS function SQLite holds for a connection, weakly: its DatabaseSync keeps it alive, so a
/// callback that closes over its database does not keep both alive for good (a strong handle
/// from native code is a root the GC cannot see through).
struct HeldFunction(v8::Weak<v8::Function>);

impl HeldFunction {
    fn new(scope: &mut v8::PinScope, function: v8::Local<v8::Function>) -> HeldFunction {
        HeldFunction(v8::Weak::new(scope, function))
    }

    fn get<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Function>> {
        self.0.to_local(scope)
    }
}

/// What SQLite holds for one JS function (freed by SQLite with the connection).
struct UserFunction {
    entry: JsEntry,
    function: HeldFunction,
}

/// An aggregate's options.start: a primitive kept as is, or an object held weakly as the
/// functions are.
enum Start {
    Primitive(v8::Global<v8::Value>),
    Object(v8::Weak<v8::Object>),
}

/// What SQLite holds for one JS aggregate (node's options.start/step/inverse/result).
struct UserAggregate {
    entry: JsEntry,
    start: Start,
    step: HeldFunction,
    inverse: Option<HeldFunction>,
    result: Option<HeldFunction>,
}

unsafe extern "C" fn drop_boxed<T>(data: *mut c_void) {
    // SAFETY: the data is the Box given to SQLite with this destructor, dropped once.
    drop(unsafe { Box::from_raw(data.cast::<T>()) });
}

/// A SQLite value as a JS value (integers as BigInts when `big`).
fn sqlite_value_to_js<'s>(scope: &mut v8::PinScope<'s, '_>, value: *mut ffi::sqlite3_value, big: bool) -> Option<v8::Local<'s, v8::Value>> {
    // SAFETY (each read): the value is one of the call's live arguments.
    match unsafe { ffi::sqlite3_value_type(value) } {
        ffi::SQLITE_INTEGER => integer_to_js(scope, unsafe { ffi::sqlite3_value_int64(value) }, big),
        ffi::SQLITE_FLOAT => Some(v8::Number::new(scope, unsafe { ffi::sqlite3_value_double(value) }).into()),
        ffi::SQLITE_TEXT => {
            let data = unsafe { ffi::sqlite3_value_text(value) };
            let bytes = bytes_at(data.cast(), unsafe { ffi::sqlite3_value_bytes(value) });
            Some(string(scope, &String::from_utf8_lossy(&bytes)).into())
        }
        ffi::SQLITE_BLOB => {
            let data = unsafe { ffi::sqlite3_value_blob(value) };
            let bytes = bytes_at(data, unsafe { ffi::sqlite3_value_bytes(value) });
            Some(uint8_array(scope, bytes).into())
        }
        _ => Some(v8::null(scope).into()),
    }
}

/// Sets a function's result from what JS returned, or an error SQLite reports.
fn set_result(scope: &mut v8::PinScope, context: *mut ffi::sqlite3_context, value: v8::Local<v8::Value>) {
    let error = |message: &str| {
        let message = CString::new(message).unwrap();
        // SAFETY: a live context; SQLite copies the message.
        unsafe { ffi::sqlite3_result_error(context, message.as_ptr(), -1) };
    };
    // SAFETY (each result): a live context; TRANSIENT makes SQLite copy the bytes.
    if value.is_null_or_undefined() {
        unsafe { ffi::sqlite3_result_null(context) };
    } else if value.is_number() {
        unsafe { ffi::sqlite3_result_double(context, value.number_value(scope).unwrap_or(0.0)) };
    } else if value.is_string() {
        let text = value.to_rust_string_lossy(scope);
        unsafe { ffi::sqlite3_result_text64(context, text.as_ptr().cast(), text.len() as u64, ffi::SQLITE_TRANSIENT(), ffi::SQLITE_UTF8 as u8) };
    } else if let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(value) {
        let bytes = view_bytes(&view);
        unsafe { ffi::sqlite3_result_blob64(context, bytes.as_ptr().cast(), bytes.len() as u64, ffi::SQLITE_TRANSIENT()) };
    } else if let Ok(big) = v8::Local::<v8::BigInt>::try_from(value) {
        let (integer, lossless) = big.i64_value();
        if !lossless {
            return error("BigInt value is too large for SQLite");
        }
        unsafe { ffi::sqlite3_result_int64(context, integer) };
    } else if value.is_promise() {
        error("Asynchronous user-defined functions are not supported");
    } else {
        error("Returned JavaScript value cannot be converted to a SQLite value");
    }
}

unsafe extern "C" fn call_user_function(context: *mut ffi::sqlite3_context, argc: c_int, argv: *mut *mut ffi::sqlite3_value) {
    // SAFETY: the user data is the UserFunction registered with this function.
    let function = unsafe { &*ffi::sqlite3_user_data(context).cast::<UserFunction>() };
    function.entry.run(context, |scope| {
        let Some(arguments) = function.entry.arguments(scope, argc, argv) else { return };
        let Some(callee) = function.function.get(scope) else { return };
        let receiver = v8::undefined(scope).into();
        if let Some(result) = callee.call(scope, receiver, &arguments) {
            set_result(scope, context, result);
        }
    });
}

/// One group's accumulator, and whether SQLite has read it as a window function's value
/// (its final call then only frees it).
struct Accumulator {
    value: v8::Global<v8::Value>,
    windowed: bool,
}

/// The aggregate's accumulator for this group: a slot in SQLite's per-group memory holding a
/// boxed Accumulator, filled from `start` on first use.
fn accumulator<'s>(scope: &mut v8::PinScope<'s, '_>, context: *mut ffi::sqlite3_context, aggregate: &UserAggregate) -> Option<(*mut *mut Accumulator, v8::Local<'s, v8::Value>)> {
    // SAFETY: a live aggregate call; SQLite zeroes the slot when it allocates it.
    let slot = unsafe { ffi::sqlite3_aggregate_context(context, std::mem::size_of::<*mut Accumulator>() as c_int) }.cast::<*mut Accumulator>();
    if slot.is_null() {
        // SAFETY: a live context.
        unsafe { ffi::sqlite3_result_error_nomem(context) };
        return None;
    }
    // SAFETY: the slot holds null or a Box made below.
    if let Some(kept) = unsafe { (*slot).as_ref() } {
        return Some((slot, v8::Local::new(scope, &kept.value)));
    }
    let start = match &aggregate.start {
        Start::Primitive(value) => v8::Local::new(scope, value),
        Start::Object(object) => object.to_local(scope)?.into(),
    };
    let initial = match v8::Local::<v8::Function>::try_from(start) {
        Ok(start) => {
            let receiver = v8::null(scope).into();
            start.call(scope, receiver, &[])?
        }
        Err(_) => start,
    };
    let kept = Box::new(Accumulator { value: v8::Global::new(scope, initial), windowed: false });
    // SAFETY: the slot is ours until the final call takes it.
    unsafe { *slot = Box::into_raw(kept) };
    Some((slot, initial))
}

/// Feeds one row to `step` or `inverse`: the accumulator becomes what it returns.
fn aggregate_update(context: *mut ffi::sqlite3_context, argc: c_int, argv: *mut *mut ffi::sqlite3_value, inverse: bool) {
    // SAFETY: the user data is the UserAggregate registered with this aggregate.
    let aggregate = unsafe { &*ffi::sqlite3_user_data(context).cast::<UserAggregate>() };
    aggregate.entry.run(context, |scope| {
        let Some((slot, current)) = accumulator(scope, context, aggregate) else { return };
        let Some(arguments) = aggregate.entry.arguments(scope, argc, argv) else { return };
        let callee = match (inverse, &aggregate.inverse) {
            (true, Some(inverse)) => inverse.get(scope),
            _ => aggregate.step.get(scope),
        };
        let Some(callee) = callee else { return };
        let mut call_arguments = vec![current];
        call_arguments.extend(arguments);
        let receiver = v8::undefined(scope).into();
        if let Some(next) = callee.call(scope, receiver, &call_arguments) {
            // SAFETY: the slot holds the Box `accumulator` made.
            unsafe { (**slot).value = v8::Global::new(scope, next) };
        }
    });
}

unsafe extern "C" fn aggregate_step(context: *mut ffi::sqlite3_context, argc: c_int, argv: *mut *mut ffi::sqlite3_value) {
    aggregate_update(context, argc, argv, false);
}

unsafe extern "C" fn aggregate_inverse(context: *mut ffi::sqlite3_context, argc: c_int, argv: *mut *mut ffi::sqlite3_value) {
    aggregate_update(context, argc, argv, true);
}

/// The aggregate's value now (`result(accumulator)`, or the accumulator); `finish` frees it.
fn aggregate_value(context: *mut ffi::sqlite3_context, finish: bool) {
    // SAFETY: the user data is the UserAggregate registered with this aggregate.
    let aggregate = unsafe { &*ffi::sqlite3_user_data(context).cast::<UserAggregate>() };
    aggregate.entry.run(context, |scope| {
        let Some((slot, current)) = accumulator(scope, context, aggregate) else { return };
        if finish {
            // SAFETY: the slot holds the Box `accumulator` made; taken once.
            let kept = unsafe { Box::from_raw(std::mem::replace(&mut *slot, std::ptr::null_mut())) };
            if kept.windowed {
                return;
            }
        } else {
            // SAFETY: as above; the Box stays in the slot.
            unsafe { (**slot).windowed = true };
        }
        let value = match &aggregate.result {
            Some(result) => {
                let Some(result) = result.get(scope) else { return };
                let receiver = v8::null(scope).into();
                let Some(value) = result.call(scope, receiver, &[current]) else { return };
                value
            }
            None => current,
        };
        set_result(scope, context, value);
    });
}

unsafe extern "C" fn aggregate_final(context: *mut ffi::sqlite3_context) {
    aggregate_value(context, true);
}

unsafe extern "C" fn aggregate_current(context: *mut ffi::sqlite3_context) {
    aggregate_value(context, false);
}

/// SQLite's flags for a function: UTF-8, deterministic, direct-only.
fn function_flags(deterministic: bool, direct_only: bool) -> c_int {
    let mut flags = ffi::SQLITE_UTF8;
    if deterministic {
        flags |= ffi::SQLITE_DETERMINISTIC;
    }
    if direct_only {
        flags |= ffi::SQLITE_DIRECTONLY;
    }
    flags
}

/// function(id, name, fn, argc, deterministic, directOnly, useBigIntArguments).
fn create_function(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let name = utf8(scope, args.get(1));
    let Ok(callee) = v8::Local::<v8::Function>::try_from(args.get(2)) else { return };
    let argc = args.get(3).int32_value(scope).unwrap_or(-1);
    let flags = function_flags(args.get(4).is_true(), args.get(5).is_true());
    let user = Box::new(UserFunction { entry: JsEntry::new(scope, args.get(6).is_true()), function: HeldFunction::new(scope, callee) });
    with_database(scope, args.get(0), |scope, connection| {
        // SAFETY: the connection is open; SQLite owns the Box from here (freed by its
        // destructor, also when registration fails).
        let status = unsafe {
            ffi::sqlite3_create_function_v2(
                connection,
                name.as_ptr(),
                argc,
                flags,
                Box::into_raw(user).cast(),
                Some(call_user_function),
                None,
                None,
                Some(drop_boxed::<UserFunction>),
            )
        };
        if status != ffi::SQLITE_OK {
            throw_sqlite_error(scope, connection);
        }
    });
}

/// aggregate(id, name, start, step, inverse?, result?, argc, directOnly, useBigIntArguments):
/// a window function when `inverse` is given, else a plain aggregate.
fn create_aggregate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let name = utf8(scope, args.get(1));
    let Ok(step) = v8::Local::<v8::Function>::try_from(args.get(3)) else { return };
    let held = |scope: &mut v8::PinScope, value: v8::Local<v8::Value>| {
        v8::Local::<v8::Function>::try_from(value).ok().map(|function| HeldFunction::new(scope, function))
    };
    let inverse = held(scope, args.get(4));
    let result = held(scope, args.get(5));
    let start = match v8::Local::<v8::Object>::try_from(args.get(2)) {
        Ok(object) => Start::Object(v8::Weak::new(scope, object)),
        Err(_) => Start::Primitive(v8::Global::new(scope, args.get(2))),
    };
    let argc = args.get(6).int32_value(scope).unwrap_or(-1);
    let flags = function_flags(false, args.get(7).is_true());
    let window = inverse.is_some();
    let user = Box::new(UserAggregate {
        entry: JsEntry::new(scope, args.get(8).is_true()),
        start,
        step: HeldFunction::new(scope, step),
        inverse,
        result,
    });
    with_database(scope, args.get(0), |scope, connection| {
        // SAFETY: the connection is open; SQLite owns the Box from here (freed by its
        // destructor, also when registration fails).
        let status = unsafe {
            ffi::sqlite3_create_window_function(
                connection,
                name.as_ptr(),
                argc,
                flags,
                Box::into_raw(user).cast(),
                Some(aggregate_step),
                Some(aggregate_final),
                window.then_some(aggregate_current as unsafe extern "C" fn(*mut ffi::sqlite3_context)),
                window.then_some(aggregate_inverse as unsafe extern "C" fn(*mut ffi::sqlite3_context, c_int, *mut *mut ffi::sqlite3_value)),
                Some(drop_boxed::<UserAggregate>),
            )
        };
        if status != ffi::SQLITE_OK {
            throw_sqlite_error(scope, connection);
        }
    });
}

// ---- authorizer and extensions ----

/// What SQLite holds for the connection's JS authorizer.
struct Authorizer {
    entry: JsEntry,
    callback: HeldFunction,
}

/// The connections' authorizers, by connection id (replaced or dropped with the connection).
type Authorizers = HashMap<u32, Box<Authorizer>>;

thread_local! {
    static AUTHORIZERS: RefCell<Authorizers> = RefCell::new(HashMap::new());
}

unsafe extern "C" fn authorize(data: *mut c_void, action: c_int, first: *const c_char, second: *const c_char, database: *const c_char, trigger: *const c_char) -> c_int {
    // SAFETY: the data is the boxed Authorizer registered with this connection, kept in
    // AUTHORIZERS until it is replaced or the connection closes.
    let authorizer = unsafe { &*data.cast::<Authorizer>() };
    let answer = authorizer.entry.call(|scope| {
        let mut arguments = vec![v8::Integer::new(scope, action).into()];
        for text in [first, second, database, trigger] {
            arguments.push(text_or_null(scope, text));
        }
        let callback = authorizer.callback.get(scope)?;
        let receiver = v8::undefined(scope).into();
        let code = callback.call(scope, receiver, &arguments)?;
        let code = if code.is_int32() { code.int32_value(scope) } else { None };
        let Some(code) = code else {
            let message = string(scope, "Authorizer callback must return an integer authorization code");
            let error = v8::Exception::type_error(scope, message);
            scope.throw_exception(error);
            return None;
        };
        if ![ffi::SQLITE_OK, ffi::SQLITE_DENY, ffi::SQLITE_IGNORE].contains(&code) {
            let message = string(scope, "Authorizer callback returned a invalid authorization code");
            let error = v8::Exception::range_error(scope, message);
            scope.throw_exception(error);
            return None;
        }
        Some(code)
    });
    answer.unwrap_or(ffi::SQLITE_DENY)
}

/// setAuthorizer(id, callback | null).
fn set_authorizer(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let callback = v8::Local::<v8::Function>::try_from(args.get(1)).ok();
    let authorizer = callback.map(|callback| Box::new(Authorizer { entry: JsEntry::new(scope, false), callback: HeldFunction::new(scope, callback) }));
    with_database(scope, args.get(0), |scope, connection| {
        let data = authorizer.as_ref().map_or(std::ptr::null_mut(), |authorizer| (&**authorizer as *const Authorizer).cast_mut().cast());
        let hook = authorizer.is_some().then_some(authorize as unsafe extern "C" fn(_, _, _, _, _, _) -> _);
        // SAFETY: the connection is open; the Authorizer stays boxed in AUTHORIZERS while set.
        let status = unsafe { ffi::sqlite3_set_authorizer(connection, hook, data) };
        if status != ffi::SQLITE_OK {
            throw_sqlite_error(scope, connection);
            return;
        }
        AUTHORIZERS.with(|authorizers| match authorizer {
            Some(authorizer) => authorizers.borrow_mut().insert(id, authorizer),
            None => authorizers.borrow_mut().remove(&id),
        });
    });
}

/// enableLoadExtension(id, allow): SQLite's C-API switch for loading extensions.
fn enable_load_extension(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let allow = args.get(1).is_true() as c_int;
    with_database(scope, args.get(0), |scope, connection| {
        // SAFETY: the connection is open.
        if unsafe { ffi::sqlite3_enable_load_extension(connection, allow) } != ffi::SQLITE_OK {
            throw_sqlite_error(scope, connection);
        }
    });
}

/// loadExtension(id, path, entryPoint?): loads a SQLite extension; its failure is node's
/// ERR_LOAD_SQLITE_EXTENSION with SQLite's message.
fn load_extension(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let path = utf8(scope, args.get(1));
    let entry = args.get(2).is_string().then(|| utf8(scope, args.get(2)));
    with_database(scope, args.get(0), |scope, connection| {
        let mut message: *mut c_char = std::ptr::null_mut();
        let entry = entry.as_ref().map_or(std::ptr::null(), |entry| entry.as_ptr());
        // SAFETY: the connection is open; the message SQLite allocates is ours to free.
        let status = unsafe { ffi::sqlite3_load_extension(connection, path.as_ptr(), entry, &mut message) };
        if status != ffi::SQLITE_OK {
            let text = match message.is_null() {
                // SAFETY: a NUL-terminated message, freed once.
                false => unsafe {
                    let text = CStr::from_ptr(message).to_string_lossy().into_owned();
                    ffi::sqlite3_free(message.cast());
                    text
                },
                true => String::from("Failed to load extension"),
            };
            throw_coded(scope, v8::Exception::error, "ERR_LOAD_SQLITE_EXTENSION", &text);
        }
    });
}

// ---- sessions and changesets ----

/// createSession(id, table?, dbName): a session recording changes to one table (or all).
fn create_session(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let database = args.get(0).uint32_value(scope).unwrap_or(0);
    let table = args.get(1).is_string().then(|| utf8(scope, args.get(1)));
    let name = utf8(scope, args.get(2));
    let created = with_database(scope, args.get(0), |scope, connection| {
        let mut handle = std::ptr::null_mut();
        // SAFETY: the connection is open; the names are NUL-terminated.
        if unsafe { ffi::sqlite3session_create(connection, name.as_ptr(), &mut handle) } != ffi::SQLITE_OK {
            throw_sqlite_error(scope, connection);
            return None;
        }
        let session = Session { handle, database, busy: false };
        let table = table.as_ref().map_or(std::ptr::null(), |table| table.as_ptr());
        // SAFETY: the session is live; a null table attaches every table.
        if unsafe { ffi::sqlite3session_attach(session.handle, table) } != ffi::SQLITE_OK {
            throw_sqlite_error(scope, connection);
            return None;
        }
        Some(session)
    });
    let Some(Some(session)) = created else { return };
    let id = next_id();
    HANDLES.with(|handles| handles.borrow_mut().sessions.insert(id, session));
    rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

/// The session's handle and connection, or ERR_INVALID_STATE naming what is closed.
fn session(scope: &mut v8::PinScope, id: v8::Local<v8::Value>, database: v8::Local<v8::Value>) -> Option<(*mut ffi::sqlite3_session, *mut ffi::sqlite3, InUse)> {
    let connection = with_database(scope, database, |_, connection| connection)?;
    let in_use = InUse::new(database.uint32_value(scope).unwrap_or(0));
    let id = id.uint32_value(scope).unwrap_or(0);
    let handle = HANDLES.with(|handles| handles.borrow().sessions.get(&id).map(|session| session.handle));
    if handle.is_none() {
        throw_invalid_state(scope, "session is not open");
    }
    Some((handle?, connection, in_use))
}

/// sessionChanges(id, database, patchset): the changes recorded, as a changeset or patchset.
fn session_changes(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((handle, connection, _in_use)) = session(scope, args.get(0), args.get(1)) else { return };
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let set_busy = |busy: bool| {
        HANDLES.with(|handles| handles.borrow_mut().sessions.get_mut(&id).map(|session| session.busy = busy));
    };
    let mut size: c_int = 0;
    let mut data: *mut c_void = std::ptr::null_mut();
    CALLBACK_EXCEPTION.with(|pending| pending.borrow_mut().take());
    set_busy(true);
    // SAFETY: the session is live, and kept so while busy; the buffer SQLite returns is ours
    // to free.
    let status = unsafe {
        match args.get(2).is_true() {
            true => ffi::sqlite3session_patchset(handle, &mut size, &mut data),
            false => ffi::sqlite3session_changeset(handle, &mut size, &mut data),
        }
    };
    set_busy(false);
    if status != ffi::SQLITE_OK {
        throw_sqlite_error(scope, connection);
        return;
    }
    let bytes = bytes_at(data, size);
    // SAFETY: as above, freed once.
    unsafe { ffi::sqlite3_free(data) };
    rv.set(uint8_array(scope, bytes).into());
}

/// sessionClose(id, database): deletes the session.
fn session_close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    if session(scope, args.get(0), args.get(1)).is_none() {
        return;
    }
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let session = HANDLES.with(|handles| {
        let mut handles = handles.borrow_mut();
        match handles.sessions.get(&id).is_some_and(|session| session.busy) {
            true => Err(()),
            false => Ok(handles.sessions.remove(&id)),
        }
    });
    match session {
        Ok(session) => drop(session),
        Err(()) => throw_invalid_state(scope, "session is currently in use"),
    }
}

/// sessionFree(id): deletes a session nothing references any more (unless SQLite is using it).
fn session_free(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let session = HANDLES.with(|handles| {
        let mut handles = handles.borrow_mut();
        let idle = handles.sessions.get(&id).is_some_and(|session| !session.busy);
        idle.then(|| handles.sessions.remove(&id))
    });
    drop(session);
}

/// What applyChangeset's callbacks reach: node's options.filter and options.onConflict.
struct ChangesetHandlers {
    entry: JsEntry,
    filter: Option<v8::Global<v8::Function>>,
    on_conflict: Option<v8::Global<v8::Function>>,
}

unsafe extern "C" fn changeset_filter(data: *mut c_void, table: *const c_char) -> c_int {
    // SAFETY: the data is the ChangesetHandlers of the applyChangeset call running.
    let handlers = unsafe { &*data.cast::<ChangesetHandlers>() };
    let Some(filter) = &handlers.filter else { return 1 };
    let keep = handlers.entry.call(|scope| {
        let name = text_or_null(scope, table);
        let filter = v8::Local::new(scope, filter);
        let receiver = v8::undefined(scope).into();
        let keep = filter.call(scope, receiver, &[name])?;
        Some(keep.boolean_value(scope))
    });
    keep.unwrap_or(false) as c_int
}

unsafe extern "C" fn changeset_conflict(data: *mut c_void, kind: c_int, _iterator: *mut ffi::sqlite3_changeset_iter) -> c_int {
    // SAFETY: the data is the ChangesetHandlers of the applyChangeset call running.
    let handlers = unsafe { &*data.cast::<ChangesetHandlers>() };
    let Some(on_conflict) = &handlers.on_conflict else { return ffi::SQLITE_CHANGESET_ABORT };
    let answer = handlers.entry.call(|scope| {
        let kind = v8::Integer::new(scope, kind).into();
        let on_conflict = v8::Local::new(scope, on_conflict);
        let receiver = v8::undefined(scope).into();
        let answer = on_conflict.call(scope, receiver, &[kind])?;
        // Anything but an int32 is no answer SQLite knows (it reports misuse).
        Some(if answer.is_int32() { answer.int32_value(scope).unwrap_or(-1) } else { -1 })
    });
    answer.unwrap_or(ffi::SQLITE_CHANGESET_ABORT)
}

/// applyChangeset(id, changeset, filter?, onConflict?): true when applied, false when a
/// conflict handler aborted it.
fn apply_changeset(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(1)) else { return };
    let mut bytes = view_bytes(&view);
    let function = |scope: &mut v8::PinScope, value: v8::Local<v8::Value>| {
        v8::Local::<v8::Function>::try_from(value).ok().map(|function| v8::Global::new(scope, function))
    };
    let filter = function(scope, args.get(2));
    let on_conflict = function(scope, args.get(3));
    let handlers = ChangesetHandlers { entry: JsEntry::new(scope, false), filter, on_conflict };
    CALLBACK_EXCEPTION.with(|pending| pending.borrow_mut().take());
    let status = with_database(scope, args.get(0), |_, connection| {
        // SAFETY: the connection is open; the changeset bytes and handlers outlive the call.
        unsafe {
            ffi::sqlite3changeset_apply(
                connection,
                bytes.len() as c_int,
                bytes.as_mut_ptr().cast(),
                Some(changeset_filter),
                Some(changeset_conflict),
                (&handlers as *const ChangesetHandlers).cast_mut().cast(),
            )
        }
    });
    let Some(status) = status else { return };
    if let Some(exception) = CALLBACK_EXCEPTION.with(|pending| pending.borrow_mut().take()) {
        let exception = v8::Local::new(scope, exception);
        scope.throw_exception(exception);
        return;
    }
    match status {
        ffi::SQLITE_OK => rv.set(v8::Boolean::new(scope, true).into()),
        ffi::SQLITE_ABORT => rv.set(v8::Boolean::new(scope, false).into()),
        // node reports the result code alone: its string as the message, no errstr.
        _ => throw_sqlite_error_with(scope, &error_string(status), status, None),
    }
}

/// SQLite's English text for a result code.
fn error_string(code: c_int) -> String {
    // SAFETY: sqlite3_errstr returns a static NUL-terminated string for any code.
    unsafe { CStr::from_ptr(ffi::sqlite3_errstr(code)) }.to_string_lossy().into_owned()
}

/// sqlite(): the sqlite binding object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "open" => open,
        "close" => close,
        "exec" => exec,
        "prepare" => prepare,
        "isTransaction" => is_transaction,
        "serialize" => serialize,
        "deserialize" => deserialize,
        "setDefensive" => set_defensive,
        "location" => location,
        "limit" => limit,
        "createFunction" => create_function,
        "createAggregate" => create_aggregate,
        "setAuthorizer" => set_authorizer,
        "enableLoadExtension" => enable_load_extension,
        "loadExtension" => load_extension,
        "createSession" => create_session,
        "sessionChanges" => session_changes,
        "sessionClose" => session_close,
        "sessionFree" => session_free,
        "applyChangeset" => apply_changeset,
        "run" => statement_run,
        "get" => statement_get,
        "all" => statement_all,
        "start" => statement_start,
        "step" => statement_step,
        "reset" => statement_reset,
        "columns" => statement_columns,
        "sql" => statement_sql,
        "finalize" => statement_finalize,
    });
    rv.set(object.into());
}
