//! Node-API handle scopes. They open and close in separate C calls, so they live on the
//! heap, in a stack owned by the env; closing anything but the innermost is a mismatch.

use std::mem::MaybeUninit;

use super::v8_layout::glue::handle_scope::{construct, destruct, RawHandleScope};

/// One open napi handle scope. An escapable scope also owns a slot in the enclosing scope
/// that its one escaped value is written to.
pub struct HandleScope {
    raw: RawHandleScope,
    escape_slot: Option<std::ptr::NonNull<usize>>,
    escaped: bool,
}

impl HandleScope {
    /// Opens a scope; `escapable` first reserves the escape slot in the enclosing scope.
    pub fn open(scope: &mut v8::PinScope, escapable: bool) -> Box<HandleScope> {
        let escape_slot = escapable.then(|| {
            let undefined: v8::Local<v8::Value> = v8::undefined(scope).into();
            let slot = v8::Local::new(scope, undefined);
            // SAFETY: a Local is a pointer to its handle slot.
            unsafe { std::mem::transmute::<v8::Local<v8::Value>, std::ptr::NonNull<usize>>(slot) }
        });
        let mut frame = Box::new(HandleScope { raw: RawHandleScope([MaybeUninit::uninit(); 3]), escape_slot, escaped: false });
        // SAFETY: constructs V8's HandleScope in place for the scope's isolate.
        unsafe {
            let isolate: &v8::Isolate = scope;
            let isolate = std::mem::transmute::<v8::UnsafeRawIsolatePtr, *mut std::ffi::c_void>(isolate.as_raw_isolate_ptr());
            construct(&mut frame.raw, isolate);
        }
        frame
    }

    /// Moves `value` to the enclosing scope: once only; None the second time.
    pub fn escape(&mut self, value: v8::Local<v8::Value>) -> Option<v8::Local<'static, v8::Value>> {
        let slot = self.escape_slot?;
        if std::mem::replace(&mut self.escaped, true) {
            return None;
        }
        // SAFETY: both are handle slots; copying the object address escapes the value.
        unsafe {
            let source: std::ptr::NonNull<usize> = std::mem::transmute(value);
            *slot.as_ptr() = *source.as_ptr();
            Some(std::mem::transmute::<std::ptr::NonNull<usize>, v8::Local<'static, v8::Value>>(slot))
        }
    }

    pub fn is_escapable(&self) -> bool {
        self.escape_slot.is_some()
    }
}

impl Drop for HandleScope {
    fn drop(&mut self) {
        // SAFETY: constructed in open; scopes close innermost first (the env's stack).
        unsafe { destruct(&mut self.raw) };
    }
}
