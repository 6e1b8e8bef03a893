//! The V8 TryCatches that calls into the addon share among their napi calls that may run
//! JS. Node opens a TryCatch per such call (NAPI_PREAMBLE); opening and closing one costs
//! about as much as the rest of a cheap napi call. Here the first of them in a call into the
//! addon constructs one, the later ones of that call reuse it, and each takes what it caught
//! and resets it, so every napi call still sees only its own exception. The call that
//! constructed it unregisters it when it returns; a call that needed none pays nothing.
//!
//! They are constructed and unregistered as V8's constructor and destructor do, by writing
//! their words and the isolate's handler slot, from a layout checked once per isolate when
//! its first env is made; without it every napi call opens a TryCatch of its own.

use std::mem::MaybeUninit;
use std::sync::OnceLock;

use super::layout_shortcuts_allowed;
use super::words::{THREAD_LOCAL_TOP_OFFSET, THREAD_LOCAL_TOP_SIZE};

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

/// In V8's ThreadLocalTop, words after `try_catch_handler_`: `isolate_`, and `handler_` (the
/// innermost JS entry's stack handler, which V8 orders external TryCatches against).
const ISOLATE_AFTER_HANDLER_SLOT: usize = 1;
const JS_HANDLER_AFTER_HANDLER_SLOT: usize = 6;

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
/// (`ThreadLocalTop::try_catch_handler_`), the slot of the innermost JS entry handler, and
/// the words a new TryCatch starts with.
#[derive(Clone, Copy)]
pub struct TryCatchLayout {
    handler_slot: *mut usize,
    js_handler_slot: *const usize,
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
        let top_slot = |index: usize| (isolate_address + THREAD_LOCAL_TOP_OFFSET + index * 8) as *mut usize;
        let top_word = |index: usize| unsafe { *top_slot(index) };
        let top_words = THREAD_LOCAL_TOP_SIZE / 8;
        let holding_outer: Vec<usize> = (0..top_words).filter(|&index| top_word(index) == outer_address).collect();
        let mut layout = None;
        if let (&[index], true) = (&holding_outer[..], word(ISOLATE) == isolate_address && word(MESSAGE) == hole && hole & 3 == 1) {
            let anchored = index + JS_HANDLER_AFTER_HANDLER_SLOT < top_words && top_word(index + ISOLATE_AFTER_HANDLER_SLOT) == isolate_address;
            let candidate = TryCatchLayout { handler_slot: top_slot(index), js_handler_slot: top_slot(index + JS_HANDLER_AFTER_HANDLER_SLOT), hole, flags: word(FLAGS) & 0xff };
            layout = (anchored && candidate.js_handler_moves(scope) && candidate.routes_exceptions(scope, outer_address)).then_some(candidate);
        }
        // SAFETY: constructed above; nothing was caught by it unless the check failed.
        unsafe { v8__TryCatch__DESTRUCT(outer.as_mut().get_unchecked_mut()) };
        // SAFETY: the slot checked above.
        layout.filter(|layout| unsafe { *layout.handler_slot } == next)
    }

    /// Whether the JS handler slot holds the innermost JS entry's handler: entering JS
    /// moves it to a stack address between the caller's frame and the callee's, and
    /// returning restores it. Checked once per process (the offset is V8's, not the isolate's).
    fn js_handler_moves(self, scope: &mut v8::PinScope) -> bool {
        static MOVES: OnceLock<bool> = OnceLock::new();
        *MOVES.get_or_init(|| self.probe_js_handler(scope))
    }

    /// Calls JS that calls a probe, which reads the slot from inside.
    fn probe_js_handler(self, scope: &mut v8::PinScope) -> bool {
        /// What the probe saw: the slot's value inside JS and the probe's own stack address.
        struct Sight {
            slot: *const usize,
            inside: usize,
            probe_frame: usize,
        }
        extern "C" fn probe(info: *const v8::FunctionCallbackInfo) {
            // SAFETY: V8 passes a valid info; its data is the External holding `sight`.
            let info = unsafe { &*info };
            let data = unsafe { v8::Local::<v8::External>::cast_unchecked(info.get_parts().data) };
            let sight = unsafe { &mut *data.value().cast::<Sight>() };
            let here = 0usize;
            sight.probe_frame = std::hint::black_box(&here) as *const usize as usize;
            // SAFETY: the slot lies inside the isolate.
            sight.inside = unsafe { *sight.slot };
        }
        let here = 0usize;
        let frame = std::hint::black_box(&here) as *const usize as usize;
        // SAFETY: the slot lies inside the isolate.
        let before = unsafe { *self.js_handler_slot };
        let mut sight = Sight { slot: self.js_handler_slot, inside: 0, probe_frame: 0 };
        (|| {
            let source = v8::String::new(scope, "(function (probe) { return probe(); })")?;
            let caller = v8::Script::compile(scope, source, None)?.run(scope)?;
            let caller = v8::Local::<v8::Function>::try_from(caller).ok()?;
            let data = v8::External::new(scope, (&mut sight as *mut Sight).cast());
            let probe = v8::Function::builder_raw(probe).data(data.into()).build(scope)?;
            let undefined = v8::undefined(scope).into();
            caller.call(scope, undefined, &[probe.into()])?;
            // SAFETY: as above.
            let after = unsafe { *self.js_handler_slot };
            Some(sight.probe_frame < sight.inside && sight.inside < frame && (before == 0 || sight.inside < before) && after == before)
        })()
        .unwrap_or(false)
    }

    /// Whether a CallTryCatch constructed from this layout inside `outer` catches what V8
    /// throws (and `outer` does not), and unregisters back to `outer`.
    fn routes_exceptions(self, scope: &mut v8::PinScope, outer: usize) -> bool {
        // SAFETY: as in `new`.
        let isolate = unsafe { scope.as_raw_isolate_ptr() };
        let mut inner = std::pin::pin!(CallTryCatch::new());
        // SAFETY: not moved; unregistered before this frame ends.
        let inner = unsafe { inner.as_mut().get_unchecked_mut() };
        inner.construct(isolate, &self, 1);
        let inner_address = &inner.raw as *const RawTryCatch as usize;
        // SAFETY: the slot found in `new`; the inner TryCatch was just constructed.
        let registered = unsafe { *self.handler_slot == inner_address && inner.raw.0[NEXT].assume_init() == outer };
        let thrown = v8::Integer::new(scope, 7).into();
        scope.throw_exception(thrown);
        // SAFETY: outer is a live, constructed TryCatch.
        let outer_caught = unsafe { v8__TryCatch__HasCaught(outer as *const RawTryCatch) };
        let caught = matches!(inner.take(), Some(Caught::Exception(exception)) if exception.strict_equals(thrown));
        let then_empty = inner.take().is_none();
        inner.unregister();
        // SAFETY: as above.
        let unregistered = unsafe { *self.handler_slot == outer };
        registered && caught && !outer_caught && then_empty && unregistered
    }
}

/// A TryCatch one call into the addon constructed for its napi calls.
pub struct CallTryCatch {
    /// The call level (`Env`'s call state) that constructed it.
    level: u64,
    /// The isolate's handler slot. Set at construction.
    handler_slot: *mut usize,
    /// While registered, the one registered before it; while free, the next free one.
    outer: *mut CallTryCatch,
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
    fn new() -> CallTryCatch {
        CallTryCatch {
            level: 0,
            handler_slot: std::ptr::null_mut(),
            outer: std::ptr::null_mut(),
            hole: MaybeUninit::uninit(),
            terminated: MaybeUninit::uninit(),
            raw: RawTryCatch([MaybeUninit::uninit(); 6]),
            _pinned: std::marker::PhantomPinned,
        }
    }

    /// Constructs and registers the TryCatch as V8's constructor does, for the call at
    /// `level`. V8 orders an external TryCatch against JS entry handlers by its stack
    /// address: this one's is just below the innermost JS entry's, so every JS entry the
    /// call makes later is inside it, and the JS that made the call outside.
    fn construct(&mut self, isolate: v8::UnsafeRawIsolatePtr, layout: &TryCatchLayout, level: u64) {
        // SAFETY: an UnsafeRawIsolatePtr is the isolate's address.
        let isolate_address = unsafe { std::mem::transmute::<v8::UnsafeRawIsolatePtr, usize>(isolate) };
        // SAFETY: the slots of this isolate checked out; this TryCatch is pinned and is
        // unregistered before any TryCatch registered before it (calls nest).
        unsafe {
            let stack_address = (*layout.js_handler_slot).wrapping_sub(1);
            let next = *layout.handler_slot;
            self.raw = RawTryCatch([isolate_address, next, layout.hole, layout.hole, stack_address, layout.flags].map(MaybeUninit::new));
            *layout.handler_slot = &self.raw as *const RawTryCatch as usize;
            self.terminated = MaybeUninit::new(v8__Isolate__IsExecutionTerminating(isolate));
        }
        self.level = level;
        self.handler_slot = layout.handler_slot;
        self.hole = MaybeUninit::new(layout.hole);
    }

    /// Whether nothing is caught.
    #[inline(always)]
    fn caught_nothing(&self) -> bool {
        // SAFETY: only called once constructed, which set both words; V8 writes
        // `exception_` when it catches.
        unsafe { self.raw.0[EXCEPTION].assume_init() == self.hole.assume_init() }
    }

    /// Unregisters it as V8's destructor does (with nothing caught, V8's destructor only
    /// restores the next TryCatch; otherwise V8 does the rest).
    #[inline(always)]
    fn unregister(&mut self) {
        // SAFETY: constructed, and the innermost TryCatch (calls nest).
        unsafe {
            if self.caught_nothing() {
                *self.handler_slot = self.raw.0[NEXT].assume_init();
            } else {
                v8__TryCatch__DESTRUCT(&mut self.raw);
            }
        }
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
        if self.caught_nothing() {
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

/// An env's shared TryCatches: at most one per call level, registered innermost first.
/// Each is allocated once and reused (V8 holds its address while it is registered); they
/// are freed with the env, when none is registered.
pub struct SharedTryCatches {
    layout: Option<TryCatchLayout>,
    /// The innermost registered one (NULL when none is).
    innermost: *mut CallTryCatch,
    /// Unregistered ones, for reuse.
    free: *mut CallTryCatch,
}

impl SharedTryCatches {
    pub fn new(layout: Option<TryCatchLayout>) -> SharedTryCatches {
        SharedTryCatches { layout, innermost: std::ptr::null_mut(), free: std::ptr::null_mut() }
    }

    /// The one the call at `level` constructed, if it did.
    #[inline(always)]
    pub fn of_level(&self, level: u64) -> Option<&'static mut CallTryCatch> {
        // SAFETY: registered ones are freed only with the env.
        let innermost = unsafe { self.innermost.as_mut()? };
        (innermost.level == level).then_some(innermost)
    }

    /// Constructs one for the call at `level`; None without a layout.
    #[inline(always)]
    pub fn construct(&mut self, isolate: v8::UnsafeRawIsolatePtr, level: u64) -> Option<&'static mut CallTryCatch> {
        let layout = self.layout.as_ref()?;
        // SAFETY: free ones live until the env is freed, and never move: they stay where V8 saw them.
        let try_catch = unsafe {
            let try_catch = match self.free.as_mut() {
                Some(free) => {
                    self.free = free.outer;
                    free
                }
                None => &mut *Box::into_raw(Box::new(CallTryCatch::new())),
            };
            try_catch.outer = self.innermost;
            try_catch
        };
        self.innermost = try_catch;
        try_catch.construct(isolate, layout, level);
        Some(try_catch)
    }

    /// Unregisters the innermost one (which the returning call constructed) if it caught
    /// nothing (as is usual: each napi call takes what it caught); false otherwise.
    #[inline(always)]
    pub fn unregister_innermost_if_empty(&mut self) -> bool {
        // SAFETY: only called while one is registered; they are freed only with the env.
        let empty = unsafe { (*self.innermost).caught_nothing() };
        if empty {
            self.unregister_innermost();
        }
        empty
    }

    /// Unregisters the innermost one (which the returning call constructed).
    #[inline(always)]
    pub fn unregister_innermost(&mut self) {
        // SAFETY: only called while one is registered; they are freed only with the env.
        let innermost = unsafe { &mut *self.innermost };
        innermost.unregister();
        self.innermost = std::mem::replace(&mut innermost.outer, self.free);
        self.free = innermost;
    }
}

impl Drop for SharedTryCatches {
    /// Frees the unregistered ones (when the env is freed, none is registered).
    fn drop(&mut self) {
        debug_assert!(self.innermost.is_null(), "a TryCatch is registered");
        while !self.free.is_null() {
            // SAFETY: made by `construct` with Box::into_raw, unregistered, freed once.
            let free = unsafe { Box::from_raw(self.free) };
            self.free = free.outer;
        }
    }
}
