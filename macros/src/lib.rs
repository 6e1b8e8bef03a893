//! anode-napi: write Node-API addons in Rust with `#[napi]`. The addon only calls the public
//! Node-API (through `napi-sys`), so one `.node` runs on node and on anode.

#[cfg(feature = "tokio_rt")]
mod async_generator;
mod binary;
mod callback;
#[cfg(feature = "chrono_date")]
mod chrono_date;
mod class;
mod collections;
mod convert;
mod env;
mod error;
mod generator;
mod js_string;
mod module;
mod object;
mod promise;
mod property;
mod retention;
mod scope;
#[cfg(feature = "serde-json")]
mod serde_de;
#[cfg(feature = "serde-json")]
mod serde_json_value;
#[cfg(feature = "tokio_rt")]
mod stream;
mod tasks;
mod threadsafe;
mod value_ref;
mod validate;
mod values;

pub use anode_napi_derive::{module_init, napi};
#[cfg(feature = "tokio_rt")]
pub use async_generator::AsyncGenerator;
pub use binary::{
    ArrayBuffer, BigInt64Array, BigInt64ArraySlice, BigUint64Array, BigUint64ArraySlice, Buffer, BufferSlice, Float32Array,
    Float32ArraySlice, Float64Array, Float64ArraySlice, Int16Array, Int16ArraySlice, Int32Array, Int32ArraySlice, Int8Array,
    Int8ArraySlice, TypedArray, TypedArrayKind, TypedArrayOf, TypedArraySlice, TypedArrayType, Uint16Array, Uint16ArraySlice, Uint32Array,
    Uint32ArraySlice, Uint8Array, Uint8ArraySlice, Uint8Clamped, Uint8ClampedArray, Uint8ClampedSlice,
};
pub use class::{Class, ClassInstance, ClassMembers, JavaScriptClassExt, ObjectFinalize, Reference, SharedReference, WeakReference};
pub use convert::{
    expect_type, type_name, FromNapiValue, JsValue, Latin1String, Null, RawCString, ToNapiValue, TypeName, Undefined, Unknown,
    Utf16String, ValidateNapiValue, ValueType, NAPI_AUTO_LENGTH,
};
pub use js_string::{JsString, JsStringLatin1, JsStringUtf16, JsStringUtf8};
pub use env::{CleanupHook, Env};
pub use generator::{Generator, ScopedGenerator};
pub use error::{Error, ErrorKind, JsError, JsRangeError, JsTypeError, Result, Status};
pub use module::NAPI_VERSION;
pub use retention::module_retention_requests;
pub use object::{Array, JsGlobal, JsObject, JsObjectValue, Object, This};
pub use promise::{CallbackContext, PromiseRaw};
pub use property::{NapiRaw, Property, PropertyAttributes};
pub use value_ref::{ExternalRef, ObjectRef, SymbolRef, UnknownRef};
pub use scope::{EscapableHandleScope, HandleScope};
#[cfg(feature = "tokio_rt")]
pub use stream::{ReadableStream, Reader};
pub use napi_sys as sys;
#[cfg(feature = "tokio_rt")]
pub use tasks::{block_on, create_custom_tokio_runtime, runtime, AsyncBlock, AsyncBlockBuilder, Promise};
#[cfg(feature = "tokio_rt")]
pub use tokio;
pub use tasks::{AbortSignal, AsyncTask, AsyncWorkPromise, Deferred, ScopedTask, Task};
pub use threadsafe::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
pub use values::{
    Arguments, BigInt, Date, Either, Either10, Either11, Either12, Either13, Either14, Either15, Either16, Either17, Either18,
    Either19, Either20, Either21, Either22, Either23, Either24, Either25, Either26, Either3, Either4, Either5, Either6,
    Either7, Either8, Either9, External, FnArgs, Function, FunctionCallContext, FunctionRef, JsDate, JsExternal, JsNumber, JsSymbol, Symbol, i64n,
};

/// What a `#[napi]` addon uses, in one import: `use anode_napi::bindgen_prelude::*` (named as
/// napi-rs names it).
pub mod bindgen_prelude {
    pub use crate::binary::{
        ArrayBuffer, BigInt64Array, BigInt64ArraySlice, BigUint64Array, BigUint64ArraySlice, Buffer, BufferSlice, Float32Array,
        Float32ArraySlice, Float64Array, Float64ArraySlice, Int16Array, Int16ArraySlice, Int32Array, Int32ArraySlice, Int8Array,
        Int8ArraySlice, TypedArray, TypedArrayKind, TypedArrayOf, TypedArraySlice, TypedArrayType, Uint16Array, Uint16ArraySlice, Uint32Array,
        Uint32ArraySlice, Uint8Array, Uint8ArraySlice, Uint8Clamped, Uint8ClampedArray, Uint8ClampedSlice,
    };
    pub use crate::class::{
        wrap_and_tag, Class, ClassInstance, JavaScriptClassExt, ObjectFinalize, Reference, SharedReference, WeakReference,
    };
    pub use crate::convert::{
        FromNapiValue, JsValue, Latin1String, Null, RawCString, ToNapiValue, TypeName, Undefined, Unknown, Utf16String,
        ValidateNapiValue, ValueType, NAPI_AUTO_LENGTH,
    };
    pub use crate::check_status;
    pub use crate::retention::module_retention_requests;
    pub use crate::sys;
    pub use crate::env::Env;
    pub use crate::generator::Generator;
    #[cfg(feature = "tokio_rt")]
    pub use crate::async_generator::AsyncGenerator;
    pub use crate::object::{Array, JsObject, JsObjectValue, Object, This};
    pub use crate::promise::{CallbackContext, PromiseRaw};
    pub use crate::property::{NapiRaw, Property, PropertyAttributes};
    pub use crate::value_ref::{ExternalRef, ObjectRef};
    pub use crate::scope::{EscapableHandleScope, HandleScope};
    #[cfg(feature = "tokio_rt")]
    pub use crate::stream::{ReadableStream, Reader};
    pub use crate::error::{Error, JsError, JsRangeError, JsTypeError, Result, Status};
    #[cfg(feature = "tokio_rt")]
    pub use crate::tasks::{block_on, create_custom_tokio_runtime, AsyncBlock, AsyncBlockBuilder, Promise};
    pub use crate::tasks::{AbortSignal, AsyncTask, AsyncWorkPromise, Task};
    pub use crate::threadsafe::{ThreadsafeCallContext, ThreadsafeFunction, ThreadsafeFunctionBuilder, ThreadsafeFunctionCallMode};
    pub use crate::values::{
        BigInt, Date, Either, Either10, Either11, Either12, Either13, Either14, Either15, Either16, Either17, Either18, Either19,
        Either20, Either21, Either22, Either23, Either24, Either25, Either26, Either3, Either4, Either5, Either6, Either7,
        Either8, Either9, External, FnArgs, Function, FunctionCallContext, FunctionRef, JsDate, JsSymbol, Symbol, i64n,
    };
}

/// Threadsafe functions, where napi-rs has them (`napi::threadsafe_function::ThreadsafeFunction`).
pub mod threadsafe_function {
    pub use crate::threadsafe::{
        ThreadsafeCallContext, ThreadsafeFunction, ThreadsafeFunctionBuilder, ThreadsafeFunctionCallMode, UnknownReturnValue,
    };
}

/// Iterator classes, where napi-rs has them (`napi::iterator::Generator`).
pub mod iterator {
    #[cfg(feature = "tokio_rt")]
    pub use crate::async_generator::AsyncGenerator;
    pub use crate::generator::{Generator, ScopedGenerator};
}

/// What the code `#[napi]` generates uses; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::callback::{run, CallInfo};
    pub use crate::convert::{get_property, set_property};
    #[cfg(feature = "tokio_rt")]
    pub use crate::tasks::{spawn_method_promise, spawn_promise};
    pub use crate::tasks::rejected_promise;
    pub use crate::error::ErrorFirst;
    pub use crate::generator::define_generator;
    #[cfg(feature = "tokio_rt")]
    pub use crate::async_generator::define_async_generator;
    pub use crate::class::{
        define_class, new_instance, ___CALL_FROM_FACTORY, unwrap, Argument, ArgumentKind, IntoResult, Member, MemberKind, ReadClass, ReadValue,
    };
    pub use crate::module::{register, register_module_exports, register_module_init, CreateExport, InitResult};
    pub use crate::__declare as declare;
    pub use crate::__on_load as on_load;
}
