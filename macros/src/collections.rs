//! Standard collections and OS strings as JS values, as napi-rs converts them: sets as JS
//! `Set`s, ordered maps as plain objects, OS strings and paths as strings.

use crate::convert::{object_entries, object_from_entries, FromNapiValue, ToNapiValue, TypeName, ValidateNapiValue, ValueType};
use crate::error::{Error, Result};
use crate::sys;
use crate::Env;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ffi::{OsStr, OsString};
use std::hash::{BuildHasher, Hash};
use std::path::{Path, PathBuf};
use std::ptr;

/// `new Set(values)`.
unsafe fn new_set<V: ToNapiValue>(env: Env, values: impl IntoIterator<Item = V>) -> Result<sys::napi_value> {
    let array = env.call(|result| sys::napi_create_array(env.raw(), result))?;
    for (index, value) in values.into_iter().enumerate() {
        let value = value.to_napi_value(env)?;
        env.check(sys::napi_set_element(env.raw(), array, index as u32, value))?;
    }
    let set = env.get_named(env.global()?, "Set")?;
    env.call(|result| sys::napi_new_instance(env.raw(), set, 1, &array, result))
}

/// What `set.values()` yields, converted to `V`, collected.
unsafe fn set_values<V: FromNapiValue, C: Default + Extend<V>>(env: Env, set: sys::napi_value) -> Result<C> {
    let call = |function: sys::napi_value, this: sys::napi_value| {
        env.call(|result| sys::napi_call_function(env.raw(), this, function, 0, ptr::null(), result))
    };
    let iterator = call(env.get_named(set, "values")?, set)?;
    let next = env.get_named(iterator, "next")?;
    let mut collection = C::default();
    loop {
        let step = call(next, iterator)?;
        if bool::from_napi_value(env.raw(), env.get_named(step, "done")?)? {
            return Ok(collection);
        }
        collection.extend([V::from_napi_value(env.raw(), env.get_named(step, "value")?)?]);
    }
}

macro_rules! sets {
    ($($set:ident <V $(, $hasher:ident)?> where $($bound:path),* => $name:literal $(, $feature:literal)?;)*) => {
        $(
            $(#[cfg(feature = $feature)])?
            impl<V $(, $hasher)?> TypeName for $set<V $(, $hasher)?> {
                fn type_name() -> &'static str {
                    $name
                }
                fn value_type() -> ValueType {
                    ValueType::Object
                }
            }

            $(#[cfg(feature = $feature)])?
            impl<V: FromNapiValue $(, $hasher)?> ValidateNapiValue for $set<V $(, $hasher)?> {}

            /// A JS `Set` of the values.
            $(#[cfg(feature = $feature)])?
            impl<V: ToNapiValue $(, $hasher)?> ToNapiValue for $set<V $(, $hasher)?> {
                unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
                    new_set(env, self)
                }
            }

            /// The values of a JS `Set` (or anything with a `values()` iterator).
            $(#[cfg(feature = $feature)])?
            impl<V: FromNapiValue $(+ $bound)* $(, $hasher: Default + BuildHasher)?> FromNapiValue for $set<V $(, $hasher)?> {
                unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
                    set_values(Env::from_raw(env), value)
                }
            }
        )*
    };
}

#[cfg(feature = "object_indexmap")]
use indexmap::IndexSet;

sets! {
    HashSet<V, S> where Eq, Hash => "HashSet";
    BTreeSet<V> where Ord => "BTreeSet";
    IndexSet<V, S> where Eq, Hash => "IndexSet", "object_indexmap";
}

/// A plain object's own enumerable string-keyed properties.
impl<T: FromNapiValue> FromNapiValue for BTreeMap<String, T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        object_entries(Env::from_raw(env), value)
    }
}

/// An object with the entries as properties, in key order.
impl<T: ToNapiValue> ToNapiValue for BTreeMap<String, T> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        object_from_entries(env, self)
    }
}

/// A string (UTF-8 here, so lossless).
impl FromNapiValue for OsString {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        String::from_napi_value(env, value).map(OsString::from)
    }
}

impl FromNapiValue for PathBuf {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        OsString::from_napi_value(env, value).map(PathBuf::from)
    }
}

/// The string; one that is not Unicode cannot be a JS string: an error.
impl ToNapiValue for &OsStr {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self.to_str() {
            Some(text) => text.to_napi_value(env),
            None => Err(Error::from_reason("Non-Unicode OsStr/Path cannot be represented as JavaScript string")),
        }
    }
}

impl ToNapiValue for OsString {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        self.as_os_str().to_napi_value(env)
    }
}

impl ToNapiValue for &Path {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        self.as_os_str().to_napi_value(env)
    }
}

impl ToNapiValue for PathBuf {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        self.as_path().to_napi_value(env)
    }
}
