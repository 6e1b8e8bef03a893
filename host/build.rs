//! Lists the JS built-in modules (host/lib, one file per module name, internal/bootstrap.js
//! aside) for the runtime to embed. Exports every Node-API symbol from the anode executable
//! (napi-sys's one list), so that dlopen'ed addons resolve their napi_* imports against it;
//! and links libuv (Debian's static libuv_a.a, every object of it) with all of its uv_*
//! symbols exported, so addons that call libuv directly work as under node.

use std::path::PathBuf;

fn main() {
    list_builtins();
    napi_sys::export_from_executable();

    let libuv = ["/usr/lib/x86_64-linux-gnu/libuv_a.a", "/usr/lib/libuv_a.a"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
        .expect("libuv's static library (Debian: apt-get install libuv1-dev; scripts/setup.sh does)");
    println!("cargo:rustc-link-search=native={}", libuv.parent().unwrap().display());
    println!("cargo:rustc-link-lib=static:+whole-archive=uv_a");
}

/// Writes `$OUT_DIR/builtins.rs`: `BUILTINS`, each module's name (its path under host/lib
/// without `.js`) and source, sorted by name.
fn list_builtins() {
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
    std::fs::write(PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("builtins.rs"), list).unwrap();
}
