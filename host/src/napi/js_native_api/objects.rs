//! Objects and their properties.

use std::ffi::c_char;

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::value::{from_napi, new_string_utf8, out, to_napi};

/// A value converted to an object (ToObject), as Node's CHECK_TO_OBJECT does: NULL is
/// `napi_invalid_arg`, undefined or null is `napi_object_expected` with a TypeError pending.
fn to_object<'s>(scope: &mut v8::PinScope<'s, '_>, value: napi_value) -> crate::napi::boundary::Result<v8::Local<'s, v8::Object>> {
    from_napi(value)?.to_object(scope).ok_or(Status::ObjectExpected)
}

/// A property name from a C string, as Node's CHECK_NEW_FROM_UTF8 checks it.
fn name<'s>(scope: &mut v8::PinScope<'s, '_>, utf8name: *const c_char) -> crate::napi::boundary::Result<v8::Local<'s, v8::String>> {
    crate::napi::value::check_arg(utf8name)?;
    new_string_utf8(scope, utf8name, NAPI_AUTO_LENGTH)
}

napi! {
    /// A new empty object.
    fn napi_create_object(env: Basic, scope, result: *mut napi_value) {
        *out(result)? = to_napi(v8::Object::new(scope));
        Ok(())
    }

    /// `object[utf8name] = value`.
    fn napi_set_named_property(env: Js, scope, object: napi_value, utf8name: *const c_char, value: napi_value) {
        let value = from_napi(value)?;
        let object = to_object(scope, object)?;
        let key = name(scope, utf8name)?;
        match object.set(scope, key.into(), value) {
            Some(true) => Ok(()),
            _ => Err(Status::GenericFailure),
        }
    }

    /// `object[utf8name]`.
    fn napi_get_named_property(env: Js, scope, object: napi_value, utf8name: *const c_char, result: *mut napi_value) {
        let result = out(result)?;
        let key = name(scope, utf8name)?;
        let object = to_object(scope, object)?;
        let value = object.get(scope, key.into()).ok_or(Status::GenericFailure)?;
        *result = to_napi(value);
        Ok(())
    }
}
