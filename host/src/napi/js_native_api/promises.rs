//! Promises: a promise and the deferred that settles it once.

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::value::{check_arg, ensure, from_napi, out, to_napi};

/// Settles and frees a deferred.
fn conclude(scope: &mut v8::PinScope, deferred: napi_deferred, value: napi_value, resolve: bool) -> crate::napi::boundary::Result {
    check_arg(deferred)?;
    let value = from_napi(value)?;
    // SAFETY: a deferred is the boxed Global napi_create_promise returned; settling frees it.
    let resolver = unsafe { Box::from_raw(deferred.cast::<v8::Global<v8::PromiseResolver>>()) };
    let resolver = v8::Local::new(scope, *resolver);
    let settled = if resolve { resolver.resolve(scope, value) } else { resolver.reject(scope, value) };
    ensure(settled == Some(true), Status::GenericFailure)?;
    Ok(())
}

napi! {
    /// A pending promise and the deferred that settles it.
    fn napi_create_promise(env: Js, scope, deferred: *mut napi_deferred, promise: *mut napi_value) {
        let deferred = out(deferred)?;
        let promise = out(promise)?;
        let resolver = v8::PromiseResolver::new(scope).ok_or(Status::GenericFailure)?;
        *promise = to_napi(resolver.get_promise(scope));
        *deferred = Box::into_raw(Box::new(v8::Global::new(scope, resolver))).cast();
        Ok(())
    }

    /// Resolves a deferred's promise and frees the deferred.
    fn napi_resolve_deferred(env: Js, scope, deferred: napi_deferred, resolution: napi_value) {
        conclude(scope, deferred, resolution, true)
    }

    /// Rejects a deferred's promise and frees the deferred.
    fn napi_reject_deferred(env: Js, scope, deferred: napi_deferred, rejection: napi_value) {
        conclude(scope, deferred, rejection, false)
    }

    /// Whether a value is a promise.
    fn napi_is_promise(env: NoJs, _, value: napi_value, is_promise: *mut bool) {
        let value = from_napi(value)?;
        *out(is_promise)? = value.is_promise();
        Ok(())
    }
}
