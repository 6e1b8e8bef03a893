//! The anode executable exports its Node-API functions in the dynamic symbol table, so
//! addons' undefined napi_* references resolve against it, and exports no stray ones.

use std::collections::BTreeSet;
use std::process::Command;

fn symbols(dynamic: bool) -> BTreeSet<String> {
    let mut command = Command::new("nm");
    if dynamic {
        command.arg("-D");
    }
    let output = command.arg("--defined-only").arg(env!("CARGO_BIN_EXE_anode")).output().expect("nm runs");
    assert!(output.status.success(), "nm failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (_, kind, name) = (fields.next()?, fields.next()?, fields.next()?);
            (kind == "T" && (name.starts_with("napi_") || name.starts_with("node_api_"))).then(|| name.to_string())
        })
        .collect()
}

#[test]
fn every_defined_napi_function_is_exported() {
    let defined = symbols(false);
    let exported = symbols(true);
    assert!(defined.len() >= 25, "expected the first Node-API slice, found {defined:?}");
    let missing: Vec<_> = defined.difference(&exported).collect();
    assert!(missing.is_empty(), "defined but not exported: {missing:?}");
}

#[test]
fn every_exported_napi_function_is_in_the_symbol_list() {
    let known: BTreeSet<&str> =
        napi_sys::SYMBOLS.iter().map(|(name, _, _)| *name).chain(napi_sys::EXPERIMENTAL_SYMBOLS.iter().copied()).collect();
    let stray: Vec<_> = symbols(true).into_iter().filter(|name| !known.contains(name.as_str())).collect();
    assert!(stray.is_empty(), "exported but not in napi-sys's list: {stray:?}");
}

#[test]
fn every_node_api_function_resolves_in_the_executable() {
    let exported = symbols(true);
    let listed = napi_sys::SYMBOLS.iter().map(|(name, _, _)| *name).chain(napi_sys::EXPERIMENTAL_SYMBOLS.iter().copied());
    let missing: Vec<&str> = listed.filter(|name| !exported.contains(*name)).collect();
    assert!(missing.is_empty(), "not exported: {missing:?}");
}
