//! The Node-API: `js_native_api.h` and `node_api.h` over V8, exported from the anode
//! executable so that `dlopen`ed addons resolve their `napi_*` imports against it.

#[macro_use]
mod boundary;
mod env;
mod reference;
mod scope;
mod try_catch;
pub mod loader;
mod value;

pub(crate) mod js_native_api;
mod node_api;

pub use boundary::Status;
pub use env::Env;
pub(crate) use env::begin_cleanup;
pub use node_api::lifecycle::AsyncCleanupHandle;
