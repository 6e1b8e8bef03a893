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

/// libuv functions prebuilt addons import (mutexes, threads, async handles, the thread pool,
/// timers, loop access): all of libuv is linked in and exported, these are spot checks.
#[test]
fn libuv_is_exported_for_addons() {
    let output = Command::new("nm").args(["-D", "--defined-only"]).arg(env!("CARGO_BIN_EXE_anode")).output().expect("nm runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let exported: BTreeSet<&str> = text.lines().filter_map(|l| l.split_whitespace().nth(2)).filter(|n| n.starts_with("uv_")).collect();
    for name in [
        "uv_default_loop", "uv_run", "uv_queue_work", "uv_cancel", "uv_async_init", "uv_async_send", "uv_close",
        "uv_mutex_init", "uv_mutex_lock", "uv_mutex_unlock", "uv_mutex_destroy", "uv_rwlock_init", "uv_cond_init",
        "uv_cond_wait", "uv_cond_signal", "uv_sem_init", "uv_thread_create", "uv_thread_join", "uv_once",
        "uv_key_create", "uv_hrtime", "uv_sleep", "uv_timer_init", "uv_timer_start", "uv_check_init", "uv_idle_init",
        "uv_ref", "uv_unref", "uv_strerror", "uv_err_name", "uv_os_getenv", "uv_os_homedir", "uv_cpu_info",
    ] {
        assert!(exported.contains(name), "{name} is not exported");
    }
    assert!(exported.len() > 250, "only {} uv_* functions exported", exported.len());
}
