//! Node's own core-module tests, test/parallel, test/es-module, test/module-hooks and test/wasi, run with
//! Node's own test/common under the reference and anode, grouped per module (test/parallel's
//! test-<module>-*.js; each other suite is one module named after its directory). Tests of
//! test/sequential run only when asked for by a module name `sequential/<prefix>`, which holds
//! test/sequential's test-<prefix>*.js.
//! A test passes when it exits with 0 (a test that skips itself, printing `1..0 # Skipped`,
//! is a skip, not a pass); its `// Flags:` are passed on the command line. Tests of Node's
//! internals are out of scope and listed apart, with the reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::matrix::{Matrix, Verdict};
use crate::node_suite::copy_tree;
use crate::runner::{Outcome, Test};
use crate::Config;

const SUITES: &[&str] = &["parallel", "es-module", "module-hooks", "sequential", "wasi"];

/// What test/common needs at load that a runtime may not have yet: a `fetch` global (it
/// lists `fetch` among the known globals). When a runtime under test lacks it, the staged
/// test/common loads this stand-in first: under a runtime that has `fetch` nothing happens,
/// so the reference runs as with the unmodified test/common. The stand-in throws, so a test
/// that fetches fails.
const FETCH_STANDIN: &str = r#"'use strict';
// js-tests' interim stand-in for `fetch` (see js-tests/src/node_parallel.rs).
if (typeof globalThis.fetch !== 'function') {
  const fetch = function fetch() {
    const err = new Error('fetch is not available in this runtime (js-tests stand-in)');
    err.code = 'ERR_JS_TESTS_STANDIN';
    throw err;
  };
  Object.defineProperty(globalThis, 'fetch', { value: fetch, writable: true, configurable: true, enumerable: true });
}
"#;
const REQUIRE_NET: &str = "const net = require('net');";

/// Why a test is out of scope: it tests Node's internals, not what programs see.
fn out_of_scope(name: &str, source: &str, flags: &[String]) -> Option<&'static str> {
    if flags.iter().any(|f| f == "--expose-internals" || f == "--expose_internals") {
        return Some("--expose-internals");
    }
    if source.contains("internalBinding(") {
        return Some("internalBinding");
    }
    if source.contains("process.binding(") {
        return Some("process.binding");
    }
    if source.contains("require('internal/") {
        return Some("requires an internal module");
    }
    let words: Vec<&str> = name.trim_start_matches("test-").split(['-', '.']).collect();
    let anywhere = [("snapshot", "startup snapshots"), ("report", "diagnostic report")];
    let first = [
        ("sea", "single executable applications"),
        ("single", "single executable applications"),
        ("policy", "policy"),
    ];
    anywhere
        .iter()
        .find(|(word, _)| words.contains(word))
        .or_else(|| first.iter().find(|(word, _)| words.first() == Some(word)))
        .map(|(_, why)| *why)
}

/// The module a test belongs to: the first word of test-<word>-..., with Node's test name
/// prefixes mapped to their module; tests of no one module are "other".
pub fn module_of(name: &str) -> String {
    const MODULES: &[&str] = &[
        "assert", "async_hooks", "buffer", "child_process", "cli", "cluster", "console", "crypto", "dgram",
        "diagnostics_channel", "dns", "domain", "events", "fetch", "fs", "http", "http2", "https", "module",
        "net", "os", "path", "perf_hooks", "permission", "process", "punycode", "querystring", "quic", "readline", "repl",
        "sqlite", "stream", "string_decoder", "test_runner", "timers", "tls", "trace_events", "tty", "url",
        "util", "v8", "vm", "wasi", "web", "webcrypto", "webstreams", "worker", "zlib", "inspector",
    ];
    let words: Vec<&str> = name.trim_start_matches("test-").split(['-', '.']).collect();
    // The inspector's tests (and the debugger's, its client) are named after it anywhere.
    if words.iter().any(|word| *word == "inspector" || *word == "debugger") {
        return "inspector".to_string();
    }
    let word = words.first().copied().unwrap_or(name);
    let module = match word {
        "child" => "child_process",
        "string" => "string_decoder",
        "stream2" | "stream3" | "readable" | "duplex" | "fastutf8stream" => "stream",
        "async" | "als" | "asyncresource" => "async_hooks",
        "diagnostics" | "diagnostic" => "diagnostics_channel",
        "perf" | "performance" | "performanceobserver" => "perf_hooks",
        "trace" | "tracing" => "trace_events",
        "runner" | "mock" => "test_runner",
        "event" | "eventemitter" | "eventtarget" => "events",
        "filehandle" | "file" | "directory" => "fs",
        "require" | "compile" | "preload" => "module",
        "heap" | "heapdump" | "heapsnapshot" | "cppheap" => "v8",
        "messagechannel" | "messageport" | "messageevent" | "broadcastchannel" => "worker",
        "stdin" | "stdout" | "stdio" | "signal" | "sigint" | "beforeexit" | "cwd" | "kill" | "uncaught"
        | "unhandled" | "warn" | "exception" | "memory" | "setproctitle" | "env" => "process",
        "webstream" | "streams" => "webstreams",
        "whatwg" | "abortcontroller" | "abortsignal" | "aborted" | "blob" | "domexception" | "eventsource"
        | "structuredClone" | "websocket" | "webstorage" | "btoa" | "global" | "navigator" | "urlpattern" => "web",
        "microtask" | "next" | "tick" | "queue" | "promise" | "promises" => "timers",
        "dotenv" | "node" | "watch" => "cli",
        "h2" | "h2leak" => "http2",
        "x509" | "openssl" => "crypto",
        "ttywrap" => "tty",
        other => other,
    };
    if MODULES.contains(&module) { module } else { "other" }.to_string()
}

/// The module a test of test/sequential is run under: the first `sequential/<prefix>` asked
/// for whose test-<prefix> begins its name (none asked for: it is not run).
fn sequential_module(name: &str, modules: Option<&[String]>) -> Option<String> {
    modules?
        .iter()
        .find(|module| module.strip_prefix("sequential/").is_some_and(|prefix| name.starts_with(&format!("test-{prefix}"))))
        .cloned()
}

/// Stages the suites from the Node source tree at `source` and lists the tests to run;
/// `config.filter` keeps tests whose module or name contains it, `modules` (when given)
/// those of the listed modules. Prints how many are out of scope, and why.
pub fn prepare(config: &Config, source: &Path, modules: Option<&[String]>) -> Result<Vec<Test>, String> {
    let version = source.file_name().map_or("node".into(), |n| n.to_string_lossy().into_owned());
    let stage = config.root.join("target/node-parallel-stage").join(version);
    copy_tree(&source.join("test"), &stage.join("test")).map_err(|e| format!("staging {}: {e}", source.display()))?;
    let common = stage.join("test/common/index.js");
    let index = std::fs::read_to_string(source.join("test/common/index.js")).map_err(|e| e.to_string())?;
    if let Some(runtime) = runtime_lacking_fetch(config) {
        println!("node tests: test/common loads js-tests' stand-in for `fetch` ({runtime} lacks it)");
        std::fs::write(stage.join("test/common/js-tests-fetch-standin.js"), FETCH_STANDIN).map_err(|e| e.to_string())?;
        let patched = index.replacen(REQUIRE_NET, "require('./js-tests-fetch-standin.js');\nconst net = require('net');", 1);
        if patched == index {
            return Err(format!("{} no longer has `{REQUIRE_NET}`", common.display()));
        }
        std::fs::write(&common, patched).map_err(|e| e.to_string())?;
    }

    let mut tests = Vec::new();
    let mut excluded: BTreeMap<&str, usize> = BTreeMap::new();
    for suite in SUITES {
        let dir = stage.join("test").join(suite);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.starts_with("test-") && [".js", ".mjs", ".cjs"].iter().any(|ext| name.ends_with(ext))
            })
            .collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let module = match *suite {
                "parallel" => module_of(&name),
                "sequential" => match sequential_module(&name, modules) {
                    Some(module) => module,
                    None => continue,
                },
                _ => suite.to_string(),
            };
            if modules.is_some_and(|list| !list.contains(&module)) {
                continue;
            }
            if config.filter.as_deref().is_some_and(|f| !module.contains(f) && !name.contains(f)) {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let flags: Vec<String> = source
                .lines()
                .find_map(|line| line.strip_prefix("// Flags:"))
                .map(|flags| flags.split_whitespace().map(String::from).collect())
                .unwrap_or_default();
            if let Some(reason) = out_of_scope(&name, &source, &flags) {
                *excluded.entry(reason).or_default() += 1;
                continue;
            }
            tests.push(Test {
                name,
                area: module,
                path,
                expected_exit: 0,
                skips: Vec::new(),
                flags,
                compare_output: false,
                build_error: None,
                cwd: Some(stage.clone()),
                napi: false,
                napi_level: None,
                experimental: Vec::new(),
            });
        }
    }
    tests.sort_by(|a, b| (&a.area, &a.name).cmp(&(&b.area, &b.name)));
    let total: usize = excluded.values().sum();
    let reasons: Vec<String> = excluded.iter().map(|(why, n)| format!("{why} {n}")).collect();
    println!("node tests: {} in scope, {total} out of scope ({})", tests.len(), reasons.join(", "));
    Ok(tests)
}

/// The first runtime under test that has no `fetch` global.
fn runtime_lacking_fetch(config: &Config) -> Option<String> {
    config.runtimes.iter().find_map(|runtime| {
        let mut words = runtime.split_whitespace();
        let status = Command::new(words.next()?)
            .args(words)
            .args(["-e", "if (typeof fetch !== 'function') process.exit(1)"])
            .output()
            .ok()?
            .status;
        (!status.success()).then(|| crate::runner::runtime_name(runtime))
    })
}

/// A test that skipped itself (test/common's `common.skip` prints `1..0 # Skipped: why` and
/// exits with 0) is a skip on that runtime, not a pass.
pub fn mark_self_skips(results: &mut [Vec<Outcome>]) {
    for outcome in results.iter_mut().flatten() {
        if let Outcome::Exited { code: 0, stdout, .. } = outcome {
            if let Some(line) = stdout.lines().find(|l| l.starts_with("1..0 # Skipped")) {
                let reason = line.trim_start_matches("1..0 # Skipped").trim_start_matches(':').trim().to_string();
                *outcome = Outcome::Skipped(format!("skipped itself: {reason}"));
            }
        }
    }
}

/// Per module: tests run, the reference's passes, and the last runtime's passes among them.
pub struct ModuleCounts {
    pub module: String,
    pub tests: usize,
    pub reference: usize,
    pub passes: usize,
    pub skipped: usize,
}

pub fn counts(matrix: &Matrix) -> Vec<ModuleCounts> {
    let last = matrix.runtimes.len() - 1;
    let mut modules: BTreeMap<&str, ModuleCounts> = BTreeMap::new();
    for row in &matrix.rows {
        let entry = modules.entry(&row.area).or_insert_with(|| ModuleCounts {
            module: row.area.clone(),
            tests: 0,
            reference: 0,
            passes: 0,
            skipped: 0,
        });
        entry.tests += 1;
        if row.verdicts[0] == Verdict::Pass {
            entry.reference += 1;
            match row.verdicts[last] {
                Verdict::Pass => entry.passes += 1,
                Verdict::Skip | Verdict::NotApplicable => entry.skipped += 1,
                Verdict::Fail => {}
            }
        }
    }
    modules.into_values().collect()
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

/// The per-module table: the reference's passes, the runtime's passes among them, and the
/// runtime's skips among them (tests that skipped themselves there).
pub fn table(counts: &[ModuleCounts], runtime: &str, markdown: bool) -> String {
    let mut rows: Vec<[String; 6]> = counts
        .iter()
        .map(|c| {
            [
                c.module.clone(),
                c.tests.to_string(),
                c.reference.to_string(),
                c.passes.to_string(),
                percent(c.passes, c.reference),
                c.skipped.to_string(),
            ]
        })
        .collect();
    let sum = |f: fn(&ModuleCounts) -> usize| counts.iter().map(f).sum::<usize>();
    let (reference, passes) = (sum(|c| c.reference), sum(|c| c.passes));
    rows.push([
        "all".into(),
        sum(|c| c.tests).to_string(),
        reference.to_string(),
        passes.to_string(),
        percent(passes, reference),
        sum(|c| c.skipped).to_string(),
    ]);
    let header = ["module".to_string(), "tests".into(), "node passes".into(), format!("{runtime} passes"), "%".into(), format!("{runtime} skips")];
    if markdown {
        let mut out = format!("| {} |\n|---|---:|---:|---:|---:|---:|\n", header.join(" | "));
        for row in rows {
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        return out;
    }
    let widths: Vec<usize> =
        (0..6).map(|c| rows.iter().map(|r| r[c].len()).chain([header[c].len()]).max().unwrap_or(0)).collect();
    let render = |row: &[String; 6]| {
        row.iter()
            .enumerate()
            .map(|(c, cell)| if c == 0 { format!("{cell:<w$}", w = widths[c]) } else { format!("{cell:>w$}", w = widths[c]) })
            .collect::<Vec<_>>()
            .join("  ")
    };
    let mut out = render(&header) + "\n";
    for row in &rows {
        out += &(render(row) + "\n");
    }
    out
}

/// The ratchet: `<module> <passes>` per line. Every module it lists that this run ran must
/// pass at least as many tests as recorded; the list of shortfalls.
/// A module passing fewer tests than the ratchet records for it.
pub struct Shortfall {
    pub module: String,
    pub passes: usize,
    pub floor: usize,
}

impl std::fmt::Display for Shortfall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} passing, {} recorded", self.module, self.passes, self.floor)
    }
}

pub fn check_ratchet(path: &Path, counts: &[ModuleCounts]) -> Vec<Shortfall> {
    let recorded = read_ratchet(path);
    counts
        .iter()
        .filter_map(|c| {
            let floor = *recorded.get(&c.module)?;
            (c.passes < floor).then(|| Shortfall { module: c.module.clone(), passes: c.passes, floor })
        })
        .collect()
}

/// Raises the ratchet to this run's counts (never lowers a module, keeps modules not run).
pub fn update_ratchet(path: &Path, counts: &[ModuleCounts]) -> std::io::Result<()> {
    let mut recorded = read_ratchet(path);
    for c in counts {
        let floor = recorded.entry(c.module.clone()).or_default();
        *floor = (*floor).max(c.passes);
    }
    // The file's comment lines are kept as they are.
    let existing = std::fs::read_to_string(path).unwrap_or_default();
    let mut text: String = existing.lines().filter(|line| line.starts_with('#')).map(|line| format!("{line}\n")).collect();
    if text.is_empty() {
        text = "# Node's test/parallel, test/es-module, test/module-hooks and test/wasi per module: anode passes at least this many of the tests\n\
                # the reference passes (js-tests --node-parallel --ratchet). Raised with --update-ratchet, never lowered.\n"
            .to_string();
    }
    for (module, floor) in recorded {
        text.push_str(&format!("{module} {floor}\n"));
    }
    std::fs::write(path, text)
}

fn read_ratchet(path: &Path) -> BTreeMap<String, usize> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (module, count) = line.split_once(' ')?;
            Some((module.to_string(), count.trim().parse().ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_from_test_names() {
        assert_eq!(module_of("test-child-process-spawn.js"), "child_process");
        assert_eq!(module_of("test-fs-read.js"), "fs");
        assert_eq!(module_of("test-stream2-basic.js"), "stream");
        assert_eq!(module_of("test-util.js"), "util");
        assert_eq!(module_of("test-event-emitter-once.js"), "events");
        assert_eq!(module_of("test-bash-completion.js"), "other");
        assert_eq!(module_of("test-inspector-contexts.js"), "inspector");
        assert_eq!(module_of("test-repl-inspector.js"), "inspector");
        assert_eq!(module_of("test-debugger-break.js"), "inspector");
    }

    #[test]
    fn sequential_tests_run_under_the_prefix_asked_for() {
        let modules = vec!["v8".to_string(), "sequential/cpu-prof".to_string()];
        assert_eq!(sequential_module("test-cpu-prof-kill.js", Some(&modules)), Some("sequential/cpu-prof".to_string()));
        assert_eq!(sequential_module("test-heap-prof-kill.js", Some(&modules)), None);
        assert_eq!(sequential_module("test-cpu-prof-kill.js", None), None);
    }

    #[test]
    fn internals_are_out_of_scope() {
        let flags = vec!["--expose-internals".to_string()];
        assert_eq!(out_of_scope("test-fs-x.js", "", &flags), Some("--expose-internals"));
        assert_eq!(out_of_scope("test-fs-x.js", "internalBinding('fs')", &[]), Some("internalBinding"));
        assert_eq!(out_of_scope("test-inspector-x.js", "", &[]), None);
        assert_eq!(out_of_scope("test-process-report-x.js", "", &[]), Some("diagnostic report"));
        assert_eq!(out_of_scope("test-fs-read.js", "require('fs')", &[]), None);
    }
}
