//! Lists the JS built-in modules (host/lib, one file per module name, internal/bootstrap.js
//! aside) for the runtime to embed, each with V8's code cache for it (compiled here, with the
//! V8 and the flags the runtime starts, so startup deserializes the builtins instead of
//! parsing them, as node's embedded code cache does). Exports every Node-API symbol from the
//! anode executable (napi-sys's one list), so that dlopen'ed addons resolve their napi_*
//! imports against it; and links libuv (Debian's static libuv_a.a, every object of it) with
//! all of its uv_* symbols exported, so addons that call libuv directly work as under node.

use std::path::PathBuf;

fn main() {
    let modules = list_builtins();
    write_code_caches(&modules);
    napi_sys::export_from_executable();
    // The integration tests load addons into their own process (host/tests/embedder.rs).
    let out_dir = std::env::var("OUT_DIR").unwrap();
    println!("cargo:rustc-link-arg-tests=-Wl,--export-dynamic-symbol-list={out_dir}/napi-exports.list");
    println!("cargo:rustc-link-arg-tests=-Wl,--export-dynamic-symbol=uv_*");

    let libuv = ["/usr/lib/x86_64-linux-gnu/libuv_a.a", "/usr/lib/libuv_a.a"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
        .expect("libuv's static library (Debian: apt-get install libuv1-dev; scripts/setup.sh does)");
    println!("cargo:rustc-link-search=native={}", libuv.parent().unwrap().display());
    println!("cargo:rustc-link-lib=static:+whole-archive=uv_a");
}

/// Writes `$OUT_DIR/builtins.rs`: `BUILTINS`, each module's name (its path under host/lib
/// without `.js`) and source, sorted by name; returns the names and paths.
fn list_builtins() -> Vec<(String, PathBuf)> {
    let lib = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("lib");
    println!("cargo:rerun-if-changed={}", lib.display());
    let mut modules = Vec::new();
    let mut folders = vec![lib.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("host/lib") {
            let path = entry.expect("a host/lib entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "js") {
                let name = path.strip_prefix(&lib).unwrap().with_extension("");
                let name = name.to_str().expect("a UTF-8 module name").to_string();
                if name != "internal/bootstrap" {
                    modules.push((name, path));
                }
            }
        }
    }
    modules.sort();
    let mut list = String::from("/// The JS sources of the built-in modules, by the name `require` knows them by.\n");
    list.push_str("pub const BUILTINS: &[(&str, &str)] = &[\n");
    for (name, path) in &modules {
        list.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    list.push_str("];\n");
    std::fs::write(out_dir().join("builtins.rs"), list).unwrap();
    modules
}

fn out_dir() -> PathBuf {
    PathBuf::from(std::env::var("OUT_DIR").unwrap())
}

/// The parameters of a builtin's wrapper function (the bootstrap's own are BOOTSTRAP_PARAMS);
/// written out with the caches, so the runtime compiles with the same ones. `process` is a
/// parameter, as in node: a program's own `process` binding must not reach the builtins.
const BUILTIN_PARAMS: &[&str] = &["exports", "require", "module", "binding", "internals", "process"];
const BOOTSTRAP_PARAMS: &[&str] = &["binding"];

/// Writes `$OUT_DIR/builtins_code_cache.rs`: `BUILTIN_CODE_CACHES`, the code cache of each
/// entry of BUILTINS (same order), and `BOOTSTRAP_CODE_CACHE`. V8 accepts a cache only from the
/// same V8 build with the same flags, so the flags are the runtime's defaults
/// (`runtime::V8_DEFAULT_FLAGS`); under other flags the runtime compiles from source.
fn write_code_caches(modules: &[(String, PathBuf)]) {
    let lib = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("lib");
    println!("cargo:rerun-if-changed=src/runtime/v8_default_flags.txt");
    let flags = include_str!("src/runtime/v8_default_flags.txt");
    for flag in flags.lines().filter(|line| !line.is_empty()) {
        v8::V8::set_flags_from_string(flag);
    }
    v8::V8::initialize_platform(v8::new_default_platform(0, false).make_shared());
    v8::V8::initialize();
    let isolate = &mut v8::Isolate::new(v8::CreateParams::default());
    v8::scope!(let scope, isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);

    let folder = out_dir().join("code_cache");
    std::fs::create_dir_all(&folder).unwrap();
    let compile = |name: &str, path: &PathBuf, params: &[&str]| -> String {
        let text = std::fs::read_to_string(path).expect("a builtin's source");
        let source = match text.is_ascii() {
            true => v8::String::new_from_one_byte(scope, text.as_bytes(), v8::NewStringType::Normal),
            false => v8::String::new(scope, &text),
        }
        .unwrap();
        let filename = v8::String::new(scope, &format!("node:{name}")).unwrap();
        let origin = v8::ScriptOrigin::new(scope, filename.into(), 0, 0, false, -1, None, false, false, false, None);
        let mut source = v8::script_compiler::Source::new(source, Some(&origin));
        let params: Vec<_> = params.iter().map(|param| v8::String::new(scope, param).unwrap()).collect();
        let function = v8::script_compiler::compile_function(
            scope,
            &mut source,
            &params,
            &[],
            v8::script_compiler::CompileOptions::NoCompileOptions,
            v8::script_compiler::NoCacheReason::NoReason,
        )
        .unwrap_or_else(|| panic!("host/lib/{name}.js does not compile"));
        let cache = function.create_code_cache().expect("a code cache");
        let file = folder.join(format!("{}.bin", name.replace('/', "__")));
        std::fs::write(&file, &cache[..]).unwrap();
        format!("include_bytes!({:?})", file.display().to_string())
    };
    let mut list = String::from("/// V8's code cache of each entry of BUILTINS, in the same order.\n");
    list.push_str("pub const BUILTIN_CODE_CACHES: &[&[u8]] = &[\n");
    for (name, path) in modules {
        list.push_str(&format!("    {},\n", compile(name, path, BUILTIN_PARAMS)));
    }
    list.push_str("];\n");
    let bootstrap = compile("internal/bootstrap", &lib.join("internal/bootstrap.js"), BOOTSTRAP_PARAMS);
    list.push_str(&format!("/// V8's code cache of internal/bootstrap.js.\npub const BOOTSTRAP_CODE_CACHE: &[u8] = {bootstrap};\n"));
    list.push_str(&format!("/// The parameters of a builtin's wrapper function.\npub const BUILTIN_PARAMS: &[&str] = &{BUILTIN_PARAMS:?};\n"));
    list.push_str(&format!("/// The parameters of internal/bootstrap.js's wrapper function.\npub const BOOTSTRAP_PARAMS: &[&str] = &{BOOTSTRAP_PARAMS:?};\n"));
    std::fs::write(out_dir().join("builtins_code_cache.rs"), list).unwrap();
}
