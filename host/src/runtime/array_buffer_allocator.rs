//! --debug-arraybuffer-allocations: each isolate's ArrayBuffer memory comes from an allocator
//! that records every block it hands out and aborts, as node's debugging allocator does, when
//! V8 frees a block it did not allocate or with another size than it had, or when the
//! allocator is dropped (its isolate and every backing store it made gone) with blocks still
//! allocated. The backing stores share ownership of their allocator, so memory a worker
//! allocated is freed through that worker's allocator after the worker ended.

use std::collections::HashMap;
use std::ffi::c_void;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

static DEBUGGING: AtomicBool = AtomicBool::new(false);

pub fn enable_debugging() {
    DEBUGGING.store(true, Ordering::Relaxed);
}

/// The ArrayBuffer allocator for a new isolate: a debugging one under
/// --debug-arraybuffer-allocations, otherwise None (V8's default).
pub(super) fn for_isolate() -> Option<v8::UniqueRef<v8::Allocator>> {
    if !DEBUGGING.load(Ordering::Relaxed) {
        return None;
    }
    static VTABLE: v8::RustAllocatorVtable<Blocks> = v8::RustAllocatorVtable { allocate, allocate_uninitialized, free, drop: drop_blocks };
    let blocks = Box::into_raw(Box::new(Blocks(Mutex::new(HashMap::new()))));
    // SAFETY: `blocks` lives until V8 calls the vtable's drop, which frees it.
    Some(unsafe { v8::new_rust_allocator(blocks, &VTABLE) })
}

/// The blocks allocated and not yet freed: address to size.
struct Blocks(Mutex<HashMap<usize, usize>>);

impl Blocks {
    fn record(&self, data: *mut c_void, len: usize) -> *mut c_void {
        if !data.is_null() {
            let previous = self.0.lock().unwrap().insert(data as usize, len);
            if previous.is_some() {
                check_failed("RegisterPointerInternal", "a block handed out twice");
            }
        }
        data
    }

    fn forget(&self, data: *mut c_void, len: usize) {
        if data.is_null() {
            return;
        }
        match self.0.lock().unwrap().remove(&(data as usize)) {
            None => check_failed("UnregisterPointerInternal", "freeing a block this allocator did not allocate"),
            // A zero length frees whatever size the block had.
            Some(size) if len > 0 && size != len => check_failed("UnregisterPointerInternal", "freeing a block with another size than it was allocated with"),
            Some(_) => {}
        }
    }
}

/// Node's CHECK failure: what went wrong on stderr, then abort.
fn check_failed(function: &str, what: &str) -> ! {
    let program = std::env::args().next().unwrap_or_default();
    eprintln!("{program}[{}]: DebuggingArrayBufferAllocator::{function}: {what}", std::process::id());
    std::process::abort()
}

// Zero-length buffers get a block of one byte, so that each has an address of its own.
unsafe extern "C" fn allocate(blocks: &Blocks, len: usize) -> *mut c_void {
    // SAFETY: calloc with a nonzero size.
    blocks.record(unsafe { libc::calloc(len.max(1), 1) }, len)
}

unsafe extern "C" fn allocate_uninitialized(blocks: &Blocks, len: usize) -> *mut c_void {
    // SAFETY: malloc with a nonzero size.
    blocks.record(unsafe { libc::malloc(len.max(1)) }, len)
}

unsafe extern "C" fn free(blocks: &Blocks, data: *mut c_void, len: usize) {
    blocks.forget(data, len);
    // SAFETY: a block this allocator allocated (checked above), freed once.
    unsafe { libc::free(data) }
}

unsafe extern "C" fn drop_blocks(blocks: *const Blocks) {
    // SAFETY: the box for_isolate leaked, dropped once by V8.
    let blocks = unsafe { Box::from_raw(blocks as *mut Blocks) };
    if !blocks.0.lock().unwrap().is_empty() {
        check_failed("~DebuggingArrayBufferAllocator", "blocks still allocated");
    }
}
