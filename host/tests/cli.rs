//! The command line behaves as node's does.

use std::process::{Command, Output};

fn anode(args: &[&str]) -> Output {
    anode_with_env(args, &[])
}

/// Runs anode with `env` added to an environment without node's option variables.
fn anode_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_anode"));
    for name in ["NODE_OPTIONS", "NODE_NO_WARNINGS", "NODE_PENDING_DEPRECATION", "NODE_REDIRECT_WARNINGS", "NODE_PRESERVE_SYMLINKS"] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied()).args(args).output().expect("anode runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh directory for a test's files.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("anode-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
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

#[test]
fn bad_options_get_nodes_messages_and_exit_9() {
    let program = env!("CARGO_BIN_EXE_anode");
    for (args, message) in [
        (&["--no-such-flag"][..], "bad option: --no-such-flag"),
        (&["--require"], "--require requires an argument"),
        (&["-r", "-p", "1"], "-r requires an argument"),
        (&["--title="], "--title= requires an argument"),
        (&["--no-title", "-p", "1"], "--no-title is an invalid negation because it is not a boolean option"),
        (&["--unhandled-rejections=maybe", "-p", "1"], "invalid value for --unhandled-rejections"),
        (&["-c", "-e", "1"], "either --check or --eval can be used, not both"),
        (&["--env-file=/no/such/file.env", "-p", "1"], "/no/such/file.env: not found"),
    ] {
        let output = anode(args);
        assert_eq!(output.status.code(), Some(9), "{args:?}");
        assert_eq!(stderr(&output), format!("{program}: {message}\n"), "{args:?}");
    }
    // Every option V8 does not know is reported.
    let output = anode(&["--bad-one", "--bad-two"]);
    assert_eq!(stderr(&output), format!("{program}: bad option: --bad-one\n{program}: bad option: --bad-two\n"));
}

#[test]
fn node_options_hold_only_what_node_allows_there() {
    let program = env!("CARGO_BIN_EXE_anode");
    let output = anode_with_env(&["-p", "process.title + ' ' + JSON.stringify(process.execArgv)"], &[("NODE_OPTIONS", "\"--title=a b\" --no-deprecation")]);
    assert_eq!(stdout(&output), "a b [\"-p\",\"process.title + ' ' + JSON.stringify(process.execArgv)\"]\n");
    for (options, message) in [
        ("--eval=1", "--eval= is not allowed in NODE_OPTIONS"),
        ("-e 1", "-e is not allowed in NODE_OPTIONS"),
        ("--allow-natives-syntax", "--allow-natives-syntax is not allowed in NODE_OPTIONS"),
        ("--title=\"open", "invalid value for NODE_OPTIONS (unterminated string)\n"),
    ] {
        let output = anode_with_env(&["-p", "1"], &[("NODE_OPTIONS", options)]);
        assert_eq!(output.status.code(), Some(9), "{options}");
        assert_eq!(stderr(&output), format!("{program}: {message}\n"), "{options}");
    }
    // The command line comes after NODE_OPTIONS.
    let output = anode_with_env(&["--title=cli", "-p", "process.title"], &[("NODE_OPTIONS", "--title=env")]);
    assert_eq!(stdout(&output), "cli\n");
}

#[test]
fn exec_argv_holds_the_options_before_the_script() {
    let dir = temp_dir("exec-argv");
    let script = dir.join("argv.js");
    std::fs::write(&script, "console.log(JSON.stringify([process.execArgv, process.argv.slice(2)]))").unwrap();
    let output = anode(&["--no-warnings", "--stack-trace-limit=5", "--", script.to_str().unwrap(), "--x", "-y"]);
    assert_eq!(stdout(&output), "[[\"--no-warnings\",\"--stack-trace-limit=5\"],[\"--x\",\"-y\"]]\n");
    assert_eq!(stdout(&anode(&["-pe", "6 * 7"])), "42\n");
    assert_eq!(stdout(&anode(&["--print", "6 * 7"])), "42\n");
    // `\-` escapes a value starting with a dash; -e code sees the built-in modules as globals.
    assert_eq!(stdout(&anode(&["-p", "\\-42"])), "-42\n");
    assert_eq!(stdout(&anode(&["-p", "typeof fs + typeof path"])), "objectobject\n");
    assert_eq!(stdout(&anode(&["--stack-trace-limit=3", "--allow_natives_syntax", "-p", "[Error.stackTraceLimit, %IsSmi(1)]"])), "[ 3, true ]\n");
}

#[test]
fn warning_options() {
    let emit = "process.emitWarning('w1'); process.emitWarning('d1', 'DeprecationWarning', 'DEP0999'); \
                console.log(process.noDeprecation, process.noProcessWarnings, process.listenerCount('warning'))";
    let output = anode(&["-e", emit]);
    assert_eq!(stdout(&output), "undefined undefined 1\n");
    let pid_free = stderr(&output).lines().map(|line| line.split_once(") ").map_or(line, |(_, rest)| rest).to_string()).collect::<Vec<_>>();
    assert_eq!(pid_free, ["Warning: w1", "(Use `anode --trace-warnings ...` to show where the warning was created)", "[DEP0999] DeprecationWarning: d1"]);

    let output = anode(&["--no-warnings", "-e", emit]);
    assert_eq!((stdout(&output).as_str(), stderr(&output).as_str()), ("undefined true 0\n", ""));
    let output = anode_with_env(&["-e", emit], &[("NODE_NO_WARNINGS", "1")]);
    assert_eq!(stderr(&output), "");
    let output = anode(&["--no-deprecation", "--disable-warning=Warning", "-e", emit]);
    assert_eq!((stdout(&output).as_str(), stderr(&output).as_str()), ("true undefined 1\n", ""));
    let output = anode(&["--throw-deprecation", "-e", "process.on('uncaughtException', (e) => console.log(e.code)); process.emitWarning('d', 'DeprecationWarning', 'DEP1')"]);
    assert_eq!(stdout(&output), "DEP1\n");

    let dir = temp_dir("redirect");
    let file = dir.join("warnings.txt");
    let output = anode(&[&format!("--redirect-warnings={}", file.display()), "-e", emit]);
    assert_eq!(stderr(&output), "");
    assert!(std::fs::read_to_string(&file).unwrap().contains("DeprecationWarning: d1\n"));
}

#[test]
fn unhandled_rejection_modes() {
    let code = "process.on('exit', (c) => console.log('exit', c)); Promise.reject(new Error('r'))";
    for (mode, exit, warns) in [("throw", 1, false), ("strict", 1, false), ("warn", 0, true), ("none", 0, false), ("warn-with-error-code", 1, true)] {
        let output = anode(&[&format!("--unhandled-rejections={mode}"), "-e", code]);
        assert_eq!(output.status.code(), Some(exit), "{mode}");
        assert_eq!(stdout(&output), format!("exit {exit}\n"), "{mode}");
        assert_eq!(stderr(&output).contains("UnhandledPromiseRejectionWarning: Error: r"), warns, "{mode}");
    }
}

#[test]
fn preloads_conditions_and_env_files() {
    let dir = temp_dir("preload");
    std::fs::write(dir.join("a.js"), "console.log('a', module.isPreloading)").unwrap();
    std::fs::write(dir.join("b.mjs"), "await null; console.log('b')").unwrap();
    std::fs::create_dir_all(dir.join("node_modules/pkg")).unwrap();
    std::fs::write(dir.join("node_modules/pkg/package.json"), r#"{"exports":{"custom":"./custom.js","default":"./default.js"}}"#).unwrap();
    std::fs::write(dir.join("node_modules/pkg/custom.js"), "module.exports = 'custom'").unwrap();
    std::fs::write(dir.join("node_modules/pkg/default.js"), "module.exports = 'default'").unwrap();
    std::fs::write(dir.join(".env"), "FROM_FILE=\"x\\ny\" # comment\nPRESET=file\nNODE_OPTIONS=--title=env-title\n").unwrap();
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_anode"));
        command.env_remove("NODE_OPTIONS").current_dir(&dir).envs(env.iter().copied()).args(args);
        command.output().expect("anode runs")
    };
    let output = run(&["-r", "./a.js", "--import", "./b.mjs", "-p", "require('pkg')"], &[]);
    assert_eq!(stdout(&output), "a true\nb\ndefault\n");
    assert_eq!(stdout(&run(&["-C", "custom", "-p", "require('pkg')"], &[])), "custom\n");
    let output = run(&["--env-file=.env", "-p", "JSON.stringify([process.env.FROM_FILE, process.env.PRESET, process.title])"], &[("PRESET", "env")]);
    assert_eq!(stdout(&output), "[\"x\\ny\",\"env\",\"env-title\"]\n");
    let output = run(&["--env-file-if-exists=missing.env", "-p", "1"], &[]);
    assert_eq!((stdout(&output).as_str(), stderr(&output).as_str()), ("1\n", "missing.env not found. Continuing without it.\n"));
}

#[test]
fn check_and_input_type() {
    let dir = temp_dir("check");
    std::fs::write(dir.join("bad.js"), "let let = 1;\n").unwrap();
    std::fs::write(dir.join("good.js"), "console.log('ran')\n").unwrap();
    let output = anode(&["--check", dir.join("good.js").to_str().unwrap()]);
    assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(0), ""));
    let output = anode(&["-c", dir.join("bad.js").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("let let = 1;\n    ^^^\n\nSyntaxError: let is disallowed as a lexically bound name"), "{}", stderr(&output));
    assert_eq!(stdout(&anode(&["--input-type=module", "-e", "console.log(typeof require, import.meta.url.endsWith('/[eval1]'))"])), "undefined true\n");
}

/// The builtins start from the code caches build.rs made (node's NODE_DEBUG_NATIVE=CODE_CACHE
/// log says so for each); under other V8 flags V8 refuses them and the builtins compile from
/// source, with the same results.
#[test]
fn builtins_start_from_their_code_caches() {
    let script = "require('zlib'); require('http'); console.log(process.features.cached_builtins)";
    let output = anode_with_env(&["-e", script], &[("NODE_DEBUG_NATIVE", "CODE_CACHE")]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "true\n");
    let log = stderr(&output);
    let verdicts: Vec<&str> = log.lines().filter(|line| line.starts_with("Code cache of ")).collect();
    assert!(verdicts.iter().any(|line| line.starts_with("Code cache of internal/bootstrap ")), "{log}");
    assert!(verdicts.iter().any(|line| line.starts_with("Code cache of zlib ")), "{log}");
    assert!(verdicts.iter().all(|line| line.ends_with(" is accepted")), "{log}");

    let output = anode_with_env(&["--expose-gc", "-e", &format!("gc(); {script}")], &[("NODE_DEBUG_NATIVE", "CODE_CACHE")]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "true\n");
    let log = stderr(&output);
    assert!(log.lines().filter(|line| line.starts_with("Code cache of ")).all(|line| line.ends_with(" is rejected")), "{log}");

    let output = anode(&["-e", script]);
    assert_eq!(stderr(&output), "");
}
