//! The v8 crate's private C++ glue (its `v8__*` functions) and V8's own exported C++
//! functions, called straight: the crate's safe wrappers want a Rust scope, whose setup
//! costs more than these calls. Each handle lands in the isolate's current handle scope.

/// The v8 crate's MaybeBool as its C++ glue returns it: 0 false, 1 true, 2 nothing (an
/// exception was thrown).
pub const JUST_TRUE: i32 = 1;
pub const NOTHING: i32 = 2;

/// V8's constructors of numbers and strings through the v8 crate's C++ shims: the crate's
/// wrappers want a Rust scope, whose setup costs more than these calls; the handle lands in
/// the isolate's current handle scope either way.
pub mod values {
    use std::ffi::{c_char, c_int};

    use v8::UnsafeRawIsolatePtr as Isolate;

    unsafe extern "C" {
        #[link_name = "v8__Number__New"]
        pub fn number(isolate: Isolate, value: f64) -> *const v8::Number;
        #[link_name = "v8__Integer__New"]
        pub fn int32(isolate: Isolate, value: i32) -> *const v8::Integer;
        #[link_name = "v8__Integer__NewFromUnsigned"]
        pub fn uint32(isolate: Isolate, value: u32) -> *const v8::Integer;
        #[link_name = "v8__String__NewFromOneByte"]
        pub fn latin1(isolate: Isolate, data: *const u8, kind: v8::NewStringType, length: c_int) -> *const v8::String;
        #[link_name = "v8__String__NewFromUtf8"]
        pub fn utf8(isolate: Isolate, data: *const c_char, kind: v8::NewStringType, length: c_int) -> *const v8::String;
        #[link_name = "v8__String__NewFromTwoByte"]
        pub fn utf16(isolate: Isolate, data: *const u16, kind: v8::NewStringType, length: c_int) -> *const v8::String;
    }
}

/// The property calls of the hot paths, straight through the v8 crate's C++ glue: a napi
/// call that makes one V8 call then needs no Rust scope.
pub mod objects {
    unsafe extern "C" {
        #[link_name = "v8__Value__ToObject"]
        pub fn to_object(value: *const v8::Value, context: *const v8::Context) -> *const v8::Object;
        #[link_name = "v8__Object__Get"]
        pub fn get(object: *const v8::Object, context: *const v8::Context, key: *const v8::Value) -> *const v8::Value;
        #[link_name = "v8__Object__GetIndex"]
        pub fn get_index(object: *const v8::Object, context: *const v8::Context, index: u32) -> *const v8::Value;
        /// V8's own `v8::Object::Set(Local<Context>, Local<Value>, Local<Value>)`, called
        /// straight: the glue only converts its `Maybe<bool>`, which the SysV ABI returns in
        /// two bytes of a register (has a value, then the value).
        #[link_name = "_ZN2v86Object3SetENS_5LocalINS_7ContextEEENS1_INS_5ValueEEES5_"]
        pub fn set(object: *const v8::Object, context: *const v8::Context, key: *const v8::Value, value: *const v8::Value) -> MaybeBool;
        #[link_name = "v8__Object__SetIndex"]
        pub fn set_index(object: *const v8::Object, context: *const v8::Context, index: u32, value: *const v8::Value) -> i32;
        #[link_name = "v8__Object__Has"]
        pub fn has(object: *const v8::Object, context: *const v8::Context, key: *const v8::Value) -> i32;
    }

    /// C++'s `v8::Maybe<bool>`: `has_value_`, then `value_`.
    #[repr(C)]
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub struct MaybeBool {
        pub has_value: bool,
        pub value: bool,
    }
}

/// A view's buffer, without the scope the crate's `buffer()` wants.
pub mod buffers {
    unsafe extern "C" {
        #[link_name = "v8__ArrayBufferView__Buffer"]
        pub fn view_buffer(view: *const v8::ArrayBufferView) -> *const v8::ArrayBuffer;
    }
}

/// V8's `v8::HandleScope` (isolate, prev_next, prev_limit), built in place by the crate's
/// glue: Node-API handle scopes open and close in separate C calls.
pub mod handle_scope {
    use std::mem::MaybeUninit;

    #[repr(C)]
    pub struct RawHandleScope(pub [MaybeUninit<usize>; 3]);

    unsafe extern "C" {
        #[link_name = "v8__HandleScope__CONSTRUCT"]
        pub fn construct(buf: *mut RawHandleScope, isolate: *mut std::ffi::c_void);
        #[link_name = "v8__HandleScope__DESTRUCT"]
        pub fn destruct(this: *mut RawHandleScope);
    }
}

/// The promise calls, straight through the v8 crate's glue: with them the napi calls need
/// no Rust scope.
pub mod promises {
    unsafe extern "C" {
        #[link_name = "v8__Promise__Resolver__New"]
        pub fn new_resolver(context: *const v8::Context) -> *const v8::PromiseResolver;
        /// A MaybeBool (see JUST_TRUE).
        #[link_name = "v8__Promise__Resolver__Resolve"]
        pub fn resolve(resolver: *const v8::PromiseResolver, context: *const v8::Context, value: *const v8::Value) -> i32;
        #[link_name = "v8__Promise__Resolver__Reject"]
        pub fn reject(resolver: *const v8::PromiseResolver, context: *const v8::Context, value: *const v8::Value) -> i32;
    }
}

/// Isolate settings the v8 crate does not wrap.
pub mod isolate {
    unsafe extern "C" {
        #[link_name = "_ZN2v87Isolate35SetAbortOnUncaughtExceptionCallbackEPFbPS0_E"]
        fn set_abort_on_uncaught_exception_callback_raw(isolate: v8::UnsafeRawIsolatePtr, callback: extern "C" fn(v8::UnsafeRawIsolatePtr) -> bool);
        #[link_name = "_ZN2v87Isolate13SetStackLimitEm"]
        fn set_stack_limit_raw(isolate: v8::UnsafeRawIsolatePtr, limit: usize);
        /// `MeasureMemoryDelegate::Default(isolate, context, resolver, mode)`: its
        /// `std::unique_ptr` result comes back as the bare pointer (Chromium's libc++ gives
        /// unique_ptr the trivial ABI).
        #[link_name = "_ZN2v821MeasureMemoryDelegate7DefaultEPNS_7IsolateENS_5LocalINS_7ContextEEENS3_INS_7Promise8ResolverEEENS_17MeasureMemoryModeE"]
        fn default_measure_memory_delegate(
            isolate: v8::UnsafeRawIsolatePtr,
            context: *const v8::Context,
            resolver: *const v8::PromiseResolver,
            mode: std::ffi::c_int,
        ) -> *mut std::ffi::c_void;
        /// `Isolate::MeasureMemory(std::unique_ptr<MeasureMemoryDelegate>, execution)`, the
        /// delegate passed as the bare pointer it owns from then on.
        #[link_name = "_ZN2v87Isolate13MeasureMemoryENSt4__Cr10unique_ptrINS_21MeasureMemoryDelegateENS1_14default_deleteIS3_EEEENS_22MeasureMemoryExecutionE"]
        fn measure_memory_raw(isolate: v8::UnsafeRawIsolatePtr, delegate: *mut std::ffi::c_void, execution: std::ffi::c_int) -> bool;
        #[link_name = "v8__Isolate__SetPrepareStackTraceCallback"]
        fn set_prepare_stack_trace_callback_raw(isolate: v8::UnsafeRawIsolatePtr, callback: PrepareStackTraceCallback);
    }

    /// V8's PrepareStackTraceCallback in its C form, whose MaybeLocal result may be empty
    /// (the v8 crate's typed callback must return a value): empty when the JS that makes the
    /// stack threw, so that reading `stack` throws that.
    pub type PrepareStackTraceCallback =
        unsafe extern "C" fn(v8::Local<v8::Context>, v8::Local<v8::Value>, v8::Local<v8::Array>) -> MaybeLocalValue;

    /// A `v8::MaybeLocal<v8::Value>` as the System V ABI returns it: one pointer, null when
    /// empty.
    #[repr(C)]
    pub struct MaybeLocalValue(pub *const v8::Value);

    /// `Isolate::SetPrepareStackTraceCallback`, given the callback in its C form.
    pub fn set_prepare_stack_trace_callback(isolate: &mut v8::Isolate, callback: PrepareStackTraceCallback) {
        // SAFETY: the crate's shim of a member function of the live isolate; the callback
        // has the signature V8 calls and lives as long as the program.
        unsafe { set_prepare_stack_trace_callback_raw(isolate.as_raw_isolate_ptr(), callback) };
    }

    /// V8's `MeasureMemoryExecution`: with the next GC, a GC soon, or no GC of its own.
    #[derive(Clone, Copy)]
    pub enum MeasureMemoryExecution {
        Default = 0,
        Eager = 1,
        Lazy = 2,
    }

    /// V8's `Isolate::MeasureMemory` with its default delegate: measures the heap of the
    /// contexts that share `context`'s security token and resolves `resolver` (in `context`)
    /// with `{ total, current?, other? }` (`detailed` adds the per-context parts).
    pub fn measure_memory(
        isolate: &mut v8::Isolate,
        context: v8::Local<v8::Context>,
        resolver: v8::Local<v8::PromiseResolver>,
        detailed: bool,
        execution: MeasureMemoryExecution,
    ) -> bool {
        // SAFETY: V8's exported functions on the live isolate, with handles of its current
        // scope; the delegate goes straight from one to the other, which takes it over.
        unsafe {
            let isolate = isolate.as_raw_isolate_ptr();
            let delegate = default_measure_memory_delegate(isolate, &*context, &*resolver, detailed as std::ffi::c_int);
            measure_memory_raw(isolate, delegate, execution as std::ffi::c_int)
        }
    }

    /// V8's `Isolate::SetStackLimit`: JS on this thread may use the stack down to `limit`
    /// (an address), whatever --stack-size says.
    pub fn set_stack_limit(isolate: &mut v8::Isolate, limit: usize) {
        // SAFETY: a non-virtual member function of the live isolate, called on its thread.
        unsafe { set_stack_limit_raw(isolate.as_raw_isolate_ptr(), limit) };
    }

    /// V8's `Isolate::SetAbortOnUncaughtExceptionCallback`: under
    /// --abort-on-uncaught-exception, V8 aborts on an exception nothing catches only when
    /// `callback` says so.
    pub fn set_abort_on_uncaught_exception_callback(isolate: &mut v8::Isolate, callback: extern "C" fn(v8::UnsafeRawIsolatePtr) -> bool) {
        // SAFETY: a non-virtual member function of the live isolate (its `this` first, as the
        // SysV ABI passes it), given a callback that lives as long as the program.
        unsafe { set_abort_on_uncaught_exception_callback_raw(isolate.as_raw_isolate_ptr(), callback) };
    }
}
