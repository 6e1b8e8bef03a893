//! `#[napi(iterator)]` classes: instances are their own iterators (JS's iterator protocol,
//! with `next`, `return` and `throw`) driven by the struct's `Generator` impl (or
//! `ScopedGenerator`, whose values may borrow the env of the call).

use crate::callback::{run, CallInfo};
use crate::class::{unwrap, Class};
use crate::convert::{FromNapiValue, ToNapiValue, Unknown};
use crate::error::{Error, Result};
use crate::sys;
use crate::Env;
use std::ptr;

/// The Rust side of an iterator class (`#[napi] impl Generator for T` on an
/// `#[napi(iterator)]` struct).
pub trait Generator {
    /// What `next()` produces.
    type Yield: ToNapiValue;
    /// What `next(value)` is given.
    type Next: FromNapiValue;
    /// What `return(value)` is given.
    type Return: FromNapiValue;

    /// `iterator.next(value)`: the next value, or `None` when done.
    fn next(&mut self, value: Option<Self::Next>) -> Option<Self::Yield>;

    /// `iterator.return(value)`: a last value, if any; the iterator is done after it.
    #[allow(unused_variables)]
    fn complete(&mut self, value: Option<Self::Return>) -> Option<Self::Yield> {
        None
    }

    /// `iterator.throw(value)`: a value to go on with, `Ok(None)` to finish, or `Err` of what
    /// to throw (the iterator is done then).
    #[allow(unused_variables)]
    fn catch<'env>(&'env mut self, env: Env, value: Unknown<'env>) -> std::result::Result<Option<Self::Yield>, Unknown<'env>> {
        Err(value)
    }
}

/// A `Generator` whose values may borrow the env of the call (`Yield = Object<'env>`); every
/// `Generator` is one.
pub trait ScopedGenerator<'env> {
    /// What `next()` produces.
    type Yield: ToNapiValue + 'env;
    /// What `next(value)` is given.
    type Next: FromNapiValue;
    /// What `return(value)` is given.
    type Return: FromNapiValue;

    /// `iterator.next(value)`: the next value, or `None` when done.
    fn next(&mut self, env: &'env Env, value: Option<Self::Next>) -> Option<Self::Yield>;

    /// `iterator.return(value)`: a last value, if any; the iterator is done after it.
    #[allow(unused_variables)]
    fn complete(&mut self, env: &'env Env, value: Option<Self::Return>) -> Option<Self::Yield> {
        None
    }

    /// `iterator.throw(value)`: a value to go on with, `Ok(None)` to finish, or `Err` of what
    /// to throw (the iterator is done then).
    #[allow(unused_variables)]
    fn catch(&mut self, env: &'env Env, value: Unknown<'env>) -> std::result::Result<Option<Self::Yield>, Unknown<'env>> {
        Err(value)
    }
}

impl<'env, T: Generator> ScopedGenerator<'env> for T
where
    T::Yield: 'env,
{
    type Yield = T::Yield;
    type Next = T::Next;
    type Return = T::Return;

    fn next(&mut self, _env: &'env Env, value: Option<Self::Next>) -> Option<Self::Yield> {
        Generator::next(self, value)
    }

    fn complete(&mut self, _env: &'env Env, value: Option<Self::Return>) -> Option<Self::Yield> {
        Generator::complete(self, value)
    }

    fn catch(&mut self, env: &'env Env, value: Unknown<'env>) -> std::result::Result<Option<Self::Yield>, Unknown<'env>> {
        Generator::catch(self, *env, value)
    }
}

/// The own property marking a finished iterator (not enumerable).
const DONE_KEY: &str = "[[GeneratorDone]]";

unsafe fn is_done(env: Env, this: sys::napi_value) -> Result<bool> {
    let key = env.string(DONE_KEY)?;
    env.call(|result| sys::napi_has_own_property(env.raw(), this, key, result))
}

unsafe fn mark_done(env: Env, this: sys::napi_value) -> Result<()> {
    if is_done(env, this)? {
        return Ok(());
    }
    let value = env.call(|result| sys::napi_get_boolean(env.raw(), true, result))?;
    define_hidden(env, this, DONE_KEY, value)
}

/// Defines `object[key] = value`, read-only and not enumerable.
pub(crate) unsafe fn define_hidden(env: Env, object: sys::napi_value, key: &str, value: sys::napi_value) -> Result<()> {
    let descriptor = sys::napi_property_descriptor {
        utf8name: ptr::null(),
        name: env.string(key)?,
        method: None,
        getter: None,
        setter: None,
        value,
        attributes: sys::napi_default,
        data: ptr::null_mut(),
    };
    env.check(sys::napi_define_properties(env.raw(), object, 1, &descriptor))
}

/// `{ done, value }`, without `value` when there is none.
unsafe fn iterator_result<Y: ToNapiValue>(env: Env, value: Option<Y>) -> Result<sys::napi_value> {
    let result = env.call(|result| sys::napi_create_object(env.raw(), result))?;
    let done = env.call(|done| sys::napi_get_boolean(env.raw(), value.is_none(), done))?;
    env.set_named(result, "done", done)?;
    if let Some(value) = value {
        let value = value.to_napi_value(env)?;
        env.set_named(result, "value", value)?;
    }
    Ok(result)
}

/// An optional argument: `None` when left out or `undefined`.
unsafe fn optional<T: FromNapiValue>(env: Env, call: &CallInfo<1>) -> Result<Option<T>> {
    if call.argc == 0 || env.type_of(call.args[0])? == sys::napi_undefined {
        return Ok(None);
    }
    T::from_napi_value(env.raw(), call.args[0]).map(Some)
}

unsafe fn step<'env, T: Class + ScopedGenerator<'env>>(env: &'env Env, info: sys::napi_callback_info) -> Result<sys::napi_value> {
    let env_value = *env;
    let call = CallInfo::<1>::read(env_value, info)?;
    let generator = unwrap::<T>(env_value, call.this)?;
    if is_done(env_value, call.this)? {
        return iterator_result::<T::Yield>(env_value, None);
    }
    let value = optional::<T::Next>(env_value, &call)?;
    let produced = generator.next(env, value);
    if produced.is_none() {
        mark_done(env_value, call.this)?;
    }
    iterator_result(env_value, produced)
}

unsafe fn complete<'env, T: Class + ScopedGenerator<'env>>(env: &'env Env, info: sys::napi_callback_info) -> Result<sys::napi_value> {
    let env_value = *env;
    let call = CallInfo::<1>::read(env_value, info)?;
    let generator = unwrap::<T>(env_value, call.this)?;
    if is_done(env_value, call.this)? {
        return iterator_result::<T::Yield>(env_value, None);
    }
    let value = optional::<T::Return>(env_value, &call)?;
    mark_done(env_value, call.this)?;
    let last = generator.complete(env, value);
    let result = iterator_result::<T::Yield>(env_value, None)?;
    if let Some(last) = last {
        let last = last.to_napi_value(env_value)?;
        env_value.set_named(result, "value", last)?;
    }
    Ok(result)
}

unsafe fn catch<'env, T: Class + ScopedGenerator<'env>>(env: &'env Env, info: sys::napi_callback_info) -> Result<sys::napi_value> {
    let env_value = *env;
    let call = CallInfo::<1>::read(env_value, info)?;
    let generator = unwrap::<T>(env_value, call.this)?;
    let rethrow = |value: sys::napi_value| {
        env_value.check(sys::napi_throw(env_value.raw(), value))?;
        Err(Error::pending())
    };
    if is_done(env_value, call.this)? {
        return rethrow(call.args[0]);
    }
    match generator.catch(env, crate::JsValue(call.args[0], env_value)) {
        Ok(Some(value)) => iterator_result(env_value, Some(value)),
        Ok(None) => {
            mark_done(env_value, call.this)?;
            iterator_result::<T::Yield>(env_value, None)
        }
        Err(thrown) => {
            mark_done(env_value, call.this)?;
            rethrow(thrown.0)
        }
    }
}

unsafe extern "C" fn next<T: Class + for<'env> ScopedGenerator<'env>>(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    run(env, |env| step::<T>(&env, info))
}

unsafe extern "C" fn finish<T: Class + for<'env> ScopedGenerator<'env>>(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    run(env, |env| complete::<T>(&env, info))
}

unsafe extern "C" fn throw<T: Class + for<'env> ScopedGenerator<'env>>(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    run(env, |env| catch::<T>(&env, info))
}

unsafe extern "C" fn iterator_self(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    run(env, |env| Ok(CallInfo::<0>::read(env, info)?.this))
}

/// Makes `class`'s instances iterators: `next`, `return` and `throw` on its prototype,
/// `[Symbol.iterator]() { return this }`, and `Iterator.prototype` (where the runtime has
/// it) above the prototype, for the iterator helpers.
pub unsafe fn define_generator<T: Class + for<'env> ScopedGenerator<'env>>(env: Env, class: sys::napi_value) -> Result<()> {
    let prototype = env.get_named(class, "prototype")?;
    let global = env.global()?;
    let symbol = env.get_named(global, "Symbol")?;
    let iterator_symbol = env.get_named(symbol, "iterator")?;
    let method = |name: sys::napi_value, callback: crate::class::Callback| sys::napi_property_descriptor {
        utf8name: ptr::null(),
        name,
        method: Some(callback),
        getter: None,
        setter: None,
        value: ptr::null_mut(),
        attributes: sys::napi_default_method,
        data: ptr::null_mut(),
    };
    let descriptors = [
        method(env.string("next")?, next::<T>),
        method(env.string("return")?, finish::<T>),
        method(env.string("throw")?, throw::<T>),
        method(iterator_symbol, iterator_self),
    ];
    env.check(sys::napi_define_properties(env.raw(), prototype, descriptors.len(), descriptors.as_ptr()))?;
    let iterator = env.get_named(global, "Iterator")?;
    if env.type_of(iterator)? != sys::napi_function {
        return Ok(());
    }
    let iterator_prototype = env.get_named(iterator, "prototype")?;
    let object = env.get_named(global, "Object")?;
    let set_prototype_of = env.get_named(object, "setPrototypeOf")?;
    let arguments = [prototype, iterator_prototype];
    env.call(|result| sys::napi_call_function(env.raw(), object, set_prototype_of, 2, arguments.as_ptr(), result))?;
    Ok(())
}
