//! The one `extern "C"` boundary of generated functions: arguments in, result or thrown
//! error out, and panics caught before they reach C.

use crate::convert::FromNapiValue;
use crate::error::{panic_message, Error, Result};
use crate::sys;
use crate::Env;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

/// One call's `this`, arguments (missing ones are `undefined`) and data pointer.
pub struct CallInfo<const N: usize> {
    pub this: sys::napi_value,
    pub args: [sys::napi_value; N],
    pub argc: usize,
    pub data: *mut std::ffi::c_void,
}

impl<const N: usize> CallInfo<N> {
    /// Reads the callback info of the current call.
    #[inline]
    pub unsafe fn read(env: Env, info: sys::napi_callback_info) -> Result<Self> {
        let mut call = CallInfo { this: ptr::null_mut(), args: [ptr::null_mut(); N], argc: N, data: ptr::null_mut() };
        env.check(sys::napi_get_cb_info(env.raw(), info, &mut call.argc, call.args.as_mut_ptr(), &mut call.this, &mut call.data))?;
        Ok(call)
    }

    /// Argument `index` converted (its errors, as napi-rs's, do not name the argument).
    #[inline]
    pub unsafe fn arg<T: FromNapiValue>(&self, env: Env, index: usize) -> Result<T> {
        T::from_napi_value(env.raw(), self.args[index])
    }
}

/// Runs a generated function body: an `Err` or a panic becomes a thrown JS error.
#[inline]
pub unsafe fn run(env: sys::napi_env, body: impl FnOnce(Env) -> Result<sys::napi_value>) -> sys::napi_value {
    crate::value_ref::release_orphans(env);
    let env = Env::from_raw(env);
    let outcome = catch_unwind(AssertUnwindSafe(|| body(env)))
        .unwrap_or_else(|payload| Err(Error::coded("Panic", panic_message(payload.as_ref()))));
    outcome.unwrap_or_else(|error| {
        unsafe { error.throw(env) };
        ptr::null_mut()
    })
}
