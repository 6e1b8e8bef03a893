//! Errors: a `Result` error becomes a thrown JS error carrying a `code`.

use crate::sys;
use crate::Env;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A Node-API status other than `napi_ok`, named as napi-rs names them (they become `code`s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// An error to throw into JS: kind, `code` and message. (Boxed, so that the `Result`s of
/// the hot paths stay two words.)
#[derive(Clone, Debug)]
pub struct Error(Box<ErrorData>);

#[derive(Clone, Debug)]
struct ErrorData {
    kind: ErrorKind,
    code: String,
    message: String,
    /// Stands for the value given to an async iterator's `throw()`, which the promise
    /// rejects with (see `AsyncGenerator::catch`).
    thrown_value: bool,
}

impl Error {
    /// An `Error` with this code and message.
    #[cold]
    pub fn new(code: impl AsRef<str>, message: impl Into<String>) -> Self {
        Error(Box::new(ErrorData { kind: ErrorKind::Error, code: code.as_ref().to_string(), message: message.into(), thrown_value: false }))
    }

    /// Which JS error constructor it uses.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The JS error's `code`.
    pub fn code(&self) -> &str {
        &self.0.code
    }

    /// The JS error's message.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.0.kind = kind;
        self
    }

    /// An `Error` with code `GenericFailure`.
    pub fn from_reason(message: impl Into<String>) -> Self {
        Error::new(Status::GENERIC_FAILURE.name(), message)
    }

    /// A failed Node-API call's status as an error.
    pub fn from_status(status: Status, message: impl Into<String>) -> Self {
        Error::new(status.name(), message)
    }

    /// A `TypeError` with code `InvalidArg`.
    pub fn type_error(message: impl Into<String>) -> Self {
        Error::new(Status::INVALID_ARG.name(), message).with_kind(ErrorKind::TypeError)
    }

    /// A `RangeError` with code `InvalidArg`.
    pub fn range_error(message: impl Into<String>) -> Self {
        Error::new(Status::INVALID_ARG.name(), message).with_kind(ErrorKind::RangeError)
    }

    /// The JS exception already pending in the env.
    pub fn pending() -> Self {
        Error::new(Status::PENDING_EXCEPTION.name(), "").with_kind(ErrorKind::Pending)
    }

    /// The value given to an async iterator's `throw()`, rethrown.
    pub(crate) fn thrown_value() -> Self {
        let mut error = Error::from_reason("the value given to throw()");
        error.0.thrown_value = true;
        error
    }

    pub(crate) fn is_thrown_value(&self) -> bool {
        self.0.thrown_value
    }

    /// Prefixes the message with where the error arose (e.g. which argument).
    #[cold]
    pub fn context(mut self, context: impl std::fmt::Display) -> Self {
        if self.0.kind != ErrorKind::Pending {
            self.0.message = format!("{context}: {}", self.0.message);
        }
        self
    }

    /// Throws this error in `env`; a pending exception stays as it is.
    pub(crate) unsafe fn throw(self, env: Env) {
        if self.0.kind == ErrorKind::Pending || env.is_exception_pending() {
            return;
        }
        if let Ok(error) = self.into_js_value(env) {
            sys::napi_throw(env.raw(), error);
        }
    }

    /// An error made from a thrown or rejected JS value: its `message` and `code` (or the
    /// value as a string).
    pub unsafe fn from_js_value(env: Env, value: sys::napi_value) -> Self {
        let text = |value: sys::napi_value| -> Option<String> {
            let string = env.call(|result| sys::napi_coerce_to_string(env.raw(), value, result)).ok()?;
            <String as crate::FromNapiValue>::from_napi_value(env, string).ok()
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
        Error::new(code.unwrap_or_else(|| Status::GENERIC_FAILURE.name().to_string()), message.or_else(|| text(value)).unwrap_or_default())
    }

    /// The JS error object; for `Pending`, the pending exception (which is cleared).
    pub unsafe fn into_js_value(self, env: Env) -> Result<sys::napi_value> {
        if self.0.kind == ErrorKind::Pending {
            return env.call(|result| sys::napi_get_and_clear_last_exception(env.raw(), result));
        }
        let create = match self.0.kind {
            ErrorKind::TypeError => sys::napi_create_type_error,
            ErrorKind::RangeError => sys::napi_create_range_error,
            _ => sys::napi_create_error,
        };
        let code = env.string(&self.0.code)?;
        let message = env.string(&self.0.message)?;
        env.call(|result| create(env.raw(), code, message, result))
    }
}

/// The JS error (a callback's `Error` argument).
impl crate::ToNapiValue for Error {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        self.into_js_value(env)
    }
}

macro_rules! js_errors {
    ($($(#[$doc:meta])* $name:ident => $kind:ident;)*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Debug)]
            pub struct $name(pub Error);

            impl From<Error> for $name {
                fn from(error: Error) -> Self {
                    $name(error)
                }
            }

            impl crate::ToNapiValue for $name {
                unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
                    let mut error = self.0;
                    if error.0.kind != ErrorKind::Pending {
                        error.0.kind = ErrorKind::$kind;
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
            status => ::core::result::Result::Err($crate::Error::from_status($crate::Status(status), format!($($message)+))),
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

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.code, self.0.message)
    }
}

impl std::error::Error for Error {}

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
        Error::new(Status::INVALID_ARG.name(), error.to_string())
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
