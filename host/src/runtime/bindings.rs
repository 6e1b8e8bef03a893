//! Native functions handed to the JS bootstrap as its `binding` object.

use std::io::ErrorKind;

use super::{resolve, RuntimeState};

pub const BOOTSTRAP_JS: &str = include_str!("js/bootstrap.js");

/// The JS sources of the built-in modules, by the name `require` knows them by.
const BUILTINS: &[(&str, &str)] = &[
    ("internal/errors", include_str!("js/errors.js")),
    ("internal/inspect", include_str!("js/inspect.js")),
    ("internal/async_hooks", include_str!("js/async_hooks.js")),
    ("internal/timers", include_str!("js/timers.js")),
    ("internal/web", include_str!("js/web.js")),
    ("internal/module", include_str!("js/module.js")),
    ("internal/esm", include_str!("js/esm.js")),
    ("internal/warning", include_str!("js/warning.js")),
    ("buffer", include_str!("js/buffer.js")),
    ("child_process", include_str!("js/child_process.js")),
    ("events", include_str!("js/events.js")),
    ("fs", include_str!("js/fs.js")),
    ("net", include_str!("js/net.js")),
    ("fs/promises", "module.exports = require('fs').promises;"),
    ("os", include_str!("js/os.js")),
    ("path", include_str!("js/path.js")),
    ("querystring", include_str!("js/querystring.js")),
    ("url", include_str!("js/url.js")),
    ("vm", include_str!("js/vm.js")),
    ("util", include_str!("js/util.js")),
    ("assert", include_str!("js/assert.js")),
    ("stream", include_str!("js/stream.js")),
    ("stream/promises", "module.exports = require('stream').promises;"),
    ("string_decoder", include_str!("js/string_decoder.js")),
    ("internal/report", include_str!("js/report.js")),
    ("tty", include_str!("js/tty.js")),
    ("internal/tty", include_str!("js/tty_colors.js")),
    ("timers/promises", include_str!("js/timers_promises.js")),
    ("util/types", "module.exports = require('util').types;"),
    ("worker_threads", include_str!("js/worker_threads.js")),
    ("domain", include_str!("js/domain.js")),
    ("crypto", include_str!("js/crypto.js")),
    ("perf_hooks", "module.exports = { performance };"),
    ("async_hooks", "module.exports = require('internal/async_hooks').publicApi;"),
    ("assert/strict", "module.exports = require('assert').strict;"),
    ("path/posix", "module.exports = require('path').posix;"),
    ("path/win32", "module.exports = require('path').win32;"),
    ("process", "module.exports = process;"),
    ("console", "module.exports = console;"),
    ("diagnostics_channel", include_str!("js/diagnostics_channel.js")),
    (
        "sys",
        "module.exports = require('util');\n\
         process.emitWarning('sys is deprecated. Use util instead.', 'DeprecationWarning', 'DEP0025');",
    ),
    ("_stream_duplex", "module.exports = require('stream').Duplex;"),
    ("_stream_passthrough", "module.exports = require('stream').PassThrough;"),
    ("_stream_readable", "module.exports = require('stream').Readable;"),
    ("_stream_transform", "module.exports = require('stream').Transform;"),
    ("_stream_writable", "module.exports = require('stream').Writable;"),
    ("timers", "module.exports = require('internal/timers').publicApi;"),
    ("module", "module.exports = require('internal/module').Module;"),
];

/// Builds the `binding` object.
pub fn create<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
    let binding = v8::Object::new(scope);
    macro_rules! functions {
        ($($name:literal => $callback:path,)*) => {$(
            let function = v8::Function::new(scope, $callback).unwrap();
            set_property(scope, binding, $name, function.into());
        )*};
    }
    functions! {
        "print" => print,
        "readFile" => read_file,
        "statKind" => stat_kind,
        "realpath" => realpath,
        "resolve" => resolve_request,
        "isInsideNodeModules" => is_inside_node_modules,
        "compileFunction" => compile_function_binding,
        "runScript" => super::vm::run_script,
        "makeContext" => super::vm::make_context,
        "dlopen" => dlopen,
        "hrtime" => hrtime,
        "now" => now,
        "loopTime" => loop_time,
        "cwd" => cwd,
        "chdir" => chdir,
        "envGet" => env_get,
        "envSet" => env_set,
        "envDelete" => env_delete,
        "envKeys" => env_keys,
        "reallyExit" => really_exit,
        "memoryUsage" => memory_usage,
        "runMicrotasks" => run_microtasks,
        "promiseState" => promise_state,
        "kind" => value_kind,
        "previewEntries" => preview_entries,
        "constructorName" => constructor_name,
        "proxyDetails" => proxy_details,
        "callSites" => call_sites,
        "uvErrors" => uv_errors,
        "utf8Encode" => utf8_encode,
        "utf8Decode" => utf8_decode,
        "parseUrl" => parse_url,
        "urlSet" => url_set,
        "formParse" => form_parse,
        "formSerialize" => form_serialize,
        "triggerUncaughtException" => trigger_uncaught_exception,
        "fs" => super::fs::fs,
        "spawnSync" => super::os::spawn_sync,
        "spawn" => super::child::spawn,
        "childWrite" => super::child::child_write,
        "childCloseInput" => super::child::child_close_input,
        "childRef" => super::child::child_ref,
        "ipcOpen" => super::child::ipc_open,
        "kill" => super::child::kill,
        "osInfo" => super::os::os_info,
        "isatty" => super::os::isatty,
        "resourceUsage" => super::os::resource_usage,
        "glibcVersion" => super::os::glibc_version,
        "getPriority" => super::os::get_priority,
        "setPriority" => super::os::set_priority,
        "networkInterfaces" => super::os::network_interfaces,
        "moduleCompile" => super::modules::compile,
        "moduleSynthetic" => super::modules::synthetic,
        "moduleLink" => super::modules::link,
        "moduleInstantiate" => super::modules::instantiate,
        "moduleEvaluate" => super::modules::evaluate,
        "moduleNamespace" => super::modules::namespace,
        "moduleIsGraphAsync" => super::modules::is_graph_async,
        "moduleStalledAwaits" => super::modules::stalled_awaits,
        "moduleParses" => super::modules::parses_as_module,
        "scriptSyntaxError" => super::modules::script_syntax_error,
        "moduleSetExport" => super::modules::set_export,
        "stripTypeScript" => super::typescript::strip,
        "getContextFrame" => super::async_hooks::get_context_frame,
        "setContextFrame" => super::async_hooks::set_context_frame,
        "queueDestroyAsyncId" => super::async_hooks::queue_destroy_async_id,
        "workerSpawn" => super::worker::spawn,
        "workerPostMessage" => super::worker::post_to_worker,
        "workerTerminate" => super::worker::terminate,
        "parentPostMessage" => super::worker::post_to_parent,
        "workerData" => super::worker::worker_data,
        "structuredClone" => super::worker::structured_clone,
        "markAsUntransferable" => super::worker::mark_as_untransferable,
        "isMarkedAsUntransferable" => super::worker::is_marked_as_untransferable,
        "refLoop" => ref_loop,
        "wakeLoop" => wake_loop,
        "useDomainTrampoline" => use_domain_trampoline,
        "setPromiseHook" => set_promise_hook,
        "hashNew" => super::crypto::hash_new,
        "hashUpdate" => super::crypto::hash_update,
        "hashCopy" => super::crypto::hash_copy,
        "hashDigest" => super::crypto::hash_digest,
        "hashFree" => super::crypto::hash_free,
        "hashNames" => super::crypto::hash_names,
        "pbkdf2" => super::crypto::pbkdf2,
        "randomFill" => super::crypto::random_fill,
        "net" => super::net::binding,
    }
    let natives = v8::Object::new(scope);
    for (name, source) in BUILTINS {
        let source = v8::String::new(scope, source).unwrap();
        set_property(scope, natives, name, source.into());
    }
    set_property(scope, binding, "natives", natives.into());
    let config = config_object(scope);
    set_property(scope, binding, "config", config.into());
    binding
}

/// An error made by `constructor` with node's `code`, its stack starting `Name [CODE]: message`.
pub(super) fn coded_error<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    constructor: fn(&v8::PinScope<'s, '_>, v8::Local<v8::String>) -> v8::Local<'s, v8::Value>,
    message: &str,
    code: &str,
) -> v8::Local<'s, v8::Value> {
    let text = string(scope, message);
    let error = constructor(scope, text);
    let object = error.cast::<v8::Object>();
    let code_value = string(scope, code).into();
    set_property(scope, object, "code", code_value);
    let name_key = string(scope, "name");
    let name = object.get(scope, name_key.into()).map(|n| n.to_rust_string_lossy(scope)).unwrap_or_default();
    let coded_name = string(scope, &format!("{name} [{code}]")).into();
    object.set(scope, name_key.into(), coded_name);
    let stack_key = string(scope, "stack");
    object.get(scope, stack_key.into());
    object.delete(scope, name_key.into());
    error
}

pub(super) fn set_property(scope: &mut v8::PinScope, object: v8::Local<v8::Object>, name: &str, value: v8::Local<v8::Value>) {
    let key = v8::String::new(scope, name).unwrap();
    object.set(scope, key.into(), value);
}

pub(super) fn string<'s>(scope: &mut v8::PinScope<'s, '_>, text: &str) -> v8::Local<'s, v8::String> {
    v8::String::new(scope, text).unwrap()
}

pub(super) fn arg_string(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, index: i32) -> String {
    args.get(index).to_rust_string_lossy(scope)
}

/// An Error shaped like node's system errors: `ENOENT: no such file or directory, open 'x'`
/// (and ` -> 'dest'` for two-path calls), with errno, code, syscall, path and dest.
pub fn system_error<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    error: &std::io::Error,
    syscall: &str,
    path: Option<&str>,
    dest: Option<&str>,
) -> v8::Local<'s, v8::Object> {
    let errno = error.raw_os_error().unwrap_or(0);
    let (code, description) = errno_name(errno, error);
    let mut text = format!("{code}: {description}, {syscall}");
    if let Some(path) = path {
        text.push_str(&format!(" '{path}'"));
    }
    if let Some(dest) = dest {
        text.push_str(&format!(" -> '{dest}'"));
    }
    let message = string(scope, &text);
    let exception = v8::Exception::error(scope, message).cast::<v8::Object>();
    let errno_value = v8::Integer::new(scope, -errno).into();
    set_property(scope, exception, "errno", errno_value);
    let code_value = string(scope, code).into();
    set_property(scope, exception, "code", code_value);
    let syscall_value = string(scope, syscall).into();
    set_property(scope, exception, "syscall", syscall_value);
    for (name, value) in [("path", path), ("dest", dest)] {
        if let Some(value) = value {
            let value = string(scope, value).into();
            set_property(scope, exception, name, value);
        }
    }
    exception
}

/// Throws [`system_error`] for one path.
pub fn throw_io_error(scope: &mut v8::PinScope, error: &std::io::Error, syscall: &str, path: &str) {
    let exception = system_error(scope, error, syscall, Some(path), None);
    scope.throw_exception(exception.into());
}

/// libuv's error name and description for an errno.
pub fn errno_name(errno: i32, error: &std::io::Error) -> (&'static str, String) {
    let known = match errno {
        libc::E2BIG => ("E2BIG", "argument list too long"),
        libc::EACCES => ("EACCES", "permission denied"),
        libc::EADDRINUSE => ("EADDRINUSE", "address already in use"),
        libc::EAGAIN => ("EAGAIN", "resource temporarily unavailable"),
        libc::EBADF => ("EBADF", "bad file descriptor"),
        libc::EBUSY => ("EBUSY", "resource busy or locked"),
        libc::ECONNREFUSED => ("ECONNREFUSED", "connection refused"),
        libc::ECONNRESET => ("ECONNRESET", "connection reset by peer"),
        libc::EEXIST => ("EEXIST", "file already exists"),
        libc::EFAULT => ("EFAULT", "bad address in system call argument"),
        libc::EFBIG => ("EFBIG", "file too large"),
        libc::EINTR => ("EINTR", "interrupted system call"),
        libc::EINVAL => ("EINVAL", "invalid argument"),
        libc::EIO => ("EIO", "i/o error"),
        libc::EISDIR => ("EISDIR", "illegal operation on a directory"),
        libc::ELOOP => ("ELOOP", "too many symbolic links encountered"),
        libc::EMFILE => ("EMFILE", "too many open files"),
        libc::ENAMETOOLONG => ("ENAMETOOLONG", "name too long"),
        libc::ENFILE => ("ENFILE", "file table overflow"),
        libc::ENODEV => ("ENODEV", "no such device"),
        libc::ENOENT => ("ENOENT", "no such file or directory"),
        libc::ENOMEM => ("ENOMEM", "not enough memory"),
        libc::ENOSPC => ("ENOSPC", "no space left on device"),
        libc::ENOSYS => ("ENOSYS", "function not implemented"),
        libc::ENOTDIR => ("ENOTDIR", "not a directory"),
        libc::ENOTEMPTY => ("ENOTEMPTY", "directory not empty"),
        libc::ENOTSUP => ("ENOTSUP", "operation not supported on socket"),
        libc::ENXIO => ("ENXIO", "no such device or address"),
        libc::EPERM => ("EPERM", "operation not permitted"),
        libc::EPIPE => ("EPIPE", "broken pipe"),
        libc::EROFS => ("EROFS", "read-only file system"),
        libc::ESPIPE => ("ESPIPE", "invalid seek"),
        libc::ESRCH => ("ESRCH", "no such process"),
        libc::ETIMEDOUT => ("ETIMEDOUT", "connection timed out"),
        libc::ETXTBSY => ("ETXTBSY", "text file is busy"),
        libc::EXDEV => ("EXDEV", "cross-device link not permitted"),
        _ => ("UNKNOWN", ""),
    };
    match known {
        ("UNKNOWN", _) => ("UNKNOWN", error.to_string()),
        (name, description) => (name, description.to_string()),
    }
}

/// A Uint8Array that owns `bytes`.
pub(super) fn uint8_array<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: Vec<u8>) -> v8::Local<'s, v8::Uint8Array> {
    let length = bytes.len();
    let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
    let buffer = v8::ArrayBuffer::with_backing_store(scope, &store);
    v8::Uint8Array::new(scope, buffer, 0, length).unwrap()
}

pub(super) fn throw_type_error(scope: &mut v8::PinScope, text: &str) {
    let message = string(scope, text);
    let exception = v8::Exception::type_error(scope, message);
    scope.throw_exception(exception);
}

fn write_fd(fd: i32, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: writing from a valid slice to a file descriptor.
        let written = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if written < 0 {
            if std::io::Error::last_os_error().kind() == ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        bytes = &bytes[written as usize..];
    }
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
fn print(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(1);
    let text = arg_string(scope, &args, 1);
    write_fd(if fd == 2 { 2 } else { 1 }, text.as_bytes());
}

/// readFile(path): the file's text, or a thrown system error.
fn read_file(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    match std::fs::read(&path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            match v8::String::new(scope, text) {
                Some(s) => rv.set(s.into()),
                None => throw_type_error(scope, "file too large to read as a string"),
            }
        }
        Err(error) => throw_io_error(scope, &error, "open", &path),
    }
}

/// statKind(path): 1 for a file, 2 for a directory, 0 when missing.
fn stat_kind(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    let kind = match std::fs::metadata(&path) {
        Ok(meta) if meta.is_dir() => 2,
        Ok(_) => 1,
        Err(_) => 0,
    };
    rv.set_int32(kind);
}

/// realpath(path): the canonical path, or a thrown system error.
fn realpath(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    match std::fs::canonicalize(&path) {
        Ok(real) => rv.set(string(scope, &real.to_string_lossy()).into()),
        Err(error) => throw_io_error(scope, &error, "realpath", &path),
    }
}

/// resolve(request, fromDirectory, isImport, preserveSymlinks): the resolved file name, or
/// `[code, message]`.
fn resolve_request(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let request = arg_string(scope, &args, 0);
    let directory = arg_string(scope, &args, 1);
    let style = if args.get(2).is_true() { resolve::Style::Import } else { resolve::Style::Require };
    match resolve::resolve(&directory, &request, style, args.get(3).is_true()) {
        Ok(path) => rv.set(string(scope, &path).into()),
        Err(failure) => {
            let code = string(scope, failure.code).into();
            let message = string(scope, &failure.message).into();
            rv.set(v8::Array::new_with_elements(scope, &[code, message]).into());
        }
    }
}

/// isInsideNodeModules(): whether the innermost frame outside node's own `node:` code (and
/// outside anode's internals) belongs to a file under a node_modules directory.
fn is_inside_node_modules(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut inside = false;
    if let Some(trace) = v8::StackTrace::current_stack_trace(scope, 20) {
        for index in 0..trace.get_frame_count() {
            let Some(frame) = trace.get_frame(scope, index) else { continue };
            let Some(name) = frame.get_script_name(scope) else { continue };
            let name = name.to_rust_string_lossy(scope);
            if name.is_empty() || name.starts_with("node:") {
                continue;
            }
            inside = name.contains("/node_modules/");
            break;
        }
    }
    rv.set(v8::Boolean::new(scope, inside).into());
}

/// Compiles `source` as the body of a function with `params`, named `filename` in stacks.
pub fn compile_function<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: &str,
    filename: &str,
    params: &[&str],
) -> Option<v8::Local<'s, v8::Function>> {
    let source = v8::String::new(scope, source)?;
    let filename = v8::String::new(scope, filename)?;
    let params: Vec<_> = params.iter().map(|p| v8::String::new(scope, p).unwrap()).collect();
    compile_function_local(scope, source, filename, &params)
}

fn compile_function_local<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: v8::Local<v8::String>,
    filename: v8::Local<v8::String>,
    params: &[v8::Local<v8::String>],
) -> Option<v8::Local<'s, v8::Function>> {
    let origin = v8::ScriptOrigin::new(scope, filename.into(), 0, 0, false, -1, None, false, false, false, None);
    let mut source = v8::script_compiler::Source::new(source, Some(&origin));
    v8::script_compiler::compile_function(
        scope,
        &mut source,
        params,
        &[],
        v8::script_compiler::CompileOptions::NoCompileOptions,
        v8::script_compiler::NoCacheReason::NoReason,
    )
}

/// compileFunction(source, filename, params): a function whose body is `source`.
fn compile_function_binding(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(source) = v8::Local::<v8::String>::try_from(args.get(0)) else {
        return throw_type_error(scope, "source must be a string");
    };
    let filename = args.get(1).to_string(scope).unwrap();
    let mut params = Vec::new();
    if let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(2)) {
        for i in 0..list.length() {
            let param = list.get_index(scope, i).unwrap().to_string(scope).unwrap();
            params.push(param);
        }
    }
    if let Some(function) = compile_function_local(scope, source, filename, &params) {
        rv.set(function.into());
    }
}

/// dlopen(module, filename, flags): loads a Node-API addon into `module.exports`.
fn dlopen(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Ok(module) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
        return throw_type_error(scope, "The \"module\" argument must be an object");
    };
    let filename = arg_string(scope, &args, 1);
    let flags = if args.get(2).is_undefined() { None } else { args.get(2).int32_value(scope) };
    crate::napi::loader::load(scope, module, &filename, flags);
}

/// hrtime(): a monotonic clock in nanoseconds, as a BigInt.
fn hrtime(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime fills the timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    let ns = ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64;
    rv.set(v8::BigInt::new_from_u64(scope, ns).into());
}

/// now(): milliseconds since the process started (the timers' and performance's clock).
fn now(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    rv.set_double(RuntimeState::get(scope).now_ms());
}

/// loopTime(): the loop's cached clock, which timers are scheduled by.
fn loop_time(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    rv.set_double(RuntimeState::get(scope).loop_time());
}

fn cwd(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    match std::env::current_dir() {
        Ok(dir) => rv.set(string(scope, &dir.to_string_lossy()).into()),
        Err(error) => throw_io_error(scope, &error, "uv_cwd", ""),
    }
}

fn chdir(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let dir = arg_string(scope, &args, 0);
    if let Err(error) = std::env::set_current_dir(&dir) {
        throw_io_error(scope, &error, "chdir", &dir);
    }
}

fn env_get(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let name = arg_string(scope, &args, 0);
    if let Some(value) = std::env::var_os(&name) {
        rv.set(string(scope, &value.to_string_lossy()).into());
    }
}

fn valid_env_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('=') && !name.contains('\0')
}

/// envSet(name, value): setenv, so addons reading getenv see it.
fn env_set(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let name = arg_string(scope, &args, 0);
    let value = arg_string(scope, &args, 1);
    if valid_env_name(&name) && !value.contains('\0') {
        // SAFETY: the JS thread is the only one that changes the environment.
        unsafe { std::env::set_var(name, value) };
    }
}

fn env_delete(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let name = arg_string(scope, &args, 0);
    if valid_env_name(&name) {
        // SAFETY: as in env_set.
        unsafe { std::env::remove_var(name) };
    }
}

fn env_keys(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let keys: Vec<v8::Local<v8::Value>> = std::env::vars_os()
        .map(|(key, _)| string(scope, &key.to_string_lossy()).into())
        .collect();
    rv.set(v8::Array::new_with_elements(scope, &keys).into());
}

/// reallyExit(code): ends the process (or the worker) at once ('exit' listeners already ran).
fn really_exit(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let code = args.get(0).int32_value(scope).unwrap_or(0);
    super::really_exit(scope, code);
}

/// memoryUsage(): [rss, heapTotal, heapUsed, external, arrayBuffers].
fn memory_usage(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
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
    let values: Vec<v8::Local<v8::Value>> = values.iter().map(|v| v8::Number::new(scope, *v).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

fn run_microtasks(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    scope.perform_microtask_checkpoint();
}

/// promiseState(promise): [0 pending | 1 fulfilled | 2 rejected, result].
fn promise_state(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(promise) = v8::Local::<v8::Promise>::try_from(args.get(0)) else { return };
    let state = match promise.state() {
        v8::PromiseState::Pending => 0,
        v8::PromiseState::Fulfilled => 1,
        v8::PromiseState::Rejected => 2,
    };
    let state = v8::Integer::new(scope, state).into();
    let result = if promise.state() == v8::PromiseState::Pending {
        v8::undefined(scope).into()
    } else {
        promise.result(scope)
    };
    rv.set(v8::Array::new_with_elements(scope, &[state, result]).into());
}

/// kind(value): the V8 kind of an object that plain JS cannot tell reliably.
fn value_kind(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let v = args.get(0);
    let kind = if v.is_proxy() {
        "proxy"
    } else if v.is_promise() {
        "promise"
    } else if v.is_map() {
        "map"
    } else if v.is_set() {
        "set"
    } else if v.is_weak_map() {
        "weakmap"
    } else if v.is_weak_set() {
        "weakset"
    } else if v.is_date() {
        "date"
    } else if v.is_reg_exp() {
        "regexp"
    } else if v.is_native_error() {
        "error"
    } else if v.is_array_buffer() {
        "arraybuffer"
    } else if v.is_shared_array_buffer() {
        "sharedarraybuffer"
    } else if v.is_typed_array() {
        "typedarray"
    } else if v.is_data_view() {
        "dataview"
    } else if v.is_number_object() || v.is_string_object() || v.is_boolean_object() || v.is_big_int_object() || v.is_symbol_object() {
        "boxed"
    } else if v.is_external() {
        "external"
    } else if v.is_map_iterator() {
        "mapiterator"
    } else if v.is_set_iterator() {
        "setiterator"
    } else if v.is_generator_object() {
        "generator"
    } else if v.is_async_function() && v.is_generator_function() {
        "asyncgeneratorfunction"
    } else if v.is_async_function() {
        "asyncfunction"
    } else if v.is_generator_function() {
        "generatorfunction"
    } else if v.is_module_namespace_object() {
        "module"
    } else if v.is_arguments_object() {
        "arguments"
    } else {
        ""
    };
    rv.set(string(scope, kind).into());
}

/// previewEntries(collection): [entries, isKeyValue] of a Map, Set, WeakMap, WeakSet or one
/// of their iterators (from its current position), without running user code; undefined otherwise.
fn preview_entries(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(object) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
    let (entries, is_key_value) = object.preview_entries(scope);
    let Some(entries) = entries else { return };
    let is_key_value = v8::Boolean::new(scope, is_key_value).into();
    rv.set(v8::Array::new_with_elements(scope, &[entries.into(), is_key_value]).into());
}

/// constructorName(object): V8's class name for the object (as Object::GetConstructorName).
fn constructor_name(_scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(object) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
    let name = object.get_constructor_name();
    rv.set(name.into());
}

/// proxyDetails(value): [target, handler] of a proxy (null for both once revoked), without
/// running its traps; undefined for anything else.
fn proxy_details(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(proxy) = v8::Local::<v8::Proxy>::try_from(args.get(0)) else { return };
    let target = proxy.get_target(scope);
    let handler = proxy.get_handler(scope);
    rv.set(v8::Array::new_with_elements(scope, &[target, handler]).into());
}

/// callSites(count): the caller's stack, below the JS function that called this, as
/// null-prototype objects { functionName, scriptId, scriptName, lineNumber, columnNumber, column }.
fn call_sites(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let count = args.get(0).uint32_value(scope).unwrap_or(10) as usize;
    let Some(trace) = v8::StackTrace::current_stack_trace(scope, count + 1) else { return };
    let mut sites = Vec::new();
    for index in 1..trace.get_frame_count() {
        let Some(frame) = trace.get_frame(scope, index) else { continue };
        let null = v8::null(scope).into();
        let site = v8::Object::with_prototype_and_properties(scope, null, &[], &[]);
        let function_name = match frame.get_function_name(scope) {
            Some(name) => name.into(),
            None => string(scope, "").into(),
        };
        let script_id = string(scope, &frame.get_script_id().to_string()).into();
        let script_name = match frame.get_script_name_or_source_url(scope) {
            Some(name) => name.into(),
            None => string(scope, "").into(),
        };
        let line = v8::Integer::new(scope, frame.get_line_number() as i32).into();
        let column = v8::Integer::new(scope, frame.get_column() as i32).into();
        for (name, value) in [
            ("functionName", function_name),
            ("scriptId", script_id),
            ("scriptName", script_name),
            ("lineNumber", line),
            ("columnNumber", column),
            ("column", column),
        ] {
            set_property(scope, site, name, value);
        }
        sites.push(site.into());
    }
    rv.set(v8::Array::new_with_elements(scope, &sites).into());
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

unsafe extern "C" {
    fn uv_err_name_r(err: std::ffi::c_int, buf: *mut std::ffi::c_char, buflen: usize) -> *mut std::ffi::c_char;
    fn uv_strerror_r(err: std::ffi::c_int, buf: *mut std::ffi::c_char, buflen: usize) -> *mut std::ffi::c_char;
}

/// uvErrors(): [[errno, name, message], ...] for every error the linked libuv knows.
fn uv_errors(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut found = Vec::new();
    let mut buffer = [0 as std::ffi::c_char; 128];
    for errno in -4096..0 {
        // SAFETY: libuv writes a NUL-terminated string of at most buflen bytes into buffer.
        let name = unsafe {
            uv_err_name_r(errno, buffer.as_mut_ptr(), buffer.len());
            std::ffi::CStr::from_ptr(buffer.as_ptr()).to_string_lossy().into_owned()
        };
        let Some(order) = UV_ERROR_ORDER.iter().position(|known| *known == name) else { continue };
        // SAFETY: as above.
        let message = unsafe {
            uv_strerror_r(errno, buffer.as_mut_ptr(), buffer.len());
            std::ffi::CStr::from_ptr(buffer.as_ptr()).to_string_lossy().into_owned()
        };
        found.push((order, errno, name, message));
    }
    // Errors newer than the linked libuv (Debian's 1.48) that node 24's libuv has.
    for (name, errno, message) in [
        ("ENODATA", -libc::ENODATA, "no data available"),
        ("EUNATCH", -libc::EUNATCH, "protocol driver not attached"),
        ("ENOEXEC", -libc::ENOEXEC, "exec format error"),
    ] {
        if !found.iter().any(|entry| entry.2 == name) {
            let order = UV_ERROR_ORDER.iter().position(|known| *known == name).unwrap_or(usize::MAX);
            found.push((order, errno, name.to_string(), message.to_string()));
        }
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

/// utf8Encode(text): the UTF-8 bytes as a Uint8Array.
fn utf8_encode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let text = arg_string(scope, &args, 0);
    let length = text.len();
    let store = v8::ArrayBuffer::new_backing_store_from_vec(text.into_bytes()).make_shared();
    let buffer = v8::ArrayBuffer::with_backing_store(scope, &store);
    rv.set(v8::Uint8Array::new(scope, buffer, 0, length).unwrap().into());
}

/// utf8Decode(view, fatal, ignoreBOM): text from UTF-8 bytes.
fn utf8_decode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(0)) else {
        return throw_type_error(scope, "The \"input\" argument must be an ArrayBuffer or ArrayBufferView");
    };
    let mut bytes = vec![0u8; view.byte_length()];
    view.copy_contents(&mut bytes);
    let fatal = args.get(1).is_true();
    let ignore_bom = args.get(2).is_true();
    let mut slice = bytes.as_slice();
    if !ignore_bom && slice.starts_with(&[0xEF, 0xBB, 0xBF]) {
        slice = &slice[3..];
    }
    let text = match std::str::from_utf8(slice) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) if fatal => {
            let exception = coded_error(scope, v8::Exception::type_error, "The encoded data was not valid for encoding utf-8", "ERR_ENCODING_INVALID_ENCODED_DATA");
            scope.throw_exception(exception);
            return;
        }
        Err(_) => String::from_utf8_lossy(slice),
    };
    rv.set(string(scope, &text).into());
}

/// parseUrl(input, base): WHATWG URL components, or undefined when invalid.
fn parse_url(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let input = arg_string(scope, &args, 0);
    let parsed = if args.get(1).is_undefined() {
        url::Url::parse(&input)
    } else {
        let base = arg_string(scope, &args, 1);
        url::Url::parse(&base).and_then(|base| base.join(&input))
    };
    let Ok(url) = parsed else { return };
    rv.set(url_parts(scope, &url).into());
}

/// A URL's components as the WHATWG URL getters give them: href, protocol, username,
/// password, hostname, port, pathname, search, hash, origin, host.
fn url_parts<'s>(scope: &mut v8::PinScope<'s, '_>, url: &url::Url) -> v8::Local<'s, v8::Array> {
    use url::quirks;
    let parts = [
        quirks::href(url),
        quirks::protocol(url),
        quirks::username(url),
        quirks::password(url),
        quirks::hostname(url),
        quirks::port(url),
        quirks::pathname(url),
        quirks::search(url),
        quirks::hash(url),
        &quirks::origin(url),
        quirks::host(url),
    ];
    let parts: Vec<v8::Local<v8::Value>> = parts.iter().map(|p| string(scope, p).into()).collect();
    v8::Array::new_with_elements(scope, &parts)
}

/// formParse(query): application/x-www-form-urlencoded name/value pairs as a flat list
/// [name, value, name, value, ...].
fn form_parse(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let query = arg_string(scope, &args, 0);
    let mut items: Vec<v8::Local<v8::Value>> = Vec::new();
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        items.push(string(scope, &name).into());
        items.push(string(scope, &value).into());
    }
    rv.set(v8::Array::new_with_elements(scope, &items).into());
}

/// formSerialize(list): the flat [name, value, ...] list as an application/x-www-form-urlencoded string.
fn form_serialize(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(0)) else { return };
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    let mut index = 0;
    while index + 1 < list.length() {
        let name = list.get_index(scope, index).map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
        let value = list.get_index(scope, index + 1).map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
        serializer.append_pair(&name, &value);
        index += 2;
    }
    rv.set(string(scope, &serializer.finish()).into());
}

/// urlSet(href, component, value): the components after a WHATWG URL setter ran on the URL
/// (a setter given a value it cannot use leaves the URL as it was); undefined when `href`
/// is set to something that does not parse.
fn url_set(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    use url::quirks;
    let href = arg_string(scope, &args, 0);
    let component = arg_string(scope, &args, 1);
    let value = arg_string(scope, &args, 2);
    let Ok(mut url) = url::Url::parse(&href) else { return };
    match component.as_str() {
        "href" => {
            if quirks::set_href(&mut url, &value).is_err() {
                return;
            }
        }
        "protocol" => drop(quirks::set_protocol(&mut url, &value)),
        "username" => drop(quirks::set_username(&mut url, &value)),
        "password" => drop(quirks::set_password(&mut url, &value)),
        "host" => drop(quirks::set_host(&mut url, &value)),
        "hostname" => drop(quirks::set_hostname(&mut url, &value)),
        "port" => drop(quirks::set_port(&mut url, &value)),
        "pathname" => quirks::set_pathname(&mut url, &value),
        "search" => quirks::set_search(&mut url, &value),
        "hash" => quirks::set_hash(&mut url, &value),
        _ => return,
    }
    rv.set(url_parts(scope, &url).into());
}

/// triggerUncaughtException(error, fromPromise): an error JS code could not deliver itself.
fn trigger_uncaught_exception(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    super::trigger_uncaught(scope, args.get(0), None, args.get(1).is_true());
}

/// The static facts the bootstrap builds `process` from.
fn config_object<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
    let state = RuntimeState::get(scope);
    let options = &state.options;
    let config = v8::Object::new(scope);
    let strings = |scope: &mut v8::PinScope<'s, '_>, list: &[String]| -> v8::Local<'s, v8::Value> {
        let items: Vec<v8::Local<v8::Value>> = list.iter().map(|s| string(scope, s).into()).collect();
        v8::Array::new_with_elements(scope, &items).into()
    };
    let argv = strings(scope, &options.argv);
    set_property(scope, config, "argv", argv);
    let exec_argv = strings(scope, &options.exec_argv);
    set_property(scope, config, "execArgv", exec_argv);
    let node_options = v8::Object::new(scope);
    for (name, value) in &options.node_options {
        let value: v8::Local<v8::Value> = match value {
            super::OptionValue::Bool(flag) => v8::Boolean::new(scope, *flag).into(),
            super::OptionValue::Str(text) => string(scope, text).into(),
            super::OptionValue::List(list) => strings(scope, list),
        };
        set_property(scope, node_options, name, value);
    }
    set_property(scope, config, "options", node_options.into());
    let allowed = strings(scope, &crate::cli::allowed_in_node_options());
    set_property(scope, config, "allowedInNodeOptions", allowed);
    let text_values = [
        ("argv0", options.argv0.clone()),
        ("execPath", options.exec_path.clone()),
        ("nodeVersion", super::NODE_VERSION.to_string()),
        ("napiVersion", super::NAPI_VERSION.to_string()),
        ("anodeVersion", crate::VERSION.to_string()),
        ("v8Version", v8::V8::get_version().to_string()),
        ("uvVersion", crate::uv::version()),
    ];
    for (name, value) in text_values {
        let value = string(scope, &value).into();
        set_property(scope, config, name, value);
    }
    // SAFETY: getpid/getppid cannot fail.
    let (pid, ppid) = unsafe { (libc::getpid(), libc::getppid()) };
    let pid = v8::Integer::new(scope, pid).into();
    set_property(scope, config, "pid", pid);
    let ppid = v8::Integer::new(scope, ppid).into();
    set_property(scope, config, "ppid", ppid);
    super::worker::set_config(scope, config);
    config
}

/// wakeLoop(name): the loop's next poll phase calls internals[name]().
fn wake_loop(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let name = arg_string(scope, &args, 0);
    let _ = RuntimeState::get(scope).tasks_tx.send(Box::new(move |scope: &mut v8::PinScope| {
        super::call_internal(scope, &name, &[]);
    }));
}

/// refLoop(delta): something JS holds (a Worker, a listening port) keeps the loop alive.
fn ref_loop(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let delta = args.get(0).int32_value(scope).unwrap_or(0);
    let state = RuntimeState::get(scope);
    state.native_refs.set(state.native_refs.get().saturating_add_signed(delta as isize));
}

/// useDomainTrampoline(fn): napi_make_callback without an async context calls through `fn`.
fn use_domain_trampoline(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    if let Ok(trampoline) = v8::Local::<v8::Function>::try_from(args.get(0)) {
        *RuntimeState::get(scope).domain_trampoline.borrow_mut() = Some(v8::Global::new(scope, trampoline));
    }
}

/// setPromiseHook(fn): `fn(type, promise, parent)` is called as promises are made (type 0)
/// and around their reactions (2 before, 3 after). Node-API promises are then made by V8's
/// factory, which runs the hook, instead of from the envs' templates.
fn set_promise_hook(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Ok(hook) = v8::Local::<v8::Function>::try_from(args.get(0)) else { return };
    *RuntimeState::get(scope).promise_hook.borrow_mut() = Some(v8::Global::new(scope, hook));
    super::each_env(|env| env.promise_template = None);
    scope.set_promise_hook(promise_hook);
}

extern "C" fn promise_hook(kind: v8::PromiseHookType, promise: v8::Local<v8::Promise>, parent: v8::Local<v8::Value>) {
    if kind == v8::PromiseHookType::Resolve {
        return;
    }
    v8::callback_scope!(unsafe scope, promise);
    let Some(hook) = RuntimeState::get(scope).promise_hook.borrow().clone() else { return };
    let hook = v8::Local::new(scope, hook);
    let kind = v8::Integer::new(scope, kind as i32).into();
    let undefined = v8::undefined(scope).into();
    v8::tc_scope!(let tc, scope);
    let _ = hook.call(tc, undefined, &[kind, promise.into(), parent]);
}

/// V8's promise hook: hands rejection events to the JS bookkeeping of unhandled rejections.
pub extern "C" fn promise_reject_callback(message: v8::PromiseRejectMessage) {
    v8::callback_scope!(unsafe scope, &message);
    let Some(internals) = RuntimeState::get(scope).internals.borrow().clone() else { return };
    let internals = v8::Local::new(scope, internals);
    let event = v8::Integer::new(scope, message.get_event() as i32).into();
    let promise = message.get_promise().into();
    let reason = message.get_value().unwrap_or_else(|| v8::undefined(scope).into());
    let key = string(scope, "promiseRejectHook").into();
    if let Some(hook) = internals.get(scope, key).and_then(|f| v8::Local::<v8::Function>::try_from(f).ok()) {
        hook.call(scope, internals.into(), &[event, promise, reason]);
    }
}
