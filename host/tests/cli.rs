//! The command line behaves as node's does.

use std::process::{Command, Output};

fn anode(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_anode")).args(args).output().expect("anode runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn version_is_the_node_release_it_implements() {
    let output = anode(&["--version"]);
    assert!(output.status.success());
    assert_eq!(stdout(&output).trim(), anode::runtime::NODE_VERSION);
}

#[test]
fn unknown_flags_exit_with_9() {
    let output = anode(&["--no-such-flag"]);
    assert_eq!(output.status.code(), Some(9));
    assert!(String::from_utf8_lossy(&output.stderr).contains("bad option: --no-such-flag"));
}

#[test]
fn eval_and_print() {
    assert_eq!(stdout(&anode(&["-p", "[1, 'a', { b: 2n }]"])), "[ 1, 'a', { b: 2n } ]\n");
    assert_eq!(stdout(&anode(&["-e", "console.log(process.argv.length)", "x", "y"])), "3\n");
    let output = anode(&["-e", "process.exitCode = 4"]);
    assert_eq!(output.status.code(), Some(4));
}

#[test]
fn script_arguments_after_the_file_belong_to_the_script() {
    let output = anode(&["-p", "process.argv.slice(1)", "--", "--not-a-flag"]);
    assert_eq!(stdout(&output), "[ '--not-a-flag' ]\n");
}

#[test]
fn a_missing_main_module_is_module_not_found() {
    let output = anode(&["/no/such/script.js"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Error: Cannot find module '/no/such/script.js'"), "{stderr}");
    assert!(stderr.contains("code: 'MODULE_NOT_FOUND'"), "{stderr}");
}

#[test]
fn expose_gc_defines_gc() {
    assert_eq!(stdout(&anode(&["--expose-gc", "-p", "typeof gc"])), "function\n");
    assert_eq!(stdout(&anode(&["-p", "typeof gc"])), "undefined\n");
}

#[test]
fn node_release_parts_match_the_version_string() {
    let (major, minor, patch) = anode::runtime::NODE_RELEASE;
    assert_eq!(anode::runtime::NODE_VERSION, format!("v{major}.{minor}.{patch}"));
}
