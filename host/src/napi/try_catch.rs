//! The V8 TryCatch that one call into the addon shares among its napi calls that may run
//! JS. Node opens a TryCatch per such call (NAPI_PREAMBLE); opening and closing one costs
//! about as much as the rest of a cheap napi call. Here the first of them constructs it in
//! the frame of `Env::enter_module`, the later ones reuse it, and each takes what it caught
//! and resets it, so every napi call still sees only its own exception.

use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicU8, Ordering};

/// V8's `v8::TryCatch` (include/v8-exception.h: i_isolate_, next_, exception_, message_obj_,
/// js_stack_comparable_address_, flags), built by the v8 crate's C glue.
#[repr(C)]
struct RawTryCatch([MaybeUninit<usize>; 6]);

/// Word index of `exception_`: the hole until something is caught.
const EXCEPTION: usize = 2;
/// Word index of `js_stack_comparable_address_`.
const STACK_ADDRESS: usize = 4;

unsafe extern "C" {
    fn v8__TryCatch__CONSTRUCT(buf: *mut RawTryCatch, isolate: v8::UnsafeRawIsolatePtr);
    fn v8__TryCatch__DESTRUCT(this: *mut RawTryCatch);
    fn v8__TryCatch__HasCaught(this: *const RawTryCatch) -> bool;
    fn v8__TryCatch__HasTerminated(this: *const RawTryCatch) -> bool;
    fn v8__TryCatch__Exception(this: *const RawTryCatch) -> *const v8::Value;
    fn v8__TryCatch__Reset(this: *mut RawTryCatch);
    fn v8__Isolate__IsExecutionTerminating(isolate: v8::UnsafeRawIsolatePtr) -> bool;
}

const UNCHECKED: u8 = 0;
const VALID: u8 = 1;
const INVALID: u8 = 2;

/// Whether the TryCatch layout above matched V8's, checked at the first construction; when
/// it does not, every napi call opens its own TryCatch.
static LAYOUT: AtomicU8 = AtomicU8::new(UNCHECKED);

/// A TryCatch for one call into the addon, constructed on first use.
pub struct CallTryCatch {
    constructed: bool,
    /// Whether the isolate is terminating: JS cannot run. Termination starts only while
    /// JS runs, which is inside a napi call whose TryCatch then catches it, so this is
    /// checked with V8 once, at construction.
    terminated: bool,
    /// `exception_` of the TryCatch with nothing caught (V8's hole value), so that
    /// `take` compares a word instead of calling HasCaught. Set at construction.
    nothing_caught: MaybeUninit<usize>,
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
        CallTryCatch { constructed: false, terminated: false, nothing_caught: MaybeUninit::uninit(), raw: RawTryCatch([MaybeUninit::uninit(); 6]), _pinned: std::marker::PhantomPinned }
    }

    /// Constructs the TryCatch unless it is; false if the layout check failed, when the
    /// caller must open its own TryCatch instead.
    #[inline(always)]
    pub fn ensure(&mut self, isolate: v8::UnsafeRawIsolatePtr) -> bool {
        self.constructed || self.construct(isolate)
    }

    #[inline(never)]
    fn construct(&mut self, isolate: v8::UnsafeRawIsolatePtr) -> bool {
        if LAYOUT.load(Ordering::Relaxed) == INVALID {
            return false;
        }
        // SAFETY: constructs V8's TryCatch in place; it is destructed when self drops, which
        // is before any TryCatch constructed before it (enter_module frames nest).
        unsafe { v8__TryCatch__CONSTRUCT(&mut self.raw, isolate) };
        self.constructed = true;
        // SAFETY: the env's live isolate.
        self.terminated = unsafe { v8__Isolate__IsExecutionTerminating(isolate) };
        let here = self as *const CallTryCatch as usize;
        // SAFETY: constructed above; these words are plain addresses.
        let (isolate_word, stack_word) = unsafe { (self.raw.0[0].assume_init(), self.raw.0[STACK_ADDRESS].assume_init()) };
        // SAFETY: as above.
        let nothing_caught = unsafe { self.raw.0[EXCEPTION].assume_init() };
        self.nothing_caught = MaybeUninit::new(nothing_caught);
        if LAYOUT.load(Ordering::Relaxed) == UNCHECKED {
            // The constructor records its own stack position: a little below this frame.
            // SAFETY: an UnsafeRawIsolatePtr is the isolate's address.
            let isolate_address = unsafe { std::mem::transmute::<v8::UnsafeRawIsolatePtr, usize>(isolate) };
            let valid = crate::napi::value::layout_shortcuts_allowed()
                && isolate_word == isolate_address
                && stack_word < here
                && here - stack_word < 8 << 20
                && nothing_caught & 3 == 1
                && !unsafe { v8__TryCatch__HasCaught(&self.raw) };
            LAYOUT.store(if valid { VALID } else { INVALID }, Ordering::Relaxed);
            if !valid {
                // SAFETY: constructed above and not used.
                unsafe { v8__TryCatch__DESTRUCT(&mut self.raw) };
                self.constructed = false;
                return false;
            }
        }
        // V8 orders an external TryCatch against JS entry frames by this address. The
        // constructor's position may be deeper than a JS entry the addon makes later from a
        // shallower frame; the address of this frame (enter_module's) is where an eagerly
        // constructed TryCatch would be, above everything the addon calls.
        self.raw.0[STACK_ADDRESS] = MaybeUninit::new(here);
        true
    }

    /// Whether JS cannot run: the isolate is terminating.
    #[inline(always)]
    pub fn terminated(&self) -> bool {
        self.terminated
    }

    /// Takes what the TryCatch caught, if anything, leaving it ready for the next napi call.
    #[inline(always)]
    pub fn take<'s>(&mut self) -> Option<Caught<'s>> {
        // SAFETY: only called once constructed (which sets both words); V8 writes
        // `exception_` when it catches.
        if unsafe { self.raw.0[EXCEPTION].assume_init() == self.nothing_caught.assume_init() } {
            return None;
        }
        Some(self.take_caught())
    }

    #[inline(never)]
    fn take_caught<'s>(&mut self) -> Caught<'s> {
        // SAFETY: constructed and caught; Exception makes a handle in the current scope.
        unsafe {
            let caught = if v8__TryCatch__HasTerminated(&self.raw) {
                self.terminated = true;
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
        if self.constructed {
            // SAFETY: constructed in `construct`; frames nest, so it is the innermost.
            unsafe { v8__TryCatch__DESTRUCT(&mut self.raw) };
        }
    }
}
