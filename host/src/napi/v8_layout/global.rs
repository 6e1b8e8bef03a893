//! V8's global handles as raw slots, through the functions V8's own inline `Global` code
//! calls (v8-persistent-handle.h's api_internal): SetWeak with the reference itself as the
//! callback's parameter, as Node's Reference does. (The crate's `v8::Weak` boxes its state
//! and keeps each finalizer in a hash map, its `v8::Global` checks the isolate on every use,
//! and its C++ glue moves each new Global once more.) A slot holding a live value is a
//! valid Local for as long as it is held.

use std::ffi::c_void;
use std::ptr::NonNull;

#[repr(C)]
pub struct CallbackInfo {
    _opaque: [u8; 0],
}

pub type Callback = unsafe extern "C" fn(*const CallbackInfo);

/// `WeakCallbackType::kParameter`.
const WEAK_WITH_PARAMETER: i32 = 0;

unsafe extern "C" {
    #[link_name = "_ZN2v812api_internal18GlobalizeReferenceEPNS_8internal7IsolateEm"]
    fn globalize_reference(isolate: v8::UnsafeRawIsolatePtr, value: usize) -> *mut usize;
    #[link_name = "_ZN2v812api_internal8MakeWeakEPmPvPFvRKNS_16WeakCallbackInfoIvEEENS_16WeakCallbackTypeE"]
    fn make_weak(slot: *mut usize, parameter: *mut c_void, callback: Callback, kind: i32);
    #[link_name = "_ZN2v812api_internal13DisposeGlobalEPm"]
    fn dispose_global(slot: *mut usize);
    #[link_name = "v8__Local__New"]
    fn local_new(isolate: v8::UnsafeRawIsolatePtr, value: *const v8::Value) -> *const v8::Value;
    #[link_name = "v8__WeakCallbackInfo__GetIsolate"]
    pub fn isolate(info: *const CallbackInfo) -> v8::UnsafeRawIsolatePtr;
    #[link_name = "v8__WeakCallbackInfo__GetParameter"]
    pub fn parameter(info: *const CallbackInfo) -> *mut c_void;
    #[link_name = "v8__WeakCallbackInfo__SetSecondPassCallback"]
    pub fn set_second_pass(info: *const CallbackInfo, callback: Callback);
}

/// A new strong global slot for `value`.
pub fn strong(isolate: v8::UnsafeRawIsolatePtr, value: v8::Local<v8::Value>) -> NonNull<v8::Value> {
    // SAFETY: a live local of this isolate: its slot holds the tagged value.
    let slot = unsafe { globalize_reference(isolate, *(&*value as *const v8::Value as *const usize)) };
    NonNull::new(slot.cast()).expect("V8 made a global handle")
}

/// A new weak global slot for `value`, whose GC callback gets `parameter`.
///
/// # Safety
/// `parameter` must stay valid until the callback runs or the slot is reset.
pub unsafe fn weak(isolate: v8::UnsafeRawIsolatePtr, value: v8::Local<v8::Value>, parameter: *mut c_void, callback: Callback) -> NonNull<v8::Value> {
    let slot = strong(isolate, value);
    // SAFETY: a new global slot of this isolate.
    unsafe { make_weak(slot.as_ptr().cast(), parameter, callback, WEAK_WITH_PARAMETER) };
    slot
}

/// The slot as a Local, valid while the slot is held.
pub fn as_local<'s, T>(slot: NonNull<v8::Value>) -> v8::Local<'s, T> {
    // SAFETY: a held slot holds a live value; a pointer to a slot is what a Local is.
    unsafe { std::mem::transmute::<NonNull<v8::Value>, v8::Local<'s, T>>(slot) }
}

/// A new handle in the current handle scope for the slot's value.
pub fn to_local<'s>(isolate: &v8::Isolate, slot: NonNull<v8::Value>) -> v8::Local<'s, v8::Value> {
    // SAFETY: a held slot of this isolate; V8 copies its value into the current handle scope.
    let handle = unsafe { local_new(isolate.as_raw_isolate_ptr(), slot.as_ptr()) };
    as_local(NonNull::new(handle.cast_mut()).expect("V8 made a handle"))
}

/// Releases a slot.
///
/// # Safety
/// The slot is held and not used again.
pub unsafe fn reset(slot: NonNull<v8::Value>) {
    unsafe { dispose_global(slot.as_ptr().cast()) };
}
