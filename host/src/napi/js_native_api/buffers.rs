//! Array buffers, typed arrays and data views.

use std::ffi::c_void;
use std::sync::{Arc, Mutex};

use napi_sys::*;

use super::errors::make_pending;
use crate::napi::boundary::Status;
use crate::napi::env::Env;
use crate::napi::reference::Finalizer;
use crate::napi::v8_layout::glue::buffers::view_buffer;
use crate::napi::value::{ensure, from_napi, local, out, set_if_given, to_napi};


/// An external array buffer's finalizer, shared by its backing store and its env: whichever
/// comes first — V8 freeing the store, or the env's teardown while the buffer lives on (as
/// node's buffer cleanup hooks do) — takes it and runs it, on the JS thread.
#[derive(Clone)]
pub struct ExternalFinalizer(Arc<Mutex<Option<Finalizer>>>);

// SAFETY: the addon's pointers inside are only used by the JS thread that runs the finalizer.
unsafe impl Send for ExternalFinalizer {}
unsafe impl Sync for ExternalFinalizer {}

impl ExternalFinalizer {
    pub fn take(&self) -> Option<Finalizer> {
        self.0.lock().unwrap().take()
    }

    pub fn is_pending(&self) -> bool {
        self.0.lock().unwrap().is_some()
    }
}

/// What the backing store deleter of an external array buffer needs to finalize it on
/// the JS thread (V8 may free backing stores on any thread).
struct ExternalBacking {
    env: usize,
    finalizer: ExternalFinalizer,
    post: crate::napi::host::TaskPoster,
}

unsafe extern "C" fn external_backing_freed(_data: *mut c_void, _length: usize, deleter_data: *mut c_void) {
    // SAFETY: the deleter data is the ExternalBacking napi_create_external_arraybuffer leaked.
    let backing = unsafe { Box::from_raw(deleter_data.cast::<ExternalBacking>()) };
    let (env, finalizer) = (backing.env, backing.finalizer);
    let _ = (backing.post)(Box::new(move |scope| {
        if let Some(finalizer) = finalizer.take() {
            // SAFETY: the env is live while the finalizer is pending: its teardown takes it,
            // and the env is freed after.
            unsafe { (*(env as *mut Env)).call_finalizer(scope, finalizer) };
        }
    }));
}

/// The deleter of an external array buffer made without a finalizer: nothing to run.
unsafe extern "C" fn unfinalized_backing_freed(_data: *mut c_void, _length: usize, _deleter_data: *mut c_void) {}

/// An ArrayBuffer over the addon's memory whose finalizer runs on the JS thread once V8
/// frees it; with NULL memory, a detached empty buffer finalized at once (as node does).
pub fn new_external_arraybuffer<'s>(
    env: &mut Env,
    scope: &mut v8::PinScope<'s, '_>,
    data: *mut c_void,
    byte_length: usize,
    finalizer: Finalizer,
) -> v8::Local<'s, v8::ArrayBuffer> {
    if data.is_null() {
        let buffer = v8::ArrayBuffer::new(scope, 0);
        buffer.detach(None);
        env.call_finalizer(scope, finalizer);
        env.host.mark_untransferable(scope, buffer.into());
        return buffer;
    }
    // SAFETY: the addon keeps the memory alive until its finalizer runs (or for good, when
    // it gave none: nothing is told when V8 lets the buffer go).
    let store = unsafe {
        if finalizer.callback.is_none() {
            v8::ArrayBuffer::new_backing_store_from_ptr(data, byte_length, unfinalized_backing_freed, std::ptr::null_mut())
        } else {
            let post = env.task_poster.clone();
            let finalizer = ExternalFinalizer(Arc::new(Mutex::new(Some(finalizer))));
            env.track_external_finalizer(finalizer.clone());
            let backing = Box::new(ExternalBacking { env: env as *mut Env as usize, finalizer, post });
            v8::ArrayBuffer::new_backing_store_from_ptr(data, byte_length, external_backing_freed, Box::into_raw(backing).cast())
        }
    };
    let buffer = v8::ArrayBuffer::with_backing_store(scope, &store.make_shared());
    // The addon owns the memory: node marks it untransferable, so a transfer list holding
    // it is a DataCloneError rather than a move to another thread.
    env.host.mark_untransferable(scope, buffer.into());
    buffer
}

/// An array buffer argument.
fn array_buffer<'s>(value: napi_value, not_one: Status) -> crate::napi::boundary::Result<v8::Local<'s, v8::ArrayBuffer>> {
    Ok(v8::Local::<v8::ArrayBuffer>::try_from(from_napi(value)?).map_err(|_| not_one)?)
}

/// An ArrayBuffer or SharedArrayBuffer argument, as newer node accepts for views and info.
/// V8 keeps both as one kind of object, so a shared one serves where an ArrayBuffer does.
fn any_array_buffer<'s>(value: napi_value, not_one: Status) -> crate::napi::boundary::Result<v8::Local<'s, v8::ArrayBuffer>> {
    let value = from_napi(value)?;
    if value.is_shared_array_buffer() {
        // SAFETY: V8 represents both as a JSArrayBuffer; the v8 crate's types just differ.
        return Ok(unsafe { std::mem::transmute::<v8::Local<v8::Value>, v8::Local<v8::ArrayBuffer>>(value) });
    }
    Ok(v8::Local::<v8::ArrayBuffer>::try_from(value).map_err(|_| not_one)?)
}

unsafe extern "C" fn external_shared_freed(data: *mut c_void, _length: usize, deleter_data: *mut c_void) {
    // SAFETY: the deleter data is the boxed (finalizer, hint) made with the buffer.
    let (finalize, hint) = *unsafe { Box::from_raw(deleter_data.cast::<(node_api_noenv_finalize, usize)>()) };
    if let Some(finalize) = finalize {
        // A no-env finalizer may run on any thread, as V8 frees shared memory.
        unsafe { finalize(data, hint as *mut c_void) };
    }
}

/// The element size and V8 constructor of a typed array type.
fn typed_array_kind(kind: napi_typedarray_type) -> Option<(usize, &'static str)> {
    Some(match kind {
        napi_int8_array => (1, "Int8Array"),
        napi_uint8_array => (1, "Uint8Array"),
        napi_uint8_clamped_array => (1, "Uint8ClampedArray"),
        napi_int16_array => (2, "Int16Array"),
        napi_uint16_array => (2, "Uint16Array"),
        napi_int32_array => (4, "Int32Array"),
        napi_uint32_array => (4, "Uint32Array"),
        napi_float32_array => (4, "Float32Array"),
        napi_float64_array => (8, "Float64Array"),
        napi_bigint64_array => (8, "BigInt64Array"),
        napi_biguint64_array => (8, "BigUint64Array"),
        napi_float16_array => (2, "Float16Array"),
        _ => return None,
    })
}

pub(crate) fn new_typed_array<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    kind: napi_typedarray_type,
    buffer: v8::Local<v8::ArrayBuffer>,
    offset: usize,
    length: usize,
) -> Option<v8::Local<'s, v8::TypedArray>> {
    Some(match kind {
        napi_int8_array => v8::Int8Array::new(scope, buffer, offset, length)?.into(),
        napi_uint8_array => v8::Uint8Array::new(scope, buffer, offset, length)?.into(),
        napi_uint8_clamped_array => v8::Uint8ClampedArray::new(scope, buffer, offset, length)?.into(),
        napi_int16_array => v8::Int16Array::new(scope, buffer, offset, length)?.into(),
        napi_uint16_array => v8::Uint16Array::new(scope, buffer, offset, length)?.into(),
        napi_int32_array => v8::Int32Array::new(scope, buffer, offset, length)?.into(),
        napi_uint32_array => v8::Uint32Array::new(scope, buffer, offset, length)?.into(),
        napi_float32_array => v8::Float32Array::new(scope, buffer, offset, length)?.into(),
        napi_float64_array => v8::Float64Array::new(scope, buffer, offset, length)?.into(),
        napi_bigint64_array => v8::BigInt64Array::new(scope, buffer, offset, length)?.into(),
        napi_biguint64_array => v8::BigUint64Array::new(scope, buffer, offset, length)?.into(),
        napi_float16_array => {
            let array = v8::Float16Array::new(scope, buffer, offset, length)?;
            // SAFETY: a Float16Array is a TypedArray; the v8 crate just lacks the conversion.
            unsafe { std::mem::transmute::<v8::Local<v8::Float16Array>, v8::Local<v8::TypedArray>>(array) }
        }
        _ => return None,
    })
}

/// Each typed array kind, three per element size (1, 2, 4, 8 bytes): V8's check and napi's
/// type. Within a size the last kind needs no check (a typed array is one of them).
pub(crate) const TYPED_ARRAY_KINDS: [(fn(&v8::Value) -> bool, napi_typedarray_type); 12] = [
    (v8::Value::is_uint8_array, napi_uint8_array),
    (v8::Value::is_int8_array, napi_int8_array),
    (v8::Value::is_uint8_clamped_array, napi_uint8_clamped_array),
    (v8::Value::is_int16_array, napi_int16_array),
    (v8::Value::is_uint16_array, napi_uint16_array),
    (v8::Value::is_float16_array, napi_float16_array),
    (v8::Value::is_int32_array, napi_int32_array),
    (v8::Value::is_uint32_array, napi_uint32_array),
    (v8::Value::is_float32_array, napi_float32_array),
    (v8::Value::is_float64_array, napi_float64_array),
    (v8::Value::is_big_int64_array, napi_bigint64_array),
    (v8::Value::is_big_uint64_array, napi_biguint64_array),
];


/// The napi type of a typed array. The element size (known unless it is empty) leaves at
/// most three candidates, where asking each type in turn would cost up to eleven calls into V8.
fn typed_array_type(array: v8::Local<v8::TypedArray>, length: usize) -> napi_typedarray_type {
    let value: v8::Local<v8::Value> = array.into();
    let element_size = if length > 0 { array.byte_length() / length } else { 0 };
    let candidates = match element_size {
        1 => &TYPED_ARRAY_KINDS[0..3],
        2 => &TYPED_ARRAY_KINDS[3..6],
        4 => &TYPED_ARRAY_KINDS[6..9],
        8 => &TYPED_ARRAY_KINDS[9..12],
        _ => &TYPED_ARRAY_KINDS[..],
    };
    let (last, checked) = candidates.split_last().expect("every size has kinds");
    checked.iter().find(|(is_kind, _)| is_kind(&value)).unwrap_or(last).1
}

/// Writes the shared out-parameters of typed array and data view info.
fn view_info(
    view: v8::Local<v8::ArrayBufferView>,
    data: *mut *mut c_void,
    arraybuffer: *mut napi_value,
    byte_offset: *mut usize,
) {
    let offset = if data.is_null() && byte_offset.is_null() { 0 } else { view.byte_offset() };
    if !data.is_null() || !arraybuffer.is_null() {
        // Through the v8 crate's glue: the crate's method wants a scope only for the lifetime.
        // SAFETY: a live view.
        let buffer = local(unsafe { view_buffer(&*view) }).expect("a view has a buffer");
        if let Some(data) = unsafe { data.as_mut() } {
            let base = buffer.data().map_or(std::ptr::null_mut(), |p| p.as_ptr());
            *data = if base.is_null() { base } else { unsafe { base.cast::<u8>().add(offset).cast() } };
        }
        set_if_given(arraybuffer, to_napi(buffer));
    }
    set_if_given(byte_offset, offset);
}

napi! {
    /// Whether a value is an ArrayBuffer.
    fn napi_is_arraybuffer(env: NoJs, _, value: napi_value, result: *mut bool) {
        let value = from_napi(value)?;
        *out(result)? = value.is_array_buffer();
        Ok(())
    }

    /// A new zeroed ArrayBuffer, and its data pointer.
    fn napi_create_arraybuffer(env: Js, scope, byte_length: usize, data: *mut *mut c_void, result: *mut napi_value) {
        let result = out(result)?;
        let buffer = v8::ArrayBuffer::new(scope, byte_length);
        set_if_given(data, buffer.data().map_or(std::ptr::null_mut(), |p| p.as_ptr()));
        *result = to_napi(buffer);
        Ok(())
    }

    /// An ArrayBuffer over the addon's memory, finalized (on the JS thread) when freed.
    fn napi_create_external_arraybuffer(env: Js, scope, external_data: *mut c_void, byte_length: usize,
        finalize_cb: node_api_basic_finalize, finalize_hint: *mut c_void, result: *mut napi_value) {
        // A NULL result is no error: node makes the buffer (finalized when collected) and
        // returns it through an optional out-parameter.
        let finalizer = Finalizer { callback: finalize_cb, data: external_data, hint: finalize_hint };
        set_if_given(result, to_napi(new_external_arraybuffer(env, scope, external_data, byte_length, finalizer)));
        Ok(())
    }

    /// An ArrayBuffer's data pointer and length.
    fn napi_get_arraybuffer_info(env: NoJs, _, arraybuffer: napi_value, data: *mut *mut c_void, byte_length: *mut usize) {
        let buffer = any_array_buffer(arraybuffer, Status::InvalidArg)?;
        set_if_given(data, buffer.data().map_or(std::ptr::null_mut(), |p| p.as_ptr()));
        set_if_given(byte_length, buffer.byte_length());
        Ok(())
    }

    /// Whether a value is a typed array.
    fn napi_is_typedarray(env: NoJs, _, value: napi_value, result: *mut bool) {
        let value = from_napi(value)?;
        *out(result)? = value.is_typed_array();
        Ok(())
    }

    /// A typed array of `type` over part of an ArrayBuffer (RangeErrors as node throws them).
    fn napi_create_typedarray(env: Js, scope, type_: napi_typedarray_type, length: usize, arraybuffer: napi_value,
        byte_offset: usize, result: *mut napi_value) {
        from_napi(arraybuffer)?;
        let result = out(result)?;
        let buffer = any_array_buffer(arraybuffer, Status::InvalidArg)?;
        let (element_size, name) = typed_array_kind(type_).ok_or(Status::InvalidArg)?;
        if element_size > 1 && byte_offset % element_size != 0 {
            let message = format!("start offset of {name} should be a multiple of {element_size}");
            make_pending(env, scope, v8::Exception::range_error, Some("ERR_NAPI_INVALID_TYPEDARRAY_ALIGNMENT"), &message);
            return Err(Status::GenericFailure.into());
        }
        let fits = length.checked_mul(element_size).and_then(|n| n.checked_add(byte_offset)).is_some_and(|end| end <= buffer.byte_length());
        if !fits {
            make_pending(env, scope, v8::Exception::range_error, Some("ERR_NAPI_INVALID_TYPEDARRAY_LENGTH"), "Invalid typed array length");
            return Err(Status::GenericFailure.into());
        }
        *result = to_napi(new_typed_array(scope, type_, buffer, byte_offset, length).ok_or(Status::GenericFailure)?);
        Ok(())
    }

    /// A typed array's type, length, data pointer, buffer and offset.
    fn napi_get_typedarray_info(env: NoJs, _, typedarray: napi_value, type_: *mut napi_typedarray_type, length: *mut usize,
        data: *mut *mut c_void, arraybuffer: *mut napi_value, byte_offset: *mut usize) {
        let value = from_napi(typedarray)?;
        let layout = env.typed_array_maps.as_ref().zip(env.words.as_ref());
        if let Some((view, words)) = layout.and_then(|(maps, words)| Some((maps.view(words, value)?, words))) {
            let buffer = if arraybuffer.is_null() { None } else { Some(words.new_handle(view.buffer)) };
            // A full handle block: V8's accessors below make the handle.
            if buffer != Some(None) {
                set_if_given(type_, view.napi_type);
                set_if_given(length, view.length);
                // SAFETY: the offset lies inside the attached buffer.
                set_if_given(data, unsafe { view.data.add(view.byte_offset) }.cast());
                set_if_given(arraybuffer, buffer.flatten().unwrap_or(std::ptr::null_mut()));
                set_if_given(byte_offset, view.byte_offset);
                return Ok(());
            }
        }
        let known_type = layout.and_then(|(maps, words)| maps.typed_array_type(words, value));
        let array = match known_type {
            // SAFETY: only typed arrays have that map.
            Some(_) => unsafe { v8::Local::<v8::TypedArray>::cast_unchecked(value) },
            None => v8::Local::<v8::TypedArray>::try_from(value).map_err(|_| Status::InvalidArg)?,
        };
        let array_length = array.length();
        if let Some(type_) = unsafe { type_.as_mut() } {
            *type_ = known_type.unwrap_or_else(|| typed_array_type(array, array_length));
        }
        set_if_given(length, array_length);
        view_info(array.into(), data, arraybuffer, byte_offset);
        Ok(())
    }

    /// A DataView over part of an ArrayBuffer.
    fn napi_create_dataview(env: Js, scope, byte_length: usize, arraybuffer: napi_value, byte_offset: usize, result: *mut napi_value) {
        from_napi(arraybuffer)?;
        let result = out(result)?;
        let buffer = any_array_buffer(arraybuffer, Status::InvalidArg)?;
        if byte_length.checked_add(byte_offset).is_none_or(|end| end > buffer.byte_length()) {
            make_pending(env, scope, v8::Exception::range_error, Some("ERR_NAPI_INVALID_DATAVIEW_ARGS"),
                "byte_offset + byte_length should be less than or equal to the size in bytes of the array passed in");
            return Err(Status::PendingException.into());
        }
        *result = to_napi(v8::DataView::new(scope, buffer, byte_offset, byte_length));
        Ok(())
    }

    /// Whether a value is a SharedArrayBuffer (NAPI_EXPERIMENTAL).
    fn node_api_is_sharedarraybuffer(env: NoJs, _, value: napi_value, result: *mut bool) {
        let value = from_napi(value)?;
        *out(result)? = value.is_shared_array_buffer();
        Ok(())
    }

    /// A new zeroed SharedArrayBuffer and its data pointer (NAPI_EXPERIMENTAL).
    fn node_api_create_sharedarraybuffer(env: Js, scope, byte_length: usize, data: *mut *mut c_void, result: *mut napi_value) {
        let result = out(result)?;
        let buffer = v8::SharedArrayBuffer::new(scope, byte_length).ok_or(Status::GenericFailure)?;
        set_if_given(data, buffer.get_backing_store().data().map_or(std::ptr::null_mut(), |p| p.as_ptr()));
        *result = to_napi(buffer);
        Ok(())
    }

    /// A SharedArrayBuffer over the addon's memory; `finalize_cb(data, hint)` runs when V8
    /// frees it, on whatever thread that is (NAPI_EXPERIMENTAL).
    fn node_api_create_external_sharedarraybuffer(env: Js, scope, external_data: *mut c_void, byte_length: usize,
        finalize_cb: node_api_noenv_finalize, finalize_hint: *mut c_void, result: *mut napi_value) {
        let result = out(result)?;
        let deleter_data = Box::into_raw(Box::new((finalize_cb, finalize_hint as usize)));
        // SAFETY: the addon keeps the memory alive until its finalizer runs.
        let store = unsafe {
            v8::SharedArrayBuffer::new_backing_store_from_ptr(external_data, byte_length, external_shared_freed, deleter_data.cast())
        };
        *result = to_napi(v8::SharedArrayBuffer::with_backing_store(scope, &store.make_shared()));
        Ok(())
    }

    /// Whether a value is a DataView.
    fn napi_is_dataview(env: NoJs, _, value: napi_value, result: *mut bool) {
        let value = from_napi(value)?;
        *out(result)? = value.is_data_view();
        Ok(())
    }

    /// A DataView's length, data pointer, buffer and offset.
    fn napi_get_dataview_info(env: NoJs, _, dataview: napi_value, byte_length: *mut usize, data: *mut *mut c_void,
        arraybuffer: *mut napi_value, byte_offset: *mut usize) {
        let value = from_napi(dataview)?;
        let view = v8::Local::<v8::DataView>::try_from(value).map_err(|_| Status::InvalidArg)?;
        let view: v8::Local<v8::ArrayBufferView> = view.into();
        set_if_given(byte_length, view.byte_length());
        view_info(view, data, arraybuffer, byte_offset);
        Ok(())
    }

    /// Detaches a detachable ArrayBuffer.
    fn napi_detach_arraybuffer(env: NoJs, _, arraybuffer: napi_value) {
        let buffer = array_buffer(arraybuffer, Status::ArraybufferExpected)?;
        ensure(buffer.is_detachable(), Status::DetachableArraybufferExpected)?;
        buffer.detach(None);
        Ok(())
    }

    /// Whether a value is a detached ArrayBuffer.
    fn napi_is_detached_arraybuffer(env: NoJs, _, arraybuffer: napi_value, result: *mut bool) {
        let value = from_napi(arraybuffer)?;
        let result = out(result)?;
        *result = v8::Local::<v8::ArrayBuffer>::try_from(value).is_ok_and(|b| b.was_detached());
        Ok(())
    }
}
