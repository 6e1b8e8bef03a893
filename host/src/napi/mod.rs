//! The Node-API: `js_native_api.h` and `node_api.h` over V8, exported from the anode
//! executable so that `dlopen`ed addons resolve their `napi_*` imports against it.

#[macro_use]
mod boundary;
pub mod async_resource;
pub mod cleanup;
mod env;
pub mod host;
mod reference;
mod scope;
mod link_check;
pub mod loader;
mod v8_layout;
mod value;

pub(crate) mod js_native_api;
mod node_api;

pub use boundary::Status;
pub use v8_layout::glue::isolate::{
    measure_memory, set_abort_on_uncaught_exception_callback, set_prepare_stack_trace_callback, set_stack_limit, MaybeLocalValue,
    MeasureMemoryExecution,
};
pub use v8_layout::heap_profiler;
pub use env::Env;
pub use node_api::lifecycle::AsyncCleanupHandle;

/// The Node-API version anode implements, reported by napi_get_version and in
/// `process.versions.napi`.
pub const NAPI_VERSION: u32 = 10;
/// The highest Node-API version a module may declare.
pub const MAX_MODULE_API_VERSION: i32 = 10;

/// Node's notice that a JS promise hook was installed: Node-API's promises must from now
/// on be made by V8's factory, which runs the hook.
pub fn promise_hook_installed() {
    cleanup::each_env(|env| env.promise_template = None);
}
