//! `js_native_api.h`: the engine-neutral half of Node-API, one module per header area.

mod errors;
mod functions;
mod objects;
mod values;
