//! Promises: a promise and the deferred that settles it once.

use std::ptr::NonNull;

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::reference::global;
use crate::napi::value::{ensure, from_napi, out, to_napi};

/// Settles and frees a deferred: the resolver's global slot napi_create_promise returned.
fn conclude(scope: &mut v8::PinScope, deferred: napi_deferred, value: napi_value, resolve: bool) -> crate::napi::boundary::Result {
    let slot = NonNull::new(deferred.cast::<v8::Value>()).ok_or(Status::InvalidArg)?;
    let value = from_napi(value)?;
    let resolver = global::as_local::<v8::PromiseResolver>(slot);
    let settled = if resolve { resolver.resolve(scope, value) } else { resolver.reject(scope, value) };
    // SAFETY: each deferred is settled once; the slot is not used after this.
    unsafe { global::reset(slot) };
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
        *deferred = global::strong(scope, resolver.into()).as_ptr().cast();
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
