//! `js_native_api.h`: the engine-neutral half of Node-API, one module per header area.

// Patterns match the C names of napi_sys constants.
#![allow(non_upper_case_globals)]

pub(crate) mod buffers;
mod classes;
pub(crate) mod errors;
pub(crate) mod functions;
mod lifetime;
pub(crate) mod objects;
pub(crate) mod promises;
mod script;
mod values;
