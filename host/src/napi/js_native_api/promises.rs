//! Promises: a promise and the deferred that settles it once.

use std::ptr::NonNull;

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::v8_layout::glue::promises as shim;
use crate::napi::v8_layout::glue::JUST_TRUE;
use crate::napi::v8_layout::global;
use crate::napi::env::Env;
use crate::napi::value::{ensure, from_napi, local, out, to_napi};



/// Settles and frees a deferred: the resolver's global slot napi_create_promise returned.
fn conclude(env: &Env, deferred: napi_deferred, value: napi_value, resolve: bool) -> crate::napi::boundary::Result {
    let slot = NonNull::new(deferred.cast::<v8::Value>()).ok_or(Status::InvalidArg)?;
    let value = from_napi(value)?;
    let resolver = global::as_local::<v8::PromiseResolver>(slot);
    let settle = if resolve { shim::resolve } else { shim::reject };
    // SAFETY: a live resolver and value, the env's context.
    let settled = unsafe { settle(&*resolver, &*env.context(), &*value) };
    // SAFETY: each deferred is settled once; the slot is not used after this.
    unsafe { global::reset(slot) };
    ensure(settled == JUST_TRUE, Status::GenericFailure)?;
    Ok(())
}

napi! {
    /// A pending promise and the deferred that settles it.
    fn napi_create_promise(env: Js, _, deferred: *mut napi_deferred, promise: *mut napi_value) {
        let deferred = out(deferred)?;
        let promise = out(promise)?;
        let made = env.promise_template.zip(env.words.as_ref()).and_then(|(template, words)| template.make(words));
        // The resolver is the promise itself.
        let made = match made {
            Some(made) => made,
            // SAFETY: the env's context; V8 returns a handle or NULL.
            None => to_napi(local(unsafe { shim::new_resolver(&*env.context()) }).ok_or(Status::GenericFailure)?),
        };
        *promise = made;
        *deferred = global::strong(env.raw_isolate(), from_napi(made)?).as_ptr().cast();
        Ok(())
    }

    /// Resolves a deferred's promise and frees the deferred.
    fn napi_resolve_deferred(env: Js, _, deferred: napi_deferred, resolution: napi_value) {
        conclude(env, deferred, resolution, true)
    }

    /// Rejects a deferred's promise and frees the deferred.
    fn napi_reject_deferred(env: Js, _, deferred: napi_deferred, rejection: napi_value) {
        conclude(env, deferred, rejection, false)
    }

    /// Whether a value is a promise.
    fn napi_is_promise(env: NoJs, _, value: napi_value, is_promise: *mut bool) {
        let value = from_napi(value)?;
        *out(is_promise)? = value.is_promise();
        Ok(())
    }
}
