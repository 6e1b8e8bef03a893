//! The one `extern "C"` boundary. Every Node-API function is written as
//!
//! ```ignore
//! napi! {
//!     /// doc line
//!     fn napi_name(env: Kind, scope, arg: CType, ...) { body returning Result<()> }
//! }
//! ```
//!
//! (`_` for the scope when the body makes no handles: then none is opened), and the macro
//! generates the `#[no_mangle] extern "C"` function that checks `env`, runs the body with
//! panics caught, records the last error and returns the status.
//! The signature is checked at compile time against the napi-sys declaration.
//!
//! A body fails with a [`Failure`]: a status (converted from [`Status`] by `?`), a status
//! that yields to a JS exception raised meanwhile (Node's `*_WITH_PREAMBLE` checks), or a
//! status returned without being recorded as the last error.
//!
//! The kind says what the body may do:
//! - `Basic`: takes a `node_api_basic_env`: safe even inside a GC finalizer;
//! - `NoJs`: cannot run JS, but may affect GC state, so it is a fatal error inside a GC
//!   finalizer of a NAPI_EXPERIMENTAL module (Node's CHECK_ENV_NOT_IN_GC);
//! - `Js`: may run JS (Node's NAPI_PREAMBLE): refused while an exception is pending or
//!   JS cannot run; a JS exception raised by the body becomes the env's pending exception;
//! - `LastError`: reads the last error, so success must not clear it.

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi_sys as sys;

use super::env::Env;
use super::v8_layout::try_catch::Caught;

/// A `napi_status` other than `napi_ok`: why a call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Status {
    InvalidArg = sys::napi_invalid_arg,
    ObjectExpected = sys::napi_object_expected,
    StringExpected = sys::napi_string_expected,
    NameExpected = sys::napi_name_expected,
    FunctionExpected = sys::napi_function_expected,
    NumberExpected = sys::napi_number_expected,
    BooleanExpected = sys::napi_boolean_expected,
    ArrayExpected = sys::napi_array_expected,
    GenericFailure = sys::napi_generic_failure,
    PendingException = sys::napi_pending_exception,
    Cancelled = sys::napi_cancelled,
    EscapeCalledTwice = sys::napi_escape_called_twice,
    HandleScopeMismatch = sys::napi_handle_scope_mismatch,
    CallbackScopeMismatch = sys::napi_callback_scope_mismatch,
    QueueFull = sys::napi_queue_full,
    Closing = sys::napi_closing,
    BigintExpected = sys::napi_bigint_expected,
    DateExpected = sys::napi_date_expected,
    ArraybufferExpected = sys::napi_arraybuffer_expected,
    DetachableArraybufferExpected = sys::napi_detachable_arraybuffer_expected,
    WouldDeadlock = sys::napi_would_deadlock,
    NoExternalBuffersAllowed = sys::napi_no_external_buffers_allowed,
    CannotRunJs = sys::napi_cannot_run_js,
}

/// Why a Node-API body failed: a status and how to report it, in one non-zero word, so
/// that a body's `Result<()>` is one register that is zero on success.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure(std::num::NonZeroU32);

/// How a [`Failure`] is reported, in the bits above its status.
mod report {
    /// Return the status unless JS threw meanwhile: then `napi_pending_exception`.
    pub const UNLESS_PENDING: u32 = 1 << 8;
    /// Return the status without touching the last error.
    pub const UNRECORDED: u32 = 1 << 9;
    pub const STATUS: u32 = 0xff;
}

impl From<Status> for Failure {
    /// Return this status, recorded as the last error.
    #[inline(always)]
    fn from(status: Status) -> Failure {
        Failure::with(status, 0)
    }
}

impl Failure {
    /// Return this status without touching the last error.
    pub fn unrecorded(status: Status) -> Failure {
        Failure::with(status, report::UNRECORDED)
    }

    #[inline(always)]
    fn with(status: Status, report: u32) -> Failure {
        match std::num::NonZeroU32::new(status as u32 | report) {
            Some(code) => Failure(code),
            None => unreachable!("no Status is napi_ok"),
        }
    }

    /// The status as the function returns it.
    #[inline(always)]
    fn status(self) -> sys::napi_status {
        self.0.get() & report::STATUS
    }

    #[inline(always)]
    fn reported(self, report: u32) -> bool {
        self.0.get() & report != 0
    }
}

impl Status {
    /// This status, unless JS threw meanwhile (then `napi_pending_exception`).
    pub fn unless_pending(self) -> Failure {
        Failure::with(self, report::UNLESS_PENDING)
    }
}

/// What a Node-API body returns.
pub type Result<T = ()> = std::result::Result<T, Failure>;

/// Node's messages for `napi_get_last_error_info`, indexed by status.
pub const ERROR_MESSAGES: &[&std::ffi::CStr] = &[
    c"",
    c"Invalid argument",
    c"An object was expected",
    c"A string was expected",
    c"A string or symbol was expected",
    c"A function was expected",
    c"A number was expected",
    c"A boolean was expected",
    c"An array was expected",
    c"Unknown failure",
    c"An exception is pending",
    c"The async work item was cancelled",
    c"napi_escape_handle already called on scope",
    c"Invalid handle scope usage",
    c"Invalid callback scope usage",
    c"Thread-safe function queue is full",
    c"Thread-safe function handle is closing",
    c"A bigint was expected",
    c"A date was expected",
    c"An arraybuffer was expected",
    c"A detachable arraybuffer was expected",
    c"Main thread would deadlock",
    c"External buffers are not allowed",
    c"Cannot run JavaScript",
];

/// Binds `$scope` to a callback scope for the env's context, copied from the env's
/// template: creating one from the context would cost two calls into V8 per napi call.
macro_rules! scope {
    ($scope:ident, $env:expr) => {
        let mut storage = $env.scope_storage();
        // SAFETY: the storage stays on this frame and is not moved after pinning.
        let mut $scope = unsafe { std::pin::Pin::new_unchecked(&mut storage) }.init();
        let $scope = &mut $scope;
    };
}

/// The env behind a `napi_env`, or `InvalidArg` for NULL (Node's CHECK_ENV).
///
/// # Safety
/// A non-null `env` must be one this runtime created and has not freed.
#[inline(always)]
unsafe fn env_ref<'a>(env: sys::napi_env) -> Option<&'a mut Env> {
    unsafe { env.cast::<Env>().as_mut() }
}

/// Turns a body's outcome into a status, recorded as the env's last error.
#[inline(always)]
fn finish(env: &mut Env, result: Result, js_threw: bool) -> sys::napi_status {
    match result {
        Ok(()) if !js_threw => env.clear_last_error(),
        Err(failure) if failure.reported(report::UNRECORDED) => failure.status(),
        Err(failure) if !(js_threw && failure.reported(report::UNLESS_PENDING)) => env.record_last_error(failure.status()),
        _ => env.set_last_error(Status::PendingException),
    }
}

/// Runs a body; a panic is `napi_generic_failure`.
#[inline(always)]
fn run(env: &mut Env, body: impl FnOnce(&mut Env) -> Result) -> Result {
    catch_unwind(AssertUnwindSafe(|| body(env))).unwrap_or(Err(Status::GenericFailure.into()))
}

/// The kinds of body, named as the `napi!` macro names them.
pub mod kind {
    pub use super::{basic as Basic, js as Js, last_error as LastError, no_js as NoJs};
}

/// The same kinds for bodies that make no handles and so need no scope (the `_` scope).
pub mod unscoped {
    pub use super::{basic_unscoped as Basic, js_unscoped as Js, no_js_unscoped as NoJs};
}

/// Runs a body that cannot run JS and needs no scope.
#[inline(always)]
pub unsafe fn basic_unscoped(env: sys::napi_env, body: impl FnOnce(&mut Env) -> Result) -> sys::napi_status {
    let Some(env) = (unsafe { env_ref(env) }) else { return sys::napi_invalid_arg };
    let result = run(env, body);
    finish(env, result, false)
}

/// Runs a body that cannot run JS but must not run inside a GC finalizer, with no scope.
#[inline(always)]
pub unsafe fn no_js_unscoped(env: sys::napi_env, body: impl FnOnce(&mut Env) -> Result) -> sys::napi_status {
    if let Some(env) = unsafe { env_ref(env) } {
        env.check_gc_access();
    }
    unsafe { basic_unscoped(env, body) }
}

/// Runs a body that cannot run JS.
#[inline(always)]
pub unsafe fn basic(env: sys::napi_env, body: impl FnOnce(&mut Env, &mut v8::PinScope) -> Result) -> sys::napi_status {
    let scoped = |env: &mut Env| {
        scope!(scope, env);
        body(env, scope)
    };
    unsafe { basic_unscoped(env, scoped) }
}

/// Runs a body that cannot run JS but must not run inside a GC finalizer.
#[inline(always)]
pub unsafe fn no_js(env: sys::napi_env, body: impl FnOnce(&mut Env, &mut v8::PinScope) -> Result) -> sys::napi_status {
    if let Some(env) = unsafe { env_ref(env) } {
        env.check_gc_access();
    }
    unsafe { basic(env, body) }
}

/// Runs a body that reads the last error: success leaves it as it is.
#[inline(always)]
pub unsafe fn last_error(env: sys::napi_env, body: impl FnOnce(&mut Env, &mut v8::PinScope) -> Result) -> sys::napi_status {
    let Some(env) = (unsafe { env_ref(env) }) else { return sys::napi_invalid_arg };
    scope!(scope, env);
    match run(env, |env| body(env, scope)) {
        Ok(()) => sys::napi_ok,
        result => finish(env, result, false),
    }
}

/// Runs a body that may run JS, inside a TryCatch whose exception becomes pending: the one
/// the running call into the addon shares, else its own.
#[inline(always)]
pub unsafe fn js(env: sys::napi_env, body: impl FnOnce(&mut Env, &mut v8::PinScope) -> Result) -> sys::napi_status {
    let scoped = |env: &mut Env| {
        scope!(scope, env);
        body(env, scope)
    };
    unsafe { js_unscoped(env, scoped) }
}

/// Runs a body that may run JS and needs no scope.
#[inline(always)]
pub unsafe fn js_unscoped(env: sys::napi_env, body: impl FnOnce(&mut Env) -> Result) -> sys::napi_status {
    let Some(env) = (unsafe { env_ref(env) }) else { return sys::napi_invalid_arg };
    env.check_gc_access();
    if env.has_pending_exception() {
        return run_js_after_exception(env, body);
    }
    if env.stopping {
        return cannot_run_js(env);
    }
    let Some(try_catch) = env.call_try_catch() else { return js_in_own_try_catch(env, body) };
    if try_catch.terminated() {
        return cannot_run_js(env);
    }
    let result = run(env, body);
    let caught = try_catch.take();
    // Termination (a stopping worker) counts as a pending exception, as in node, but there
    // is no exception to hand back to JS.
    if let Some(Caught::Exception(exception)) = caught {
        env.set_pending_exception(exception);
    }
    finish(env, result, caught.is_some())
}

/// `js_unscoped` with an exception pending (the call fails) or stray, which the call takes
/// in, as node's TryCatch does: see `Env::end_call_after_stray_exception`.
#[cold]
#[inline(never)]
fn run_js_after_exception(env: &mut Env, body: impl FnOnce(&mut Env) -> Result) -> sys::napi_status {
    if env.move_stray_exception_into_call().is_err() {
        return env.set_last_error(Status::PendingException);
    }
    // SAFETY: `env` is a live env; nothing is pending now, so this runs the body.
    let status = unsafe { js_unscoped(env as *mut Env as sys::napi_env, body) };
    env.end_call_after_stray_exception(status);
    status
}

/// `js_unscoped` outside a call into the addon: the body gets a TryCatch of its own.
#[inline(never)]
fn js_in_own_try_catch(env: &mut Env, body: impl FnOnce(&mut Env) -> Result) -> sys::napi_status {
    if !env.can_call_into_js() {
        return cannot_run_js(env);
    }
    scope!(scope, env);
    v8::tc_scope!(let tc, scope);
    let result = run(env, body);
    let exception = tc.exception();
    if let Some(exception) = exception.filter(|_| !tc.has_terminated()) {
        env.set_pending_exception(exception);
    }
    finish(env, result, exception.is_some())
}

/// The status of a call that would run JS while the isolate terminates.
fn cannot_run_js(env: &mut Env) -> sys::napi_status {
    let status = if env.module_api_version >= 10 { Status::CannotRunJs } else { Status::PendingException };
    env.set_last_error(status)
}

/// Runs the body of a function that takes no env (napi_module_register, napi_fatal_error).
#[inline(always)]
pub fn no_env(body: impl FnOnce()) {
    if catch_unwind(AssertUnwindSafe(body)).is_err() {
        std::process::abort();
    }
}

/// Defines exported Node-API functions that take no env (module registration, fatal
/// errors, threadsafe function calls from any thread): the signature is checked against
/// napi-sys and a panic aborts instead of unwinding into C.
macro_rules! napi_no_env {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block
    )*) => {$(
        $(#[doc = $doc])*
        #[no_mangle]
        pub unsafe extern "C" fn $name($($arg: $ty),*) -> $ret {
            const _: unsafe extern "C" fn($($ty),*) -> $ret = napi_sys::$name;
            let mut result = None;
            $crate::napi::boundary::no_env(|| result = Some((|| -> $ret { $body })()));
            result.expect("ran")
        }
    )*};
}

/// Defines exported Node-API functions; see the module documentation. A body whose scope
/// is written `_` makes no handles and runs without opening a scope.
macro_rules! napi {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($env:ident: $kind:ident, $scope:tt $(, $arg:ident: $ty:ty)* $(,)?) $body:block
    )*) => {$(
        $(#[doc = $doc])*
        #[no_mangle]
        #[allow(unused_variables)]
        pub unsafe extern "C" fn $name(env: napi_sys::napi_env $(, $arg: $ty)*) -> napi_sys::napi_status {
            const _: unsafe extern "C" fn(napi_sys::napi_env $(, $ty)*) -> napi_sys::napi_status = napi_sys::$name;
            napi_body!(env, $env, $kind, $scope, $body)
        }
    )*};
}

/// The body of a `napi!` function, with or without a scope.
macro_rules! napi_body {
    ($raw:ident, $env:ident, $kind:ident, _, $body:block) => {{
        let body = move |$env: &mut $crate::napi::Env| -> $crate::napi::boundary::Result { $body };
        // SAFETY: `env` is NULL or an env this runtime handed to the addon.
        unsafe { $crate::napi::boundary::unscoped::$kind($raw, body) }
    }};
    ($raw:ident, $env:ident, $kind:ident, $scope:ident, $body:block) => {{
        let body = move |$env: &mut $crate::napi::Env, $scope: &mut v8::PinScope| -> $crate::napi::boundary::Result { $body };
        // SAFETY: `env` is NULL or an env this runtime handed to the addon.
        unsafe { $crate::napi::boundary::kind::$kind($raw, body) }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_packs_its_status_and_how_to_report_it() {
        let recorded = Failure::from(Status::InvalidArg);
        assert_eq!(recorded.status(), sys::napi_invalid_arg);
        assert!(!recorded.reported(report::UNRECORDED) && !recorded.reported(report::UNLESS_PENDING));
        let unrecorded = Failure::unrecorded(Status::CallbackScopeMismatch);
        assert_eq!(unrecorded.status(), sys::napi_callback_scope_mismatch);
        assert!(unrecorded.reported(report::UNRECORDED) && !unrecorded.reported(report::UNLESS_PENDING));
        let unless_pending = Status::GenericFailure.unless_pending();
        assert_eq!(unless_pending.status(), sys::napi_generic_failure);
        assert!(unless_pending.reported(report::UNLESS_PENDING) && !unless_pending.reported(report::UNRECORDED));
    }

    #[test]
    fn a_body_result_is_one_word_and_every_status_has_a_message() {
        assert_eq!(std::mem::size_of::<Result>(), std::mem::size_of::<u32>());
        assert!((Status::CannotRunJs as u32) < report::STATUS);
        assert_eq!(ERROR_MESSAGES.len(), Status::CannotRunJs as usize + 1);
    }
}
