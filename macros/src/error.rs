//! Errors: a `Result` error becomes a thrown JS error carrying a `code`.

use crate::sys;
use crate::Env;
use crate::FromNapiValue;

/// napi-rs's: the second parameter is the error's status type.
pub type Result<T, S = Status> = std::result::Result<T, Error<S>>;

/// A Node-API status other than `napi_ok`, named as napi-rs names them (they become `code`s).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Status(pub sys::napi_status);

macro_rules! statuses {
    ($($name:ident = $value:ident),* $(,)?) => {
        /// The statuses under napi-rs's names (`Status::InvalidArg`), usable in patterns.
        #[allow(non_upper_case_globals)]
        impl Status {
            $(pub const $name: Status = Status(sys::$value);)*
        }
    };
}

statuses! {
    Ok = napi_ok, InvalidArg = napi_invalid_arg, ObjectExpected = napi_object_expected,
    StringExpected = napi_string_expected, NameExpected = napi_name_expected,
    FunctionExpected = napi_function_expected, NumberExpected = napi_number_expected,
    BooleanExpected = napi_boolean_expected, ArrayExpected = napi_array_expected,
    GenericFailure = napi_generic_failure, PendingException = napi_pending_exception,
    Cancelled = napi_cancelled, EscapeCalledTwice = napi_escape_called_twice,
    HandleScopeMismatch = napi_handle_scope_mismatch, CallbackScopeMismatch = napi_callback_scope_mismatch,
    QueueFull = napi_queue_full, Closing = napi_closing, BigintExpected = napi_bigint_expected,
    DateExpected = napi_date_expected, ArrayBufferExpected = napi_arraybuffer_expected,
    DetachableArraybufferExpected = napi_detachable_arraybuffer_expected,
    WouldDeadlock = napi_would_deadlock, NoExternalBuffersAllowed = napi_no_external_buffers_allowed,
    CannotRunJs = napi_cannot_run_js,
}

impl Status {
    /// A status this version of Node-API does not name (napi-rs's `Status::Unknown`).
    #[allow(non_upper_case_globals)]
    pub const Unknown: Status = Status(1024);
    pub const INVALID_ARG: Status = Status::InvalidArg;
    pub const GENERIC_FAILURE: Status = Status::GenericFailure;
    pub const PENDING_EXCEPTION: Status = Status::PendingException;

    /// The status's name, e.g. `InvalidArg`.
    pub fn name(self) -> &'static str {
        const NAMES: [&str; 24] = [
            "Ok", "InvalidArg", "ObjectExpected", "StringExpected", "NameExpected", "FunctionExpected",
            "NumberExpected", "BooleanExpected", "ArrayExpected", "GenericFailure", "PendingException",
            "Cancelled", "EscapeCalledTwice", "HandleScopeMismatch", "CallbackScopeMismatch",
            "QueueFull", "Closing", "BigintExpected", "DateExpected", "ArrayBufferExpected",
            "DetachableArraybufferExpected", "WouldDeadlock", "NoExternalBuffersAllowed",
            "CannotRunJs",
        ];
        NAMES.get(self.0 as usize).copied().unwrap_or("Unknown")
    }

    /// The status of this name, if one has it.
    pub fn from_name(name: &str) -> Option<Status> {
        (0..24).map(Status).find(|status| status.name() == name)
    }
}

impl std::fmt::Debug for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A status as an error `code` (`Error::new(Status::InvalidArg, ...)`): its name.
impl AsRef<str> for Status {
    fn as_ref(&self) -> &str {
        self.name()
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Which JS error constructor a thrown `Error` uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Error,
    TypeError,
    RangeError,
    /// A JS exception is already pending: nothing more is thrown.
    Pending,
}

/// An error to throw into JS: its `status` (whose text becomes the JS error's `code`; a
/// custom type can stand for it, as in napi-rs's `Error<S>`), `reason` (the message) and
/// `cause`. Boxed, so that the `Result`s of the hot paths stay two words; the fields are
/// reached through `Deref` (`error.status`, `error.reason`).
pub struct Error<S: AsRef<str> = Status>(Box<ErrorDetails<S>>);

/// The fields of an [`Error`].
pub struct ErrorDetails<S> {
    pub status: S,
    pub reason: String,
    /// Set as the JS error's `cause` when it is thrown.
    pub cause: Option<Box<Error>>,
    kind: ErrorKind,
    /// The JS `code` when it is not the status's text: a JS error's own `code`, `Panic`.
    code: Option<String>,
    /// Stands for the value given to an async iterator's `throw()`, which the promise
    /// rejects with (see `AsyncGenerator::catch`).
    thrown_value: bool,
    /// The JS value the error was made from (`From<Unknown>`,
    /// `from_unknown_without_coercion`): converted back to JS, it is that value again.
    retained: Option<std::sync::Arc<RetainedValue>>,
}

/// The JS value an `Error` was made from, kept alive (shared by its clones).
pub struct RetainedValue {
    reference: crate::value_ref::Retained,
    /// The reference is to a holder object whose `value` is the value (any value can be
    /// held that way; before Node-API 10 only objects can be referenced).
    in_holder: bool,
}

impl RetainedValue {
    unsafe fn new(env: Env, value: sys::napi_value, in_holder: bool) -> Result<std::sync::Arc<Self>> {
        let target = if in_holder {
            let holder = env.call(|result| sys::napi_create_object(env.raw(), result))?;
            env.set_named(holder, "value", value)?;
            holder
        } else {
            value
        };
        let reference = crate::value_ref::Retained::new(env, target)?;
        // The error may be dropped on another thread, after a worker unloaded the addon.
        crate::retention::retain_module();
        Ok(std::sync::Arc::new(RetainedValue { reference, in_holder }))
    }

    /// The value, when asked in its env on its thread.
    unsafe fn value(&self, env: Env) -> Option<sys::napi_value> {
        if !self.reference.belongs_to(env) {
            return None;
        }
        let target = self.reference.get().ok()?;
        if self.in_holder {
            env.get_named(target, "value").ok()
        } else {
            Some(target)
        }
    }
}

impl<S: AsRef<str>> std::ops::Deref for Error<S> {
    type Target = ErrorDetails<S>;
    fn deref(&self) -> &ErrorDetails<S> {
        &self.0
    }
}

impl<S: AsRef<str>> std::ops::DerefMut for Error<S> {
    fn deref_mut(&mut self) -> &mut ErrorDetails<S> {
        &mut self.0
    }
}

impl<S: AsRef<str> + Clone> Clone for Error<S> {
    fn clone(&self) -> Self {
        Error(Box::new(ErrorDetails {
            status: self.status.clone(),
            reason: self.reason.clone(),
            cause: self.cause.clone(),
            kind: self.kind,
            code: self.code.clone(),
            thrown_value: self.thrown_value,
            retained: self.retained.clone(),
        }))
    }
}

impl<S: AsRef<str>> std::fmt::Debug for Error<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Error {{ status: {:?}, reason: {:?} }}", self.code(), self.reason)
    }
}

impl<S: AsRef<str>> Error<S> {
    /// An `Error` with this status and reason.
    #[cold]
    pub fn new(status: S, reason: impl ToString) -> Self {
        Error(Box::new(ErrorDetails {
            status,
            reason: reason.to_string(),
            cause: None,
            kind: ErrorKind::Error,
            code: None,
            thrown_value: false,
            retained: None,
        }))
    }

    /// An `Error` with this status and an empty reason.
    pub fn from_status(status: S) -> Self {
        Error::new(status, "")
    }

    /// Which JS error constructor it uses.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The JS error's `code`.
    pub fn code(&self) -> &str {
        self.code.as_deref().unwrap_or_else(|| self.status.as_ref())
    }

    /// The JS error's message.
    pub fn message(&self) -> &str {
        &self.reason
    }

    /// Sets the error that becomes the JS error's `cause`.
    pub fn set_cause(&mut self, cause: Error) {
        self.cause = Some(Box::new(cause));
    }

    /// A copy, on any thread: it shares the JS value the error was made from (if any).
    pub fn try_clone(&self) -> Result<Self>
    where
        S: Clone,
    {
        Ok(self.clone())
    }

    /// The same error with its status as text (the form the thrown JS error takes).
    pub fn into_status_error(self) -> Error {
        let details = *self.0;
        let code = details.code.unwrap_or_else(|| details.status.as_ref().to_string());
        let status = Status::from_name(&code);
        Error(Box::new(ErrorDetails {
            code: status.is_none().then_some(code),
            status: status.unwrap_or(Status::GenericFailure),
            reason: details.reason,
            cause: details.cause,
            kind: details.kind,
            thrown_value: details.thrown_value,
            retained: details.retained,
        }))
    }

    /// Throws this error in `env`; a pending exception stays as it is.
    pub(crate) unsafe fn throw(self, env: Env) {
        if self.kind == ErrorKind::Pending || env.is_exception_pending() {
            return;
        }
        if let Ok(error) = self.into_js_value(env) {
            sys::napi_throw(env.raw(), error);
        }
    }

    /// The JS error object; for `Pending`, the pending exception (which is cleared).
    pub unsafe fn into_js_value(self, env: Env) -> Result<sys::napi_value> {
        if self.kind == ErrorKind::Pending {
            return env.call(|result| sys::napi_get_and_clear_last_exception(env.raw(), result));
        }
        if let Some(value) = self.retained.as_ref().and_then(|retained| retained.value(env)) {
            return Ok(value);
        }
        let create = match self.kind {
            ErrorKind::TypeError => sys::napi_create_type_error,
            ErrorKind::RangeError => sys::napi_create_range_error,
            _ => sys::napi_create_error,
        };
        let code = env.string(self.code())?;
        let message = env.string(&self.reason)?;
        let error = env.call(|result| create(env.raw(), code, message, result))?;
        if let Some(cause) = self.0.cause {
            let cause = cause.into_js_value(env)?;
            env.check(sys::napi_set_named_property(env.raw(), error, c"cause".as_ptr(), cause))?;
        }
        Ok(error)
    }
}

impl Error {
    /// An `Error` whose JS `code` is `code` (any text, not a status's name).
    #[cold]
    pub(crate) fn coded(code: impl Into<String>, message: impl Into<String>) -> Self {
        let mut error = Error::new(Status::GenericFailure, message.into());
        error.code = Some(code.into());
        error
    }

    fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// An `Error` with code `GenericFailure`.
    pub fn from_reason(message: impl Into<String>) -> Self {
        Error::new(Status::GenericFailure, message.into())
    }

    /// A `TypeError` with code `InvalidArg`.
    pub fn type_error(message: impl Into<String>) -> Self {
        Error::new(Status::InvalidArg, message.into()).with_kind(ErrorKind::TypeError)
    }

    /// A `RangeError` with code `InvalidArg`.
    pub fn range_error(message: impl Into<String>) -> Self {
        Error::new(Status::InvalidArg, message.into()).with_kind(ErrorKind::RangeError)
    }

    /// The JS exception already pending in the env.
    pub fn pending() -> Self {
        Error::new(Status::PendingException, "").with_kind(ErrorKind::Pending)
    }

    /// The value given to an async iterator's `throw()`, rethrown.
    pub(crate) fn thrown_value() -> Self {
        let mut error = Error::from_reason("the value given to throw()");
        error.thrown_value = true;
        error
    }

    pub(crate) fn is_thrown_value(&self) -> bool {
        self.thrown_value
    }

    /// Prefixes the message with where the error arose (e.g. which argument).
    #[cold]
    pub fn context(mut self, context: impl std::fmt::Display) -> Self {
        if self.kind != ErrorKind::Pending {
            self.reason = format!("{context}: {}", self.reason);
        }
        self
    }

    /// Names the `#[napi(object)]` field whose value did not convert, as napi-rs does
    /// (`... on Point.x`).
    #[cold]
    pub fn on_field(mut self, field: &str) -> Self {
        if self.kind != ErrorKind::Pending {
            self.reason = format!("{} on {field}", self.reason);
        }
        self
    }

    /// An error made from a thrown or rejected JS value: its `message` and `code` (or the
    /// value as a string).
    pub unsafe fn from_js_value(env: Env, value: sys::napi_value) -> Self {
        let text = |value: sys::napi_value| -> Option<String> {
            let string = env.call(|result| sys::napi_coerce_to_string(env.raw(), value, result)).ok()?;
            <String as crate::FromNapiValue>::from_napi_value(env.raw(), string).ok()
        };
        let is_object = matches!(env.type_of(value), Ok(sys::napi_object) | Ok(sys::napi_function));
        let property = |name: &str| {
            let property = env.get_named(value, name).ok()?;
            (env.type_of(property).ok()? != sys::napi_undefined).then(|| text(property)).flatten()
        };
        let message = if is_object { property("message") } else { None };
        let code = if is_object { property("code") } else { None };
        if env.is_exception_pending() {
            let mut ignored = std::ptr::null_mut();
            sys::napi_get_and_clear_last_exception(env.raw(), &mut ignored);
        }
        let message = message.or_else(|| text(value)).unwrap_or_default();
        match code {
            Some(code) => Error::coded(code, message).into_status_error(),
            None => Error::from_reason(message),
        }
    }
}

/// How many `cause` links an error made from a JS value follows (a chain can be cyclic).
const MAX_CAUSE_DEPTH: usize = 8;

/// An error made from a JS value, which it is again when converted back to JS: its reason is
/// the value as a string, its cause the value's `cause` (if not `undefined`).
impl From<crate::Unknown<'_>> for Error {
    fn from(value: crate::Unknown<'_>) -> Self {
        unsafe { Error::from_value_coerced(value.1, value.0, MAX_CAUSE_DEPTH) }
    }
}

impl Error {
    unsafe fn from_value_coerced(env: Env, value: sys::napi_value, cause_depth: usize) -> Self {
        let retained = match RetainedValue::new(env, value, false) {
            Ok(retained) => retained,
            Err(error) => return Error::new(Status::from_name(error.code()).unwrap_or(Status::GenericFailure), "Create Error reference failed"),
        };
        let reason = env
            .call(|result| sys::napi_coerce_to_string(env.raw(), value, result))
            .and_then(|string| String::from_napi_value(env.raw(), string))
            .unwrap_or_else(|_| {
                clear_exception(env);
                String::new()
            });
        let cause = (cause_depth > 0)
            .then(|| {
                let is_object = matches!(env.type_of(value), Ok(sys::napi_object));
                let cause = if is_object { env.get_named(value, "cause").ok() } else { None };
                clear_exception(env);
                cause.filter(|cause| env.type_of(*cause).is_ok_and(|kind| kind != sys::napi_undefined && kind != sys::napi_null))
            })
            .flatten()
            .map(|cause| Box::new(Error::from_value_coerced(env, cause, cause_depth - 1)));
        let mut error = Error::from_reason(reason);
        error.cause = cause;
        error.retained = Some(retained);
        error
    }

    /// An error made from any JS value without running JS: converted back to JS it is that
    /// value again (same object, same primitive). Its reason is the value if a string, the
    /// `message` data property if an `Error` (else empty); its cause the `cause` data property
    /// of an `Error`, made the same way.
    pub fn from_unknown_without_coercion(value: crate::Unknown<'_>) -> Self {
        unsafe { Error::from_value_uncoerced(value.1, value.0, MAX_CAUSE_DEPTH) }
    }

    unsafe fn from_value_uncoerced(env: Env, value: sys::napi_value, cause_depth: usize) -> Self {
        let is_error = env.call(|result| sys::napi_is_error(env.raw(), value, result)).unwrap_or(false);
        let reason = match env.type_of(value) {
            Ok(sys::napi_string) => String::from_napi_value(env.raw(), value).ok(),
            // An `Error` whose `message` is not a string data property (an accessor, which is
            // not run): napi-rs's generic reason.
            _ if is_error => Some(
                data_property(env, value, "message")
                    .and_then(|message| {
                        (env.type_of(message).ok()? == sys::napi_string).then(|| String::from_napi_value(env.raw(), message).ok()).flatten()
                    })
                    .unwrap_or_else(|| "JavaScript Error".to_owned()),
            ),
            _ => None,
        };
        let cause = if is_error && cause_depth > 0 { data_property(env, value, "cause") } else { None };
        let mut error = Error::from_reason(reason.unwrap_or_default());
        error.cause = cause.map(|cause| Box::new(Error::from_value_uncoerced(env, cause, cause_depth - 1)));
        match RetainedValue::new(env, value, true) {
            Ok(retained) => error.retained = Some(retained),
            Err(_) => clear_exception(env),
        }
        error
    }
}

/// Clears a pending exception (one thrown while reading an error's details).
unsafe fn clear_exception(env: Env) {
    if env.is_exception_pending() {
        let mut ignored = std::ptr::null_mut();
        sys::napi_get_and_clear_last_exception(env.raw(), &mut ignored);
    }
}

/// `object[name]` when it is a data property (own or inherited), read through
/// `Reflect.getOwnPropertyDescriptor` as it was when the addon loaded (what JS did to the
/// global `Reflect` since does not matter), so that no getter runs; `None` for an accessor, a
/// missing property, or when reading fails.
unsafe fn data_property(env: Env, object: sys::napi_value, name: &str) -> Option<sys::napi_value> {
    const MAX_PROTOTYPE_DEPTH: usize = 32;
    let found = (|| -> Result<Option<sys::napi_value>> {
        let reflect = env.undefined()?;
        let describe = crate::module::get_own_property_descriptor(env)?;
        let key = env.string(name)?;
        let mut current = object;
        for _ in 0..MAX_PROTOTYPE_DEPTH {
            let arguments = [current, key];
            let descriptor = env.call(|result| sys::napi_call_function(env.raw(), reflect, describe, 2, arguments.as_ptr(), result))?;
            if env.type_of(descriptor)? != sys::napi_undefined {
                let key = env.string("value")?;
                let is_data = env.call(|result| sys::napi_has_own_property(env.raw(), descriptor, key, result))?;
                return if is_data { env.get_named(descriptor, "value").map(Some) } else { Ok(None) };
            }
            current = env.call(|result| sys::napi_get_prototype(env.raw(), current, result))?;
            if env.type_of(current)? == sys::napi_null {
                return Ok(None);
            }
        }
        Ok(None)
    })();
    found.unwrap_or_else(|_| {
        clear_exception(env);
        None
    })
}

impl Env {
    /// The error object for `error`: the JS value it was made from when that is an `Error`,
    /// otherwise a new `Error` with its code, message and cause.
    pub fn create_error<'env>(&self, mut error: Error) -> Result<crate::Object<'env>> {
        let env = *self;
        unsafe {
            if let Some(value) = error.retained.as_ref().and_then(|retained| retained.value(env)) {
                if env.call(|result| sys::napi_is_error(env.raw(), value, result))? {
                    return Ok(crate::Object::from_raw(env, value));
                }
            }
            error.retained = None;
            if error.kind == ErrorKind::Pending {
                error.kind = ErrorKind::Error;
            }
            error.into_js_value(env).map(|value| crate::Object::from_raw(env, value))
        }
    }
}

/// The JS error (a callback's `Error` argument).
impl<S: AsRef<str>> crate::ToNapiValue for Error<S> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        self.into_js_value(env)
    }
}

macro_rules! js_errors {
    ($($(#[$doc:meta])* $name:ident => $kind:ident;)*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Debug)]
            pub struct $name<S: AsRef<str> + Clone = Status>(pub Error<S>);

            impl<S: AsRef<str> + Clone> From<Error<S>> for $name<S> {
                fn from(error: Error<S>) -> Self {
                    $name(error)
                }
            }

            impl<S: AsRef<str> + Clone> crate::ToNapiValue for $name<S> {
                unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
                    let mut error = self.0;
                    if error.kind != ErrorKind::Pending {
                        error.kind = ErrorKind::$kind;
                    }
                    error.into_js_value(env)
                }
            }
        )*
    };
}

js_errors! {
    /// An `Error` as a JS `Error` object (returned, not thrown).
    JsError => Error;
    /// An `Error` as a JS `TypeError` object.
    JsTypeError => TypeError;
    /// An `Error` as a JS `RangeError` object.
    JsRangeError => RangeError;
}

/// `Ok(())` for `napi_ok`, else an error with the status as its code and the formatted
/// message: `check_status!(status, "creating {}", what)?`.
#[macro_export]
macro_rules! check_status {
    ($status:expr $(,)?) => {
        $crate::check_status!($status, "Node-API call failed")
    };
    ($status:expr, $($message:tt)+) => {
        match $status {
            $crate::sys::napi_ok => ::core::result::Result::<(), $crate::Error>::Ok(()),
            status => ::core::result::Result::Err($crate::Error::new($crate::Status(status), format!($($message)+))),
        }
    };
}

/// A `Result` as a Node-style callback's argument: the error for `Err`, the value for `Ok`
/// (`undefined` for `Ok(())`).
#[doc(hidden)]
pub struct ErrorFirst<T>(pub Result<T>);

impl<T: crate::ToNapiValue> crate::ToNapiValue for ErrorFirst<T> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self.0 {
            Ok(value) => value.to_napi_value(env),
            Err(error) => error.into_js_value(env),
        }
    }
}

impl<S: AsRef<str>> std::fmt::Display for Error<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code(), self.reason)
    }
}

impl<S: AsRef<str>> std::error::Error for Error<S> {}

impl From<std::fmt::Error> for Error {
    fn from(error: std::fmt::Error) -> Self {
        Error::from_reason(error.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Error::from_reason(error.to_string())
    }
}

impl From<std::ffi::NulError> for Error {
    fn from(error: std::ffi::NulError) -> Self {
        Error::new(Status::InvalidArg, error.to_string())
    }
}

/// A panic's payload as text.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "Rust panic".to_string())
}

/// Runs a user `Drop` (or other cleanup) from a finalizer, where a panic must not unwind into
/// C: it is reported on stderr instead.
pub(crate) fn without_unwinding(cleanup: impl FnOnce()) {
    if let Err(payload) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(cleanup)) {
        eprintln!("anode-napi: a panic in a finalizer: {}", panic_message(payload.as_ref()));
    }
}
