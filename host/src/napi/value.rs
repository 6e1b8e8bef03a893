//! `napi_value` is a V8 local handle, bit for bit; these helpers convert and check.

use napi_sys as sys;

use super::boundary::Status;

type Result<T = ()> = std::result::Result<T, Status>;

/// A local handle as a `napi_value`.
#[inline(always)]
pub fn to_napi<'s, T>(local: v8::Local<'s, T>) -> sys::napi_value
where
    v8::Local<'s, v8::Value>: From<v8::Local<'s, T>>,
{
    let value: v8::Local<v8::Value> = local.into();
    // SAFETY: a Local is a non-null pointer to a handle slot, as a napi_value is.
    unsafe { std::mem::transmute::<v8::Local<v8::Value>, sys::napi_value>(value) }
}

/// A `napi_value` argument as a local handle; NULL is `napi_invalid_arg` (Node's CHECK_ARG).
#[inline(always)]
pub fn from_napi<'s>(value: sys::napi_value) -> Result<v8::Local<'s, v8::Value>> {
    // SAFETY: a napi_value the addon got from us is a live local handle; NULL maps to None.
    unsafe { std::mem::transmute::<sys::napi_value, Option<v8::Local<'s, v8::Value>>>(value) }
        .ok_or(Status::InvalidArg)
}

/// An out-parameter; NULL is `napi_invalid_arg`.
#[inline(always)]
pub fn out<'a, T>(pointer: *mut T) -> Result<&'a mut T> {
    // SAFETY: the addon passes a writable pointer or NULL.
    unsafe { pointer.as_mut() }.ok_or(Status::InvalidArg)
}

/// Writes an optional out-parameter: nothing when the addon passed NULL.
#[inline(always)]
pub fn set_if_given<T>(pointer: *mut T, value: T) {
    // SAFETY: the addon passes a writable pointer or NULL.
    if let Some(slot) = unsafe { pointer.as_mut() } {
        *slot = value;
    }
}

/// Checks that a pointer argument is not NULL.
#[inline(always)]
pub fn check_arg<T>(pointer: *const T) -> Result {
    if pointer.is_null() {
        Err(Status::InvalidArg)
    } else {
        Ok(())
    }
}

/// Fails with `status` unless `condition` holds (Node's RETURN_STATUS_IF_FALSE).
#[inline(always)]
pub fn ensure(condition: bool, status: Status) -> Result {
    if condition {
        Ok(())
    } else {
        Err(status)
    }
}

/// A V8 string from a C string and length (`NAPI_AUTO_LENGTH` for NUL-terminated),
/// checked as Node checks it: NULL with a non-zero length, or a length over INT_MAX,
/// is `napi_invalid_arg`.
pub fn new_string_utf8<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    text: *const std::ffi::c_char,
    length: usize,
) -> Result<v8::Local<'s, v8::String>> {
    let bytes = c_bytes(text, length)?;
    v8::String::new_from_utf8(scope, bytes, v8::NewStringType::Normal).ok_or(Status::GenericFailure)
}

/// The bytes of a C string argument given with a length or `NAPI_AUTO_LENGTH`.
pub fn c_bytes<'a>(text: *const std::ffi::c_char, length: usize) -> Result<&'a [u8]> {
    ensure(length == sys::NAPI_AUTO_LENGTH || length <= i32::MAX as usize, Status::InvalidArg)?;
    if length == 0 {
        return Ok(&[]);
    }
    check_arg(text)?;
    // SAFETY: the addon passes a valid string of `length` bytes, or NUL-terminated.
    Ok(unsafe {
        if length == sys::NAPI_AUTO_LENGTH {
            std::ffi::CStr::from_ptr(text).to_bytes()
        } else {
            std::slice::from_raw_parts(text.cast::<u8>(), length)
        }
    })
}

/// The `argc` values at `argv` as local handles, without copying; NULL entries are
/// `napi_invalid_arg`.
pub fn values_from_argv<'a, 's>(argc: usize, argv: *const sys::napi_value) -> Result<&'a [v8::Local<'s, v8::Value>]> {
    if argc == 0 {
        return Ok(&[]);
    }
    // SAFETY: the addon passes `argc` values at `argv`.
    let values = unsafe { std::slice::from_raw_parts(argv, argc) };
    ensure(values.iter().all(|v| !v.is_null()), Status::InvalidArg)?;
    // SAFETY: non-null napi_values are Locals, bit for bit.
    Ok(unsafe { std::slice::from_raw_parts(argv.cast::<v8::Local<'s, v8::Value>>(), argc) })
}

/// The handles of undefined, null, true and false: V8 hands out slots of the isolate's root
/// table for them, valid as long as the isolate.
#[derive(Clone, Copy)]
pub struct Roots {
    pub undefined: sys::napi_value,
    pub null: sys::napi_value,
    pub(crate) true_value: sys::napi_value,
    pub(crate) false_value: sys::napi_value,
}

impl Roots {
    pub fn new(scope: &mut v8::PinScope) -> Roots {
        Roots {
            undefined: to_napi(v8::undefined(scope)),
            null: to_napi(v8::null(scope)),
            true_value: to_napi(v8::Boolean::new(scope, true)),
            false_value: to_napi(v8::Boolean::new(scope, false)),
        }
    }

    /// The handle of `true` or `false`.
    #[inline(always)]
    pub fn of_bool(&self, value: bool) -> sys::napi_value {
        if value {
            self.true_value
        } else {
            self.false_value
        }
    }
}

/// A handle the v8 crate's C++ glue returned, None for NULL (an exception).
pub fn local<'s, T>(handle: *const T) -> Option<v8::Local<'s, T>> {
    // SAFETY: a non-NULL handle from V8 is a Local.
    (!handle.is_null()).then(|| unsafe { std::mem::transmute::<*const T, v8::Local<'s, T>>(handle) })
}
