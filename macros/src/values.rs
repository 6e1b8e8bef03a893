//! BigInt, Symbol, External, JS functions and `Either`.

use crate::convert::{expect_type, type_name, FromNapiValue, JsValue, ToNapiValue};
use crate::error::{Error, Result};
use crate::sys;
use crate::{Env, Status};
use std::ffi::c_void;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::ptr;

/// A JS BigInt: sign (`true` for negative) and 64-bit words, least significant first (one
/// at least, when read from JS).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BigInt {
    pub sign_bit: bool,
    pub words: Vec<u64>,
}

impl BigInt {
    fn word(&self, index: usize) -> u64 {
        self.words.get(index).copied().unwrap_or(0)
    }

    /// (sign, the low word, whether that is the whole non-negative value)
    pub fn get_u64(&self) -> (bool, u64, bool) {
        (self.sign_bit, self.word(0), !self.sign_bit && self.words.len() <= 1)
    }

    /// (the low word as an i64, whether that is the whole value)
    pub fn get_i64(&self) -> (i64, bool) {
        let value = self.word(0) as i64;
        (value, value as u64 == self.word(0) && self.words.len() <= 1)
    }

    /// (the low two words as a signed i128, whether that is the whole value)
    pub fn get_i128(&self) -> (i128, bool) {
        let magnitude = self.word(0) as u128 | (self.word(1) as u128) << 64;
        let value = if self.sign_bit { (magnitude as i128).wrapping_neg() } else { magnitude as i128 };
        (value, self.words.len() <= 2 && magnitude <= i128::MAX as u128)
    }

    /// (sign, the low two words as a u128, whether that is the whole value)
    pub fn get_u128(&self) -> (bool, u128, bool) {
        (self.sign_bit, self.word(0) as u128 | (self.word(1) as u128) << 64, self.words.len() <= 2)
    }
}

impl BigInt {
    /// The value as an i128, if it fits.
    pub fn to_i128(&self) -> Option<i128> {
        let magnitude = match self.words.iter().rposition(|word| *word != 0) {
            None => 0u128,
            Some(0) => self.words[0] as u128,
            Some(1) => self.words[0] as u128 | (self.words[1] as u128) << 64,
            Some(_) => return None,
        };
        if self.sign_bit {
            0i128.checked_sub_unsigned(magnitude)
        } else {
            i128::try_from(magnitude).ok()
        }
    }
}

impl BigInt {
    /// The value as an i64, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        self.to_i128().and_then(|value| i64::try_from(value).ok())
    }

    /// The value as a u64, if it fits.
    pub fn to_u64(&self) -> Option<u64> {
        self.to_i128().and_then(|value| u64::try_from(value).ok())
    }
}

impl From<i64> for BigInt {
    fn from(value: i64) -> Self {
        BigInt::from(value as i128)
    }
}

impl From<i128> for BigInt {
    fn from(value: i128) -> Self {
        let magnitude = value.unsigned_abs();
        BigInt { sign_bit: value < 0, words: vec![magnitude as u64, (magnitude >> 64) as u64] }
    }
}

impl From<u64> for BigInt {
    fn from(value: u64) -> Self {
        BigInt { sign_bit: false, words: vec![value] }
    }
}

impl From<u128> for BigInt {
    fn from(value: u128) -> Self {
        BigInt { sign_bit: false, words: vec![value as u64, (value >> 64) as u64] }
    }
}

impl FromNapiValue for BigInt {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        expect_type(env, value, sys::napi_bigint)?;
        let mut count = 0;
        env.check(sys::napi_get_value_bigint_words(env.raw(), value, ptr::null_mut(), &mut count, ptr::null_mut()))?;
        let mut bigint = BigInt { sign_bit: false, words: vec![0; count.max(1)] };
        let mut sign = 0;
        env.check(sys::napi_get_value_bigint_words(env.raw(), value, &mut sign, &mut count, bigint.words.as_mut_ptr()))?;
        bigint.sign_bit = sign != 0;
        Ok(bigint)
    }
}

impl ToNapiValue for BigInt {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        env.call(|result| {
            sys::napi_create_bigint_words(env.raw(), self.sign_bit as i32, self.words.len(), self.words.as_ptr(), result)
        })
    }
}

/// An i128 is a BigInt; one out of range is a `RangeError`.
impl FromNapiValue for i128 {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        BigInt::from_napi_value(env.raw(), value)?.to_i128().ok_or_else(|| Error::range_error("BigInt out of i128 range"))
    }
}

impl ToNapiValue for i128 {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        BigInt::from(self).to_napi_value(env)
    }
}

/// A u64 is a BigInt (a number cannot hold every u64); one out of range is a `RangeError`.
impl FromNapiValue for u64 {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        read_bigint(env, value, "u64", |result, lossless| sys::napi_get_value_bigint_uint64(env.raw(), value, result, lossless))
    }
}

/// A BigInt read with `read` (a Node-API 64-bit getter); one that did not fit is a
/// `RangeError` naming `type_name`.
unsafe fn read_bigint<T>(
    env: Env,
    value: sys::napi_value,
    type_name: &str,
    read: impl FnOnce(*mut T, *mut bool) -> sys::napi_status,
) -> Result<T> {
    expect_type(env, value, sys::napi_bigint)?;
    let mut lossless = false;
    let result = env.call(|result| read(result, &mut lossless))?;
    if lossless {
        Ok(result)
    } else {
        Err(Error::range_error(format!("BigInt out of {type_name} range")))
    }
}

impl ToNapiValue for u64 {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        env.call(|result| sys::napi_create_bigint_uint64(env.raw(), self, result))
    }
}

/// A usize to JS is a BigInt, as napi-rs makes it.
impl ToNapiValue for usize {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        (self as u64).to_napi_value(env)
    }
}

/// An isize to JS is a BigInt, as napi-rs makes it.
impl ToNapiValue for isize {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        env.call(|result| sys::napi_create_bigint_int64(env.raw(), self as i64, result))
    }
}

/// A u128 to JS is a BigInt.
impl ToNapiValue for u128 {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        BigInt::from(self).to_napi_value(env)
    }
}

/// An i64 as a BigInt (a plain `i64` is a number); one out of range is a `RangeError`.
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct i64n(pub i64);

impl FromNapiValue for i64n {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        read_bigint(env, value, "i64", |result, lossless| sys::napi_get_value_bigint_int64(env.raw(), value, result, lossless)).map(i64n)
    }
}

impl ToNapiValue for i64n {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        env.call(|result| sys::napi_create_bigint_int64(env.raw(), self.0, result))
    }
}

/// A JS number kept as a JS value, read as any of Node-API's number types.
#[derive(Clone, Copy)]
pub struct JsNumber<'env> {
    env: Env,
    value: sys::napi_value,
    scope: PhantomData<&'env ()>,
}

impl JsNumber<'_> {
    /// `ToUint32` of the number (wrapping modulo 2^32; NaN and infinities are 0).
    pub fn get_uint32(&self) -> Result<u32> {
        unsafe { u32::from_napi_value(self.env.raw(), self.value) }
    }

    /// `ToInt32` of the number.
    pub fn get_int32(&self) -> Result<i32> {
        unsafe { i32::from_napi_value(self.env.raw(), self.value) }
    }

    /// The number truncated to an integer (saturating; NaN is 0).
    pub fn get_int64(&self) -> Result<i64> {
        unsafe { i64::from_napi_value(self.env.raw(), self.value) }
    }

    /// The number.
    pub fn get_double(&self) -> Result<f64> {
        unsafe { f64::from_napi_value(self.env.raw(), self.value) }
    }
}

impl FromNapiValue for JsNumber<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        expect_type(env, value, sys::napi_number).map(|_| JsNumber { env, value, scope: PhantomData })
    }
}

impl ToNapiValue for JsNumber<'_> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.value)
    }
}

/// A new JS Symbol with this description.
#[derive(Clone, Debug)]
pub struct Symbol {
    description: Option<String>,
    /// `Symbol.for(description)`: the registry's symbol of that key (Node-API 9).
    #[cfg_attr(not(feature = "napi9"), allow(dead_code))]
    registered: bool,
}

impl Symbol {
    /// A new symbol described by `description`.
    pub fn new(description: String) -> Self {
        Symbol { description: Some(description), registered: false }
    }

    /// A new symbol without a description.
    pub fn identity() -> Self {
        Symbol { description: None, registered: false }
    }

    /// `Symbol.for(key)`: the symbol the global registry holds for `key`.
    #[cfg(feature = "napi9")]
    pub fn for_desc(key: impl AsRef<str>) -> Self {
        Symbol { description: Some(key.as_ref().to_string()), registered: true }
    }

    /// The JS symbol, made in `env`.
    pub fn into_js_symbol(self, env: &Env) -> Result<JsSymbol> {
        Ok(JsSymbol(unsafe { self.to_napi_value(*env)? }, *env))
    }
}

impl ToNapiValue for Symbol {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self.description {
            #[cfg(feature = "napi9")]
            Some(key) if self.registered => env.call(|result| sys::node_api_symbol_for(env.raw(), key.as_ptr().cast(), key.len(), result)),
            Some(text) => {
                let description = env.string(&text)?;
                env.call(|result| sys::napi_create_symbol(env.raw(), description, result))
            }
            None => env.call(|result| sys::napi_create_symbol(env.raw(), ptr::null_mut(), result)),
        }
    }
}

impl Env {
    /// A new symbol, described by `description` if given.
    pub fn create_symbol(&self, description: Option<&str>) -> Result<JsSymbol> {
        description.map_or_else(Symbol::identity, |text| Symbol::new(text.to_string())).into_js_symbol(self)
    }
}

/// A JS symbol received as an argument or made (valid for the call): the value, its env.
#[derive(Clone, Copy, Debug)]
pub struct JsSymbol(pub sys::napi_value, pub Env);

impl FromNapiValue for JsSymbol {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        expect_type(env, value, sys::napi_symbol).map(|_| JsSymbol(value, env))
    }
}

impl ToNapiValue for JsSymbol {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.0)
    }
}

/// A Rust value held by a JS `external`: moved into JS when returned, borrowed (and
/// checked to be a `T`) when received.
pub struct External<T: 'static> {
    value: *mut T,
    owned: bool,
}

impl<T: 'static> External<T> {
    pub fn new(value: T) -> Self {
        External { value: Box::into_raw(Box::new(value)), owned: true }
    }

    /// The type tag of externals holding a `T` (a hash of the type's name).
    fn type_tag() -> sys::napi_type_tag {
        let hash = |seed: u64| {
            std::any::type_name::<T>()
                .bytes()
                .fold(seed, |hash, byte| (hash ^ byte as u64).wrapping_mul(0x100_0000_01b3))
        };
        sys::napi_type_tag { lower: hash(0xcbf2_9ce4_8422_2325), upper: hash(0x6c62_272e_07bb_0142) }
    }
}

impl<T> Deref for External<T> {
    type Target = T;
    fn deref(&self) -> &T {
        unsafe { &*self.value }
    }
}

impl<T> DerefMut for External<T> {
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *self.value }
    }
}

impl<T> Drop for External<T> {
    fn drop(&mut self) {
        if self.owned {
            drop(unsafe { Box::from_raw(self.value) });
        }
    }
}

unsafe extern "C" fn drop_external<T>(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    crate::error::without_unwinding(|| drop(Box::from_raw(data.cast::<T>())));
}

impl<T: 'static> FromNapiValue for External<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        expect_type(env, value, sys::napi_external)?;
        let tagged = env.call(|result| sys::napi_check_object_type_tag(env.raw(), value, &Self::type_tag(), result))?;
        if !tagged {
            return Err(Error::new(Status::InvalidArg, format!("<{}> on `External` is not the type of wrapped object", std::any::type_name::<T>())));
        }
        let data = env.call(|result| sys::napi_get_value_external(env.raw(), value, result))?;
        Ok(External { value: data.cast(), owned: false })
    }
}

impl<T: 'static> ToNapiValue for External<T> {
    unsafe fn to_napi_value(mut self, env: Env) -> Result<sys::napi_value> {
        if !self.owned {
            return Err(Error::from_reason("an External received from JS cannot be returned again"));
        }
        let external = env.call(|result| {
            sys::napi_create_external(env.raw(), self.value.cast(), Some(drop_external::<T>), ptr::null_mut(), result)
        })?;
        self.owned = false;
        env.check(sys::napi_type_tag_object(env.raw(), external, &Self::type_tag()))?;
        Ok(external)
    }
}

impl<T: 'static> External<T> {
    /// The JS external holding the value (moved into JS).
    pub fn into_js_external(self, env: &Env) -> Result<JsExternal<'_>> {
        let value = unsafe { self.to_napi_value(*env)? };
        Ok(JsExternal { env: *env, value, scope: PhantomData })
    }
}

/// A JS external kept as a JS value (valid for the call): its Rust value read as a `T`
/// (checked) with `get_value`, or referenced beyond the call with `create_ref`.
#[derive(Clone, Copy)]
pub struct JsExternal<'env> {
    pub(crate) env: Env,
    pub(crate) value: sys::napi_value,
    scope: PhantomData<&'env ()>,
}

impl JsExternal<'_> {
    /// The value it holds, if it holds a `T` (a `TypeError` otherwise).
    pub fn get_value<T: 'static>(&self) -> Result<&mut T> {
        let external = unsafe { External::<T>::from_napi_value(self.env.raw(), self.value)? };
        Ok(unsafe { &mut *external.value })
    }

    /// The JS value.
    pub fn raw(&self) -> sys::napi_value {
        self.value
    }
}

impl FromNapiValue for JsExternal<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        expect_type(env, value, sys::napi_external).map(|_| JsExternal { env, value, scope: PhantomData })
    }
}

impl ToNapiValue for JsExternal<'_> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.value)
    }
}

/// Arguments to call a JS function with: one convertible value (a tuple is one array, as in
/// napi-rs 3), `FnArgs` of a tuple for one argument each, or `()` for none.
pub trait Arguments {
    unsafe fn to_napi_values(self, env: Env) -> Result<Vec<sys::napi_value>>;
}

impl<T: ToNapiValue> Arguments for T {
    unsafe fn to_napi_values(self, env: Env) -> Result<Vec<sys::napi_value>> {
        if T::IS_UNIT {
            return Ok(Vec::new());
        }
        Ok(vec![self.to_napi_value(env)?])
    }
}

/// A tuple as a function's arguments, one each (a bare tuple is one array argument):
/// `Function<FnArgs<(u32, u32)>, R>`, called with `(1, 2).into()`.
#[derive(Clone, Debug, PartialEq)]
pub struct FnArgs<T> {
    pub data: T,
}

impl<T> From<T> for FnArgs<T> {
    fn from(data: T) -> Self {
        FnArgs { data }
    }
}

macro_rules! arguments {
    ($($name:ident)*) => {
        impl<$($name: ToNapiValue),*> Arguments for FnArgs<($($name,)*)> {
            #[allow(non_snake_case)]
            unsafe fn to_napi_values(self, env: Env) -> Result<Vec<sys::napi_value>> {
                let ($($name,)*) = self.data;
                Ok(vec![$($name.to_napi_value(env)?),*])
            }
        }
    };
}

arguments!(A);
arguments!(A B);
arguments!(A B C);
arguments!(A B C D);
arguments!(A B C D E);
arguments!(A B C D E F);
arguments!(A B C D E F G);
arguments!(A B C D E F G H);

/// A JS function received as an argument (valid for the call), called with `Args` and
/// returning `Return`.
/// (`'env` is the call it was received in: napi-rs's shape, usually elided.)
pub struct Function<'env, Args = (), Return = JsValue> {
    pub(crate) env: Env,
    pub(crate) value: sys::napi_value,
    pub(crate) signature: PhantomData<(&'env (), fn(Args) -> Return)>,
}

/// A handle, copied as napi-rs's is (whatever `Args` and `Return` are).
impl<Args, Return> Clone for Function<'_, Args, Return> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Args, Return> Copy for Function<'_, Args, Return> {}

impl<Args, Return> Function<'_, Args, Return> {
    /// The function's handle.
    pub fn raw(&self) -> sys::napi_value {
        self.value
    }
}

impl<Args: Arguments, Return: FromNapiValue> Function<'_, Args, Return> {
    /// Calls the function with `this` undefined; a JS exception becomes an `Err` (and stays
    /// pending, to be rethrown when the `Err` is returned to JS).
    pub fn call(&self, arguments: Args) -> Result<Return> {
        unsafe { self.call_with_this(self.env.undefined()?, arguments) }
    }

    /// Calls the function with `this` (napi-rs's `apply`); a JS exception becomes an `Err`.
    pub fn apply<Context: ToNapiValue>(&self, this: Context, arguments: Args) -> Result<Return> {
        unsafe { self.call_with_this(this.to_napi_value(self.env)?, arguments) }
    }

    unsafe fn call_with_this(&self, this: sys::napi_value, arguments: Args) -> Result<Return> {
        let env = self.env;
        let arguments = arguments.to_napi_values(env)?;
        let result = env.call(|result| {
            sys::napi_call_function(env.raw(), this, self.value, arguments.len(), arguments.as_ptr(), result)
        })?;
        Return::from_napi_value(env.raw(), result).map_err(|error| error.context("the callback's result"))
    }

    /// `new function(...arguments)`; a JS exception becomes an `Err`.
    pub fn new_instance(&self, arguments: Args) -> Result<JsValue> {
        unsafe {
            let env = self.env;
            let arguments = arguments.to_napi_values(env)?;
            let instance = env.call(|result| sys::napi_new_instance(env.raw(), self.value, arguments.len(), arguments.as_ptr(), result))?;
            Ok(JsValue(instance, env))
        }
    }

    /// The JS function.
    pub fn js_value(&self) -> sys::napi_value {
        self.value
    }

    /// A reference keeping the function alive beyond the call.
    pub fn create_ref(&self) -> Result<FunctionRef<Args, Return>> {
        unsafe { FunctionRef::new(self.env, self.value) }
    }
}

impl Env {
    /// A JS function named `name` running `callback` (a `#[napi(no_export)]` function's
    /// `<name>_c_callback`).
    pub fn create_function<'env, Args, Return>(
        &'env self,
        name: &str,
        callback: crate::class::Callback,
    ) -> Result<Function<'env, Args, Return>> {
        let value = self.function(name, callback, std::ptr::null_mut())?;
        Ok(Function { env: *self, value, signature: PhantomData })
    }

    /// A JS function named `name` whose calls run `callback` (owned by the function: dropped
    /// when it is collected).
    pub fn create_function_from_closure<'env, Args, Return, F>(&'env self, name: &str, callback: F) -> Result<Function<'env, Args, Return>>
    where
        F: 'static + Fn(FunctionCallContext) -> Result<Return>,
        Return: ToNapiValue,
    {
        unsafe extern "C" fn trampoline<Return: ToNapiValue, F: Fn(FunctionCallContext) -> Result<Return>>(
            env: sys::napi_env,
            info: sys::napi_callback_info,
        ) -> sys::napi_value {
            crate::callback::run(env, |env| {
                let mut argc = 0;
                let mut data = ptr::null_mut();
                env.check(sys::napi_get_cb_info(env.raw(), info, &mut argc, ptr::null_mut(), ptr::null_mut(), &mut data))?;
                let mut args = vec![ptr::null_mut(); argc];
                let mut this = ptr::null_mut();
                env.check(sys::napi_get_cb_info(env.raw(), info, &mut argc, args.as_mut_ptr(), &mut this, ptr::null_mut()))?;
                let callback = &*data.cast::<F>();
                callback(FunctionCallContext { env, this, args: &args })?.to_napi_value(env)
            })
        }
        let value = self.function_owning(name, trampoline::<Return, F>, callback)?;
        Ok(Function { env: *self, value, signature: PhantomData })
    }
}

/// A call of a function made by `Env::create_function_from_closure`: its `this` and arguments.
pub struct FunctionCallContext<'call> {
    pub env: Env,
    this: sys::napi_value,
    args: &'call [sys::napi_value],
}

impl FunctionCallContext<'_> {
    /// How many arguments the call has.
    pub fn length(&self) -> usize {
        self.args.len()
    }

    /// Argument `index` converted (`undefined` past the last).
    pub fn get<T: FromNapiValue>(&self, index: usize) -> Result<T> {
        match self.args.get(index) {
            Some(&value) => unsafe { T::from_napi_value(self.env.raw(), value) },
            None => unsafe { T::from_napi_value(self.env.raw(), self.env.undefined()?) },
        }
    }

    /// The first argument converted.
    pub fn first_arg<T: FromNapiValue>(&self) -> Result<T> {
        self.get(0)
    }

    /// All the arguments, each converted.
    pub fn arguments<T: FromNapiValue>(&self) -> Result<Vec<T>> {
        (0..self.args.len()).map(|index| self.get(index)).collect()
    }

    /// The call's `this`, converted.
    pub fn this<T: FromNapiValue>(&self) -> Result<T> {
        unsafe { T::from_napi_value(self.env.raw(), self.this) }
    }
}

/// A JS function kept alive (by a Node-API reference) beyond the call it was received in;
/// `borrow_back` makes it callable again on the JS thread.
pub struct FunctionRef<Args = (), Return = JsValue> {
    env: Env,
    reference: sys::napi_ref,
    signature: PhantomData<fn(Args) -> Return>,
}

impl<Args, Return> FunctionRef<Args, Return> {
    unsafe fn new(env: Env, value: sys::napi_value) -> Result<Self> {
        let reference = env.call(|result| sys::napi_create_reference(env.raw(), value, 1, result))?;
        Ok(FunctionRef { env, reference, signature: PhantomData })
    }

    /// The function, for a call in `env`.
    pub fn borrow_back<'env>(&self, env: &'env Env) -> Result<Function<'env, Args, Return>> {
        let value = env.call(|result| unsafe { sys::napi_get_reference_value(env.raw(), self.reference, result) })?;
        Ok(Function { env: *env, value, signature: PhantomData })
    }
}

impl<Args, Return> Drop for FunctionRef<Args, Return> {
    fn drop(&mut self) {
        unsafe { sys::napi_delete_reference(self.env.raw(), self.reference) };
    }
}

impl<Args, Return> FromNapiValue for FunctionRef<Args, Return> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        expect_type(env, value, sys::napi_function)?;
        FunctionRef::new(env, value)
    }
}

impl<Args, Return> ToNapiValue for FunctionRef<Args, Return> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        env.call(|result| sys::napi_get_reference_value(env.raw(), self.reference, result))
    }
}

impl<Args, Return> FromNapiValue for Function<'_, Args, Return> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        expect_type(env, value, sys::napi_function)?;
        Ok(Function { env, value, signature: PhantomData })
    }
}

impl<Args, Return> ToNapiValue for Function<'_, Args, Return> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.value)
    }
}

/// What a failed conversion expected, from its message (`argument a: expected number, got
/// string` → `number`).
fn expected_of(error: &Error) -> &str {
    let message = error.message().rsplit(": ").next().unwrap_or_default();
    let message = message.strip_prefix("expected ").unwrap_or(message);
    message.split(", got ").next().unwrap_or_default()
}

macro_rules! either {
    ($(#[$doc:meta])* $name:ident: $first:ident $($rest:ident)+) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        pub enum $name<$first, $($rest),+> {
            $first($first),
            $($rest($rest)),+
        }

        impl<$first: FromNapiValue, $($rest: FromNapiValue),+> FromNapiValue for $name<$first, $($rest),+> {
            #[allow(non_snake_case)]
            unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
                let env = Env::from_raw(env);
                // Each failure is kept (under its type's name) for the message if all fail.
                let $first = match $first::from_napi_value(env.raw(), value) {
                    Ok(converted) => return Ok($name::$first(converted)),
                    Err(error) if env.is_exception_pending() => return Err(error),
                    Err(error) => error,
                };
                $(
                    let $rest = match $rest::from_napi_value(env.raw(), value) {
                        Ok(converted) => return Ok($name::$rest(converted)),
                        Err(error) if env.is_exception_pending() => return Err(error),
                        Err(error) => error,
                    };
                )+
                let got = env.type_of(value).map(type_name).unwrap_or("unknown");
                let expected = [expected_of(&$first), $(expected_of(&$rest)),+].join(" or ");
                Err(Error::type_error(format!("expected {expected}, got {got}")))
            }
        }

        impl<$first: ToNapiValue, $($rest: ToNapiValue),+> ToNapiValue for $name<$first, $($rest),+> {
            unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
                match self {
                    $name::$first(value) => value.to_napi_value(env),
                    $($name::$rest(value) => value.to_napi_value(env)),+
                }
            }
        }
    };
}

either!(
    /// One of two types: converting from JS tries `A`, then `B`.
    Either: A B
);
either!(
    /// One of three types, tried in order (as are `Either4` to `Either26`).
    Either3: A B C
);
either!(Either4: A B C D);
either!(Either5: A B C D E);
either!(Either6: A B C D E F);
either!(Either7: A B C D E F G);
either!(Either8: A B C D E F G H);
either!(Either9: A B C D E F G H I);
either!(Either10: A B C D E F G H I J);
either!(Either11: A B C D E F G H I J K);
either!(Either12: A B C D E F G H I J K L);
either!(Either13: A B C D E F G H I J K L M);
either!(Either14: A B C D E F G H I J K L M N);
either!(Either15: A B C D E F G H I J K L M N O);
either!(Either16: A B C D E F G H I J K L M N O P);
either!(Either17: A B C D E F G H I J K L M N O P Q);
either!(Either18: A B C D E F G H I J K L M N O P Q R);
either!(Either19: A B C D E F G H I J K L M N O P Q R S);
either!(Either20: A B C D E F G H I J K L M N O P Q R S T);
either!(Either21: A B C D E F G H I J K L M N O P Q R S T U);
either!(Either22: A B C D E F G H I J K L M N O P Q R S T U V);
either!(Either23: A B C D E F G H I J K L M N O P Q R S T U V W);
either!(Either24: A B C D E F G H I J K L M N O P Q R S T U V W X);
either!(Either25: A B C D E F G H I J K L M N O P Q R S T U V W X Y);
either!(Either26: A B C D E F G H I J K L M N O P Q R S T U V W X Y Z);

/// `Some` as the value, `None` as `undefined`.
impl<T> From<Option<T>> for Either<T, crate::Undefined> {
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => Either::A(value),
            None => Either::B(()),
        }
    }
}

/// A JS `Date`, valid for the call it was received or created in (`'env`).
#[derive(Clone, Copy)]
pub struct Date<'env> {
    env: Env,
    value: sys::napi_value,
    scope: PhantomData<&'env ()>,
}

/// napi-rs's older name for `Date`.
pub type JsDate<'env> = Date<'env>;

impl<'env> Date<'env> {
    /// A new `Date` at `time` (milliseconds since the epoch).
    pub fn new(env: &Env, time: f64) -> Result<Date<'env>> {
        let env = *env;
        let value = env.call(|result| unsafe { sys::napi_create_date(env.raw(), time, result) })?;
        Ok(Date { env, value, scope: PhantomData })
    }

    /// Its time in milliseconds since the epoch (`NaN` for an invalid date).
    pub fn value_of(&self) -> Result<f64> {
        self.env.call(|result| unsafe { sys::napi_get_date_value(self.env.raw(), self.value, result) })
    }
}

impl FromNapiValue for Date<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        if !env.call(|result| sys::napi_is_date(env.raw(), value, result))? {
            let got = env.type_of(value).map(type_name).unwrap_or("unknown");
            return Err(Error::type_error(format!("expected a Date, got {got}")));
        }
        Ok(Date { env, value, scope: PhantomData })
    }
}

impl ToNapiValue for Date<'_> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.value)
    }
}
