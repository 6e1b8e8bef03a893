//! Errors and exceptions: last error info, throwing, pending exceptions.

use std::ffi::c_char;

use napi_sys::*;

use crate::napi::value::{check_arg, from_napi, new_string_utf8, out};

/// Sets `error.code` when a code is given (Node's set_error_code).
fn set_error_code(scope: &mut v8::PinScope, error: v8::Local<v8::Value>, code: *const c_char) -> crate::napi::boundary::Result {
    if code.is_null() {
        return Ok(());
    }
    let code = new_string_utf8(scope, code, NAPI_AUTO_LENGTH)?;
    let key = v8::String::new(scope, "code").unwrap();
    let object = error.cast::<v8::Object>();
    object.set(scope, key.into(), code.into()).ok_or(crate::napi::Status::GenericFailure)?;
    Ok(())
}

/// Makes a new error of `kind` with `msg` and optional `code` pending.
fn throw_new(
    env: &mut crate::napi::Env,
    scope: &mut v8::PinScope,
    code: *const c_char,
    msg: *const c_char,
    kind: for<'s> fn(&v8::PinScope<'s, '_>, v8::Local<'s, v8::String>) -> v8::Local<'s, v8::Value>,
) -> crate::napi::boundary::Result {
    let message = new_string_utf8(scope, msg, NAPI_AUTO_LENGTH)?;
    let error = kind(scope, message);
    set_error_code(scope, error, code)?;
    env.set_pending_exception(scope, error);
    Ok(())
}

napi! {
    /// The last error of this env, with Node's message for its status.
    fn napi_get_last_error_info(env: LastError, _scope, result: *mut *const napi_extended_error_info) {
        let result = out(result)?;
        *result = env.last_error_info();
        if unsafe { (**result).error_code } == napi_ok {
            env.clear_last_error();
        }
        Ok(())
    }

    /// Throws `error` (any value).
    fn napi_throw(env: Js, scope, error: napi_value) {
        let error = from_napi(error)?;
        env.set_pending_exception(scope, error);
        Ok(())
    }

    /// Throws a new Error with `msg` and optional `code`.
    fn napi_throw_error(env: Js, scope, code: *const c_char, msg: *const c_char) {
        throw_new(env, scope, code, msg, v8::Exception::error)
    }

    /// Throws a new TypeError with `msg` and optional `code`.
    fn napi_throw_type_error(env: Js, scope, code: *const c_char, msg: *const c_char) {
        throw_new(env, scope, code, msg, v8::Exception::type_error)
    }

    /// Throws a new RangeError with `msg` and optional `code`.
    fn napi_throw_range_error(env: Js, scope, code: *const c_char, msg: *const c_char) {
        throw_new(env, scope, code, msg, v8::Exception::range_error)
    }

    /// Whether an exception is pending.
    fn napi_is_exception_pending(env: Basic, _scope, result: *mut bool) {
        *out(result)? = env.has_pending_exception();
        Ok(())
    }

    /// Returns the pending exception and clears it (undefined when none is pending).
    fn napi_get_and_clear_last_exception(env: Basic, scope, result: *mut napi_value) {
        check_arg(result)?;
        let exception = match env.take_pending_exception() {
            Some(exception) => v8::Local::new(scope, exception),
            None => v8::undefined(scope).into(),
        };
        *out(result)? = crate::napi::value::to_napi(exception);
        Ok(())
    }
}
