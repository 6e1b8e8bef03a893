//! V8's HeapProfiler calls the v8 crate does not bind, made through V8's exported C++
//! functions: allocation tracking (--track-heap-objects) and QueryObjects (v8.queryObjects).

use std::ptr::NonNull;

unsafe extern "C" {
    /// Isolate::GetHeapProfiler().
    #[link_name = "_ZN2v87Isolate15GetHeapProfilerEv"]
    fn heap_profiler(isolate: v8::UnsafeRawIsolatePtr) -> *mut std::ffi::c_void;
    #[link_name = "_ZN2v812HeapProfiler24StartTrackingHeapObjectsEb"]
    fn start_tracking(profiler: *mut std::ffi::c_void, track_allocations: bool);
    #[link_name = "_ZN2v812HeapProfiler12QueryObjectsENS_5LocalINS_7ContextEEEPNS_20QueryObjectPredicateEPNSt4__Cr6vectorINS_6GlobalINS_6ObjectEEENS6_9allocatorISA_EEEE"]
    fn heap_profiler_query_objects(
        profiler: *mut std::ffi::c_void,
        context: *const v8::Context,
        predicate: *mut std::ffi::c_void,
        objects: *mut [usize; 3],
    );
    #[link_name = "v8__Object__GetCreationContext"]
    fn creation_context(object: *const v8::Object) -> *const v8::Context;
    #[link_name = "v8__Object__GetPrototype"]
    fn prototype(object: *const v8::Object) -> *const v8::Value;
    #[link_name = "v8__Value__IsObject"]
    fn is_object(value: *const v8::Value) -> bool;
    #[link_name = "v8__Data__EQ"]
    fn same(a: *const v8::Data, b: *const v8::Data) -> bool;
}

/// HeapProfiler::StartTrackingHeapObjects(true): V8 records where each object was allocated.
pub(crate) fn start_tracking_heap_objects(isolate: &mut v8::Isolate) {
    // SAFETY: V8's own functions on a live isolate.
    unsafe { start_tracking(heap_profiler(isolate.as_raw_isolate_ptr()), true) };
}

/// V8's `QueryObjectPredicate` as its C++ vtable lays it out (the two destructor slots,
/// then `Filter`), with what node's `PrototypeChainHas` keeps. V8 only calls `Filter`.
#[repr(C)]
struct PrototypeChainHas {
    vtable: &'static PredicateVtable,
    isolate: v8::UnsafeRawIsolatePtr,
    context: *const v8::Context,
    search: *const v8::Object,
    found: Vec<v8::Global<v8::Object>>,
}

#[repr(C)]
struct PredicateVtable {
    complete_destructor: unsafe extern "C" fn(*mut PrototypeChainHas),
    deleting_destructor: unsafe extern "C" fn(*mut PrototypeChainHas),
    filter: unsafe extern "C" fn(*mut PrototypeChainHas, *const v8::Object) -> bool,
}

unsafe extern "C" fn predicate_destructor(_this: *mut PrototypeChainHas) {}

/// Keeps the objects made in the querying context whose prototype chain holds the prototype
/// searched for. It answers false, so V8's own list stays empty (nothing of it to free here).
unsafe extern "C" fn prototype_chain_has(this: *mut PrototypeChainHas, object: *const v8::Object) -> bool {
    // SAFETY: `this` is the predicate query_objects passed; `object` is a live handle V8 made.
    unsafe {
        let this = &mut *this;
        let context = creation_context(object);
        if context.is_null() || !same(context.cast(), this.context.cast()) {
            return false;
        }
        let mut current = prototype(object);
        while !current.is_null() && is_object(current) {
            if same(current.cast(), this.search.cast()) {
                let isolate = v8::Isolate::from_raw_isolate_ptr(this.isolate);
                let local = std::mem::transmute::<NonNull<v8::Object>, v8::Local<v8::Object>>(NonNull::new_unchecked(object.cast_mut()));
                this.found.push(v8::Global::new(&isolate, local));
                break;
            }
            current = prototype(current.cast());
        }
    }
    false
}

static PROTOTYPE_CHAIN_HAS: PredicateVtable = PredicateVtable {
    complete_destructor: predicate_destructor,
    deleting_destructor: predicate_destructor,
    filter: prototype_chain_has,
};

/// HeapProfiler::QueryObjects with node's PrototypeChainHas predicate: the live objects made
/// in `context` with `search` on their prototype chain.
pub(crate) fn query_objects(
    scope: &mut v8::PinScope,
    context: v8::Local<v8::Context>,
    search: v8::Local<v8::Object>,
) -> Vec<v8::Global<v8::Object>> {
    let mut predicate = PrototypeChainHas {
        vtable: &PROTOTYPE_CHAIN_HAS,
        isolate: unsafe { scope.as_raw_isolate_ptr() },
        context: &*context,
        search: &*search,
        found: Vec::new(),
    };
    // An empty std::vector (libc++: begin, end and capacity end, all null): the predicate
    // keeps the objects itself and V8 adds none.
    let mut objects = [0usize; 3];
    // SAFETY: V8's own functions with the arguments their declarations take.
    unsafe {
        let profiler = heap_profiler(predicate.isolate);
        heap_profiler_query_objects(profiler, &*context, (&raw mut predicate).cast(), &mut objects);
    }
    predicate.found
}
