//! Buffers, ArrayBuffers and typed arrays. Arguments are views of the JS memory for the
//! call (read and written in place); values made in Rust move their `Vec` into JS.

use crate::convert::{type_name, FromNapiValue, ToNapiValue};
use crate::error::{Error, Result};
use crate::sys;
use crate::Env;
use std::ffi::c_void;
use std::ops::{Deref, DerefMut};
use std::ptr;

/// Memory owned either by JS (a view for the current call) or by Rust (moved into JS when
/// returned).
enum Memory<T: 'static> {
    Js { data: *mut T, length: usize, value: sys::napi_value },
    Rust(Vec<T>),
}

impl<T> Memory<T> {
    fn slice(&self) -> &[T] {
        match self {
            Memory::Js { length: 0, .. } => &[],
            Memory::Js { data, length, .. } => unsafe { std::slice::from_raw_parts(*data, *length) },
            Memory::Rust(vec) => vec,
        }
    }

    fn slice_mut(&mut self) -> &mut [T] {
        match self {
            Memory::Js { length: 0, .. } => &mut [],
            Memory::Js { data, length, .. } => unsafe { std::slice::from_raw_parts_mut(*data, *length) },
            Memory::Rust(vec) => vec,
        }
    }
}

/// A Vec's length and capacity, in the finalizer hint (`shrink_to_fit` may leave extra
/// capacity, so both are kept).
fn pack(length: usize, capacity: usize) -> *mut c_void {
    Box::into_raw(Box::new((length, capacity))).cast()
}

/// The Vec that `pack` described.
unsafe fn unpack<T>(data: *mut T, hint: *mut c_void) -> Vec<T> {
    let (length, capacity) = *Box::from_raw(hint.cast::<(usize, usize)>());
    Vec::from_raw_parts(data, length, capacity)
}

unsafe extern "C" fn drop_vec<T>(_env: sys::napi_env, data: *mut c_void, hint: *mut c_void) {
    drop(unpack(data.cast::<T>(), hint));
}

/// A new ArrayBuffer holding a copy of `elements`.
unsafe fn copy_to_arraybuffer<T>(env: Env, elements: &[T]) -> Result<sys::napi_value> {
    let bytes = std::mem::size_of_val(elements);
    let mut data = ptr::null_mut();
    let buffer = env.call(|result| sys::napi_create_arraybuffer(env.raw(), bytes, &mut data, result))?;
    if bytes > 0 {
        ptr::copy_nonoverlapping(elements.as_ptr().cast::<u8>(), data.cast::<u8>(), bytes);
    }
    Ok(buffer)
}

/// Moves a `Vec`'s memory into a new external ArrayBuffer (a copy where the runtime does
/// not allow external buffers, or for an empty `Vec`).
unsafe fn vec_to_arraybuffer<T>(env: Env, mut vec: Vec<T>) -> Result<sys::napi_value> {
    if vec.is_empty() {
        return copy_to_arraybuffer(env, &vec);
    }
    vec.shrink_to_fit();
    let bytes = std::mem::size_of_val(vec.as_slice());
    let mut vec = std::mem::ManuallyDrop::new(vec);
    let (data, length, capacity) = (vec.as_mut_ptr(), vec.len(), vec.capacity());
    let hint = pack(length, capacity);
    let mut buffer = ptr::null_mut();
    let status = sys::napi_create_external_arraybuffer(env.raw(), data.cast(), bytes, Some(drop_vec::<T>), hint, &mut buffer);
    if status == sys::napi_ok {
        return Ok(buffer);
    }
    let vec = unpack(data, hint);
    if status == sys::napi_no_external_buffers_allowed {
        return copy_to_arraybuffer(env, &vec);
    }
    env.check(status).map(|_| buffer)
}

/// Byte containers: made from a `Vec<u8>` or `&[u8]`, read and written as `[u8]`.
macro_rules! bytes {
    ($($name:ident),*) => {
        $(
            impl From<Vec<u8>> for $name {
                fn from(bytes: Vec<u8>) -> Self {
                    $name(Memory::Rust(bytes))
                }
            }

            impl From<&[u8]> for $name {
                fn from(bytes: &[u8]) -> Self {
                    $name(Memory::Rust(bytes.to_vec()))
                }
            }

            impl Deref for $name {
                type Target = [u8];
                fn deref(&self) -> &[u8] {
                    self.0.slice()
                }
            }

            impl DerefMut for $name {
                fn deref_mut(&mut self) -> &mut [u8] {
                    self.0.slice_mut()
                }
            }
        )*
    };
}

bytes!(Buffer, ArrayBuffer);

/// A Node `Buffer`.
pub struct Buffer(Memory<u8>);

impl Buffer {
    /// The JS value, for a Buffer that came from JS.
    pub fn js_value(&self) -> Option<sys::napi_value> {
        match self.0 {
            Memory::Js { value, .. } => Some(value),
            Memory::Rust(_) => None,
        }
    }
}

impl FromNapiValue for Buffer {
    unsafe fn from_napi_value(env: Env, value: sys::napi_value) -> Result<Self> {
        if !env.call(|result| sys::napi_is_buffer(env.raw(), value, result))? {
            return Err(Error::type_error(format!("expected a Buffer, got {}", describe(env, value)?)));
        }
        let mut data = ptr::null_mut();
        let length = env.call(|result| sys::napi_get_buffer_info(env.raw(), value, &mut data, result))?;
        Ok(Buffer(Memory::Js { data: data.cast(), length, value }))
    }
}

impl ToNapiValue for Buffer {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self.0 {
            Memory::Js { value, .. } => Ok(value),
            Memory::Rust(bytes) => vec_to_buffer(env, bytes),
        }
    }
}

/// Moves the bytes into a new external Buffer (a copy where external buffers are not
/// allowed, or for no bytes).
unsafe fn vec_to_buffer(env: Env, bytes: Vec<u8>) -> Result<sys::napi_value> {
    let copy = |bytes: &[u8]| {
        let mut data = ptr::null_mut();
        env.call(|result| sys::napi_create_buffer_copy(env.raw(), bytes.len(), bytes.as_ptr().cast(), &mut data, result))
    };
    if bytes.is_empty() {
        return copy(&bytes);
    }
    let mut bytes = std::mem::ManuallyDrop::new(bytes);
    let (data, length, capacity) = (bytes.as_mut_ptr(), bytes.len(), bytes.capacity());
    let hint = pack(length, capacity);
    let mut buffer = ptr::null_mut();
    let status = sys::napi_create_external_buffer(env.raw(), length, data.cast(), Some(drop_vec::<u8>), hint, &mut buffer);
    if status == sys::napi_ok {
        return Ok(buffer);
    }
    let bytes = unpack(data, hint);
    if status == sys::napi_no_external_buffers_allowed {
        return copy(&bytes);
    }
    env.check(status).map(|_| buffer)
}

/// An `ArrayBuffer`.
pub struct ArrayBuffer(Memory<u8>);

impl FromNapiValue for ArrayBuffer {
    unsafe fn from_napi_value(env: Env, value: sys::napi_value) -> Result<Self> {
        if !env.call(|result| sys::napi_is_arraybuffer(env.raw(), value, result))? {
            return Err(Error::type_error(format!("expected an ArrayBuffer, got {}", describe(env, value)?)));
        }
        let mut data = ptr::null_mut();
        let length = env.call(|result| sys::napi_get_arraybuffer_info(env.raw(), value, &mut data, result))?;
        Ok(ArrayBuffer(Memory::Js { data: data.cast(), length, value }))
    }
}

impl ToNapiValue for ArrayBuffer {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self.0 {
            Memory::Js { value, .. } => Ok(value),
            Memory::Rust(bytes) => vec_to_arraybuffer(env, bytes),
        }
    }
}

/// `typeof value`, or the class name for objects, in error messages.
unsafe fn describe(env: Env, value: sys::napi_value) -> Result<String> {
    let value_type = env.type_of(value)?;
    if value_type != sys::napi_object {
        return Ok(type_name(value_type).to_string());
    }
    let constructor = env.get_named(value, "constructor")?;
    if env.type_of(constructor)? != sys::napi_function {
        return Ok("object".to_string());
    }
    let name = env.get_named(constructor, "name")?;
    Ok(String::from_napi_value(env, name).unwrap_or_else(|_| "object".to_string()))
}

/// A typed array's element type.
pub trait TypedArrayElement: Copy + 'static {
    const KIND: sys::napi_typedarray_type;
    const NAME: &'static str;
}

macro_rules! typed_array {
    ($($element:ty => $kind:ident, $alias:ident, $name:literal;)*) => {
        $(
            impl TypedArrayElement for $element {
                const KIND: sys::napi_typedarray_type = sys::$kind;
                const NAME: &'static str = $name;
            }

            #[doc = concat!("A `", $name, "`.")]
            pub type $alias = TypedArray<$element>;
        )*
    };
}

typed_array! {
    i8 => napi_int8_array, Int8Array, "Int8Array";
    u8 => napi_uint8_array, Uint8Array, "Uint8Array";
    i16 => napi_int16_array, Int16Array, "Int16Array";
    u16 => napi_uint16_array, Uint16Array, "Uint16Array";
    i32 => napi_int32_array, Int32Array, "Int32Array";
    u32 => napi_uint32_array, Uint32Array, "Uint32Array";
    f32 => napi_float32_array, Float32Array, "Float32Array";
    f64 => napi_float64_array, Float64Array, "Float64Array";
    i64 => napi_bigint64_array, BigInt64Array, "BigInt64Array";
    u64 => napi_biguint64_array, BigUint64Array, "BigUint64Array";
}

/// A typed array of `T`s.
pub struct TypedArray<T: TypedArrayElement>(Memory<T>);

impl<T: TypedArrayElement> From<Vec<T>> for TypedArray<T> {
    fn from(elements: Vec<T>) -> Self {
        TypedArray(Memory::Rust(elements))
    }
}

impl<T: TypedArrayElement> Deref for TypedArray<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.0.slice()
    }
}

impl<T: TypedArrayElement> DerefMut for TypedArray<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.0.slice_mut()
    }
}

impl<T: TypedArrayElement> FromNapiValue for TypedArray<T> {
    unsafe fn from_napi_value(env: Env, value: sys::napi_value) -> Result<Self> {
        let expected = || -> Result<Error> { Ok(Error::type_error(format!("expected a {}, got {}", T::NAME, describe(env, value)?))) };
        if !env.call(|result| sys::napi_is_typedarray(env.raw(), value, result))? {
            return Err(expected()?);
        }
        let (mut kind, mut length, mut data) = (0, 0, ptr::null_mut());
        env.check(sys::napi_get_typedarray_info(
            env.raw(),
            value,
            &mut kind,
            &mut length,
            &mut data,
            ptr::null_mut(),
            ptr::null_mut(),
        ))?;
        if kind != T::KIND {
            return Err(expected()?);
        }
        Ok(TypedArray(Memory::Js { data: data.cast(), length, value }))
    }
}

impl<T: TypedArrayElement> ToNapiValue for TypedArray<T> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self.0 {
            Memory::Js { value, .. } => Ok(value),
            Memory::Rust(elements) => {
                let length = elements.len();
                let arraybuffer = vec_to_arraybuffer(env, elements)?;
                env.call(|result| sys::napi_create_typedarray(env.raw(), T::KIND, length, arraybuffer, 0, result))
            }
        }
    }
}
