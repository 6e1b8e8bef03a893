//! Exports every Node-API symbol from the anode executable, from napi-sys's one list,
//! so that dlopen'ed addons resolve their napi_* imports against it.

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
}
