//! process.dlopen refuses, with a catchable ERR_DLOPEN_FAILED, addons whose imports nothing
//! would define, before their constructors run (where node's lazy binding would end the
//! process). The addons are small C files compiled here with the system's cc.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh directory for a test's files.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("anode-dlopen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Compiles `source` into the shared object `dir/name` with `extra` cc arguments.
fn compile(dir: &Path, name: &str, source: &str, extra: &[&str]) -> PathBuf {
    let source_path = dir.join(format!("{name}.c"));
    std::fs::write(&source_path, source).unwrap();
    let output_path = dir.join(name);
    let status = Command::new("cc")
        .args(["-shared", "-fPIC", "-o"])
        .arg(&output_path)
        .arg(&source_path)
        .args(extra)
        .status()
        .expect("cc runs");
    assert!(status.success(), "cc {name}");
    output_path
}

/// Runs `script` under anode; its stdout.
fn run(dir: &Path, script: &str) -> String {
    let script_path = dir.join("test.js");
    std::fs::write(&script_path, script).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_anode")).arg(&script_path).output().expect("anode runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "anode exited with {:?}: {stderr}", output.status);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A script that dlopens `file` and prints what it got, then that it is still running.
fn load_script(file: &Path) -> String {
    format!(
        "try {{ const m = {{ exports: {{}} }}; process.dlopen(m, {file:?}); console.log('loaded', Object.keys(m.exports).join()); }}\n\
         catch (err) {{ console.log(err instanceof Error, err.code); console.log(err.message); }}\n\
         console.log('still running');\n",
        file = file.to_str().unwrap()
    )
}

const NAPI_ENTRY: &str = "void *napi_register_module_v1(void *env, void *exports) { return exports; }\n";

#[test]
fn an_addon_for_nodes_cxx_abi_is_refused_not_fatal() {
    let dir = temp_dir("cxx-abi");
    // What NODE_MODULE expands to: a static constructor passing a node::node_module to
    // node_module_register; its init would use V8's C++ API.
    let addon = compile(
        &dir,
        "cxx_abi.node",
        "struct node_module { int version; unsigned flags; void *handle; const char *file; void *init; void *context_init; const char *name; void *priv; void *link; };\n\
         extern void node_module_register(void *module);\n\
         extern void *_ZN2v87Isolate10GetCurrentEv(void);\n\
         static void init(void *exports, void *module, void *priv) { _ZN2v87Isolate10GetCurrentEv(); }\n\
         static struct node_module module = { 137, 0, 0, __FILE__, (void *)init, 0, \"cxx_abi\", 0, 0 };\n\
         __attribute__((constructor)) static void register_module(void) { node_module_register(&module); }\n",
        &[],
    );
    let out = run(&dir, &load_script(&addon));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "true ERR_DLOPEN_FAILED", "{out}");
    assert!(lines[1].starts_with(&format!("{}: ", addon.display())), "{out}");
    assert!(lines[1].contains("Node's C++ addon ABI") && lines[1].contains("only Node-API addons load"), "{out}");
    assert!(lines[1].contains("node_module_register") && lines[1].contains("_ZN2v87Isolate10GetCurrentEv"), "{out}");
    assert_eq!(lines[2], "still running");
}

#[test]
fn missing_imports_are_listed_and_bounded() {
    let dir = temp_dir("missing");
    let mut source = String::from(NAPI_ENTRY);
    for i in 0..12 {
        source.push_str(&format!("extern int anode_test_missing_{i:02}(void);\nint use_{i:02}(void) {{ return anode_test_missing_{i:02}(); }}\n"));
    }
    let addon = compile(&dir, "missing.node", &source, &[]);
    let out = run(&dir, &load_script(&addon));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "true ERR_DLOPEN_FAILED", "{out}");
    let listed: Vec<String> = (0..8).map(|i| format!("anode_test_missing_{i:02}")).collect();
    assert_eq!(
        lines[1],
        format!("{}: undefined symbols that neither anode nor the addon's libraries define: {} (and 4 more)", addon.display(), listed.join(", "))
    );
    assert_eq!(lines[2], "still running");
}

#[test]
fn weak_imports_and_imports_from_needed_libraries_load() {
    let dir = temp_dir("needed");
    // The library announces its constructor: it must run once, whatever the check opens.
    compile(
        &dir,
        "libprovider.so",
        "#include <unistd.h>\n\
         __attribute__((constructor)) static void announce(void) { write(1, \"provider constructor\\n\", 21); }\n\
         int provided_by_library(void) { return 7; }\n",
        &[],
    );
    let addon = compile(
        &dir,
        "uses_library.node",
        &format!(
            "{NAPI_ENTRY}extern int provided_by_library(void);\nextern int maybe_absent(void) __attribute__((weak));\n\
             int use(void) {{ return provided_by_library() + (maybe_absent ? maybe_absent() : 0); }}\n"
        ),
        &["-L", dir.to_str().unwrap(), "-lprovider", "-Wl,-rpath,$ORIGIN", "-Wl,--enable-new-dtags"],
    );
    let out = run(&dir, &(load_script(&addon) + &load_script(&addon)));
    assert_eq!(out, "provider constructor\nloaded \nstill running\nloaded \nstill running\n");
}

#[test]
fn a_library_missing_its_segments_is_refused_not_a_sigbus() {
    let dir = temp_dir("truncated");
    let addon = compile(&dir, "whole.node", NAPI_ENTRY, &[]);
    let bytes = std::fs::read(&addon).unwrap();
    let truncated = dir.join("truncated.node");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let out = run(&dir, &load_script(&truncated));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "true ERR_DLOPEN_FAILED", "{out}");
    assert!(lines[1].starts_with(&format!("{}: file too short", truncated.display())), "{out}");
    assert_eq!(lines[2], "still running");
}

#[test]
fn an_import_bound_to_a_non_default_version_loads() {
    let dir = temp_dir("versioned");
    // glibc keeps sys_errlist only in old versions, none of them the default: dlsym does
    // not find it, the dynamic linker (and dlvsym) does.
    let addon = compile(
        &dir,
        "versioned.node",
        &format!(
            "{NAPI_ENTRY}extern const char *const old_errlist[];\n__asm__(\".symver old_errlist, sys_errlist@GLIBC_2.12\");\n\
             const char *first_error(void) {{ return old_errlist[1]; }}\n"
        ),
        &[],
    );
    assert_eq!(run(&dir, &load_script(&addon)), "loaded \nstill running\n");
}
