//! The V8 TryCatch that one call into the addon shares among its napi calls that may run
//! JS. Node opens a TryCatch per such call (NAPI_PREAMBLE); opening and closing one costs
//! about as much as the rest of a cheap napi call. Here the first of them constructs it in
//! the frame of `Env::enter_module`, the later ones reuse it, and each takes what it caught
//! and resets it, so every napi call still sees only its own exception.
//!
//! It is constructed and unregistered as V8's constructor and destructor do, by writing its
//! words and the isolate's handler slot, from a layout each env checks when it is made;
//! without that layout every napi call opens a TryCatch of its own.

use std::mem::MaybeUninit;

use crate::napi::value::{layout_shortcuts_allowed, THREAD_LOCAL_TOP_OFFSET, THREAD_LOCAL_TOP_SIZE};

/// V8's `v8::TryCatch` (include/v8-exception.h): i_isolate_, next_, exception_, message_obj_,
/// js_stack_comparable_address_, flags_.
#[repr(C)]
struct RawTryCatch([MaybeUninit<usize>; 6]);

const ISOLATE: usize = 0;
const NEXT: usize = 1;
/// Word index of `exception_`: the hole until something is caught.
const EXCEPTION: usize = 2;
const MESSAGE: usize = 3;
const FLAGS: usize = 5;

unsafe extern "C" {
    fn v8__TryCatch__CONSTRUCT(buf: *mut RawTryCatch, isolate: v8::UnsafeRawIsolatePtr);
    fn v8__TryCatch__DESTRUCT(this: *mut RawTryCatch);
    fn v8__TryCatch__HasCaught(this: *const RawTryCatch) -> bool;
    fn v8__TryCatch__HasTerminated(this: *const RawTryCatch) -> bool;
    fn v8__TryCatch__Exception(this: *const RawTryCatch) -> *const v8::Value;
    fn v8__TryCatch__Reset(this: *mut RawTryCatch);
    fn v8__Isolate__IsExecutionTerminating(isolate: v8::UnsafeRawIsolatePtr) -> bool;
}

/// How V8 registers a TryCatch in an isolate: the isolate's slot for the innermost one
/// (`ThreadLocalTop::try_catch_handler_`) and the words a new one starts with.
#[derive(Clone, Copy)]
pub struct TryCatchLayout {
    handler_slot: *mut usize,
    /// The hole, which `exception_` and `message_obj_` hold while nothing is caught.
    hole: usize,
    /// `flags_` as the constructor sets them (can continue, capture message).
    flags: usize,
}

impl TryCatchLayout {
    /// The layout, if a TryCatch constructed from it is registered as V8's own: V8 routes an
    /// exception to it, and unregistering it restores the one outside.
    pub fn new(scope: &mut v8::PinScope) -> Option<TryCatchLayout> {
        if !layout_shortcuts_allowed() {
            return None;
        }
        v8::scope!(let scope, scope);
        // SAFETY: the pointer is only passed to V8 while the isolate lives.
        let isolate = unsafe { scope.as_raw_isolate_ptr() };
        // SAFETY: an UnsafeRawIsolatePtr is the isolate's address.
        let isolate_address = unsafe { std::mem::transmute::<v8::UnsafeRawIsolatePtr, usize>(isolate) };
        let mut outer = std::pin::pin!(RawTryCatch([MaybeUninit::uninit(); 6]));
        // SAFETY: constructed in place here and destructed below, in the same frame.
        unsafe { v8__TryCatch__CONSTRUCT(outer.as_mut().get_unchecked_mut(), isolate) };
        let outer_address = &*outer as *const RawTryCatch as usize;
        // SAFETY: V8's constructor set every word but the flags' padding.
        let word = |index: usize| unsafe { outer.0[index].assume_init() };
        let (hole, next) = (word(EXCEPTION), word(NEXT));
        // SAFETY: ThreadLocalTop lies inside the isolate; reading its words changes nothing.
        let holding_outer: Vec<usize> = (0..THREAD_LOCAL_TOP_SIZE / 8)
            .map(|index| isolate_address + THREAD_LOCAL_TOP_OFFSET + index * 8)
            .filter(|&slot| unsafe { *(slot as *const usize) } == outer_address)
            .collect();
        let mut layout = None;
        if let (&[slot], true) = (&holding_outer[..], word(ISOLATE) == isolate_address && word(MESSAGE) == hole && hole & 3 == 1) {
            let candidate = TryCatchLayout { handler_slot: slot as *mut usize, hole, flags: word(FLAGS) & 0xff };
            layout = candidate.routes_exceptions(scope, outer_address).then_some(candidate);
        }
        // SAFETY: constructed above; nothing was caught by it unless the check failed.
        unsafe { v8__TryCatch__DESTRUCT(outer.as_mut().get_unchecked_mut()) };
        // SAFETY: the slot checked above.
        layout.filter(|layout| unsafe { *layout.handler_slot } == next)
    }

    /// Whether a CallTryCatch constructed from this layout inside `outer` catches what V8
    /// throws (and `outer` does not), and unregisters back to `outer`.
    fn routes_exceptions(self, scope: &mut v8::PinScope, outer: usize) -> bool {
        // SAFETY: as in `new`.
        let isolate = unsafe { scope.as_raw_isolate_ptr() };
        let (registered, caught, then_empty, outer_caught) = {
            let mut inner = std::pin::pin!(CallTryCatch::new());
            // SAFETY: not moved; it drops in place at the end of this block.
            let inner = unsafe { inner.as_mut().get_unchecked_mut() };
            inner.construct(isolate, &self);
            let inner_address = &inner.raw as *const RawTryCatch as usize;
            // SAFETY: the slot found in `new`; the inner TryCatch was just constructed.
            let registered = unsafe { *self.handler_slot == inner_address && inner.raw.0[NEXT].assume_init() == outer };
            let thrown = v8::Integer::new(scope, 7).into();
            scope.throw_exception(thrown);
            // SAFETY: outer is a live, constructed TryCatch.
            let outer_caught = unsafe { v8__TryCatch__HasCaught(outer as *const RawTryCatch) };
            let caught = matches!(inner.take(), Some(Caught::Exception(exception)) if exception.strict_equals(thrown));
            (registered, caught, inner.take().is_none(), outer_caught)
        };
        // SAFETY: as above.
        let unregistered = unsafe { *self.handler_slot == outer };
        registered && caught && !outer_caught && then_empty && unregistered
    }
}

/// A TryCatch for one call into the addon, constructed on first use.
pub struct CallTryCatch {
    /// The isolate's handler slot, once constructed (NULL before).
    handler_slot: *mut usize,
    /// The hole: `exception_` while nothing is caught. Set at construction.
    hole: MaybeUninit<usize>,
    /// Whether the isolate is terminating: JS cannot run. Termination starts only while
    /// JS runs, which is inside a napi call whose TryCatch then catches it, so this is
    /// checked with V8 once, at construction (which sets it).
    terminated: MaybeUninit<bool>,
    raw: RawTryCatch,
    _pinned: std::marker::PhantomPinned,
}

/// What a napi call's TryCatch caught.
pub enum Caught<'s> {
    /// An exception, now the napi call's to make pending.
    Exception(v8::Local<'s, v8::Value>),
    /// Termination: there is no exception to hand back to JS.
    Termination,
}

impl CallTryCatch {
    pub fn new() -> CallTryCatch {
        CallTryCatch {
            handler_slot: std::ptr::null_mut(),
            hole: MaybeUninit::uninit(),
            terminated: MaybeUninit::uninit(),
            raw: RawTryCatch([MaybeUninit::uninit(); 6]),
            _pinned: std::marker::PhantomPinned,
        }
    }

    /// Constructs the TryCatch unless it is.
    #[inline(always)]
    pub fn ensure(&mut self, isolate: v8::UnsafeRawIsolatePtr, layout: &TryCatchLayout) {
        if self.handler_slot.is_null() {
            self.construct(isolate, layout);
        }
    }

    /// Constructs and registers the TryCatch as V8's constructor does. Its stack address
    /// is this frame's (enter_module's): V8 orders an external TryCatch against JS entry
    /// frames by it, and a JS entry the addon makes later must be below it.
    #[inline(never)]
    fn construct(&mut self, isolate: v8::UnsafeRawIsolatePtr, layout: &TryCatchLayout) {
        // SAFETY: an UnsafeRawIsolatePtr is the isolate's address.
        let isolate_address = unsafe { std::mem::transmute::<v8::UnsafeRawIsolatePtr, usize>(isolate) };
        let here = self as *const CallTryCatch as usize;
        // SAFETY: the handler slot of this isolate checked out; this TryCatch is pinned and
        // unregistered when it drops, before any TryCatch constructed before it (frames nest).
        unsafe {
            let next = *layout.handler_slot;
            self.raw = RawTryCatch([isolate_address, next, layout.hole, layout.hole, here, layout.flags].map(MaybeUninit::new));
            *layout.handler_slot = &self.raw as *const RawTryCatch as usize;
            self.terminated = MaybeUninit::new(v8__Isolate__IsExecutionTerminating(isolate));
        }
        self.handler_slot = layout.handler_slot;
        self.hole = MaybeUninit::new(layout.hole);
    }

    /// Whether JS cannot run: the isolate is terminating.
    #[inline(always)]
    pub fn terminated(&self) -> bool {
        // SAFETY: only called once constructed.
        unsafe { self.terminated.assume_init() }
    }

    /// Takes what the TryCatch caught, if anything, leaving it ready for the next napi call.
    #[inline(always)]
    pub fn take<'s>(&mut self) -> Option<Caught<'s>> {
        // SAFETY: only called once constructed, which set both words; V8 writes
        // `exception_` when it catches.
        if unsafe { self.raw.0[EXCEPTION].assume_init() == self.hole.assume_init() } {
            return None;
        }
        Some(self.take_caught())
    }

    #[inline(never)]
    fn take_caught<'s>(&mut self) -> Caught<'s> {
        // SAFETY: constructed and caught; Exception makes a handle in the current scope.
        unsafe {
            let caught = if v8__TryCatch__HasTerminated(&self.raw) {
                self.terminated = MaybeUninit::new(true);
                Caught::Termination
            } else {
                Caught::Exception(crate::napi::value::local(v8__TryCatch__Exception(&self.raw)).expect("a caught exception"))
            };
            v8__TryCatch__Reset(&mut self.raw);
            caught
        }
    }
}

impl Drop for CallTryCatch {
    fn drop(&mut self) {
        if self.handler_slot.is_null() {
            return;
        }
        // SAFETY: constructed; frames nest, so it is the innermost TryCatch. With nothing
        // caught V8's destructor only unregisters it; otherwise V8 does the rest.
        unsafe {
            if self.raw.0[EXCEPTION].assume_init() == self.hole.assume_init() {
                *self.handler_slot = self.raw.0[NEXT].assume_init();
            } else {
                v8__TryCatch__DESTRUCT(&mut self.raw);
            }
        }
    }
}
