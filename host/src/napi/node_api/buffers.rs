//! Buffers: Uint8Arrays with Buffer.prototype, as node makes them.

use std::ffi::c_void;

use napi_sys::*;

use crate::napi::boundary::{Failure, Status};
use crate::napi::js_native_api::buffers::new_external_arraybuffer;
use crate::napi::js_native_api::errors::make_pending;
use crate::napi::reference::Finalizer;
use crate::napi::value::{check_arg, from_napi, out, set_if_given, to_napi};

/// A Buffer over part of an ArrayBuffer (node::Buffer::New).
fn new_buffer<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    buffer: v8::Local<v8::ArrayBuffer>,
    offset: usize,
    length: usize,
) -> crate::napi::boundary::Result<v8::Local<'s, v8::Uint8Array>> {
    let array = v8::Uint8Array::new(scope, buffer, offset, length).ok_or(Status::GenericFailure)?;
    let prototype = crate::napi::host::get(scope).buffer_prototype(scope).ok_or(Status::GenericFailure)?;
    array.set_prototype(scope, prototype.into()).ok_or(Status::GenericFailure)?;
    Ok(array)
}

/// The bytes of a Buffer argument (any ArrayBufferView, as node's Buffer::HasInstance).
fn view_bytes(view: v8::Local<v8::ArrayBufferView>, scope: &mut v8::PinScope) -> (*mut c_void, usize) {
    let length = view.byte_length();
    let base = view.buffer(scope).and_then(|b| b.data()).map_or(std::ptr::null_mut(), |p| p.as_ptr());
    // SAFETY: the view lies within its buffer.
    let data = if base.is_null() { base } else { unsafe { base.cast::<u8>().add(view.byte_offset()).cast() } };
    (data, length)
}

/// A new zeroed ArrayBuffer, or for sizes above V8's largest typed array node's error (an
/// Error, not the RangeError of JS's Buffer, and its size in hex).
fn allocate<'s>(env: &mut crate::napi::Env, scope: &mut v8::PinScope<'s, '_>, length: usize) -> crate::napi::boundary::Result<v8::Local<'s, v8::ArrayBuffer>> {
    const MAX_LENGTH: usize = (1 << 53) - 1;
    if length > MAX_LENGTH {
        make_pending(env, scope, v8::Exception::error, Some("ERR_BUFFER_TOO_LARGE"),
            &format!("Cannot create a Buffer larger than {MAX_LENGTH:#x} bytes"));
        return Err(Status::GenericFailure.into());
    }
    Ok(v8::ArrayBuffer::new(scope, length))
}

napi! {
    /// A new zero-filled Buffer of `length` bytes, and its data pointer.
    fn napi_create_buffer(env: Js, scope, length: usize, data: *mut *mut c_void, result: *mut napi_value) {
        let result = out(result)?;
        let buffer = allocate(env, scope, length)?;
        let array = new_buffer(scope, buffer, 0, length)?;
        set_if_given(data, view_bytes(array.into(), scope).0);
        *result = to_napi(array);
        Ok(())
    }

    /// A Buffer over the addon's memory, finalized on the JS thread once freed.
    fn napi_create_external_buffer(env: Js, scope, length: usize, data: *mut c_void, finalize_cb: node_api_basic_finalize,
        finalize_hint: *mut c_void, result: *mut napi_value) {
        let result = out(result)?;
        let finalizer = Finalizer { callback: finalize_cb, data, hint: finalize_hint };
        let buffer = new_external_arraybuffer(env, scope, data, length, finalizer);
        let length = buffer.byte_length();
        *result = to_napi(new_buffer(scope, buffer, 0, length)?);
        Ok(())
    }

    /// A new Buffer holding a copy of `length` bytes at `data`.
    fn napi_create_buffer_copy(env: Js, scope, length: usize, data: *const c_void, result_data: *mut *mut c_void, result: *mut napi_value) {
        let result = out(result)?;
        if length > 0 {
            check_arg(data)?;
        }
        let buffer = allocate(env, scope, length)?;
        let array = new_buffer(scope, buffer, 0, length)?;
        let (target, _) = view_bytes(array.into(), scope);
        if length > 0 {
            // SAFETY: the addon passes `length` readable bytes; the new buffer has room.
            unsafe { std::ptr::copy_nonoverlapping(data.cast::<u8>(), target.cast::<u8>(), length) };
        }
        set_if_given(result_data, target);
        *result = to_napi(array);
        Ok(())
    }

    /// Whether a value is a Buffer (any ArrayBufferView, as in node).
    fn napi_is_buffer(env: NoJs, _, value: napi_value, result: *mut bool) {
        let value = from_napi(value)?;
        *out(result)? = value.is_array_buffer_view();
        Ok(())
    }

    /// A Buffer's data pointer and length.
    fn napi_get_buffer_info(env: NoJs, scope, value: napi_value, data: *mut *mut c_void, length: *mut usize) {
        let value = from_napi(value)?;
        let view = v8::Local::<v8::ArrayBufferView>::try_from(value).map_err(|_| Status::InvalidArg)?;
        let (bytes, byte_length) = view_bytes(view, scope);
        set_if_given(data, bytes);
        set_if_given(length, byte_length);
        Ok(())
    }

    /// A Buffer over part of an existing ArrayBuffer (shared, not copied). As Node 24.19 has
    /// it: anything but an ArrayBuffer is napi_invalid_arg, returned without being recorded
    /// as the last error (which the call cleared); a range past the end leaves a RangeError
    /// pending and returns napi_ok (what napi_throw_range_error returns).
    fn node_api_create_buffer_from_arraybuffer(env: Js, scope, arraybuffer: napi_value, byte_offset: usize, byte_length: usize, result: *mut napi_value) {
        let value = from_napi(arraybuffer)?;
        let result = out(result)?;
        let Ok(buffer) = v8::Local::<v8::ArrayBuffer>::try_from(value) else {
            env.clear_last_error();
            return Err(Failure::unrecorded(Status::InvalidArg));
        };
        if byte_offset.checked_add(byte_length).is_none_or(|end| end > buffer.byte_length()) {
            make_pending(env, scope, v8::Exception::range_error, Some("ERR_OUT_OF_RANGE"), "The byte offset + length is out of range");
            return Ok(());
        }
        *result = to_napi(new_buffer(scope, buffer, byte_offset, byte_length)?);
        Ok(())
    }
}
