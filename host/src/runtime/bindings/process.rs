//! The process's natives: stdio, clocks, the working directory, exit, memory, loop refs,
//! and libuv's error names.

use super::*;

/// Writes all of `bytes` to `fd`, waiting while a non-blocking descriptor is full; 0 or the
/// failing errno, negated (EPIPE when the reader is gone).
pub(super) fn write_fd(fd: i32, mut bytes: &[u8]) -> i32 {
    while !bytes.is_empty() {
        // SAFETY: writing from a valid slice to a file descriptor.
        let written = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if written < 0 {
            let error = std::io::Error::last_os_error();
            match error.kind() {
                ErrorKind::Interrupted => continue,
                ErrorKind::WouldBlock => {
                    let mut poll = libc::pollfd { fd, events: libc::POLLOUT, revents: 0 };
                    // SAFETY: one pollfd on the stack.
                    unsafe { libc::poll(&mut poll, 1, -1) };
                    continue;
                }
                _ => return -error.raw_os_error().unwrap_or(libc::EIO),
            }
        }
        bytes = &bytes[written as usize..];
    }
    0
}

/// Writes to stderr unbuffered, as node does.
pub fn write_stderr(text: &str) {
    write_fd(2, text.as_bytes());
}

/// Flushes what C code buffered in stdio before the process ends.
pub fn flush_stdio() {
    // SAFETY: fflush(NULL) flushes every C stdio stream.
    unsafe { libc::fflush(std::ptr::null_mut()) };
}

/// print(fd, text): a synchronous write to stdout or stderr.
pub(super) fn print(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(1);
    let text = arg_string(scope, &args, 1);
    write_fd(if fd == 2 { 2 } else { 1 }, text.as_bytes());
}

/// stdioWrite(fd, bytes): process.stdout's and stderr's synchronous write of a terminal or
/// pipe (as node's are on Linux); 0 or a negative errno.
pub(super) fn stdio_write(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(1)) else {
        return throw_type_error(scope, "stdioWrite(fd, bytes) takes a Uint8Array");
    };
    rv.set_int32(write_fd(fd, &view_bytes(&view)));
}

/// hrtime(): a monotonic clock in nanoseconds, as a BigInt.
pub(super) fn hrtime(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime fills the timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    let ns = ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64;
    rv.set(v8::BigInt::new_from_u64(scope, ns).into());
}

/// now(): milliseconds since the process started (the timers' and performance's clock).
pub(super) fn now(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    rv.set_double(RuntimeState::get(scope).now_ms());
}

/// loopTime(): the loop's clock, which timers are scheduled by, brought up to date first (as
/// node's getLibuvNow updates libuv's), so a timer set after a long synchronous stretch counts
/// from when it was set.
pub(super) fn loop_time(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let state = RuntimeState::get(scope);
    state.update_loop_time();
    rv.set_double(state.loop_time());
}

pub(super) fn cwd(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    match std::env::current_dir() {
        Ok(dir) => rv.set(string(scope, &dir.to_string_lossy()).into()),
        Err(error) if error.raw_os_error() == Some(libc::ENOENT) => {
            // Node's own wording for the usual cause.
            let message = string(
                scope,
                "ENOENT: process.cwd failed with error no such file or directory, the current working directory \
                 was likely removed without changing the working directory, uv_cwd",
            );
            let exception = v8::Exception::error(scope, message).cast::<v8::Object>();
            let fields: [(&str, v8::Local<v8::Value>); 3] = [
                ("errno", v8::Integer::new(scope, -libc::ENOENT).into()),
                ("code", string(scope, "ENOENT").into()),
                ("syscall", string(scope, "uv_cwd").into()),
            ];
            for (name, value) in fields {
                set_property(scope, exception, name, value);
            }
            scope.throw_exception(exception.into());
        }
        Err(error) => {
            let exception = system_error(scope, &error, "uv_cwd", None, None);
            scope.throw_exception(exception.into());
        }
    }
}

/// How many times process.chdir() has changed the directory: workers keep their process.cwd()
/// until it moves (node's cwd cache).
static DIRECTORY_CHANGES: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// chdir(directory): errors name the directory left as the path and the target as dest.
pub(super) fn chdir(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let dir = arg_string(scope, &args, 0);
    if crate::runtime::permission::throw_if_denied(scope, crate::runtime::permission::Scope::FileSystemRead, &dir) {
        return;
    }
    if let Err(error) = std::env::set_current_dir(&dir) {
        let from = std::env::current_dir().map(|from| from.to_string_lossy().into_owned()).unwrap_or_default();
        let exception = system_error(scope, &error, "chdir", Some(&from), Some(&dir));
        scope.throw_exception(exception.into());
        return;
    }
    DIRECTORY_CHANGES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
}

/// The counter's memory is static: nothing to free when a thread's buffer over it goes.
unsafe extern "C" fn static_memory_released(_data: *mut std::ffi::c_void, _length: usize, _deleter_data: *mut std::ffi::c_void) {}

/// cwdCounter(): a SharedArrayBuffer over the process's count of directory changes (one Int32,
/// the same memory in every thread).
pub(super) fn cwd_counter(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    // SAFETY: the static outlives every isolate, and V8 reads and writes it only as an Int32.
    let store = unsafe {
        v8::SharedArrayBuffer::new_backing_store_from_ptr(
            DIRECTORY_CHANGES.as_ptr().cast(),
            std::mem::size_of::<i32>(),
            static_memory_released,
            std::ptr::null_mut(),
        )
    }
    .make_shared();
    let buffer = v8::SharedArrayBuffer::with_backing_store(scope, &store);
    rv.set(buffer.into());
}

/// umask(mask): sets the file mode creation mask when `mask` is a number; returns the old one.
pub(super) fn umask(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mask = args.get(0);
    // SAFETY: umask only swaps the process's mask; reading it means setting and restoring it.
    let old = unsafe {
        if mask.is_number() {
            libc::umask(mask.uint32_value(scope).unwrap_or(0) as libc::mode_t)
        } else {
            let old = libc::umask(0);
            libc::umask(old);
            old
        }
    };
    rv.set_uint32(old);
}

/// abort(): ends the process with SIGABRT (and a core dump where enabled), as C's abort.
pub(super) fn abort(_scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    flush_stdio();
    std::process::abort();
}

fn string_list(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<std::ffi::CString> {
    let Ok(list) = v8::Local::<v8::Array>::try_from(value) else { return Vec::new() };
    (0..list.length())
        .filter_map(|index| list.get_index(scope, index))
        .filter_map(|item| std::ffi::CString::new(item.to_rust_string_lossy(scope)).ok())
        .collect()
}

/// execve(file, args, env): replaces the process with `file`, every descriptor but stdio closed
/// on the way; returns the error's code name when execve fails.
pub(super) fn execve(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    if crate::runtime::permission::throw_if_denied(scope, crate::runtime::permission::Scope::ChildProcess, &path) {
        return;
    }
    let file = std::ffi::CString::new(path).unwrap_or_default();
    let argv = string_list(scope, args.get(1));
    let envp = string_list(scope, args.get(2));
    let pointers = |list: &[std::ffi::CString]| -> Vec<*const libc::c_char> {
        list.iter().map(|item| item.as_ptr()).chain(std::iter::once(std::ptr::null())).collect()
    };
    let (argv_ptrs, envp_ptrs) = (pointers(&argv), pointers(&envp));
    let descriptors: Vec<i32> = std::fs::read_dir("/proc/self/fd")
        .map(|dir| dir.filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok()).collect())
        .unwrap_or_default();
    flush_stdio();
    // SAFETY: marks descriptors close-on-exec, then execs with NUL-terminated arrays of
    // NUL-terminated strings that outlive the call.
    let error = unsafe {
        for fd in descriptors.into_iter().filter(|&fd| fd > 2) {
            libc::fcntl(fd, libc::F_SETFD, libc::fcntl(fd, libc::F_GETFD) | libc::FD_CLOEXEC);
        }
        libc::execve(file.as_ptr(), argv_ptrs.as_ptr(), envp_ptrs.as_ptr());
        std::io::Error::last_os_error()
    };
    let (code, _) = errno_name(error.raw_os_error().unwrap_or(0), &error);
    rv.set(string(scope, code).into());
}

/// reallyExit(code): ends the process (or the worker) at once ('exit' listeners already ran).
pub(super) fn really_exit(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let code = args.get(0).int32_value(scope).unwrap_or(0);
    let state = crate::runtime::RuntimeState::get(scope);
    if state.options.flag("--trace-exit") {
        let thread_id = state.worker.as_ref().map(|link| link.thread_id());
        print_exit_trace(scope, code, thread_id, state.options.stack_trace_limit());
    }
    crate::runtime::really_exit(scope, code);
}

/// --trace-exit: node's warning naming the code of an explicit exit, then the JS stack (as
/// many frames as --stack-trace-limit says).
fn print_exit_trace(scope: &mut v8::PinScope, code: i32, thread_id: Option<u32>, limit: usize) {
    let pid = std::process::id();
    let who = match thread_id {
        Some(thread_id) => format!("(node:{pid}, thread:{thread_id})"),
        None => format!("(node:{pid})"),
    };
    let mut text = format!("{who} WARNING: Exited the environment with code {code}\n");
    match v8::StackTrace::current_stack_trace(scope, limit.saturating_add(1).min(i32::MAX as usize)) {
        Some(trace) => {
            // process.reallyExit's JS wrapper of this binding: node's reallyExit is native.
            let wrapper = trace.get_frame(scope, 0).is_some_and(|frame| {
                let script = frame.get_script_name(scope).map(|name| name.to_rust_string_lossy(scope)).unwrap_or_default();
                let function = frame.get_function_name(scope).map(|name| name.to_rust_string_lossy(scope));
                script.starts_with("node:internal/") && function.as_deref() == Some("reallyExit")
            });
            text.push_str(&crate::runtime::fatal::format_stack_trace(scope, trace, usize::from(wrapper), limit));
        }
        None => text.push('\n'),
    }
    write_stderr(&text);
}

/// memoryUsage(): [rss, heapTotal, heapUsed, external, arrayBuffers].
pub(super) fn memory_usage(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let stats = scope.get_heap_statistics();
    let page = 4096.0;
    let rss = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<f64>().ok()))
        .map_or(0.0, |pages| pages * page);
    let values = [
        rss,
        stats.total_heap_size() as f64,
        stats.used_heap_size() as f64,
        stats.external_memory() as f64,
        0.0,
    ];
    rv.set(number_array(scope, values).into());
}

/// libuv's errors in the order of its UV_ERRNO_MAP, as node's util.getSystemErrorMap lists them.
const UV_ERROR_ORDER: &[&str] = &[
    "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EAFNOSUPPORT", "EAGAIN", "EAI_ADDRFAMILY", "EAI_AGAIN",
    "EAI_BADFLAGS", "EAI_BADHINTS", "EAI_CANCELED", "EAI_FAIL", "EAI_FAMILY", "EAI_MEMORY", "EAI_NODATA",
    "EAI_NONAME", "EAI_OVERFLOW", "EAI_PROTOCOL", "EAI_SERVICE", "EAI_SOCKTYPE", "EALREADY", "EBADF", "EBUSY",
    "ECANCELED", "ECHARSET", "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "EDESTADDRREQ", "EEXIST", "EFAULT",
    "EFBIG", "EHOSTUNREACH", "EINTR", "EINVAL", "EIO", "EISCONN", "EISDIR", "ELOOP", "EMFILE", "EMSGSIZE",
    "ENAMETOOLONG", "ENETDOWN", "ENETUNREACH", "ENFILE", "ENOBUFS", "ENODEV", "ENOENT", "ENOMEM", "ENONET",
    "ENOPROTOOPT", "ENOSPC", "ENOSYS", "ENOTCONN", "ENOTDIR", "ENOTEMPTY", "ENOTSOCK", "ENOTSUP", "EOVERFLOW",
    "EPERM", "EPIPE", "EPROTO", "EPROTONOSUPPORT", "EPROTOTYPE", "ERANGE", "EROFS", "ESHUTDOWN", "ESPIPE",
    "ESRCH", "ETIMEDOUT", "ETXTBSY", "EXDEV", "UNKNOWN", "EOF", "ENXIO", "EMLINK", "EHOSTDOWN", "EREMOTEIO",
    "ENOTTY", "EFTYPE", "EILSEQ", "ESOCKTNOSUPPORT", "ENODATA", "EUNATCH", "ENOEXEC",
];

/// uvErrors(): [[errno, name, message], ...] for every error libuv knows (node 24's).
pub(super) fn uv_errors(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut found = Vec::new();
    for errno in -4096..0 {
        let Some((name, message)) = crate::uv::error_name(errno) else { continue };
        let Some(order) = UV_ERROR_ORDER.iter().position(|known| *known == name) else { continue };
        found.push((order, errno, name.to_string(), message.to_string()));
    }
    found.sort_by_key(|entry| entry.0);
    let entries: Vec<v8::Local<v8::Value>> = found
        .into_iter()
        .map(|(_, errno, name, message)| {
            let errno = v8::Integer::new(scope, errno).into();
            let name = string(scope, &name).into();
            let message = string(scope, &message).into();
            v8::Array::new_with_elements(scope, &[errno, name, message]).into()
        })
        .collect();
    rv.set(v8::Array::new_with_elements(scope, &entries).into());
}

/// triggerUncaughtException(error, fromPromise): an error JS code could not deliver itself.
pub(super) fn trigger_uncaught_exception(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    crate::runtime::trigger_uncaught(scope, args.get(0), None, args.get(1).is_true());
}

/// wakeLoop(name): the loop's next poll phase calls internals[name]().
pub(super) fn wake_loop(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let name = arg_string(scope, &args, 0);
    let Some(internal) = Internal::named(&name) else {
        return throw_type_error(scope, &format!("wakeLoop: no internal named {name}"));
    };
    let _ = RuntimeState::get(scope).tasks_tx.send(Box::new(move |scope: &mut v8::PinScope| {
        crate::runtime::call_internal(scope, internal, &[]);
    }));
}

/// refLoop(delta): something JS holds (a Worker, a listening port) keeps the loop alive.
pub(super) fn ref_loop(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let delta = args.get(0).int32_value(scope).unwrap_or(0);
    let state = RuntimeState::get(scope);
    state.native_refs.set(state.native_refs.get().saturating_add_signed(delta as isize));
}

/// defineTitle(process): `process.title` as node's, the OS's process title read and written
/// through libuv (what `ps` shows), an accessor that looks like a data property.
fn define_title(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Ok(process) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
    let name = string(scope, "title").into();
    process.set_accessor_with_setter(scope, name, get_title, set_title);
}

fn get_title<'s>(scope: &mut v8::PinScope<'s, '_>, _name: v8::Local<'s, v8::Name>, _args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set(string(scope, &crate::uv::process_title()).into());
}

fn set_title<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    _name: v8::Local<'s, v8::Name>,
    value: v8::Local<'s, v8::Value>,
    _args: v8::PropertyCallbackArguments<'s>,
    _rv: v8::ReturnValue<()>,
) {
    let Some(title) = value.to_string(scope) else { return };
    let title = title.to_rust_string_lossy(scope);
    crate::uv::set_process_title(&title);
    crate::runtime::trace_events::emit_metadata("process_name", serde_json::json!({ "name": title }));
}

/// `binding.processMethods()`: the process's natives (node's internalBinding('process_methods'),
/// with its 'errors' and 'uv'): stdio, clocks, the working directory, exit, memory, loop refs.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "print" => print,
        "stdioWrite" => stdio_write,
        "hrtime" => hrtime,
        "now" => now,
        "loopTime" => loop_time,
        "cwd" => cwd,
        "chdir" => chdir,
        "cwdCounter" => cwd_counter,
        "umask" => umask,
        "abort" => abort,
        "setAbortOnUncaught" => super::super::exit::set_abort_on_uncaught,
        "execve" => execve,
        "reallyExit" => really_exit,
        "memoryUsage" => memory_usage,
        "resourceUsage" => super::super::os::resource_usage,
        "constrainedMemory" => super::super::os::constrained_memory,
        "availableMemory" => super::super::os::available_memory,
        "uvErrors" => uv_errors,
        "triggerUncaughtException" => trigger_uncaught_exception,
        "refLoop" => ref_loop,
        "defineTitle" => define_title,
        "wakeLoop" => wake_loop,
    });
    rv.set(object.into());
}
