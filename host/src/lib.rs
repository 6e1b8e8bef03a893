//! anode: a JavaScript runtime on V8 and tokio that loads Node-API addons.

pub mod cli;
pub mod napi;
pub mod runtime;
mod task_runner;
pub mod uv;

pub use runtime::embedder::{Error, Runtime, RuntimeOptions};
/// The `v8` crate anode is built on, for values in and out of a [`Runtime`].
pub use v8;

/// The anode release, reported in `process.versions.anode`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
