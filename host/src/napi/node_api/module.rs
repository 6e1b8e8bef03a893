//! Module registration: the legacy `napi_module_register` path.

use std::cell::Cell;

use napi_sys::*;

use crate::napi::boundary::no_env;

thread_local! {
    /// The module a static constructor registered during the current dlopen.
    pub(crate) static REGISTERED_MODULE: Cell<*mut napi_module> = const { Cell::new(std::ptr::null_mut()) };
}

/// Registers a module from a static constructor (the pre-NAPI_MODULE_INIT way).
#[no_mangle]
pub unsafe extern "C" fn napi_module_register(module: *mut napi_module) {
    const _: unsafe extern "C" fn(*mut napi_module) = napi_sys::napi_module_register;
    no_env(|| REGISTERED_MODULE.with(|slot| slot.set(module)));
}
