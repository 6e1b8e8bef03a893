//! Exports every Node-API symbol from the anode executable, from napi-sys's one list,
//! so that dlopen'ed addons resolve their napi_* imports against it; and links libuv
//! (Debian's static libuv_a.a, every object of it) with all of its uv_* symbols exported,
//! so addons that call libuv directly work as under node.

use std::path::PathBuf;

fn main() {
    let symbols_file = PathBuf::from("../napi-sys/src/symbols.rs");
    println!("cargo:rerun-if-changed={}", symbols_file.display());
    let symbols = std::fs::read_to_string(&symbols_file).expect("napi-sys symbol list");
    let mut list = String::from("{\n");
    // Entries are `("name", version),` (stable) or `"name",` (experimental).
    for line in symbols.lines() {
        let line = line.trim().trim_start_matches('(');
        if let Some(name) = line.strip_prefix('"').and_then(|rest| rest.split('"').next()) {
            list.push_str(&format!("  {name};\n"));
        }
    }
    list.push_str("};\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("exports.list");
    std::fs::write(&out, list).unwrap();
    println!("cargo:rustc-link-arg-bins=-Wl,--export-dynamic-symbol-list={}", out.display());

    let libuv = ["/usr/lib/x86_64-linux-gnu/libuv_a.a", "/usr/lib/libuv_a.a"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
        .expect("libuv's static library (Debian: apt-get install libuv1-dev; scripts/setup.sh does)");
    println!("cargo:rustc-link-search=native={}", libuv.parent().unwrap().display());
    println!("cargo:rustc-link-lib=static:+whole-archive=uv_a");
    println!("cargo:rustc-link-arg-bins=-Wl,--export-dynamic-symbol=uv_*");
}
