//! anode: a JavaScript runtime on V8 and tokio that loads Node-API addons.

pub mod cli;
mod dotenv;
pub mod napi;
pub mod runtime;
pub mod uv;

/// The anode release, reported in `process.versions.anode`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
