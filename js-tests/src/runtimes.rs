//! The runtimes a matrix runs: how each starts a test, and what each claims to support.
//! node, anode and Bun take node's command line (`RUNTIME [options] file.js`); Deno runs a node
//! program with `deno run -A --unstable-detect-cjs` (every permission, CommonJS detected in
//! `.js` files so that `require` works), its V8 options in `--v8-flags=`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::runner::Test;

/// The V8 options node takes as its own (Deno takes them in `--v8-flags=`).
const V8_OPTIONS: &[&str] = &[
    "--expose-gc",
    "--expose_gc",
    "--allow-natives-syntax",
    "--stack-size",
    "--max-old-space-size",
    "--gc-interval",
    "--gc-global",
    "--stress-compaction",
    "--no-concurrent-array-buffer-sweeping",
];

/// Whether the runtime command is Deno's (by its file name, as every runtime is told apart).
fn is_deno(runtime: &str) -> bool {
    crate::runner::runtime_name(runtime) == "deno"
}

/// The command that runs `script` under `runtime` (a program and its own words) with node's
/// `options` (a test's `// Flags:`), translated for runtimes that spell them differently.
pub fn command(runtime: &str, options: &[String], script: &Path) -> Command {
    let mut words = runtime.split_whitespace();
    let program = words.next().unwrap_or(runtime);
    let mut command = Command::new(program);
    command.args(words.clone());
    if is_deno(runtime) {
        if words.next().is_none() {
            command.args(["run", "-A", "--unstable-detect-cjs"]);
        }
        command.env("NO_COLOR", "1").env("DENO_NO_UPDATE_CHECK", "1").env("DENO_NO_PROMPT", "1");
        let (v8, node): (Vec<&String>, Vec<&String>) =
            options.iter().partition(|o| V8_OPTIONS.iter().any(|v| o.split('=').next() == Some(v)));
        if !v8.is_empty() {
            command.arg(format!("--v8-flags={}", v8.iter().map(|o| o.as_str()).collect::<Vec<_>>().join(",")));
        }
        // `--no-warnings` only silences node's process warnings on stderr; Deno has none to
        // silence. Any other node option is passed on, and Deno refuses what it lacks.
        command.args(node.into_iter().filter(|o| *o != "--no-warnings"));
    } else {
        command.args(options);
    }
    command.arg(script);
    command
}

/// The command line that runs `test` under `runtime`, as shown in reports.
pub fn command_line(runtime: &str, test: &Test) -> String {
    let command = command(runtime, &test.flags, &test.path);
    let words: Vec<String> = std::iter::once(command.get_program()).chain(command.get_args()).map(|w| w.to_string_lossy().into_owned()).collect();
    words.join(" ")
}

/// What a runtime says of itself: `process.versions.napi`, and the Node-API functions its
/// executable exports (which experimental functions it has).
#[derive(Clone, Debug, Default)]
pub struct Capabilities {
    pub napi_level: Option<u32>,
    pub version: String,
    pub exports: BTreeSet<String>,
}

impl Capabilities {
    /// Why `test` does not apply to this runtime: it needs a higher Node-API level than the
    /// runtime reports (its addons would not load).
    pub fn lacks_level(&self, test: &Test) -> Option<String> {
        let needed = test.napi_level?;
        match self.napi_level {
            Some(level) if level >= needed => None,
            Some(level) => Some(format!("needs Node-API {needed}, the runtime has {level}")),
            None => Some(format!("needs Node-API {needed}, the runtime reports none")),
        }
    }

    /// The experimental functions the test's addons import that the runtime's executable does
    /// not export (an executable whose exports could not be read is not judged on them).
    pub fn lacks_experimental(&self, test: &Test) -> Option<String> {
        let missing: Vec<&str> =
            test.experimental.iter().filter(|name| !self.exports.contains(*name)).map(|name| name.as_str()).collect();
        if self.exports.is_empty() || missing.is_empty() {
            return None;
        }
        Some(format!("lacks experimental {}", missing.join(", ")))
    }
}

/// Asks the runtime for its Node-API level and version, and reads its executable's exports.
pub fn probe(root: &Path, runtime: &str) -> Capabilities {
    let probe = root.join("js-tests/probe.js");
    let output = command(runtime, &[], &probe).stdin(std::process::Stdio::null()).output();
    let text = output.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    let mut capabilities = Capabilities::default();
    for line in text.lines() {
        match line.split_once(' ') {
            Some(("napi", level)) => capabilities.napi_level = level.trim().parse().ok(),
            Some(("version", version)) => capabilities.version = version.trim().to_string(),
            _ => {}
        }
    }
    if let Some(executable) = executable(runtime) {
        capabilities.exports = crate::coverage::napi_symbols(&executable, "--defined-only");
    }
    capabilities
}

/// The runtime's executable, found on PATH when the command names no directory, links resolved.
fn executable(runtime: &str) -> Option<PathBuf> {
    let program = Path::new(runtime.split_whitespace().next()?);
    let found = if program.components().count() > 1 {
        program.to_path_buf()
    } else {
        std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(program)).find(|p| p.is_file())?
    };
    found.canonicalize().ok()
}

/// The peer runtimes `--peers` adds, installed by scripts/peers.sh into target/peers (which it
/// runs when they are missing): Bun and Deno.
pub fn peers(root: &Path) -> Result<Vec<String>, String> {
    let dir = root.join("target/peers");
    let runtimes = [dir.join("bun"), dir.join("deno")];
    if !runtimes.iter().all(|r| r.exists()) {
        let status = Command::new(root.join("scripts/peers.sh")).status().map_err(|e| format!("scripts/peers.sh: {e}"))?;
        if !status.success() {
            return Err("scripts/peers.sh could not install Bun and Deno".to_string());
        }
    }
    Ok(runtimes.iter().map(|r| r.to_string_lossy().into_owned()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(command: &Command) -> Vec<String> {
        std::iter::once(command.get_program()).chain(command.get_args()).map(|w| w.to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn node_like_runtimes_take_node_options_before_the_script() {
        let command = command("/x/bun", &["--expose-gc".to_string()], Path::new("t.js"));
        assert_eq!(words(&command), ["/x/bun", "--expose-gc", "t.js"]);
    }

    #[test]
    fn deno_runs_node_programs_with_v8_options_translated() {
        let options = ["--expose-gc".to_string(), "--no-warnings".to_string(), "--stack-size=500".to_string()];
        let command = command("/x/deno", &options, Path::new("t.js"));
        assert_eq!(words(&command), ["/x/deno", "run", "-A", "--unstable-detect-cjs", "--v8-flags=--expose-gc,--stack-size=500", "t.js"]);
    }

    #[test]
    fn a_deno_command_with_its_own_subcommand_is_kept() {
        let command = command("/x/deno run -A", &[], Path::new("t.js"));
        assert_eq!(words(&command), ["/x/deno", "run", "-A", "t.js"]);
    }
}
