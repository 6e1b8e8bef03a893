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

/// Sets `error.code` from a napi_value code, which must be a string.
fn set_error_code_value(scope: &mut v8::PinScope, error: v8::Local<v8::Value>, code: napi_value) -> crate::napi::boundary::Result {
    if code.is_null() {
        return Ok(());
    }
    let code = from_napi(code)?;
    if !code.is_string() {
        return Err(crate::napi::Status::StringExpected.into());
    }
    let key = v8::String::new(scope, "code").unwrap();
    let object = error.cast::<v8::Object>();
    object.set(scope, key.into(), code).ok_or(crate::napi::Status::GenericFailure)?;
    Ok(())
}

type ErrorConstructor = for<'s> fn(&v8::PinScope<'s, '_>, v8::Local<'s, v8::String>) -> v8::Local<'s, v8::Value>;

/// A new error of `kind` from napi_values, as napi_create_*error make them.
fn create_error(
    scope: &mut v8::PinScope,
    code: napi_value,
    msg: napi_value,
    result: *mut napi_value,
    kind: ErrorConstructor,
) -> crate::napi::boundary::Result {
    let message = from_napi(msg)?;
    let result = out(result)?;
    let message = v8::Local::<v8::String>::try_from(message).map_err(|_| crate::napi::Status::StringExpected)?;
    let error = kind(scope, message);
    set_error_code_value(scope, error, code)?;
    *result = crate::napi::value::to_napi(error);
    Ok(())
}

/// Makes a new error of `kind` with `msg` and optional `code` pending.
fn throw_new(
    env: &mut crate::napi::Env,
    scope: &mut v8::PinScope,
    code: *const c_char,
    msg: *const c_char,
    kind: ErrorConstructor,
) -> crate::napi::boundary::Result {
    let message = new_string_utf8(scope, msg, NAPI_AUTO_LENGTH)?;
    let error = kind(scope, message);
    set_error_code(scope, error, code)?;
    env.set_pending_exception(error);
    Ok(())
}

/// Makes a new error of `kind` with a message and optional code pending in `env`.
pub fn make_pending(
    env: &mut crate::napi::Env,
    scope: &mut v8::PinScope,
    kind: ErrorConstructor,
    code: Option<&str>,
    message: &str,
) {
    let message = v8::String::new(scope, message).unwrap();
    let error = kind(scope, message);
    if let Some(code) = code {
        let key = v8::String::new(scope, "code").unwrap();
        let code = v8::String::new(scope, code).unwrap();
        error.cast::<v8::Object>().set(scope, key.into(), code.into());
    }
    env.set_pending_exception(error);
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

    /// A new Error with a string message and optional string code.
    fn napi_create_error(env: NoJs, scope, code: napi_value, msg: napi_value, result: *mut napi_value) {
        create_error(scope, code, msg, result, v8::Exception::error)
    }

    /// A new TypeError with a string message and optional string code.
    fn napi_create_type_error(env: NoJs, scope, code: napi_value, msg: napi_value, result: *mut napi_value) {
        create_error(scope, code, msg, result, v8::Exception::type_error)
    }

    /// A new RangeError with a string message and optional string code.
    fn napi_create_range_error(env: NoJs, scope, code: napi_value, msg: napi_value, result: *mut napi_value) {
        create_error(scope, code, msg, result, v8::Exception::range_error)
    }

    /// A new SyntaxError with a string message and optional string code.
    fn node_api_create_syntax_error(env: NoJs, scope, code: napi_value, msg: napi_value, result: *mut napi_value) {
        create_error(scope, code, msg, result, v8::Exception::syntax_error)
    }

    /// Throws `error` (any value).
    fn napi_throw(env: Js, scope, error: napi_value) {
        let error = from_napi(error)?;
        env.set_pending_exception(error);
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

    /// Throws a new SyntaxError with `msg` and optional `code`.
    fn node_api_throw_syntax_error(env: Js, scope, code: *const c_char, msg: *const c_char) {
        throw_new(env, scope, code, msg, v8::Exception::syntax_error)
    }

    /// Whether a value is an Error (a native error object).
    fn napi_is_error(env: NoJs, _, value: napi_value, result: *mut bool) {
        let value = from_napi(value)?;
        *out(result)? = value.is_native_error();
        Ok(())
    }

    /// Whether an exception is pending.
    fn napi_is_exception_pending(env: NoJs, _scope, result: *mut bool) {
        *out(result)? = env.is_exception_pending();
        Ok(())
    }

    /// Returns the pending exception and clears it (undefined when none is pending).
    fn napi_get_and_clear_last_exception(env: NoJs, scope, result: *mut napi_value) {
        check_arg(result)?;
        let exception = match env.take_pending_exception() {
            Some(exception) => v8::Local::new(scope, exception),
            None => v8::undefined(scope).into(),
        };
        *out(result)? = crate::napi::value::to_napi(exception);
        Ok(())
    }
}
