//! The `binding` object handed to the JS bootstrap and to every builtin: the loader's own
//! natives (sources, compilation, resolution, addons, config) and one factory per area, as
//! node's internalBinding('fs'): `binding.fs()`, `binding.processMethods()`, ... Each area's
//! object is built by its own module (bindings/ for the process's, the runtime's modules for
//! fs, child processes, workers, ...), next to its natives, with `binding_object!`; a builtin
//! takes it once at its top (`const processMethods = binding.processMethods();`). Also the
//! helpers the natives share for values and node's errors.

mod credentials;
mod encoding;
mod env;
mod inspect;
mod loader;
mod process;
mod promises;
mod url;
mod url_pattern;

pub(crate) use env::{worker_env, PrivateEnv};
use loader::*;
pub use loader::{compile_bootstrap, compile_realm};
pub use process::{flush_stdio, write_stderr};
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

/// Builds the `binding` object: the loader's natives, then the areas' factories.
pub fn create<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
    let loader = binding_object!(scope, {
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
        "compileCacheTranspiled" => loader::compile_cache_transpiled,
        "compileCacheSaveTranspiled" => loader::compile_cache_save_transpiled,
        "dlopen" => dlopen,
        "asyncWrap" => super::async_hooks::binding,
        "childProcess" => super::child::binding,
        "contextify" => super::vm::binding,
        "credentials" => credentials::binding,
        "crypto" => super::crypto::binding,
        "dgram" => super::dgram::binding,
        "dns" => super::dns::binding,
        "encoding" => encoding::binding,
        "env" => env::binding,
        "fs" => super::fs::fs,
        "fsWatch" => super::fs_watch::binding,
        "http" => super::http::binding,
        "http2" => super::http2::binding,
        "inspector" => super::inspector::binding,
        "locks" => super::locks::binding,
        "moduleWrap" => super::modules::binding,
        "net" => super::net::binding,
        "os" => super::os::binding,
        "perf" => super::perf::binding,
        "permission" => super::permission::binding,
        "processMethods" => process::binding,
        "repl" => super::repl::binding,
        "signals" => super::signals::binding,
        "sourceMaps" => super::source_map::binding,
        "sqlite" => super::sqlite::binding,
        "taskQueue" => promises::binding,
        "tls" => super::tls::binding,
        "webstorage" => super::webstorage::binding,
        "traceEvents" => super::trace_events::binding,
        "tty" => super::tty::binding,
        "typescript" => super::typescript::binding,
        "url" => url::binding,
        "urlPattern" => url_pattern::binding,
        "util" => inspect::binding,
        "v8" => super::v8_module::binding,
        "wasi" => super::wasi::binding,
        "wasmStreaming" => super::wasm_streaming::binding,
        "websocket" => super::websocket::binding,
        "worker" => super::worker::binding,
        "zlib" => super::zlib::binding,
    });
    let natives = v8::Object::new(scope);
    for (name, source) in BUILTINS {
        let source = loader::static_source(scope, source).unwrap();
        set_property(scope, natives, name, source.into());
    }
    set_property(scope, loader, "natives", natives.into());
    let config = config_object(scope);
    set_property(scope, loader, "config", config.into());
    loader
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

/// A Buffer that owns `bytes`: a Uint8Array given Buffer.prototype, as node's C++ makes them
/// (a stream's read chunk), so that JS need not wrap it in a second view.
pub(super) fn buffer<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: Vec<u8>) -> v8::Local<'s, v8::Uint8Array> {
    let array = uint8_array(scope, bytes);
    let state = RuntimeState::get(scope);
    let prototype = state.buffer_prototype.borrow().as_ref().map(|prototype| v8::Local::new(scope, prototype));
    if let Some(prototype) = prototype {
        array.set_prototype(scope, prototype.into());
    }
    array
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
    let as_flags = strings(scope, &crate::cli::options_as_flags(&options.node_options));
    set_property(scope, config, "optionsAsFlags", as_flags);
    let config_file_args = strings(scope, crate::cli::config_file_args());
    set_property(scope, config, "configFileArgs", config_file_args);
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
        ("nghttp2Version", super::http2::nghttp2_version()),
    ];
    let libraries = v8::Object::new(scope);
    for (name, version) in super::zlib::library_versions() {
        let version = string(scope, &version).into();
        set_property(scope, libraries, name, version);
    }
    set_property(scope, config, "compressionVersions", libraries.into());
    // --inspect-port as node's getOptionValue reads it: the host and port it sets (checked at startup).
    let mut inspect = super::inspector_server::HostPort::default();
    let given = options.string("--inspect-port");
    if !given.is_empty() {
        let _ = inspect.update(given);
    }
    let inspect_host = string(scope, &inspect.host).into();
    set_property(scope, config, "inspectHost", inspect_host);
    let inspect_port = v8::Integer::new(scope, i32::from(inspect.port)).into();
    set_property(scope, config, "inspectPort", inspect_port);
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
