//! js-tests: the Node-API compatibility matrix. Builds the test addons, runs every JS test
//! under each runtime, and prints which areas pass where. The first runtime (node by
//! default) is the reference: another runtime passes a test when it exits as the test
//! expects and its stdout and the shape of its stderr equal the reference's.

mod coverage;
mod html;
mod matrix;
mod node_parallel;
mod node_suite;
mod runner;
mod runtimes;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: js-tests [--runtime CMD]... [--peers] [--filter TEXT] [--jobs N] [--timeout SECONDS]
                [--markdown FILE] [--json FILE] [--html FILE] [--no-build | --build-only] [--verbose]
                [--tests DIR] [--explain AREA/TEST]
                [--node-suite NODE_SOURCE_DIR [--ratchet FILE]]
                [--node-parallel NODE_SOURCE_DIR [--modules M,M...] [--ratchet FILE [--update-ratchet]]]

Runs js-tests/tests/**/*.js under each runtime (default: the reference, Node 24 in
target/reference-node, and target/release/anode).
The first runtime is the reference the others are compared with; the run fails when anode
(else the last runtime) fails a test the reference passes.

--peers adds Bun and Deno (installed from npm into target/peers by scripts/peers.sh, run
when they are missing). Deno runs each test with `deno run -A --unstable-detect-cjs`.
Node-API areas are judged by stdout and exit status and reported in their own table; a
test needing a Node-API level (`// napi: N`) or experimental functions a runtime lacks is n/a
there. --tests DIR runs DIR/<area>/*.js (and DIR/*.js) instead of js-tests/tests, all
as Node-API tests: an addon's own tests. --explain AREA/TEST runs one test and prints
everything that differed on each runtime against the reference. --html FILE writes a
self-contained report (each cell opens to what ran and what differed).

--node-suite runs Node's own test/js-native-api and test/node-api from a Node source tree
(scripts/node-tests.sh unpacks Node 24's) instead; a test passes when it exits with 0.
--ratchet fails the run when anode (else the last runtime) passes fewer of them than FILE records.

--node-parallel runs Node's test/parallel, test/es-module, test/module-hooks and test/wasi with Node's test/common, per
module (test-<module>-*); --modules keeps only the listed modules. With --ratchet FILE
(`<module> <passes>` lines) the run fails when a module the run included passes fewer tests
than recorded; --update-ratchet raises FILE to this run's counts.";

pub struct Config {
    pub root: PathBuf,
    pub runtimes: Vec<String>,
    pub filter: Option<String>,
    pub jobs: usize,
    pub timeout: Duration,
    pub markdown: Option<PathBuf>,
    pub json: Option<PathBuf>,
    pub build: bool,
    pub build_only: bool,
    pub verbose: bool,
    pub node_suite: Option<PathBuf>,
    pub node_parallel: Option<PathBuf>,
    pub modules: Option<Vec<String>>,
    pub ratchet: Option<PathBuf>,
    pub update_ratchet: bool,
    pub html: Option<PathBuf>,
    pub tests_dir: Option<PathBuf>,
    pub explain: Option<String>,
    /// What each runtime command claims to support, probed before the run.
    pub capabilities: Vec<(String, runtimes::Capabilities)>,
}

impl Config {
    pub fn capabilities_of(&self, runtime: &str) -> Option<&runtimes::Capabilities> {
        self.capabilities.iter().find(|(command, _)| command == runtime).map(|(_, capabilities)| capabilities)
    }

    /// The runtime under test, which the run's exit status, retries and ratchets judge:
    /// anode when it runs, else the last runtime (the others are peers).
    pub fn subject(&self) -> usize {
        self.runtimes.iter().position(|r| runner::runtime_name(r) == "anode").unwrap_or(self.runtimes.len() - 1)
    }
}

fn parse_args() -> Result<Config, String> {
    parse_args_from(std::env::args().skip(1).collect())
}

/// The configuration the command line `args` (without the program's name) asks for.
pub fn parse_args_from(args: Vec<String>) -> Result<Config, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let mut config = Config {
        runtimes: Vec::new(),
        filter: None,
        jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
        timeout: Duration::from_secs(60),
        markdown: None,
        json: None,
        build: true,
        build_only: false,
        verbose: false,
        node_suite: None,
        node_parallel: None,
        modules: None,
        ratchet: None,
        update_ratchet: false,
        html: None,
        tests_dir: None,
        explain: None,
        capabilities: Vec::new(),
        root,
    };
    let mut peers = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--runtime" => config.runtimes.push(value("--runtime")?),
            "--filter" => config.filter = Some(value("--filter")?),
            "--jobs" => config.jobs = value("--jobs")?.parse().map_err(|_| "--jobs takes a number")?,
            "--timeout" => {
                let seconds: f64 = value("--timeout")?.parse().map_err(|_| "--timeout takes seconds")?;
                config.timeout = Duration::from_secs_f64(seconds);
            }
            "--markdown" => config.markdown = Some(value("--markdown")?.into()),
            "--json" => config.json = Some(value("--json")?.into()),
            "--no-build" => config.build = false,
            "--build-only" => config.build_only = true,
            "--verbose" => config.verbose = true,
            "--node-suite" => config.node_suite = Some(value("--node-suite")?.into()),
            "--node-parallel" => config.node_parallel = Some(value("--node-parallel")?.into()),
            "--modules" => config.modules = Some(value("--modules")?.split(',').map(String::from).collect()),
            "--ratchet" => config.ratchet = Some(value("--ratchet")?.into()),
            "--update-ratchet" => config.update_ratchet = true,
            "--peers" => peers = true,
            "--html" => config.html = Some(value("--html")?.into()),
            "--tests" => config.tests_dir = Some(value("--tests")?.into()),
            "--explain" => config.explain = Some(value("--explain")?),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if config.runtimes.is_empty() {
        config.runtimes = vec![
            runner::reference_node(&config.root).to_string_lossy().into_owned(),
            config.root.join("target/release/anode").to_string_lossy().into_owned(),
        ];
    }
    if peers {
        config.runtimes.extend(runtimes::peers(&config.root)?);
    }
    // Tests run in their own directories, so relative paths must be made absolute.
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    if let Some(dir) = &mut config.tests_dir {
        *dir = cwd.join(&*dir);
    }
    for runtime in &mut config.runtimes {
        let program = runtime.split_whitespace().next().unwrap_or_default().to_string();
        if program.contains('/') && !program.starts_with('/') {
            *runtime = runtime.replacen(&program, &cwd.join(&program).to_string_lossy(), 1);
        }
    }
    Ok(config)
}

fn main() -> ExitCode {
    let config = match parse_args() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    if config.build {
        if let Err(message) = runner::build_addons(&config.root) {
            eprintln!("js-tests: building the test addons failed:\n{message}");
            return ExitCode::from(2);
        }
    }
    if config.build_only {
        return ExitCode::SUCCESS;
    }
    if let Some(source) = &config.node_parallel {
        return run_node_parallel(&config, source);
    }
    let mut config = config;
    config.capabilities = config.runtimes.iter().map(|r| (r.clone(), runtimes::probe(&config.root, r))).collect();
    let config = config;
    let runtimes_line = runtimes_line(&config);
    println!("{runtimes_line}");
    let mut tests = match &config.node_suite {
        Some(source) => match node_suite::prepare(&config, source) {
            Ok(tests) => tests,
            Err(message) => {
                eprintln!("js-tests: {message}");
                return ExitCode::from(2);
            }
        },
        None => {
            let (dir, all_napi) = match &config.tests_dir {
                Some(dir) => (dir.clone(), true),
                None => (config.root.join("js-tests/tests"), false),
            };
            runner::discover(&dir, config.filter.as_deref(), all_napi)
        }
    };
    if let Some(name) = &config.explain {
        tests.retain(|test| format!("{}/{}", test.area, test.name) == *name);
    }
    if tests.is_empty() {
        eprintln!("js-tests: no tests found");
        return ExitCode::from(2);
    }
    for test in &mut tests {
        test.experimental = coverage::experimental_imports(&config.root, test);
    }
    let mut results = runner::run_all(&config, &tests);
    if config.explain.is_some() {
        print!("{}", explain(&config, &tests[0], &results[0]));
        return ExitCode::SUCCESS;
    }
    retry_failures(&config, &tests, &mut results, |_| true);
    let matrix = matrix::Matrix::new(&config.runtimes, &tests, &results);
    let coverage = coverage::Coverage::new(&config.root, &tests, &matrix);
    print!("{}", matrix.terminal_table(config.verbose, config.node_suite.is_none()));
    print!("{}", coverage.terminal_table(config.verbose));
    if let Some(path) = &config.markdown {
        std::fs::write(path, format!("{runtimes_line}\n\n{}\n{}", matrix.markdown(), coverage.markdown())).expect("write markdown");
    }
    if let Some(path) = &config.json {
        let json = matrix.json();
        let json = format!("{}, \"functions\": {}}}\n", json.trim_end().trim_end_matches('}'), coverage.json());
        std::fs::write(path, json).expect("write json");
    }
    if let Some(path) = &config.html {
        std::fs::write(path, html::report(&config, &runtimes_line, &tests, &results, &matrix, &coverage)).expect("write html");
    }
    let (passed, failed, skipped) = matrix.totals();
    let subject = config.subject();
    if config.node_suite.is_some() {
        let passed = matrix.passed_by(subject);
        let skipped = matrix.skipped_by(subject);
        println!(
            "node suite: {} passes {passed} of {} tests, skips {skipped} (js-tests/node-suite-skips.txt); the reference passes {}",
            matrix.runtimes[subject],
            tests.len(),
            matrix.passed_by(0)
        );
        if let Some(path) = &config.ratchet {
            let baseline = node_suite::read_ratchet(path);
            if passed < baseline {
                eprintln!("js-tests: ratchet: {passed} passing is below the {baseline} recorded in {}", path.display());
                return ExitCode::FAILURE;
            }
            println!("ratchet: {passed} passing, {baseline} recorded in {}", path.display());
        }
        return ExitCode::SUCCESS;
    }
    println!("{passed} passed, {failed} failed, {skipped} skipped or not applicable");
    if matrix.regressions(subject) > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_node_parallel(config: &Config, source: &std::path::Path) -> ExitCode {
    let tests = match node_parallel::prepare(config, source, config.modules.as_deref()) {
        Ok(tests) if !tests.is_empty() => tests,
        Ok(_) => {
            eprintln!("js-tests: no tests found");
            return ExitCode::from(2);
        }
        Err(message) => {
            eprintln!("js-tests: {message}");
            return ExitCode::from(2);
        }
    };
    let mut results = runner::run_all(config, &tests);
    node_parallel::mark_self_skips(&mut results);
    // Against a ratchet only the modules below their floor need a second chance: retrying every
    // failure of a runtime that fails a thousand of these tests would double the run.
    let short_modules: Option<Vec<String>> = match &config.ratchet {
        Some(ratchet) if !config.update_ratchet => {
            let matrix = matrix::Matrix::new(&config.runtimes, &tests, &results);
            let counts = node_parallel::counts(&matrix);
            Some(node_parallel::check_ratchet(ratchet, &counts).into_iter().map(|s| s.module).collect())
        }
        _ => None,
    };
    retry_failures(config, &tests, &mut results, |area| {
        short_modules.as_ref().is_none_or(|short| short.iter().any(|m| m == area))
    });
    node_parallel::mark_self_skips(&mut results);
    let matrix = matrix::Matrix::new(&config.runtimes, &tests, &results);
    if config.verbose {
        print!("{}", matrix.terminal_table(true, false));
    }
    let counts = node_parallel::counts(&matrix);
    let runtime = matrix.runtimes.last().cloned().unwrap_or_default();
    print!("{}", node_parallel::table(&counts, &runtime, false));
    if let Some(path) = &config.markdown {
        std::fs::write(path, node_parallel::table(&counts, &runtime, true)).expect("write markdown");
    }
    if let Some(path) = &config.json {
        std::fs::write(path, matrix.json()).expect("write json");
    }
    let Some(ratchet) = &config.ratchet else { return ExitCode::SUCCESS };
    if config.update_ratchet {
        node_parallel::update_ratchet(ratchet, &counts).expect("write the ratchet");
        println!("ratchet: {} raised to this run's counts", ratchet.display());
        return ExitCode::SUCCESS;
    }
    let shortfalls = node_parallel::check_ratchet(ratchet, &counts);
    if shortfalls.is_empty() {
        println!("ratchet: every module run passes at least what {} records", ratchet.display());
        ExitCode::SUCCESS
    } else {
        let lines: Vec<String> = shortfalls.iter().map(|s| s.to_string()).collect();
        eprintln!("js-tests: ratchet ({}):\n  {}", ratchet.display(), lines.join("\n  "));
        ExitCode::FAILURE
    }
}

/// "runtimes (DATE): node 24.19.0 (Node-API 10), ...": what the matrix was made with.
fn runtimes_line(config: &Config) -> String {
    let described: Vec<String> = config
        .capabilities
        .iter()
        .map(|(runtime, capabilities)| {
            let level = capabilities.napi_level.map_or("no Node-API level".to_string(), |level| format!("Node-API {level}"));
            let experimental = napi_sys::EXPERIMENTAL_SYMBOLS.iter().filter(|name| capabilities.exports.contains(**name)).count();
            format!(
                "{} {} ({level}, {experimental}/{} experimental functions)",
                runner::runtime_name(runtime),
                capabilities.version,
                napi_sys::EXPERIMENTAL_SYMBOLS.len()
            )
        })
        .collect();
    format!("runtimes ({}): {}", today(), described.join(", "))
}

/// Today's date (UTC), YYYY-MM-DD.
fn today() -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    // Days since 1970-01-01 to a civil date (proleptic Gregorian, eras of 400 years).
    let days = (seconds / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `--explain`: how one test ran on each runtime, and all that differed from the reference.
fn explain(config: &Config, test: &runner::Test, outcomes: &[runner::Outcome]) -> String {
    let matrix = matrix::Matrix::new(&config.runtimes, std::slice::from_ref(test), &[outcomes.to_vec()]);
    let row = &matrix.rows[0];
    let mut out = format!("{}/{} ({})\n", test.area, test.name, test.path.display());
    for (r, runtime) in config.runtimes.iter().enumerate() {
        let role = if r == 0 { " (the reference)" } else { "" };
        out.push_str(&format!(
            "\n== {}{role}: {}\n   {}\n   {}\n",
            matrix.runtimes[r],
            matrix.result(row, r),
            runtimes::command_line(runtime, test),
            outcomes[r].summary()
        ));
        if !row.reasons[r].is_empty() {
            out.push_str(&row.reasons[r].lines().map(|l| format!("   {l}\n")).collect::<String>());
        }
    }
    out
}

/// Tests lean on timing; one that the reference passed and the runtime under test failed runs once
/// more there (as Node's own harness retries flaky tests), and that run's outcome counts.
/// Which ones passed on the second run is printed, so a flaky test stays visible. Only tests
/// whose area `retry_area` accepts are retried.
fn retry_failures(
    config: &Config,
    tests: &[runner::Test],
    results: &mut [Vec<runner::Outcome>],
    retry_area: impl Fn(&str) -> bool,
) {
    let subject = config.subject();
    if subject == 0 {
        return;
    }
    let matrix = matrix::Matrix::new(&config.runtimes, tests, results);
    let failed: Vec<usize> = (0..tests.len())
        .filter(|&t| matrix.rows[t].verdicts[0] == matrix::Verdict::Pass && matrix.rows[t].verdicts[subject] == matrix::Verdict::Fail)
        .filter(|&t| retry_area(&tests[t].area))
        .collect();
    if failed.is_empty() {
        return;
    }
    let again: Vec<runner::Test> = failed.iter().map(|&t| tests[t].clone()).collect();
    let outcomes = runner::run_on(config, &config.runtimes[subject..=subject], &again);
    for (&t, outcome) in failed.iter().zip(outcomes) {
        results[t][subject] = outcome.into_iter().next().expect("one runtime");
    }
    let matrix = matrix::Matrix::new(&config.runtimes, tests, results);
    let passed: Vec<String> = failed
        .iter()
        .filter(|&&t| matrix.rows[t].verdicts[subject] == matrix::Verdict::Pass)
        .map(|&t| format!("{}/{}", tests[t].area, tests[t].name))
        .collect();
    println!(
        "retried {} test(s) {} failed; {} passed the second time{}{}",
        failed.len(),
        matrix.runtimes[subject],
        passed.len(),
        if passed.is_empty() { "" } else { ": " },
        passed.join(", ")
    );
}
