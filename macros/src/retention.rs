//! Keeping the addon's image loaded. Node unloads an addon a worker loaded when the worker's
//! env goes; a threadsafe function or a future on the tokio runtime can still run (or drop)
//! addon code on another thread after that. Making one first pins the image for the process's
//! life (as `dlopen` with `RTLD_NODELETE`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

static REQUESTS: AtomicUsize = AtomicUsize::new(0);
static PINNED: Once = Once::new();

/// Asks for the addon's image to stay loaded (pinned on the first request).
pub(crate) fn retain_module() {
    REQUESTS.fetch_add(1, Ordering::Relaxed);
    PINNED.call_once(pin_image);
}

/// How many times the addon has asked for its image to stay loaded (one per threadsafe
/// function, spawned future or stream reader made).
pub fn module_retention_requests() -> usize {
    REQUESTS.load(Ordering::Relaxed)
}

/// Opens the shared object holding this code once more, never to close it, with
/// `RTLD_NODELETE`: its later `dlclose`s leave it mapped.
#[cfg(unix)]
fn pin_image() {
    unsafe {
        let mut info: libc::Dl_info = std::mem::zeroed();
        if libc::dladdr(retain_module as *const libc::c_void, &mut info) == 0 || info.dli_fname.is_null() {
            return;
        }
        libc::dlopen(info.dli_fname, libc::RTLD_NOW | libc::RTLD_NODELETE);
    }
}

/// Windows: the module's handle pinned (`GET_MODULE_HANDLE_EX_FLAG_PIN`).
#[cfg(windows)]
fn pin_image() {
    #[link(name = "kernel32")]
    extern "system" {
        fn GetModuleHandleExW(flags: u32, name: *const u16, module: *mut *mut std::ffi::c_void) -> i32;
    }
    const FROM_ADDRESS: u32 = 0x4;
    const PIN: u32 = 0x1;
    let mut module = std::ptr::null_mut();
    unsafe { GetModuleHandleExW(FROM_ADDRESS | PIN, retain_module as *const u16, &mut module) };
}
