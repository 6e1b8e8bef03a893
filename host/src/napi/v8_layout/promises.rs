//! Promises made without V8's factory: copied word for word from a template promise into
//! the young generation's allocation buffer.

use crate::napi::v8_layout::words::Words;
use napi_sys::napi_value;

use crate::napi::value::local;

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
