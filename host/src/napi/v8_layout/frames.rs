//! Direct reads of the frame V8 152 builds for an API callback (x64, no pointer compression,
//! no sandbox: the v8 crate's defaults), instead of three calls into V8 per addon call
//! (GetParts, which also calls GetFunctionTemplateData, and External::Value). The indices are
//! what V8's inline accessors in v8-function-callback.h compute; the offsets are the fields the
//! out-of-line ones read. The first env calls a probe function and checks every one against
//! V8's own accessors; until that passes, functions are made with the callback that uses the
//! accessors.

use std::ffi::c_void;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU8, Ordering};

/// `FunctionCallbackInfo::values_` indices.
const ARGC: usize = 0;
const RETURN_VALUE: usize = 6;
const TARGET: usize = 8;
const RECEIVER: usize = 9;
/// Byte offsets in heap objects: FunctionTemplateInfo::callback_data_, JSExternalObject::value_.
const TEMPLATE_CALLBACK_DATA: usize = 88;
const EXTERNAL_VALUE: usize = 24;
const HEAP_OBJECT_TAG: usize = 1;

const UNKNOWN: u8 = 0;
const DIRECT: u8 = 1;
const ACCESSORS: u8 = 2;
static LAYOUT: AtomicU8 = AtomicU8::new(UNKNOWN);

/// Whether frames are read directly.
#[inline(always)]
pub fn direct() -> bool {
    LAYOUT.load(Ordering::Relaxed) == DIRECT
}

/// A callback's `values_` array, read directly (only once the layout is verified).
#[derive(Clone, Copy)]
pub struct Frame(NonNull<usize>);

impl Frame {
    #[inline(always)]
    pub fn of(info: &v8::FunctionCallbackInfo) -> Frame {
        Frame(NonNull::from(info).cast())
    }

    #[inline(always)]
    fn slot(self, index: usize) -> *mut usize {
        // SAFETY: every index used is inside `values_`.
        unsafe { self.0.as_ptr().add(index) }
    }

    /// The number of arguments.
    #[inline(always)]
    pub fn length(self) -> usize {
        // SAFETY: V8 stores the count as a word.
        unsafe { *self.slot(ARGC) }
    }

    /// The receiver's slot; the arguments' slots follow it.
    #[inline(always)]
    pub fn receiver_slot(self) -> NonNull<usize> {
        // SAFETY: inside the frame, never null.
        unsafe { NonNull::new_unchecked(self.slot(RECEIVER)) }
    }

    /// The return value slot.
    #[inline(always)]
    pub fn return_slot(self) -> *mut usize {
        self.slot(RETURN_VALUE)
    }

    /// The tagged callback data: the target FunctionTemplateInfo's callback_data.
    #[inline(always)]
    fn data_object(self) -> usize {
        // SAFETY: the target slot holds the called function's template, a heap object
        // larger than the offset.
        unsafe { *((*self.slot(TARGET) - HEAP_OBJECT_TAG + TEMPLATE_CALLBACK_DATA) as *const usize) }
    }

    /// The pointer inside the External that is the callback data.
    #[inline(always)]
    pub fn external_value(self) -> *mut c_void {
        // SAFETY: only called for callbacks whose data is an External.
        unsafe { *((self.data_object() - HEAP_OBJECT_TAG + EXTERNAL_VALUE) as *const *mut c_void) }
    }
}

/// Decides, unless decided, how addon functions read their frames: calls a function whose
/// data is an External with a receiver and two arguments and compares direct reads of
/// its frame with V8's accessors. Left undecided if the call cannot run.
pub fn probe(scope: &mut v8::PinScope) {
    if LAYOUT.load(Ordering::Relaxed) != UNKNOWN {
        return;
    }
    if !super::layout_shortcuts_allowed() {
        LAYOUT.store(ACCESSORS, Ordering::Relaxed);
        return;
    }
    v8::scope!(let scope, scope);
    let marker = v8::External::new(scope, probe as *mut c_void);
    let Some(function) = v8::Function::builder_raw(verify).data(marker.into()).build(scope) else { return };
    let receiver = v8::Object::new(scope);
    let arguments = [v8::Integer::new(scope, 1).into(), v8::Integer::new(scope, 2).into()];
    function.call(scope, receiver.into(), &arguments);
}

/// The probe's callback: direct reads of its frame against V8's accessors.
extern "C" fn verify(info: *const v8::FunctionCallbackInfo) {
    // SAFETY: V8 passes a valid info for the duration of the call.
    let info = unsafe { &*info };
    let frame = Frame::of(info);
    let parts = info.get_parts();
    let args = v8::FunctionCallbackArguments::from_function_callback_info(info);
    const { assert!(std::mem::size_of::<v8::ReturnValue>() == std::mem::size_of::<usize>()) };
    // SAFETY: a ReturnValue is the address of its slot.
    let return_slot = unsafe { std::mem::transmute_copy::<v8::ReturnValue, *mut usize>(&parts.return_value) };
    let receiver = &*args.this() as *const v8::Object as *mut usize;
    let argument = &*args.get(1) as *const v8::Value as *mut usize;
    // Addresses first: only a frame laid out as expected is read further.
    let matches = frame.length() == 2
        && parts.length == 2
        && frame.return_slot() == return_slot
        && frame.receiver_slot().as_ptr() == receiver
        // SAFETY: only an address is computed (the second argument's slot).
        && unsafe { frame.receiver_slot().as_ptr().add(2) } == argument
        // SAFETY: the layout matched, so the target slot holds the template.
        && frame.data_object() == unsafe { *(&*parts.data as *const v8::Value as *const usize) }
        && {
            // SAFETY: data is the External `probe` made.
            let external = unsafe { v8::Local::<v8::External>::cast_unchecked(parts.data) };
            external.value() == probe as *mut c_void && frame.external_value() == external.value()
        };
    LAYOUT.store(if matches { DIRECT } else { ACCESSORS }, Ordering::Relaxed);
}
