//! Building the addons, finding the tests, running them under each runtime.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::Config;

/// One JS test file and what its header says of it.
#[derive(Clone)]
pub struct Test {
    pub path: PathBuf,
    /// The Node-API area: the test's directory under tests/.
    pub area: String,
    pub name: String,
    /// `// exit: N`: the exit code the test must end with (0 unless it says).
    pub expected_exit: i32,
    /// `// skip: RUNTIME reason`: runtimes (matched against the command) it is not run on.
    pub skips: Vec<(String, String)>,
    /// Runtime options the test needs (`// Flags:` in Node's suites).
    pub flags: Vec<String>,
    /// Whether other runtimes must print what the reference prints (our own tests);
    /// Node's suites check themselves and only need to exit with 0.
    pub compare_output: bool,
    /// Why the test's addon did not build, if it did not.
    pub build_error: Option<String>,
    /// Where it runs (default: its own directory). Node's core tests run from the source
    /// tree's root, as Node's test harness runs them.
    pub cwd: Option<PathBuf>,
    /// A Node-API test: judged by what it prints on stdout and how it exits, not by the
    /// host's own messages on stderr, and reported in the Node-API table.
    pub napi: bool,
    /// `// napi: N`: the Node-API level it needs; runtimes below it say "n/a".
    pub napi_level: Option<u32>,
    /// The experimental Node-API functions its addons import; a failure on a runtime without
    /// them is "n/a".
    pub experimental: Vec<String>,
}

impl Test {
    /// One of our tests (or an addon's own), as its header has not yet said otherwise: it
    /// exits with 0 and prints what the reference prints.
    pub fn ours(path: PathBuf, area: &str, name: String, napi: bool) -> Test {
        Test {
            path,
            area: area.to_string(),
            name,
            expected_exit: 0,
            skips: Vec::new(),
            flags: Vec::new(),
            compare_output: true,
            build_error: None,
            cwd: None,
            napi,
            napi_level: None,
            experimental: Vec::new(),
        }
    }
}

/// The areas of js-tests/tests about Node-API (the others are about the runtime itself).
pub const NAPI_AREAS: &[&str] = &["dlopen-refusals", "napi-areas", "napi-basics", "napi-node24", "rust-addons", "stress"];

/// How one run of a test ended.
#[derive(Clone, Debug)]
pub enum Outcome {
    Exited { code: i32, stdout: String, stderr: String },
    Crashed { signal: i32, stderr: String },
    TimedOut { stderr: String },
    Skipped(String),
    /// The test needs a higher Node-API level than the runtime reports: neither a pass nor a
    /// failure.
    NotApplicable(String),
    /// A run on a runtime without experimental functions the test's addons import (named in
    /// `missing`): a failure there is "n/a", a pass a pass.
    LacksExperimental { missing: String, run: Box<Outcome> },
    BuildFailed(String),
}

impl Outcome {
    /// How the run ended, in a line: "exited with 0", "CRASH (SIGSEGV)", "TIMEOUT", ...
    pub fn summary(&self) -> String {
        match self {
            Outcome::Exited { code, .. } => format!("exited with {code}"),
            Outcome::Crashed { signal: 0, stderr } => format!("did not start: {}", stderr.lines().next().unwrap_or_default()),
            Outcome::Crashed { signal, .. } => format!("CRASH ({})", signal_name(*signal)),
            Outcome::TimedOut { .. } => "TIMEOUT".to_string(),
            Outcome::Skipped(reason) => format!("skipped ({reason})"),
            Outcome::NotApplicable(reason) => format!("not applicable ({reason})"),
            Outcome::LacksExperimental { missing, run } => format!("{} ({missing})", run.summary()),
            Outcome::BuildFailed(_) => "BUILD FAILED".to_string(),
        }
    }
}

/// Builds every addon under addons/: those with a binding.gyp with node-gyp offline against
/// the reference Node's headers, when their sources are newer than their build; those with a
/// Cargo.toml (written with anode-napi) with anode-napi-build, into the same build/Release.
pub fn build_addons(root: &Path) -> Result<(), String> {
    build_rust_addons(root)?;
    let node_gyp = node_gyp(root);
    if !node_gyp.exists() {
        return Err(format!("{} is missing: run scripts/setup.sh", node_gyp.display()));
    }
    for dir in addon_dirs(root, "binding.gyp")? {
        if is_up_to_date(root, &dir) {
            continue;
        }
        eprintln!("js-tests: building {}", dir.display());
        let output = node_gyp_rebuild(root, &dir).output().map_err(|e| format!("{}: {e}", node_gyp.display()))?;
        if !output.status.success() {
            return Err(format!(
                "{}:\n{}{}",
                dir.display(),
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    Ok(())
}

/// The directories under addons/ holding `marker`, sorted.
fn addon_dirs(root: &Path, marker: &str) -> Result<Vec<PathBuf>, String> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("addons"))
        .map_err(|e| e.to_string())?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|dir| dir.join(marker).exists())
        .collect();
    dirs.sort();
    Ok(dirs)
}

fn build_rust_addons(root: &Path) -> Result<(), String> {
    for dir in addon_dirs(root, "Cargo.toml")? {
        let package = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args(["run", "--release", "-q", "-p", "anode-napi-build", "--", "--package", &package, "--out"])
            .arg(dir.join("build/Release"))
            .current_dir(root)
            .output()
            .map_err(|e| format!("cargo: {e}"))?;
        if !output.status.success() {
            return Err(format!("{}:\n{}", dir.display(), String::from_utf8_lossy(&output.stderr)));
        }
    }
    Ok(())
}

/// The reference runtime scripts/setup.sh installs: Node 24 LTS.
pub fn reference_node(root: &Path) -> PathBuf {
    root.join("target/reference-node/bin/node")
}

/// The node-gyp that `npm ci` installs in the repository.
pub fn node_gyp(root: &Path) -> PathBuf {
    root.join("node_modules/node-gyp/bin/node-gyp.js")
}

/// `node-gyp rebuild` in `dir`, offline: run by the reference node against its own headers.
pub fn node_gyp_rebuild(root: &Path, dir: &Path) -> Command {
    let node = reference_node(root);
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(std::iter::once(node.parent().unwrap().to_path_buf()).chain(std::env::split_paths(&path)))
        .expect("PATH");
    let mut command = Command::new(&node);
    command
        .arg(node_gyp(root))
        .args(["rebuild", "--loglevel=warn"])
        .arg(format!("--nodedir={}", reference_nodedir(root).display()))
        .env("PATH", path)
        .current_dir(dir);
    command
}

/// The reference's install directory (its headers are in include/node), links resolved so
/// that a build records which release it was made against.
fn reference_nodedir(root: &Path) -> PathBuf {
    let dir = root.join("target/reference-node");
    dir.canonicalize().unwrap_or(dir)
}

fn newest_source(dir: &Path) -> Option<std::time::SystemTime> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() != "build")
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
}

/// Whether the addon in `dir` was built against the reference's headers after its sources (or
/// the shared header) last changed.
pub fn is_up_to_date(root: &Path, dir: &Path) -> bool {
    let nodedir = format!("\"nodedir\": \"{}\"", reference_nodedir(root).display());
    let config = std::fs::read_to_string(dir.join("build/config.gypi")).unwrap_or_default();
    if !config.contains(&nodedir) {
        return false;
    }
    let release = dir.join("build/Release");
    let built = std::fs::read_dir(&release).ok().and_then(|entries| {
        entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "node"))
            .filter_map(|e| e.metadata().ok()?.modified().ok())
            .min()
    });
    // The addons share addons/common's header.
    let common = dir.parent().map(|addons| addons.join("common"));
    let source = newest_source(dir).max(common.as_deref().and_then(newest_source));
    matches!((built, source), (Some(built), Some(source)) if built >= source)
}

/// Finds tests/<area>/<name>.js, sorted, keeping those whose area/name contains `filter`.
/// Areas in NAPI_AREAS are Node-API areas, and every area when `all_napi` (an addon's own tests).
pub fn discover(dir: &Path, filter: Option<&str>, all_napi: bool) -> Vec<Test> {
    let mut tests = Vec::new();
    let Ok(areas) = std::fs::read_dir(dir) else { return tests };
    // Test files directly in `dir` (an addon's own test directory) are the area named after it.
    let areas = areas.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).chain(std::iter::once(dir.to_path_buf()));
    for area in areas {
        let area_name = area.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let Ok(files) = std::fs::read_dir(&area) else { continue };
        for file in files.filter_map(|e| e.ok()) {
            let path = file.path();
            if path.extension().is_none_or(|x| x != "js" && x != "mjs") {
                continue;
            }
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if filter.is_some_and(|f| !format!("{area_name}/{name}").contains(f)) {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let mut test = Test::ours(path, &area_name, name, all_napi || NAPI_AREAS.contains(&area_name.as_str()));
            for line in source.lines().take_while(|l| l.starts_with("//") || l.starts_with("'use strict'")) {
                if let Some(code) = line.strip_prefix("// exit:") {
                    test.expected_exit = code.trim().parse().unwrap_or(0);
                } else if let Some(skip) = line.strip_prefix("// skip:") {
                    let (runtime, reason) = skip.trim().split_once(' ').unwrap_or((skip.trim(), ""));
                    test.skips.push((runtime.to_string(), reason.trim().to_string()));
                } else if let Some(flags) = line.strip_prefix("// Flags:") {
                    test.flags = flags.split_whitespace().map(String::from).collect();
                } else if let Some(level) = line.strip_prefix("// napi:") {
                    test.napi_level = level.trim().parse().ok();
                }
            }
            tests.push(test);
        }
    }
    tests.sort_by(|a, b| (&a.area, &a.name).cmp(&(&b.area, &b.name)));
    tests
}

/// The runtime's short name: the file name of its command.
pub fn runtime_name(command: &str) -> String {
    let first = command.split_whitespace().next().unwrap_or(command);
    Path::new(first).file_name().map_or(first.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Runs every test under every runtime, `config.jobs` at a time, printing progress.
/// The result is indexed [test][runtime].
pub fn run_all(config: &Config, tests: &[Test]) -> Vec<Vec<Outcome>> {
    run_on(config, &config.runtimes, tests)
}

/// run_all on the given runtimes.
pub fn run_on(config: &Config, runtimes: &[String], tests: &[Test]) -> Vec<Vec<Outcome>> {
    let jobs: Vec<(usize, usize)> = (0..tests.len()).flat_map(|t| (0..runtimes.len()).map(move |r| (t, r))).collect();
    let results = Mutex::new(vec![vec![Outcome::Skipped(String::new()); runtimes.len()]; tests.len()]);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for worker in 0..config.jobs.max(1) {
            let (jobs, next, done, results) = (&jobs, &next, &done, &results);
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(&(t, r)) = jobs.get(index) else { break };
                let test = &tests[t];
                let runtime = &runtimes[r];
                let name = runtime_name(runtime);
                let skip = test.skips.iter().find(|(skip, _)| *skip == name || *skip == "all");
                let capabilities = config.capabilities_of(runtime);
                let below_level = capabilities.and_then(|capabilities| capabilities.lacks_level(test));
                let outcome = match (&test.build_error, skip, below_level) {
                    (Some(error), _, _) => Outcome::BuildFailed(error.clone()),
                    (None, Some((_, reason)), _) => Outcome::Skipped(reason.clone()),
                    (None, None, Some(reason)) => Outcome::NotApplicable(reason),
                    (None, None, None) => {
                        let run = run_one(&config.root, runtime, test, config.timeout, worker);
                        match capabilities.and_then(|capabilities| capabilities.lacks_experimental(test)) {
                            Some(missing) => Outcome::LacksExperimental { missing, run: Box::new(run) },
                            None => run,
                        }
                    }
                };
                let finished = done.fetch_add(1, Ordering::SeqCst) + 1;
                eprintln!("[{finished}/{}] {}/{} on {name}: {}", jobs.len(), test.area, test.name, outcome.summary());
                results.lock().unwrap()[t][r] = outcome;
            });
        }
    });
    results.into_inner().unwrap()
}

/// Reads a pipe to its end on a thread of its own; the text arrives through the receiver.
fn read_all(mut pipe: impl Read + Send + 'static) -> std::sync::mpsc::Receiver<String> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        let _ = sender.send(String::from_utf8_lossy(&bytes).into_owned());
    });
    receiver
}

/// What a test printed: a process it started and left running (outside its process group)
/// may hold the pipe open after the test ended, so the reader is given a moment, not forever.
fn collect(output: std::sync::mpsc::Receiver<String>) -> String {
    output.recv_timeout(Duration::from_secs(5)).unwrap_or_default()
}

/// Runs one test file under one runtime command, killing it after `timeout`. `worker` tells
/// the tests that run at the same time apart (Node's test/common names its temporary
/// directory after TEST_THREAD_ID).
fn run_one(root: &Path, runtime: &str, test: &Test, timeout: Duration, worker: usize) -> Outcome {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    let program = runtime.split_whitespace().next().unwrap_or(runtime);
    let cwd = test.cwd.as_deref().or(test.path.parent()).unwrap_or(root);
    let mut child = match crate::runtimes::command(runtime, &test.flags, &test.path)
        .current_dir(cwd)
        .env("RUST_BACKTRACE", "0")
        .env("TEST_THREAD_ID", worker.to_string())
        // Node's test/common re-runs a test whose `// Flags:` are missing from its command line
        // (looking at `cluster` first); they are passed above, so the check is skipped.
        .env("NODE_SKIP_FLAG_CHECK", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Its own process group: a timed-out test is killed with all it started, and a test
        // that signals its group (`process.kill(0, ...)`) reaches only itself.
        .process_group(0)
        .spawn()
    {
        Ok(child) => child,
        Err(error) => return Outcome::Crashed { signal: 0, stderr: format!("cannot start {program}: {error}") },
    };
    let stdout = read_all(child.stdout.take().unwrap());
    let stderr = read_all(child.stderr.take().unwrap());
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    // Whatever the test started and left behind in its group ends with it.
    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).stderr(Stdio::null()).status();
    let stdout = collect(stdout);
    let stderr = collect(stderr);
    match status {
        None => Outcome::TimedOut { stderr },
        Some(status) => match (status.code(), status.signal()) {
            (Some(code), _) => Outcome::Exited { code, stdout, stderr },
            (None, Some(signal)) => Outcome::Crashed { signal, stderr },
            (None, None) => Outcome::Crashed { signal: 0, stderr },
        },
    }
}

/// A signal's name ("SIGSEGV"), or its number when it is not one a crash is expected to end with.
pub fn signal_name(signal: i32) -> String {
    let name = match signal {
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGILL => "SIGILL",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        libc::SIGTRAP => "SIGTRAP",
        libc::SIGINT => "SIGINT",
        libc::SIGPIPE => "SIGPIPE",
        _ => return format!("signal {signal}"),
    };
    name.to_string()
}

/// The parts of stderr every node-like runtime must print alike: error headers, messages
/// and source arrows; not stack frames, internal source locations or the version footer.
pub fn stderr_shape(stderr: &str) -> Vec<String> {
    let mut shape = Vec::new();
    let mut lines = stderr.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with("node:internal/") && line.rsplit(':').next().is_some_and(|n| n.parse::<u32>().is_ok()) {
            lines.next(); // the internal source line
            lines.next(); // its caret
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed.is_empty()
            || trimmed.starts_with("at ")
            || line.starts_with("Node.js v")
            || (line.starts_with("(Use `") && line.contains(" --trace-"))
        {
            continue;
        }
        shape.push(normalize_thread_id(&normalize_pid(line)));
    }
    shape
}

fn normalize_pid(line: &str) -> String {
    match line.strip_prefix("(node:").and_then(|rest| rest.split_once(')')) {
        Some((pid, rest)) if pid.chars().all(|c| c.is_ascii_digit()) => format!("(node:PID){rest}"),
        _ => line.to_string(),
    }
}

/// Rust's panic message names the thread's id, which differs from run to run.
fn normalize_thread_id(line: &str) -> String {
    let Some((before, after)) = line.split_once(") panicked at ") else { return line.to_string() };
    match before.rsplit_once(" (") {
        Some((thread, id)) if line.starts_with("thread '") && id.chars().all(|c| c.is_ascii_digit()) => {
            format!("{thread} (ID) panicked at {after}")
        }
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_keeps_messages_and_drops_frames_and_footer() {
        let stderr = "/t/a.js:1\nthrow new Error('x')\n^\n\nError: x\n    at Object.<anonymous> (/t/a.js:1:7)\n\nNode.js v20.20.2\n";
        assert_eq!(stderr_shape(stderr), vec!["/t/a.js:1", "throw new Error('x')", "^", "Error: x"]);
    }

    #[test]
    fn shape_drops_internal_source_blocks() {
        let stderr = "node:internal/process/promises:389\n      new X(reason);\n      ^\n\nX: boom\n";
        assert_eq!(stderr_shape(stderr), vec!["X: boom"]);
    }

    #[test]
    fn shape_drops_the_trace_hint_whatever_the_runtime_is_called() {
        let stderr = "(node:1) Warning: w\n(Use `anode --trace-warnings ...` to show where the warning was created)\n";
        assert_eq!(stderr_shape(stderr), vec!["(node:PID) Warning: w"]);
    }

    #[test]
    fn shape_normalizes_warning_pids() {
        assert_eq!(stderr_shape("(node:1234) Warning: w\n"), vec!["(node:PID) Warning: w"]);
    }

    #[test]
    fn shape_normalizes_panic_thread_ids() {
        assert_eq!(stderr_shape("thread '<unnamed>' (123) panicked at a.rs:1:2:\n"), vec!["thread '<unnamed>' (ID) panicked at a.rs:1:2:"]);
    }

    #[test]
    fn runtime_names_are_file_names() {
        assert_eq!(runtime_name("/repo/target/release/anode"), "anode");
        assert_eq!(runtime_name("node --expose-gc"), "node");
    }
}
