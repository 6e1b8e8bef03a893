//! The benchmark runner: node and anode side by side on the same addon, in one invocation.
//! Per case: ns/op for each runtime (median of repeats) and the ratio anode/node; also
//! whole programs' wall time and peak RSS. `--callgrind` counts instructions per op instead
//! (median of `--repeats` counts, default 3: a JIT may compile the same loop differently
//! from run to run). Whole programs (start-up, a large require tree, tsc, rollup, terser, a
//! gzip round trip) are timed from spawn to exit with their peak RSS, the runtimes taking turns.
//! The http case serves a hello-world from each runtime in turn and loads it
//! over loopback (bench/http_load.rs): requests/s and p99 latency.

#[path = "bench/http_load.rs"]
mod http_load;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const USAGE: &str = "usage: bench [--runtime CMD]... [--repeats N] [--scale S] [--case NAME] [--json FILE] [--callgrind] [--jobs N] [--http-seconds S] [--connections N]
The first two runtimes are compared (default: the reference, Node 24 in target/reference-node,
and target/release/anode). --case 'http hello-world' runs only the http case (--repeats rounds,
default 5, each measured for --http-seconds, default 3, after a second's warm-up, over
--connections, default 10; the median of the rounds). --case programs runs only the whole
programs (--repeats rounds, default 5, the runtimes taking turns; their packages are installed
in target/bench-programs by scripts/setup.sh).";

const HTTP_CASE: &str = "http hello-world";

struct Config {
    root: PathBuf,
    runtimes: Vec<String>,
    scale: f64,
    case: Option<String>,
    json: Option<PathBuf>,
    callgrind: bool,
    /// Counted runs of each case; None: 5 timed repeats, 3 counts.
    repeats: Option<usize>,
    /// valgrind processes run at once (counts do not depend on it).
    jobs: usize,
    http_seconds: f64,
    connections: usize,
}

fn parse() -> Result<Config, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut config = Config { root, runtimes: vec![], scale: 1.0, case: None, json: None, callgrind: false, repeats: None, jobs, http_seconds: 3.0, connections: 10 };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--runtime" => config.runtimes.push(value()?),
            "--repeats" => config.repeats = Some(value()?.parse().map_err(|_| "--repeats takes a number")?),
            "--jobs" => config.jobs = value()?.parse::<usize>().map_err(|_| "--jobs takes a number")?.max(1),
            "--scale" => config.scale = value()?.parse().map_err(|_| "--scale takes a number")?,
            "--case" => config.case = Some(value()?),
            "--json" => config.json = Some(value()?.into()),
            "--callgrind" => config.callgrind = true,
            "--http-seconds" => config.http_seconds = value()?.parse().map_err(|_| "--http-seconds takes a number")?,
            "--connections" => config.connections = value()?.parse::<usize>().map_err(|_| "--connections takes a number")?.max(1),
            _ => return Err(USAGE.to_string()),
        }
    }
    if config.runtimes.is_empty() {
        config.runtimes = vec![
            config.root.join("target/reference-node/bin/node").to_string_lossy().into_owned(),
            config.root.join("target/release/anode").to_string_lossy().into_owned(),
        ];
    }
    Ok(config)
}

impl Config {
    fn timed_repeats(&self) -> usize {
        self.repeats.unwrap_or(5)
    }

    fn counted_repeats(&self) -> usize {
        self.repeats.unwrap_or(3).max(1)
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn command(runtime: &str) -> Command {
    let mut words = runtime.split_whitespace();
    let mut command = Command::new(words.next().unwrap());
    command.args(words);
    command
}

/// Runs the driver under a runtime: case name -> median ns/op (`listing`: one short run,
/// for the names only).
fn time_cases(config: &Config, runtime: &str, driver: &Path, listing: bool) -> Result<Vec<(String, f64)>, String> {
    let mut command = command(runtime);
    let (repeats, scale) = if listing { (1, config.scale / 100.0) } else { (config.timed_repeats(), config.scale) };
    command.arg(driver).args(["--repeats", &repeats.to_string(), "--scale", &scale.to_string()]);
    if let Some(case) = &config.case {
        command.args(["--case", case]);
    }
    let output = command.output().map_err(|e| format!("{runtime}: {e}"))?;
    if !output.status.success() {
        return Err(format!("{runtime} failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    Ok(String::from_utf8_lossy(&output.stdout).lines().filter_map(parse_line).collect())
}

/// `{"case": name, "ns": [..]}` -> (name, median).
fn parse_line(line: &str) -> Option<(String, f64)> {
    let name = line.split("\"case\":\"").nth(1)?.split('"').next()?.to_string();
    let list = line.split("\"ns\":[").nth(1)?.split(']').next()?;
    let mut values: Vec<f64> = list.split(',').filter_map(|v| v.trim().parse().ok()).collect();
    Some((name, median(&mut values)))
}

/// Instructions per op under callgrind: each case runs (warmed up) at two iteration counts
/// ten times apart, and the difference in instructions over the difference in calls is the
/// steady-state cost; start-up, warm-up and exit cancel out.
fn count_cases(config: &Config, runtime: &str, driver: &Path, cases: &[String]) -> Vec<(String, f64)> {
    let run = |case: &str, scale: f64| -> Result<(f64, f64), String> {
        let mut command = Command::new("valgrind");
        command.args(["--tool=callgrind", "--callgrind-out-file=/dev/null"]);
        let mut words = runtime.split_whitespace();
        command.arg(words.next().unwrap()).args(words);
        // No V8 background threads: under valgrind's one-thread-at-a-time scheduling their
        // work varies from run to run, and a background compile may never finish.
        command.args(["--single-threaded", "--no-concurrent-recompilation", "--no-concurrent-osr"]).arg(driver);
        command.args(["--case", case, "--count", "--scale", &(config.scale * scale).to_string()]);
        let output = command.output().map_err(|e| format!("valgrind: {e}"))?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        let instructions = stderr
            .lines()
            .find_map(|l| l.split("Collected :").nth(1))
            .and_then(|n| n.trim().parse::<f64>().ok())
            .ok_or(format!("no instruction count for {case}:\n{stderr}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let iterations = stdout
            .split("\"iterations\":")
            .nth(1)
            .and_then(|rest| rest.trim_end().trim_end_matches('}').parse::<f64>().ok())
            .ok_or(format!("no iteration count for {case}:\n{stdout}"))?;
        Ok((instructions, iterations))
    };
    // A fiftieth and a fifth of the timed iterations (20,000 and 200,000 calls for 1e6).
    const SCALES: (f64, f64) = (0.02, 0.2);
    let count = |case: &String| -> Result<f64, String> {
        let (few, few_calls) = run(case, SCALES.0)?;
        let (many, many_calls) = run(case, SCALES.1)?;
        Ok((many - few) / (many_calls - few_calls))
    };
    // Every (case, repeat) is one job; `jobs` workers take them in order.
    let repeats = config.counted_repeats();
    let counts: Vec<std::sync::Mutex<Vec<f64>>> = cases.iter().map(|_| Default::default()).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|threads| {
        for _ in 0..config.jobs {
            threads.spawn(|| loop {
                let job = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(case) = cases.get(job / repeats) else { break };
                // A run that cannot be counted is reported; a case with none left shows NaN.
                match count(case) {
                    Ok(per_op) => counts[job / repeats].lock().unwrap().push(per_op),
                    Err(message) => eprintln!("bench: {message}"),
                }
            });
        }
    });
    cases
        .iter()
        .zip(counts)
        .map(|(case, counts)| {
            let mut counts = counts.into_inner().unwrap();
            let shown: Vec<String> = counts.iter().map(|count| format!("{count:.1}")).collect();
            eprintln!("bench: {case}: {}", shown.join(" "));
            (case.clone(), median(&mut counts))
        })
        .collect()
}

/// Whole programs, timed from spawn to exit: (row name, arguments after the runtime), run in
/// target/bench-programs (the packages scripts/setup.sh installs there from
/// js-tests/bench/programs, pinned by its lock); `{work}` is a scratch directory in it and
/// `{bench}` is js-tests/bench.
const PROGRAMS: &[(&str, &[&str])] = &[
    ("`-e 0` start-up", &["-e", "0"]),
    ("require() of @babel/core (145 CommonJS modules)", &["-e", "require('@babel/core')"]),
    ("tsc: rxjs's 251 source files to ES modules", &["node_modules/typescript/bin/tsc", "-p", "node_modules/rxjs/src/tsconfig.esm.json", "--incremental", "false", "--outDir", "{work}/tsc"]),
    ("rollup: the yaml package to a 267 KB bundle", &["node_modules/rollup/dist/bin/rollup", "node_modules/yaml/browser/index.js", "--format", "es", "--file", "{work}/rollup.js"]),
    ("terser: the 267 KB bundle, compress + mangle", &["node_modules/terser/bin/terser", "{work}/bundle.js", "--compress", "--mangle", "-o", "{work}/terser.js"]),
    ("gzip + gunzip of 10 MB (streams)", &["{bench}/gzip.js"]),
];
const PROGRAMS_CASE: &str = "programs";

/// One run of a program: wall time and CPU time (user + system, all threads) in ms, peak RSS in KiB.
struct Measured {
    wall: f64,
    cpu: f64,
    peak_rss: f64,
}

/// Runs `runtime args` in `dir` once.
fn run_measured(runtime: &str, args: &[String], dir: &Path) -> Result<Measured, String> {
    let start = Instant::now();
    let child = command(runtime)
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("{runtime}: {e}"))?;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64() * 1e3;
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("{runtime} {} failed (wait status {status})", args.join(" ")));
    }
    let ms = |time: libc::timeval| time.tv_sec as f64 * 1e3 + time.tv_usec as f64 / 1e3;
    Ok(Measured { wall, cpu: ms(usage.ru_utime) + ms(usage.ru_stime), peak_rss: usage.ru_maxrss as f64 })
}

/// Each program under each runtime in turn, `rounds` times (so a change in the machine's load
/// falls on every runtime): per program, the median wall time and CPU time (ms) and peak RSS
/// (KiB) rows. On a shared machine the CPU time repeats far better than the wall time.
fn run_programs(config: &Config, rounds: usize) -> Result<Vec<(String, Vec<f64>)>, String> {
    let dir = config.root.join("target/bench-programs");
    if !dir.join("node_modules/.package-lock.json").exists() {
        return Err(format!("{} has no packages: run scripts/setup.sh", dir.display()));
    }
    let work = dir.join("work");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let expand = |args: &[&str]| -> Vec<String> {
        let bench = config.root.join("js-tests/bench");
        args.iter().map(|a| a.replace("{work}", &work.to_string_lossy()).replace("{bench}", &bench.to_string_lossy())).collect()
    };
    // terser's input: the rollup bundle, made once by the first runtime.
    let bundle = expand(&["node_modules/rollup/dist/bin/rollup", "node_modules/yaml/browser/index.js", "--format", "es", "--file", "{work}/bundle.js"]);
    run_measured(&config.runtimes[0], &bundle, &dir)?;
    let mut measured: Vec<Vec<Vec<Measured>>> = PROGRAMS.iter().map(|_| config.runtimes.iter().map(|_| Vec::new()).collect()).collect();
    for round in 0..rounds {
        for (program, (name, args)) in PROGRAMS.iter().enumerate() {
            for (index, runtime) in config.runtimes.iter().enumerate() {
                eprintln!("bench: {name} on {runtime} (round {})", round + 1);
                measured[program][index].push(run_measured(runtime, &expand(args), &dir)?);
            }
        }
    }
    let mut rows = Vec::new();
    for ((name, _), runs) in PROGRAMS.iter().zip(measured) {
        let medians = |field: fn(&Measured) -> f64| -> Vec<f64> { runs.iter().map(|runs| median(&mut runs.iter().map(field).collect::<Vec<_>>())).collect() };
        rows.push((format!("{name}: wall (ms)"), medians(|m| m.wall)));
        rows.push((format!("{name}: CPU (ms)"), medians(|m| m.cpu)));
        rows.push((format!("{name}: peak RSS (KiB)"), medians(|m| m.peak_rss)));
    }
    Ok(rows)
}

fn main() {
    let config = match parse() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let driver = config.root.join("js-tests/bench/driver.js");
    let names: Vec<String> = config.runtimes.iter().map(|r| Path::new(r.split_whitespace().next().unwrap()).file_name().unwrap().to_string_lossy().into_owned()).collect();
    let mut columns = Vec::new();
    let http_only = config.case.as_deref() == Some(HTTP_CASE);
    let programs_only = config.case.as_deref() == Some(PROGRAMS_CASE);
    for runtime in config.runtimes.iter().filter(|_| !http_only && !programs_only) {
        eprintln!("bench: running {runtime}");
        let timed = time_cases(&config, runtime, &driver, config.callgrind);
        let results = match (timed, config.callgrind) {
            (Ok(timed), false) => timed,
            (Ok(timed), true) => {
                let cases: Vec<String> = timed.into_iter().map(|(name, _)| name).collect();
                count_cases(&config, runtime, &driver, &cases)
            }
            (Err(message), _) => {
                eprintln!("bench: {message}");
                std::process::exit(1);
            }
        };
        columns.push(results);
    }
    // The http rows name their own units.
    let unit = if config.callgrind { " instr/op" } else if http_only || programs_only { "" } else { " ns/op" };
    let mut rows: Vec<(String, Vec<f64>)> = columns
        .first()
        .into_iter()
        .flatten()
        .map(|(name, _)| (name.clone(), columns.iter().map(|c| c.iter().find(|(n, _)| n == name).map_or(f64::NAN, |(_, v)| *v)).collect()))
        .collect();
    // Timed, never counted: a server under valgrind measures valgrind.
    if !config.callgrind && (config.case.is_none() || http_only) {
        let load = http_load::Load {
            connections: config.connections,
            warm_up: std::time::Duration::from_secs(1),
            measured: std::time::Duration::from_secs_f64(config.http_seconds),
        };
        let script = config.root.join("js-tests/bench/http_server.js");
        // Rounds alternate between the runtimes, so a change in the machine's load falls on
        // each; each row is the median over the rounds.
        let mut rates = vec![Vec::new(); config.runtimes.len()];
        let mut p99s = vec![Vec::new(); config.runtimes.len()];
        for round in 0..config.timed_repeats() {
            for (index, runtime) in config.runtimes.iter().enumerate() {
                eprintln!("bench: {HTTP_CASE} on {runtime} (round {})", round + 1);
                match http_load::measure(runtime, &script, &load) {
                    Ok(throughput) => {
                        eprintln!("bench: {:.0} requests/s, p99 {:.2} ms", throughput.requests_per_second, throughput.p99_ms);
                        rates[index].push(throughput.requests_per_second);
                        p99s[index].push(throughput.p99_ms);
                    }
                    Err(message) => {
                        eprintln!("bench: {message}");
                        std::process::exit(1);
                    }
                }
            }
        }
        let measured: Vec<(f64, f64)> = rates.iter_mut().zip(&mut p99s).map(|(rates, p99s)| (median(rates), median(p99s))).collect();
        rows.push((format!("{HTTP_CASE} (requests/s)"), measured.iter().map(|m| m.0).collect()));
        rows.push((format!("{HTTP_CASE} p99 latency (ms)"), measured.iter().map(|m| m.1).collect()));
    }
    if config.case.is_none() || programs_only {
        match run_programs(&config, config.timed_repeats()) {
            Ok(program_rows) => rows.extend(program_rows),
            Err(message) => {
                eprintln!("bench: {message}");
                std::process::exit(1);
            }
        }
    }
    println!("| case | {} | {} |", names.iter().map(|n| format!("{n}{unit}")).collect::<Vec<_>>().join(" | "), if names.len() >= 2 { format!("{}/{}", names[1], names[0]) } else { "ratio".into() });
    println!("|---|{}---|", "---|".repeat(names.len()));
    let mut json = Vec::new();
    for (name, values) in &rows {
        let ratio = if values.len() >= 2 { values[1] / values[0] } else { f64::NAN };
        let cells: Vec<String> = values.iter().map(|v| format!("{v:.1}")).collect();
        println!("| {name} | {} | {ratio:.2} |", cells.join(" | "));
        let entries: Vec<String> = names.iter().zip(values).map(|(n, v)| format!("\"{n}\": {v:.3}")).collect();
        json.push(format!("{{\"case\": \"{}\", {}, \"ratio\": {ratio:.4}}}", name.replace('`', ""), entries.join(", ")));
    }
    let pairs: Vec<(&String, &Vec<f64>, &Vec<f64>)> = rows
        .iter()
        .filter_map(|(name, rust)| {
            let c_name = name.strip_prefix("#[napi] ")?;
            let (_, c) = rows.iter().find(|(other, _)| other == c_name)?;
            Some((name, rust, c))
        })
        .collect();
    if !pairs.is_empty() {
        println!();
        println!("| #[napi] (Rust) / C, same case | {} |", names.join(" | "));
        println!("|---|{}", "---|".repeat(names.len()));
        for (name, rust, c) in pairs {
            let ratios: Vec<String> = rust.iter().zip(c).map(|(r, c)| format!("{:.2}", r / c)).collect();
            println!("| {} | {} |", name.trim_start_matches("#[napi] "), ratios.join(" | "));
        }
    }
    if let Some(path) = &config.json {
        std::fs::write(path, format!("{{\"unit\": \"{}\", \"cases\": [\n  {}\n]}}\n", unit.trim(), json.join(",\n  "))).expect("write json");
    }
}
