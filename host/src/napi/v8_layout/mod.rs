//! V8's private memory layout, read and written directly on Node-API's hot paths: handle
//! slots and Smis, heap numbers, sequential strings, the handle scope block and the young
//! generation's allocation buffer (`words`), API callback frames (`frames`), TryCatch
//! internals (`try_catch`), receivers' maps and arrays' elements (`objects`), promises
//! (`promises`), typed arrays' maps (`typed_arrays`), global handle slots (`global`), and
//! the v8 crate's private C++ glue and V8's mangled C++ functions (`glue`).
//!
//! Everything here is written against one V8: **V8 15.2.124.1, from the `v8` crate =152.2.0**
//! (x64 Linux, no pointer compression, no sandbox: the crate's defaults). Each layout fact is
//! checked against V8's API when the first env of an isolate is made (`Env::new` runs each
//! part's check once); a part whose check fails is left off and its callers keep V8's API.
//! `ANODE_V8_API_ONLY=1` turns every part off, so that the API paths can be tested. Upgrading
//! V8 means auditing this folder, and nothing outside it.

pub mod frames;
pub mod glue;
pub mod global;
pub mod objects;
pub mod promises;
pub mod try_catch;
pub mod typed_arrays;
pub mod words;

/// Whether anode may read and write V8's memory directly where it checked the layout.
/// `ANODE_V8_API_ONLY=1` turns every such shortcut off.
pub fn layout_shortcuts_allowed() -> bool {
    static ALLOWED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ALLOWED.get_or_init(|| std::env::var_os("ANODE_V8_API_ONLY").is_none_or(|value| value.is_empty() || value == "0"))
}
