//! Values: the singletons, numbers, strings, symbols, bigints, dates, typeof, reading
//! values back, coercion and strict equality.

use std::collections::HashMap;
use std::ffi::{c_char, c_void};
use std::sync::Mutex;

use napi_sys::*;

use crate::napi::boundary::{Result, Status};
use crate::napi::env::Env;
use crate::napi::v8_layout::glue::values as shim;
use crate::napi::v8_layout::words::Words;
use crate::napi::value::{c_bytes, check_arg, ensure, from_napi, out, set_if_given, to_napi};

/// A number's value, read directly when the env can; not a number is napi_number_expected.
#[inline(always)]
fn number_value(env: &Env, local: v8::Local<v8::Value>) -> Result<f64> {
    match env.words.and_then(|words| words.number(local)) {
        Some(number) => Ok(number),
        None => number_through_v8(local),
    }
}

/// A number's value asked of V8 (kept out of line: the direct read is the hot path).
#[cold]
#[inline(never)]
fn number_through_v8(local: v8::Local<v8::Value>) -> Result<f64> {
    let number = v8::Local::<v8::Number>::try_from(local).map_err(|_| Status::NumberExpected)?;
    Ok(number.value())
}

/// A boolean's value asked of V8.
#[cold]
#[inline(never)]
fn boolean_through_v8(local: v8::Local<v8::Value>) -> Option<bool> {
    v8::Local::<v8::Boolean>::try_from(local).ok().map(|boolean| boolean.is_true())
}

/// ECMAScript ToInt32 of a number: NaN and ±Infinity are 0, others wrap modulo 2^32.
fn number_to_int32(number: f64) -> i32 {
    if number.is_finite() {
        number.trunc().rem_euclid(4294967296.0) as u32 as i32
    } else {
        0
    }
}

/// A JS number's int64 value as Node gives it: NaN and ±Infinity are 0, the rest
/// truncated and saturated.
fn number_to_i64(number: f64) -> i64 {
    if number.is_finite() {
        number as i64
    } else {
        0
    }
}

/// The length of a string argument in code units: given, or up to the NUL.
fn units<'a, T: Copy + Default + PartialEq>(text: *const T, length: usize) -> Result<&'a [T]> {
    if length > 0 {
        check_arg(text)?;
    }
    ensure(length == NAPI_AUTO_LENGTH || length <= i32::MAX as usize, Status::InvalidArg)?;
    if length == 0 {
        return Ok(&[]);
    }
    let length = if length == NAPI_AUTO_LENGTH {
        // SAFETY: the addon passes a NUL-terminated string.
        (0..).take_while(|&i| unsafe { *text.add(i) } != T::default()).count()
    } else {
        length
    };
    // SAFETY: the addon passes `length` code units.
    Ok(unsafe { std::slice::from_raw_parts(text, length) })
}


/// A number's handle: the Smi `small` made directly when given and the env can, else what
/// `through_v8` makes.
#[inline(always)]
fn number_handle<T>(env: &Env, small: Option<i32>, through_v8: impl FnOnce(v8::UnsafeRawIsolatePtr) -> *const T) -> Result<napi_value> {
    match env.words.zip(small).and_then(|(words, small)| words.small_integer_handle(small)) {
        Some(handle) => Ok(handle),
        None => made(through_v8(env.raw_isolate())),
    }
}

/// A number's handle from a double: integral values other than -0 are Smis, as V8's
/// Number::New (and its factory's NewNumber) makes them.
#[inline(always)]
pub(crate) fn double_handle(env: &Env, value: f64) -> Result<napi_value> {
    let small = value as i32;
    let small = (small as f64 == value && (small != 0 || value.is_sign_positive())).then_some(small);
    number_handle(env, small, |isolate| unsafe { shim::number(isolate, value) })
}

/// A handle made by a shim (never NULL for numbers; NULL for a string V8 cannot make).
fn made<T>(handle: *const T) -> Result<napi_value> {
    ensure(!handle.is_null(), Status::GenericFailure)?;
    Ok(handle.cast_mut().cast())
}

/// Creates a string from Latin-1, UTF-8 or UTF-16 code units, internalized for property keys.
/// Plain strings come from V8's raw factory where the env can: the API's checks and scans
/// cost more than the allocation.
#[inline(always)]
fn new_string_value(env: &Env, encoding: Encoding, text: *const c_void, length: usize, kind: v8::NewStringType) -> Result<napi_value> {
    match encoding {
        Encoding::Latin1 => new_one_byte_string(env, c_bytes(text.cast(), length)?, kind),
        // ASCII is its own Latin-1, which V8 copies without decoding.
        Encoding::Utf8 => {
            let text = c_bytes(text.cast(), length)?;
            if text.is_ascii() {
                new_one_byte_string(env, text, kind)
            } else if let Some(handle) = raw_string_factory(env, &kind).and_then(|words| words.new_short_utf8_string(text)) {
                Ok(handle)
            } else if let Some(handle) = raw_string_factory(env, &kind)
                .zip(std::str::from_utf8(text).ok())
                .and_then(|(words, text)| words.new_utf8_string(text))
            {
                // Valid UTF-8 decodes one way; V8 replaces what is invalid (below).
                Ok(handle)
            } else {
                // SAFETY: at most INT_MAX bytes (checked by c_bytes).
                made(unsafe { shim::utf8(env.raw_isolate(), text.as_ptr().cast(), kind, text.len() as i32) })
            }
        }
        Encoding::Utf16 => {
            let (text, one_byte) = utf16_units(text.cast(), length)?;
            match raw_string_factory(env, &kind).and_then(|words| words.new_two_byte_string(text, one_byte)) {
                Some(handle) => Ok(handle),
                // SAFETY: at most INT_MAX units (checked by utf16_units).
                None => made(unsafe { shim::utf16(env.raw_isolate(), text.as_ptr(), kind, text.len() as i32) }),
            }
        }
    }
}

/// The env's words, for a plain string (property keys are internalized by V8's API).
#[inline(always)]
fn raw_string_factory<'a>(env: &'a Env, kind: &v8::NewStringType) -> Option<&'a Words> {
    env.words.as_ref().filter(|_| matches!(kind, v8::NewStringType::Normal))
}

/// A string of Latin-1 characters (see new_string_value).
#[inline(always)]
fn new_one_byte_string(env: &Env, text: &[u8], kind: v8::NewStringType) -> Result<napi_value> {
    match raw_string_factory(env, &kind).and_then(|words| words.new_one_byte_string(text)) {
        Some(handle) => Ok(handle),
        // SAFETY: at most INT_MAX bytes (checked by c_bytes).
        None => made(unsafe { shim::latin1(env.raw_isolate(), text.as_ptr(), kind, text.len() as i32) }),
    }
}

/// UTF-16 code units as `units` takes them, and whether every unit fits in one byte: one
/// pass over the text.
#[inline(always)]
fn utf16_units<'a>(text: *const u16, length: usize) -> Result<(&'a [u16], bool)> {
    if length != NAPI_AUTO_LENGTH || text.is_null() {
        let text = units(text, length)?;
        let bits = text.iter().fold(0, |bits, &unit| bits | unit);
        return Ok((text, bits <= 0xff));
    }
    let (mut count, mut bits) = (0, 0);
    // SAFETY: the addon passes a NUL-terminated string.
    unsafe {
        while *text.add(count) != 0 {
            bits |= *text.add(count);
            count += 1;
        }
    }
    ensure(count <= i32::MAX as usize, Status::InvalidArg)?;
    // SAFETY: `count` units precede the NUL.
    Ok((unsafe { std::slice::from_raw_parts(text, count) }, bits <= 0xff))
}

/// As new_string_value, as a local handle.
pub(crate) fn new_string<'s>(env: &Env, encoding: Encoding, text: *const c_void, length: usize, kind: v8::NewStringType) -> Result<v8::Local<'s, v8::String>> {
    let value = from_napi(new_string_value(env, encoding, text, length, kind)?)?;
    // SAFETY: the shims make strings.
    Ok(unsafe { v8::Local::cast_unchecked(value) })
}

#[derive(Clone, Copy)]
pub(crate) enum Encoding {
    Latin1,
    Utf8,
    Utf16,
}

/// napi_create_string_* and node_api_create_property_key_*: a string from code units.
#[inline(always)]
fn create_string(
    env: &Env,
    encoding: Encoding,
    text: *const c_void,
    length: usize,
    kind: v8::NewStringType,
    result: *mut napi_value,
) -> Result {
    if length > 0 {
        check_arg(text)?;
    }
    let result = out(result)?;
    *result = new_string_value(env, encoding, text, length, kind)?;
    Ok(())
}

/// Finalizers of external strings, by buffer address, for V8's resource destructor.
static EXTERNAL_STRINGS: Mutex<Option<HashMap<usize, (usize, napi_finalize, usize)>>> = Mutex::new(None);

fn run_external_string_finalizer(buffer: usize) {
    let entry = EXTERNAL_STRINGS.lock().unwrap().as_mut().and_then(|m| m.remove(&buffer));
    if let Some((env, Some(finalize), hint)) = entry {
        // SAFETY: a basic finalizer, called as node calls it when the string dies.
        unsafe { finalize(env as napi_env, buffer as *mut c_void, hint as *mut c_void) };
    }
}

unsafe extern "C" fn external_latin1_destroyed(buffer: *mut c_char, _length: usize) {
    run_external_string_finalizer(buffer as usize);
}

unsafe extern "C" fn external_utf16_destroyed(buffer: *mut u16, _length: usize) {
    run_external_string_finalizer(buffer as usize);
}

/// Sets `*result` to an external string over the addon's buffer (not copied), finalized
/// when V8 frees it.
fn new_external_string<'s>(
    env: &mut Env,
    scope: &mut v8::PinScope<'s, '_>,
    encoding: Encoding,
    text: *mut c_void,
    length: usize,
    finalize: napi_finalize,
    hint: *mut c_void,
    copied: *mut bool,
    result: *mut napi_value,
) -> Result {
    if length > 0 {
        check_arg(text)?;
    }
    let result = out(result)?;
    let length = match encoding {
        Encoding::Utf16 => units(text.cast::<u16>().cast_const(), length)?.len(),
        _ => units(text.cast::<u8>().cast_const(), length)?.len(),
    };
    let env_pointer: *mut Env = env;
    set_if_given(copied, false);
    if length == 0 {
        if let Some(finalize) = finalize {
            // SAFETY: V8 disposes an empty resource at once; so does node.
            unsafe { finalize(env_pointer.cast(), text, hint) };
        }
        *result = to_napi(v8::String::empty(scope));
        return Ok(());
    }
    EXTERNAL_STRINGS
        .lock()
        .unwrap()
        .get_or_insert_with(HashMap::new)
        .insert(text as usize, (env_pointer as usize, finalize, hint as usize));
    // SAFETY: the addon keeps the buffer alive until its finalizer runs.
    let string = unsafe {
        match encoding {
            Encoding::Utf16 => v8::String::new_external_twobyte_raw(scope, text.cast(), length, external_utf16_destroyed),
            _ => v8::String::new_external_onebyte_raw(scope, text.cast(), length, external_latin1_destroyed),
        }
    };
    *result = to_napi(string.ok_or(Status::GenericFailure)?);
    Ok(())
}

/// Latin-1 `text` as UTF-8 into `buffer`, whole characters only (as V8 writes UTF-8);
/// the bytes written. V8 14's own writer encodes character by character.
fn latin1_to_utf8(text: &[u8], buffer: &mut [u8]) -> usize {
    let fits = text.len().min(buffer.len());
    let ascii = if text[..fits].is_ascii() { fits } else { text.iter().position(|&byte| byte >= 0x80).unwrap_or(fits) };
    buffer[..ascii].copy_from_slice(&text[..ascii]);
    let mut written = ascii;
    for &byte in &text[ascii..] {
        if byte < 0x80 {
            let Some(slot) = buffer.get_mut(written) else { break };
            *slot = byte;
            written += 1;
        } else {
            let Some(pair) = buffer.get_mut(written..written + 2) else { break };
            pair.copy_from_slice(&[0xC0 | (byte >> 6), 0x80 | (byte & 0x3F)]);
            written += 2;
        }
    }
    written
}

/// UTF-16 text as UTF-8, as V8's WriteUtf8V2 with kReplaceInvalidUtf8 writes it: whole
/// characters only, as many as fit; a lone surrogate becomes U+FFFD. The bytes written.
fn utf16_to_utf8(units: &[u16], buffer: &mut [u8]) -> usize {
    let ascii = units.iter().take(buffer.len()).position(|&unit| unit >= 0x80).unwrap_or(units.len().min(buffer.len()));
    for (byte, &unit) in buffer.iter_mut().zip(&units[..ascii]) {
        *byte = unit as u8;
    }
    let mut written = ascii;
    for character in char::decode_utf16(units[ascii..].iter().copied()) {
        let character = character.unwrap_or(char::REPLACEMENT_CHARACTER);
        let Some(slot) = buffer.get_mut(written..written + character.len_utf8()) else { break };
        written += character.encode_utf8(slot).len();
    }
    written
}

/// The UTF-8 length of UTF-16 text (a lone surrogate counts as U+FFFD, three bytes).
fn utf16_utf8_length(units: &[u16]) -> usize {
    char::decode_utf16(units.iter().copied()).map(|character| character.map_or(3, char::len_utf8)).sum()
}

/// Copies a string out as napi_get_value_string_* do: with no buffer its length; else as
/// much as fits in `bufsize - 1` units, NUL-terminated.
fn copy_string_out<T: Copy + Default>(
    isolate: &mut v8::Isolate,
    value: napi_value,
    buf: *mut T,
    bufsize: usize,
    result: *mut usize,
    length: impl FnOnce(&mut v8::Isolate, v8::Local<v8::String>) -> usize,
    write: impl FnOnce(&mut v8::Isolate, v8::Local<v8::String>, &mut [T]) -> usize,
) -> Result {
    let value = from_napi(value)?;
    let string = v8::Local::<v8::String>::try_from(value).map_err(|_| Status::StringExpected)?;
    fill_out(buf, bufsize, result, isolate, |isolate| length(isolate, string), |isolate, buffer| write(isolate, string, buffer))
}

/// The buffer protocol of copy_string_out, for any source of the text (handed to the
/// one of `length` and `write` that runs).
#[inline(always)]
fn fill_out<T: Copy + Default, S>(
    buf: *mut T,
    bufsize: usize,
    result: *mut usize,
    source: S,
    length: impl FnOnce(S) -> usize,
    write: impl FnOnce(S, &mut [T]) -> usize,
) -> Result {
    if buf.is_null() {
        *out(result)? = length(source);
    } else if bufsize != 0 {
        // SAFETY: the addon passes a buffer of `bufsize` units.
        let buffer = unsafe { std::slice::from_raw_parts_mut(buf, bufsize) };
        let copied = write(source, &mut buffer[..bufsize - 1]);
        buffer[copied] = T::default();
        set_if_given(result, copied);
    } else {
        set_if_given(result, 0);
    }
    Ok(())
}

/// The UTF-8 length of Latin-1 text.
fn latin1_utf8_length(text: &[u8]) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.len() + text.iter().filter(|&&byte| byte >= 0x80).count()
    }
}

napi! {
    /// `undefined`.
    fn napi_get_undefined(env: NoJs, _, result: *mut napi_value) {
        *out(result)? = env.roots.undefined;
        Ok(())
    }

    /// `null`.
    fn napi_get_null(env: NoJs, _, result: *mut napi_value) {
        *out(result)? = env.roots.null;
        Ok(())
    }

    /// The global object.
    fn napi_get_global(env: NoJs, scope, result: *mut napi_value) {
        *out(result)? = to_napi(env.context().global(scope));
        Ok(())
    }

    /// `true` or `false`.
    fn napi_get_boolean(env: NoJs, _, value: bool, result: *mut napi_value) {
        *out(result)? = env.roots.of_bool(value);
        Ok(())
    }

    /// A number from a double.
    fn napi_create_double(env: NoJs, _, value: f64, result: *mut napi_value) {
        *out(result)? = double_handle(env, value)?;
        Ok(())
    }

    /// A number from an int32.
    fn napi_create_int32(env: NoJs, _, value: i32, result: *mut napi_value) {
        *out(result)? = number_handle(env, Some(value), |isolate| unsafe { shim::int32(isolate, value) })?;
        Ok(())
    }

    /// A number from a uint32.
    fn napi_create_uint32(env: NoJs, _, value: u32, result: *mut napi_value) {
        *out(result)? = number_handle(env, i32::try_from(value).ok(), |isolate| unsafe { shim::uint32(isolate, value) })?;
        Ok(())
    }

    /// A number from an int64 (rounded to the nearest double).
    fn napi_create_int64(env: NoJs, _, value: i64, result: *mut napi_value) {
        *out(result)? = number_handle(env, i32::try_from(value).ok(), |isolate| unsafe { shim::number(isolate, value as f64) })?;
        Ok(())
    }

    /// A string from Latin-1.
    fn napi_create_string_latin1(env: NoJs, _, str_: *const c_char, length: usize, result: *mut napi_value) {
        create_string(env, Encoding::Latin1, str_.cast(), length, v8::NewStringType::Normal, result)
    }

    /// A string from UTF-8 (`NAPI_AUTO_LENGTH` for NUL-terminated).
    fn napi_create_string_utf8(env: NoJs, _, str_: *const c_char, length: usize, result: *mut napi_value) {
        create_string(env, Encoding::Utf8, str_.cast(), length, v8::NewStringType::Normal, result)
    }

    /// A string from UTF-16.
    fn napi_create_string_utf16(env: NoJs, _, str_: *const char16_t, length: usize, result: *mut napi_value) {
        create_string(env, Encoding::Utf16, str_.cast(), length, v8::NewStringType::Normal, result)
    }

    /// A string over the addon's Latin-1 buffer, not copied (`*copied` is false).
    fn node_api_create_external_string_latin1(env: NoJs, scope, str_: *mut c_char, length: usize, finalize_callback: node_api_basic_finalize,
        finalize_hint: *mut c_void, result: *mut napi_value, copied: *mut bool) {
        new_external_string(env, scope, Encoding::Latin1, str_.cast(), length, finalize_callback, finalize_hint, copied, result)
    }

    /// A string over the addon's UTF-16 buffer, not copied (`*copied` is false).
    fn node_api_create_external_string_utf16(env: NoJs, scope, str_: *mut char16_t, length: usize, finalize_callback: node_api_basic_finalize,
        finalize_hint: *mut c_void, result: *mut napi_value, copied: *mut bool) {
        new_external_string(env, scope, Encoding::Utf16, str_.cast(), length, finalize_callback, finalize_hint, copied, result)
    }

    /// An internalized string from Latin-1, for use as a property key.
    fn node_api_create_property_key_latin1(env: NoJs, _, str_: *const c_char, length: usize, result: *mut napi_value) {
        create_string(env, Encoding::Latin1, str_.cast(), length, v8::NewStringType::Internalized, result)
    }

    /// An internalized string from UTF-8, for use as a property key.
    fn node_api_create_property_key_utf8(env: NoJs, _, str_: *const c_char, length: usize, result: *mut napi_value) {
        create_string(env, Encoding::Utf8, str_.cast(), length, v8::NewStringType::Internalized, result)
    }

    /// An internalized string from UTF-16, for use as a property key.
    fn node_api_create_property_key_utf16(env: NoJs, _, str_: *const char16_t, length: usize, result: *mut napi_value) {
        create_string(env, Encoding::Utf16, str_.cast(), length, v8::NewStringType::Internalized, result)
    }

    /// A new symbol with an optional string description.
    fn napi_create_symbol(env: NoJs, scope, description: napi_value, result: *mut napi_value) {
        let result = out(result)?;
        let description = if description.is_null() {
            None
        } else {
            let value = from_napi(description)?;
            Some(v8::Local::<v8::String>::try_from(value).map_err(|_| Status::StringExpected)?)
        };
        *result = to_napi(v8::Symbol::new(scope, description));
        Ok(())
    }

    /// `Symbol.for(description)`.
    fn node_api_symbol_for(env: NoJs, scope, utf8description: *const c_char, length: usize, result: *mut napi_value) {
        let result = out(result)?;
        if length > 0 {
            check_arg(utf8description)?;
        }
        let description = new_string(env, Encoding::Utf8, utf8description.cast(), length, v8::NewStringType::Normal)?;
        *result = to_napi(v8::Symbol::for_key(scope, description));
        Ok(())
    }

    /// The napi_valuetype of a value.
    fn napi_typeof(env: NoJs, _, value: napi_value, result: *mut napi_valuetype) {
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
            return Err(Status::InvalidArg.into());
        };
        Ok(())
    }

    /// A number's value as a double.
    fn napi_get_value_double(env: NoJs, _, value: napi_value, result: *mut f64) {
        let result = out(result)?;
        *result = number_value(env, from_napi(value)?)?;
        Ok(())
    }

    /// A number's value as an int32 (ECMAScript ToInt32: NaN and ±Infinity are 0).
    fn napi_get_value_int32(env: NoJs, _, value: napi_value, result: *mut i32) {
        let local = from_napi(value)?;
        let result = out(result)?;
        *result = match env.words.and_then(|words| words.small_integer(local)) {
            Some(small) => small,
            None => number_to_int32(number_value(env, local)?),
        };
        Ok(())
    }

    /// A number's value as a uint32 (ECMAScript ToUint32).
    fn napi_get_value_uint32(env: NoJs, _, value: napi_value, result: *mut u32) {
        let local = from_napi(value)?;
        let result = out(result)?;
        *result = match env.words.and_then(|words| words.small_integer(local)) {
            Some(small) => small as u32,
            None => number_to_int32(number_value(env, local)?) as u32,
        };
        Ok(())
    }

    /// A number's value as an int64 (truncated, saturated; NaN and ±Infinity are 0).
    fn napi_get_value_int64(env: NoJs, _, value: napi_value, result: *mut i64) {
        let local = from_napi(value)?;
        let result = out(result)?;
        *result = match env.words.and_then(|words| words.small_integer(local)) {
            Some(small) => small.into(),
            None => number_to_i64(number_value(env, local)?),
        };
        Ok(())
    }

    /// A boolean's value.
    fn napi_get_value_bool(env: NoJs, _, value: napi_value, result: *mut bool) {
        let local = from_napi(value)?;
        let result = out(result)?;
        *result = match env.words {
            Some(words) => words.boolean(local),
            None => boolean_through_v8(local),
        }
        .ok_or(Status::BooleanExpected)?;
        Ok(())
    }

    /// A string as Latin-1 (see copy_string_out).
    fn napi_get_value_string_latin1(env: NoJs, _, value: napi_value, buf: *mut c_char, bufsize: usize, result: *mut usize) {
        let buf = buf.cast::<u8>();
        if let Some(text) = env.words.and_then(|words| words.one_byte_string(from_napi(value).ok()?)) {
            return fill_out(buf, bufsize, result, text, <[u8]>::len, |text, buffer| {
                let count = text.len().min(buffer.len());
                buffer[..count].copy_from_slice(&text[..count]);
                count
            });
        }
        scope!(scope, env);
        copy_string_out(scope, value, buf, bufsize, result, |_, s| s.length(), |isolate, s, buffer| {
            let count = s.length().min(buffer.len());
            s.write_one_byte_v2(isolate, 0, &mut buffer[..count], v8::WriteFlags::empty());
            count
        })
    }

    /// A string as UTF-8 (see copy_string_out); never splits a character. One-byte
    /// strings are converted here: V8 encodes them a character at a time.
    fn napi_get_value_string_utf8(env: NoJs, _, value: napi_value, buf: *mut c_char, bufsize: usize, result: *mut usize) {
        let buf = buf.cast::<u8>();
        if let Some(text) = env.words.and_then(|words| words.one_byte_string(from_napi(value).ok()?)) {
            return fill_out(buf, bufsize, result, text, latin1_utf8_length, latin1_to_utf8);
        }
        if let Some(units) = env.words.and_then(|words| words.two_byte_string(from_napi(value).ok()?)) {
            return fill_out(buf, bufsize, result, units, utf16_utf8_length, utf16_to_utf8);
        }
        scope!(scope, env);
        let length = |isolate: &mut v8::Isolate, s: v8::Local<v8::String>| {
            let view = v8::ValueView::new(isolate, s);
            match view.data() {
                v8::ValueViewData::OneByte(text) => latin1_utf8_length(text),
                v8::ValueViewData::TwoByte(units) => utf16_utf8_length(units),
            }
        };
        let write = |isolate: &mut v8::Isolate, s: v8::Local<v8::String>, buffer: &mut [u8]| {
            let view = v8::ValueView::new(isolate, s);
            match view.data() {
                v8::ValueViewData::OneByte(text) => latin1_to_utf8(text, buffer),
                v8::ValueViewData::TwoByte(units) => utf16_to_utf8(units, buffer),
            }
        };
        copy_string_out(scope, value, buf, bufsize, result, length, write)
    }

    /// A string as UTF-16 code units (see copy_string_out).
    fn napi_get_value_string_utf16(env: NoJs, scope, value: napi_value, buf: *mut char16_t, bufsize: usize, result: *mut usize) {
        copy_string_out(scope, value, buf, bufsize, result, |_, s| s.length(), |isolate, s, buffer| {
            let count = s.length().min(buffer.len());
            s.write_v2(isolate, 0, &mut buffer[..count], v8::WriteFlags::empty());
            count
        })
    }

    /// `Boolean(value)`.
    fn napi_coerce_to_bool(env: Js, scope, value: napi_value, result: *mut napi_value) {
        let value = from_napi(value)?;
        let result = out(result)?;
        *result = to_napi(value.to_boolean(scope));
        Ok(())
    }

    /// `Number(value)` (may run JS; a failure is napi_number_expected).
    fn napi_coerce_to_number(env: Js, scope, value: napi_value, result: *mut napi_value) {
        let value = from_napi(value)?;
        let result = out(result)?;
        *result = to_napi(value.to_number(scope).ok_or(Status::NumberExpected)?);
        Ok(())
    }

    /// `Object(value)` (a failure is napi_object_expected).
    fn napi_coerce_to_object(env: Js, scope, value: napi_value, result: *mut napi_value) {
        let value = from_napi(value)?;
        let result = out(result)?;
        *result = to_napi(value.to_object(scope).ok_or(Status::ObjectExpected)?);
        Ok(())
    }

    /// `String(value)` (may run JS; a failure is napi_string_expected).
    fn napi_coerce_to_string(env: Js, scope, value: napi_value, result: *mut napi_value) {
        let value = from_napi(value)?;
        let result = out(result)?;
        *result = to_napi(value.to_string(scope).ok_or(Status::StringExpected)?);
        Ok(())
    }

    /// `lhs === rhs`.
    fn napi_strict_equals(env: Js, scope, lhs: napi_value, rhs: napi_value, result: *mut bool) {
        let lhs = from_napi(lhs)?;
        let rhs = from_napi(rhs)?;
        *out(result)? = lhs.strict_equals(rhs);
        Ok(())
    }

    /// A Date for a time value in milliseconds.
    fn napi_create_date(env: Js, scope, time: f64, result: *mut napi_value) {
        let result = out(result)?;
        *result = to_napi(v8::Date::new(scope, time).ok_or(Status::GenericFailure)?);
        Ok(())
    }

    /// Whether a value is a Date.
    fn napi_is_date(env: NoJs, _, value: napi_value, is_date: *mut bool) {
        let value = from_napi(value)?;
        *out(is_date)? = value.is_date();
        Ok(())
    }

    /// A Date's time value.
    fn napi_get_date_value(env: Js, scope, value: napi_value, result: *mut f64) {
        let value = from_napi(value)?;
        let result = out(result)?;
        let date = v8::Local::<v8::Date>::try_from(value).map_err(|_| Status::DateExpected)?;
        *result = date.value_of();
        Ok(())
    }

    /// A BigInt from an int64.
    fn napi_create_bigint_int64(env: NoJs, scope, value: i64, result: *mut napi_value) {
        *out(result)? = to_napi(v8::BigInt::new_from_i64(scope, value));
        Ok(())
    }

    /// A BigInt from a uint64.
    fn napi_create_bigint_uint64(env: NoJs, scope, value: u64, result: *mut napi_value) {
        *out(result)? = to_napi(v8::BigInt::new_from_u64(scope, value));
        Ok(())
    }

    /// A BigInt from a sign bit and little-endian 64-bit words.
    fn napi_create_bigint_words(env: Js, scope, sign_bit: i32, word_count: usize, words: *const u64, result: *mut napi_value) {
        check_arg(words)?;
        let result = out(result)?;
        ensure(word_count <= i32::MAX as usize, Status::InvalidArg)?;
        // SAFETY: the addon passes `word_count` words.
        let words = unsafe { std::slice::from_raw_parts(words, word_count) };
        let bigint = v8::BigInt::new_from_words(scope, sign_bit != 0, words).ok_or(Status::GenericFailure.unless_pending())?;
        *result = to_napi(bigint);
        Ok(())
    }

    /// A BigInt as an int64, and whether that was lossless.
    fn napi_get_value_bigint_int64(env: NoJs, _, value: napi_value, result: *mut i64, lossless: *mut bool) {
        let value = from_napi(value)?;
        let result = out(result)?;
        let lossless = out(lossless)?;
        let bigint = v8::Local::<v8::BigInt>::try_from(value).map_err(|_| Status::BigintExpected)?;
        (*result, *lossless) = bigint.i64_value();
        Ok(())
    }

    /// A BigInt as a uint64, and whether that was lossless.
    fn napi_get_value_bigint_uint64(env: NoJs, _, value: napi_value, result: *mut u64, lossless: *mut bool) {
        let value = from_napi(value)?;
        let result = out(result)?;
        let lossless = out(lossless)?;
        let bigint = v8::Local::<v8::BigInt>::try_from(value).map_err(|_| Status::BigintExpected)?;
        (*result, *lossless) = bigint.u64_value();
        Ok(())
    }

    /// A BigInt's word count, or its sign and as many words as fit in `*word_count`.
    fn napi_get_value_bigint_words(env: NoJs, _, value: napi_value, sign_bit: *mut i32, word_count: *mut usize, words: *mut u64) {
        let value = from_napi(value)?;
        let word_count = out(word_count)?;
        let bigint = v8::Local::<v8::BigInt>::try_from(value).map_err(|_| Status::BigintExpected)?;
        let needed = bigint.word_count();
        if sign_bit.is_null() && words.is_null() {
            *word_count = needed;
            return Ok(());
        }
        let sign_bit = out(sign_bit)?;
        check_arg(words)?;
        let capacity = (*word_count).min(i32::MAX as usize);
        let mut all = vec![0u64; needed.max(capacity)];
        let (negative, _) = bigint.to_words_array(&mut all);
        // SAFETY: the addon passes room for `*word_count` words.
        let destination = unsafe { std::slice::from_raw_parts_mut(words, capacity) };
        let copied = capacity.min(needed);
        destination[..copied].copy_from_slice(&all[..copied]);
        *sign_bit = negative as i32;
        *word_count = needed;
        Ok(())
    }
}
