//! `ThreadsafeFunction`: a JS function any Rust thread can call; the calls run on the JS
//! thread, in order.

use crate::callback::run;
use crate::convert::{expect_type, FromNapiValue, ToNapiValue};
use crate::error::{Error, Result, Status};
use crate::sys;
use crate::Env;
use std::ffi::c_void;
use std::marker::PhantomData;
use std::ptr;

/// A raw `napi_threadsafe_function`, which Node-API allows any thread to use.
pub(crate) struct RawThreadsafeFunction(pub sys::napi_threadsafe_function);

// SAFETY: Node-API's threadsafe function calls are made to be called from any thread.
unsafe impl Send for RawThreadsafeFunction {}
unsafe impl Sync for RawThreadsafeFunction {}

impl RawThreadsafeFunction {
    pub(crate) fn get(&self) -> sys::napi_threadsafe_function {
        self.0
    }
}

/// How a call's value reaches the JS function.
pub trait ErrorStrategy: 'static {
    /// Callee-handled functions get `(error)` or `(null, value)`; fatal ones get `(value)`
    /// and an error is thrown (as an uncaught exception).
    const CALLEE_HANDLED: bool;
}

/// The JS function receives Node-style `(error, value)`.
pub struct CalleeHandled;

/// The JS function receives `(value)`; errors become uncaught exceptions.
pub struct Fatal;

impl ErrorStrategy for CalleeHandled {
    const CALLEE_HANDLED: bool = true;
}

impl ErrorStrategy for Fatal {
    const CALLEE_HANDLED: bool = false;
}

/// Whether a call waits for room in a full queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallMode {
    Blocking,
    NonBlocking,
}

/// A JS function callable from any thread with values of `T`. Cloning acquires it,
/// dropping releases it; while any clone lives, it keeps the event loop alive (unless
/// `unref`ed).
pub struct ThreadsafeFunction<T: ToNapiValue + Send + 'static, S: ErrorStrategy = CalleeHandled> {
    raw: RawThreadsafeFunction,
    values: PhantomData<fn(T) -> S>,
}

unsafe extern "C" fn call_js<T: ToNapiValue, S: ErrorStrategy>(
    env: sys::napi_env,
    function: sys::napi_value,
    _context: *mut c_void,
    data: *mut c_void,
) {
    let value = Box::from_raw(data.cast::<Result<T>>());
    if env.is_null() || function.is_null() {
        return; // torn down: the value is dropped
    }
    run(env, |env| {
        let arguments = match (*value, S::CALLEE_HANDLED) {
            (Ok(value), true) => vec![env.null()?, value.to_napi_value(env)?],
            (Ok(value), false) => vec![value.to_napi_value(env)?],
            (Err(error), true) => vec![error.into_js_value(env)?],
            (Err(error), false) => return Err(error),
        };
        let this = env.undefined()?;
        env.call(|result| sys::napi_call_function(env.raw(), this, function, arguments.len(), arguments.as_ptr(), result))
    });
}

impl<T: ToNapiValue + Send + 'static, S: ErrorStrategy> ThreadsafeFunction<T, S> {
    /// Queues a call of the JS function with `value` (an `Err` for the error argument).
    pub fn call(&self, value: Result<T>, mode: CallMode) -> Result<()> {
        let data = Box::into_raw(Box::new(value));
        let mode = match mode {
            CallMode::Blocking => sys::napi_tsfn_blocking,
            CallMode::NonBlocking => sys::napi_tsfn_nonblocking,
        };
        let status = unsafe { sys::napi_call_threadsafe_function(self.raw.get(), data.cast(), mode) };
        if status == sys::napi_ok {
            return Ok(());
        }
        drop(unsafe { Box::from_raw(data) });
        Err(Error::from_status(Status(status), "the threadsafe function did not take the call"))
    }

    /// Lets the event loop exit while this function is alive (JS thread only).
    pub fn unref(&self, env: Env) -> Result<()> {
        env.check(unsafe { sys::napi_unref_threadsafe_function(env.raw(), self.raw.get()) })
    }

    /// Keeps the event loop alive while this function is alive (JS thread only).
    pub fn reference(&self, env: Env) -> Result<()> {
        env.check(unsafe { sys::napi_ref_threadsafe_function(env.raw(), self.raw.get()) })
    }
}

impl<T: ToNapiValue + Send + 'static, S: ErrorStrategy> Clone for ThreadsafeFunction<T, S> {
    fn clone(&self) -> Self {
        unsafe { sys::napi_acquire_threadsafe_function(self.raw.get()) };
        ThreadsafeFunction { raw: RawThreadsafeFunction(self.raw.get()), values: PhantomData }
    }
}

impl<T: ToNapiValue + Send + 'static, S: ErrorStrategy> Drop for ThreadsafeFunction<T, S> {
    fn drop(&mut self) {
        unsafe { sys::napi_release_threadsafe_function(self.raw.get(), sys::napi_tsfn_release) };
    }
}

/// Made from a JS function argument.
impl<T: ToNapiValue + Send + 'static, S: ErrorStrategy> FromNapiValue for ThreadsafeFunction<T, S> {
    unsafe fn from_napi_value(env: Env, value: sys::napi_value) -> Result<Self> {
        expect_type(env, value, sys::napi_function)?;
        let name = env.string("anode-napi ThreadsafeFunction")?;
        let raw = env.call(|result| {
            sys::napi_create_threadsafe_function(
                env.raw(),
                value,
                ptr::null_mut(),
                name,
                0,
                1,
                ptr::null_mut(),
                None,
                ptr::null_mut(),
                Some(call_js::<T, S>),
                result,
            )
        })?;
        Ok(ThreadsafeFunction { raw: RawThreadsafeFunction(raw), values: PhantomData })
    }
}
