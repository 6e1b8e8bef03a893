//! V8's private memory layout, read and written directly on Node-API's hot paths: handle
//! slots and Smis, heap numbers, sequential strings, the handle scope block and the young
//! generation's allocation buffer (`words`), API callback frames (`frames`), TryCatch
//! internals (`try_catch`), receivers' maps and arrays' elements (`objects`), promises
//! (`promises`), typed arrays' maps (`typed_arrays`), global handle slots (`global`), and
//! the v8 crate's private C++ glue and V8's mangled C++ functions (`glue`), and the
//! HeapProfiler calls the crate does not bind (`heap_profiler`).
//!
//! Everything here is written against one V8: **V8 15.2.124.1, from the `v8` crate =152.2.0**
//! (x64 Linux, no pointer compression, no sandbox: the crate's defaults). Each layout fact is
//! checked against V8's API by [`probe`], which `Env::new` asks for what passed: the parts
//! that hold for the whole isolate are checked when its first env is made, the promise
//! template (a copy of one of the context's promises) for each env. A part whose check fails
//! is left off and its callers keep V8's API. `ANODE_V8_API_ONLY=1` turns every part off, so
//! that the API paths can be tested. Upgrading V8 means auditing this folder, and nothing
//! outside it.

pub mod frames;
pub mod glue;
pub mod global;
pub mod heap_profiler;
pub mod objects;
pub mod promises;
pub mod try_catch;
pub mod typed_arrays;
pub mod words;

use objects::ArrayElements;
use promises::PromiseTemplate;
use try_catch::TryCatchLayout;
use typed_arrays::TypedArrayMaps;
use words::Words;

use crate::napi::value::Roots;

/// The parts of V8's layout that checked out for an env; a part that did not (or every part,
/// under `ANODE_V8_API_ONLY=1`) is None and its callers use V8's API. (How addon functions
/// read their frames is decided by the same probe and kept in `frames`.)
#[derive(Clone, Copy)]
pub(crate) struct Layout {
    /// Direct reads and writes of values: handle slots, Smis, heap numbers, strings.
    pub words: Option<Words>,
    /// TryCatches constructed in place for calls into the addon.
    pub try_catch: Option<TryCatchLayout>,
    /// Typed arrays' types by map.
    pub typed_array_maps: Option<TypedArrayMaps>,
    /// Direct reads of array elements.
    pub array_elements: Option<ArrayElements>,
    /// What new promises are copied from.
    pub promise_template: Option<PromiseTemplate>,
}

/// The parts that hold for a whole isolate, kept in its slot after its first env's probe.
#[derive(Clone, Copy)]
struct IsolateLayout {
    words: Option<Words>,
    try_catch: Option<TryCatchLayout>,
    typed_array_maps: Option<TypedArrayMaps>,
    array_elements: Option<ArrayElements>,
}

/// What of V8's layout an env in `scope`'s current context may use. The isolate's parts are
/// checked once per isolate; the promise template for each call, since it copies a promise
/// of the current context (whose map is the context's), and not at all while a promise hook
/// is installed (V8's factory must then make promises, to run the hook).
pub(crate) fn probe(scope: &mut v8::PinScope, roots: Roots, promise_hook_installed: bool) -> Layout {
    let isolate_layout = match scope.get_slot::<IsolateLayout>() {
        Some(isolate_layout) => *isolate_layout,
        None => {
            frames::probe(scope);
            let words = Words::new(scope, roots);
            let isolate_layout = IsolateLayout {
                words,
                try_catch: TryCatchLayout::new(scope),
                typed_array_maps: TypedArrayMaps::new(scope, words),
                array_elements: ArrayElements::new(scope, words),
            };
            scope.set_slot(isolate_layout);
            isolate_layout
        }
    };
    let IsolateLayout { words, try_catch, typed_array_maps, array_elements } = isolate_layout;
    let promise_template = if promise_hook_installed { None } else { PromiseTemplate::new(scope, words) };
    Layout { words, try_catch, typed_array_maps, array_elements, promise_template }
}

/// Whether anode may read and write V8's memory directly where it checked the layout.
/// `ANODE_V8_API_ONLY=1` turns every such shortcut off.
pub fn layout_shortcuts_allowed() -> bool {
    static ALLOWED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ALLOWED.get_or_init(|| std::env::var_os("ANODE_V8_API_ONLY").is_none_or(|value| value.is_empty() || value == "0"))
}
