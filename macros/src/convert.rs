//! Conversions between Rust values and JS values, both ways.

use crate::error::{Error, Result};
use crate::sys;
use crate::Env;
use std::collections::HashMap;
use std::ptr;

/// A Rust value made from a JS value.
pub trait FromNapiValue: Sized {
    /// Converts `value`, or fails with a `TypeError` naming what was expected.
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self>;
}

/// A Rust value that becomes a JS value.
pub trait ToNapiValue {
    /// `()` only: as a function's arguments it means none, not one `undefined`.
    #[doc(hidden)]
    const IS_UNIT: bool = false;

    /// Creates the JS value.
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value>;

    /// The JS value, as an `Unknown`.
    fn into_unknown(self, env: &Env) -> Result<Unknown<'_>>
    where
        Self: Sized,
    {
        Ok(JsValue(unsafe { self.to_napi_value(*env)? }, *env))
    }
}

/// A type's name and the JS type its values are made from (napi-rs's trait of the name).
pub trait TypeName {
    fn type_name() -> &'static str;
    fn value_type() -> ValueType;
}

/// The check of a JS value before it is converted (napi-rs's trait of the name): by default,
/// that its type is `value_type()`.
pub trait ValidateNapiValue: TypeName {
    /// `Ok` for a value of the type (the handle is null unless the check made a new value);
    /// an `InvalidArg` error otherwise.
    unsafe fn validate(env: sys::napi_env, value: sys::napi_value) -> Result<sys::napi_value> {
        let expected = Self::value_type();
        let received = ValueType::from(Env::from_raw(env).type_of(value)?);
        if expected == received {
            Ok(ptr::null_mut())
        } else {
            Err(Error::new(crate::Status::InvalidArg, format!("Expect value to be {expected:?}, but received {received:?}")))
        }
    }
}

macro_rules! type_names {
    ($($type:ty => $value_type:ident, $name:literal;)*) => {
        $(
            impl TypeName for $type {
                fn type_name() -> &'static str {
                    $name
                }
                fn value_type() -> ValueType {
                    ValueType::$value_type
                }
            }
            impl ValidateNapiValue for $type {}
        )*
    };
}

type_names! {
    bool => Boolean, "bool";
    u8 => Number, "u8";
    i8 => Number, "i8";
    u16 => Number, "u16";
    i16 => Number, "i16";
    u32 => Number, "u32";
    i32 => Number, "i32";
    i64 => Number, "i64";
    f32 => Number, "f32";
    f64 => Number, "f64";
    String => String, "String";
    Null => Null, "null";
    Undefined => Undefined, "undefined";
    std::ffi::OsString => String, "OsString";
    std::path::PathBuf => String, "PathBuf";
}

impl<T: TypeName> TypeName for Option<T> {
    fn type_name() -> &'static str {
        "Option"
    }
    fn value_type() -> ValueType {
        T::value_type()
    }
}

/// `null` and `undefined` pass; other values are checked as `T`'s.
impl<T: ValidateNapiValue> ValidateNapiValue for Option<T> {
    unsafe fn validate(env: sys::napi_env, value: sys::napi_value) -> Result<sys::napi_value> {
        match Env::from_raw(env).type_of(value)? {
            sys::napi_undefined | sys::napi_null => Ok(ptr::null_mut()),
            _ => T::validate(env, value),
        }
    }
}

/// The `typeof` name of a Node-API value type, for error messages.
pub fn type_name(value_type: sys::napi_valuetype) -> &'static str {
    const NAMES: [&str; 10] =
        ["undefined", "null", "boolean", "number", "string", "symbol", "object", "function", "external", "bigint"];
    NAMES.get(value_type as usize).copied().unwrap_or("unknown")
}

/// A JS value's type, as `napi_typeof` reports it (napi-rs's `ValueType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueType {
    Undefined,
    Null,
    Boolean,
    Number,
    String,
    Symbol,
    Object,
    Function,
    External,
    BigInt,
    /// A type this version of Node-API does not name.
    Unknown,
}

impl From<sys::napi_valuetype> for ValueType {
    fn from(value_type: sys::napi_valuetype) -> Self {
        const TYPES: [ValueType; 10] = [
            ValueType::Undefined,
            ValueType::Null,
            ValueType::Boolean,
            ValueType::Number,
            ValueType::String,
            ValueType::Symbol,
            ValueType::Object,
            ValueType::Function,
            ValueType::External,
            ValueType::BigInt,
        ];
        TYPES.get(value_type as usize).copied().unwrap_or(ValueType::Unknown)
    }
}

impl std::fmt::Display for ValueType {
    /// The `typeof` name (`unknown` for `Unknown`).
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(match self {
            ValueType::Unknown => "unknown",
            known => type_name(*known as sys::napi_valuetype),
        })
    }
}

/// Fails with a `TypeError` unless `value` has type `expected`.
pub unsafe fn expect_type(env: Env, value: sys::napi_value, expected: sys::napi_valuetype) -> Result<()> {
    let actual = env.type_of(value)?;
    if actual == expected {
        Ok(())
    } else {
        Err(Error::type_error(format!("expected {}, got {}", type_name(expected), type_name(actual))))
    }
}

/// napi-rs's error for a JS value that does not convert to `rust_type`: the failed call's
/// status, and the value described (`Number 1 `, `function f(..) `, `Object {json}`, `Null`).
#[cold]
pub(crate) unsafe fn conversion_error(env: Env, value: sys::napi_value, status: sys::napi_status, rust_type: &str) -> Error {
    if status == sys::napi_pending_exception {
        return Error::pending();
    }
    let described = describe_value(env, value).unwrap_or_else(|_| {
        if env.is_exception_pending() {
            let mut ignored = ptr::null_mut();
            sys::napi_get_and_clear_last_exception(env.raw(), &mut ignored);
        }
        String::new()
    });
    Error::new(crate::Status(status), format!("Failed to convert JavaScript value `{described}` into rust type `{rust_type}`"))
}

/// A JS value as napi-rs describes it in conversion errors.
unsafe fn describe_value(env: Env, value: sys::napi_value) -> Result<String> {
    let value_type = ValueType::from(env.type_of(value)?);
    let text = |value: sys::napi_value| -> Result<String> {
        let string = env.call(|result| sys::napi_coerce_to_string(env.raw(), value, result))?;
        String::from_napi_value(env.raw(), string)
    };
    Ok(match value_type {
        ValueType::Function => {
            let name = text(env.get_named(value, "name")?)?;
            format!("function {}(..) ", if name.is_empty() { "anonymous" } else { &name })
        }
        ValueType::Object => {
            let json = env.get_named(env.global()?, "JSON")?;
            let stringify = env.get_named(json, "stringify")?;
            let string = env.call(|result| sys::napi_call_function(env.raw(), json, stringify, 1, &value, result))?;
            format!("Object {}", text(string)?)
        }
        ValueType::Boolean | ValueType::Number | ValueType::BigInt => format!("{value_type:?} {} ", text(value)?),
        _ => format!("{value_type:?}"),
    })
}

/// Calls a Node-API getter that itself checks the value's type (returning a `*_expected`
/// status for another type); only when it fails is `typeof` asked, for the error message.
#[inline]
pub(crate) unsafe fn get_checked<T>(
    env: Env,
    value: sys::napi_value,
    expected: sys::napi_valuetype,
    getter: impl FnOnce(*mut T) -> sys::napi_status,
) -> Result<T> {
    let mut result = std::mem::MaybeUninit::<T>::zeroed();
    match getter(result.as_mut_ptr()) {
        sys::napi_ok => Ok(result.assume_init()),
        status => {
            expect_type(env, value, expected)?;
            env.check(status).map(|_| result.assume_init())
        }
    }
}

/// A JS value left as it is: a handle valid for the current call (the value, its env).
#[derive(Clone, Copy, Debug)]
pub struct JsValue(pub sys::napi_value, pub Env);

impl JsValue {
    /// `typeof` the value, as Node-API reports it.
    pub fn get_type(&self) -> Result<ValueType> {
        self.1.type_of(self.0).map(ValueType::from)
    }

    /// The value converted to `V` (checked as any argument is).
    pub fn cast<V: FromNapiValue>(&self) -> Result<V> {
        unsafe { V::from_napi_value(self.1.raw(), self.0) }
    }

    /// `Object(value)`: the value as an object (a TypeError for `null` and `undefined`).
    pub fn coerce_to_object<'env>(self) -> Result<crate::Object<'env>> {
        let env = self.1;
        let object = env.call(|result| unsafe { sys::napi_coerce_to_object(env.raw(), self.0, result) })?;
        Ok(unsafe { crate::Object::from_raw(env, object) })
    }
}

impl JsValue {
    /// The value's handle.
    pub fn raw(&self) -> sys::napi_value {
        self.0
    }

    /// `Number(value)`.
    pub fn coerce_to_number<'env>(self) -> Result<crate::JsNumber<'env>> {
        let env = self.1;
        let number = env.call(|result| unsafe { sys::napi_coerce_to_number(env.raw(), self.0, result) })?;
        unsafe { crate::JsNumber::from_napi_value(env.raw(), number) }
    }

    /// Whether the value is a native promise.
    pub fn is_promise(&self) -> Result<bool> {
        let env = self.1;
        env.call(|result| unsafe { sys::napi_is_promise(env.raw(), self.0, result) })
    }
}

impl FromNapiValue for JsValue {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        Ok(JsValue(value, env))
    }
}

impl ToNapiValue for JsValue {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.0)
    }
}

/// napi-rs's name for a JS value left as it is (`'env`: the call it was received in).
pub type Unknown<'env> = JsValue;

/// JS `null`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Null;

/// JS `undefined` (napi-rs's name for `()`).
pub type Undefined = ();

impl FromNapiValue for Null {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        expect_type(env, value, sys::napi_null).map(|_| Null)
    }
}

impl ToNapiValue for Null {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        env.null()
    }
}

/// Any value, ignored (a callback's result when `Function<Args, ()>` has none to give; a
/// checked `Undefined` argument, `#[napi(strict)]` or in an `Either`, is `undefined` only).
impl FromNapiValue for () {
    #[inline]
    unsafe fn from_napi_value(_env: sys::napi_env, _value: sys::napi_value) -> Result<Self> {
        Ok(())
    }
}

impl ToNapiValue for () {
    const IS_UNIT: bool = true;

    #[inline]
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        env.undefined()
    }
}

impl FromNapiValue for bool {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        get_checked(env, value, sys::napi_boolean, |result| sys::napi_get_value_bool(env.raw(), value, result))
    }
}

impl ToNapiValue for bool {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        env.call(|result| sys::napi_get_boolean(env.raw(), self, result))
    }
}

macro_rules! number {
    ($type:ty, $get:ident, $create:ident) => {
        impl FromNapiValue for $type {
            #[inline]
            unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
                let env = Env::from_raw(env);
                get_checked(env, value, sys::napi_number, |result| sys::$get(env.raw(), value, result))
            }
        }

        impl ToNapiValue for $type {
            #[inline]
            unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
                env.call(|result| sys::$create(env.raw(), self, result))
            }
        }
    };
}

number!(i32, napi_get_value_int32, napi_create_int32);
number!(u32, napi_get_value_uint32, napi_create_uint32);
number!(i64, napi_get_value_int64, napi_create_int64);
number!(f64, napi_get_value_double, napi_create_double);

/// Narrower integers, as napi-rs converts them: through a 32-bit integer, and an error when the
/// value does not fit (`Failed to convert u32 to u8`).
macro_rules! narrow_integer {
    ($($type:ty => $wide:ty),*) => {
        $(
            impl FromNapiValue for $type {
                unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
                    let env = Env::from_raw(env);
                    let wide = <$wide>::from_napi_value(env.raw(), value)?;
                    <$type>::try_from(wide).map_err(|_| {
                        Error::from_reason(concat!("Failed to convert ", stringify!($wide), " to ", stringify!($type)))
                    })
                }
            }

            impl ToNapiValue for $type {
                unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
                    <$wide>::from(self).to_napi_value(env)
                }
            }
        )*
    };
}

narrow_integer!(u8 => u32, i8 => i32, u16 => u32, i16 => i32);

/// An `f32` as a JS number (napi-rs converts it to JS only).
impl ToNapiValue for f32 {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        f64::from(self).to_napi_value(env)
    }
}

impl FromNapiValue for String {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        // Short strings are read in one call, through a buffer on the stack (a string that
        // did not fit leaves at most 3 bytes unused: Node-API does not split a character).
        let mut short = [0u8; 64];
        let mut written = 0;
        let status = sys::napi_get_value_string_utf8(env.raw(), value, short.as_mut_ptr().cast(), short.len(), &mut written);
        if status != sys::napi_ok {
            return Err(conversion_error(env, value, status, "String"));
        }
        if written < short.len() - 4 {
            return String::from_utf8(short[..written].to_vec()).map_err(|error| Error::from_reason(error.to_string()));
        }
        let length = env.call(|result| sys::napi_get_value_string_utf8(env.raw(), value, ptr::null_mut(), 0, result))?;
        let mut bytes = vec![0u8; length + 1];
        let written = env.call(|result| {
            sys::napi_get_value_string_utf8(env.raw(), value, bytes.as_mut_ptr().cast(), bytes.len(), result)
        })?;
        bytes.truncate(written);
        String::from_utf8(bytes).map_err(|error| Error::from_reason(error.to_string()))
    }
}

impl ToNapiValue for String {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        env.string(&self)
    }
}

macro_rules! encoded_strings {
    ($($(#[$doc:meta])* $name:ident;)*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
            pub struct $name(String);

            impl From<String> for $name {
                fn from(text: String) -> Self {
                    $name(text)
                }
            }

            impl From<&str> for $name {
                fn from(text: &str) -> Self {
                    $name(text.to_string())
                }
            }

            impl From<$name> for String {
                fn from(text: $name) -> String {
                    text.0
                }
            }

            impl std::ops::Deref for $name {
                type Target = str;
                fn deref(&self) -> &str {
                    &self.0
                }
            }

            impl std::fmt::Display for $name {
                fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    formatter.write_str(&self.0)
                }
            }
        )*
    };
}

encoded_strings! {
    /// A string read and made through Node-API's UTF-16 functions.
    Utf16String;
    /// A string read and made through Node-API's Latin-1 functions (each code unit is one
    /// byte: characters beyond U+00FF are read as their low byte).
    Latin1String;
}

impl FromNapiValue for Utf16String {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        let length = get_checked(env, value, sys::napi_string, |result| {
            sys::napi_get_value_string_utf16(env.raw(), value, ptr::null_mut(), 0, result)
        })?;
        let mut units = vec![0u16; length + 1];
        let written = env.call(|result| sys::napi_get_value_string_utf16(env.raw(), value, units.as_mut_ptr(), units.len(), result))?;
        Ok(Utf16String(String::from_utf16_lossy(&units[..written])))
    }
}

impl ToNapiValue for Utf16String {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        let units: Vec<u16> = self.0.encode_utf16().collect();
        env.call(|result| sys::napi_create_string_utf16(env.raw(), units.as_ptr(), units.len(), result))
    }
}

impl FromNapiValue for Latin1String {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        let length = get_checked(env, value, sys::napi_string, |result| {
            sys::napi_get_value_string_latin1(env.raw(), value, ptr::null_mut(), 0, result)
        })?;
        let mut bytes = vec![0u8; length + 1];
        let written =
            env.call(|result| sys::napi_get_value_string_latin1(env.raw(), value, bytes.as_mut_ptr().cast(), bytes.len(), result))?;
        Ok(Latin1String(bytes[..written].iter().map(|&byte| char::from(byte)).collect()))
    }
}

impl ToNapiValue for Latin1String {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        let bytes = self
            .0
            .chars()
            .map(|character| u8::try_from(character).map_err(|_| Error::range_error(format!("{character:?} is not a Latin-1 character"))))
            .collect::<Result<Vec<u8>>>()?;
        env.call(|result| sys::napi_create_string_latin1(env.raw(), bytes.as_ptr().cast(), bytes.len(), result))
    }
}

impl ToNapiValue for &str {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        env.string(self)
    }
}

/// The length that makes `RawCString` read up to the terminating NUL.
pub const NAPI_AUTO_LENGTH: usize = usize::MAX;

/// UTF-8 bytes behind a C pointer, made a JS string when returned: `len` bytes, or up to the
/// NUL with `NAPI_AUTO_LENGTH`. The pointer is read then, so it must stay valid until the
/// value is returned to JS.
#[derive(Clone, Copy, Debug)]
pub struct RawCString {
    data: *const std::ffi::c_char,
    len: usize,
}

impl RawCString {
    pub fn new(data: *const std::ffi::c_char, len: usize) -> Self {
        RawCString { data, len }
    }
}

impl ToNapiValue for RawCString {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        env.call(|result| sys::napi_create_string_utf8(env.raw(), self.data, self.len, result))
    }
}

/// `undefined` and `null` are `None`.
/// A value shared once converted (`Arc<Buffer>`, to keep a clone beyond a future).
impl<T: FromNapiValue> FromNapiValue for std::sync::Arc<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        T::from_napi_value(env.raw(), value).map(std::sync::Arc::new)
    }
}

impl<T: FromNapiValue> FromNapiValue for Option<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        match env.type_of(value)? {
            sys::napi_undefined | sys::napi_null => Ok(None),
            _ => T::from_napi_value(env.raw(), value).map(Some),
        }
    }
}

/// `None` is `null`.
impl<T: ToNapiValue> ToNapiValue for Option<T> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self {
            Some(value) => value.to_napi_value(env),
            None => env.null(),
        }
    }
}

/// An `Err` is thrown.
impl<T: ToNapiValue, S: AsRef<str>> ToNapiValue for Result<T, S> {
    #[inline]
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self {
            Ok(value) => value.to_napi_value(env),
            Err(error) => Err(error.into_status_error()),
        }
    }
}

impl<T: FromNapiValue> FromNapiValue for Vec<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        if !env.call(|result| sys::napi_is_array(env.raw(), value, result))? {
            let actual = type_name(env.type_of(value)?);
            return Err(Error::type_error(format!("expected an array, got {actual}")));
        }
        let length = env.call(|result| sys::napi_get_array_length(env.raw(), value, result))?;
        (0..length)
            .map(|index| {
                let element = env.call(|result| sys::napi_get_element(env.raw(), value, index, result))?;
                T::from_napi_value(env.raw(), element).map_err(|error| error.context(format_args!("element {index}")))
            })
            .collect()
    }
}

impl<T: ToNapiValue> ToNapiValue for Vec<T> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        let array = env.call(|result| sys::napi_create_array_with_length(env.raw(), self.len(), result))?;
        for (index, element) in self.into_iter().enumerate() {
            let element = element.to_napi_value(env)?;
            env.check(sys::napi_set_element(env.raw(), array, index as u32, element))?;
        }
        Ok(array)
    }
}

/// A fixed-size array is a JS array.
impl<T: ToNapiValue, const N: usize> ToNapiValue for [T; N] {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        Vec::from(self).to_napi_value(env)
    }
}

/// Tuples are JS arrays (`[A, B]` in TypeScript).
macro_rules! tuple {
    ($length:literal: $($name:ident $index:literal)*) => {
        impl<$($name: FromNapiValue),*> FromNapiValue for ($($name,)*) {
            unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
                let env = Env::from_raw(env);
                if !env.call(|result| sys::napi_is_array(env.raw(), value, result))? {
                    let actual = type_name(env.type_of(value)?);
                    return Err(Error::type_error(format!("expected an array, got {actual}")));
                }
                Ok(($({
                    let element = env.call(|result| sys::napi_get_element(env.raw(), value, $index, result))?;
                    $name::from_napi_value(env.raw(), element).map_err(|error| error.context(format_args!("element {}", $index)))?
                },)*))
            }
        }

        impl<$($name: ToNapiValue),*> ToNapiValue for ($($name,)*) {
            #[allow(non_snake_case)]
            unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
                let array = env.call(|result| sys::napi_create_array_with_length(env.raw(), $length, result))?;
                let ($($name,)*) = self;
                $(
                    let element = $name.to_napi_value(env)?;
                    env.check(sys::napi_set_element(env.raw(), array, $index, element))?;
                )*
                Ok(array)
            }
        }
    };
}

tuple!(1: A 0);
tuple!(2: A 0 B 1);
tuple!(3: A 0 B 1 C 2);
tuple!(4: A 0 B 1 C 2 D 3);
tuple!(5: A 0 B 1 C 2 D 3 E 4);
tuple!(6: A 0 B 1 C 2 D 3 E 4 F 5);
tuple!(7: A 0 B 1 C 2 D 3 E 4 F 5 G 6);
tuple!(8: A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7);

/// A plain object's own enumerable string-keyed properties, converted to `T`, collected.
pub(crate) unsafe fn object_entries<T: FromNapiValue, C: FromIterator<(String, T)>>(env: Env, value: sys::napi_value) -> Result<C> {
    expect_type(env, value, sys::napi_object)?;
    let names = env.call(|result| sys::napi_get_property_names(env.raw(), value, result))?;
    let names = Vec::<String>::from_napi_value(env.raw(), names)?;
    names
        .into_iter()
        .map(|name| {
            let property = env.get_named(value, &name)?;
            let property = T::from_napi_value(env.raw(), property).map_err(|error| error.context(format_args!("property {name:?}")))?;
            Ok((name, property))
        })
        .collect()
}

/// A new plain object with these properties, in order.
pub(crate) unsafe fn object_from_entries<K: AsRef<str>, T: ToNapiValue>(env: Env, entries: impl IntoIterator<Item = (K, T)>) -> Result<sys::napi_value> {
    let object = env.call(|result| sys::napi_create_object(env.raw(), result))?;
    for (name, value) in entries {
        let value = value.to_napi_value(env)?;
        env.set_named(object, name.as_ref(), value)?;
    }
    Ok(object)
}

/// A plain object's own enumerable string-keyed properties.
impl<T: FromNapiValue, S: Default + std::hash::BuildHasher> FromNapiValue for HashMap<String, T, S> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        object_entries(Env::from_raw(env), value)
    }
}

impl<T: ToNapiValue, S> ToNapiValue for HashMap<String, T, S> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        object_from_entries(env, self)
    }
}

/// A plain object's own enumerable string-keyed properties, in the object's order.
#[cfg(feature = "object_indexmap")]
impl<T: FromNapiValue, S: Default + std::hash::BuildHasher> FromNapiValue for indexmap::IndexMap<String, T, S> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        object_entries(Env::from_raw(env), value)
    }
}

/// An object with the entries as properties, in the map's order.
#[cfg(feature = "object_indexmap")]
impl<T: ToNapiValue, S> ToNapiValue for indexmap::IndexMap<String, T, S> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        object_from_entries(env, self)
    }
}

/// `object[key]` converted, with errors naming the field (`field` is e.g. `Point.x`; for
/// `#[napi(object)]`).
pub unsafe fn get_property<T: FromNapiValue>(env: Env, object: sys::napi_value, key: &str, field: &str) -> Result<T> {
    let value = env.get_named(object, key)?;
    T::from_napi_value(env.raw(), value).map_err(|error| match env.type_of(value) {
        // A field `undefined` does not take is missing (napi-rs's message).
        Ok(sys::napi_undefined) => Error::new(crate::Status::InvalidArg, format!("Missing field `{key}`")),
        _ => error.on_field(field),
    })
}

/// `object[key] = value` (for `#[napi(object)]`).
pub unsafe fn set_property<T: ToNapiValue>(env: Env, object: sys::napi_value, key: &str, value: T) -> Result<()> {
    let value = value.to_napi_value(env)?;
    env.set_named(object, key, value)
}
