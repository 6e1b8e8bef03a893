//! Buffers, ArrayBuffers and typed arrays. Arguments are views of the JS memory for the
//! call (read and written in place); values made in Rust move their `Vec` into JS.

use crate::convert::{type_name, FromNapiValue, ToNapiValue, TypeName, ValidateNapiValue, ValueType};
use crate::error::{Error, Result};
use crate::sys;
use crate::value_ref::Retained;
use crate::Env;
use std::ffi::c_void;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::ptr;

/// Memory owned either by JS (kept alive by a reference, so it can be held beyond the call and
/// sent to other threads) or by Rust (moved into JS when returned).
enum Memory<T: 'static> {
    Js { data: *mut T, length: usize, value: Retained },
    Rust(Vec<T>),
}

// SAFETY: the JS memory stays valid while the reference holds its value (Rust reads it from any
// thread, as napi-rs's buffers do); the reference is released on its env's thread.
unsafe impl<T: Send> Send for Memory<T> {}
unsafe impl<T: Sync> Sync for Memory<T> {}

impl<T> Memory<T> {
    /// A JS value's memory, its value retained.
    unsafe fn js(env: Env, data: *mut T, length: usize, value: sys::napi_value) -> Result<Self> {
        Ok(Memory::Js { data, length, value: Retained::new(env, value)? })
    }
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
pub(crate) fn pack(length: usize, capacity: usize) -> *mut c_void {
    Box::into_raw(Box::new((length, capacity))).cast()
}

/// The Vec that `pack` described.
pub(crate) unsafe fn unpack<T>(data: *mut T, hint: *mut c_void) -> Vec<T> {
    let (length, capacity) = *Box::from_raw(hint.cast::<(usize, usize)>());
    Vec::from_raw_parts(data, length, capacity)
}

pub(crate) unsafe extern "C" fn drop_vec<T>(_env: sys::napi_env, data: *mut c_void, hint: *mut c_void) {
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

            /// The bytes (moved out when Rust made them, copied when JS did).
            impl From<$name> for Vec<u8> {
                fn from(bytes: $name) -> Self {
                    match bytes.0 {
                        Memory::Rust(bytes) => bytes,
                        js => js.slice().to_vec(),
                    }
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

bytes!(Buffer);

/// A Node `Buffer`.
pub struct Buffer(Memory<u8>);

impl Buffer {
    /// The JS value, for a Buffer that came from JS (on its env's thread).
    pub fn js_value(&self) -> Option<sys::napi_value> {
        match &self.0 {
            Memory::Js { value, .. } => value.get().ok(),
            Memory::Rust(_) => None,
        }
    }
}

impl FromNapiValue for Buffer {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        if !env.call(|result| sys::napi_is_buffer(env.raw(), value, result))? {
            return Err(Error::type_error(format!("expected a Buffer, got {}", describe(env, value)?)));
        }
        let mut data = ptr::null_mut();
        let length = env.call(|result| sys::napi_get_buffer_info(env.raw(), value, &mut data, result))?;
        Ok(Buffer(Memory::js(env, data.cast(), length, value)?))
    }
}

impl ToNapiValue for Buffer {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self.0 {
            Memory::Js { value, .. } => value.value(env),
            Memory::Rust(bytes) => vec_to_buffer(env, bytes),
        }
    }
}

/// Moves the bytes into a new external Buffer (a copy where external buffers are not
/// allowed, or for no bytes).
unsafe fn vec_to_buffer(env: Env, bytes: Vec<u8>) -> Result<sys::napi_value> {
    let copy = |bytes: &[u8]| copy_to_buffer(env, bytes);
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

/// A new Buffer holding a copy of `bytes`.
unsafe fn copy_to_buffer(env: Env, bytes: &[u8]) -> Result<sys::napi_value> {
    let mut data = ptr::null_mut();
    env.call(|result| sys::napi_create_buffer_copy(env.raw(), bytes.len(), bytes.as_ptr().cast(), &mut data, result))
}

/// A view of JS bytes for the call (`ArrayBuffer`, `BufferSlice`): read and written as
/// `[u8]`, received checked by its `of`, returned as the same JS value.
macro_rules! byte_views {
    ($($name:ident),*) => {
        $(
            impl Deref for $name<'_> {
                type Target = [u8];
                fn deref(&self) -> &[u8] {
                    self.0.slice()
                }
            }

            impl DerefMut for $name<'_> {
                fn deref_mut(&mut self) -> &mut [u8] {
                    self.0.slice_mut()
                }
            }

            impl FromNapiValue for $name<'_> {
                unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
                    let env = Env::from_raw(env);
                    Self::of(env, value)
                }
            }

            impl ToNapiValue for $name<'_> {
                unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
                    Ok(self.0.value)
                }
            }
        )*
    };
}

/// A JS `ArrayBuffer` for the call it was received or made in (`'env`), its bytes read and
/// written in place.
pub struct ArrayBuffer<'env>(View<'env, u8>);

impl<'env> ArrayBuffer<'env> {
    unsafe fn of(env: Env, value: sys::napi_value) -> Result<Self> {
        if !env.call(|result| sys::napi_is_arraybuffer(env.raw(), value, result))? {
            return Err(Error::type_error(format!("expected an ArrayBuffer, got {}", describe(env, value)?)));
        }
        let mut data = ptr::null_mut();
        let length = env.call(|result| sys::napi_get_arraybuffer_info(env.raw(), value, &mut data, result))?;
        Ok(ArrayBuffer(View { data: data.cast(), length, value, call: PhantomData }))
    }

    /// A new ArrayBuffer holding `data` (moved into JS).
    pub fn from_data<D: Into<Vec<u8>>>(env: &Env, data: D) -> Result<Self> {
        unsafe { Self::of(*env, vec_to_arraybuffer(*env, data.into())?) }
    }

    /// A new ArrayBuffer holding a copy of `data`.
    pub fn copy_from(env: &Env, data: &[u8]) -> Result<Self> {
        unsafe { Self::of(*env, copy_to_arraybuffer(*env, data)?) }
    }

    /// A new ArrayBuffer over `length` bytes at `data`, memory Rust does not manage:
    /// `finalize(env, hint)` releases it once JS no longer uses it.
    ///
    /// # Safety
    /// `data` must be valid for `length` bytes, reads and writes, until `finalize` runs.
    pub unsafe fn from_external<H, F: FnOnce(Env, H) + 'static>(
        env: &Env,
        data: *mut u8,
        length: usize,
        hint: H,
        finalize: F,
    ) -> Result<Self> {
        Self::of(*env, external_arraybuffer(*env, data, length, hint, finalize)?)
    }

    /// The JS ArrayBuffer.
    pub fn raw(&self) -> sys::napi_value {
        self.0.value
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
    Ok(String::from_napi_value(env.raw(), name).unwrap_or_else(|_| "object".to_string()))
}

/// A typed array's kind: its element type (the element types themselves, and `Uint8Clamped`
/// for `Uint8ClampedArray`, whose elements are `u8`).
pub trait TypedArrayKind: 'static {
    type Element: Copy + 'static;
    const KIND: sys::napi_typedarray_type;
    const NAME: &'static str;
}

/// The kind of a `Uint8ClampedArray`.
pub struct Uint8Clamped;

macro_rules! typed_array {
    ($($kind:ty => $element:ty, $napi_kind:ident, $alias:ident, $slice:ident, $name:literal;)*) => {
        $(
            impl TypedArrayKind for $kind {
                type Element = $element;
                const KIND: sys::napi_typedarray_type = sys::$napi_kind;
                const NAME: &'static str = $name;
            }

            #[doc = concat!("A `", $name, "`.")]
            pub type $alias = TypedArrayOf<$kind>;

            #[doc = concat!("A view of a `", $name, "`'s elements.")]
            pub type $slice<'env> = TypedArraySlice<'env, $kind>;
        )*
    };
}

typed_array! {
    i8 => i8, napi_int8_array, Int8Array, Int8ArraySlice, "Int8Array";
    u8 => u8, napi_uint8_array, Uint8Array, Uint8ArraySlice, "Uint8Array";
    Uint8Clamped => u8, napi_uint8_clamped_array, Uint8ClampedArray, Uint8ClampedSlice, "Uint8ClampedArray";
    i16 => i16, napi_int16_array, Int16Array, Int16ArraySlice, "Int16Array";
    u16 => u16, napi_uint16_array, Uint16Array, Uint16ArraySlice, "Uint16Array";
    i32 => i32, napi_int32_array, Int32Array, Int32ArraySlice, "Int32Array";
    u32 => u32, napi_uint32_array, Uint32Array, Uint32ArraySlice, "Uint32Array";
    f32 => f32, napi_float32_array, Float32Array, Float32ArraySlice, "Float32Array";
    f64 => f64, napi_float64_array, Float64Array, Float64ArraySlice, "Float64Array";
    i64 => i64, napi_bigint64_array, BigInt64Array, BigInt64ArraySlice, "BigInt64Array";
    u64 => u64, napi_biguint64_array, BigUint64Array, BigUint64ArraySlice, "BigUint64Array";
}

/// `&[E]` and `&mut [E]` are the elements of a JS typed array of `E`, read and written in place
/// for the call (napi-rs's slices: `&[u8]` a Uint8Array or Buffer, `&[f32]` a Float32Array, ...).
macro_rules! element_slices {
    ($($element:ty),*) => {
        $(
            impl FromNapiValue for &mut [$element] {
                unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
                    let (data, length) = typed_array_info::<$element>(Env::from_raw(env), value)?;
                    Ok(if length == 0 { &mut [] } else { std::slice::from_raw_parts_mut(data, length) })
                }
            }

            impl FromNapiValue for &[$element] {
                unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
                    <&mut [$element]>::from_napi_value(env, value).map(|slice| &*slice)
                }
            }

            element_slices!(@checked &[$element], $element);
            element_slices!(@checked &mut [$element], $element);
        )*
    };
    (@checked $slice:ty, $element:ty) => {
        impl TypeName for $slice {
            fn type_name() -> &'static str {
                concat!("TypedArray<", stringify!($element), ">")
            }
            fn value_type() -> ValueType {
                ValueType::Object
            }
        }

        impl ValidateNapiValue for $slice {
            unsafe fn validate(env: sys::napi_env, value: sys::napi_value) -> Result<sys::napi_value> {
                let env = Env::from_raw(env);
                if env.call(|result| sys::napi_is_typedarray(env.raw(), value, result))? {
                    Ok(ptr::null_mut())
                } else {
                    Err(Error::new(crate::Status::InvalidArg, "Expected a TypedArray value"))
                }
            }
        }
    };
}

element_slices!(i8, u8, i16, u16, i32, u32, f32, f64, i64, u64);

/// A typed array of `K`'s elements (`Uint8Array` is `TypedArrayOf<u8>`).
pub struct TypedArrayOf<K: TypedArrayKind>(Memory<K::Element>);

impl<K: TypedArrayKind> From<Vec<K::Element>> for TypedArrayOf<K> {
    fn from(elements: Vec<K::Element>) -> Self {
        TypedArrayOf(Memory::Rust(elements))
    }
}

impl<K: TypedArrayKind> TypedArrayOf<K> {
    /// A typed array made in Rust, moved into JS when returned.
    pub fn new(elements: Vec<K::Element>) -> Self {
        TypedArrayOf(Memory::Rust(elements))
    }
}

impl TypedArrayOf<u8> {
    /// A `Uint8Array` of the string's UTF-8 bytes.
    pub fn from_string(text: String) -> Self {
        TypedArrayOf(Memory::Rust(text.into_bytes()))
    }
}

/// A copy of the elements (a new typed array when returned to JS).
impl<K: TypedArrayKind> Clone for TypedArrayOf<K>
where
    K::Element: Clone,
{
    fn clone(&self) -> Self {
        TypedArrayOf(Memory::Rust(self.0.slice().to_vec()))
    }
}

impl<K: TypedArrayKind> Deref for TypedArrayOf<K> {
    type Target = [K::Element];
    fn deref(&self) -> &[K::Element] {
        self.0.slice()
    }
}

impl<K: TypedArrayKind> DerefMut for TypedArrayOf<K> {
    fn deref_mut(&mut self) -> &mut [K::Element] {
        self.0.slice_mut()
    }
}

/// A JS typed array of kind `K`: its elements' address and count.
unsafe fn typed_array_info<K: TypedArrayKind>(env: Env, value: sys::napi_value) -> Result<(*mut K::Element, usize)> {
    let expected = || -> Result<Error> { Ok(Error::type_error(format!("expected a {}, got {}", K::NAME, describe(env, value)?))) };
    if !env.call(|result| sys::napi_is_typedarray(env.raw(), value, result))? {
        return Err(expected()?);
    }
    let (mut kind, mut length, mut data) = (0, 0, ptr::null_mut());
    env.check(sys::napi_get_typedarray_info(env.raw(), value, &mut kind, &mut length, &mut data, ptr::null_mut(), ptr::null_mut()))?;
    if kind != K::KIND {
        return Err(expected()?);
    }
    Ok((data.cast(), length))
}

impl<K: TypedArrayKind> FromNapiValue for TypedArrayOf<K> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        let (data, length) = typed_array_info::<K>(env, value)?;
        Ok(TypedArrayOf(Memory::js(env, data, length, value)?))
    }
}

/// A typed array over a new ArrayBuffer.
unsafe fn create_typed_array<K: TypedArrayKind>(env: Env, arraybuffer: sys::napi_value, length: usize) -> Result<sys::napi_value> {
    env.call(|result| sys::napi_create_typedarray(env.raw(), K::KIND, length, arraybuffer, 0, result))
}

impl<K: TypedArrayKind> ToNapiValue for TypedArrayOf<K> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self.0 {
            Memory::Js { value, .. } => value.value(env),
            Memory::Rust(elements) => {
                let length = elements.len();
                create_typed_array::<K>(env, vec_to_arraybuffer(env, elements)?, length)
            }
        }
    }
}

/// A view of JS memory for the call it was received or made in (`'env`): its elements read
/// and written in place.
struct View<'env, T> {
    data: *mut T,
    length: usize,
    value: sys::napi_value,
    call: PhantomData<&'env ()>,
}

impl<T> View<'_, T> {
    fn slice(&self) -> &[T] {
        if self.length == 0 { &[] } else { unsafe { std::slice::from_raw_parts(self.data, self.length) } }
    }

    fn slice_mut(&mut self) -> &mut [T] {
        if self.length == 0 { &mut [] } else { unsafe { std::slice::from_raw_parts_mut(self.data, self.length) } }
    }
}

/// External memory: the finalizer and its hint, run when the JS value is collected.
pub(crate) struct ExternalMemory<H, F> {
    pub(crate) hint: H,
    pub(crate) finalize: F,
}

pub(crate) unsafe extern "C" fn finalize_external<H, F: FnOnce(Env, H)>(env: sys::napi_env, _data: *mut c_void, hint: *mut c_void) {
    let external = Box::from_raw(hint.cast::<ExternalMemory<H, F>>());
    (external.finalize)(Env::from_raw(env), external.hint);
}

/// An ArrayBuffer over `length` `T`s at `data`, which `finalize(env, hint)` releases when the
/// ArrayBuffer is collected (a copy, released at once, where external buffers are not allowed).
unsafe fn external_arraybuffer<T, H, F: FnOnce(Env, H) + 'static>(
    env: Env,
    data: *mut T,
    length: usize,
    hint: H,
    finalize: F,
) -> Result<sys::napi_value> {
    let bytes = length * std::mem::size_of::<T>();
    let external = Box::into_raw(Box::new(ExternalMemory { hint, finalize }));
    let mut buffer = ptr::null_mut();
    let status = sys::napi_create_external_arraybuffer(
        env.raw(),
        data.cast(),
        bytes,
        Some(finalize_external::<H, F>),
        external.cast(),
        &mut buffer,
    );
    if status == sys::napi_ok {
        return Ok(buffer);
    }
    let external = Box::from_raw(external);
    let copied = (status == sys::napi_no_external_buffers_allowed)
        .then(|| copy_to_arraybuffer(env, if length == 0 { &[] } else { std::slice::from_raw_parts(data, length) }));
    (external.finalize)(env, external.hint);
    match copied {
        Some(copied) => copied,
        None => env.check(status).map(|_| buffer),
    }
}

/// A view of a JS typed array of kind `K`, for the call (`'env`).
pub struct TypedArraySlice<'env, K: TypedArrayKind>(View<'env, K::Element>);

impl<'env, K: TypedArrayKind> TypedArraySlice<'env, K> {
    unsafe fn of(env: Env, value: sys::napi_value) -> Result<Self> {
        let (data, length) = typed_array_info::<K>(env, value)?;
        Ok(TypedArraySlice(View { data, length, value, call: PhantomData }))
    }

    /// A new typed array holding `data` (moved into JS).
    pub fn from_data<D: Into<Vec<K::Element>>>(env: &Env, data: D) -> Result<Self> {
        unsafe {
            let elements = data.into();
            let length = elements.len();
            let value = create_typed_array::<K>(*env, vec_to_arraybuffer(*env, elements)?, length)?;
            Self::of(*env, value)
        }
    }

    /// A new typed array holding a copy of `data`.
    pub fn copy_from(env: &Env, data: &[K::Element]) -> Result<Self> {
        unsafe { Self::of(*env, create_typed_array::<K>(*env, copy_to_arraybuffer(*env, data)?, data.len())?) }
    }

    /// A new typed array over `length` elements at `data`, memory Rust does not manage:
    /// `finalize(env, hint)` releases it once JS no longer uses it.
    ///
    /// # Safety
    /// `data` must be valid for `length` elements, reads and writes, until `finalize` runs.
    pub unsafe fn from_external<H, F: FnOnce(Env, H) + 'static>(
        env: &Env,
        data: *mut K::Element,
        length: usize,
        hint: H,
        finalize: F,
    ) -> Result<Self> {
        let arraybuffer = external_arraybuffer(*env, data, length, hint, finalize)?;
        Self::of(*env, create_typed_array::<K>(*env, arraybuffer, length)?)
    }

    /// The JS typed array.
    pub fn raw(&self) -> sys::napi_value {
        self.0.value
    }
}

impl<K: TypedArrayKind> Deref for TypedArraySlice<'_, K> {
    type Target = [K::Element];
    fn deref(&self) -> &[K::Element] {
        self.0.slice()
    }
}

impl<K: TypedArrayKind> DerefMut for TypedArraySlice<'_, K> {
    fn deref_mut(&mut self) -> &mut [K::Element] {
        self.0.slice_mut()
    }
}

impl<K: TypedArrayKind> FromNapiValue for TypedArraySlice<'_, K> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        Self::of(env, value)
    }
}

impl<K: TypedArrayKind> ToNapiValue for TypedArraySlice<'_, K> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.0.value)
    }
}

/// A view of a Node `Buffer`, for the call (`'env`).
pub struct BufferSlice<'env>(View<'env, u8>);

impl<'env> BufferSlice<'env> {
    unsafe fn of(env: Env, value: sys::napi_value) -> Result<Self> {
        if !env.call(|result| sys::napi_is_buffer(env.raw(), value, result))? {
            return Err(Error::type_error(format!("expected a Buffer, got {}", describe(env, value)?)));
        }
        let mut data = ptr::null_mut();
        let length = env.call(|result| sys::napi_get_buffer_info(env.raw(), value, &mut data, result))?;
        Ok(BufferSlice(View { data: data.cast(), length, value, call: PhantomData }))
    }

    /// A new Buffer holding `data` (moved into JS).
    pub fn from_data<D: Into<Vec<u8>>>(env: &Env, data: D) -> Result<Self> {
        unsafe { Self::of(*env, vec_to_buffer(*env, data.into())?) }
    }

    /// A new Buffer holding a copy of `data`.
    pub fn copy_from(env: &Env, data: &[u8]) -> Result<Self> {
        unsafe { Self::of(*env, copy_to_buffer(*env, data)?) }
    }

    /// A new Buffer over `length` bytes at `data`, memory Rust does not manage:
    /// `finalize(env, hint)` releases it once JS no longer uses it.
    ///
    /// # Safety
    /// `data` must be valid for `length` bytes, reads and writes, until `finalize` runs.
    pub unsafe fn from_external<H, F: FnOnce(Env, H) + 'static>(
        env: &Env,
        data: *mut u8,
        length: usize,
        hint: H,
        finalize: F,
    ) -> Result<Self> {
        let arraybuffer = ArrayBuffer::from_external(env, data, length, hint, finalize)?.raw();
        let buffer = env.call(|result| sys::node_api_create_buffer_from_arraybuffer(env.raw(), arraybuffer, 0, length, result))?;
        Self::of(*env, buffer)
    }

    /// The same Buffer as a `Buffer`.
    pub fn into_buffer(self, env: &Env) -> Result<Buffer> {
        let View { data, length, value, .. } = self.0;
        Ok(Buffer(unsafe { Memory::js(*env, data, length, value)? }))
    }

    /// The JS Buffer.
    pub fn raw(&self) -> sys::napi_value {
        self.0.value
    }
}

byte_views!(ArrayBuffer, BufferSlice);

/// Which kind a typed array is (napi-rs's `TypedArrayType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypedArrayType {
    Int8,
    Uint8,
    Uint8Clamped,
    Int16,
    Uint16,
    Int32,
    Uint32,
    Float32,
    Float64,
    BigInt64,
    BigUint64,
}

impl TypedArrayType {
    fn of(kind: sys::napi_typedarray_type) -> Option<TypedArrayType> {
        use TypedArrayType::*;
        [Int8, Uint8, Uint8Clamped, Int16, Uint16, Int32, Uint32, Float32, Float64, BigInt64, BigUint64].get(kind as usize).copied()
    }
}

/// A typed array of any kind, for the call (`'env`): its kind, and where its elements are in
/// its ArrayBuffer (napi-rs's untyped `TypedArray`).
pub struct TypedArray<'env> {
    pub typed_array_type: TypedArrayType,
    pub arraybuffer: ArrayBuffer<'env>,
    /// Where the elements start in the ArrayBuffer, in bytes.
    pub byte_offset: usize,
    /// How many elements there are.
    pub length: usize,
    value: sys::napi_value,
}

impl FromNapiValue for TypedArray<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        if !env.call(|result| sys::napi_is_typedarray(env.raw(), value, result))? {
            return Err(Error::type_error(format!("expected a TypedArray, got {}", describe(env, value)?)));
        }
        let (mut kind, mut length, mut arraybuffer, mut byte_offset) = (0, 0, ptr::null_mut(), 0);
        env.check(sys::napi_get_typedarray_info(env.raw(), value, &mut kind, &mut length, ptr::null_mut(), &mut arraybuffer, &mut byte_offset))?;
        let typed_array_type =
            TypedArrayType::of(kind).ok_or_else(|| Error::type_error(format!("expected a TypedArray, got {}", describe(env, value).unwrap_or_default())))?;
        Ok(TypedArray { typed_array_type, arraybuffer: ArrayBuffer::of(env, arraybuffer)?, byte_offset, length, value })
    }
}

impl ToNapiValue for TypedArray<'_> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.value)
    }
}
