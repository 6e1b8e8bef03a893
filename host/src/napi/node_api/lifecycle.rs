//! Environment lifecycle: cleanup hooks, fatal errors and exceptions, versions, the libuv
//! loop and the module's file name.

use std::ffi::{c_char, c_void};
use std::sync::atomic::{AtomicBool, Ordering};

use napi_sys::*;

use crate::napi::boundary::no_env;
use crate::napi::value::{check_arg, from_napi, out, set_if_given};
use crate::napi::cleanup::{add_cleanup_hook, remove_cleanup_hook, CleanupHook};

/// What `napi_async_cleanup_hook_handle` points to.
pub struct AsyncCleanupHandle {
    hook: napi_async_cleanup_hook,
    arg: *mut c_void,
    /// Set by napi_remove_async_cleanup_hook; teardown waits for it.
    pub removed: AtomicBool,
}

impl AsyncCleanupHandle {
    /// Starts the hook at teardown; it calls napi_remove_async_cleanup_hook when done.
    pub fn start(&self) {
        if let Some(hook) = self.hook {
            // SAFETY: the addon's hook with the handle and argument it registered.
            unsafe { hook((self as *const AsyncCleanupHandle).cast_mut().cast(), self.arg) };
        }
    }
}

/// A C string argument given with a length or NAPI_AUTO_LENGTH, lossily as UTF-8.
fn c_text(text: *const c_char, length: usize) -> String {
    if text.is_null() {
        return String::new();
    }
    // SAFETY: the caller passes a valid string.
    let bytes = unsafe {
        if length == NAPI_AUTO_LENGTH {
            std::ffi::CStr::from_ptr(text).to_bytes()
        } else {
            std::slice::from_raw_parts(text.cast::<u8>(), length)
        }
    };
    String::from_utf8_lossy(bytes).into_owned()
}

/// Aborts the process with node's `FATAL ERROR: location message`.
#[no_mangle]
pub unsafe extern "C" fn napi_fatal_error(location: *const c_char, location_len: usize, message: *const c_char, message_len: usize) -> ! {
    const _: unsafe extern "C" fn(*const c_char, usize, *const c_char, usize) -> ! = napi_sys::napi_fatal_error;
    let (location, message) = (c_text(location, location_len), c_text(message, message_len));
    no_env(|| crate::napi::host::fatal_error(Some(&location), &message));
    std::process::abort()
}

/// Removes an async cleanup hook; during teardown this tells it the hook's work is done.
#[no_mangle]
pub unsafe extern "C" fn napi_remove_async_cleanup_hook(remove_handle: napi_async_cleanup_hook_handle) -> napi_status {
    const _: unsafe extern "C" fn(napi_async_cleanup_hook_handle) -> napi_status = napi_sys::napi_remove_async_cleanup_hook;
    if remove_handle.is_null() {
        return napi_invalid_arg;
    }
    let handle = remove_handle.cast::<AsyncCleanupHandle>();
    no_env(|| {
        if remove_cleanup_hook(|hook| matches!(hook, CleanupHook::Async(h) if h.as_ptr() == handle)) {
            // SAFETY: still queued, so nothing else refers to it.
            drop(unsafe { Box::from_raw(handle) });
        } else {
            // Teardown started it and frees it once it sees this.
            unsafe { (*handle).removed.store(true, Ordering::Release) };
        }
    });
    napi_ok
}

napi! {
    /// Runs `fun(arg)` when the environment is torn down (last added, first run).
    fn napi_add_env_cleanup_hook(env: Basic, _, fun: napi_cleanup_hook, arg: *mut c_void) {
        check_arg(fun.map_or(std::ptr::null(), |f| f as *const c_void))?;
        add_cleanup_hook(CleanupHook::Addon { fun, arg });
        Ok(())
    }

    /// Removes a cleanup hook added with the same function and argument.
    fn napi_remove_env_cleanup_hook(env: Basic, _, fun: napi_cleanup_hook, arg: *mut c_void) {
        check_arg(fun.map_or(std::ptr::null(), |f| f as *const c_void))?;
        let target = fun.map(|f| f as usize);
        remove_cleanup_hook(|hook| matches!(hook, CleanupHook::Addon { fun, arg: a } if fun.map(|f| f as usize) == target && *a == arg));
        Ok(())
    }

    /// A cleanup hook that finishes asynchronously: teardown waits for its removal.
    fn napi_add_async_cleanup_hook(env: Basic, _, hook: napi_async_cleanup_hook, arg: *mut c_void, remove_handle: *mut napi_async_cleanup_hook_handle) {
        check_arg(hook.map_or(std::ptr::null(), |f| f as *const c_void))?;
        let handle = Box::new(AsyncCleanupHandle { hook, arg, removed: AtomicBool::new(false) });
        let handle = std::ptr::NonNull::from(Box::leak(handle));
        add_cleanup_hook(CleanupHook::Async(handle));
        set_if_given(remove_handle, handle.as_ptr().cast());
        Ok(())
    }

    /// Raises `err` as an uncaught exception ('uncaughtException', else exit).
    fn napi_fatal_exception(env: Js, scope, err: napi_value) {
        let err = from_napi(err)?;
        env.host.clone().trigger_uncaught(scope, err);
        Ok(())
    }

    /// The version of Node whose Node-API this runtime implements.
    fn napi_get_node_version(env: Basic, _, result: *mut *const napi_node_version) {
        *out(result)? = &env.node_version;
        Ok(())
    }

    /// libuv's loop, on which addons may start handles and requests.
    fn napi_get_uv_event_loop(env: Basic, _, loop_: *mut *mut uv_loop_s) {
        *out(loop_)? = crate::uv::thread_loop().cast();
        Ok(())
    }

    /// The addon's file name as a file:// URL.
    fn node_api_get_module_file_name(env: Basic, _, result: *mut *const c_char) {
        *out(result)? = env.file_url().as_ptr();
        Ok(())
    }
}
