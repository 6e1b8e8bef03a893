//! `ValidateNapiValue` for the types whose check is more than their `typeof` (napi-rs's
//! `#[napi(strict)]` checks, worded as napi-rs words them), and for the other argument types.

use std::collections::HashMap;
use std::ptr;

use crate::binary::{Buffer, BufferSlice, TypedArrayKind, TypedArrayOf, TypedArraySlice};
use crate::convert::{TypeName, ValidateNapiValue, ValueType};
use crate::error::{Error, Result};
use crate::values::{BigInt, Date, External, Function, JsSymbol};
use crate::{sys, Env, Promise, Status};

/// `Ok` when `predicate` holds of `value`; an `InvalidArg` error with `message` otherwise.
unsafe fn check(
    env: sys::napi_env,
    value: sys::napi_value,
    predicate: unsafe extern "C" fn(sys::napi_env, sys::napi_value, *mut bool) -> sys::napi_status,
    message: &'static str,
) -> Result<sys::napi_value> {
    let env = Env::from_raw(env);
    if env.call(|result| predicate(env.raw(), value, result))? {
        Ok(ptr::null_mut())
    } else {
        Err(Error::new(Status::InvalidArg, message))
    }
}

/// `TypeName` for types checked by a Node-API predicate, and the check.
macro_rules! checked_by {
    ($([$($generics:tt)*] $type:ty => $name:literal, $predicate:path, $message:literal;)*) => {$(
        impl<$($generics)*> TypeName for $type {
            fn type_name() -> &'static str {
                $name
            }
            fn value_type() -> ValueType {
                ValueType::Object
            }
        }

        impl<$($generics)*> ValidateNapiValue for $type {
            unsafe fn validate(env: sys::napi_env, value: sys::napi_value) -> Result<sys::napi_value> {
                check(env, value, $predicate, $message)
            }
        }
    )*};
}

checked_by! {
    [T] Vec<T> => "Vec", sys::napi_is_array, "Expected an array";
    [] Buffer => "Buffer", sys::napi_is_buffer, "Expected a Buffer value";
    ['env] BufferSlice<'env> => "Buffer", sys::napi_is_buffer, "Expected a Buffer value";
    [K: TypedArrayKind] TypedArrayOf<K> => "TypedArray", sys::napi_is_typedarray, "Expected a TypedArray value";
    ['env, K: TypedArrayKind] TypedArraySlice<'env, K> => "TypedArray", sys::napi_is_typedarray, "Expected a TypedArray value";
    ['env] Date<'env> => "Date", sys::napi_is_date, "Expected a Date object";
    [T] Promise<T> => "Promise", sys::napi_is_promise, "Expected Promise object";
}

/// `TypeName` for types checked by their `typeof` (`ValidateNapiValue`'s default).
macro_rules! of_type {
    ($([$($generics:tt)*] $type:ty => $name:literal, $value_type:ident;)*) => {$(
        impl<$($generics)*> TypeName for $type {
            fn type_name() -> &'static str {
                $name
            }
            fn value_type() -> ValueType {
                ValueType::$value_type
            }
        }

        impl<$($generics)*> ValidateNapiValue for $type {}
    )*};
}

of_type! {
    [] BigInt => "BigInt", BigInt;
    [] JsSymbol => "Symbol", Symbol;
    ['env, Args, Return] Function<'env, Args, Return> => "Function", Function;
    [K, V, S] HashMap<K, V, S> => "HashMap", Object;
    [T: 'static] &External<T> => "External", External;
    [T: 'static] &mut External<T> => "External", External;
}
