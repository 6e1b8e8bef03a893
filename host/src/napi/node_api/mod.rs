//! `node_api.h`: the Node-specific half of Node-API, one module per header area.

// Patterns match the C names of napi_sys constants.
#![allow(non_upper_case_globals)]

mod async_context;
pub(crate) mod async_work;
mod buffers;
pub(crate) mod lifecycle;
pub(crate) mod module;
mod threadsafe;
