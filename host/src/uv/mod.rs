//! libuv: the real library (linked in whole, every uv_* exported) is the loop addons see
//! through napi_get_uv_event_loop and call directly. anode's loop drives it: it runs
//! libuv's ready callbacks each turn and waits on libuv's backend fd and next timer. The
//! main thread uses libuv's default loop; each worker thread has a loop of its own.

use std::cell::{Cell, RefCell};
use std::ffi::{c_int, c_void};

/// libuv's `uv_loop_t` (opaque here).
#[repr(C)]
pub struct Loop {
    _private: [u8; 0],
}

/// `uv_handle_type` of an async handle.
const UV_ASYNC: c_int = 1;
/// `uv_handle_type` of a signal handle.
const UV_SIGNAL: c_int = 16;

/// `uv_run_mode`.
const UV_RUN_ONCE: c_int = 1;
const UV_RUN_NOWAIT: c_int = 2;
/// `uv_req_type` of a work request.
const UV_WORK: c_int = 7;

/// Callbacks of `uv_queue_work`.
pub type WorkCallback = unsafe extern "C" fn(req: *mut c_void);
pub type AfterWorkCallback = unsafe extern "C" fn(req: *mut c_void, status: c_int);

unsafe extern "C" {
    fn uv_default_loop() -> *mut Loop;
    fn uv_loop_size() -> usize;
    fn uv_loop_init(loop_: *mut Loop) -> c_int;
    fn uv_loop_close(loop_: *mut Loop) -> c_int;
    fn uv_run(loop_: *mut Loop, mode: c_int) -> c_int;
    fn uv_backend_fd(loop_: *const Loop) -> c_int;
    fn uv_backend_timeout(loop_: *const Loop) -> c_int;
    fn uv_loop_alive(loop_: *const Loop) -> c_int;
    fn uv_req_size(kind: c_int) -> usize;
    fn uv_queue_work(loop_: *mut Loop, req: *mut c_void, work: WorkCallback, after: AfterWorkCallback) -> c_int;
    fn uv_cancel(req: *mut c_void) -> c_int;
    fn uv_handle_size(kind: c_int) -> usize;
    fn uv_async_init(loop_: *mut Loop, handle: *mut c_void, callback: HandleCallback) -> c_int;
    fn uv_async_send(handle: *mut c_void) -> c_int;
    fn uv_close(handle: *mut c_void, callback: HandleCallback);
    fn uv_ref(handle: *mut c_void);
    fn uv_unref(handle: *mut c_void);
    fn uv_version_string() -> *const std::ffi::c_char;
    fn uv_err_name_r(err: c_int, buf: *mut std::ffi::c_char, buflen: usize) -> *mut std::ffi::c_char;
    fn uv_err_name(err: c_int) -> *const std::ffi::c_char;
    fn uv_strerror(err: c_int) -> *const std::ffi::c_char;
    fn uv_signal_init(loop_: *mut Loop, handle: *mut c_void) -> c_int;
    fn uv_signal_start(handle: *mut c_void, callback: SignalCallback, signum: c_int) -> c_int;
    fn uv_setup_args(argc: c_int, argv: *mut *mut std::ffi::c_char) -> *mut *mut std::ffi::c_char;
    fn uv_set_process_title(title: *const std::ffi::c_char) -> c_int;
    fn uv_get_process_title(buffer: *mut std::ffi::c_char, size: usize) -> c_int;
}

/// Hands libuv the process's own argv before main (glibc calls .init_array functions with
/// main's arguments), so that uv_set_process_title can rewrite the memory `ps` reads.
#[used]
#[link_section = ".init_array"]
static SETUP_ARGS: unsafe extern "C" fn(c_int, *mut *mut std::ffi::c_char, *mut *mut std::ffi::c_char) = setup_args;

unsafe extern "C" fn setup_args(argc: c_int, argv: *mut *mut std::ffi::c_char, _env: *mut *mut std::ffi::c_char) {
    if argc > 0 && !argv.is_null() {
        // SAFETY: the loader's argc and argv; libuv keeps its own copy of the arguments.
        unsafe { uv_setup_args(argc, argv) };
    }
}

/// The process title (`ps`'s view, process.title): at first argv[0].
pub fn process_title() -> String {
    let mut buffer = vec![0u8; 256];
    loop {
        // SAFETY: libuv writes at most `buffer.len()` bytes, NUL included.
        let status = unsafe { uv_get_process_title(buffer.as_mut_ptr().cast(), buffer.len()) };
        if status == 0 {
            let end = buffer.iter().position(|&b| b == 0).unwrap_or(buffer.len());
            return String::from_utf8_lossy(&buffer[..end]).into_owned();
        }
        if buffer.len() >= 1 << 20 {
            return String::new();
        }
        buffer.resize(buffer.len() * 2, 0);
    }
}

/// Sets the process title: written over the argv memory (cut to its size) and the thread name.
pub fn set_process_title(title: &str) {
    let Ok(title) = std::ffi::CString::new(title.replace('\0', "")) else { return };
    // SAFETY: a NUL-terminated string libuv copies.
    unsafe { uv_set_process_title(title.as_ptr()) };
}

/// The callback of a signal handle: the handle and the signal's number.
pub type SignalCallback = unsafe extern "C" fn(handle: *mut c_void, signum: c_int);

/// The linked libuv's version, as `process.versions.uv` reports it.
pub fn version() -> String {
    // SAFETY: libuv returns a static NUL-terminated string.
    unsafe { std::ffi::CStr::from_ptr(uv_version_string()) }.to_string_lossy().into_owned()
}

/// Callbacks on a handle (async wake-ups, close).
pub type HandleCallback = unsafe extern "C" fn(handle: *mut c_void);

/// A libuv handle's memory (uv_handle_size of its kind), `data` its first field; it must stay
/// where it is until libuv's close callback has run.
struct HandleStorage {
    words: Box<[u64]>,
}

impl HandleStorage {
    fn new(kind: c_int) -> HandleStorage {
        // SAFETY: uv_handle_size reports the size of a handle of `kind`.
        let words = unsafe { uv_handle_size(kind) }.div_ceil(8);
        HandleStorage { words: vec![0u64; words].into_boxed_slice() }
    }

    fn raw(&mut self) -> *mut c_void {
        self.words.as_mut_ptr().cast()
    }

    fn set_data(&mut self, data: *mut c_void) {
        self.words[0] = data as u64;
    }

    fn set_ref(&mut self, referenced: bool) {
        // SAFETY: JS thread, an initialized live handle.
        unsafe {
            if referenced {
                uv_ref(self.raw())
            } else {
                uv_unref(self.raw())
            }
        }
    }

    fn close(&mut self, on_closed: HandleCallback) {
        // SAFETY: JS thread, an initialized live handle, closed once.
        unsafe { uv_close(self.raw(), on_closed) };
    }
}

/// The `data` of a handle libuv hands back to a callback.
///
/// # Safety
/// `handle` must be an AsyncHandle's or SignalHandle's storage.
unsafe fn data_of(handle: *mut c_void) -> *mut c_void {
    unsafe { *handle.cast::<*mut c_void>() }
}

/// A `uv_async_t` on this thread's loop: any thread may wake the JS thread through it.
pub struct AsyncHandle {
    storage: HandleStorage,
}

impl AsyncHandle {
    /// Initializes the handle with `data` (its first field) and the wake-up callback.
    pub fn new(data: *mut c_void, callback: HandleCallback) -> Option<AsyncHandle> {
        let mut storage = HandleStorage::new(UV_ASYNC);
        // SAFETY: initialized on the JS thread; libuv sets the fields, then we set data.
        let status = unsafe { uv_async_init(thread_loop(), storage.raw(), callback) };
        storage.set_data(data);
        (status == 0).then_some(AsyncHandle { storage })
    }

    /// The `data` of a handle libuv hands back to a callback.
    ///
    /// # Safety
    /// `handle` must be an AsyncHandle's storage.
    pub unsafe fn data_of(handle: *mut c_void) -> *mut c_void {
        unsafe { data_of(handle) }
    }

    /// Wakes the loop, from any thread.
    pub fn send(&self) {
        // SAFETY: uv_async_send is thread-safe; the handle is live until closed.
        unsafe { uv_async_send(self.storage.words.as_ptr().cast_mut().cast()) };
    }

    /// Lets the handle keep the loop alive (uv_ref) or not (uv_unref).
    pub fn set_ref(&mut self, referenced: bool) {
        self.storage.set_ref(referenced);
    }

    /// Closes the handle; `on_closed` runs on a later loop turn, after which it may be freed.
    pub fn close(&mut self, on_closed: HandleCallback) {
        self.storage.close(on_closed);
    }
}

/// A `uv_signal_t` on this thread's loop: libuv's signal watching, as node's process signal
/// events use it (the default disposition comes back when the last watcher of a signal stops).
pub struct SignalHandle {
    storage: HandleStorage,
}

impl SignalHandle {
    /// Starts watching `signum` with `data` (the handle's first field); a negative errno
    /// when libuv refuses (SIGKILL, SIGSTOP, a number out of range).
    pub fn start(data: *mut c_void, signum: c_int, callback: SignalCallback) -> Result<SignalHandle, c_int> {
        let mut storage = HandleStorage::new(UV_SIGNAL);
        // SAFETY: initialized and started on the JS thread that owns the loop.
        let status = unsafe { uv_signal_init(thread_loop(), storage.raw()) };
        if status != 0 {
            return Err(status);
        }
        storage.set_data(data);
        // SAFETY: an initialized handle.
        let status = unsafe { uv_signal_start(storage.raw(), callback, signum) };
        if status != 0 {
            storage.close(ignore_handle);
            // libuv is done with the storage once the close callback ran: until then it stays.
            std::mem::forget(storage);
            return Err(status);
        }
        Ok(SignalHandle { storage })
    }

    /// The `data` of a handle libuv hands back to a callback.
    ///
    /// # Safety
    /// `handle` must be a SignalHandle's storage.
    pub unsafe fn data_of(handle: *mut c_void) -> *mut c_void {
        unsafe { data_of(handle) }
    }

    /// Lets the handle keep the loop alive (uv_ref) or not (uv_unref).
    pub fn set_ref(&mut self, referenced: bool) {
        self.storage.set_ref(referenced);
    }

    /// Stops watching and closes the handle; `on_closed` runs on a later loop turn, after
    /// which the storage may be freed (until then it must stay where it is).
    pub fn close(&mut self, on_closed: HandleCallback) {
        self.storage.close(on_closed);
    }
}

thread_local! {
    /// This thread's loop (null until first used: then the default loop).
    static THREAD_LOOP: Cell<*mut Loop> = const { Cell::new(std::ptr::null_mut()) };
    /// An unreferenced async handle, never sent, that as_if_alive references.
    static ALIVE_PROBE: RefCell<Option<AsyncHandle>> = const { RefCell::new(None) };
}

/// This thread's loop, the one addons get from napi_get_uv_event_loop.
pub fn thread_loop() -> *mut Loop {
    THREAD_LOOP.with(|current| {
        if current.get().is_null() {
            // SAFETY: libuv creates the default loop on first use; it lives for the process.
            current.set(unsafe { uv_default_loop() });
        }
        current.get()
    })
}

/// Makes this thread's loop (libuv's default loop, for the main thread or an embedder's) now,
/// before the program can use up the descriptors its epoll fd and eventfd need.
pub fn init_default_loop() -> std::io::Result<()> {
    if !THREAD_LOOP.with(|current| current.get()).is_null() {
        return Ok(());
    }
    // SAFETY: libuv creates the default loop on first use; it lives for the process.
    let loop_ = unsafe { uv_default_loop() };
    if loop_.is_null() {
        // uv_loop_init failed; its failing call left errno set (EMFILE when out of fds).
        return Err(std::io::Error::last_os_error());
    }
    THREAD_LOOP.with(|current| current.set(loop_));
    Ok(())
}

/// Gives this (worker) thread a loop of its own.
pub fn init_thread_loop() -> std::io::Result<()> {
    // SAFETY: uv_loop_size is a uv_loop_t's size; the storage lives until close_thread_loop.
    let storage = vec![0u64; unsafe { uv_loop_size() }.div_ceil(8)].into_boxed_slice();
    let loop_ = Box::into_raw(storage).cast::<Loop>();
    // SAFETY: fresh storage of the right size.
    let status = unsafe { uv_loop_init(loop_) };
    if status != 0 {
        // SAFETY: the storage was made by into_raw above and nothing else holds it.
        drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(loop_.cast::<u64>(), uv_loop_size().div_ceil(8))) });
        return Err(std::io::Error::from_raw_os_error(-status));
    }
    THREAD_LOOP.with(|current| current.set(loop_));
    Ok(())
}

/// Closes this thread's own loop once its handles have closed (a loop that still has some
/// is left open: freeing it under them would be worse).
pub fn close_thread_loop() {
    let loop_ = thread_loop();
    // Freed only after the run below has finished closing it.
    let _probe = ALIVE_PROBE.with(|probe| probe.borrow_mut().take()).map(|mut probe| {
        probe.close(ignore_handle);
        probe
    });
    // SAFETY: this thread's loop; pending close callbacks (the probe's too) run first.
    unsafe {
        uv_run(loop_, UV_RUN_NOWAIT);
        if uv_loop_close(loop_) == 0 {
            let words = uv_loop_size().div_ceil(8);
            drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(loop_.cast::<u64>(), words)));
        }
    }
    THREAD_LOOP.with(|current| current.set(std::ptr::null_mut()));
}

/// Runs one libuv iteration without blocking: what is ready, and due timers.
pub fn run_ready() {
    // SAFETY: called on the JS thread, which owns its loop.
    as_if_alive(|loop_| unsafe { uv_run(loop_, UV_RUN_NOWAIT) });
}

/// Runs one libuv loop iteration, blocking until something happens.
pub fn run_once() {
    // SAFETY: called on the JS thread, which owns its loop.
    unsafe { uv_run(thread_loop(), UV_RUN_ONCE) };
}

/// Whether libuv has referenced handles or requests that keep the process alive.
pub fn is_alive() -> bool {
    // SAFETY: reads this thread's loop.
    unsafe { uv_loop_alive(thread_loop()) != 0 }
}

/// The fd that becomes readable when libuv has events.
pub fn backend_fd() -> c_int {
    // SAFETY: reads this thread's loop.
    unsafe { uv_backend_fd(thread_loop()) }
}

/// Milliseconds until libuv's next timer, referenced or not (-1: none, 0: something is
/// ready now).
pub fn backend_timeout() -> c_int {
    // SAFETY: reads this thread's loop.
    as_if_alive(|loop_| unsafe { uv_backend_timeout(loop_) })
}

/// Runs `f` on this thread's loop with the probe referenced. anode's loop may be alive when
/// libuv's is not (JS timers, tasks): libuv must then still run a full iteration (its
/// unreferenced timers and fds, new watchers registered) and report its next timer, as it
/// does under node, whose JS timers keep it alive.
fn as_if_alive<T>(f: impl FnOnce(*mut Loop) -> T) -> T {
    let probe: *mut AsyncHandle = ALIVE_PROBE.with(|probe| {
        let mut probe = probe.borrow_mut();
        probe.get_or_insert_with(|| {
            let mut handle = AsyncHandle::new(std::ptr::null_mut(), ignore_handle).expect("uv_async_init");
            handle.set_ref(false);
            handle
        }) as *mut AsyncHandle
    });
    // SAFETY: the probe stays in its slot until close_thread_loop, which no libuv callback
    // run by `f` reaches; the slot is not borrowed while `f` runs, so a nested turn works.
    unsafe { (*probe).set_ref(true) };
    let result = f(thread_loop());
    unsafe { (*probe).set_ref(false) };
    result
}

unsafe extern "C" fn ignore_handle(_: *mut c_void) {}

/// A `uv_work_t` with room for libuv's fields (inline: the owner is boxed and does not
/// move while the request is queued); its `data` (the first field) is ours.
pub struct WorkRequest {
    storage: [u64; WORK_REQUEST_WORDS],
}

/// Room for a uv_work_t (16 words on x86_64 with the bundled libuv), checked at creation.
const WORK_REQUEST_WORDS: usize = 20;

impl WorkRequest {
    /// A zeroed request; `set_data` points it at its owner once the owner is in place.
    pub fn new() -> WorkRequest {
        // SAFETY: uv_req_size reports the size of a uv_work_t.
        assert!(unsafe { uv_req_size(UV_WORK) } <= WORK_REQUEST_WORDS * 8, "uv_work_t fits a WorkRequest");
        WorkRequest { storage: [0; WORK_REQUEST_WORDS] }
    }

    /// Points the request's `data` at its owner.
    pub fn set_data(&mut self, data: *mut c_void) {
        self.storage[0] = data as u64;
    }

    /// The `data` of a request libuv hands back to a callback.
    ///
    /// # Safety
    /// `req` must be a WorkRequest's storage.
    pub unsafe fn data_of(req: *mut c_void) -> *mut c_void {
        unsafe { *req.cast::<*mut c_void>() }
    }

    fn raw(&mut self) -> *mut c_void {
        self.storage.as_mut_ptr().cast()
    }

    /// Queues the request on libuv's thread pool (sized by UV_THREADPOOL_SIZE).
    pub fn queue(&mut self, work: WorkCallback, after: AfterWorkCallback) -> c_int {
        // SAFETY: the request lives until `after` has run (its owner guarantees it).
        unsafe { uv_queue_work(thread_loop(), self.raw(), work, after) }
    }

    /// Cancels the request if it has not started (then `after` gets UV_ECANCELED).
    pub fn cancel(&mut self) -> c_int {
        // SAFETY: a queued request.
        unsafe { uv_cancel(self.raw()) }
    }
}

/// libuv's error for a cancelled request.
pub const UV_ECANCELED: c_int = -125;
/// libuv's error for an invalid argument.
pub const UV_EINVAL: c_int = -22;

/// libuv's name and description of the error `err` (a negated errno), if node 24's libuv knows
/// it: static strings in libuv (uv_err_name leaks one only for an unknown error, which is first
/// asked of uv_err_name_r).
pub fn error_name(err: c_int) -> Option<(&'static str, &'static str)> {
    // Newer than the linked libuv (Debian's 1.48).
    match -err {
        libc::ENODATA => return Some(("ENODATA", "no data available")),
        libc::EUNATCH => return Some(("EUNATCH", "protocol driver not attached")),
        libc::ENOEXEC => return Some(("ENOEXEC", "exec format error")),
        _ => {}
    }
    let mut probe = [0 as std::ffi::c_char; 64];
    // SAFETY: libuv writes a NUL-terminated string of at most buflen bytes.
    let probed = unsafe {
        uv_err_name_r(err, probe.as_mut_ptr(), probe.len());
        std::ffi::CStr::from_ptr(probe.as_ptr())
    };
    if probed.to_bytes().starts_with(b"Unknown system error") {
        return None;
    }
    // SAFETY: for a known error both are pointers to static NUL-terminated strings.
    let (name, description) = unsafe { (std::ffi::CStr::from_ptr(uv_err_name(err)), std::ffi::CStr::from_ptr(uv_strerror(err))) };
    Some((name.to_str().ok()?, description.to_str().ok()?))
}
