//! Promises: a promise and the deferred that settles it once.

use std::ptr::NonNull;

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::reference::global;
use crate::napi::env::Env;
use crate::napi::value::{ensure, from_napi, local, out, to_napi, Words, JUST_TRUE};

/// The promise calls, straight through the v8 crate's glue: with them the napi calls need
/// no Rust scope.
mod shim {
    unsafe extern "C" {
        #[link_name = "v8__Promise__Resolver__New"]
        pub fn new_resolver(context: *const v8::Context) -> *const v8::PromiseResolver;
        /// A MaybeBool (see value::JUST_TRUE).
        #[link_name = "v8__Promise__Resolver__Resolve"]
        pub fn resolve(resolver: *const v8::PromiseResolver, context: *const v8::Context, value: *const v8::Value) -> i32;
        #[link_name = "v8__Promise__Resolver__Reject"]
        pub fn reject(resolver: *const v8::PromiseResolver, context: *const v8::Context, value: *const v8::Value) -> i32;
    }
}

/// A new promise, word for word: map, properties, elements, the embedder field (the v8
/// crate builds V8 with one), reactions (none yet) and flags (pending), the same in every
/// promise V8's factory makes for the env's context (src/objects/js-promise.tq).
#[derive(Clone, Copy)]
pub(crate) struct PromiseTemplate([usize; PROMISE_WORDS]);

const PROMISE_WORDS: usize = 6;
const PROMISE_SIZE: usize = PROMISE_WORDS * 8;

impl PromiseTemplate {
    /// The env's template, copied from a promise V8 made, if a promise bump-allocated from
    /// it behaves as V8's and V8 allocates right after it. (The factory also runs promise
    /// hooks: while one is installed, envs have no template.)
    pub fn new(scope: &mut v8::PinScope, words: Option<Words>) -> Option<PromiseTemplate> {
        let words = words?;
        v8::scope!(let scope, scope);
        let (first, address) = from_factory(scope, &words)?;
        // SAFETY: V8 made this promise a moment ago: PROMISE_SIZE bytes at `address`.
        let template = PromiseTemplate(unsafe { std::ptr::read(address as *const [usize; PROMISE_WORDS]) });
        let made = local::<v8::PromiseResolver>(template.make(&words)?.cast())?;
        let (after, after_address) = from_factory(scope, &words)?;
        // SAFETY: as above.
        let after_words = unsafe { std::ptr::read(after_address as *const [usize; PROMISE_WORDS]) };
        let placed = words.heap_object_address(made.into()) == Some(after_address - PROMISE_SIZE) && after_words == template.0;
        let value = v8::Integer::new(scope, 42).into();
        let settled = made.resolve(scope, value) == Some(true);
        let (made, first, after) = (made.get_promise(scope), first.get_promise(scope), after.get_promise(scope));
        let behaves = made.state() == v8::PromiseState::Fulfilled
            && made.result(scope).strict_equals(value)
            && first.state() == v8::PromiseState::Pending
            && after.state() == v8::PromiseState::Pending
            && made.get_prototype(scope).is_some_and(|prototype| Some(prototype) == first.get_prototype(scope));
        (placed && settled && behaves).then_some(template)
    }

    /// A new pending promise (its own resolver), bump-allocated in the young generation;
    /// None when the young buffer or the handle block is full.
    #[inline(always)]
    pub fn make(&self, words: &Words) -> Option<napi_value> {
        // SAFETY: on the env's thread inside a napi call; the object is written whole at once.
        unsafe {
            let (handle, start) = words.young_object(PROMISE_SIZE)?;
            std::ptr::write(start as *mut [usize; PROMISE_WORDS], self.0);
            Some(handle)
        }
    }
}

/// A promise from V8's factory and its address, if it landed at the young buffer's top and
/// moved it by PROMISE_SIZE (else the size is wrong, or V8 refilled the buffer meanwhile).
fn from_factory<'s>(scope: &mut v8::PinScope<'s, '_>, words: &Words) -> Option<(v8::Local<'s, v8::PromiseResolver>, usize)> {
    let top = words.young_top()?;
    let resolver = v8::PromiseResolver::new(scope)?;
    let address = words.heap_object_address(resolver.into())?;
    (address == top && words.young_top()? == top + PROMISE_SIZE).then_some((resolver, address))
}

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
