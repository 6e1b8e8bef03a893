//! `PromiseRaw`: a JS promise handled on the JS thread — chained with `then`/`catch`/`finally`,
//! made settled, or made from a future (`Env::spawn_future`).

use crate::callback::{run, CallInfo};
use crate::convert::{FromNapiValue, ToNapiValue};
use crate::error::{Error, Result};
use crate::sys;
use crate::tasks::Deferred;
use crate::Env;
use std::ffi::c_void;
use std::marker::PhantomData;

/// A JS promise of a `T`, valid for the call it was received in or made in (`'env`).
pub struct PromiseRaw<'env, T> {
    env: Env,
    value: sys::napi_value,
    output: PhantomData<(&'env (), fn() -> T)>,
}

impl<'env, T> PromiseRaw<'env, T> {
    /// The promise as an `Unknown`.
    pub fn to_unknown(&self) -> crate::Unknown<'env> {
        crate::JsValue(self.value, self.env)
    }
}

/// What a `then`/`catch` callback gets: the env and the settled value (or rejection reason).
pub struct CallbackContext<T> {
    pub env: Env,
    pub value: T,
}

impl<'env, T> PromiseRaw<'env, T> {
    pub(crate) fn new(env: Env, value: sys::napi_value) -> Self {
        PromiseRaw { env, value, output: PhantomData }
    }

    /// The JS promise.
    pub fn raw(&self) -> sys::napi_value {
        self.value
    }

    pub(crate) fn env(&self) -> Env {
        self.env
    }

    /// A promise resolved with `value`.
    pub fn resolve(env: &'env Env, value: T) -> Result<Self>
    where
        T: ToNapiValue,
    {
        Self::settled(*env, Ok(value))
    }

    /// A promise rejected with `error`.
    pub fn reject(env: &'env Env, error: Error) -> Result<Self>
    where
        T: ToNapiValue,
    {
        Self::settled(*env, Err(error))
    }

    fn settled(env: Env, outcome: Result<T>) -> Result<Self>
    where
        T: ToNapiValue,
    {
        unsafe {
            let (deferred, promise) = Deferred::new(env)?;
            deferred.settle(env, outcome);
            Ok(PromiseRaw::new(env, promise))
        }
    }

    /// `promise.then(callback)`: the promise of what `callback` returns for the value.
    pub fn then<U, C>(&self, callback: C) -> Result<PromiseRaw<'env, U>>
    where
        T: FromNapiValue,
        U: ToNapiValue,
        C: FnOnce(CallbackContext<T>) -> Result<U> + 'static,
    {
        let handler = unsafe { self.handler(on_settled::<T, U, C>, callback)? };
        unsafe { self.chain("then", &[handler]) }
    }

    /// `promise.catch(callback)`: the promise of what `callback` returns for a rejection
    /// reason converted to `E` (a fulfilled value passes through).
    pub fn catch<E, U, C>(&self, callback: C) -> Result<PromiseRaw<'env, U>>
    where
        E: FromNapiValue,
        U: ToNapiValue,
        C: FnOnce(CallbackContext<E>) -> Result<U> + 'static,
    {
        let handler = unsafe { self.handler(on_settled::<E, U, C>, callback)? };
        unsafe { self.chain("catch", &[handler]) }
    }

    /// `promise.finally(callback)`: runs `callback` however the promise settles; the new
    /// promise settles the same way (or rejects with `callback`'s error).
    pub fn finally<C>(&mut self, callback: C) -> Result<PromiseRaw<'env, T>>
    where
        C: FnOnce(Env) -> Result<()> + 'static,
    {
        let handler = unsafe { self.handler(on_finally::<C>, callback)? };
        unsafe { self.chain("finally", &[handler]) }
    }

    /// A JS function running `callback` once (dropped with the function).
    unsafe fn handler<C: 'static>(&self, trampoline: crate::class::Callback, callback: C) -> Result<sys::napi_value> {
        self.env.function_owning("", trampoline, Some(callback))
    }

    /// `promise[method](...arguments)`.
    unsafe fn chain<U>(&self, method: &str, arguments: &[sys::napi_value]) -> Result<PromiseRaw<'env, U>> {
        let env = self.env;
        let method = env.get_named(self.value, method)?;
        let promise = env.call(|result| {
            sys::napi_call_function(env.raw(), self.value, method, arguments.len(), arguments.as_ptr(), result)
        })?;
        Ok(PromiseRaw::new(env, promise))
    }
}


/// The callback's one run, taken from the function's data.
unsafe fn take_callback<C>(data: *mut c_void) -> Result<C> {
    (*data.cast::<Option<C>>()).take().ok_or_else(|| Error::from_reason("the promise callback already ran"))
}

unsafe extern "C" fn on_settled<T, U, C>(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value
where
    T: FromNapiValue,
    U: ToNapiValue,
    C: FnOnce(CallbackContext<T>) -> Result<U>,
{
    run(env, |env| {
        let call = CallInfo::<1>::read(env, info)?;
        let callback = take_callback::<C>(call.data)?;
        let value = T::from_napi_value(env.raw(), call.args[0])?;
        callback(CallbackContext { env, value })?.to_napi_value(env)
    })
}

unsafe extern "C" fn on_finally<C: FnOnce(Env) -> Result<()>>(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    run(env, |env| {
        let call = CallInfo::<0>::read(env, info)?;
        take_callback::<C>(call.data)?(env)?;
        env.undefined()
    })
}

impl<T> FromNapiValue for PromiseRaw<'_, T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        if !env.call(|result| sys::napi_is_promise(env.raw(), value, result))? {
            let actual = crate::type_name(env.type_of(value)?);
            return Err(Error::type_error(format!("expected a Promise, got {actual}")));
        }
        Ok(PromiseRaw::new(env, value))
    }
}

impl<T> ToNapiValue for PromiseRaw<'_, T> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.value)
    }
}

#[cfg(feature = "tokio_rt")]
impl Env {
    /// Runs `future` on the addon's tokio runtime: the promise of its output.
    pub fn spawn_future<'env, T, F>(&'env self, future: F) -> Result<PromiseRaw<'env, T>>
    where
        T: ToNapiValue + Send + 'static,
        F: std::future::Future<Output = Result<T>> + Send + 'static,
    {
        let promise = unsafe { crate::tasks::spawn_promise(*self, future)? };
        Ok(PromiseRaw::new(*self, promise))
    }

    /// Runs `future` on the addon's tokio runtime, then `callback` with its output on the JS
    /// thread: the promise of what `callback` returns.
    pub fn spawn_future_with_callback<'env, T, V, F, C>(&'env self, future: F, callback: C) -> Result<PromiseRaw<'env, V>>
    where
        T: Send + 'static,
        V: ToNapiValue,
        F: std::future::Future<Output = Result<T>> + Send + 'static,
        C: FnOnce(&Env, T) -> Result<V> + 'static,
    {
        let convert = move |env: Env, output: Result<T>| output.and_then(|output| callback(&env, output));
        let promise = unsafe { crate::tasks::spawn_converted(*self, future, convert)? };
        Ok(PromiseRaw::new(*self, promise))
    }
}
