//! `JsString`: a JS string kept as a JS value (napi-rs's name), read into Rust in one of
//! Node-API's three encodings (`JsStringUtf8`, `JsStringUtf16`, `JsStringLatin1`); with
//! `napi10`, Latin-1 and UTF-16 strings made over Rust memory without a copy.

use crate::convert::{get_checked, FromNapiValue, ToNapiValue};
use crate::error::{Error, Result, Status};
use crate::sys;
use crate::Env;
use std::marker::PhantomData;
use std::ptr;

/// A JS string, valid for the call it was received or created in (`'env`).
#[derive(Clone, Copy)]
pub struct JsString<'env> {
    env: Env,
    value: sys::napi_value,
    scope: PhantomData<&'env ()>,
}

impl<'env> JsString<'env> {
    unsafe fn from_raw(env: Env, value: sys::napi_value) -> Self {
        JsString { env, value, scope: PhantomData }
    }

    /// Its length in UTF-8 bytes.
    pub fn utf8_len(&self) -> Result<usize> {
        self.env.call(|result| unsafe { sys::napi_get_value_string_utf8(self.env.raw(), self.value, ptr::null_mut(), 0, result) })
    }

    /// Its length in UTF-16 code units (JS's `length`).
    pub fn utf16_len(&self) -> Result<usize> {
        self.env.call(|result| unsafe { sys::napi_get_value_string_utf16(self.env.raw(), self.value, ptr::null_mut(), 0, result) })
    }

    /// Its length in Latin-1 bytes (one per code unit).
    pub fn latin1_len(&self) -> Result<usize> {
        self.env.call(|result| unsafe { sys::napi_get_value_string_latin1(self.env.raw(), self.value, ptr::null_mut(), 0, result) })
    }

    /// Its text read as UTF-8.
    pub fn into_utf8(self) -> Result<JsStringUtf8<'env>> {
        let mut bytes = vec![0u8; self.utf8_len()? + 1];
        let written = self.env.call(|result| unsafe {
            sys::napi_get_value_string_utf8(self.env.raw(), self.value, bytes.as_mut_ptr().cast(), bytes.len(), result)
        })?;
        bytes.truncate(written);
        Ok(JsStringUtf8 { inner: self, bytes })
    }

    /// Its text read as UTF-16 code units.
    pub fn into_utf16(self) -> Result<JsStringUtf16<'env>> {
        let mut units = vec![0u16; self.utf16_len()? + 1];
        let written = self.env.call(|result| unsafe {
            sys::napi_get_value_string_utf16(self.env.raw(), self.value, units.as_mut_ptr(), units.len(), result)
        })?;
        units.truncate(written);
        Ok(JsStringUtf16 { inner: self, units: Units::Owned(units) })
    }

    /// Its text read as Latin-1 (each code unit's low byte).
    pub fn into_latin1(self) -> Result<JsStringLatin1<'env>> {
        let mut bytes = vec![0u8; self.latin1_len()? + 1];
        let written = self.env.call(|result| unsafe {
            sys::napi_get_value_string_latin1(self.env.raw(), self.value, bytes.as_mut_ptr().cast(), bytes.len(), result)
        })?;
        bytes.truncate(written);
        Ok(JsStringLatin1 { inner: self, bytes: Units::Owned(bytes) })
    }

    /// The JS string.
    pub fn raw(&self) -> sys::napi_value {
        self.value
    }
}

impl FromNapiValue for JsString<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        // Asking for the length checks the type without a second call.
        get_checked(env, value, sys::napi_string, |result| {
            sys::napi_get_value_string_utf16(env.raw(), value, ptr::null_mut(), 0, result)
        })?;
        Ok(JsString::from_raw(env, value))
    }
}

impl ToNapiValue for JsString<'_> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.value)
    }
}

impl Env {
    /// A new JS string from UTF-8 text.
    pub fn create_string<'env>(&self, text: impl AsRef<str>) -> Result<JsString<'env>> {
        Ok(unsafe { JsString::from_raw(*self, self.string(text.as_ref())?) })
    }

    /// A new JS string from an owned `String`.
    pub fn create_string_from_std<'env>(&self, text: String) -> Result<JsString<'env>> {
        self.create_string(&text)
    }

    /// A new JS string from UTF-16 code units.
    pub fn create_string_utf16<'env>(&self, units: &[u16]) -> Result<JsString<'env>> {
        let value = self.call(|result| unsafe { sys::napi_create_string_utf16(self.raw(), units.as_ptr(), units.len(), result) })?;
        Ok(unsafe { JsString::from_raw(*self, value) })
    }

    /// A new JS string from Latin-1 bytes.
    pub fn create_string_latin1<'env>(&self, bytes: &[u8]) -> Result<JsString<'env>> {
        let value =
            self.call(|result| unsafe { sys::napi_create_string_latin1(self.raw(), bytes.as_ptr().cast(), bytes.len(), result) })?;
        Ok(unsafe { JsString::from_raw(*self, value) })
    }
}

/// A JS string's text read as UTF-8, with the string.
pub struct JsStringUtf8<'env> {
    inner: JsString<'env>,
    bytes: Vec<u8>,
}

impl<'env> JsStringUtf8<'env> {
    /// The text (an `InvalidArg` error if it is not UTF-8: Node-API writes lone surrogates as
    /// U+FFFD, so it always is).
    pub fn as_str(&self) -> Result<&str> {
        std::str::from_utf8(&self.bytes).map_err(|error| Error::new(Status::InvalidArg, error.to_string()))
    }

    /// The UTF-8 bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.bytes
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The text as a `String`.
    pub fn into_owned(self) -> Result<String> {
        String::from_utf8(self.bytes).map_err(|error| Error::new(Status::InvalidArg, error.to_string()))
    }

    /// The UTF-8 bytes.
    pub fn take(self) -> Vec<u8> {
        self.bytes
    }

    /// The JS string.
    pub fn into_value(self) -> JsString<'env> {
        self.inner
    }
}

impl TryFrom<JsStringUtf8<'_>> for String {
    type Error = Error;
    fn try_from(text: JsStringUtf8<'_>) -> Result<String> {
        text.into_owned()
    }
}

impl From<JsStringUtf8<'_>> for Vec<u8> {
    fn from(text: JsStringUtf8<'_>) -> Vec<u8> {
        text.take()
    }
}

impl FromNapiValue for JsStringUtf8<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        JsString::from_napi_value(env.raw(), value)?.into_utf8()
    }
}

impl ToNapiValue for JsStringUtf8<'_> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.inner.value)
    }
}

/// Code units read from a JS string (owned), or the memory an external string was made over
/// (borrowed: it lives as long as the string, which outlives `'env`).
#[cfg_attr(not(feature = "napi10"), allow(dead_code))]
enum Units<'env, T> {
    Owned(Vec<T>),
    Borrowed(&'env [T]),
}

impl<T> Units<'_, T> {
    fn as_slice(&self) -> &[T] {
        match self {
            Units::Owned(units) => units,
            Units::Borrowed(units) => units,
        }
    }
}

/// A JS string's text as UTF-16 code units, with the string.
pub struct JsStringUtf16<'env> {
    inner: JsString<'env>,
    units: Units<'env, u16>,
}

impl<'env> JsStringUtf16<'env> {
    /// The text (an `InvalidArg` error for a lone surrogate).
    pub fn as_str(&self) -> Result<String> {
        String::from_utf16(self.as_slice()).map_err(|error| Error::new(Status::InvalidArg, error.to_string()))
    }

    /// The code units.
    pub fn as_slice(&self) -> &[u16] {
        self.units.as_slice()
    }

    /// The length in code units.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// The JS string.
    pub fn into_value(self) -> JsString<'env> {
        self.inner
    }
}

impl TryFrom<JsStringUtf16<'_>> for String {
    type Error = Error;
    fn try_from(text: JsStringUtf16<'_>) -> Result<String> {
        text.as_str()
    }
}

impl FromNapiValue for JsStringUtf16<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        JsString::from_napi_value(env.raw(), value)?.into_utf16()
    }
}

impl ToNapiValue for JsStringUtf16<'_> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.inner.value)
    }
}

/// A JS string's text as Latin-1 bytes, with the string.
pub struct JsStringLatin1<'env> {
    inner: JsString<'env>,
    bytes: Units<'env, u8>,
}

impl<'env> JsStringLatin1<'env> {
    /// The Latin-1 bytes.
    pub fn as_slice(&self) -> &[u8] {
        self.bytes.as_slice()
    }

    /// The length in bytes (code units).
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// The Latin-1 bytes.
    pub fn take(self) -> Vec<u8> {
        match self.bytes {
            Units::Owned(bytes) => bytes,
            Units::Borrowed(bytes) => bytes.to_vec(),
        }
    }

    /// The text, each byte the character of that code point.
    pub fn into_latin1_string(self) -> Result<String> {
        Ok(self.as_slice().iter().map(|&byte| char::from(byte)).collect())
    }

    /// The JS string.
    pub fn into_value(self) -> JsString<'env> {
        self.inner
    }
}

impl From<JsStringLatin1<'_>> for Vec<u8> {
    fn from(text: JsStringLatin1<'_>) -> Vec<u8> {
        text.take()
    }
}

impl FromNapiValue for JsStringLatin1<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        JsString::from_napi_value(env.raw(), value)?.into_latin1()
    }
}

impl ToNapiValue for JsStringLatin1<'_> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.inner.value)
    }
}

#[cfg(feature = "napi10")]
mod external {
    use super::{JsString, JsStringLatin1, JsStringUtf16, Units};
    use crate::binary::{drop_vec, finalize_external, pack, unpack, ExternalMemory};
    use crate::error::Result;
    use crate::sys;
    use crate::Env;
    use std::ffi::c_void;

    /// `node_api_create_external_string_latin1` or `_utf16`.
    type CreateExternal<T> =
        unsafe extern "C" fn(sys::napi_env, *mut T, usize, sys::node_api_basic_finalize, *mut c_void, *mut sys::napi_value, *mut bool)
            -> sys::napi_status;
    /// `napi_create_string_latin1` or `_utf16`, for the empty string (which has no memory).
    type CreateCopy<T> = unsafe fn(Env, &[T]) -> Result<sys::napi_value>;

    /// A string over `units` at `data`; whether the engine copied them (then `finalize` was
    /// not registered and the caller still owns the memory).
    unsafe fn external_string<T>(
        env: Env,
        create: CreateExternal<T>,
        data: *const T,
        length: usize,
        finalize: sys::node_api_basic_finalize,
        hint: *mut c_void,
    ) -> Result<(sys::napi_value, bool)> {
        let mut copied = false;
        let value = env.call(|result| create(env.raw(), data.cast_mut(), length, finalize, hint, result, &mut copied))?;
        Ok((value, copied))
    }

    /// Moves `data` into a new external string (the engine may copy it, then it is kept here).
    unsafe fn from_data<'env, T: Copy>(env: Env, create: CreateExternal<T>, copy: CreateCopy<T>, mut data: Vec<T>) -> Result<(JsString<'env>, Units<'env, T>)> {
        if data.is_empty() {
            return Ok((JsString::from_raw(env, copy(env, &[])?), Units::Owned(data)));
        }
        let (pointer, length, capacity) = (data.as_mut_ptr(), data.len(), data.capacity());
        std::mem::forget(data);
        let hint = pack(length, capacity);
        match external_string(env, create, pointer, length, Some(drop_vec::<T>), hint) {
            Ok((value, false)) => Ok((JsString::from_raw(env, value), Units::Borrowed(std::slice::from_raw_parts(pointer, length)))),
            Ok((value, true)) => Ok((JsString::from_raw(env, value), Units::Owned(unpack(pointer, hint)))),
            Err(error) => {
                drop(unpack(pointer, hint));
                Err(error)
            }
        }
    }

    /// A string over `length` units at `data`, released by `finalize(env, hint)` when the
    /// string is collected — or at once, after a copy, when the engine copies them.
    unsafe fn from_external<'env, T: Copy, H: 'static, F: FnOnce(Env, H) + 'static>(
        env: Env,
        create: CreateExternal<T>,
        copy: CreateCopy<T>,
        data: *const T,
        length: usize,
        hint: H,
        finalize: F,
    ) -> Result<(JsString<'env>, Units<'env, T>)> {
        if length == 0 {
            finalize(env, hint);
            return Ok((JsString::from_raw(env, copy(env, &[])?), Units::Owned(Vec::new())));
        }
        let external = Box::into_raw(Box::new(ExternalMemory { hint, finalize }));
        let created = external_string(env, create, data, length, Some(finalize_external::<H, F>), external.cast());
        match created {
            Ok((value, false)) => Ok((JsString::from_raw(env, value), Units::Borrowed(std::slice::from_raw_parts(data, length)))),
            Ok((value, true)) => {
                let units = std::slice::from_raw_parts(data, length).to_vec();
                let external = Box::from_raw(external);
                (external.finalize)(env, external.hint);
                Ok((JsString::from_raw(env, value), Units::Owned(units)))
            }
            Err(error) => {
                let external = Box::from_raw(external);
                (external.finalize)(env, external.hint);
                Err(error)
            }
        }
    }

    /// A string over static memory (nothing to release).
    unsafe fn from_static<'env, T: Copy>(env: Env, create: CreateExternal<T>, copy: CreateCopy<T>, data: &'static [T]) -> Result<(JsString<'env>, Units<'env, T>)> {
        if data.is_empty() {
            return Ok((JsString::from_raw(env, copy(env, &[])?), Units::Borrowed(data)));
        }
        let (value, _copied) = external_string(env, create, data.as_ptr(), data.len(), None, std::ptr::null_mut())?;
        Ok((JsString::from_raw(env, value), Units::Borrowed(data)))
    }

    unsafe fn copy_latin1(env: Env, bytes: &[u8]) -> Result<sys::napi_value> {
        env.create_string_latin1(bytes).map(|string| string.raw())
    }

    unsafe fn copy_utf16(env: Env, units: &[u16]) -> Result<sys::napi_value> {
        env.create_string_utf16(units).map(|string| string.raw())
    }

    unsafe extern "C" fn create_latin1(
        env: sys::napi_env,
        data: *mut u8,
        length: usize,
        finalize: sys::node_api_basic_finalize,
        hint: *mut c_void,
        result: *mut sys::napi_value,
        copied: *mut bool,
    ) -> sys::napi_status {
        sys::node_api_create_external_string_latin1(env, data.cast(), length, finalize, hint, result, copied)
    }

    impl<'env> JsStringLatin1<'env> {
        /// A JS string over `data`'s bytes without a copy where the engine allows it (short
        /// strings are copied; `data` is then dropped with the `JsStringLatin1`).
        pub fn from_data(env: &'env Env, data: Vec<u8>) -> Result<JsStringLatin1<'env>> {
            let (inner, bytes) = unsafe { from_data(*env, create_latin1, copy_latin1, data)? };
            Ok(JsStringLatin1 { inner, bytes })
        }

        /// A JS string over `length` Latin-1 bytes at `data`, which `finalize(env, hint)`
        /// releases when the string is collected (at once when the engine copied them).
        ///
        /// # Safety
        /// `data` points to `length` bytes that stay valid and unchanged until `finalize` runs.
        pub unsafe fn from_external<H: 'static, F: FnOnce(Env, H) + 'static>(
            env: &'env Env,
            data: *const u8,
            length: usize,
            hint: H,
            finalize: F,
        ) -> Result<JsStringLatin1<'env>> {
            let (inner, bytes) = from_external(*env, create_latin1, copy_latin1, data, length, hint, finalize)?;
            Ok(JsStringLatin1 { inner, bytes })
        }

        /// A JS string over static text, read as Latin-1 bytes (ASCII reads as itself).
        pub fn from_static(env: &'env Env, text: &'static str) -> Result<JsStringLatin1<'env>> {
            let (inner, bytes) = unsafe { from_static(*env, create_latin1, copy_latin1, text.as_bytes())? };
            Ok(JsStringLatin1 { inner, bytes })
        }
    }

    impl<'env> JsStringUtf16<'env> {
        /// A JS string over `data`'s code units without a copy where the engine allows it.
        pub fn from_data(env: &'env Env, data: Vec<u16>) -> Result<JsStringUtf16<'env>> {
            let (inner, units) = unsafe { from_data(*env, sys::node_api_create_external_string_utf16, copy_utf16, data)? };
            Ok(JsStringUtf16 { inner, units })
        }

        /// A JS string over `length` UTF-16 code units at `data`, which `finalize(env, hint)`
        /// releases when the string is collected (at once when the engine copied them).
        ///
        /// # Safety
        /// `data` points to `length` code units that stay valid and unchanged until `finalize`
        /// runs.
        pub unsafe fn from_external<H: 'static, F: FnOnce(Env, H) + 'static>(
            env: &'env Env,
            data: *const u16,
            length: usize,
            hint: H,
            finalize: F,
        ) -> Result<JsStringUtf16<'env>> {
            let (inner, units) =
                from_external(*env, sys::node_api_create_external_string_utf16, copy_utf16, data, length, hint, finalize)?;
            Ok(JsStringUtf16 { inner, units })
        }

        /// A JS string over static code units.
        pub fn from_static(env: &'env Env, units: &'static [u16]) -> Result<JsStringUtf16<'env>> {
            let (inner, units) = unsafe { from_static(*env, sys::node_api_create_external_string_utf16, copy_utf16, units)? };
            Ok(JsStringUtf16 { inner, units })
        }
    }
}
