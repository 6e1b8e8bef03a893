//! Primitive values: the singletons, numbers, strings, typeof and reading values back.

use std::ffi::c_char;

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::value::{ensure, from_napi, new_string_utf8, out, to_napi};

/// A JS number's int64 value as Node gives it: NaN and ±Infinity are 0, the rest
/// truncated and saturated.
fn number_to_i64(number: f64) -> i64 {
    if number.is_finite() {
        number as i64
    } else {
        0
    }
}

napi! {
    /// `undefined`.
    fn napi_get_undefined(env: Basic, scope, result: *mut napi_value) {
        *out(result)? = to_napi(v8::undefined(scope));
        Ok(())
    }

    /// `null`.
    fn napi_get_null(env: Basic, scope, result: *mut napi_value) {
        *out(result)? = to_napi(v8::null(scope));
        Ok(())
    }

    /// The global object.
    fn napi_get_global(env: Basic, scope, result: *mut napi_value) {
        *out(result)? = to_napi(env.context().global(scope));
        Ok(())
    }

    /// `true` or `false`.
    fn napi_get_boolean(env: Basic, scope, value: bool, result: *mut napi_value) {
        *out(result)? = to_napi(v8::Boolean::new(scope, value));
        Ok(())
    }

    /// A number from a double.
    fn napi_create_double(env: Basic, scope, value: f64, result: *mut napi_value) {
        *out(result)? = to_napi(v8::Number::new(scope, value));
        Ok(())
    }

    /// A number from an int32.
    fn napi_create_int32(env: Basic, scope, value: i32, result: *mut napi_value) {
        *out(result)? = to_napi(v8::Integer::new(scope, value));
        Ok(())
    }

    /// A number from a uint32.
    fn napi_create_uint32(env: Basic, scope, value: u32, result: *mut napi_value) {
        *out(result)? = to_napi(v8::Integer::new_from_unsigned(scope, value));
        Ok(())
    }

    /// A number from an int64 (rounded to the nearest double).
    fn napi_create_int64(env: Basic, scope, value: i64, result: *mut napi_value) {
        *out(result)? = to_napi(v8::Number::new(scope, value as f64));
        Ok(())
    }

    /// A string from UTF-8 (`NAPI_AUTO_LENGTH` for NUL-terminated).
    fn napi_create_string_utf8(env: Basic, scope, str_: *const c_char, length: usize, result: *mut napi_value) {
        if length > 0 {
            crate::napi::value::check_arg(str_)?;
        }
        let result = out(result)?;
        *result = to_napi(new_string_utf8(scope, str_, length)?);
        Ok(())
    }

    /// The napi_valuetype of a value.
    fn napi_typeof(env: Basic, scope, value: napi_value, result: *mut napi_valuetype) {
        let value = from_napi(value)?;
        let result = out(result)?;
        *result = if value.is_number() {
            napi_number
        } else if value.is_big_int() {
            napi_bigint
        } else if value.is_string() {
            napi_string
        } else if value.is_function() {
            napi_function
        } else if value.is_external() {
            napi_external
        } else if value.is_object() {
            napi_object
        } else if value.is_boolean() {
            napi_boolean
        } else if value.is_undefined() {
            napi_undefined
        } else if value.is_symbol() {
            napi_symbol
        } else if value.is_null() {
            napi_null
        } else {
            return Err(Status::InvalidArg);
        };
        Ok(())
    }

    /// A number's value as a double.
    fn napi_get_value_double(env: Basic, scope, value: napi_value, result: *mut f64) {
        let value = from_napi(value)?;
        let result = out(result)?;
        let number = v8::Local::<v8::Number>::try_from(value).map_err(|_| Status::NumberExpected)?;
        *result = number.value();
        Ok(())
    }

    /// A number's value as an int32 (ECMAScript ToInt32: NaN and ±Infinity are 0).
    fn napi_get_value_int32(env: Basic, scope, value: napi_value, result: *mut i32) {
        let value = from_napi(value)?;
        let result = out(result)?;
        ensure(value.is_number(), Status::NumberExpected)?;
        *result = value.int32_value(scope).unwrap_or(0);
        Ok(())
    }

    /// A number's value as a uint32 (ECMAScript ToUint32).
    fn napi_get_value_uint32(env: Basic, scope, value: napi_value, result: *mut u32) {
        let value = from_napi(value)?;
        let result = out(result)?;
        ensure(value.is_number(), Status::NumberExpected)?;
        *result = value.uint32_value(scope).unwrap_or(0);
        Ok(())
    }

    /// A number's value as an int64 (truncated, saturated; NaN and ±Infinity are 0).
    fn napi_get_value_int64(env: Basic, scope, value: napi_value, result: *mut i64) {
        let value = from_napi(value)?;
        let result = out(result)?;
        let number = v8::Local::<v8::Number>::try_from(value).map_err(|_| Status::NumberExpected)?;
        *result = number_to_i64(number.value());
        Ok(())
    }

    /// A boolean's value.
    fn napi_get_value_bool(env: Basic, scope, value: napi_value, result: *mut bool) {
        let value = from_napi(value)?;
        let result = out(result)?;
        let boolean = v8::Local::<v8::Boolean>::try_from(value).map_err(|_| Status::BooleanExpected)?;
        *result = boolean.is_true();
        Ok(())
    }

    /// A string as UTF-8: with no buffer, its length in bytes; else as much as fits in
    /// `bufsize - 1` bytes without splitting a character, NUL-terminated.
    fn napi_get_value_string_utf8(env: Basic, scope, value: napi_value, buf: *mut c_char, bufsize: usize, result: *mut usize) {
        let value = from_napi(value)?;
        let string = v8::Local::<v8::String>::try_from(value).map_err(|_| Status::StringExpected)?;
        if buf.is_null() {
            *out(result)? = string.utf8_length(scope);
        } else if bufsize != 0 {
            // SAFETY: the addon passes a buffer of `bufsize` bytes.
            let buffer = unsafe { std::slice::from_raw_parts_mut(buf.cast::<u8>(), bufsize) };
            let copied = string.write_utf8_v2(scope, &mut buffer[..bufsize - 1], v8::WriteFlags::kReplaceInvalidUtf8, None);
            buffer[copied] = 0;
            if let Some(result) = unsafe { result.as_mut() } {
                *result = copied;
            }
        } else if let Some(result) = unsafe { result.as_mut() } {
            *result = 0;
        }
        Ok(())
    }
}
