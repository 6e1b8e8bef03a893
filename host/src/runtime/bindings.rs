//! Native functions handed to the JS bootstrap as its `binding` object, by area in
//! bindings/ (and the runtime's modules for fs, child processes, workers, ...), with the
//! helpers they share for values and node's errors.

mod credentials;
mod encoding;
mod env;
mod inspect;
mod loader;
mod process;
mod promises;
mod url_pattern;

use credentials::*;
use encoding::*;
use env::*;
pub(crate) use env::{worker_env, PrivateEnv};
use inspect::*;
use loader::*;
pub use loader::compile_bootstrap;
use process::*;
pub use process::{flush_stdio, write_stderr};
use promises::*;
use url_pattern::*;
pub use promises::promise_reject_callback;

use std::io::ErrorKind;

use super::internals::Internal;

use super::{resolve, RuntimeState};

pub const BOOTSTRAP_JS: &str = include_str!("../../lib/internal/bootstrap.js");

// BUILTINS: the JS sources of the built-in modules (host/lib, by the names `require` knows
// them by), listed by build.rs.
include!(concat!(env!("OUT_DIR"), "/builtins.rs"));
// BUILTIN_CODE_CACHES and BOOTSTRAP_CODE_CACHE: V8's code caches of them, made by build.rs.
include!(concat!(env!("OUT_DIR"), "/builtins_code_cache.rs"));

/// An object of native functions, as each area hands its natives to JS (node's
/// internalBinding): `binding_object!(scope, { "name" => callback, ... })`. As node's
/// SetMethod makes them, each is named and no constructor (so neither is a function bound
/// to one).
macro_rules! binding_object {
    ($scope:expr, { $($name:literal => $callback:path,)* }) => {{
        let object = v8::Object::new($scope);
        $(
            let function = v8::Function::builder($callback)
                .constructor_behavior(v8::ConstructorBehavior::Throw)
                .build($scope)
                .unwrap();
            let name = $crate::runtime::bindings::string($scope, $name);
            function.set_name(name);
            $crate::runtime::bindings::set_property($scope, object, $name, function.into());
        )*
        object
    }};
}
pub(crate) use binding_object;

/// Builds the `binding` object.
pub fn create<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
    let binding = binding_object!(scope, {
        "print" => print,
        "stdioWrite" => stdio_write,
        "readFile" => read_file,
        "statKind" => stat_kind,
        "realpath" => realpath,
        "resolve" => resolve_request,
        "packageWithoutExports" => loader::package_without_exports,
        "isInsideNodeModules" => is_inside_node_modules,
        "compileFunction" => compile_function_binding,
        "compileBuiltin" => loader::compile_builtin,
        "compileCommonJS" => loader::compile_commonjs,
        "compileCacheEnable" => loader::compile_cache_enable,
        "compileCacheDirectory" => loader::compile_cache_directory,
        "compileCacheFlush" => loader::compile_cache_flush,
        "runScript" => super::vm::run_script,
        "makeContext" => super::vm::make_context,
        "vmScriptCompile" => super::vm::script_compile,
        "vmScriptRun" => super::vm::script_run,
        "vmScriptCreateCachedData" => super::vm::script_create_cached_data,
        "vmCompileFunction" => super::vm::compile_function,
        "vmMeasureMemory" => super::vm::measure_memory,
        "v8" => super::v8_module::binding,
        "dlopen" => dlopen,
        "hrtime" => hrtime,
        "credentials" => credentials,
        "groups" => groups,
        "setId" => set_id,
        "setGroups" => set_groups,
        "initGroups" => init_groups,
        "umask" => umask,
        "abort" => abort,
        "setAbortOnUncaught" => super::exit::set_abort_on_uncaught,
        "execve" => execve,
        "constrainedMemory" => super::os::constrained_memory,
        "availableMemory" => super::os::available_memory,
        "now" => now,
        "loopTime" => loop_time,
        "cwd" => cwd,
        "chdir" => chdir,
        "cwdCounter" => cwd_counter,
        "envGet" => env_get,
        "createEnv" => create_env,
        "parseEnv" => super::dotenv::parse_env,
        "reallyExit" => really_exit,
        "memoryUsage" => memory_usage,
        "runMicrotasks" => run_microtasks,
        "promiseState" => promise_state,
        "kind" => value_kind,
        "previewEntries" => preview_entries,
        "constructorName" => constructor_name,
        "proxyDetails" => proxy_details,
        "callSites" => call_sites,
        "evalSource" => eval_source,
        "uvErrors" => uv_errors,
        "utf8Encode" => utf8_encode,
        "utf8ByteLength" => utf8_byte_length,
        "utf8Decode" => utf8_decode,
        "encodingForLabel" => encoding_for_label,
        "textDecoderCreate" => text_decoder_create,
        "textDecode" => text_decode,
        "encodeInto" => encode_into,
        "parseUrl" => parse_url,
        "urlSet" => url_set,
        "domainToASCII" => domain_to_ascii,
        "domainToUnicode" => domain_to_unicode,
        "idnaToASCII" => idna_to_ascii,
        "idnaToUnicode" => idna_to_unicode,
        "formParse" => form_parse,
        "urlPatternParse" => url_pattern_parse,
        "urlPatternMatchInput" => url_pattern_match_input,
        "formSerialize" => form_serialize,
        "triggerUncaughtException" => trigger_uncaught_exception,
        "fs" => super::fs::fs,
        "spawnSync" => super::os::spawn_sync,
        "spawn" => super::child::spawn,
        "ipcWrite" => super::child::ipc_write,
        "ipcClose" => super::child::ipc_close,
        "ipcRef" => super::child::ipc_ref,
        "closeFd" => super::child::close_fd,
        "childRef" => super::child::child_ref,
        "ipcOpen" => super::child::ipc_open,
        "kill" => super::child::kill,
        "osInfo" => super::os::os_info,
        "isatty" => super::os::isatty,
        "tty" => super::tty::tty,
        "resourceUsage" => super::os::resource_usage,
        "glibcVersion" => super::os::glibc_version,
        "getPriority" => super::os::get_priority,
        "setPriority" => super::os::set_priority,
        "networkInterfaces" => super::os::network_interfaces,
        "moduleCompile" => super::modules::compile,
        "moduleSynthetic" => super::modules::synthetic,
        "moduleLink" => super::modules::link,
        "moduleRelease" => super::modules::release,
        "wasmStreamingPush" => super::wasm_streaming::push,
        "wasmStreamingSetUrl" => super::wasm_streaming::set_url,
        "wasmStreamingFinish" => super::wasm_streaming::finish,
        "wasmStreamingAbort" => super::wasm_streaming::abort,
        "moduleInstantiate" => super::modules::instantiate,
        "moduleEvaluate" => super::modules::evaluate,
        "moduleNamespace" => super::modules::namespace,
        "moduleIsGraphAsync" => super::modules::is_graph_async,
        "moduleStalledAwaits" => super::modules::stalled_awaits,
        "moduleParses" => super::modules::parses_as_module,
        "scriptSyntaxError" => super::modules::script_syntax_error,
        "moduleSetExport" => super::modules::set_export,
        "vmModuleCompile" => super::modules::vm_compile,
        "vmModuleStatus" => super::modules::vm_status,
        "vmModuleError" => super::modules::vm_error,
        "vmModuleHasTopLevelAwait" => super::modules::vm_has_top_level_await,
        "vmModuleInstantiate" => super::modules::vm_instantiate,
        "vmModuleEvaluate" => super::modules::vm_evaluate,
        "vmModuleCreateCachedData" => super::modules::vm_create_cached_data,
        "stripTypeScript" => super::typescript::strip,
        "decodeSourceMapMappings" => super::source_map::decode_mappings,
        "functionSourceMappingURL" => super::source_map::function_source_mapping_url,
        "getContextFrame" => super::async_hooks::get_context_frame,
        "setContextFrame" => super::async_hooks::set_context_frame,
        "queueDestroyAsyncId" => super::async_hooks::queue_destroy_async_id,
        "registerDestroyHook" => super::async_hooks::register_destroy_hook,
        "workerSpawn" => super::worker::spawn,
        "workerResourceLimits" => super::worker::resource_limits,
        "workerPostMessage" => super::worker::post_to_worker,
        "workerTerminate" => super::worker::terminate,
        "workerCpuUsage" => super::worker::cpu_usage,
        "workerHeapSnapshot" => super::worker::heap_snapshot,
        "threadRunning" => super::worker::thread_running,
        "postToThread" => super::worker::post_to_thread,
        "parentPostMessage" => super::worker::post_to_parent,
        "workerData" => super::worker::worker_data,
        "structuredClone" => super::worker::structured_clone,
        "markAsUntransferable" => super::worker::mark_as_untransferable,
        "isMarkedAsUntransferable" => super::worker::is_marked_as_untransferable,
        "markAsUncloneable" => super::worker::mark_as_uncloneable,
        "markTransferMode" => super::worker::mark_transfer_mode,
        "messagingSymbols" => super::worker::messaging_symbols,
        "ports" => super::worker::ports_binding,
        "websocket" => super::websocket::binding,
        "perf" => super::perf::binding,
        "locks" => super::locks::binding,
        "inspector" => super::inspector::binding,
        "refLoop" => ref_loop,
        "wakeLoop" => wake_loop,
        "useDomainTrampoline" => use_domain_trampoline,
        "setPromiseHook" => set_promise_hook,
        "dgram" => super::dgram::binding,
        "fsWatch" => super::fs_watch::binding,
        "dns" => super::dns::binding,
        "zlib" => super::zlib::binding,
        "crypto" => super::crypto::binding,
        "net" => super::net::binding,
        "http2" => super::http2::binding,
        "repl" => super::repl::binding,
        "signals" => super::signals::binding,
        "http" => super::http::binding,
        "tls" => super::tls::binding,
        "sqlite" => super::sqlite::binding,
    });
    let natives = v8::Object::new(scope);
    for (name, source) in BUILTINS {
        let source = loader::static_source(scope, source).unwrap();
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

/// A copy of the bytes a typed array or DataView looks at (of any length: V8's CopyContents
/// takes an int and the crate panics past 2 GiB).
pub(super) fn view_bytes(view: &v8::ArrayBufferView) -> Vec<u8> {
    let mut storage = [0u8; v8::TYPED_ARRAY_MAX_SIZE_IN_HEAP];
    view.get_contents(&mut storage).to_vec()
}

pub(super) fn set_property(scope: &mut v8::PinScope, object: v8::Local<v8::Object>, name: &str, value: v8::Local<v8::Value>) {
    let key = v8::String::new(scope, name).unwrap();
    object.set(scope, key.into(), value);
}

/// A JS array of numbers.
pub(super) fn number_array<'s>(scope: &mut v8::PinScope<'s, '_>, values: impl IntoIterator<Item = f64>) -> v8::Local<'s, v8::Array> {
    let values: Vec<v8::Local<v8::Value>> = values.into_iter().map(|value| v8::Number::new(scope, value).into()).collect();
    v8::Array::new_with_elements(scope, &values)
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

/// libuv's error name and description for an errno (from the libuv anode links, as node gives
/// them; "UNKNOWN" and the system's text for one libuv does not know).
pub fn errno_name(errno: i32, error: &std::io::Error) -> (&'static str, String) {
    match crate::uv::error_name(-errno) {
        Some((name, description)) => (name, description.to_string()),
        None => ("UNKNOWN", error.to_string()),
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

/// The static facts the bootstrap builds `process` from.
/// "3.0.19" from OpenSSL's "OpenSSL 3.0.19 27 Jan 2026", as node reports the OpenSSL it runs on.
fn openssl_version() -> String {
    let text = openssl::version::version();
    text.split_whitespace().nth(1).unwrap_or(text).to_string()
}

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
        ("napiVersion", crate::napi::NAPI_VERSION.to_string()),
        ("anodeVersion", crate::VERSION.to_string()),
        ("v8Version", v8::V8::get_version().to_string()),
        ("uvVersion", crate::uv::version()),
        ("opensslVersion", openssl_version()),
        ("sqliteVersion", super::sqlite::version()),
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
