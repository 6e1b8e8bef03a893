//! The CommonJS loader's natives: reading, stat and resolution of module files, compiling
//! module wrappers, and dlopen of addons.

use super::*;
use crate::runtime::permission;

/// readFile(path): the file's text, or a thrown system error.
pub(super) fn read_file(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    if permission::throw_if_denied(scope, permission::Scope::FileSystemRead, &path) {
        return;
    }
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
pub(super) fn stat_kind(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    let kind = match std::fs::metadata(&path) {
        Ok(meta) if meta.is_dir() => 2,
        Ok(_) => 1,
        Err(_) => 0,
    };
    rv.set_int32(kind);
}

/// realpath(path): the canonical path, or a thrown system error.
pub(super) fn realpath(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    match std::fs::canonicalize(&path) {
        Ok(real) => rv.set(string(scope, &real.to_string_lossy()).into()),
        Err(error) => throw_io_error(scope, &error, "realpath", &path),
    }
}

/// resolve(request, fromDirectory, isImport, preserveSymlinks[, conditions]): the resolved file name, or
/// `[code, message]`.
pub(super) fn resolve_request(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let request = arg_string(scope, &args, 0);
    let directory = arg_string(scope, &args, 1);
    let style = if args.get(2).is_true() { resolve::Style::Import } else { resolve::Style::Require };
    let conditions = v8::Local::<v8::Array>::try_from(args.get(4)).ok().map(|array| {
        (0..array.length())
            .filter_map(|index| array.get_index(scope, index))
            .map(|value| value.to_rust_string_lossy(scope))
            .collect()
    });
    match resolve::resolve(&directory, &request, style, args.get(3).is_true(), conditions) {
        Ok(path) => rv.set(string(scope, &path).into()),
        Err(failure) => {
            let code = string(scope, failure.code).into();
            let message = string(scope, &failure.message).into();
            rv.set(v8::Array::new_with_elements(scope, &[code, message]).into());
        }
    }
}

/// packageWithoutExports(fromDirectory, name): [folder, "main" or undefined] of the package
/// import finds, when it has no "exports"; undefined otherwise.
pub(super) fn package_without_exports(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let directory = arg_string(scope, &args, 0);
    let name = arg_string(scope, &args, 1);
    if let Some(package) = resolve::package_without_exports(&directory, &name) {
        let folder = string(scope, &package.directory).into();
        let main = match &package.main {
            Some(main) => string(scope, main).into(),
            None => v8::undefined(scope).into(),
        };
        rv.set(v8::Array::new_with_elements(scope, &[folder, main]).into());
    }
}

/// isInsideNodeModules(): whether the innermost frame outside node's own `node:` code (and
/// outside anode's internals) belongs to a file under a node_modules directory.
pub(super) fn is_inside_node_modules(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut inside = false;
    if let Some(trace) = v8::StackTrace::current_stack_trace(scope, 20) {
        for index in 0..trace.get_frame_count() {
            let Some(frame) = trace.get_frame(scope, index) else { continue };
            let Some(name) = frame.get_script_name(scope) else { continue };
            let name = name.to_rust_string_lossy(scope);
            if name.is_empty() || name.starts_with("node:") {
                continue;
            }
            inside = ["/node_modules/", "\\node_modules\\", "/node_modules\\", "\\node_modules/"]
                .iter()
                .any(|pattern| name.contains(pattern));
            break;
        }
    }
    rv.set(v8::Boolean::new(scope, inside).into());
}

/// The bootstrap's wrapper function, from its code cache when V8 takes it (it does unless the
/// process runs V8 with other than the default flags).
pub fn compile_bootstrap<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Function>> {
    let source = static_source(scope, BOOTSTRAP_JS)?;
    compile_cached(scope, source, "internal/bootstrap", BOOTSTRAP_PARAMS, BOOTSTRAP_CODE_CACHE)
}

/// The built-in module loader's wrapper function (internal/bootstrap/realm), which the
/// bootstrap runs first.
pub fn compile_realm<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Function>> {
    const NAME: &str = "internal/bootstrap/realm";
    let index = BUILTINS.binary_search_by(|(builtin, _)| builtin.cmp(&NAME)).expect("the realm bootstrap is a builtin");
    let source = static_source(scope, BUILTINS[index].1)?;
    compile_cached(scope, source, NAME, BUILTIN_PARAMS, BUILTIN_CODE_CACHES[index])
}

/// compileBuiltin(name, contextGlobal): the wrapper function of the built-in module `name`
/// (its parameters: BUILTIN_PARAMS), from its code cache when V8 takes it; an Error for a name
/// that is none. With `contextGlobal` (a vm context's global) the function is that context's,
/// as node's per-context scripts are.
pub(super) fn compile_builtin(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let name = arg_string(scope, &args, 0);
    let Some(context) = super::super::modules::context_of(scope, args.get(1)) else { return };
    let scope = &mut v8::ContextScope::new(scope, context);
    let Ok(index) = BUILTINS.binary_search_by(|(builtin, _)| builtin.cmp(&name.as_str())) else {
        let message = string(scope, &format!("No such built-in module: {name}"));
        let exception = v8::Exception::error(scope, message);
        scope.throw_exception(exception);
        return;
    };
    let Some(source) = static_source(scope, BUILTINS[index].1) else { return };
    if let Some(function) = compile_cached(scope, source, &name, BUILTIN_PARAMS, BUILTIN_CODE_CACHES[index]) {
        rv.set(function.into());
    }
}

/// A builtin's source: ASCII ones stay in the executable (V8 reads them in place), as node's do.
pub(super) fn static_source<'s>(scope: &mut v8::PinScope<'s, '_>, source: &'static str) -> Option<v8::Local<'s, v8::String>> {
    match source.is_ascii() {
        true => v8::String::new_external_onebyte_static(scope, source.as_bytes()),
        false => v8::String::new(scope, source),
    }
}

/// NODE_DEBUG_NATIVE=CODE_CACHE: node's log of each builtin compiled and whether V8 took its cache.
fn code_cache_debug() -> bool {
    static ENABLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ENABLED.get_or_init(|| crate::runtime::compile_cache::native_debug_enabled("CODE_CACHE"))
}

fn compile_cached<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: v8::Local<v8::String>,
    name: &str,
    params: &[&str],
    code_cache: &'static [u8],
) -> Option<v8::Local<'s, v8::Function>> {
    let filename = string(scope, &format!("node:{name}"));
    let origin = v8::ScriptOrigin::new(scope, filename.into(), 0, 0, false, -1, None, false, false, false, None);
    let data = v8::script_compiler::CachedData::new(code_cache);
    let mut source = v8::script_compiler::Source::new_with_cached_data(source, Some(&origin), data);
    let params: Vec<_> = params.iter().map(|param| string(scope, param)).collect();
    let function = v8::script_compiler::compile_function(
        scope,
        &mut source,
        &params,
        &[],
        v8::script_compiler::CompileOptions::ConsumeCodeCache,
        v8::script_compiler::NoCacheReason::NoReason,
    )?;
    let taken = source.get_cached_data().is_some_and(|data| !data.rejected());
    if code_cache_debug() {
        let verdict = if taken { "is accepted" } else { "is rejected" };
        eprint!("Compiling {name} with code cache lazily\nCode cache of {name} (BufferNotOwned) {verdict}\n");
    }
    Some(function)
}

pub(super) fn compile_function_local<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: v8::Local<v8::String>,
    filename: v8::Local<v8::String>,
    params: &[v8::Local<v8::String>],
    host_options: Option<v8::Local<v8::Data>>,
) -> Option<v8::Local<'s, v8::Function>> {
    let origin = v8::ScriptOrigin::new(scope, filename.into(), 0, 0, false, -1, None, false, false, false, host_options);
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

/// compileFunction(source, filename, params, hostKey): a function whose body is `source`
/// (its import() goes to vm's handler `hostKey` when given).
pub(super) fn compile_function_binding(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
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
    let host_options = crate::runtime::modules::vm_host_options(scope, args.get(3));
    let _no_abort = crate::runtime::exit::NoAbortOnUncaught::new();
    v8::tc_scope!(let tc, scope);
    match compile_function_local(tc, source, filename, &params, host_options) {
        Some(function) => rv.set(function.into()),
        None => {
            // The syntax error keeps its source arrow wherever it is rethrown (`--check`).
            if let (Some(exception), Some(message)) = (tc.exception(), tc.message()) {
                crate::runtime::fatal::remember_arrow(tc, exception, message);
            }
            tc.rethrow();
        }
    }
}

/// compileCommonJS(source, filename, params): a CommonJS module's wrapper function, through
/// the compile cache when it is on.
pub(super) fn compile_commonjs(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Ok(source), Ok(filename), Ok(list)) = (
        v8::Local::<v8::String>::try_from(args.get(0)),
        v8::Local::<v8::String>::try_from(args.get(1)),
        v8::Local::<v8::Array>::try_from(args.get(2)),
    ) else {
        return throw_type_error(scope, "compileCommonJS(source, filename, params)");
    };
    let mut params = Vec::with_capacity(list.length() as usize);
    for i in 0..list.length() {
        let Some(param) = list.get_index(scope, i).and_then(|param| param.to_string(scope)) else { return };
        params.push(param);
    }
    let origin = v8::ScriptOrigin::new(scope, filename.into(), 0, 0, false, -1, None, false, false, false, None);
    let name = filename.to_rust_string_lossy(scope);
    let _no_abort = crate::runtime::exit::NoAbortOnUncaught::new();
    if let Some(function) = crate::runtime::compile_cache::compile_function(scope, source, &origin, &name, &params) {
        rv.set(function.into());
    }
}

/// compileCacheEnable(directory, portable): [status, message, directory].
pub(super) fn compile_cache_enable(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    if !args.get(0).is_string() {
        let error = super::coded_error(scope, v8::Exception::type_error, "cacheDir should be a string", "ERR_INVALID_ARG_TYPE");
        scope.throw_exception(error);
        return;
    }
    let directory = args.get(0).to_rust_string_lossy(scope);
    let (status, message, directory) = crate::runtime::compile_cache::enable(&directory, args.get(1).is_true());
    let status = v8::Integer::new(scope, status as i32).into();
    let message = optional_string(scope, message);
    let directory = optional_string(scope, directory);
    rv.set(v8::Array::new_with_elements(scope, &[status, message, directory]).into());
}

fn optional_string<'s>(scope: &mut v8::PinScope<'s, '_>, text: Option<String>) -> v8::Local<'s, v8::Value> {
    match text {
        Some(text) => v8::String::new(scope, &text).unwrap().into(),
        None => v8::undefined(scope).into(),
    }
}

/// compileCacheDirectory(): the directory in use, or undefined.
pub(super) fn compile_cache_directory(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    if let Some(directory) = crate::runtime::compile_cache::directory() {
        rv.set(v8::String::new(scope, &directory).unwrap().into());
    }
}

/// compileCacheTranspiled(source, filename, kind): the JavaScript the cache keeps for a
/// TypeScript file (kind: node's number for how it is made), null when it keeps none,
/// undefined when the cache is off.
pub(super) fn compile_cache_transpiled(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    if crate::runtime::compile_cache::directory().is_none() {
        return;
    }
    let (source, filename) = (args.get(0).to_rust_string_lossy(scope), args.get(1).to_rust_string_lossy(scope));
    let Some(kind) = typescript_kind(scope, &args) else { return };
    match crate::runtime::compile_cache::transpiled(&filename, kind, &source) {
        Some(Some(code)) => rv.set(v8::String::new(scope, &code).unwrap().into()),
        Some(None) => rv.set_null(),
        None => {}
    }
}

/// compileCacheSaveTranspiled(source, filename, kind, transpiled): keeps what the TypeScript
/// file was made into.
pub(super) fn compile_cache_save_transpiled(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let (source, filename) = (args.get(0).to_rust_string_lossy(scope), args.get(1).to_rust_string_lossy(scope));
    let Some(kind) = typescript_kind(scope, &args) else { return };
    let transpiled = args.get(3).to_rust_string_lossy(scope);
    crate::runtime::compile_cache::save_transpiled(&filename, kind, &source, &transpiled);
}

fn typescript_kind(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<crate::runtime::compile_cache::Kind> {
    let kind = args.get(2).uint32_value(scope).and_then(crate::runtime::compile_cache::Kind::typescript);
    if kind.is_none() {
        throw_type_error(scope, "kind must be a TypeScript cache type");
    }
    kind
}

/// compileCacheFlush(): writes the caches that changed.
pub(super) fn compile_cache_flush(_scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    crate::runtime::compile_cache::flush();
}

/// dlopen(module, filename, flags): loads a Node-API addon into `module.exports`.
pub(super) fn dlopen(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Ok(module) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
        return throw_type_error(scope, "The \"module\" argument must be an object");
    };
    let filename = arg_string(scope, &args, 1);
    if !permission::addons_enabled(&RuntimeState::get(scope).options.node_options) {
        let message = string(scope, "Cannot load native addon because loading addons is disabled.");
        let error = v8::Exception::error(scope, message);
        let code = string(scope, "ERR_DLOPEN_DISABLED").into();
        set_property(scope, error.cast::<v8::Object>(), "code", code);
        scope.throw_exception(error);
        return;
    }
    let flags = if args.get(2).is_undefined() { None } else { args.get(2).int32_value(scope) };
    crate::napi::loader::load(scope, module, &filename, flags);
}
